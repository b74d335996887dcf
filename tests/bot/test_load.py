"""50 users ask at once through the fake Telegram server; everyone gets the right answer."""

from __future__ import annotations

import asyncio
import statistics
import time

from bot.app import build_application
from retrieval import Archive
from tests.fake_telegram import FakeTelegram
from tests.helpers.bot import bot_settings, polling

USERS = 50
QUESTIONS = [("招商大会签约了多少项目", "37个重点项目"), ("杭叉科创园", "杭叉科创园")]


async def test_fifty_users_at_once(tg: FakeTelegram, archive: Archive) -> None:
    users = [tg.user(f"用户{i}") for i in range(USERS)]
    async with polling(build_application(bot_settings(tg), archive)):

        async def one(i: int) -> float:
            question, expected = QUESTIONS[i % len(QUESTIONS)]
            start = time.monotonic()
            tg.send_text(users[i], question)
            # poll instead of wait_for_message_async: 50 blocked worker threads would starve the
            # bot's own asyncio.to_thread calls (they share the loop's default executor)
            while not (sent := tg.sent_messages(users[i])):
                assert time.monotonic() - start < 60, "no reply within 60 s"
                await asyncio.sleep(0.01)
            msg = sent[0]
            assert expected in msg["text"], msg["text"]
            return time.monotonic() - start

        times = sorted(await asyncio.gather(*(one(i) for i in range(USERS))))
    p50 = statistics.median(times)
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"\n{USERS} concurrent questions: p50 {p50:.2f}s, p95 {p95:.2f}s, max {times[-1]:.2f}s")
    assert len(times) == USERS
