"""bot/webhook.py: the secret is checked from the headers before any body is read, bodies are
capped, idle connections are closed, the listen address is a setting."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from bot import webhook
from bot.app import build_application, serve_webhook
from retrieval import Archive
from tests.fake_telegram import FakeTelegram
from tests.helpers.bot import bot_settings, free_port
from tests.helpers.settings import NOW

SECRET = "s3cret-Token_1"


@pytest.fixture
async def hook(tg: FakeTelegram, archive: Archive, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[tuple[int, Any]]:
    monkeypatch.setattr(webhook, "IDLE_SECONDS", 1.0)
    monkeypatch.setattr(webhook, "BODY_SECONDS", 1.0)
    port = free_port()
    settings = bot_settings(tg, telegram_webhook_url="https://example.invalid/hook", telegram_webhook_port=port)
    stop = asyncio.Event()
    task = asyncio.create_task(serve_webhook(build_application(settings, archive), settings, SECRET, stop))
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.1):
                break
        except OSError:
            await asyncio.sleep(0.05)
    yield port, settings
    stop.set()
    await task


def _update(user: Any) -> dict[str, Any]:
    return {
        "update_id": 1,
        "message": {
            "message_id": 1, "date": int(NOW.timestamp()), "text": "杭叉科创园",
            "chat": {"id": user.id, "type": "private", "first_name": "Web"},
            "from": {"id": user.id, "is_bot": False, "first_name": "Web"},
        },
    }


async def test_secret_first_then_body_cap_then_the_update(hook: tuple[int, Any], tg: FakeTelegram) -> None:
    port, settings = hook
    assert settings.telegram_webhook_listen == "127.0.0.1"
    assert tg.calls_to("setWebhook")[-1].params.get("secret_token") == SECRET
    user = tg.user("Web")
    url = f"http://127.0.0.1:{port}/hook"
    async with httpx.AsyncClient() as client:
        assert (await client.post(url, json=_update(user))).status_code == 403
        wrong = {webhook.SECRET_HEADER: "wrong"}
        assert (await client.post(url, json=_update(user), headers=wrong)).status_code == 403
        right = {webhook.SECRET_HEADER: SECRET}
        big = b"{" + b" " * (webhook.MAX_BODY + 10) + b"}"
        assert (await client.post(url, content=big, headers=right)).status_code == 413
        assert (await client.post(url, content=b"not json", headers=right)).status_code == 400
        await tg.assert_no_messages_async(user, within=0.3)
        assert (await client.post(url, json=_update(user), headers=right)).status_code == 200
    [msg] = await tg.wait_for_messages_async(user, 1, timeout=10)
    assert "杭叉科创园" in msg["text"]


async def test_a_wrong_secret_is_refused_before_the_body_is_sent(hook: tuple[int, Any]) -> None:
    port, _ = hook
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"POST /hook HTTP/1.1\r\nHost: x\r\nContent-Length: 90000000\r\n"
                 b"X-Telegram-Bot-Api-Secret-Token: nope\r\n\r\n")  # and no body at all
    await writer.drain()
    status = await asyncio.wait_for(reader.readline(), timeout=3)
    assert status.startswith(b"HTTP/1.1 403")
    writer.close()


async def test_half_open_and_trickling_connections_are_closed(hook: tuple[int, Any]) -> None:
    port, _ = hook
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"POST /hook HTTP/1.1\r\nHost: x\r\n")  # headers never finished
    await writer.drain()
    assert await asyncio.wait_for(reader.read(), timeout=5) == b""  # the server hung up
    writer.close()
