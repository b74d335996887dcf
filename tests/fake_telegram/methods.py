"""The Bot API methods, one ``_api_<method>`` each, and :data:`METHODS`, the one table that maps
a (lower-cased) method name to its implementation.

A method gets the decoded parameters (see ``transport.normalize_params``) and returns the
``result`` of the response, or raises :class:`~.model.ApiError`. To add a method: write its
``_api_<name>`` in the mixin where its state lives (here for messages, edits, queries, commands,
webhooks; ``updates.py`` for ``getUpdates``; ``files.py`` for uploads and ``getFile``) and add
it to :data:`METHODS`. Methods only recorded in ``calls`` map to :func:`_record_only`.
"""

from __future__ import annotations

import copy
import re
import time
from collections.abc import Callable
from typing import Any

from .checks import MAX_INLINE_RESULTS, check_inline_result, check_markup, format_text
from .files import FileApi
from .html_check import utf16_len
from .model import bad
from .state import FakeState, scope_key
from .updates import UpdateQueue

__all__ = ["METHODS", "BotApi"]

CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)


class BotApi(FakeState):
    # -- the bot and its webhook ----------------------------------------------------------------
    def _api_getme(self, p: dict[str, Any]) -> Any:
        return {
            **self.bot.to_dict(),
            "can_join_groups": self.can_join_groups,
            "can_read_all_group_messages": self.can_read_all_group_messages,
            "supports_inline_queries": self.supports_inline_queries,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _api_deletewebhook(self, p: dict[str, Any]) -> Any:
        with self._cond:
            self.webhook = None
            if p.get("drop_pending_updates"):
                self._updates.clear()
            self._cond.notify_all()
        return True

    def _api_setwebhook(self, p: dict[str, Any]) -> Any:
        url = p.get("url") or ""
        with self._cond:
            if not url:
                self.webhook = None
            else:
                if not str(url).startswith("https://"):
                    raise bad("bad webhook: An HTTPS URL must be provided for webhook")
                self.webhook = dict(p)
            if p.get("drop_pending_updates"):
                self._updates.clear()
            self._cond.notify_all()
        return True

    def _api_getwebhookinfo(self, p: dict[str, Any]) -> Any:
        with self._lock:
            return {
                "url": (self.webhook or {}).get("url", ""),
                "has_custom_certificate": False,
                "pending_update_count": len(self._updates),
            }

    # -- messages -------------------------------------------------------------------------------
    def _api_sendmessage(self, p: dict[str, Any]) -> Any:
        with self._cond:
            chat = self._resolve_chat(p)
            text, ents = format_text(p.get("text"), p.get("parse_mode"), p.get("entities"))
            markup = check_markup(p.get("reply_markup"))
            lpo = p.get("link_preview_options")
            if lpo is not None and not isinstance(lpo, dict):
                raise bad("can't parse link preview options JSON object")
            replied = self._reply_to(chat, p)
            msg = self._bot_message_head(chat)
            msg["text"] = text
            if ents:
                msg["entities"] = ents
            if markup is not None:
                msg["reply_markup"] = markup
            if replied is not None:
                msg["reply_to_message"] = replied
            if lpo:
                msg["link_preview_options"] = lpo
            return self._record_bot_message(chat, msg)

    def _api_getchatmember(self, p: dict[str, Any]) -> Any:
        """A ChatMember: "administrator" for those `make_admin` named, the private chat's own
        user as "member", otherwise "member" for a known user ("user not found" else)."""
        with self._cond:
            chat = self._resolve_chat(p)
            raw = p.get("user_id")
            uid = int(raw) if isinstance(raw, int | str) and str(raw).lstrip("-").isdigit() else None
            user = self._users.get(uid) if uid is not None else None
            if user is None:
                raise bad("user not found")
            if chat.type != "private" and uid in self._admins.get(chat.id, set()):
                return {"status": "administrator", "user": user.to_dict(), "can_be_edited": False,
                        "is_anonymous": False, "can_manage_chat": True, "can_delete_messages": True,
                        "can_manage_video_chats": True, "can_restrict_members": True, "can_promote_members": False,
                        "can_change_info": True, "can_invite_users": True, "can_post_stories": False,
                        "can_edit_stories": False, "can_delete_stories": False}
            return {"status": "member", "user": user.to_dict()}

    def _target_message(self, p: dict[str, Any]) -> tuple[str, Any]:
        """('inline', id) or ('chat', StoredMessage) for edit methods."""
        imid = p.get("inline_message_id")
        if imid:
            if imid not in self._inline_messages:
                raise bad("MESSAGE_ID_INVALID")
            return "inline", imid
        if p.get("chat_id") in (None, ""):
            raise bad("chat_id is empty")
        if p.get("message_id") is None:
            raise bad("message identifier is not specified")
        cid = p["chat_id"]
        chat = self._chats.get(cid) if isinstance(cid, int) else None
        if chat is None:
            raise bad("chat not found")
        stored = self._messages.get((chat.id, p["message_id"]))
        if stored is None:
            raise bad("message to edit not found")
        if not stored.from_bot:
            raise bad("message can't be edited")
        return "chat", stored

    def _apply_edit(
        self,
        kind: str,
        target: Any,
        text: str | None,
        ents: list[dict[str, Any]] | None,
        markup: dict[str, Any] | None,
    ) -> Any:
        data = self._inline_messages[target] if kind == "inline" else target.data
        new_text = data.get("text") if text is None else text
        new_ents = data.get("entities", []) if ents is None else ents
        if (
            new_text == data.get("text")
            and new_ents == data.get("entities", [])
            and markup == data.get("reply_markup")
        ):
            raise bad(_NOT_MODIFIED)
        if text is not None or "text" in data:  # a reply-markup edit leaves a photo's caption alone
            data["text"] = new_text
        if new_ents:
            data["entities"] = new_ents
        else:
            data.pop("entities", None)
        if markup is not None:
            data["reply_markup"] = markup
        else:
            data.pop("reply_markup", None)
        if kind == "inline":
            self._edits.setdefault(target, []).append(copy.deepcopy(data))
            self._cond.notify_all()
            return True
        data["edit_date"] = max(int(time.time()), data["date"])
        target.version += 1
        self._edits.setdefault(self._message_key(data), []).append(copy.deepcopy(data))
        self._cond.notify_all()
        return copy.deepcopy(data)

    def _api_editmessagetext(self, p: dict[str, Any]) -> Any:
        with self._cond:
            kind, target = self._target_message(p)
            text, ents = format_text(p.get("text"), p.get("parse_mode"), p.get("entities"))
            markup = check_markup(p.get("reply_markup"))
            if kind == "chat" and "text" not in target.data:
                raise bad("there is no text in the message to edit")
            # NB: like Telegram, omitting reply_markup removes an existing inline keyboard
            return self._apply_edit(kind, target, text, ents, markup)

    def _api_editmessagereplymarkup(self, p: dict[str, Any]) -> Any:
        with self._cond:
            kind, target = self._target_message(p)
            markup = check_markup(p.get("reply_markup"))
            return self._apply_edit(kind, target, None, None, markup)

    def _api_deletemessage(self, p: dict[str, Any]) -> Any:
        with self._cond:
            cid = p.get("chat_id")
            key = (cid, p.get("message_id"))
            if key not in self._messages:
                raise bad("message to delete not found")
            del self._messages[key]  # type: ignore[arg-type]
            self._cond.notify_all()
            return True

    # -- callback and inline queries -------------------------------------------------------------
    def _api_answercallbackquery(self, p: dict[str, Any]) -> Any:
        with self._cond:
            qid = p.get("callback_query_id")
            info = self._callback_queries.get(str(qid)) if qid is not None else None
            if info is None or not info["delivered"] or info["answered"]:
                raise bad(_QUERY_INVALID)
            text = p.get("text")
            if text is not None and utf16_len(str(text)) > 200:
                raise bad("MESSAGE_TOO_LONG")
            info["answered"] = True
            self.callback_answers.append({**p, "callback_query_id": str(qid)})
            self._cond.notify_all()
            return True

    def _api_answerinlinequery(self, p: dict[str, Any]) -> Any:
        with self._cond:
            qid = str(p.get("inline_query_id"))
            info = self._inline_queries.get(qid)
            if info is None or not info["delivered"] or info["answered"]:
                raise bad(_QUERY_INVALID)
            results = p.get("results")
            if not isinstance(results, list):
                raise bad("can't parse results JSON object")
            if len(results) > MAX_INLINE_RESULTS:
                raise bad("RESULTS_TOO_MUCH")
            seen: set[str] = set()
            for r in results:
                check_inline_result(r, seen)
            next_offset = p.get("next_offset")
            if next_offset is not None and len(str(next_offset).encode()) > 64:
                raise bad("NEXT_OFFSET_INVALID")
            info["answered"] = True
            self.inline_answers[qid] = {**p, "results": results}
            self._cond.notify_all()
            return True

    # -- commands and chat actions ---------------------------------------------------------------
    def _api_setmycommands(self, p: dict[str, Any]) -> Any:
        commands = p.get("commands")
        if not isinstance(commands, list):
            raise bad("can't parse commands JSON object")
        if len(commands) > 100:
            raise bad("BOT_COMMANDS_TOO_MUCH")
        clean = []
        for c in commands:
            if not isinstance(c, dict):
                raise bad("can't parse BotCommand JSON object")
            name, desc = c.get("command"), c.get("description")
            if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9_]{1,32}", name):
                raise bad("BOT_COMMAND_INVALID")
            if not isinstance(desc, str) or not 1 <= len(desc.strip()) <= 256 or len(desc) > 256:
                raise bad("BOT_COMMAND_DESCRIPTION_INVALID")
            clean.append({"command": name, "description": desc})
        lang = p.get("language_code") or ""
        with self._cond:
            self._commands[(scope_key(p.get("scope")), lang)] = clean
            self._cond.notify_all()
        return True

    def _api_getmycommands(self, p: dict[str, Any]) -> Any:
        with self._lock:
            return copy.deepcopy(
                self._commands.get((scope_key(p.get("scope")), p.get("language_code") or ""), [])
            )

    def _api_deletemycommands(self, p: dict[str, Any]) -> Any:
        with self._cond:
            self._commands.pop((scope_key(p.get("scope")), p.get("language_code") or ""), None)
            self._cond.notify_all()
        return True

    def _api_sendchataction(self, p: dict[str, Any]) -> Any:
        with self._cond:
            chat = self._resolve_chat(p)
            action = p.get("action")
            if action not in CHAT_ACTIONS:
                raise bad("wrong parameter action in request")
            self.chat_actions.append({"chat_id": chat.id, "action": action, "at": time.monotonic()})
            self._cond.notify_all()
        return True


def _record_only(self: FakeState, p: dict[str, Any]) -> Any:
    return True


Method = Callable[[Any, dict[str, Any]], Any]

#: lower-cased Bot API method name -> implementation, called as ``method(fake, params)``
METHODS: dict[str, Method] = {
    # the bot, updates, webhook
    "getme": BotApi._api_getme,
    "getupdates": UpdateQueue._api_getupdates,
    "setwebhook": BotApi._api_setwebhook,
    "deletewebhook": BotApi._api_deletewebhook,
    "getwebhookinfo": BotApi._api_getwebhookinfo,
    # messages
    "sendmessage": BotApi._api_sendmessage,
    "editmessagetext": BotApi._api_editmessagetext,
    "editmessagereplymarkup": BotApi._api_editmessagereplymarkup,
    "deletemessage": BotApi._api_deletemessage,
    "sendchataction": BotApi._api_sendchataction,
    "getchatmember": BotApi._api_getchatmember,
    # files (files.py)
    "sendphoto": FileApi._api_sendphoto,
    "senddocument": FileApi._api_senddocument,
    "getfile": FileApi._api_getfile,
    # queries
    "answercallbackquery": BotApi._api_answercallbackquery,
    "answerinlinequery": BotApi._api_answerinlinequery,
    # commands
    "setmycommands": BotApi._api_setmycommands,
    "getmycommands": BotApi._api_getmycommands,
    "deletemycommands": BotApi._api_deletemycommands,
    # accepted and recorded in ``calls`` only
    "setmydescription": _record_only,
    "setmyshortdescription": _record_only,
    "setmyname": _record_only,
    "setchatmenubutton": _record_only,
    "setmydefaultadministratorrights": _record_only,
}
