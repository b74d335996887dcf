"""Alerts end to end: the real PTB application (with its alert sender) against the fake Bot
API server; issues ingested through the archive as the CLI, /reload or an upload would."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.app import build_application
from retrieval import Archive
from tests.fake_telegram import FakeTelegram
from tests.helpers.bot import ADMIN, ask, bot_settings, buttons, polling
from tests.helpers.issues import write_issue
from tests.helpers.pdfpages import fact_page
from tests.helpers.settings import NOW

PAPER = "溪澄日报"
RECENT = NOW.date() - timedelta(days=2)
HOCKEY = ("市曲棍球队夺得省运会冠军", "本报讯 11月19日，市曲棍球队在省运会决赛中以3比1获胜，夺得冠军。")
GINKGO = ("青石镇首届银杏节开幕", "本报讯 青石镇首届银杏节在古银杏林开幕，三天里吸引游客三万余人次。")
WEATHER = ("明日天气", "明天晴转多云，气温8到15摄氏度。")


@pytest.fixture
async def bot(tg: FakeTelegram, own_archive: Archive) -> AsyncIterator[FakeTelegram]:
    settings = bot_settings(tg, alert_poll_seconds=0.1, alert_rate=50.0)
    async with polling(build_application(settings, own_archive)):
        yield tg


async def _ingest(archive: Archive, folder: Path, day: date, articles: list[tuple[str, str]], page: int = 1) -> int:
    report = await asyncio.to_thread(archive.ingest, [write_issue(folder, PAPER, day, articles, page)])
    return report.alerts


async def test_a_subscription_gets_exactly_one_digest_per_new_issue(
    bot: FakeTelegram, own_archive: Archive, tmp_path: Path
) -> None:
    user = bot.user("Sue")
    [msg] = await ask(bot, user, "/subscribe 曲棍球")
    assert "已订阅“曲棍球”" in msg["text"]
    assert await _ingest(own_archive, tmp_path / "a", RECENT, [HOCKEY, GINKGO, WEATHER]) == 1
    [digest] = await bot.wait_for_messages_async(user, 1, timeout=10)
    assert "订阅提醒" in digest["text"] and HOCKEY[0] in digest["text"] and "（曲棍球）" in digest["text"]
    assert GINKGO[0] not in digest["text"] and WEATHER[0] not in digest["text"]
    qid = bot.press(user, digest, buttons(digest)["📄 1"])
    await bot.wait_for_callback_answer_async(qid)
    [article] = await bot.wait_for_messages_async(user, 1)
    assert article["text"].startswith(HOCKEY[0])
    # the same file again, an issue without a match: nothing more
    assert await _ingest(own_archive, tmp_path / "a", RECENT, [HOCKEY, GINKGO, WEATHER]) == 0
    assert await _ingest(own_archive, tmp_path / "b", RECENT - timedelta(days=1), [GINKGO]) == 0
    bot.assert_no_messages(user, within=1.0)
    assert own_archive.alerts.counts() == {"sent": 1}


async def test_one_digest_per_issue_lists_each_article_once_with_the_subscriptions_it_matched(
    bot: FakeTelegram, own_archive: Archive, tmp_path: Path
) -> None:
    user = bot.user("Sam")
    await ask(bot, user, "/subscribe 曲棍球")
    await ask(bot, user, "/subscribe 省运会")
    await ask(bot, user, "/subscribe 银杏节")
    await _ingest(own_archive, tmp_path, RECENT, [HOCKEY, GINKGO])
    [digest] = await bot.wait_for_messages_async(user, 1, timeout=10)
    assert digest["text"].count(HOCKEY[0]) == 1 and "曲棍球、省运会" in digest["text"]
    assert GINKGO[0] in digest["text"] and "有 2 篇相关报道" in digest["text"]
    bot.assert_no_messages(user, within=0.8)


async def test_a_corrected_page_alerts_only_its_new_articles(
    bot: FakeTelegram, own_archive: Archive, tmp_path: Path
) -> None:
    user = bot.user("Cora")
    await ask(bot, user, "/subscribe 曲棍球")
    await _ingest(own_archive, tmp_path, RECENT, [HOCKEY])
    await bot.wait_for_messages_async(user, 1, timeout=10)
    more = ("曲棍球进校园活动启动", "本报讯 曲棍球进校园活动在实验小学启动，五百名学生参加。")
    assert await _ingest(own_archive, tmp_path, RECENT, [HOCKEY, more]) == 1  # the same page, corrected
    [second] = await bot.wait_for_messages_async(user, 1, timeout=10)
    assert more[0] in second["text"] and HOCKEY[0] not in second["text"]


async def test_back_issues_send_no_alerts(bot: FakeTelegram, own_archive: Archive, tmp_path: Path) -> None:
    user = bot.user("Otto")
    await ask(bot, user, "/subscribe 曲棍球")
    assert await _ingest(own_archive, tmp_path, date(2019, 5, 1), [HOCKEY]) == 0
    bot.assert_no_messages(user, within=0.8)


async def test_a_chat_that_blocked_the_bot_is_paused_and_resumes_when_it_writes(
    bot: FakeTelegram, own_archive: Archive, tmp_path: Path
) -> None:
    user = bot.user("Bea")
    await ask(bot, user, "/subscribe 曲棍球")
    bot.block(user)
    await _ingest(own_archive, tmp_path / "a", RECENT, [HOCKEY])
    for _ in range(100):
        if own_archive.alerts.counts().get("blocked"):
            break
        await asyncio.sleep(0.1)
    assert own_archive.alerts.counts() == {"blocked": 1}
    assert own_archive.alerts.paused(user.id)
    later = ("曲棍球联赛开打", "本报讯 市曲棍球联赛昨日开打，十二支队伍参赛。")
    assert await _ingest(own_archive, tmp_path / "b", RECENT, [later]) == 0  # paused: nothing queued
    [listing] = await ask(bot, user, "/subs")  # writing to the bot unblocks it
    assert "已恢复" in listing["text"] and "曲棍球" in listing["text"]
    third = ("曲棍球场改造完工", "本报讯 市体育中心曲棍球场改造完工。")
    assert await _ingest(own_archive, tmp_path / "c", RECENT, [third]) == 1
    [digest] = await bot.wait_for_messages_async(user, 1, timeout=10)
    assert third[0] in digest["text"]


async def test_in_a_group_only_its_administrators_subscribe_and_the_digest_goes_to_the_group(
    bot: FakeTelegram, own_archive: Archive, tmp_path: Path
) -> None:
    group = bot.group("体育部")
    boss, member = bot.user("Boss"), bot.user("Member")
    bot.make_admin(group, boss)
    bot.send_text(member, "/subscribe 曲棍球", chat=group)
    [refused] = await bot.wait_for_messages_async(group, 1)
    assert "只有本群的管理员" in refused["text"]
    bot.send_text(boss, "/subscribe 曲棍球", chat=group)
    [ok] = await bot.wait_for_messages_async(group, 1)
    assert "已订阅" in ok["text"]
    await _ingest(own_archive, tmp_path, RECENT, [HOCKEY])
    [digest] = await bot.wait_for_messages_async(group, 1, timeout=10)
    assert HOCKEY[0] in digest["text"]
    bot.send_text(member, "/subs", chat=group)
    [listing] = await bot.wait_for_messages_async(group, 1)
    remove = next(v for k, v in buttons(listing).items() if k.startswith("✖"))
    qid = bot.press(member, listing, remove)
    answer = await bot.wait_for_callback_answer_async(qid)
    assert "只有本群的管理员" in answer["text"]
    qid = bot.press(boss, listing, remove)
    answer = await bot.wait_for_callback_answer_async(qid)
    assert "已退订" in answer["text"]
    assert own_archive.subscriptions(group.id) == []


async def test_subscribing_refuses_dates_and_empty_words_and_keeps_to_the_limit(
    bot: FakeTelegram, own_archive: Archive
) -> None:
    user = bot.user("Lim")
    [msg] = await ask(bot, user, "/subscribe 2024年6月 招商")
    assert "不能有日期" in msg["text"]
    [msg] = await ask(bot, user, "/subscribe ！！！")
    assert "没有可检索的词" in msg["text"]
    [msg] = await ask(bot, user, "/subscribe")
    assert "用法" in msg["text"]
    for k in range(20):
        own_archive.subscribe(user.id, "private", f"词语{k}号")
    [msg] = await ask(bot, user, "/subscribe 曲棍球")
    assert "最多 20 个" in msg["text"]
    [msg] = await ask(bot, user, "/unsubscribe 词语3号")
    assert "已退订“词语3号”" in msg["text"] and "（19/20）" in msg["text"]
    [msg] = await ask(bot, user, "/subscribe 词语4号")
    assert "已经订阅了" in msg["text"]


async def test_an_editors_upload_sends_the_digest(bot: FakeTelegram, own_archive: Archive) -> None:
    reader = bot.user("Reader")
    await ask(bot, reader, "/subscribe 银杏节")
    editor = bot.user("Editor", user_id=ADMIN)
    day = RECENT.isoformat()
    pdf = fact_page(PAPER, day, 2, GINKGO[0], GINKGO[1] + "活动期间还举办了银杏摄影大赛和非遗市集。")
    bot.send_document(editor, file_name=f"{day}-02.pdf", content=pdf, caption=f"{PAPER} {day}")
    await bot.wait_for_messages_async(editor, 2, timeout=30)
    [digest] = await bot.wait_for_messages_async(reader, 1, timeout=10)
    assert GINKGO[0] in digest["text"] and PAPER in digest["text"]
