"""Shared fixtures: an archive built once per test session from the shipped corpus into a
temporary SQLite database, an empty database on each backend, the fake Bot API server.
Helpers (settings, PostgreSQL, running the bot) are in tests/helpers/."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.settings import BotSettings
from retrieval import Archive
from tests.fake_telegram import FakeTelegram
from tests.helpers.postgres import fresh_postgres_database
from tests.helpers.settings import CORPUS, NOW, make_settings

pytest_plugins = ["tests.fake_telegram.fixtures"]


@pytest.fixture(scope="session")
def archive_settings(tmp_path_factory: pytest.TempPathFactory) -> BotSettings:
    return make_settings(tmp_path_factory.mktemp("archive"))


@pytest.fixture(scope="session")
def archive(archive_settings: BotSettings) -> Iterator[Archive]:
    """The shipped corpus, ingested once; tests must not change it."""
    a = Archive.open(archive_settings, now=lambda: NOW)
    a.ingest()
    yield a
    a.close()


@pytest.fixture
def own_archive(tmp_path: Path) -> Iterator[Archive]:
    """An archive of its own over a copy of the shipped corpus, for tests that change it
    (uploads, undo)."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    a = Archive.open(make_settings(tmp_path, corpus_dir=corpus), now=lambda: NOW)
    a.ingest()
    yield a
    a.close()


@pytest.fixture
def tg() -> Iterator[FakeTelegram]:
    """A fake Bot API server whose bot sees all group messages (so ignoring chatter is ours)."""
    with FakeTelegram(can_read_all_group_messages=True) as fake:
        yield fake


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
