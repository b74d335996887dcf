"""Paths, a fixed clock, and settings built for a test (never from a developer's .env)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.settings import BotSettings

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = ROOT / "corpus"
# The lookups' database deadline in tests: the production 0.8 s is about a frozen server, and a
# 2-core CI machine under a full suite (a PostgreSQL checkpoint, another test's workers) can
# stall a healthy call that long. Tests of the deadline itself pass their own, shorter one.
TEST_DATABASE_TIMEOUT = 10.0
# A fixed "now" for relative dates: 2026-11-22 10:00 in Shanghai.
NOW = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)


def make_settings(tmp: Path, **overrides: object) -> BotSettings:
    """Settings for an archive under `tmp` (the bot's fields included, so one object serves
    the library and the bot, as at the bot's entry point)."""
    values: dict[str, object] = {
        "database_url": f"sqlite:///{tmp / 'archive.db'}",
        "index_dir": tmp / "index",
        "corpus_dir": CORPUS,
        "database_timeout": TEST_DATABASE_TIMEOUT,
    }
    values.update(overrides)
    return BotSettings(_env_file=None, **values)  # type: ignore[call-arg]
