"""`make_engine`: a SQLAlchemy engine for a database URL, configured for this archive."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

from retrieval.store.deadline import Deadlines


def make_engine(database_url: str, migrate: bool = True) -> Engine:
    """An engine for the URL, with the schema brought up to date (Alembic migrations).

    SQLite (the default) needs no set-up: the file and its folder are created on first use.
    PostgreSQL (``postgresql+psycopg://…``): connections are checked before use (the
    pre-ping, done by `Deadlines` so that it too is bounded), so a restarted server is picked
    up again without restarting the process, and connecting gives up after a few seconds.

    SQLite transactions are real ones: Python's driver would commit before every DDL
    statement and open transactions only before writes, so a first run killed during its
    migration left a database with some tables and no schema version. Here SQLAlchemy
    issues BEGIN itself (the recipe in SQLAlchemy's SQLite dialect documentation), and a
    connection flagged ``info["immediate"]`` begins with BEGIN IMMEDIATE (takes the write
    lock first: two processes migrating a fresh file wait for each other), and so does a
    connection of `writer(engine)`, which the store's writing transactions use: a deferred
    transaction that reads, then writes, fails at once ("database is locked") when another
    connection wrote in between, where an immediate one waits its turn.
    """
    url = make_url(database_url)
    backend = url.get_backend_name()
    if backend == "sqlite" and url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    kwargs: dict[str, Any] = {}
    if backend == "sqlite":
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        if not url.database or url.database == ":memory:":
            from sqlalchemy.pool import StaticPool

            kwargs["poolclass"] = StaticPool
    elif backend == "postgresql":
        kwargs["pool_size"] = 10
        kwargs["max_overflow"] = 20
        kwargs["pool_timeout"] = 10
        if url.get_driver_name() == "psycopg":
            kwargs["connect_args"] = {"connect_timeout": 5, "application_name": "newspaper-archive"}
    engine = create_engine(database_url, **kwargs)
    if backend == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: object) -> None:
            dbapi_conn.isolation_level = None  # no implicit transactions: see _begin
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            if url.database and url.database != ":memory:" and "mode=ro" not in str(url.query):
                _wal(cur)
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            immediate = conn.info.get("immediate") or conn.get_execution_options().get("immediate")
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    Deadlines.attach(engine)
    if migrate:
        from retrieval.store.migrate import upgrade

        upgrade(engine)
    return engine


def writer(engine: Engine) -> Engine:
    """The engine for writing transactions: on SQLite each begins with BEGIN IMMEDIATE (the
    write lock first, waiting on the busy timeout); elsewhere the engine itself."""
    return engine.execution_options(immediate=True) if engine.dialect.name == "sqlite" else engine


def _wal(cur: Any) -> None:
    """Switch a file to write-ahead logging (readers never wait for a writer). Changing the
    journal mode does not wait on SQLite's busy handler: two processes opening a fresh file
    at once see "database is locked", so it is retried for a few seconds."""
    deadline = time.monotonic() + 10
    while True:
        try:
            if cur.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)
