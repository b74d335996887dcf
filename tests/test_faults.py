"""Faults: the database goes away under a running bot, the Bot API fails (429, 5xx, timeouts),
and an ingest is killed with SIGKILL halfway through.

The PostgreSQL outage test stops and restarts the real test server (TEST_POSTGRES_CTL, set by
``scripts/pg-test-cluster.sh``); the others run on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import asyncio
import os
import random
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.pool import NullPool

from bot.app import build_application
from bot.html import strip_tags
from bot.render import NEXT
from bot.replies import UNAVAILABLE
from retrieval import Archive
from retrieval.store.models import Article, Issue, Passage
from tests.fake_telegram import FakeTelegram
from tests.helpers.bot import ask, bot_settings, buttons, polling
from tests.helpers.settings import CORPUS, NOW, ROOT, make_settings

QUESTION, ANSWER = "招商大会签约了多少项目", "37个重点项目"


@pytest.fixture
def tg(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeTelegram]:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # RetryAfter.retry_after as a timedelta, no warning
    with FakeTelegram() as fake:
        yield fake


@pytest.fixture
async def bot(tg: FakeTelegram, archive: Archive) -> AsyncIterator[FakeTelegram]:
    async with polling(build_application(bot_settings(tg), archive)):
        yield tg


# -- the database goes away -------------------------------------------------------------------
def _pg_ctl(*args: str) -> None:
    ctl = os.environ.get("TEST_POSTGRES_CTL")
    if not ctl:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("CI must run the outage test, but TEST_POSTGRES_CTL is not set")
        pytest.skip("needs TEST_POSTGRES_CTL (set by scripts/pg-test-cluster.sh) to stop the server")
    subprocess.run([*shlex.split(ctl), *args], check=True, capture_output=True, timeout=90)


async def test_database_outage_short_reply_then_recovery(
    tmp_path: Path, tg: FakeTelegram, postgres_url: str
) -> None:
    archive = Archive.open(make_settings(tmp_path, database_url=postgres_url), now=lambda: NOW)
    archive.ingest()
    user = tg.user("Olga")
    async with polling(build_application(bot_settings(tg, results_per_page=1), archive)):
        [msg] = await ask(tg, user, QUESTION)
        assert ANSWER in strip_tags(msg["text"])
        _pg_ctl("stop", "-m", "fast")
        try:
            [down] = await ask(tg, user, QUESTION)  # search needs no database: the index answers
            assert ANSWER in strip_tags(down["text"])
            qid = tg.press(user, down, buttons(down)[NEXT])  # its token was kept in the process
            await tg.wait_for_callback_answer_async(qid)
            assert "第 2/" in (await tg.wait_for_edit_async(down))["text"]
            qid = tg.press(user, msg, buttons(msg)[NEXT])  # a token in the stopped database
            toast = await tg.wait_for_callback_answer_async(qid)
            assert "暂时无法查询" in toast["text"]
            [down] = await ask(tg, user, "/date 2024-06-14")
            assert down["text"] == strip_tags(UNAVAILABLE)
            qid = tg.inline_query(user, "杭叉科创园")
            assert await tg.inline_answer_async(qid, timeout=15) == []
        finally:
            _pg_ctl("start")
        [back] = await ask(tg, user, QUESTION)  # the same bot, no restart
        assert ANSWER in strip_tags(back["text"])
        qid = tg.press(user, msg, buttons(msg)[NEXT])
        await tg.wait_for_callback_answer_async(qid)
        assert "第 2/" in (await tg.wait_for_edit_async(msg))["text"]
    archive.store.engine.dispose()


# -- the Bot API fails ------------------------------------------------------------------------
async def test_flood_control_429_is_waited_out_and_sent_once(bot: FakeTelegram) -> None:
    user = bot.user("Rita")
    bot.fail_next("sendMessage", retry_after=1)
    [msg] = await ask(bot, user, QUESTION, count=1)
    assert ANSWER in msg["text"]
    await bot.assert_no_messages_async(user, within=0.5)
    assert [c.status for c in bot.calls_to("sendMessage")] == [429, 200]


async def test_server_errors_are_retried_once_each(bot: FakeTelegram) -> None:
    user = bot.user("Sam")
    bot.fail_next("sendMessage", status=500)
    bot.fail_next("sendMessage", status=502)
    [msg] = await ask(bot, user, QUESTION)
    assert ANSWER in msg["text"]
    await bot.assert_no_messages_async(user, within=0.5)
    assert [c.status for c in bot.calls_to("sendMessage")] == [500, 502, 200]
    # a page turn whose edit and callback answer fail first
    [msg] = await ask(bot, user, "高质量发展")
    bot.fail_next("editMessageText", status=500)
    bot.fail_next("answerCallbackQuery", status=502)
    qid = bot.press(user, msg, buttons(msg)[NEXT])
    await bot.wait_for_callback_answer_async(qid, timeout=10)
    assert "第 2/" in (await bot.wait_for_edit_async(msg, timeout=10))["text"]


async def test_persistent_failure_gives_up_and_others_are_served(bot: FakeTelegram) -> None:
    unlucky, other = bot.user("Una"), bot.user("Vic")
    bot.fail_next("sendMessage", status=500, times=3)  # every attempt for Una's reply fails
    bot.send_text(unlucky, QUESTION)
    deadline = time.monotonic() + 15
    while len(bot.calls_to("sendMessage")) < 3:
        assert time.monotonic() < deadline, "the bot did not retry"
        await asyncio.sleep(0.05)
    await bot.assert_no_messages_async(unlucky, within=1.0)  # lost after 3 tries, logged, no apology
    [msg] = await ask(bot, other, "杭叉科创园")
    assert "杭叉科创园" in msg["text"]
    [msg] = await ask(bot, unlucky, QUESTION)  # and the next question works
    assert ANSWER in msg["text"]


async def test_read_timeout_is_not_retried_so_no_duplicate(bot: FakeTelegram) -> None:
    """Telegram got the message but the answer never came back in time (PTB's read timeout is
    5 s): resending would post it twice, so the bot does not; other users are served meanwhile."""
    slow, other = bot.user("Wen"), bot.user("Xia")
    bot.fail_next("sendMessage", delay=6.0)
    bot.send_text(slow, QUESTION)
    await bot.wait_for_call_async("sendMessage", timeout=10)
    [msg] = await ask(bot, other, "杭叉科创园")
    assert "杭叉科创园" in msg["text"]
    [msg] = await bot.wait_for_messages_async(slow, 1, timeout=10)
    assert ANSWER in msg["text"]
    await bot.assert_no_messages_async(slow, within=1.5)  # no second copy, no apology
    assert len([c for c in bot.calls_to("sendMessage") if c.params.get("chat_id") == slow.id]) == 1


async def test_get_updates_failing_does_not_stop_the_bot(bot: FakeTelegram) -> None:
    user = bot.user("Yan")
    bot.fail_next("getUpdates", status=502, times=2)
    bot.fail_next("getUpdates", status=429, retry_after=1)
    [msg] = await ask(bot, user, QUESTION)
    assert ANSWER in msg["text"]


# -- kill -9 during an ingest --------------------------------------------------------------------
def _big_corpus(tmp: Path, copies: int) -> Path:
    """The shipped pages many times over, in sub-folders (each copy is its own issue file)."""
    folder = tmp / "big"
    for n in range(copies):
        sub = folder / f"copy{n:02d}"
        sub.mkdir(parents=True)
        for page in sorted(CORPUS.glob("*.txt")):
            shutil.copy(page, sub / page.name)
    shutil.copy(CORPUS / "manifest.csv", folder / "manifest.csv")
    shutil.copy(CORPUS / "userdict.txt", folder / "userdict.txt")
    return folder


def _contents(url: str) -> list[tuple[str, str, str, int]]:
    engine = create_engine(url, poolclass=NullPool)
    with engine.connect() as conn:
        rows = conn.execute(
            select(Issue.source, Article.title, Article.text, func.count(Passage.id))
            .join(Article, Article.issue_id == Issue.id)
            .join(Passage, Passage.article_id == Article.id)
            .group_by(Issue.source, Article.id, Article.title, Article.text)
        ).all()
    engine.dispose()
    return sorted((r[0], r[1], r[2], r[3]) for r in rows)


def _issues(url: str) -> int:
    engine = create_engine(url, poolclass=NullPool)
    with engine.connect() as conn:
        n = conn.scalar(select(func.count(Issue.id))) or 0
    engine.dispose()
    return n


_RNG = random.Random(31)
KILL_POINTS = sorted(round(_RNG.uniform(0.05, 0.95), 2) for _ in range(4))  # the share of new files in


@pytest.mark.parametrize("kill_point", KILL_POINTS)
def test_kill_9_during_ingest_then_ingest_again_equals_a_clean_ingest(
    tmp_path: Path, database_url: str, kill_point: float
) -> None:
    copies = 10
    folder = _big_corpus(tmp_path, copies)
    settings = make_settings(tmp_path / "killed", database_url=database_url, corpus_dir=folder)
    first = Archive.open(make_settings(tmp_path / "killed", database_url=database_url, corpus_dir=CORPUS))
    first.ingest()  # what was already stored before the crash
    before = _contents(database_url)
    first.store.engine.dispose()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "CORPUS_DIR": str(folder),
        "INDEX_DIR": str(settings.index_dir),
        "PYTHONPATH": str(ROOT),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "retrieval", "ingest"], cwd=tmp_path, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while _issues(database_url) < 5 + int(copies * 5 * kill_point):
            assert proc.poll() is None, "the ingest finished before it could be killed: more copies"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    partial = _contents(database_url)
    assert set(before) <= set(partial), "a crash lost nothing already stored"
    articles_per_page = {src: sum(1 for r in before if r[0] == src) for src, *_ in before}
    in_partial: dict[str, int] = {}
    for source, *_ in partial:
        in_partial[source] = in_partial.get(source, 0) + 1
    for source, n in in_partial.items():  # every file is in whole or not at all
        assert n == articles_per_page[source.rsplit("/", 1)[-1]], source

    again = Archive.open(settings, now=lambda: NOW)
    report = again.ingest()
    assert not report.count("failed") and report.count("unchanged") >= int(copies * 5 * kill_point)

    clean_url = f"sqlite:///{tmp_path / 'clean.db'}"
    # the same two runs, uninterrupted (files are named relative to each run's corpus folder)
    seeded = Archive.open(make_settings(tmp_path / "clean", database_url=clean_url, corpus_dir=CORPUS), now=lambda: NOW)
    seeded.ingest()
    seeded.close()
    clean = Archive.open(make_settings(tmp_path / "clean", database_url=clean_url, corpus_dir=folder), now=lambda: NOW)
    clean.ingest()
    assert _contents(database_url) == _contents(clean_url)
    assert len(_contents(clean_url)) == len(before) * (copies + 1)
    for query in (QUESTION, "杭叉科创园", "高质量发展"):
        assert [h.passage for h in again.search(query, k=20).hits] == [h.passage for h in clean.search(query, k=20).hits]
    again.store.engine.dispose()
    clean.store.engine.dispose()


# -- a fresh SQLite database: racing starts, an early kill, a read-only file ---------------------
def _cli(tmp: Path, db: str, *args: str, corpus: Path = CORPUS) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": db, "CORPUS_DIR": str(corpus), "INDEX_DIR": str(tmp / "index"),
           "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "retrieval", *args], cwd=tmp, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.parametrize("delay", [0.3, 0.9])  # every step of the migration: tests/store/test_migrations.py
def test_a_kill_in_the_first_second_of_a_first_ingest_leaves_a_usable_database(tmp_path: Path, delay: float) -> None:
    """It left a database without its schema, and every later command failed with a raw
    "no such table". Killed at several points of the first second, the next ingest works and
    equals a clean one."""
    db = f"sqlite:///{tmp_path / 'first.db'}"
    proc = _cli(tmp_path, db, "ingest")
    time.sleep(delay)
    proc.kill()
    proc.communicate(timeout=60)
    again = _cli(tmp_path, db, "ingest")
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err.decode()
    assert "no such table" not in (out + err).decode()
    search = _cli(tmp_path, db, "search", QUESTION)
    out, err = search.communicate(timeout=60)
    assert search.returncode == 0 and "2025年招商大会" in out.decode(), err.decode()
    clean = f"sqlite:///{tmp_path / 'clean.db'}"
    Archive.open(make_settings(tmp_path / "clean", database_url=clean)).ingest()
    assert _contents(db) == _contents(clean)


def test_search_works_on_a_read_only_database(tmp_path: Path) -> None:
    """A read-only disk or file: looking things up needs no write (it crashed before)."""
    path = tmp_path / "ro.db"
    first = Archive.open(make_settings(tmp_path, database_url=f"sqlite:///{path}"), now=lambda: NOW)
    first.ingest()
    first.close()
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    for args, expected in ((("search", QUESTION), "2025年招商大会"), (("date", "2025-03-14"), "招商大会"), (("stats",), "")):
        proc = _cli(tmp_path, read_only, *args)
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, (args, err.decode())
        assert expected in out.decode(), args


def test_a_full_index_disk_while_another_process_ingests_keeps_the_bot_answering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Another process ingested (the database moved on), and this process cannot write the
    rebuilt index (the disk is full): it used to apologise for every question although its
    loaded index was fine. It answers from the loaded index, says why in the log once per
    check, and leaves no half-written index folder behind."""
    import errno

    from bot.replies import FRESH_EVERY, Replier
    from retrieval.index import files

    settings = make_settings(tmp_path)
    bot_archive = Archive.open(settings, now=lambda: NOW)
    bot_archive.ingest()
    clock = [0.0]
    replier = Replier(bot_archive, settings, clock=lambda: clock[0])
    other = Archive.open(make_settings(tmp_path, corpus_dir=_big_corpus(tmp_path, 1)), now=lambda: NOW)
    real_finish = files.finish

    def disk_full(tmp: Path, header: dict[str, object], known: object = None) -> None:
        real_finish(tmp, header, known)  # type: ignore[arg-type]
        raise OSError(errno.ENOSPC, "No space left on device")  # the last write of every build

    monkeypatch.setattr(files, "finish", disk_full)
    with pytest.raises(OSError):
        other.ingest()  # its own index write fails too; the articles are in the database
    for _ in range(3):
        clock[0] += FRESH_EVERY + 1
        [out] = replier.ask(QUESTION, user_id=1)
        assert ANSWER in strip_tags(out.text)
    assert sum("No space left" in r.getMessage() for r in caplog.records) >= 3
    assert not list(settings.index_dir.parent.glob("*.new")), "a failed write leaves nothing"
    monkeypatch.setattr(files, "finish", real_finish)
    clock[0] += FRESH_EVERY + 1
    replier.ask(QUESTION, user_id=1)  # the disk has room again: the newer index is picked up
    assert bot_archive.index.size > other.store.stats().passages // 2
    bot_archive.close()
    other.close()
