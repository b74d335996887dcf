"""A slow database, three ways, for the deadline tests and the load script (`benchmarks/flood.py`).

- `FrozenProxy`: a TCP relay to a real server that can be frozen, the way a stopped
  PostgreSQL looks from its client: connections stay open, the kernel takes every byte,
  and nothing ever comes back. (Stopping the server instead closes the sockets: the easy case.)
- `sqlite_write_lock(path)`: another connection holds the file's write lock.
- `postgres_table_lock(url)`: another session holds exclusive locks on the bot's tables.
"""

from __future__ import annotations

import selectors
import socket
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool


@contextmanager
def sqlite_write_lock(path: Path) -> Iterator[None]:
    """While the block runs, another connection (on its own thread) holds `path`'s write lock."""
    release, held = threading.Event(), threading.Event()

    def hold() -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO meta(key, value) VALUES ('held', 'yes')")
        held.set()
        release.wait(300)
        conn.execute("ROLLBACK")
        conn.close()

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    assert held.wait(10), "could not take the write lock"
    try:
        yield
    finally:
        release.set()
        thread.join()


@contextmanager
def postgres_table_lock(url: str, tables: str = "page_tokens, meta, articles") -> Iterator[None]:
    """While the block runs, another session holds ACCESS EXCLUSIVE locks on `tables`."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            conn.execute(text(f"LOCK TABLE {tables} IN ACCESS EXCLUSIVE MODE"))
            try:
                yield
            finally:
                conn.rollback()
    finally:
        engine.dispose()


class FrozenProxy:
    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._frozen = threading.Event()
        self._stop = threading.Event()
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self._thread = threading.Thread(target=self._run, name="frozen-proxy", daemon=True)
        self._thread.start()

    @classmethod
    @contextmanager
    def to_url(cls, url: str) -> Iterator[tuple[FrozenProxy, str]]:
        """A proxy to the database `url` names, and the URL that goes through it."""
        u = make_url(url)
        proxy = cls(u.host or "127.0.0.1", u.port or 5432)
        try:
            yield proxy, u.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
        finally:
            proxy.close()

    def freeze(self) -> None:
        """From now on nothing is relayed either way (new connections are accepted, then ignored)."""
        self._frozen.set()

    def thaw(self) -> None:
        self._frozen.clear()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._listener.close()
        for a, b in self._pairs:
            a.close()
            b.close()

    def _run(self) -> None:
        sel = selectors.DefaultSelector()
        self._listener.setblocking(False)
        sel.register(self._listener, selectors.EVENT_READ)
        peer: dict[socket.socket, socket.socket] = {}
        while not self._stop.is_set():
            if self._frozen.is_set():
                self._stop.wait(0.02)  # hold every byte where it is (in the kernel's buffers)
                try:  # but still accept, as a stopped server's kernel does
                    client, _ = self._listener.accept()
                    self._pairs.append((client, client))
                except BlockingIOError:
                    pass
                continue
            for key, _ in sel.select(timeout=0.02):
                sock = key.fileobj
                assert isinstance(sock, socket.socket)
                if sock is self._listener:
                    client, _ = self._listener.accept()
                    server = socket.create_connection(self.target)
                    self._pairs.append((client, server))
                    peer[client], peer[server] = server, client
                    sel.register(client, selectors.EVENT_READ)
                    sel.register(server, selectors.EVENT_READ)
                    continue
                if self._frozen.is_set():
                    break
                try:
                    data = sock.recv(65536)
                except OSError:
                    data = b""
                other = peer.get(sock)
                if not data or other is None:
                    for s in (sock, other):
                        if s is not None and s in peer:
                            sel.unregister(s)
                            peer.pop(s, None)
                            s.close()
                    continue
                try:
                    other.sendall(data)
                except OSError:
                    pass
        sel.close()
