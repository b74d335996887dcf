"""The update queue: what the user side puts in, and ``getUpdates`` takes out.

:class:`UpdateQueue` holds the delivery rules: updates get consecutive ids, are kept until the
bot confirms them with ``offset``, are filtered by ``allowed_updates`` (which persists between
calls, as on Telegram), and in groups with privacy mode only commands, @mentions of the bot and
replies to the bot are delivered (:meth:`UpdateQueue._deliverable`). ``getUpdates`` long-polls
on the shared condition; a newer poll ends an older one with ``409 Conflict``.
"""

from __future__ import annotations

import copy
import time
from typing import Any

from .model import ApiError, Chat, bad
from .state import DEFAULT_ALLOWED_UPDATES, FakeState

__all__ = ["UpdateQueue"]


class UpdateQueue(FakeState):
    def pending_updates(self) -> list[dict[str, Any]]:
        with self._lock:
            return copy.deepcopy(self._updates)

    def _push_update(self, kind: str, payload: dict[str, Any]) -> None:
        with self._cond:
            self._updates.append({"update_id": self._next_update_id, kind: payload})
            self._next_update_id += 1
            self._cond.notify_all()

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

    def _api_getupdates(self, p: dict[str, Any]) -> Any:
        offset = p.get("offset")
        limit = p.get("limit", 100)
        timeout = p.get("timeout", 0)
        if not isinstance(offset, int | None) or not isinstance(limit, int) or not isinstance(timeout, int):
            raise bad("invalid getUpdates parameters")
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
                    raise bad("can't parse allowed_updates JSON object")
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


def _update_kind(update: dict[str, Any]) -> str:
    return next(k for k in update if k != "update_id")


def _utf16_slice(text: str, offset: int, length: int) -> str:
    b = text.encode("utf-16-le")
    return b[offset * 2 : (offset + length) * 2].decode("utf-16-le", errors="replace")
