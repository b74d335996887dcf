"""Shared fixtures: settings that never read a developer's .env, and an archive built
once per test session from the shipped corpus into a temporary SQLite database."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

from retrieval import Archive, Settings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
# A fixed "now" for relative dates: 2026-11-22 10:00 in Shanghai.
NOW = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)

pytest_plugins = ["tests.fake_telegram.fixtures"]


def make_settings(tmp: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": f"sqlite:///{tmp / 'archive.db'}",
        "index_dir": tmp / "index",
        "corpus_dir": CORPUS,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def archive_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return make_settings(tmp_path_factory.mktemp("archive"))


@pytest.fixture(scope="session")
def archive(archive_settings: Settings) -> Iterator[Archive]:
    """The shipped corpus, ingested once; tests must not change it."""
    a = Archive.open(archive_settings, now=lambda: NOW)
    a.ingest()
    yield a
    a.store.engine.dispose()


# -- both database backends ------------------------------------------------------------------
# PostgreSQL tests run against the server named by TEST_POSTGRES_URL (``.ci/run`` starts a
# throwaway cluster with scripts/pg-test-cluster.sh); each test gets its own fresh database.
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "")
NO_POSTGRES = "PostgreSQL tests need TEST_POSTGRES_URL (eval \"$(scripts/pg-test-cluster.sh start DIR)\")"


def require_postgres() -> str:
    """The server URL; skip (locally) or fail (CI=true) when there is none."""
    if not POSTGRES_URL:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
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


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database on each backend in turn: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'archive.db'}"
    else:
        with fresh_postgres_database() as url:
            yield url


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """An empty PostgreSQL database (PostgreSQL-only tests)."""
    with fresh_postgres_database() as url:
        yield url
