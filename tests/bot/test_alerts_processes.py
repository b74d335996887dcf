"""Exactly once across processes: two `python -m bot` processes share one queue of digests,
one of them is killed (SIGKILL) in the middle of sending, and every subscriber still gets
its digest once, never twice."""

from __future__ import annotations

import signal
import subprocess
import time
from datetime import timedelta
from pathlib import Path

from retrieval import Archive
from tests.fake_telegram import FakeTelegram
from tests.helpers.bot import bot_process
from tests.helpers.issues import write_issue
from tests.helpers.settings import NOW, make_settings

TITLE = "市曲棍球队夺得省运会冠军"
TEXT = "本报讯 11月19日，市曲棍球队在省运会决赛中以3比1获胜，夺得冠军。"
SUBSCRIBERS = 12
FAST = {"ALERT_POLL_SECONDS": "0.2", "ALERT_RATE": "3", "ALERT_LEASE_SECONDS": "3"}


def _wait(condition: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _stop(*procs: subprocess.Popen[str]) -> None:
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    for p in procs:
        try:
            p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()


def test_two_processes_and_a_kill_deliver_each_digest_exactly_once(tg: FakeTelegram, tmp_path: Path) -> None:
    archive = Archive.open(make_settings(tmp_path), now=lambda: NOW)
    archive.ingest()
    users = [tg.user(f"U{k}") for k in range(SUBSCRIBERS)]
    for u in users:
        archive.subscribe(u.id, "private", "曲棍球", u.id)
    issue = write_issue(tmp_path / "new", "溪澄日报", NOW.date() - timedelta(days=2), [(TITLE, TEXT)])
    assert archive.ingest([issue]).alerts == SUBSCRIBERS
    archive.close()

    def sends() -> int:
        return sum(1 for c in tg.calls if c.method.lower() == "sendmessage")

    tg.fail_next("sendMessage", delay=4.0)  # the first digest is held in flight…
    log = tmp_path / "bots.log"
    first = bot_process(tmp_path, tg.token, tg.url, log, **FAST)
    second = third = None
    try:
        _wait(lambda: sends() >= 1, 90, "the first process to send")
        first.send_signal(signal.SIGKILL)  # …and its process killed before it hears back
        first.wait(timeout=10)
        second = bot_process(tmp_path, tg.token, tg.url, log, **FAST)
        third = bot_process(tmp_path, tg.token, tg.url, log, **FAST)
        _wait(lambda: all(tg.sent_messages(u) for u in users), 120, "every subscriber's digest")
        time.sleep(5)  # past the lease: the killed process's claim is given up, never resent
    finally:
        _stop(*(p for p in (first, second, third) if p is not None))
    got = [tg.sent_messages(u) for u in users]
    assert all(len(m) == 1 and TITLE in m[0]["text"] and "订阅提醒" in m[0]["text"] for m in got), (
        [len(m) for m in got], log.read_text("utf-8")[-3000:],
    )
    check = Archive.open(make_settings(tmp_path), now=lambda: NOW)
    try:
        assert check.alerts.counts() == {"sent": SUBSCRIBERS - 1, "uncertain": 1}
    finally:
        check.close()
