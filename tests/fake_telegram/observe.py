"""The test's view of what the bot did: waiting for and reading its messages, edits, answers
and API calls.

:class:`Observer` methods block (on the shared condition) until what they wait for happened, or
raise :class:`~.model.FakeTelegramTimeout` (an ``AssertionError``) whose message lists the
recent API calls and their errors, so a failing test shows *why* the bot sent nothing. Every
waiting method has an ``*_async`` twin that runs it in a worker thread, for tests on the event
loop.
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Callable
from typing import Any

from .model import ApiCall, ChatLike, FakeTelegramTimeout, MessageLike
from .state import FakeState, scope_key

__all__ = ["Observer"]


class Observer(FakeState):
    # -- messages the bot sent ------------------------------------------------------------------
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
                    f"unexpected bot message(s) in chat {cid}: {[_summary(m) for m in extra]}"
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

    # -- answers to callback and inline queries --------------------------------------------------
    def wait_for_callback_answer(self, query_id: str, timeout: float = 5.0) -> dict[str, Any]:
        """Wait for ``answerCallbackQuery`` of ``query_id``; returns its params."""
        with self._cond:

            def find() -> dict[str, Any] | None:
                return next((a for a in self.callback_answers if a["callback_query_id"] == query_id), None)

            self._wait(lambda: find() is not None, timeout, f"answerCallbackQuery for {query_id}")
            return copy.deepcopy(find())  # type: ignore[return-value]

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

    # -- API calls and the update queue ----------------------------------------------------------
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

    # -- commands -------------------------------------------------------------------------------
    @property
    def commands(self) -> list[dict[str, str]]:
        """Commands set with ``setMyCommands`` for the default scope and no language."""
        return self.commands_for()

    def commands_for(
        self, scope: dict[str, Any] | None = None, language_code: str = ""
    ) -> list[dict[str, str]]:
        with self._lock:
            return copy.deepcopy(self._commands.get((scope_key(scope), language_code), []))

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

    # -- internals ----------------------------------------------------------------------------
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
                texts = [_summary(m) for m in self._bot_sent.get(chat_id, [])]
                sent = f"; bot messages in chat so far: {texts}"
            raise FakeTelegramTimeout(
                f"timed out after {timeout}s waiting for {what}{sent}; "
                f"pending updates: {len(self._updates)}; recent API calls: {recent}"
            )


def _summary(msg: dict[str, Any]) -> str | None:
    """A message for error messages: its text, or ``[photo] caption`` for media."""
    if "text" in msg:
        return str(msg["text"])
    for kind in ("photo", "document"):
        if kind in msg:
            return f"[{kind}] {msg.get('caption', '')}".rstrip()
    return None


def _short(params: dict[str, Any]) -> str:
    s = ", ".join(f"{k}={_brief(v)}" for k, v in params.items())
    return s if len(s) < 160 else s[:157] + "..."


def _brief(value: Any) -> str:
    if isinstance(value, dict) and isinstance(value.get("content"), bytes):  # an uploaded file
        return f"<upload {value.get('filename')!r}, {len(value['content'])} bytes>"
    return repr(value)
