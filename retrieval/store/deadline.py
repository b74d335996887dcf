"""`Deadlines`: a bound on how long an interactive database call may wait, on both backends.

Why a watchdog and not only the drivers' timeouts: a frozen PostgreSQL server (a stopped
process, a stalled proxy) still has a kernel that acknowledges every packet, so neither TCP
keepalives nor ``tcp_user_timeout`` notice anything, and ``statement_timeout`` is enforced by
the very server that is frozen. The only wait the client controls is its own: when a bounded
call overruns, the watchdog shuts down the sockets of the connections that call has checked
out; the driver's poll returns at once with "server closed the connection", SQLAlchemy
discards the connection, and the caller gets an error it already handles (the store is
unavailable). On SQLite the same call gets a busy timeout of what is left of its deadline (a
writer in another process makes it give up instead of waiting 30 s); SQLite reads never wait
for a writer, so a slow read there is work, not a wait, and is let finish.

After an overrun the PostgreSQL store counts as down for `cooldown` seconds: bounded calls
fail at once instead of each paying the full wait, so a frozen server costs one wait, not
one per question. (SQLite has no cool-down: a held write lock does not stop its readers.)
A bounded call that must open a new PostgreSQL connection can wait up to libpq's minimum
connect timeout, 2 s; calls on pooled connections wait at most the deadline. Bulk work (an ingest, an index build) is never bounded: it waits as long as it must.
"""

from __future__ import annotations

import heapq
import logging
import os
import socket
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.exc import DisconnectionError

from retrieval.errors import StoreUnavailable

logger = logging.getLogger(__name__)

SQLITE_BUSY_MS = 30_000  # what unbounded work waits for SQLite's write lock
CONNECT_SECONDS = 5  # connecting, unbounded; a bounded call gets libpq's minimum, 2 s

_ATTACHED: weakref.WeakKeyDictionary[Engine, Deadlines] = weakref.WeakKeyDictionary()


class Overrun(StoreUnavailable):
    """A bounded call ran out of time, or the store is still cooling down after one."""


class Deadlines:
    """Per-thread deadlines for one engine's connections (see the module docstring).

    `attach` (called by `make_engine`) is the one way to make one: it also takes over the
    pool's pre-ping, which SQLAlchemy runs before any checkout hook and so could not be
    bounded; here the ping runs after the connection is registered under the deadline."""

    @classmethod
    def attach(cls, engine: Engine, cooldown: float = 2.0) -> Deadlines:
        found = _ATTACHED.get(engine)
        if found is None:
            found = _ATTACHED[engine] = cls(engine, cooldown)
        return found

    def __init__(self, engine: Engine, cooldown: float = 2.0) -> None:
        self.engine = engine
        self.sqlite = engine.dialect.name == "sqlite"
        self.cooldown = cooldown
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._active: dict[int, tuple[float, list[Any]]] = {}  # thread → (deadline, its connections)
        self._heap: list[tuple[float, int]] = []
        self._down_until = float("-inf")
        self._watcher: threading.Thread | None = None
        event.listen(engine, "checkout", self._checkout)
        event.listen(engine, "checkin", self._checkin)
        if not self.sqlite:
            event.listen(engine, "do_connect", self._connect_timeout)

    # -- the bounded section ----------------------------------------------------------------
    @contextmanager
    def bound(self, seconds: float | None) -> Iterator[None]:
        """Run the block under a deadline of `seconds` (None: no bound). Raises `Overrun` at
        once while the store is cooling down, and after the block when it overran."""
        if seconds is None or seconds <= 0:
            yield
            return
        me = threading.get_ident()
        with self._lock:
            if time.monotonic() < self._down_until:
                raise Overrun("数据库暂时无法访问：刚才没有应答")
            if me in self._active:  # nested: the outer bound holds
                nested = True
            else:
                nested = False
                due = time.monotonic() + seconds
                self._active[me] = (due, [])
                heapq.heappush(self._heap, (due, me))
                self._ensure_watcher()
                self._wake.notify()
        if nested:
            yield
            return
        try:
            yield
        except Exception as exc:
            if self._finish(me, failed=True):  # the error is the broken connection: say why
                raise Overrun(f"数据库暂时无法访问：{seconds:g} 秒内没有应答") from exc
            raise
        except BaseException:
            self._finish(me, failed=True)
            raise
        self._finish(me, failed=False)  # late but answered: the answer stands

    def _finish(self, me: int, failed: bool) -> bool:
        """End this thread's bounded call; True if it overran. A failed overrun on
        PostgreSQL starts the cool-down (SQLite: a held write lock does not stop readers)."""
        with self._lock:
            due, _ = self._active.pop(me, (0.0, []))
            overran = time.monotonic() >= due
            if overran and failed and not self.sqlite:
                self._down_until = time.monotonic() + self.cooldown
            return overran

    def remaining(self) -> float | None:
        """Seconds left on this thread's deadline (None: unbounded; 0: overdue)."""
        with self._lock:
            entry = self._active.get(threading.get_ident())
        if entry is None:
            return None
        return max(0.0, entry[0] - time.monotonic())

    # -- pool events --------------------------------------------------------------------------
    def _checkout(self, dbapi_conn: Any, _record: Any, _proxy: Any) -> None:
        me = threading.get_ident()
        with self._lock:
            entry = self._active.get(me)
            if entry is not None:
                entry[1].append(dbapi_conn)
        remaining = self.remaining()
        cur = dbapi_conn.cursor()
        try:
            if self.sqlite:
                busy = SQLITE_BUSY_MS if remaining is None else max(1, int(remaining * 1000))
                cur.execute(f"PRAGMA busy_timeout = {busy}")
            else:  # the pessimistic ping (see attach); a dead connection is replaced by the pool
                try:
                    cur.execute("SELECT 1")
                except Exception as exc:
                    if self.remaining() == 0:  # the watchdog broke it: do not try another
                        raise Overrun("数据库暂时无法访问：没有应答") from exc
                    raise DisconnectionError(str(exc)) from exc
        finally:
            cur.close()

    def _connect_timeout(self, _dialect: Any, _record: Any, _cargs: Any, cparams: dict[str, Any]) -> None:
        cparams["connect_timeout"] = CONNECT_SECONDS if self.remaining() is None else 2

    def _checkin(self, dbapi_conn: Any, _record: Any) -> None:
        with self._lock:
            for _, conns in self._active.values():
                if dbapi_conn in conns:
                    conns.remove(dbapi_conn)

    # -- the watchdog -------------------------------------------------------------------------
    def _ensure_watcher(self) -> None:
        if self._watcher is None or not self._watcher.is_alive():
            self._watcher = threading.Thread(target=self._watch, name="db-deadlines", daemon=True)
            self._watcher.start()

    def _watch(self) -> None:
        with self._lock:
            while True:
                if not self._heap:
                    self._wake.wait(timeout=60)
                    if not self._heap:
                        continue
                due, thread = self._heap[0]
                now = time.monotonic()
                if due > now:
                    self._wake.wait(timeout=due - now)
                    continue
                heapq.heappop(self._heap)
                entry = self._active.get(thread)
                if entry is None or entry[0] != due:
                    continue  # that call finished in time
                for conn in list(entry[1]):
                    self._break(conn)

    def _break(self, dbapi_conn: Any) -> None:
        """Make a blocked driver call on this connection return now."""
        try:
            if self.sqlite:
                return  # bounded by its busy timeout; a slow but working read is let finish
            fd = _socket_fd(dbapi_conn)
            if fd is None:
                return
            sock = socket.socket(fileno=os.dup(fd))
            try:
                sock.shutdown(socket.SHUT_RDWR)
            finally:
                sock.close()
            logger.warning("database call overran its deadline: connection shut down")
        except OSError as exc:  # already closed: nothing left to wake
            logger.debug("could not break a database connection: %s", exc)


def _socket_fd(dbapi_conn: Any) -> int | None:
    """The socket of a psycopg (3) or psycopg2 connection, if it has one open."""
    conn = getattr(dbapi_conn, "driver_connection", dbapi_conn)
    pgconn = getattr(conn, "pgconn", None)
    try:
        if pgconn is not None:
            return int(pgconn.socket)
        fileno = getattr(conn, "fileno", None)
        return int(fileno()) if callable(fileno) else None
    except Exception:  # a closed connection has no socket
        return None
