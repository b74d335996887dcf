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
    """What ``run_polling`` does, in the test's event loop: ``initialize``, ``post_init``,
    ``updater.start_polling`` (``timeout`` is the getUpdates long poll), ``start``; on exit
    stop + shutdown (immediate: PTB cancels the pending long poll and the fake answers its
    cleanup call at once). The one way a test runs an application against the fake."""
    await app.initialize()
    try:
        assert app.updater is not None
        if app.post_init is not None:
            await app.post_init(app)
        await app.updater.start_polling(
            poll_interval=0.0,
            timeout=dtm.timedelta(seconds=timeout),
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
