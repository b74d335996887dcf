"""Schema migrations (Alembic), applied when the store opens and by ``python -m retrieval migrate``.

The migration scripts live in ``retrieval/store/migrations/versions``; the first one creates the schema
as it was before Alembic. A database created before migrations existed (tables but no
``alembic_version``) is stamped at that first revision, then upgraded. On PostgreSQL an advisory
lock serialises processes that start at the same time (two bots, or a bot and an ingest);
on SQLite the check and the migration are one BEGIN IMMEDIATE transaction (see
:func:`retrieval.store.engine.make_engine`), so a kill during it leaves the file as it was.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BASELINE = "0001"  # the schema `Base.metadata.create_all` made before migrations
# The newest revision, written down so that a database already at it opens without importing
# Alembic (a quarter of a second of every start); a test holds it equal to the scripts' head.
HEAD = "0005"
_LOCK_KEY = 7_301_946_215  # pg_advisory_lock key: "archive schema migrations"


def _config(connection: Connection) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head() -> str:
    """The newest revision the scripts hold."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS))
    current = script.get_current_head()
    assert current is not None
    return current


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (``None``: no migrations applied yet)."""
    with engine.connect() as conn:
        return _revision(conn)


def _revision(conn: Connection) -> str | None:
    """What Alembic's `MigrationContext.get_current_revision` reads, without importing it."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, revision: str = "head") -> str | None:
    """Bring the database to ``revision`` (default: the newest); returns the revision it is at.
    A database already at the newest is only read (no lock, no write: a read-only file opens)."""
    if revision == "head" and current_revision(engine) == HEAD:
        return HEAD
    from alembic import command
    with engine.connect() as conn:
        postgres = conn.dialect.name == "postgresql"
        if postgres:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _LOCK_KEY})
            conn.commit()
        else:  # the whole check-and-migrate is one transaction holding the write lock
            conn.info["immediate"] = True
        try:
            before = _revision(conn)
            if before is None and inspect(conn).has_table("issues"):
                logger.info("database predates migrations: stamping it at %s", BASELINE)
                command.stamp(_config(conn), BASELINE)
                conn.commit()
                before = BASELINE
            if before != HEAD or revision != "head":
                command.upgrade(_config(conn), revision)
                conn.commit()
            after = _revision(conn)
            if after != before:
                logger.info("database schema migrated from %s to %s", before, after)
            return after
        finally:
            if postgres:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _LOCK_KEY})
                conn.commit()
            else:
                conn.rollback()  # nothing is left open if the migration failed
                conn.info.pop("immediate", None)


def downgrade(engine: Engine, revision: str) -> str | None:
    """Go back to ``revision`` (``base``: drop everything). For development and tests."""
    from alembic import command

    with engine.connect() as conn:
        command.downgrade(_config(conn), revision)
        conn.commit()
        return _revision(conn)
