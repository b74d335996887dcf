"""Helpers to run a real python-telegram-bot ``Application`` against :class:`FakeTelegram`."""

from __future__ import annotations

import datetime as dtm
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from telegram.ext import Application, ApplicationBuilder

from .server import FakeTelegram

__all__ = ["application_builder", "polling"]


def application_builder(tg: FakeTelegram) -> ApplicationBuilder[Any, Any, Any, Any, Any, Any]:
    """``Application.builder()`` pointed at the fake, with short timeouts suitable for tests."""
    return (
        Application.builder()
        .token(tg.token)
        .base_url(tg.base_url)
        .base_file_url(tg.base_file_url)
        .connect_timeout(2.0)
        .read_timeout(5.0)
        .write_timeout(5.0)
        .pool_timeout(2.0)
        .get_updates_connect_timeout(2.0)
        .get_updates_read_timeout(2.0)
        .get_updates_write_timeout(2.0)
        .get_updates_pool_timeout(2.0)
    )


@asynccontextmanager
async def polling(
    app: Application[Any, Any, Any, Any, Any, Any],
    *,
    timeout: float = 1.0,
    drop_pending_updates: bool = False,
    allowed_updates: list[str] | None = None,
) -> AsyncIterator[Application[Any, Any, Any, Any, Any, Any]]:
    """``initialize`` + ``start`` + ``updater.start_polling`` on entry; stop + shutdown on exit.

    ``timeout`` is the getUpdates long-poll timeout (seconds); stopping is immediate anyway
    (PTB cancels the pending long poll and the fake answers its cleanup call at once).
    """
    await app.initialize()
    try:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(
            poll_interval=0.0,
            timeout=dtm.timedelta(seconds=timeout),
            drop_pending_updates=drop_pending_updates,
            allowed_updates=allowed_updates,
        )
        try:
            yield app
        finally:
            if app.updater.running:
                await app.updater.stop()
            if app.running:
                await app.stop()
    finally:
        await app.shutdown()
