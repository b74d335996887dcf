"""The user side: what the people in a test do, each action becoming an update for the bot.

:class:`UserActions` creates users and groups (:meth:`~UserActions.user`,
:meth:`~UserActions.group`), sends their messages (text with the entities a Telegram client would
attach, stickers, photos, voice notes, documents), edits, button presses
(:meth:`~UserActions.press`, checked against the message's *current* keyboard), inline queries
and the choice of an inline result. What the bot does in response is observed with
``observe.py``.
"""

from __future__ import annotations

import copy
import re
import time
from collections.abc import Iterable
from typing import Any

from .checks import format_text
from .html_check import utf16_len
from .model import Chat, ChatLike, MessageLike, StoredFile, StoredMessage, User
from .updates import UpdateQueue

__all__ = ["UserActions", "detect_entities"]


class UserActions(UpdateQueue):
    # -- people and chats ----------------------------------------------------------------------
    def user(
        self,
        first_name: str = "Alice",
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "zh-hans",
        user_id: int | None = None,
        started: bool = True,
    ) -> User:
        """Create a user and their private chat (chat id == user id).

        ``started=False``: the user never opened the bot, so the bot may not message them first
        (``403 Forbidden: bot can't initiate conversation with a user``) until they write.
        """
        with self._lock:
            uid = user_id if user_id is not None else next(self._user_ids)
            u = User(uid, first_name, last_name, username, language_code)
            self._users[uid] = u
            self._chats[uid] = Chat(
                uid, "private", first_name=first_name, last_name=last_name, username=username
            )
            if started:
                self._started_users.add(uid)
            return u

    def group(
        self,
        title: str = "编辑部",
        *,
        supergroup: bool = False,
        chat_id: int | None = None,
        username: str | None = None,
    ) -> Chat:
        """Create a group (or supergroup) the bot is a member of."""
        with self._lock:
            n = next(self._group_ids)
            cid = chat_id if chat_id is not None else (-1001000000000 - n if supergroup else -4000000000 - n)
            chat = Chat(cid, "supergroup" if supergroup else "group", title=title, username=username)
            self._chats[cid] = chat
            return chat

    def make_admin(self, chat: ChatLike, user: User) -> None:
        """`user` administers the group `chat` (getChatMember says "administrator")."""
        with self._lock:
            self._admins.setdefault(self._chat_id(chat), set()).add(user.id)

    def block(self, user: User) -> None:
        """`user` blocks the bot: whatever the bot sends them is refused with 403 until they
        write to it again (a blocked bot gets nothing from them, so writing unblocks)."""
        with self._lock:
            self._blocked_users.add(user.id)

    def private_chat(self, user: User) -> Chat:
        return self._chats[user.id]

    # -- messages, buttons, inline mode --------------------------------------------------------
    def send_text(
        self,
        user: User,
        text: str,
        *,
        chat: ChatLike | None = None,
        reply_to: MessageLike | None = None,
        entities: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """``user`` writes ``text`` (entities for commands/mentions/hashtags/urls auto-generated
        unless given). Returns the message dict. In groups with privacy mode (default) the bot
        only gets the update for commands, @mentions of the bot and replies to the bot."""
        if not text:
            raise ValueError("users can't send empty messages")
        extra: dict[str, Any] = {"text": text}
        ents = detect_entities(text) if entities is None else entities
        if ents:
            extra["entities"] = ents
        return self._user_message(user, chat, extra, reply_to)

    def reply_to(
        self, user: User, message: MessageLike, text: str, *, chat: ChatLike | None = None
    ) -> dict[str, Any]:
        """``user`` replies to ``message`` (in its chat unless ``chat`` is given)."""
        if chat is None:
            chat = self._message_key(message)[0]
        return self.send_text(user, text, chat=chat, reply_to=message)

    def send_sticker(self, user: User, *, chat: ChatLike | None = None, emoji: str = "😀") -> dict[str, Any]:
        fid = self._file_id("sticker")
        sticker = {
            "file_id": fid,
            "file_unique_id": fid[-12:],
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
            "file_size": 12345,
        }
        return self._user_message(user, chat, {"sticker": sticker}, None)

    def send_photo(
        self, user: User, *, chat: ChatLike | None = None, caption: str | None = None
    ) -> dict[str, Any]:
        sizes = []
        for w, h in ((90, 67), (320, 240), (1280, 960)):
            fid = self._file_id("photo")
            sizes.append(
                {
                    "file_id": fid,
                    "file_unique_id": fid[-12:],
                    "width": w,
                    "height": h,
                    "file_size": w * h // 10,
                }
            )
        extra: dict[str, Any] = {"photo": sizes}
        if caption:
            extra["caption"] = caption
        return self._user_message(user, chat, extra, None)

    def send_voice(self, user: User, *, chat: ChatLike | None = None, duration: int = 3) -> dict[str, Any]:
        fid = self._file_id("voice")
        voice = {
            "file_id": fid,
            "file_unique_id": fid[-12:],
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": 4000 * duration,
        }
        return self._user_message(user, chat, {"voice": voice}, None)

    def send_document(
        self,
        user: User,
        *,
        chat: ChatLike | None = None,
        file_name: str = "报纸.pdf",
        mime_type: str = "application/pdf",
        content: bytes | None = None,
        caption: str | None = None,
        file_size: int | None = None,
        media_group_id: str | None = None,
    ) -> dict[str, Any]:
        """``user`` sends a document. With ``content`` the file is kept as Telegram keeps a
        user's upload: the bot can ``getFile`` it (at most 20 MB) and download its bytes;
        ``file_size`` overrides the size Telegram reports (a file too big to download)."""
        fid = self._file_id("doc")
        doc = {
            "file_id": fid,
            "file_unique_id": fid[-12:],
            "file_name": file_name,
            "mime_type": mime_type,
            "file_size": file_size if file_size is not None else len(content) if content is not None else 100_000,
        }
        if content is not None:
            with self._lock:
                stored = StoredFile(fid, fid[-12:], "document", content, int(doc["file_size"]), "", doc)
                ext = "." + file_name.rsplit(".", 1)[1] if "." in file_name else ""
                stored.file_path = f"documents/file_{len(self._file_paths)}{ext}"
                self._files[fid] = stored
                self._file_paths[stored.file_path] = stored
        extra: dict[str, Any] = {"document": doc}
        if caption:
            extra["caption"] = caption
        if media_group_id:
            extra["media_group_id"] = media_group_id
        return self._user_message(user, chat, extra, None)

    def edit_text(self, user: User, message: MessageLike, new_text: str) -> dict[str, Any]:
        """``user`` edits their own text message -> ``edited_message`` update."""
        with self._lock:
            key = self._message_key(message)
            stored = self._messages.get(key)
            if stored is None or stored.from_bot or stored.data.get("from", {}).get("id") != user.id:
                raise ValueError(f"message {key} is not a message of {user.first_name}")
            if "text" not in stored.data:
                raise ValueError("only text messages can be edited with edit_text")
            data = stored.data
            data["text"] = new_text
            ents = detect_entities(new_text)
            if ents:
                data["entities"] = ents
            else:
                data.pop("entities", None)
            data["edit_date"] = max(int(time.time()), data["date"] + 1)
            stored.version += 1
            if self._deliverable(self._chats[key[0]], data):
                self._push_update("edited_message", copy.deepcopy(data))
            return copy.deepcopy(data)

    def press(self, user: User, message: MessageLike | str, callback_data: str) -> str:
        """``user`` presses the inline button with ``callback_data`` on a bot message (or on an
        inline message given by its ``inline_message_id``). Returns the callback query id.
        Raises ``ValueError`` if the message (in its current state) has no such button."""
        with self._lock:
            qid = str(next(self._ids) * 7919 + 4_000_000_000_000)
            cq: dict[str, Any] = {"id": qid, "from": user.to_dict()}
            if isinstance(message, str):
                im = self._inline_messages.get(message)
                if im is None:
                    raise ValueError(f"unknown inline message {message!r}")
                markup = im.get("reply_markup")
                cq["inline_message_id"] = message
                cq["chat_instance"] = str(abs(hash(("inline", message))) % 10**18)
            else:
                key = self._message_key(message)
                stored = self._messages.get(key)
                if stored is None:
                    raise ValueError(f"unknown message {key}")
                markup = stored.data.get("reply_markup")
                cq["message"] = copy.deepcopy(stored.data)
                cq["chat_instance"] = str(abs(hash(("chat", key[0]))) % 10**18)
            datas = [b.get("callback_data") for row in (markup or {}).get("inline_keyboard", []) for b in row]
            if callback_data not in datas:
                raise ValueError(
                    f"the message has no button with callback_data={callback_data!r}; buttons: {datas!r}"
                )
            cq["data"] = callback_data
            self._callback_queries[qid] = {"delivered": False, "answered": False}
            self._push_update("callback_query", cq)
            return qid

    def inline_query(
        self, user: User, query: str, *, offset: str = "", chat_type: str | None = "sender"
    ) -> str:
        """``user`` types ``@bot query``. Returns the inline query id."""
        if not self.supports_inline_queries:
            raise ValueError("the bot does not support inline queries (supports_inline_queries=False)")
        with self._lock:
            qid = str(next(self._ids) * 104729 + 7_000_000_000_000)
            iq: dict[str, Any] = {"id": qid, "from": user.to_dict(), "query": query, "offset": offset}
            if chat_type:
                iq["chat_type"] = chat_type
            self._inline_queries[qid] = {
                "user": user.id,
                "query": query,
                "delivered": False,
                "answered": False,
            }
            self._push_update("inline_query", iq)
            return qid

    def choose_inline_result(self, user: User, result_id: str, query: str | None = None) -> dict[str, Any]:
        """``user`` picks ``result_id`` from an answered inline query (of ``query`` if given).
        Emits ``chosen_inline_result`` (if ``inline_feedback``); if the result had an inline
        keyboard, the sent message gets an ``inline_message_id`` the bot can edit and
        :meth:`press` can target. Returns the chosen_inline_result dict."""
        with self._lock:
            found: dict[str, Any] | None = None
            for qid, answer in reversed(list(self.inline_answers.items())):
                info = self._inline_queries.get(qid, {})
                if info.get("user") != user.id or (query is not None and info.get("query") != query):
                    continue
                for r in answer["results"]:
                    if r.get("id") == result_id:
                        found = r
                        query = info["query"]
                        break
                if found:
                    break
            if found is None:
                raise ValueError(f"no answered inline result {result_id!r} for {user.first_name}")
            chosen: dict[str, Any] = {"result_id": result_id, "from": user.to_dict(), "query": query}
            if found.get("reply_markup"):
                imid = f"AAAA{next(self._ids):08d}inline"
                content = found.get("input_message_content") or {}
                text, ents = format_text(
                    content.get("message_text", ""),
                    content.get("parse_mode"),
                    content.get("entities"),
                    inline=True,
                )
                self._inline_messages[imid] = {
                    "text": text,
                    "entities": ents,
                    "reply_markup": found["reply_markup"],
                }
                chosen["inline_message_id"] = imid
            if self.inline_feedback:
                self._push_update("chosen_inline_result", chosen)
            return copy.deepcopy(chosen)

    # -- internals ------------------------------------------------------------------------------
    def _user_message(
        self, user: User, chat: ChatLike | None, extra: dict[str, Any], reply_to: MessageLike | None
    ) -> dict[str, Any]:
        with self._lock:
            if user.id not in self._users:
                raise ValueError(f"unknown user {user!r}; create users with tg.user()")
            cid = user.id if chat is None else self._chat_id(chat)
            chat_obj = self._chats.get(cid)
            if chat_obj is None:
                raise ValueError(f"unknown chat {cid}; create groups with tg.group()")
            if chat_obj.type == "private" and cid != user.id:
                raise ValueError("a user can only write in their own private chat with the bot")
            msg: dict[str, Any] = {
                "message_id": self._next_message_id(cid),
                "from": user.to_dict(),
                "chat": chat_obj.to_dict(),
                "date": int(time.time()),
                **extra,
            }
            if reply_to is not None:
                rkey = self._message_key(reply_to)
                if rkey[0] != cid or rkey not in self._messages:
                    raise ValueError(f"cannot reply to {rkey} in chat {cid}")
                replied = copy.deepcopy(self._messages[rkey].data)
                replied.pop("reply_to_message", None)
                msg["reply_to_message"] = replied
            self._messages[(cid, msg["message_id"])] = StoredMessage(copy.deepcopy(msg), from_bot=False)
            if chat_obj.type == "private":
                self._started_users.add(user.id)
                self._blocked_users.discard(user.id)
            if self._deliverable(chat_obj, msg):
                self._push_update("message", copy.deepcopy(msg))
            return msg


_ENTITY_PATTERNS: Iterable[tuple[str, re.Pattern[str]]] = (
    ("bot_command", re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_@/])")),
    ("mention", re.compile(r"(?<![A-Za-z0-9_@/])@[A-Za-z0-9_]{4,32}(?![A-Za-z0-9_])")),
    ("hashtag", re.compile(r"(?<![\w#])#\w*[^\W\d]\w*")),
    ("url", re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\]》，。！？]")),
)


def detect_entities(text: str) -> list[dict[str, Any]]:
    """Entities the Telegram client/server would attach to a user's text."""
    ents: list[dict[str, Any]] = []
    for kind, pattern in _ENTITY_PATTERNS:
        for m in pattern.finditer(text):
            ents.append(
                {"type": kind, "offset": utf16_len(text[: m.start()]), "length": utf16_len(m.group(0))}
            )
    ents.sort(key=lambda e: e["offset"])
    # drop overlaps (e.g. a mention inside a url)
    out: list[dict[str, Any]] = []
    end = -1
    for e in ents:
        if e["offset"] >= end:
            out.append(e)
            end = e["offset"] + e["length"]
    return out
