"""Retrying Bot API calls that failed without Telegram acting on them.

:class:`RetryingLimiter` is PTB's :class:`~telegram.ext.AIORateLimiter` (which keeps under
Telegram's flood limits and, on 429 *Too Many Requests*, waits ``retry_after`` and tries again)
plus retries, with a short back-off, of the failures where the request certainly did nothing:

* a 5xx answer (500 Internal Server Error, 502 Bad Gateway…),
* no connection at all (connect error or connect timeout; pool timeout: not even sent).

A *read* timeout is different: Telegram may have received and executed the request and only
the answer got lost. Sending a message again could then post it twice, so ``sendMessage`` is
not retried after a read timeout (the reply might be lost — logged — but never duplicated);
requests that are safe to repeat (edits, commands, callback answers…) are.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

import httpx
from telegram.error import NetworkError, TimedOut
from telegram.ext import AIORateLimiter

logger = logging.getLogger(__name__)

JSONDict = dict[str, Any]
# Repeating these changes nothing (an edit to the same text is "not modified", which is handled).
IDEMPOTENT = frozenset(
    {
        "getMe",
        "editMessageText",
        "editMessageReplyMarkup",
        "setMyCommands",
        "deleteWebhook",
        "setWebhook",
        "sendChatAction",
        "answerInlineQuery",
    }
)
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def safe_to_retry(err: Exception, endpoint: str) -> bool:
    """True when ``err`` shows the request had no effect, or repeating it is harmless."""
    if endpoint == "getUpdates":  # the updater has its own retry loop
        return False
    cause = err.__cause__
    if isinstance(err, TimedOut):
        return isinstance(cause, NOT_SENT) or endpoint in IDEMPOTENT
    if type(err) is NetworkError:  # not BadRequest/TimedOut/…, which subclass it
        if isinstance(cause, httpx.HTTPError):  # a transport error, no HTTP answer
            return isinstance(cause, NOT_SENT) or endpoint in IDEMPOTENT
        return True  # Telegram answered 5xx: it did not do it
    return False


class RetryingLimiter(AIORateLimiter):
    """:class:`AIORateLimiter` with ``max_retries`` for 429, plus ``attempts`` tries for failures
    that :func:`safe_to_retry` allows, waiting ``backoff``, 2×``backoff``… in between."""

    def __init__(self, *, max_retries: int = 3, attempts: int = 3, backoff: float = 0.5) -> None:
        super().__init__(max_retries=max_retries)
        self.attempts = max(1, attempts)
        self.backoff = backoff

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        for attempt in range(1, self.attempts + 1):
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except NetworkError as err:
                if attempt == self.attempts or not safe_to_retry(err, endpoint):
                    raise
                wait = self.backoff * 2 ** (attempt - 1)
                logger.warning("%s failed (%s); retry %d in %.1fs", endpoint, type(err).__name__, attempt, wait)
                await asyncio.sleep(wait)
        raise AssertionError("unreachable")
