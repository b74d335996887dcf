"""Tests of the fake Telegram Bot API (``tests/fake_telegram``): fault injection and timeouts,
raw and as PTB sees them."""

from __future__ import annotations

import time

import pytest
from telegram.error import RetryAfter

from tests.fake_telegram import FakeTelegram, FakeTelegramTimeout, application_builder
from tests.fake_telegram.testkit import Http, call


class TestFaults:
    def test_fault_injection(self, tg: FakeTelegram, http: Http) -> None:
        alice = tg.user("Alice")
        tg.fail_next("sendMessage", status=429, retry_after=3)
        tg.fail_next("sendMessage", status=500)
        r = http.post("sendMessage", data={"chat_id": alice.id, "text": "x"})
        assert r.status_code == 429
        assert r.json() == {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 3",
            "parameters": {"retry_after": 3},
        }
        assert http.post("sendMessage", data={"chat_id": alice.id, "text": "x"}).status_code == 500
        assert call(http, "sendMessage", chat_id=alice.id, text="x")["ok"]
        tg.fail_next("sendMessage", delay=0.3)
        t0 = time.monotonic()
        assert call(http, "sendMessage", chat_id=alice.id, text="slow")["ok"]
        assert time.monotonic() - t0 >= 0.3
        assert [m["text"] for m in tg.wait_for_messages(alice, 1)] == ["x"]
        assert [m["text"] for m in tg.drain_messages(alice)] == ["slow"]
        assert tg.drain_messages(alice) == []
        assert len(tg.sent_messages(alice)) == 2

    def test_wait_timeout_message_is_helpful(self, tg: FakeTelegram, http: Http) -> None:
        alice = tg.user("Alice")
        call(http, "sendMessage", chat_id=alice.id, text="<b", parse_mode="HTML")
        with pytest.raises(FakeTelegramTimeout, match="can't parse entities"):
            tg.wait_for_messages(alice, timeout=0.1)


async def test_ptb_sees_retry_after(fake_telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch) -> None:
    # PTB 22 warns (PTBDeprecationWarning, an error under -W error) when building RetryAfter
    # unless PTB_TIMEDELTA is set.
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    alice = fake_telegram.user("Alice")
    app = application_builder(fake_telegram).build()
    async with app:
        fake_telegram.fail_next("sendMessage", retry_after=2)
        with pytest.raises(RetryAfter) as exc:
            await app.bot.send_message(alice.id, "x")
        assert exc.value.retry_after.total_seconds() == 2
        assert (await app.bot.send_message(alice.id, "x")).text == "x"
