"""`SpareStates`: page tokens kept in this process while the database cannot take them.

A result page's buttons need its query saved under a token. When the database is frozen or
another process holds SQLite's write lock, the bot still answers from its index; keeping
the token here (bounded, with the same expiry) means those answers' buttons still page in
this process, instead of the answer losing its buttons or waiting for the database.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from datetime import timedelta

PREFIX = "~"  # never produced by secrets.token_urlsafe: a spare token is never looked up in the DB


class SpareStates:
    def __init__(self, ttl: timedelta, capacity: int = 10_000) -> None:
        self.ttl = ttl.total_seconds()
        self.capacity = capacity
        self._items: OrderedDict[str, tuple[float, dict[str, object]]] = OrderedDict()
        self._lock = threading.Lock()

    def save(self, payload: dict[str, object]) -> str:
        token = PREFIX + secrets.token_urlsafe(8)  # 12 characters, like the database's
        with self._lock:
            self._items[token] = (time.monotonic(), dict(payload))
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)
        return token

    def load(self, token: str) -> dict[str, object] | None:
        """The payload, or None (not a spare token, unknown, or expired)."""
        if not token.startswith(PREFIX):
            return None
        with self._lock:
            item = self._items.get(token)
        if item is None or time.monotonic() - item[0] > self.ttl:
            return None
        return dict(item[1])

    @staticmethod
    def owns(token: str) -> bool:
        return token.startswith(PREFIX)
