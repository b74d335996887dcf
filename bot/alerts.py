"""Sending the queued digests (`retrieval.alerts`): one asyncio task per bot process.

    loop: expire stale claims ─▶ claim one digest (AlertStore.claim: the chat's next send
          time and the digest's state are compare-and-set in the database, so two processes
          never take the same one, and a chat gets at most one a second, a group one every
          three) ─▶ sendMessage ─▶ sent | blocked (403: the chat is paused) | retry | uncertain

Exactly once: a digest is marked `sending` before the request and `sent` after it. A
process killed in between leaves it `sending`; after the lease it becomes `uncertain` and is
never sent again, since Telegram may already have delivered it. A graceful stop (SIGTERM,
/reload does not stop it) finishes the digest in flight. What is left to chance: a process
killed after its claim is committed and before its request leaves (no time at all: the
request is the next thing it does) loses that one digest; nothing is ever sent twice.

Flood limits: each process sends at most `alert_rate` digests a second, on top of
python-telegram-bot's own limiter (30 a second in all, 20 a minute per group), which also
waits out a 429's retry_after.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Protocol, runtime_checkable

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot import render
from bot.handlers import NO_PREVIEW, markup
from bot.retry import safe_to_retry
from bot.settings import BotSettings
from retrieval.alerts import AlertJob
from retrieval.store.alerts import AlertStore, utcnow

logger = logging.getLogger(__name__)
GONE = ("chat not found", "bot was kicked", "not enough rights", "have no rights", "chat was deleted")


@runtime_checkable
class HasAlerts(Protocol):
    @property
    def alerts(self) -> AlertStore: ...


class Dispatcher:
    """Sends the digests the archive's ingests queue, from any process sharing its database."""

    def __init__(
        self, archive: HasAlerts, bot: Bot, settings: BotSettings, clock: Callable[[], datetime] = utcnow
    ) -> None:
        self.queue = archive.alerts
        self.bot = bot
        self.poll = max(0.05, settings.alert_poll_seconds)
        self.spacing = 1.0 / max(0.1, settings.alert_rate)
        self.lease = timedelta(seconds=settings.alert_lease_seconds)
        self.clock = clock
        self.worker = f"{socket.gethostname()[:30]}:{os.getpid()}:{secrets.token_hex(4)}"
        self.sent = 0

    async def run(self, stop: asyncio.Event) -> None:
        """Until `stop` is set; a digest in flight is finished first."""
        logger.debug("alerts: sending as %s", self.worker)
        while not stop.is_set():
            try:
                busy = await self.send_one()
            except Exception:  # the database away, a bug: log, wait, go on (never end the bot)
                logger.exception("alerts: sending failed; trying again shortly")
                busy = False
            delay = self.spacing if busy else self.poll
            try:
                await asyncio.wait_for(stop.wait(), timeout=delay)
            except TimeoutError:
                pass

    async def send_one(self) -> bool:
        """Claim and send one digest: whether there was one to send."""
        now = self.clock()
        expired = await asyncio.to_thread(self.queue.expire, now, self.lease)
        if expired:
            logger.warning("alerts: %d digests left half-sent by a stopped process: not sent again", expired)
        job = await asyncio.to_thread(self.queue.claim, self.worker, now)
        if job is None:
            return False
        await self._deliver(job)
        return True

    async def _deliver(self, job: AlertJob) -> None:
        out = render.render_digest(job.digest)
        chat = job.digest.chat_id
        try:
            message = await self.bot.send_message(
                chat, out.text, parse_mode=ParseMode.HTML, reply_markup=markup(out), link_preview_options=NO_PREVIEW
            )
        except Forbidden as err:
            logger.info("alerts: chat %s blocked the bot: its alerts are paused", chat)
            await asyncio.to_thread(self.queue.blocked, job, self.worker, err.message, self.clock())
        except RetryAfter as err:
            after = err.retry_after if isinstance(err.retry_after, timedelta) else timedelta(seconds=err.retry_after)
            await asyncio.to_thread(self.queue.retry, job, self.worker, after, "flood control", self.clock())
        except BadRequest as err:
            if any(g in err.message.lower() for g in GONE):
                await asyncio.to_thread(self.queue.blocked, job, self.worker, err.message, self.clock())
            else:
                logger.warning("alerts: Telegram refused digest %s: %s", job.id, err.message)
                await asyncio.to_thread(self.queue.failed, job.id, self.worker, err.message)
        except NetworkError as err:
            if safe_to_retry(err, "sendMessage"):  # it never left: try again later
                await asyncio.to_thread(self.queue.retry, job, self.worker, timedelta(seconds=30),
                                        type(err).__name__, self.clock())
            else:  # it may have been delivered: never twice
                logger.warning("alerts: digest %s may or may not have arrived (%s): not sent again", job.id,
                               type(err).__name__)
                await asyncio.to_thread(self.queue.uncertain, job.id, self.worker, type(err).__name__)
        else:
            self.sent += 1
            await asyncio.to_thread(self.queue.sent, job.id, self.worker, message.message_id, self.clock())
