"""Webhook mode's HTTP listener: checks before it reads, and bounds what it reads.

python-telegram-bot's listener reads a whole request body (any size) before it looks at the
secret header, listens where it is told regardless of the URL, and keeps half-open
connections forever. This one (tornado, which the webhooks extra installs):

- listens on `TELEGRAM_WEBHOOK_LISTEN` (default 127.0.0.1: behind a reverse proxy that
  terminates TLS; set 0.0.0.0 only to face the Internet directly);
- answers 403 from the headers alone when `X-Telegram-Bot-Api-Secret-Token` is wrong, before
  a byte of the body is read, and 413 when the body is larger than `MAX_BODY` (an update is
  a few KB; Telegram's largest are well under 1 MB);
- closes connections idle for `IDLE_SECONDS` and bodies that trickle in for longer than
  `BODY_SECONDS`.
"""

from __future__ import annotations

import hmac
import json
import logging
from typing import Any

import tornado.httpserver
import tornado.web
from telegram import Update
from telegram.ext import Application

logger = logging.getLogger(__name__)

MAX_BODY = 1 * 2**20
IDLE_SECONDS = 30.0
BODY_SECONDS = 10.0
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"

App = Application[Any, Any, Any, Any, Any, Any]


@tornado.web.stream_request_body
class _UpdateHandler(tornado.web.RequestHandler):
    def initialize(self, app: App, secret: str, max_body: int) -> None:
        self.app = app
        self.secret = secret
        self.max_body = max_body
        self.chunks: list[bytes] = []
        self.size = 0

    def prepare(self) -> None:
        """Runs on the headers alone: refuse before the body is read."""
        if self.request.method != "POST":
            self._refuse(405)
            return
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            logger.info("webhook request refused: wrong or missing secret token")
            self._refuse(403)
            return
        declared = self.request.headers.get("Content-Length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            self._refuse(413)

    def _refuse(self, status: int) -> None:
        self.set_status(status)
        self.finish()
        if self.request.connection is not None:
            self.request.connection.close()  # type: ignore[attr-defined]

    def data_received(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.max_body:
            self._refuse(413)
            return
        self.chunks.append(chunk)

    async def post(self) -> None:
        try:
            payload = json.loads(b"".join(self.chunks))
            update = Update.de_json(payload, self.app.bot)
        except (ValueError, TypeError, KeyError) as exc:
            logger.info("webhook request refused: not an update (%s)", type(exc).__name__)
            self.set_status(400)
            return
        await self.app.update_queue.put(update)
        self.set_status(200)


class WebhookServer:
    """The listener in front of `app.update_queue`."""

    def __init__(
        self, app: App, path: str, secret: str, max_body: int | None = None,
        idle_seconds: float | None = None, body_seconds: float | None = None,
    ) -> None:
        max_body = MAX_BODY if max_body is None else max_body
        handlers = [(f"/{path.strip('/')}", _UpdateHandler, {"app": app, "secret": secret, "max_body": max_body})]
        self.server = tornado.httpserver.HTTPServer(
            tornado.web.Application(handlers),
            max_body_size=max_body,
            idle_connection_timeout=IDLE_SECONDS if idle_seconds is None else idle_seconds,
            body_timeout=BODY_SECONDS if body_seconds is None else body_seconds,
        )

    def listen(self, port: int, address: str) -> None:
        self.server.listen(port, address)

    async def stop(self) -> None:
        self.server.stop()
        await self.server.close_all_connections()
