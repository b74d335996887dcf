"""Load script: `python -m benchmarks.flood [--database-url postgresql+psycopg://…]`

The real bot (python-telegram-bot, polling) against the project's fake Bot API server on
127.0.0.1, over the shipped pages. Two kinds of trouble, each printed as the reply times of
an innocent user (the victim) asking questions while it happens:

- **floods**: one user sends `--flood` updates of one kind within a second (questions,
  `/date 2024年`, `/latest`, `/today`, `/stats`, inline queries, "更多结果" presses) while
  the victim asks `--victim` questions one after another; the victim's p50/p95/max, and
  how many messages the flooder got back (one "slow down" notice, then silence);
- **a slow database**: a SQLite file whose write lock another connection holds; with
  PostgreSQL, a server frozen behind a relay (open sockets, no answers) and a table lock
  held by another session. The victim asks a question, pages it, asks /help and /date,
  five times; p50/max per action.

Figures are printed, never asserted (the boundedness itself is asserted by
tests/test_slow_database.py and tests/test_hostile.py).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

from benchmarks import percentile
from bot.app import build_application
from bot.render import NEXT
from retrieval import Archive
from tests.fake_telegram import FakeTelegram
from tests.helpers.bot import bot_settings, buttons, polling
from tests.helpers.settings import NOW, make_settings
from tests.helpers.slowdb import FrozenProxy, postgres_table_lock, sqlite_write_lock

VICTIM_QUESTIONS = ["招商大会签约了多少项目", "杭叉科创园", "高质量发展", "运河", "亚运会", "数字经济"]
FLOODS: dict[str, str] = {
    "text": "高质量发展",
    "/date": "/date 2024年",
    "/latest": "/latest",
    "/today": "/today",
    "/stats": "/stats",
    "inline": "招商",
    "更多结果": "",
}


def _percentiles(times: list[float]) -> tuple[float, float, float]:
    return statistics.median(times), percentile(times, 95), max(times)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


async def _reply_time(tg: FakeTelegram, user: Any, send: Callable[[], object], timeout: float = 60) -> float:
    """Do `send` and wait (polling: a waiting thread would take a worker from the bot) for
    one more message or edit in the user's chat."""
    before = len(tg.sent_messages(user))
    edits = len(tg.calls_to("editMessageText"))
    start = time.monotonic()
    send()
    while len(tg.sent_messages(user)) == before and len(tg.calls_to("editMessageText")) == edits:
        if time.monotonic() - start > timeout:
            return float("inf")
        await asyncio.sleep(0.002)
    return time.monotonic() - start


async def _quiet(tg: FakeTelegram, user: Any, settle: float = 0.5, limit: float = 60) -> None:
    """Wait until the bot has stopped answering `user` (the flood's backlog is worked off)."""
    start, count, since = time.monotonic(), -1, time.monotonic()
    while time.monotonic() - start < limit:
        now = len(tg.sent_messages(user)) + len(tg.calls_to("answerCallbackQuery")) + len(tg.calls_to("answerInlineQuery"))
        if now != count:
            count, since = now, time.monotonic()
        elif time.monotonic() - since > settle:
            return
        await asyncio.sleep(0.05)


async def _flood(tg: FakeTelegram, kind: str, n: int, victim_n: int, round_no: int) -> tuple[list[float], int]:
    attacker, victim = tg.user(f"Flood{round_no}"), tg.user(f"Victim{round_no}")
    target: dict[str, Any] | None = None
    if kind == "更多结果":
        await _reply_time(tg, attacker, lambda: tg.send_text(attacker, "高质量发展"))
        target = tg.sent_messages(attacker)[-1]

    async def attack() -> None:
        for _ in range(n):
            if kind == "inline":
                tg.inline_query(attacker, FLOODS[kind])
            elif target is not None:  # whatever page button the message shows now
                current = tg.message(target)
                tg.press(attacker, current, next(d for d in buttons(current).values() if d.startswith("p:")))
            else:
                tg.send_text(attacker, FLOODS[kind])
            await asyncio.sleep(1.0 / n)

    async def ask() -> list[float]:
        await asyncio.sleep(0.05)  # the flood is under way
        times = []
        for i in range(victim_n):
            q = VICTIM_QUESTIONS[i % len(VICTIM_QUESTIONS)]
            times.append(await _reply_time(tg, victim, lambda q=q: tg.send_text(victim, q)))  # type: ignore[misc]
        return times

    _, times = await asyncio.gather(attack(), ask())
    await _quiet(tg, attacker)
    return times, len(tg.sent_messages(attacker))


async def _slow_round(tg: FakeTelegram, name: str, rounds: int = 5) -> dict[str, list[float]]:
    victim = tg.user(name)
    out: dict[str, list[float]] = {"question": [], "next page": [], "/help": [], "/date": []}
    for i in range(rounds):
        q = VICTIM_QUESTIONS[i % 3]
        out["question"].append(await _reply_time(tg, victim, lambda q=q: tg.send_text(victim, q)))  # type: ignore[misc]
        msg = tg.sent_messages(victim)[-1]
        if NEXT in buttons(msg):
            out["next page"].append(await _reply_time(tg, victim, lambda msg=msg: tg.press(victim, msg, buttons(msg)[NEXT])))  # type: ignore[misc]
        out["/help"].append(await _reply_time(tg, victim, lambda: tg.send_text(victim, "/help")))
        out["/date"].append(await _reply_time(tg, victim, lambda: tg.send_text(victim, "/date 2024-06-14")))
    return out


@asynccontextmanager
async def _bot(tg: FakeTelegram, archive: Archive) -> AsyncIterator[None]:
    async with polling(build_application(bot_settings(tg, results_per_page=1), archive)):
        yield


async def _main(args: argparse.Namespace) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="flood-"))
    pg = args.database_url and args.database_url.startswith("postgresql")
    proxy_cm = FrozenProxy.to_url(args.database_url) if pg else None
    proxy, url = proxy_cm.__enter__() if proxy_cm else (None, f"sqlite:///{tmp / 'flood.db'}")
    backend = "PostgreSQL" if pg else "SQLite"
    try:
        archive = Archive.open(make_settings(tmp, database_url=url), now=lambda: NOW)
        archive.ingest()
        with FakeTelegram() as tg:
            async with _bot(tg, archive):
                await _reply_time(tg, tg.user("warm"), lambda: tg.send_text(tg.user("warm"), "招商"))
                print(f"## Floods ({backend}; {args.flood} updates of one kind in 1 s, victim asks {args.victim} questions)\n")
                print("| flood | victim p50 | victim p95 | victim max | messages to the flooder |")
                print("|---|---|---|---|---|")
                baseline, _ = await _flood(tg, "text", 0, args.victim, 0)
                p50, p95, mx = _percentiles(baseline)
                print(f"| (none) | {_ms(p50)} | {_ms(p95)} | {_ms(mx)} | 0 |")
                for i, kind in enumerate(FLOODS, 1):
                    times, got = await _flood(tg, kind, args.flood, args.victim, i)
                    p50, p95, mx = _percentiles(times)
                    print(f"| {kind} | {_ms(p50)} | {_ms(p95)} | {_ms(mx)} | {got} |", flush=True)

                print(f"\n## A slow database ({backend}; DATABASE_TIMEOUT {archive.store.wait} s; 5 rounds)\n")
                print("| fault | question p50 / max | next page p50 / max | /help p50 / max | /date p50 / max |")
                print("|---|---|---|---|---|")
                faults: list[tuple[str, Callable[[], Any]]] = []
                if pg:
                    assert proxy is not None
                    faults.append(("server frozen", _frozen(proxy)))
                    faults.append(("tables locked by another session", lambda: postgres_table_lock(args.database_url)))
                else:
                    faults.append(("write lock held by another connection", lambda: sqlite_write_lock(tmp / "flood.db")))
                for name, fault in faults:
                    with fault():
                        result = await _slow_round(tg, f"Slow{name[:5]}")
                    cells = []
                    for times in result.values():
                        cells.append(f"{_ms(statistics.median(times))} / {_ms(max(times))}" if times else "–")
                    print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
                    await asyncio.sleep(archive.store.deadlines.cooldown + 0.5)
        archive.close()
    finally:
        if proxy_cm:
            proxy_cm.__exit__(None, None, None)


def _frozen(proxy: FrozenProxy) -> Callable[[], Any]:
    @contextmanager
    def frozen() -> Iterator[None]:
        proxy.freeze()
        try:
            yield
        finally:
            proxy.thaw()

    return frozen


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--database-url", help="PostgreSQL URL (default: a fresh SQLite file)")
    p.add_argument("--flood", type=int, default=300, help="updates the flooder sends in one second")
    p.add_argument("--victim", type=int, default=20, help="questions the victim asks per flood")
    args = p.parse_args(argv)
    asyncio.run(_main(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())


