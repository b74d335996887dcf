"""PostgreSQL for tests: the server named by TEST_POSTGRES_URL (``.ci/run`` starts a throwaway
cluster with scripts/pg-test-cluster.sh); each test gets its own fresh database."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "")
NO_POSTGRES = "PostgreSQL tests need TEST_POSTGRES_URL (eval \"$(scripts/pg-test-cluster.sh start DIR)\")"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require_postgres() -> str:
    """The server URL; skip (locally) or fail (CI=true) when there is none."""
    if not POSTGRES_URL:
        if in_ci():
            pytest.fail("CI must run the PostgreSQL tests, but TEST_POSTGRES_URL is not set")
        pytest.skip(NO_POSTGRES)
    return POSTGRES_URL


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """A new, empty database on the test server; dropped afterwards (connections and all)."""
    server = make_url(require_postgres())
    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
