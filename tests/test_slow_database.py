"""A slow or locked database does not stall the bot (issue 12, class 7).

Through the fake Bot API server, with the real bot: PostgreSQL frozen behind a relay (open
sockets, no answers: a stopped server as its client sees it), and a SQLite file whose write
lock another connection holds. Questions are answered from the index (their page buttons
still work), /help needs no database at all, lookups that do need it say so within the
deadline, and everything works again once the database is back. Each reply's time is
printed (the figures in the fault report) and bounded far below the 30-45 s it took before.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable
from pathlib import Path
from typing import Any

from bot.app import build_application
from bot.html import strip_tags
from bot.render import NEXT
from retrieval import Archive
from tests.fake_telegram import FakeTelegram
from tests.helpers.bot import ask, bot_settings, buttons, polling
from tests.helpers.postgres import fresh_postgres_database
from tests.helpers.settings import NOW, make_settings
from tests.helpers.slowdb import FrozenProxy, sqlite_write_lock

QUESTION, ANSWER = "招商大会签约了多少项目", "37个重点项目"
WAIT = 0.5
BOUND = 3.0  # a reply, deadline and a new connection's 2 s included


async def _timed(what: Awaitable[Any]) -> tuple[float, Any]:
    start = time.monotonic()
    result = await what
    return time.monotonic() - start, result


async def _check_while_slow(tg: FakeTelegram, user: Any, label: str, lookups_work: bool) -> None:
    times: dict[str, float] = {}
    times["/help"], [msg] = await _timed(ask(tg, user, "/help"))
    assert "/date" in msg["text"]
    times["question"], [msg] = await _timed(ask(tg, user, QUESTION))
    assert ANSWER in strip_tags(msg["text"])
    tg.press(user, msg, buttons(msg)[NEXT])  # its page token: in the process if not in the database
    times["next page"], edited = await _timed(tg.wait_for_edit_async(msg))
    assert "第 2/" in edited["text"]
    times["/date"], [day] = await _timed(ask(tg, user, "/date 2024-06-14"))
    assert ("2024年6月14日" in day["text"]) == lookups_work, day["text"]
    print(f"\n{label}: " + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in times.items()))
    assert max(times.values()) < BOUND, times


async def test_frozen_postgres_answers_from_the_index_within_the_deadline(tmp_path: Path, tg: FakeTelegram) -> None:
    with fresh_postgres_database() as url, FrozenProxy.to_url(url) as (proxy, via):
        archive = Archive.open(make_settings(tmp_path, database_url=via, database_timeout=WAIT), now=lambda: NOW)
        archive.ingest()
        user = tg.user("Frost")
        async with polling(build_application(bot_settings(tg, results_per_page=1), archive)):
            [warm] = await ask(tg, user, QUESTION)
            proxy.freeze()
            try:
                await _check_while_slow(tg, user, "PostgreSQL frozen", lookups_work=False)
            finally:
                proxy.thaw()
            await asyncio.sleep(archive.store.deadlines.cooldown + 0.2)
            [back] = await ask(tg, user, "/date 2024-06-14")
            assert "2024年6月14日" in back["text"]
            tg.press(user, warm, buttons(warm)[NEXT])  # a token from before the freeze
            assert "第 2/" in (await tg.wait_for_edit_async(warm))["text"]
        archive.close()


async def test_a_held_sqlite_write_lock_does_not_stall_questions_or_paging(tmp_path: Path, tg: FakeTelegram) -> None:
    path = tmp_path / "locked.db"
    archive = Archive.open(make_settings(tmp_path, database_url=f"sqlite:///{path}", database_timeout=WAIT), now=lambda: NOW)
    archive.ingest()
    user = tg.user("Lock")
    async with polling(build_application(bot_settings(tg, results_per_page=1), archive)):
        with sqlite_write_lock(path):
            await _check_while_slow(tg, user, "SQLite write lock held", lookups_work=True)
            # six paged questions at once no longer fill the worker pool for 30 s each
            others = [tg.user(f"L{i}") for i in range(6)]
            start = time.monotonic()
            for u in others:
                tg.send_text(u, QUESTION)
            # polled, not awaited with wait_for_messages_async: six waiting threads would take
            # the event loop's default executor from the bot itself
            while not all(tg.sent_messages(u) for u in others):
                assert time.monotonic() - start < BOUND * 2, "six questions at once stalled"
                await asyncio.sleep(0.01)
            took = time.monotonic() - start
            assert all(ANSWER in strip_tags(tg.sent_messages(u)[0]["text"]) for u in others)
            print(f"six paged questions at once with the lock held: all answered in {took * 1000:.0f} ms")
            assert took < BOUND, took
    archive.close()
