"""Running the real bot against the fake Bot API server, and talking to it as a user."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from telegram.ext import Application

from bot.settings import BotSettings
from tests.fake_telegram import FakeTelegram
from tests.helpers.settings import CORPUS

ADMIN = 4242
App = Application[Any, Any, Any, Any, Any, Any]


@asynccontextmanager
async def polling(
    app: App,
    *,
    timeout: float = 1.0,
    drop_pending_updates: bool = False,
    allowed_updates: list[str] | None = None,
) -> AsyncIterator[App]:
    """What ``run_polling`` does, in the test's event loop: ``initialize``, ``post_init``,
    ``start_polling`` (``timeout`` is the getUpdates long poll), ``start``; and on exit
    stop + shutdown (immediate: PTB cancels the pending long poll)."""
    await app.initialize()
    try:
        assert app.updater is not None
        if app.post_init is not None:
            await app.post_init(app)
        await app.updater.start_polling(
            poll_interval=0.0,
            timeout=dt.timedelta(seconds=timeout),
            drop_pending_updates=drop_pending_updates,
            allowed_updates=allowed_updates,
        )
        await app.start()
        try:
            yield app
        finally:
            if app.updater.running:
                await app.updater.stop()
            if app.running:
                await app.stop()
    finally:
        await app.shutdown()


def bot_settings(tg: FakeTelegram, **kw: Any) -> BotSettings:
    """Settings of a bot that talks to `tg`, with ADMIN as its admin."""
    return BotSettings(
        _env_file=None,
        telegram_bot_token=tg.token,
        telegram_base_url=tg.url,
        admin_user_ids=frozenset({ADMIN}),
        corpus_dir=CORPUS,
        **kw,
    )


def buttons(msg: dict[str, Any]) -> dict[str, str]:
    """Button text → callback_data."""
    rows = msg.get("reply_markup", {}).get("inline_keyboard", [])
    return {b["text"]: b["callback_data"] for row in rows for b in row}


def bold(msg: dict[str, Any]) -> list[str]:
    """The bold parts of a received message, from its entities."""
    text = msg["text"]
    return [
        text.encode("utf-16-le")[e["offset"] * 2 : (e["offset"] + e["length"]) * 2].decode("utf-16-le")
        for e in msg.get("entities", [])
        if e["type"] == "bold"
    ]


async def ask(tg: FakeTelegram, user: Any, question: str, count: int = 1) -> list[dict[str, Any]]:
    """`user` sends `question`; the bot's `count` replies."""
    tg.send_text(user, question)
    return await tg.wait_for_messages_async(user, count, timeout=10)
