"""An in-process fake of the Telegram Bot API for end-to-end tests.

The server runs in daemon threads (``ThreadingHTTPServer``) on 127.0.0.1, never on the test's
event loop, so the real PTB ``Application`` (real ``httpx`` client) can talk to it while the test
drives the "user side" through :class:`FakeTelegram`'s thread-safe methods.

All waiting methods are blocking with a timeout (raise :class:`FakeTelegramTimeout`, an
``AssertionError``); every one has an ``*_async`` twin that runs it in a worker thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import itertools
import json
import re
import socket
import threading
import time
import urllib.parse
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email import policy as email_policy
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from .html_check import HtmlParseError, parse_html, strip_text, utf16_len

__all__ = [
    "ApiCall",
    "ApiError",
    "Chat",
    "FakeTelegram",
    "FakeTelegramTimeout",
    "User",
]

MAX_MESSAGE_LENGTH = 4096
MAX_CALLBACK_DATA_BYTES = 64
MAX_INLINE_RESULTS = 50
MAX_INLINE_RESULT_ID_BYTES = 64
DEFAULT_ALLOWED_UPDATES = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "purchased_paid_media",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_join_request",
        "chat_boost",
        "removed_chat_boost",
    }
)
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
BUTTON_ACTION_FIELDS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
INLINE_RESULT_TYPES = frozenset(
    {
        "article",
        "photo",
        "gif",
        "mpeg4_gif",
        "video",
        "audio",
        "voice",
        "document",
        "location",
        "venue",
        "contact",
        "game",
        "sticker",
    }
)
_JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "reply_parameters",
        "link_preview_options",
        "entities",
        "caption_entities",
        "results",
        "commands",
        "scope",
        "allowed_updates",
        "button",
        "media",
    }
)
_INT_FIELDS = frozenset(
    {
        "chat_id",
        "message_id",
        "offset",
        "limit",
        "timeout",
        "cache_time",
        "reply_to_message_id",
        "message_thread_id",
        "max_connections",
    }
)
_BOOL_FIELDS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "show_alert",
        "is_personal",
        "drop_pending_updates",
        "disable_web_page_preview",
        "allow_sending_without_reply",
        "allow_paid_broadcast",
    }
)
_QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"
_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)


# ------------------------------------------------------------------------------------------------
# public value types
# ------------------------------------------------------------------------------------------------
class FakeTelegramTimeout(AssertionError):
    """A ``wait_*`` method of :class:`FakeTelegram` timed out."""


class ApiError(Exception):
    """An error response of the fake Bot API (also usable by tests to build expectations)."""

    def __init__(self, status: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(f"{status} {description}")
        self.status = status
        self.description = description
        self.parameters = parameters

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def _bad(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


@dataclass(frozen=True)
class User:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = "zh-hans"
    is_bot: bool = False

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.last_name:
            d["last_name"] = self.last_name
        if self.username:
            d["username"] = self.username
        if self.language_code and not self.is_bot:
            d["language_code"] = self.language_code
        return d


@dataclass(frozen=True)
class Chat:
    id: int
    type: str  # "private" | "group" | "supergroup"
    title: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    username: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "type": self.type}
        for key in ("title", "first_name", "last_name", "username"):
            value = getattr(self, key)
            if value:
                d[key] = value
        return d


@dataclass
class ApiCall:
    """One HTTP call to the Bot API, as received (params decoded: nested JSON parsed, ints/bools
    coerced), with the HTTP status and the response body's ``result``/``description``."""

    method: str
    params: dict[str, Any]
    status: int = 0
    result: Any = None
    description: str | None = None
    at: float = field(default_factory=time.monotonic)

    @property
    def ok(self) -> bool:
        return self.status == 200


@dataclass
class _Fault:
    status: int | None
    description: str | None
    retry_after: int | None
    delay: float


@dataclass
class _StoredMessage:
    data: dict[str, Any]
    from_bot: bool
    version: int = 0


ChatLike = Chat | User | int
MessageLike = dict[str, Any] | tuple[int, int]


# ------------------------------------------------------------------------------------------------
# HTTP plumbing
# ------------------------------------------------------------------------------------------------
class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256  # a load test opens many connections at once; 5 (the default) drops some
    fake: FakeTelegram


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server
    timeout = 120  # idle keep-alive connections are dropped eventually

    def setup(self) -> None:
        super().setup()
        with contextlib.suppress(OSError):  # avoid Nagle/delayed-ACK stalls on keep-alive
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.fake._track_connection(self.connection, add=True)

    def finish(self) -> None:
        with contextlib.suppress(OSError):
            super().finish()
        self.server.fake._track_connection(self.connection, add=False)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        fake = self.server.fake
        with fake._lock:
            fake._in_flight += 1
        try:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            status, payload = self.server.fake._handle_http(
                self.path, self.headers.get("Content-Type", ""), body
            )
            data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            self.wfile.flush()
        except OSError:
            # the client went away (e.g. PTB cancelled a long poll)
            self.close_connection = True
        finally:
            with fake._cond:
                fake._in_flight -= 1
                fake._cond.notify_all()
        if fake._closing.is_set():
            self.close_connection = True


def _parse_body(content_type: str, body: bytes) -> dict[str, Any]:
    ctype = content_type.split(";", 1)[0].strip().lower()
    if not body:
        return {}
    if ctype == "application/json":
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise _bad("can't parse JSON encoded request parameters") from err
        if not isinstance(data, dict):
            raise _bad("can't parse JSON encoded request parameters")
        return data
    if ctype == "multipart/form-data":
        msg = BytesParser(policy=email_policy.HTTP).parsebytes(
            b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
        )
        out: dict[str, Any] = {}
        for part in msg.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if not isinstance(name, str):
                continue
            payload = part.get_payload(decode=True)
            payload = payload if isinstance(payload, bytes) else b""
            filename = part.get_filename()
            if filename is not None:
                out[name] = {"filename": filename, "content": payload}
            else:
                out[name] = payload.decode("utf-8")
        return out
    # application/x-www-form-urlencoded (what PTB's HTTPXRequest sends) and anything else
    pairs = urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True)
    return dict(pairs)


def _normalize_params(raw: dict[str, Any]) -> dict[str, Any]:
    """Decode JSON-serialized nested fields and coerce numeric/boolean strings, like Telegram."""
    params: dict[str, Any] = {}
    for key, value in raw.items():
        if key in _JSON_FIELDS and isinstance(value, str):
            try:
                value = json.loads(value)
            except json.JSONDecodeError as err:
                if key == "reply_markup":
                    raise _bad("can't parse reply keyboard markup JSON object") from err
                raise _bad(f"can't parse {key} JSON object") from err
        elif key in _INT_FIELDS and isinstance(value, str):
            if re.fullmatch(r"-?\d+", value.strip()):
                value = int(value)
            elif key != "chat_id":
                raise _bad(f"invalid {key} specified")
        elif key in _BOOL_FIELDS and isinstance(value, str):
            value = value.strip().lower() in ("true", "1")
        params[key] = value
    return params


# ------------------------------------------------------------------------------------------------
# the fake
# ------------------------------------------------------------------------------------------------
class FakeTelegram:
    """A fake Telegram Bot API server plus a "user side" driving API.

    Wire PTB with ``.base_url(tg.base_url).base_file_url(tg.base_file_url).token(tg.token)``.
    """

    def __init__(
        self,
        token: str = "123456:TEST-fake-telegram-token",
        *,
        username: str = "archive_test_bot",
        first_name: str = "报刊档案助手",
        can_join_groups: bool = True,
        can_read_all_group_messages: bool = False,
        supports_inline_queries: bool = True,
        inline_feedback: bool = True,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        m = re.fullmatch(r"(\d+):[A-Za-z0-9_-]+", token)
        if not m:
            raise ValueError(f"token {token!r} does not look like a bot token (<id>:<secret>)")
        self.token = token
        self.bot = User(int(m.group(1)), first_name, username=username, language_code=None, is_bot=True)
        self.can_join_groups = can_join_groups
        self.can_read_all_group_messages = can_read_all_group_messages
        self.supports_inline_queries = supports_inline_queries
        self.inline_feedback = inline_feedback
        self._host = host
        self._port = port

        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)
        self._closing = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._connections: set[socket.socket] = set()
        self._in_flight = 0

        self._ids = itertools.count(1)
        self._user_ids = itertools.count(10_001)
        self._group_ids = itertools.count(1)
        self._users: dict[int, User] = {}
        self._started_users: set[int] = set()
        self._chats: dict[int, Chat] = {}
        self._msg_counters: dict[int, itertools.count[int]] = {}
        self._messages: dict[tuple[int, int], _StoredMessage] = {}
        self._bot_sent: dict[int, list[dict[str, Any]]] = {}
        self._sent_cursor: dict[int, int] = {}
        self._edits: dict[tuple[int, int] | str, list[dict[str, Any]]] = {}
        self._edit_cursor: dict[tuple[int, int] | str, int] = {}
        self._inline_messages: dict[str, dict[str, Any]] = {}

        self._updates: list[dict[str, Any]] = []
        self._next_update_id = 100_000
        self._poll_generation = 0
        self._allowed_updates: frozenset[str] = DEFAULT_ALLOWED_UPDATES
        self._callback_queries: dict[str, dict[str, Any]] = {}
        self._inline_queries: dict[str, dict[str, Any]] = {}
        self._faults: dict[str, deque[_Fault]] = {}

        self.webhook: dict[str, Any] | None = None
        self.calls: list[ApiCall] = []
        self.callback_answers: list[dict[str, Any]] = []
        self.inline_answers: dict[str, dict[str, Any]] = {}
        self.chat_actions: list[dict[str, Any]] = []
        self._commands: dict[tuple[str, str], list[dict[str, str]]] = {}

    # -- lifecycle -----------------------------------------------------------------------------
    def start(self) -> FakeTelegram:
        if self._server is not None:
            return self
        server = _Server((self._host, self._port), _Handler)
        server.fake = self
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-telegram", daemon=True
        )
        self._thread.start()
        return self

    def close(self) -> None:
        server = self._server
        if server is None:
            return
        self._closing.set()
        with self._cond:
            self._cond.notify_all()
        server.shutdown()
        server.server_close()
        with self._cond:
            # let pending requests (woken long polls) finish their responses first
            self._cond.wait_for(lambda: self._in_flight == 0, timeout=2)
            conns = list(self._connections)
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        if self._thread is not None:
            self._thread.join(timeout=5)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            with self._lock:
                if not self._connections:
                    break
            time.sleep(0.01)
        self._server = None

    def __enter__(self) -> FakeTelegram:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _track_connection(self, conn: socket.socket, *, add: bool) -> None:
        with self._lock:
            if add:
                self._connections.add(conn)
            else:
                self._connections.discard(conn)

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("FakeTelegram is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def base_url(self) -> str:
        """For ``ApplicationBuilder.base_url`` (PTB appends the token)."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.url}/file/bot"

    def bot_user(self) -> dict[str, Any]:
        return self.bot.to_dict()

    # -- user side: people and chats -----------------------------------------------------------
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

    def private_chat(self, user: User) -> Chat:
        return self._chats[user.id]

    # -- user side: sending ----------------------------------------------------------------------
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
        ents = _detect_entities(text) if entities is None else entities
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
    ) -> dict[str, Any]:
        fid = self._file_id("doc")
        doc = {
            "file_id": fid,
            "file_unique_id": fid[-12:],
            "file_name": file_name,
            "mime_type": mime_type,
            "file_size": 100_000,
        }
        return self._user_message(user, chat, {"document": doc}, None)

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
            ents = _detect_entities(new_text)
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

    def inline_answer(self, query_id: str, timeout: float = 5.0) -> list[dict[str, Any]]:
        """Wait for the bot's ``answerInlineQuery`` to ``query_id``; return its results.
        The whole call (next_offset, cache_time, ...) is in ``tg.inline_answers[query_id]``."""
        with self._cond:
            self._wait(
                lambda: query_id in self.inline_answers,
                timeout,
                f"no answerInlineQuery for inline query {query_id}",
            )
            return copy.deepcopy(self.inline_answers[query_id]["results"])

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
                text, ents = self._format_text(
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

    # -- user side: observing the bot ----------------------------------------------------------
    def wait_for_messages(self, chat: ChatLike, count: int = 1, timeout: float = 5.0) -> list[dict[str, Any]]:
        """Wait for the next ``count`` messages the bot sent to ``chat`` that no earlier
        ``wait_for_messages`` call returned (snapshots as sent; later edits: :meth:`wait_for_edit`)."""
        cid = self._chat_id(chat)
        with self._cond:

            def ready() -> bool:
                return len(self._bot_sent.get(cid, [])) - self._sent_cursor.get(cid, 0) >= count

            self._wait(ready, timeout, f"{count} bot message(s) in chat {cid}", chat_id=cid)
            start = self._sent_cursor.get(cid, 0)
            self._sent_cursor[cid] = start + count
            return copy.deepcopy(self._bot_sent[cid][start : start + count])

    def wait_for_message(self, chat: ChatLike, timeout: float = 5.0) -> dict[str, Any]:
        return self.wait_for_messages(chat, 1, timeout)[0]

    def assert_no_messages(self, chat: ChatLike, within: float = 0.3) -> None:
        """Assert the bot sends no further (unread) message to ``chat`` within ``within`` seconds."""
        cid = self._chat_id(chat)
        with self._cond:

            def got() -> bool:
                return len(self._bot_sent.get(cid, [])) > self._sent_cursor.get(cid, 0)

            self._cond.wait_for(got, timeout=within)
            if got():
                extra = self._bot_sent[cid][self._sent_cursor.get(cid, 0) :]
                raise AssertionError(
                    f"unexpected bot message(s) in chat {cid}: {[m.get('text') for m in extra]}"
                )

    def drain_messages(self, chat: ChatLike) -> list[dict[str, Any]]:
        """Return (and mark as read) every bot message in ``chat`` not yet returned; no waiting."""
        cid = self._chat_id(chat)
        with self._lock:
            sent = self._bot_sent.get(cid, [])
            start = self._sent_cursor.get(cid, 0)
            self._sent_cursor[cid] = len(sent)
            return copy.deepcopy(sent[start:])

    def sent_messages(self, chat: ChatLike) -> list[dict[str, Any]]:
        """All messages the bot sent to ``chat`` (as sent), without consuming them."""
        with self._lock:
            return copy.deepcopy(self._bot_sent.get(self._chat_id(chat), []))

    def message(self, message: MessageLike) -> dict[str, Any]:
        """Current state of a message (after edits)."""
        with self._lock:
            key = self._message_key(message)
            if key not in self._messages:
                raise KeyError(key)
            return copy.deepcopy(self._messages[key].data)

    def inline_message(self, inline_message_id: str) -> dict[str, Any]:
        with self._lock:
            return copy.deepcopy(self._inline_messages[inline_message_id])

    def wait_for_edit(self, message: MessageLike | str, timeout: float = 5.0) -> dict[str, Any]:
        """Wait for the next bot edit of ``message`` (or inline message id) not yet returned by
        ``wait_for_edit``; returns the message state right after that edit."""
        key: tuple[int, int] | str = message if isinstance(message, str) else self._message_key(message)
        with self._cond:

            def ready() -> bool:
                return len(self._edits.get(key, [])) > self._edit_cursor.get(key, 0)

            self._wait(ready, timeout, f"an edit of message {key}")
            i = self._edit_cursor.get(key, 0)
            self._edit_cursor[key] = i + 1
            return copy.deepcopy(self._edits[key][i])

    def wait_for_callback_answer(self, query_id: str, timeout: float = 5.0) -> dict[str, Any]:
        """Wait for ``answerCallbackQuery`` of ``query_id``; returns its params."""
        with self._cond:

            def find() -> dict[str, Any] | None:
                return next((a for a in self.callback_answers if a["callback_query_id"] == query_id), None)

            self._wait(lambda: find() is not None, timeout, f"answerCallbackQuery for {query_id}")
            return copy.deepcopy(find())  # type: ignore[return-value]

    def wait_for_call(
        self,
        method: str,
        timeout: float = 5.0,
        *,
        predicate: Callable[[ApiCall], bool] | None = None,
        since: int = 0,
        finished: bool = True,
    ) -> ApiCall:
        """Wait for an API call to ``method`` (index in ``calls`` >= ``since``, see :meth:`mark`)
        matching ``predicate``. ``finished=False`` also matches calls still in progress (e.g. a
        pending long poll, whose ``status`` is 0 until it returns)."""
        lowered = method.lower()
        with self._cond:

            def find() -> ApiCall | None:
                for c in self.calls[since:]:
                    if (
                        c.method.lower() == lowered
                        and (c.status or not finished)
                        and (predicate is None or predicate(c))
                    ):
                        return c
                return None

            self._wait(lambda: find() is not None, timeout, f"a call to {method}")
            return find()  # type: ignore[return-value]

    def mark(self) -> int:
        """Current position in ``calls`` (for ``wait_for_call(..., since=...)``)."""
        with self._lock:
            return len(self.calls)

    def calls_to(self, method: str) -> list[ApiCall]:
        with self._lock:
            return [c for c in self.calls if c.method.lower() == method.lower()]

    def wait_until_consumed(self, timeout: float = 5.0) -> None:
        """Wait until the bot has fetched and confirmed (via ``offset``) every pending update."""
        with self._cond:
            self._wait(lambda: not self._updates, timeout, "the bot to confirm all updates")

    def pending_updates(self) -> list[dict[str, Any]]:
        with self._lock:
            return copy.deepcopy(self._updates)

    @property
    def commands(self) -> list[dict[str, str]]:
        """Commands set with ``setMyCommands`` for the default scope and no language."""
        return self.commands_for()

    def commands_for(
        self, scope: dict[str, Any] | None = None, language_code: str = ""
    ) -> list[dict[str, str]]:
        with self._lock:
            return copy.deepcopy(self._commands.get((_scope_key(scope), language_code), []))

    # -- fault injection ----------------------------------------------------------------------
    def fail_next(
        self,
        method: str,
        *,
        status: int | None = None,
        description: str | None = None,
        retry_after: int | None = None,
        delay: float = 0.0,
        times: int = 1,
    ) -> None:
        """Make the next ``times`` calls to ``method`` fail.

        ``status=429`` (or just ``retry_after=N``): flood control with ``parameters.retry_after``;
        ``status=500/502/403/400``: that error; ``delay=s`` without status: answer normally after
        sleeping ``s`` seconds (with status: sleep, then fail).
        """
        if status is None and retry_after is not None:
            status = 429
        if status is None and delay <= 0:
            status = 500
        if status == 429 and retry_after is None:
            retry_after = 1
        with self._lock:
            q = self._faults.setdefault(method.lower(), deque())
            for _ in range(times):
                q.append(_Fault(status, description, retry_after, delay))

    # -- async twins --------------------------------------------------------------------------
    async def wait_for_messages_async(
        self, chat: ChatLike, count: int = 1, timeout: float = 5.0
    ) -> list[dict[str, Any]]:
        return await asyncio.to_thread(self.wait_for_messages, chat, count, timeout)

    async def wait_for_message_async(self, chat: ChatLike, timeout: float = 5.0) -> dict[str, Any]:
        return await asyncio.to_thread(self.wait_for_message, chat, timeout)

    async def assert_no_messages_async(self, chat: ChatLike, within: float = 0.3) -> None:
        await asyncio.to_thread(self.assert_no_messages, chat, within)

    async def wait_for_edit_async(self, message: MessageLike | str, timeout: float = 5.0) -> dict[str, Any]:
        return await asyncio.to_thread(self.wait_for_edit, message, timeout)

    async def inline_answer_async(self, query_id: str, timeout: float = 5.0) -> list[dict[str, Any]]:
        return await asyncio.to_thread(self.inline_answer, query_id, timeout)

    async def wait_for_callback_answer_async(self, query_id: str, timeout: float = 5.0) -> dict[str, Any]:
        return await asyncio.to_thread(self.wait_for_callback_answer, query_id, timeout)

    async def wait_for_call_async(
        self,
        method: str,
        timeout: float = 5.0,
        *,
        predicate: Callable[[ApiCall], bool] | None = None,
        since: int = 0,
        finished: bool = True,
    ) -> ApiCall:
        return await asyncio.to_thread(
            lambda: self.wait_for_call(method, timeout, predicate=predicate, since=since, finished=finished)
        )

    async def wait_until_consumed_async(self, timeout: float = 5.0) -> None:
        await asyncio.to_thread(self.wait_until_consumed, timeout)

    # -- internals: user side -----------------------------------------------------------------
    def _wait(self, pred: Callable[[], bool], timeout: float, what: str, chat_id: int | None = None) -> None:
        """Wait on the condition (lock held)."""
        if not self._cond.wait_for(lambda: pred() or self._closing.is_set(), timeout=timeout) or not pred():
            recent = [
                f"{c.method}({_short(c.params)}) -> {c.status} {c.description or ''}".rstrip()
                for c in self.calls[-15:]
                if c.method.lower() != "getupdates"
            ]
            sent = ""
            if chat_id is not None:
                texts = [m.get("text") for m in self._bot_sent.get(chat_id, [])]
                sent = f"; bot messages in chat so far: {texts}"
            raise FakeTelegramTimeout(
                f"timed out after {timeout}s waiting for {what}{sent}; "
                f"pending updates: {len(self._updates)}; recent API calls: {recent}"
            )

    def _chat_id(self, chat: ChatLike) -> int:
        if isinstance(chat, int):
            return chat
        return chat.id

    def _message_key(self, message: MessageLike) -> tuple[int, int]:
        if isinstance(message, tuple):
            return message
        return (message["chat"]["id"], message["message_id"])

    def _file_id(self, kind: str) -> str:
        return f"FAKE{kind.upper()}{next(self._ids):010d}AgADfakefileid"

    def _next_message_id(self, chat_id: int) -> int:
        counter = self._msg_counters.setdefault(chat_id, itertools.count(1))
        return next(counter)

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
            self._messages[(cid, msg["message_id"])] = _StoredMessage(copy.deepcopy(msg), from_bot=False)
            if chat_obj.type == "private":
                self._started_users.add(user.id)
            if self._deliverable(chat_obj, msg):
                self._push_update("message", copy.deepcopy(msg))
            return msg

    def _deliverable(self, chat: Chat, msg: dict[str, Any]) -> bool:
        """Privacy mode: in groups the bot only sees commands, mentions and replies to it."""
        if chat.type == "private" or self.can_read_all_group_messages:
            return True
        text = msg.get("text") or msg.get("caption") or ""
        uname = (self.bot.username or "").lower()
        for e in msg.get("entities", []):
            piece = _utf16_slice(text, e["offset"], e["length"]).lower()
            if e["type"] == "bot_command" and e["offset"] == 0:
                if "@" not in piece or piece.split("@", 1)[1] == uname:
                    return True
            if e["type"] == "mention" and piece == f"@{uname}":
                return True
        reply = msg.get("reply_to_message")
        return bool(reply and reply.get("from", {}).get("id") == self.bot.id)

    def _push_update(self, kind: str, payload: dict[str, Any]) -> None:
        with self._cond:
            self._updates.append({"update_id": self._next_update_id, kind: payload})
            self._next_update_id += 1
            self._cond.notify_all()

    # -- internals: HTTP ----------------------------------------------------------------------
    def _handle_http(self, path: str, content_type: str, body: bytes) -> tuple[int, dict[str, Any]]:
        parsed = urllib.parse.urlsplit(path)
        m = re.fullmatch(r"/bot([^/]*)/([A-Za-z0-9_]*)", parsed.path)
        if m is None:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        token, method = m.groups()
        if token != self.token:
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        handler = _METHODS.get(method.lower())
        call = ApiCall(method, {})
        try:
            raw = dict(urllib.parse.parse_qsl(parsed.query, keep_blank_values=True))
            raw.update(_parse_body(content_type, body))
            call.params = raw
            params = _normalize_params(raw)
            call.params = params
        except ApiError as err:
            params = None
            error: ApiError | None = err
        else:
            error = None
        with self._cond:
            self.calls.append(call)
            self._cond.notify_all()
        if handler is None:
            return self._finish(call, ApiError(404, "Not Found"))
        if error is not None:
            return self._finish(call, error)
        assert params is not None
        fault = None
        with self._lock:
            q = self._faults.get(method.lower())
            if q:
                fault = q.popleft()
        if fault is not None:
            if fault.delay > 0:
                self._closing.wait(fault.delay)
            if fault.status is not None:
                return self._finish(call, _fault_error(fault))
        try:
            result = handler(self, params)
        except ApiError as err:
            return self._finish(call, err)
        except Exception as err:  # a bug in the fake: make it visible
            return self._finish(call, ApiError(500, f"Internal Server Error: fake bug: {err!r}"))
        return self._finish(call, result)

    def _finish(self, call: ApiCall, outcome: Any) -> tuple[int, dict[str, Any]]:
        with self._cond:
            if isinstance(outcome, ApiError):
                call.status = outcome.status
                call.description = outcome.description
                body = outcome.body()
            else:
                call.status = 200
                call.result = outcome
                body = {"ok": True, "result": outcome}
            self._cond.notify_all()
        return call.status, body

    # -- internals: validation ----------------------------------------------------------------
    def _format_text(
        self,
        text: Any,
        parse_mode: Any,
        entities: Any,
        *,
        inline: bool = False,
        field_name: str = "message text",
    ) -> tuple[str, list[dict[str, Any]]]:
        if not isinstance(text, str):
            text = "" if text is None else str(text)
        mode = (parse_mode or "").strip().lower() if isinstance(parse_mode, str) else ""
        if mode == "html":
            try:
                plain, ents = parse_html(text)
            except HtmlParseError as err:
                raise _bad(f"can't parse entities: {err}") from err
        elif mode in ("", "markdown", "markdownv2"):
            # Markdown is not validated by the fake; the text is taken literally.
            plain, ents = text, []
            if isinstance(entities, list) and not mode:
                ents = [e for e in entities if isinstance(e, dict)]
        else:
            raise _bad(f"unsupported parse_mode {parse_mode!r}")
        plain, ents = strip_text(plain, ents)
        if not plain:
            raise _bad("MESSAGE_EMPTY" if inline else f"{field_name} is empty")
        if utf16_len(plain) > MAX_MESSAGE_LENGTH:
            raise _bad("MESSAGE_TOO_LONG" if inline else "message is too long")
        return plain, ents

    def _check_markup(self, markup: Any) -> dict[str, Any] | None:
        """Validate reply_markup; return it if it is an inline keyboard (stored on the message)."""
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise _bad("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in markup:
            rows = markup["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise _bad(
                    'can\'t parse inline keyboard button: field "inline_keyboard" must be an Array of Arrays'
                )
            total = 0
            for row in rows:
                if len(row) > 8:
                    raise _bad("reply markup is too long")
                for b in row:
                    total += 1
                    self._check_button(b)
            if total > 100:
                raise _bad("reply markup is too long")
            return markup
        if "keyboard" in markup or "remove_keyboard" in markup or "force_reply" in markup:
            return None
        raise _bad("can't parse reply keyboard markup JSON object")

    def _check_button(self, b: Any) -> None:
        if not isinstance(b, dict):
            raise _bad("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
        text = b.get("text")
        if not isinstance(text, str) or not text.strip():
            raise _bad("can't parse inline keyboard button: text must be a non-empty String")
        actions = [f for f in BUTTON_ACTION_FIELDS if f in b]
        if not actions:
            raise _bad("text buttons are unallowed in the inline keyboard")
        if len(actions) > 1:
            raise _bad(
                "can't parse inline keyboard button: exactly one of the optional fields must be used, "
                f"got {actions}"
            )
        if "callback_data" in b:
            data = b["callback_data"]
            if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES:
                raise _bad("BUTTON_DATA_INVALID")
        if "url" in b:
            url = b["url"]
            if not isinstance(url, str) or not re.match(r"(https?|tg)://\S+$", url):
                raise _bad(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")

    def _resolve_chat(self, params: dict[str, Any]) -> Chat:
        cid = params.get("chat_id")
        if cid is None or cid == "":
            raise _bad("chat_id is empty")
        if isinstance(cid, str):
            chat = next((c for c in self._chats.values() if c.username and f"@{c.username}" == cid), None)
        else:
            chat = self._chats.get(cid)
        if chat is None:
            raise _bad("chat not found")
        if chat.type == "private" and chat.id not in self._started_users:
            raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
        return chat

    # -- API methods ---------------------------------------------------------------------------
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
                    raise _bad("bad webhook: An HTTPS URL must be provided for webhook")
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

    def _api_getupdates(self, p: dict[str, Any]) -> Any:
        offset = p.get("offset")
        limit = p.get("limit", 100)
        timeout = p.get("timeout", 0)
        if not isinstance(offset, int | None) or not isinstance(limit, int) or not isinstance(timeout, int):
            raise _bad("invalid getUpdates parameters")
        limit = min(max(limit, 1), 100)
        timeout = max(timeout, 0)
        allowed = p.get("allowed_updates")
        deadline = time.monotonic() + timeout
        with self._cond:
            if self.webhook is not None:
                raise ApiError(
                    409,
                    "Conflict: can't use getUpdates method while webhook is active; "
                    "use deleteWebhook to delete the webhook first",
                )
            if allowed is not None:
                if not isinstance(allowed, list):
                    raise _bad("can't parse allowed_updates JSON object")
                self._allowed_updates = frozenset(allowed) if allowed else DEFAULT_ALLOWED_UPDATES
            self._poll_generation += 1
            generation = self._poll_generation
            self._cond.notify_all()
            if offset is not None:
                if offset < 0:
                    self._updates = self._updates[offset:] if -offset < len(self._updates) else self._updates
                else:
                    self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while True:
                # updates of types the bot did not ask for are dropped, as Telegram does
                self._updates = [u for u in self._updates if _update_kind(u) in self._allowed_updates]
                if self._updates or self._closing.is_set():
                    break
                if generation != self._poll_generation:
                    raise ApiError(
                        409,
                        "Conflict: terminated by other getUpdates request; "
                        "make sure that only one bot instance is running",
                    )
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(min(remaining, 1.0))
            batch = copy.deepcopy(self._updates[:limit])
            for u in batch:
                if "callback_query" in u:
                    self._callback_queries[u["callback_query"]["id"]]["delivered"] = True
                if "inline_query" in u:
                    self._inline_queries[u["inline_query"]["id"]]["delivered"] = True
            return batch

    def _reply_to(self, chat: Chat, p: dict[str, Any]) -> dict[str, Any] | None:
        rp = p.get("reply_parameters")
        if rp is not None:
            if not isinstance(rp, dict) or not isinstance(rp.get("message_id"), int):
                raise _bad("can't parse reply parameters JSON object")
            mid = rp["message_id"]
            allow = bool(rp.get("allow_sending_without_reply"))
            if rp.get("chat_id") not in (None, chat.id):
                raise _bad("replies to messages in other chats are not supported by the fake")
        elif p.get("reply_to_message_id") is not None:
            mid = p["reply_to_message_id"]
            allow = bool(p.get("allow_sending_without_reply"))
        else:
            return None
        stored = self._messages.get((chat.id, mid))
        if stored is None:
            if allow:
                return None
            raise _bad("message to be replied not found")
        replied = copy.deepcopy(stored.data)
        replied.pop("reply_to_message", None)
        return replied

    def _api_sendmessage(self, p: dict[str, Any]) -> Any:
        with self._cond:
            chat = self._resolve_chat(p)
            text, ents = self._format_text(p.get("text"), p.get("parse_mode"), p.get("entities"))
            markup = self._check_markup(p.get("reply_markup"))
            lpo = p.get("link_preview_options")
            if lpo is not None and not isinstance(lpo, dict):
                raise _bad("can't parse link preview options JSON object")
            replied = self._reply_to(chat, p)
            msg: dict[str, Any] = {
                "message_id": self._next_message_id(chat.id),
                "from": self.bot.to_dict(),
                "chat": chat.to_dict(),
                "date": int(time.time()),
                "text": text,
            }
            if ents:
                msg["entities"] = ents
            if markup is not None:
                msg["reply_markup"] = markup
            if replied is not None:
                msg["reply_to_message"] = replied
            if lpo:
                msg["link_preview_options"] = lpo
            self._messages[(chat.id, msg["message_id"])] = _StoredMessage(copy.deepcopy(msg), from_bot=True)
            self._bot_sent.setdefault(chat.id, []).append(copy.deepcopy(msg))
            self._cond.notify_all()
            return msg

    def _target_message(self, p: dict[str, Any]) -> tuple[str, Any]:
        """('inline', id) or ('chat', _StoredMessage) for edit methods."""
        imid = p.get("inline_message_id")
        if imid:
            if imid not in self._inline_messages:
                raise _bad("MESSAGE_ID_INVALID")
            return "inline", imid
        if p.get("chat_id") in (None, ""):
            raise _bad("chat_id is empty")
        if p.get("message_id") is None:
            raise _bad("message identifier is not specified")
        cid = p["chat_id"]
        chat = self._chats.get(cid) if isinstance(cid, int) else None
        if chat is None:
            raise _bad("chat not found")
        stored = self._messages.get((chat.id, p["message_id"]))
        if stored is None:
            raise _bad("message to edit not found")
        if not stored.from_bot:
            raise _bad("message can't be edited")
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
            raise _bad(_NOT_MODIFIED[len("Bad Request: ") :])
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
            text, ents = self._format_text(p.get("text"), p.get("parse_mode"), p.get("entities"))
            markup = self._check_markup(p.get("reply_markup"))
            # NB: like Telegram, omitting reply_markup removes an existing inline keyboard
            return self._apply_edit(kind, target, text, ents, markup)

    def _api_editmessagereplymarkup(self, p: dict[str, Any]) -> Any:
        with self._cond:
            kind, target = self._target_message(p)
            markup = self._check_markup(p.get("reply_markup"))
            return self._apply_edit(kind, target, None, None, markup)

    def _api_deletemessage(self, p: dict[str, Any]) -> Any:
        with self._cond:
            cid = p.get("chat_id")
            key = (cid, p.get("message_id"))
            if key not in self._messages:
                raise _bad("message to delete not found")
            del self._messages[key]  # type: ignore[arg-type]
            self._cond.notify_all()
            return True

    def _api_answercallbackquery(self, p: dict[str, Any]) -> Any:
        with self._cond:
            qid = p.get("callback_query_id")
            info = self._callback_queries.get(str(qid)) if qid is not None else None
            if info is None or not info["delivered"] or info["answered"]:
                raise _bad(_QUERY_INVALID[len("Bad Request: ") :])
            text = p.get("text")
            if text is not None and utf16_len(str(text)) > 200:
                raise _bad("MESSAGE_TOO_LONG")
            info["answered"] = True
            self.callback_answers.append({**p, "callback_query_id": str(qid)})
            self._cond.notify_all()
            return True

    def _api_answerinlinequery(self, p: dict[str, Any]) -> Any:
        with self._cond:
            qid = str(p.get("inline_query_id"))
            info = self._inline_queries.get(qid)
            if info is None or not info["delivered"] or info["answered"]:
                raise _bad(_QUERY_INVALID[len("Bad Request: ") :])
            results = p.get("results")
            if not isinstance(results, list):
                raise _bad("can't parse results JSON object")
            if len(results) > MAX_INLINE_RESULTS:
                raise _bad("RESULTS_TOO_MUCH")
            seen: set[str] = set()
            for r in results:
                self._check_inline_result(r, seen)
            next_offset = p.get("next_offset")
            if next_offset is not None and len(str(next_offset).encode()) > 64:
                raise _bad("NEXT_OFFSET_INVALID")
            info["answered"] = True
            self.inline_answers[qid] = {**p, "results": results}
            self._cond.notify_all()
            return True

    def _check_inline_result(self, r: Any, seen: set[str]) -> None:
        if not isinstance(r, dict):
            raise _bad("can't parse InlineQueryResult JSON object")
        rid = r.get("id")
        if not isinstance(rid, str) or not 1 <= len(rid.encode("utf-8")) <= MAX_INLINE_RESULT_ID_BYTES:
            raise _bad("RESULT_ID_INVALID")
        if rid in seen:
            raise _bad("RESULT_ID_DUPLICATE")
        seen.add(rid)
        rtype = r.get("type")
        if rtype not in INLINE_RESULT_TYPES:
            raise _bad(f"RESULT_TYPE_INVALID: {rtype!r}")
        content = r.get("input_message_content")
        if rtype == "article":
            if not isinstance(r.get("title"), str) or not r["title"].strip():
                raise _bad("RESULT_TITLE_EMPTY")
            if not isinstance(content, dict):
                raise _bad("input_message_content must be specified for article results")
        if isinstance(content, dict) and "message_text" in content:
            self._format_text(
                content.get("message_text"), content.get("parse_mode"), content.get("entities"), inline=True
            )
            lpo = content.get("link_preview_options")
            if lpo is not None and not isinstance(lpo, dict):
                raise _bad("can't parse link preview options JSON object")
        elif rtype == "article":
            raise _bad("MESSAGE_EMPTY")
        if "reply_markup" in r:
            self._check_markup(r["reply_markup"])
            if "inline_keyboard" not in r["reply_markup"]:
                raise _bad("REPLY_MARKUP_INVALID")

    def _api_setmycommands(self, p: dict[str, Any]) -> Any:
        commands = p.get("commands")
        if not isinstance(commands, list):
            raise _bad("can't parse commands JSON object")
        if len(commands) > 100:
            raise _bad("BOT_COMMANDS_TOO_MUCH")
        clean = []
        for c in commands:
            if not isinstance(c, dict):
                raise _bad("can't parse BotCommand JSON object")
            name, desc = c.get("command"), c.get("description")
            if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9_]{1,32}", name):
                raise _bad("BOT_COMMAND_INVALID")
            if not isinstance(desc, str) or not 1 <= len(desc.strip()) <= 256 or len(desc) > 256:
                raise _bad("BOT_COMMAND_DESCRIPTION_INVALID")
            clean.append({"command": name, "description": desc})
        lang = p.get("language_code") or ""
        with self._cond:
            self._commands[(_scope_key(p.get("scope")), lang)] = clean
            self._cond.notify_all()
        return True

    def _api_getmycommands(self, p: dict[str, Any]) -> Any:
        return self.commands_for(p.get("scope"), p.get("language_code") or "")

    def _api_deletemycommands(self, p: dict[str, Any]) -> Any:
        with self._cond:
            self._commands.pop((_scope_key(p.get("scope")), p.get("language_code") or ""), None)
            self._cond.notify_all()
        return True

    def _api_sendchataction(self, p: dict[str, Any]) -> Any:
        with self._cond:
            chat = self._resolve_chat(p)
            action = p.get("action")
            if action not in CHAT_ACTIONS:
                raise _bad("wrong parameter action in request")
            self.chat_actions.append({"chat_id": chat.id, "action": action, "at": time.monotonic()})
            self._cond.notify_all()
        return True


def _record_only(self: FakeTelegram, p: dict[str, Any]) -> Any:
    return True


_METHODS: dict[str, Callable[[FakeTelegram, dict[str, Any]], Any]] = {
    name[len("_api_") :]: fn for name, fn in vars(FakeTelegram).items() if name.startswith("_api_")
}
# accepted and recorded in ``calls`` only
for _name in (
    "setmydescription",
    "setmyshortdescription",
    "setmyname",
    "setchatmenubutton",
    "setmydefaultadministratorrights",
):
    _METHODS[_name] = _record_only


# ------------------------------------------------------------------------------------------------
# helpers
# ------------------------------------------------------------------------------------------------
def _fault_error(f: _Fault) -> ApiError:
    status = f.status or 500
    if status == 429:
        ra = f.retry_after or 1
        return ApiError(429, f.description or f"Too Many Requests: retry after {ra}", {"retry_after": ra})
    default = {
        400: "Bad Request: injected failure",
        401: "Unauthorized",
        403: "Forbidden: bot was blocked by the user",
        404: "Not Found",
        409: "Conflict: terminated by other getUpdates request; "
        "make sure that only one bot instance is running",
        500: "Internal Server Error",
        502: "Bad Gateway",
    }.get(status, "Injected failure")
    return ApiError(status, f.description or default)


def _update_kind(update: dict[str, Any]) -> str:
    return next(k for k in update if k != "update_id")


def _scope_key(scope: Any) -> str:
    if not scope:
        return json.dumps({"type": "default"})
    return json.dumps(scope, sort_keys=True)


def _short(params: dict[str, Any]) -> str:
    s = ", ".join(f"{k}={v!r}" for k, v in params.items())
    return s if len(s) < 160 else s[:157] + "..."


def _utf16_slice(text: str, offset: int, length: int) -> str:
    b = text.encode("utf-16-le")
    return b[offset * 2 : (offset + length) * 2].decode("utf-16-le", errors="replace")


_ENTITY_PATTERNS: Iterable[tuple[str, re.Pattern[str]]] = (
    ("bot_command", re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_@/])")),
    ("mention", re.compile(r"(?<![A-Za-z0-9_@/])@[A-Za-z0-9_]{4,32}(?![A-Za-z0-9_])")),
    ("hashtag", re.compile(r"(?<![\w#])#\w*[^\W\d]\w*")),
    ("url", re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\]》，。！？]")),
)


def _detect_entities(text: str) -> list[dict[str, Any]]:
    """Entities the Telegram client/server would attach to a user's text."""
    ents = []
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
