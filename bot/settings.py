"""`BotSettings`: the library's settings plus the Telegram bot's, built once in `bot/__main__.py`.

Telegram fields live here, not in the library: the CLI, eval and benchmarks never see a
token. `.env.example` documents each field.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import SecretStr, field_validator
from pydantic_settings import NoDecode

from retrieval.settings import Settings


class BotSettings(Settings):
    """Everything `python -m bot` needs (secrets as `SecretStr`, never printed)."""

    telegram_bot_token: SecretStr | None = None
    telegram_base_url: str | None = None
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: SecretStr | None = None
    telegram_webhook_port: int = 8443
    telegram_webhook_listen: str = "127.0.0.1"  # behind a reverse proxy; 0.0.0.0 to face the Internet
    admin_user_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    allowed_chat_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    results_per_page: int = 3
    questions_per_minute: int = 20
    alert_poll_seconds: float = 5.0  # how often an idle bot looks for digests to send
    alert_rate: float = 10.0  # digests a second one bot process sends at most (Telegram allows ~30 in all)
    alert_lease_seconds: float = 120.0  # a digest left `sending` this long: its process died

    @field_validator("admin_user_ids", "allowed_chat_ids", mode="before")
    @classmethod
    def _id_list(cls, value: object) -> object:
        """Accept `1,2,3` (the natural way to write a list in an env file) as well as a list."""
        if isinstance(value, str):
            return frozenset(int(part) for part in value.replace(" ", "").split(",") if part)
        if isinstance(value, int):
            return frozenset({value})
        return value

    @field_validator("telegram_bot_token", "telegram_base_url", "telegram_webhook_url", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if value == "" else value
