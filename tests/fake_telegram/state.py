"""Everything the fake remembers, in one place: :class:`FakeState`.

Every other part of :class:`~.server.FakeTelegram` is a mixin over this class, so the
attributes listed here are the whole state of a fake. One re-entrant lock (``_lock``) guards all
of it; ``_cond`` (on the same lock) is notified after every change, which is what the
``wait_*`` methods and a pending ``getUpdates`` long poll sleep on.

Also here: the small lookups shared by the user side and the Bot API methods (chat and message
keys, resolving ``chat_id``, ``reply_parameters``, recording a message the bot sent).
"""

from __future__ import annotations

import copy
import itertools
import json
import socket
import threading
import time
from collections import deque
from typing import TYPE_CHECKING, Any

from .model import ApiCall, ApiError, Chat, ChatLike, Fault, MessageLike, StoredFile, StoredMessage, User, bad

if TYPE_CHECKING:
    from .transport import _Server

__all__ = ["DEFAULT_ALLOWED_UPDATES", "FakeState", "scope_key"]

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


class FakeState:
    # identity of the bot, set by FakeTelegram.__init__ before FakeState.__init__ runs
    token: str
    bot: User
    can_join_groups: bool
    can_read_all_group_messages: bool
    supports_inline_queries: bool
    inline_feedback: bool
    _host: str
    _port: int

    def __init__(self) -> None:
        # locking and the HTTP server (transport.py)
        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)
        self._closing = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._connections: set[socket.socket] = set()
        self._in_flight = 0

        # people, chats and messages
        self._ids = itertools.count(1)
        self._user_ids = itertools.count(10_001)
        self._group_ids = itertools.count(1)
        self._users: dict[int, User] = {}
        self._started_users: set[int] = set()
        self._blocked_users: set[int] = set()  # blocked the bot: 403 to anything sent to them
        self._admins: dict[int, set[int]] = {}  # group chat id -> its administrators' user ids
        self._chats: dict[int, Chat] = {}
        self._msg_counters: dict[int, itertools.count[int]] = {}
        self._messages: dict[tuple[int, int], StoredMessage] = {}
        self._bot_sent: dict[int, list[dict[str, Any]]] = {}
        self._sent_cursor: dict[int, int] = {}
        self._edits: dict[tuple[int, int] | str, list[dict[str, Any]]] = {}
        self._edit_cursor: dict[tuple[int, int] | str, int] = {}
        self._inline_messages: dict[str, dict[str, Any]] = {}

        # the update queue (updates.py) and the queries waiting for an answer
        self._updates: list[dict[str, Any]] = []
        self._next_update_id = 100_000
        self._poll_generation = 0
        self._allowed_updates: frozenset[str] = DEFAULT_ALLOWED_UPDATES
        self._callback_queries: dict[str, dict[str, Any]] = {}
        self._inline_queries: dict[str, dict[str, Any]] = {}
        self._faults: dict[str, deque[Fault]] = {}

        # files the bot uploaded (files.py): by file_id, and by file_path for downloads
        self._files: dict[str, StoredFile] = {}
        self._file_paths: dict[str, StoredFile] = {}

        # public records of what the bot did
        self.webhook: dict[str, Any] | None = None
        self.calls: list[ApiCall] = []
        self.callback_answers: list[dict[str, Any]] = []
        self.inline_answers: dict[str, dict[str, Any]] = {}
        self.chat_actions: list[dict[str, Any]] = []
        self.downloads: list[str] = []  # file_path of every file download, in order
        self._commands: dict[tuple[str, str], list[dict[str, str]]] = {}

    # -- keys and ids ---------------------------------------------------------------------------
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

    # -- shared by the Bot API methods (lock held) ------------------------------------------------
    def _resolve_chat(self, params: dict[str, Any]) -> Chat:
        cid = params.get("chat_id")
        if cid is None or cid == "":
            raise bad("chat_id is empty")
        if isinstance(cid, str):
            chat = next((c for c in self._chats.values() if c.username and f"@{c.username}" == cid), None)
        else:
            chat = self._chats.get(cid)
        if chat is None:
            raise bad("chat not found")
        if chat.type == "private" and chat.id in self._blocked_users:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if chat.type == "private" and chat.id not in self._started_users:
            raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
        return chat

    def _reply_to(self, chat: Chat, p: dict[str, Any]) -> dict[str, Any] | None:
        """The message a send method replies to (``reply_parameters`` / ``reply_to_message_id``)."""
        rp = p.get("reply_parameters")
        if rp is not None:
            if not isinstance(rp, dict) or not isinstance(rp.get("message_id"), int):
                raise bad("can't parse reply parameters JSON object")
            mid = rp["message_id"]
            allow = bool(rp.get("allow_sending_without_reply"))
            if rp.get("chat_id") not in (None, chat.id):
                raise bad("replies to messages in other chats are not supported by the fake")
        elif p.get("reply_to_message_id") is not None:
            mid = p["reply_to_message_id"]
            allow = bool(p.get("allow_sending_without_reply"))
        else:
            return None
        stored = self._messages.get((chat.id, mid))
        if stored is None:
            if allow:
                return None
            raise bad("message to be replied not found")
        replied = copy.deepcopy(stored.data)
        replied.pop("reply_to_message", None)
        return replied

    def _bot_message_head(self, chat: Chat) -> dict[str, Any]:
        """The fields every message the bot sends starts with."""
        return {
            "message_id": self._next_message_id(chat.id),
            "from": self.bot.to_dict(),
            "chat": chat.to_dict(),
            "date": int(time.time()),
        }

    def _record_bot_message(self, chat: Chat, msg: dict[str, Any]) -> dict[str, Any]:
        """Store a message the bot sent and queue it for ``wait_for_messages``; returns ``msg``."""
        self._messages[(chat.id, msg["message_id"])] = StoredMessage(copy.deepcopy(msg), from_bot=True)
        self._bot_sent.setdefault(chat.id, []).append(copy.deepcopy(msg))
        self._cond.notify_all()
        return msg


def scope_key(scope: Any) -> str:
    """The key commands are stored under for a ``BotCommandScope`` (``None``: the default)."""
    if not scope:
        return json.dumps({"type": "default"})
    return json.dumps(scope, sort_keys=True)
