"""Hostile and broken input: fuzzing the text pipeline, and a bot that keeps serving whatever it
is sent (through the fake Bot API server). Complements the cases already in test_bot_e2e.py
(stickers, photos, voice, edits, ``<script>``, 4,096 × 拱, emoji only) and test_store.py
(empty, binary, GBK, undated files)."""

from __future__ import annotations

import asyncio
import io
import logging
import statistics
import time
from collections.abc import Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import build_application
from bot.commands import ChatContext
from bot.html import strip_tags
from bot.redact import Redactor, RedactRecords
from bot.render import EXPIRED, NEXT
from bot.replies import TOO_FAST, RateLimit, Replier
from retrieval import Archive, ArchiveError
from retrieval.dates import extract_date_filter, lead_date, parse_date_expr
from retrieval.errors import DateError, QueryError
from retrieval.ingest.repair import clean_text, han_chars
from retrieval.ingest.segment import segment
from retrieval.search import parse_query
from retrieval.tokenize import Tokenizer
from tests.fake_telegram import FakeTelegram
from tests.helpers.bot import ask, bot_settings, buttons, forge_press, free_port, polling
from tests.helpers.settings import CORPUS, NOW, make_settings

TODAY = date(2026, 11, 22)
# arbitrary Unicode with the nasty parts over-represented: controls, NUL, RTL marks, combining
# marks, surrogate-free astral emoji, full-width forms, mixed scripts
NASTY = st.text(
    alphabet=st.characters(codec="utf-8")
    | st.sampled_from(list("\x00\x07\x1b\u200b\u200e\u202e\ufeff\u0301\r\n\t 　本报讯2月30日年月日（）《》“”😀🇨🇳ﬁＡ١٢"))
)
LONG = st.text(alphabet=st.sampled_from(list("拱墅区招商 ,.。\n\x00😀a1")), min_size=2000, max_size=20000)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def tokenizer() -> Tokenizer:
    return Tokenizer()


# -- the cleaner, the segmenter, the date parser, the query parser -----------------------------
@FUZZ
@given(st.one_of(NASTY, LONG))
def test_cleaning_survives_anything(text: str) -> None:
    once = clean_text(text)
    assert han_chars(once) == han_chars(text)  # never loses or invents Chinese
    twice = clean_text(once)
    assert han_chars(twice) == han_chars(text)


@FUZZ
@given(st.one_of(NASTY, LONG))
def test_cleaning_is_idempotent_on_anything(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


def test_cleaning_is_idempotent_on_comma_runs() -> None:
    """Found by the fuzzer above: a run of ASCII commas after a blank once needed several passes."""
    once = clean_text("\u3000,,,,,")
    assert clean_text(once) == once


@FUZZ
@given(st.one_of(NASTY, LONG))
def test_segmenting_survives_anything_and_invents_no_text(text: str) -> None:
    result = segment(text, TODAY)
    source = han_chars(text)
    for article in result.articles:
        assert set(han_chars(article.text)) <= set(source)


@FUZZ
@given(NASTY)
def test_dates_are_valid_or_refused(text: str) -> None:
    try:
        f = parse_date_expr(text, TODAY)
    except DateError:
        pass
    else:
        if f.start and f.end:
            assert f.start <= f.end
    try:
        rest, f2 = extract_date_filter(text, TODAY)
    except DateError:
        pass
    else:
        assert isinstance(rest, str)
        if f2 is not None and f2.start and f2.end:
            assert f2.start <= f2.end
    day, approximate = lead_date(text, TODAY)
    assert isinstance(day, date) and isinstance(approximate, bool)


@FUZZ
@given(st.one_of(NASTY, LONG))
def test_queries_parse_or_are_refused(text: str) -> None:
    try:
        parse_query(text, tokenizer(), TODAY)
    except (QueryError, DateError):
        pass


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(NASTY)
def test_search_answers_or_refuses(archive: Archive, text: str) -> None:
    try:
        result = archive.search(text)
    except ArchiveError:
        return
    assert all(h.excerpt for h in result.hits)


# lone surrogates too: Telegram's JSON ("\\ud800") and a broken-locale argv deliver them
# (st.text drops surrogates even from a sampled alphabet once it is joined with st.characters)
BROKEN = st.lists(
    st.characters(codec="utf-8") | st.sampled_from(list("\ud800\udbff\udc00\udfff\x00年月日2024-06-14招商")),
    max_size=80,
).map("".join)
ENTRY = st.sampled_from(["", "/date ", "/search ", "/latest ", "/today ", "/stats ", "/help ", "/nosuch ", "/date 2024年", "/trend ", "/who ", "/subscribe ", "/subs ", "/unsubscribe "])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ENTRY, BROKEN)
def test_every_entry_point_replies_with_sendable_text_and_logs_no_user_text(
    archive: Archive, caplog: pytest.LogCaptureFixture, entry: str, text: str
) -> None:
    """`/date 2024年\ud800` got no reply (the echo could not be encoded) and its text was
    logged at WARNING. Every reply must encode as UTF-8; no warning may quote the user."""
    replier = Replier(archive, make_settings(CORPUS.parent / "unused"))
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        outs = replier.reply(entry + text, user_id=None)
        inline = replier.inline(text, user_id=None)
    assert outs or (entry == "" and not text.strip()), (entry, text)
    for out in outs:
        out.text.encode("utf-8")  # strict: a lone surrogate raises
    for result in inline:
        (result.title + result.description + result.message).encode("utf-8")
    words = [w for w in text.split() if len(w) >= 3]
    for record in caplog.records:
        assert not any(w in record.getMessage() for w in words), record.getMessage()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["/subscribe ", "/unsubscribe ", "/subs "]), BROKEN, st.sampled_from(["private", "group"]))
def test_subscription_commands_answer_anything_in_any_chat(
    own_archive: Archive, command: str, text: str, kind: str
) -> None:
    """Whatever a chat subscribes to (or removes), the answer is sendable text, and what
    was stored is a query search can run."""
    replier = Replier(own_archive, make_settings(CORPUS.parent / "unused"))
    chat = ChatContext(-77 if kind == "group" else 77, kind, admin=True)
    for out in replier.reply(command + text, user_id=None, chat=chat):
        out.text.encode("utf-8")
    for sub in own_archive.subscriptions(chat.id):
        own_archive.search(sub.query)  # raises nothing: every stored query is a real search


# -- the bot ------------------------------------------------------------------------------------
@pytest.fixture
def tg() -> Iterator[FakeTelegram]:
    with FakeTelegram(can_read_all_group_messages=True) as fake:
        yield fake


@pytest.fixture
async def bot(tg: FakeTelegram, archive: Archive) -> Any:
    async with polling(build_application(bot_settings(tg), archive)):
        yield tg


async def test_hostile_messages_get_sensible_replies(bot: FakeTelegram) -> None:
    user = bot.user("Mallory")
    mixed = ("招商😀<b>&amp;</a>\x07 ,.!?" * 300)[:4096]
    [msg] = await ask(bot, user, mixed)  # a paste of nothing the archive holds
    assert "出处" in msg["text"]
    [msg] = await ask(bot, user, "。，！？…—……！！")
    assert "关键词" in msg["text"] or "没有" in msg["text"]
    for injection in ("<b>招商大会</b>", "</a>招商大会", "招商大会 &amp; &lt;", '<a href="tg://x">招商</a>'):
        [msg] = await ask(bot, user, injection)  # the fake parses the HTML strictly: it is valid
        assert msg["text"]
    [msg] = await ask(bot, user, "<b>不存在的词语组合</b>")
    assert "<b>不存在的词语组合</b>" in msg["text"]  # shown literally, not as markup
    [msg] = await ask(bot, user, "*招商* _大会_ [链接](http://x) `code`")
    assert msg["text"]
    [msg] = await ask(bot, user, "招商大会签约了多少项目")  # still serving
    assert "37个重点项目" in msg["text"]


async def test_forged_and_stale_callback_data(bot: FakeTelegram) -> None:
    user = bot.user("Trudy")
    [msg] = await ask(bot, user, "高质量发展")
    forged = [
        "p:AAAAAAAAAAAA:1", "p::", "p:x:-1", "p:x:99999999999999999999", "a:999999", "a:-1", "a:",
        "d:2月30日", "d:" + "9" * 60, "x", ":", "p:" + "\u202e" * 20, "a:²", "p:AAAAAAAAAAAA:²", "🙂",
    ]
    for data in forged:
        qid = forge_press(bot, user, msg, data)
        answer = await bot.wait_for_callback_answer_async(qid)
        assert answer.get("text"), data  # a toast, never a spinning button
    await asyncio.sleep(1.0)  # the "expired" notes that follow some toasts
    notes = bot.drain_messages(user)
    assert notes and all(EXPIRED in m["text"] or "没有" in m["text"] or "日期" in m["text"] for m in notes), notes
    [msg] = await ask(bot, user, "杭叉科创园")  # still serving
    assert "杭叉科创园" in msg["text"]


async def test_someone_elses_results_work_and_are_harmless(bot: FakeTelegram) -> None:
    """Buttons name public archive content through an unguessable token: pressing another
    user's token (forwarded message, group) simply pages those results."""
    alice, eve = bot.user("Alice"), bot.user("Eve")
    [theirs] = await ask(bot, alice, "高质量发展")
    [mine] = await ask(bot, eve, "招商")
    qid = forge_press(bot, eve, mine, buttons(theirs)[NEXT])
    await bot.wait_for_callback_answer_async(qid)
    edited = await bot.wait_for_edit_async(mine)
    assert "第 2/" in edited["text"]
    assert bot.sent_messages(alice) == [theirs]  # Alice's message was not touched


async def test_long_inline_query_and_expired_buttons(bot: FakeTelegram) -> None:
    user = bot.user("Ina")
    for query in ("招商" * 128, "😀" * 256, "<b>" * 85, "\u202e" * 256):
        qid = bot.inline_query(user, query[:256])
        assert isinstance(await bot.inline_answer_async(qid), list)
    [msg] = await ask(bot, user, "高质量发展")
    qid = forge_press(bot, user, msg, "p:" + "A" * 12 + ":1")
    assert (await bot.wait_for_callback_answer_async(qid))["text"] == EXPIRED


# -- flooding -----------------------------------------------------------------------------------
async def test_one_user_flooding_does_not_slow_the_others(tg: FakeTelegram, archive: Archive) -> None:
    flooder = tg.user("Flood")
    others = [tg.user(f"用户{i}") for i in range(10)]
    async with polling(build_application(bot_settings(tg), archive)):
        for _ in range(60):
            tg.send_text(flooder, "高质量发展")
        start = time.monotonic()
        for u in others:
            tg.send_text(u, "杭叉科创园")
        times: list[float] = []
        pending = set(range(len(others)))
        while pending:
            assert time.monotonic() - start < 60, "others starved"
            for i in list(pending):
                if tg.sent_messages(others[i]):
                    times.append(time.monotonic() - start)
                    pending.discard(i)
            await asyncio.sleep(0.01)
        deadline = time.monotonic() + 60
        while len(tg.sent_messages(flooder)) < 21 and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        tg.drain_messages(flooder)
        await tg.assert_no_messages_async(flooder, within=1.0)  # the other 39 get nothing
    flood = [m["text"] for m in tg.sent_messages(flooder)]
    # 20 questions a minute are answered; of the 40 refusals only the first is told (a
    # notice per refusal would spend the bot's sending budget for everyone)
    assert len(flood) == 21
    assert sum(t == strip_tags(TOO_FAST) for t in flood) == 1
    print(f"\nwhile one user sent 60 questions: 10 others answered in p50 {statistics.median(times):.2f}s, "
          f"max {max(times):.2f}s")
    assert max(times) < 15  # seconds; about 1.5 on an idle machine


def test_rate_limit_is_configurable(tmp_path: Path) -> None:
    clock = [0.0]
    limit = RateLimit(2, window=60, clock=lambda: clock[0])
    assert limit.allow(1) and limit.allow(1) and not limit.allow(1) and limit.allow(2)
    clock[0] = 61
    assert limit.allow(1)


# -- secrets --------------------------------------------------------------------------------------
async def test_the_token_never_reaches_the_logs(archive: Archive) -> None:
    token = "987654:KNOWN-fake-token-never-log-me"
    secret = token.split(":", 1)[1]
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactRecords(Redactor([token, secret])))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        with FakeTelegram(token=token) as tg:
            user = tg.user("Lo")
            async with polling(build_application(bot_settings(tg), archive)):
                await ask(tg, user, "私密问题 杭叉科创园")
                tg.fail_next("sendMessage", status=500, times=3)  # retried, then given up: logged
                tg.send_text(user, "杭叉科创园")
                await tg.wait_for_call_async("sendMessage", timeout=10)
                await asyncio.sleep(2.5)
                tg.fail_next("sendMessage", status=400)  # a BadRequest: logged with its traceback
                tg.send_text(user, "杭叉科创园")
                await tg.wait_for_messages_async(user, 1, timeout=10)  # the apology
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
    log = stream.getvalue()
    assert "/bot" in log and "[REDACTED]" in log  # httpx logged the URLs: redacted
    assert "Traceback" in log and "BadRequest" in log
    assert token not in log and secret not in log
    info = [line for line in log.splitlines() if not line.startswith("DEBUG")]
    assert not any("私密问题" in line for line in info), "message text is not logged above DEBUG"


async def test_webhook_checks_the_secret_token_header(tg: FakeTelegram, archive: Archive) -> None:
    app = build_application(bot_settings(tg), archive)
    port = free_port()
    user = tg.user("Web")
    update = {
        "update_id": 1,
        "message": {
            "message_id": 1, "date": int(NOW.timestamp()), "text": "杭叉科创园",
            "chat": {"id": user.id, "type": "private", "first_name": "Web"},
            "from": {"id": user.id, "is_bot": False, "first_name": "Web"},
        },
    }
    await app.initialize()
    try:
        assert app.post_init is not None and app.updater is not None
        await app.post_init(app)
        await app.updater.start_webhook(
            listen="127.0.0.1", port=port, url_path="hook", secret_token="s3cret-Token_1",
            webhook_url="https://example.invalid/hook",
        )
        await app.start()
        try:
            async with httpx.AsyncClient() as client:
                url = f"http://127.0.0.1:{port}/hook"
                r = await client.post(url, json=update)
                assert r.status_code == 403
                r = await client.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"})
                assert r.status_code == 403
                await tg.assert_no_messages_async(user, within=0.5)
                r = await client.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-Token_1"})
                assert r.status_code == 200
            [msg] = await tg.wait_for_messages_async(user, 1, timeout=10)
            assert "杭叉科创园" in msg["text"]
        finally:
            await app.updater.stop()
            await app.stop()
    finally:
        await app.shutdown()


def test_replier_over_a_dead_database_answers_from_the_index(tmp_path: Path) -> None:
    """SQLite flavour of the outage: the database file's folder vanishes under the bot."""
    folder = tmp_path / "db"
    a = Archive.open(make_settings(tmp_path, database_url=f"sqlite:///{folder / 'a.db'}", corpus_dir=CORPUS), now=lambda: NOW)
    a.ingest()
    replier = Replier(a, make_settings(tmp_path))
    a.store.engine.dispose()
    for f in folder.iterdir():
        f.unlink()
    folder.rmdir()
    folder.touch()  # a file where the folder was: SQLite cannot open the database
    [out] = replier.ask("招商大会签约了多少项目", user_id=1)
    assert "37个重点项目" in strip_tags(out.text)  # the loaded index answers without it
    assert "暂时无法查询" in (replier.press("a:1", user_id=1).toast or "")  # an article needs it
    [out] = replier.reply("/date 2024-06-14", user_id=1)
    assert "暂时无法查询" in out.text


async def test_allowed_chats_hold_for_inline_presses_and_inline_caching(tg: FakeTelegram, archive: Archive) -> None:
    insider, outsider = tg.user("In"), tg.user("Out")
    settings = bot_settings(tg, allowed_chat_ids=frozenset({insider.id}))
    async with polling(build_application(settings, archive)):
        for data in ["a:1", "d:2024-06-14", "p:whatever:1", "x"]:
            answer = await tg.wait_for_callback_answer_async(forge_press(tg, outsider, None, data))
            assert answer.get("text") == "此聊天未获授权使用本机器人。", data
        answer = await tg.wait_for_callback_answer_async(forge_press(tg, insider, None, "a:1"))
        assert answer.get("text") != "此聊天未获授权使用本机器人。"
        await tg.inline_answer_async(tg.inline_query(insider, "杭叉科创园"))
        [call] = [c for c in tg.calls_to("answerInlineQuery")[-1:] if c.ok]
        assert call.params.get("is_personal") is True and call.params.get("cache_time") == 0, call.params
