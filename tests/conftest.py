"""Shared fixtures: settings that never read a developer's .env, and an archive built
once per test session from the shipped corpus into a temporary SQLite database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

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
