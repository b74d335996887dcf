"""`make_engine`: a SQLAlchemy engine for a database URL, configured for this archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url


def make_engine(database_url: str, migrate: bool = True) -> Engine:
    """An engine for the URL, with the schema brought up to date (Alembic migrations).

    SQLite (the default) needs no set-up: the file and its folder are created on first use.
    PostgreSQL (``postgresql+psycopg://…``): connections are checked before use
    (``pool_pre_ping``), so a restarted server is picked up again without restarting the
    process, and connecting gives up after a few seconds instead of hanging a reply.
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
        kwargs["pool_pre_ping"] = True
        kwargs["pool_size"] = 10
        kwargs["max_overflow"] = 20
        kwargs["pool_timeout"] = 10
        if url.get_driver_name() == "psycopg":
            kwargs["connect_args"] = {"connect_timeout": 5, "application_name": "newspaper-archive"}
    engine = create_engine(database_url, **kwargs)
    if backend == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: object) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            if url.database and url.database != ":memory:":
                cur.execute("PRAGMA journal_mode=WAL")
            cur.close()

    if migrate:
        from retrieval.store.migrate import upgrade

        upgrade(engine)
    return engine
