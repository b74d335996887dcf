"""Wiring: settings → a python-telegram-bot ``Application`` with the archive loaded once."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import signal
from collections.abc import AsyncIterator
from typing import Any

from telegram import BotCommand, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.alerts import Dispatcher, HasAlerts
from bot.commands import COMMANDS
from bot.handlers import Handlers, Runtime
from bot.redact import RedactRecords
from bot.redact import install as install_redaction
from bot.replies import ArchiveAPI, Replier
from bot.retry import RetryingLimiter
from bot.settings import BotSettings
from bot.webhook import WebhookServer
from retrieval import Archive

logger = logging.getLogger(__name__)

App = Application[Any, Any, Any, Any, Any, Any]
ALLOWED_UPDATES = [Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]


class BotApplication(Application[Any, Any, Any, Any, Any, Any]):
    """PTB's Application, plus the alert sender (`bot.alerts.Dispatcher`) as a task that
    starts once the application runs with its archive (post_init) and is stopped, its digest in flight finished, when
    the application stops, however it is run (polling, webhook, a test)."""

    alerts: Dispatcher | None = None
    _alert_stop: asyncio.Event | None = None
    _alert_task: asyncio.Task[None] | None = None

    def start_alerts(self, dispatcher: Dispatcher) -> None:
        """Send alerts with `dispatcher` once the application runs (at once if it does)."""
        self.alerts = dispatcher
        if self.running:
            self._run_alerts()

    def _run_alerts(self) -> None:
        if self.alerts is not None and self._alert_task is None:
            self._alert_stop = asyncio.Event()
            self._alert_task = asyncio.create_task(self.alerts.run(self._alert_stop), name="alerts")

    async def start(self) -> None:
        await super().start()
        self._run_alerts()  # not before: a start-up that fails sends nothing

    async def stop(self) -> None:
        if self._alert_stop is not None and self._alert_task is not None:
            self._alert_stop.set()
            with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                await asyncio.wait_for(self._alert_task, timeout=30)
            self._alert_task = None
        await super().stop()


class NoTokenError(RuntimeError):
    """TELEGRAM_BOT_TOKEN is not set."""


def open_archive(settings: BotSettings) -> Archive:
    """Open the archive; on a brand-new database, ingest ``corpus_dir`` first."""
    archive = Archive.open(settings)
    if archive.stats().articles == 0:
        logger.info("the archive is empty: ingesting %s", settings.corpus_dir)
        report = archive.ingest()
        logger.info("ingested %d articles from %d files", report.articles, len(report.files))
    archive.warm()  # the first reader's question does not wait for the compiled loops to load
    return archive


def build_application(settings: BotSettings, archive: ArchiveAPI | None = None) -> App:
    """The bot, ready for ``run_polling``/``run_webhook`` (or ``initialize``/``start``).

    ``archive``: an already open archive (tests); by default ``post_init`` opens one from
    ``settings`` in a worker thread.
    """
    if settings.telegram_bot_token is None:
        raise NoTokenError("TELEGRAM_BOT_TOKEN is not set")
    runtime = Runtime(settings)
    handlers = Handlers(runtime)

    async def post_init(app: App) -> None:
        loaded = archive if archive is not None else await asyncio.to_thread(open_archive, settings)
        runtime.replier = Replier(loaded, settings)
        runtime.replier.bot_username = app.bot.username  # (known from getMe in initialize)
        await app.bot.set_my_commands([BotCommand(c.name, c.description) for c in COMMANDS])
        if isinstance(loaded, HasAlerts) and isinstance(app, BotApplication):
            app.start_alerts(Dispatcher(loaded, app.bot, settings))
        logger.info("archive loaded, commands registered")

    builder = (
        Application.builder()
        .application_class(BotApplication)
        .token(settings.telegram_bot_token.get_secret_value())
        .concurrent_updates(True)
        .rate_limiter(RetryingLimiter())
        .post_init(post_init)
    )
    if settings.telegram_base_url:
        base = settings.telegram_base_url.rstrip("/")
        builder = builder.base_url(f"{base}/bot").base_file_url(f"{base}/file/bot")
    app: App = builder.build()

    message = filters.UpdateType.MESSAGE  # edited messages are ignored: the answer is already there
    private = filters.ChatType.PRIVATE
    app.add_handler(TypeHandler(Update, handlers.gate), group=-1)
    app.add_handler(CommandHandler([c.name for c in COMMANDS], handlers.command, filters=message))
    app.add_handler(MessageHandler(filters.COMMAND & private & message, handlers.command))
    text = filters.TEXT & ~filters.COMMAND & message
    app.add_handler(MessageHandler(text & private, handlers.private_text))
    app.add_handler(MessageHandler(text & filters.ChatType.GROUPS, handlers.group_text))
    app.add_handler(MessageHandler(private & message & filters.Document.ALL, handlers.document))
    app.add_handler(MessageHandler(private & message & ~filters.TEXT, handlers.not_text))
    app.add_handler(CallbackQueryHandler(handlers.button))
    app.add_handler(InlineQueryHandler(handlers.inline))
    app.add_error_handler(handlers.error)
    return app


def run_polling(settings: BotSettings) -> None:
    asyncio.run(serve_polling(build_application(settings)))


async def serve_polling(app: App, stop: asyncio.Event | None = None) -> None:
    """Long polling, as ``Application.run_polling`` does it, but with start-up (getMe, post_init,
    deleteWebhook: any failure ends the process, see `STARTING`) apart from running (the
    updater retries getUpdates for as long as the network is down); until `stop` is set or
    SIGINT/SIGTERM."""
    assert app.updater is not None
    async with _initialized(app):
        await app.updater.start_polling(allowed_updates=ALLOWED_UPDATES)
        try:
            await app.start()
            await _run_until(stop)
        finally:
            if app.updater.running:
                await app.updater.stop()
            if app.running:
                await app.stop()


def run_webhook(settings: BotSettings) -> None:
    """Webhook mode: Telegram POSTs updates to TELEGRAM_WEBHOOK_URL, checked with the secret,
    through `bot.webhook.WebhookServer` on TELEGRAM_WEBHOOK_LISTEN:TELEGRAM_WEBHOOK_PORT."""
    if not settings.telegram_webhook_url:
        raise ValueError("TELEGRAM_WEBHOOK_URL is not set (the public https URL Telegram should call)")
    if settings.telegram_webhook_secret is not None:
        secret = settings.telegram_webhook_secret.get_secret_value()
    else:
        secret = secrets.token_urlsafe(32)
        logger.warning("TELEGRAM_WEBHOOK_SECRET is not set: using a random secret for this run")
    asyncio.run(serve_webhook(build_application(settings), settings, secret))


async def serve_webhook(app: App, settings: BotSettings, secret: str, stop: asyncio.Event | None = None) -> None:
    """Initialise the bot, register the webhook with Telegram, listen until `stop` is set
    (or SIGINT/SIGTERM), then shut down in order."""
    assert settings.telegram_webhook_url is not None
    path = settings.telegram_webhook_url.rstrip("/").rsplit("/", 1)[-1] or "telegram"
    async with _initialized(app):
        await app.bot.set_webhook(settings.telegram_webhook_url, secret_token=secret, allowed_updates=ALLOWED_UPDATES)
        server = WebhookServer(app, path, secret)
        server.listen(settings.telegram_webhook_port, settings.telegram_webhook_listen)
        await app.start()
        logger.info("webhook listening on %s:%s", settings.telegram_webhook_listen, settings.telegram_webhook_port)
        try:
            await _run_until(stop)
        finally:
            await server.stop()
            await app.stop()


@contextlib.asynccontextmanager
async def _initialized(app: App) -> AsyncIterator[None]:
    """``initialize`` (getMe) and ``post_init`` (the archive, setMyCommands); ``shutdown`` after."""
    await app.initialize()
    try:
        if app.post_init is not None:
            await app.post_init(app)
        yield
    finally:
        await app.shutdown()


async def _run_until(stop: asyncio.Event | None) -> None:
    """The bot is up: from here on a network failure is the running bot's (logged in full and
    retried, never the end of the process). Wait for `stop`, SIGINT or SIGTERM. (Before this,
    SIGINT is a KeyboardInterrupt that cuts a slow start-up short.)"""
    STARTING.active = False
    logger.info("bot started")
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    installed: list[signal.Signals] = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, stop.set)
            installed.append(sig)
    try:
        await stop.wait()
    finally:
        for sig in installed:
            loop.remove_signal_handler(sig)


def configure_logging(settings: BotSettings, level: int = logging.INFO) -> None:
    """Called once, first thing in ``main()``: redact the token and the webhook secret from
    everything the process writes, then format logging and quiet httpx."""
    hidden = [
        s.get_secret_value()
        for s in (settings.telegram_bot_token, settings.telegram_webhook_secret)
        if s is not None
    ]
    redact = install_redaction(hidden)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for chatty in ("httpx", "httpcore", "alembic"):
        logging.getLogger(chatty).setLevel(logging.WARNING)
    records = RedactRecords(redact)
    for handler in logging.getLogger().handlers:
        handler.addFilter(records)
        handler.addFilter(STARTING)


class _Starting(logging.Filter):
    """Until the bot is up (`_run_until`), python-telegram-bot's warnings and errors and our
    retry notices are not printed: a failed start-up (a bad token; Telegram unreachable, timing
    out or refusing connections; a proxy's HTML page) would print a chained traceback per step
    it failed, and `main()` ends it with one clear line saying what failed and what to check.
    Their lesser records lose any traceback. Once the bot is up, everything is logged."""

    active = True
    QUIET = ("telegram", "bot.retry")

    def filter(self, record: logging.LogRecord) -> bool:
        if self.active and record.name.startswith(self.QUIET):
            if record.levelno >= logging.WARNING:
                return False
            record.exc_info, record.exc_text = None, None
        return True


STARTING = _Starting()
