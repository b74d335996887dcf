"""The library's settings, read from the environment and `.env` at the entry points only.

Library functions never read the environment: the CLI (`retrieval/cli.py`) builds a
`Settings`, the bot a `bot.settings.BotSettings` (these fields plus Telegram's), and they
pass the values down as arguments.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Where the archive lives and how its dates are read; `.env.example` documents each one."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = Field(default=f"sqlite:///{PROJECT_ROOT / 'data' / 'archive.db'}")
    corpus_dir: Path = PROJECT_ROOT / "corpus"
    index_dir: Path = PROJECT_ROOT / "data" / "index"
    default_paper: str = "今日拱墅"
    timezone: str = "Asia/Shanghai"
    page_token_ttl_days: int = 30  # how long a saved result page (its query) stays valid
    # How long a lookup (an article, a day's list, a page token) may wait for the database
    # before the reply says it is unavailable; ingest and index builds are never bounded.
    database_timeout: float = 0.8
    # Alerts go out for issues dated at most this many days before today (0: any date), so
    # an editor loading years of back issues does not send each subscriber years of digests.
    alert_max_age_days: int = 60
