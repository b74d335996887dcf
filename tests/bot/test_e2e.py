"""The real bot (PTB Application, real httpx) against the fake Telegram server, over the
shipped corpus (the session-scoped ``archive`` fixture of ``tests/conftest.py``)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import text

from bot.app import build_application
from bot.render import EXPIRED, NEXT, PREV
from bot.replies import NOT_TEXT
from retrieval import Archive
from tests.fake_telegram import FakeTelegram
from tests.helpers.bot import ADMIN, ask, bold, bot_settings, buttons, polling


@pytest.fixture
async def bot(tg: FakeTelegram, archive: Archive) -> AsyncIterator[FakeTelegram]:
    async with polling(build_application(bot_settings(tg), archive)):
        yield tg


async def test_question_answer_and_whole_article(bot: FakeTelegram) -> None:
    user = bot.user("Alice")
    [msg] = await ask(bot, user, "招商大会签约了多少项目")
    assert msg["text"].startswith("💡")
    assert "37个重点项目" in msg["text"].split("\n")[0]
    assert "今日拱墅 · 2025年3月14日" in msg["text"]
    assert bold(msg), "matched words are bold"
    data = buttons(msg)
    qid = bot.press(user, msg, data["📄 1 全文"])
    answer = await bot.wait_for_callback_answer_async(qid)
    assert not answer.get("text")
    [article] = await bot.wait_for_messages_async(user, 1)
    assert article["text"].startswith("拱墅区2025年招商大会召开")
    assert "[N]. 今日拱墅, 2025-03-14(1)." in article["text"]


async def test_more_results_and_back_edit_the_same_message(bot: FakeTelegram) -> None:
    user = bot.user("Bob")
    [msg] = await ask(bot, user, "高质量发展")
    assert NEXT in buttons(msg)
    qid = bot.press(user, msg, buttons(msg)[NEXT])
    await bot.wait_for_callback_answer_async(qid)
    page2 = await bot.wait_for_edit_async(msg)
    assert "\n4. " in "\n" + page2["text"]  # page 2 goes on numbering from 4
    assert "第 2/" in page2["text"]
    assert PREV in buttons(page2)
    qid = bot.press(user, msg, buttons(page2)[PREV])
    await bot.wait_for_callback_answer_async(qid)
    page1 = await bot.wait_for_edit_async(msg)
    assert page1["text"] == msg["text"]


async def test_more_questions_from_the_issue(bot: FakeTelegram) -> None:
    user = bot.user("Carol")
    [msg] = await ask(bot, user, "杭叉科创园")
    assert "杭叉科创园" in bold(msg)
    [msg] = await ask(bot, user, "李志龙3月20日走访了哪些企业")
    assert "杭州钢铁集团" in msg["text"] and "杭叉集团" in msg["text"]


async def test_dates(bot: FakeTelegram) -> None:
    user = bot.user("Dan")
    [msg] = await ask(bot, user, "/date 2024-06-14")
    assert "敖煜新带队赴上海开展招商考察活动" in msg["text"]
    assert all(d.startswith("a:") for d in buttons(msg).values())
    [msg] = await ask(bot, user, "/date 2024年6月")
    assert "区委全面深化改革委员会会议召开" in msg["text"]
    [msg] = await ask(bot, user, "/date 2月30日")
    assert "2月没有30日" in msg["text"]
    [msg] = await ask(bot, user, "/date 2024-06-20")
    assert "没有" in msg["text"]
    nearest = buttons(msg)
    assert "2024年6月13日" in nearest
    qid = bot.press(user, msg, nearest["2024年6月13日"])
    await bot.wait_for_callback_answer_async(qid)
    [day] = await bot.wait_for_messages_async(user, 1)
    assert "区委全面深化改革委员会会议召开" in day["text"]
    [msg] = await ask(bot, user, "/date")
    assert msg["text"].startswith("用法")


async def test_date_of_an_issue_lists_its_articles(bot: FakeTelegram) -> None:
    user = bot.user("Dora")
    [msg] = await ask(bot, user, "/date 2024-06-14")
    assert "区委全面深化改革委员会会议召开" in msg["text"]


async def test_latest_today_stats_help_and_commands(bot: FakeTelegram) -> None:
    user = bot.user("Eve")
    [msg] = await ask(bot, user, "/latest")
    assert "最新一期" in msg["text"] and "2025年4月25日" in msg["text"]
    [msg] = await ask(bot, user, "/today")
    assert "往年今日" in msg["text"]
    [msg] = await ask(bot, user, "/stats")
    assert "文章：33" in msg["text"]
    [msg] = await ask(bot, user, "/start")
    assert "招商大会签约了多少项目" in msg["text"] and "/date 2024-06-14" in msg["text"]
    [msg] = await ask(bot, user, "/nosuch")
    assert "/help" in msg["text"]
    names = {c["command"] for c in bot.commands}
    assert {"start", "help", "search", "date", "latest", "today", "stats", "reload"} <= names


async def test_inline_mode(bot: FakeTelegram) -> None:
    user = bot.user("Fay")
    qid = bot.inline_query(user, "杭叉科创园")
    results = await bot.inline_answer_async(qid)
    assert 1 <= len(results) <= 10
    first = results[0]
    assert "2024年3月22日" in first["description"]
    assert first["input_message_content"]["parse_mode"] == "HTML"
    assert "[N]. 今日拱墅, 2024-03-22" in first["input_message_content"]["message_text"]
    bot.choose_inline_result(user, first["id"])
    qid = bot.inline_query(user, "")
    assert await bot.inline_answer_async(qid) == []


async def test_group_mentions_replies_and_chatter(bot: FakeTelegram) -> None:
    user = bot.user("Gus")
    group = bot.group()
    bot.send_text(user, "大家好，今天开会", chat=group)
    await bot.assert_no_messages_async(group, within=0.5)
    bot.send_text(user, "@archive_test_bot 杭叉科创园", chat=group)
    [msg] = await bot.wait_for_messages_async(group, 1, timeout=10)
    assert "杭叉科创园" in msg["text"]
    assert msg["reply_to_message"]["from"]["id"] == user.id
    bot.reply_to(user, msg, "招商大会签约了多少项目")
    [msg] = await bot.wait_for_messages_async(group, 1, timeout=10)
    assert "37个重点项目" in msg["text"]
    bot.send_text(user, "/search@archive_test_bot 杭叉科创园", chat=group)
    [msg] = await bot.wait_for_messages_async(group, 1, timeout=10)
    assert "杭叉科创园" in msg["text"]
    bot.send_text(user, "/search", chat=group)
    [msg] = await bot.wait_for_messages_async(group, 1)
    assert msg["text"].startswith("用法")
    bot.send_sticker(user, chat=group)
    await bot.assert_no_messages_async(group, within=0.3)


async def test_reload_admin_and_refusal(bot: FakeTelegram) -> None:
    admin = bot.user("Admin", user_id=ADMIN)
    progress, summary = await ask(bot, admin, "/reload", count=2)
    assert "正在重新导入" in progress["text"]
    assert "重新导入完成" in summary["text"] and "未变 5" in summary["text"]
    other = bot.user("Mallory")
    [msg] = await ask(bot, other, "/reload")
    assert "只有管理员" in msg["text"]


async def test_expired_token(bot: FakeTelegram, archive: Archive) -> None:
    user = bot.user("Hal")
    [msg] = await ask(bot, user, "高质量发展")
    with archive.store.engine.begin() as conn:  # age every page token past its TTL
        conn.execute(text("UPDATE page_tokens SET created_at = '2000-01-01 00:00:00'"))
    qid = bot.press(user, msg, buttons(msg)[NEXT])
    answer = await bot.wait_for_callback_answer_async(qid)
    assert answer["text"] == EXPIRED
    [note] = await bot.wait_for_messages_async(user, 1)
    assert EXPIRED in note["text"]


async def test_odd_messages(bot: FakeTelegram) -> None:
    user = bot.user("Ivy")
    bot.send_sticker(user)
    assert (await bot.wait_for_message_async(user))["text"] == NOT_TEXT
    bot.send_photo(user)
    assert (await bot.wait_for_message_async(user))["text"] == NOT_TEXT
    bot.send_voice(user)
    assert (await bot.wait_for_message_async(user))["text"] == NOT_TEXT
    [msg] = await ask(bot, user, "<script>alert(1)</script>")
    assert "档案中没有找到" in msg["text"] and "<script>" in msg["text"]
    [msg] = await ask(bot, user, "😀😀😀")
    assert "关键词" in msg["text"]
    [msg] = await ask(bot, user, "拱" * 4096)  # as long as Telegram allows: a paste, whose source is looked up
    assert "出处" in msg["text"]
    [msg] = await ask(bot, user, "2月30日开了什么会")
    assert "2月没有30日" in msg["text"]
    sent = bot.send_text(user, "杭叉科创园")
    await bot.wait_for_message_async(user, timeout=10)
    bot.edit_text(user, sent, "招商大会")
    await bot.assert_no_messages_async(user, within=0.5)


async def test_allowed_chats(tg: FakeTelegram, archive: Archive) -> None:
    allowed = tg.user("Ok")
    stranger = tg.user("No")
    settings = bot_settings(tg, allowed_chat_ids=frozenset({allowed.id}))
    async with polling(build_application(settings, archive)):
        tg.send_text(stranger, "杭叉科创园")
        await tg.assert_no_messages_async(stranger, within=0.5)
        qid = tg.inline_query(stranger, "杭叉科创园")
        assert await tg.inline_answer_async(qid) == []
        [msg] = await ask(tg, allowed, "杭叉科创园")
        assert "杭叉科创园" in msg["text"]


async def test_article_copy_citation_share_and_deep_link(bot: FakeTelegram) -> None:
    user = bot.user("Ida")
    article = await press_and_read(bot, user, (await ask(bot, user, "杭叉科创园"))[0], "📄 1 全文")
    found = buttons(article)
    citation = found["📋 复制引用"]  # a copy-text button: Telegram copies it, the bot hears nothing
    assert "[N]. 今日拱墅, " in citation and citation in article["text"]
    link = re.search(r"https://t\.me/(\w+)\?start=(a_\d+)", article["text"])
    assert link is not None
    share = found["↗ 分享"]
    assert share.startswith("a:")
    qid = bot.inline_query(user, share)  # what the share button types in the chat the user picks
    [shared] = await bot.inline_answer_async(qid)
    assert citation in shared["input_message_content"]["message_text"]
    [opened] = await ask(bot, user, f"/start {link.group(2)}")  # the deep link opens the article
    assert opened["text"] == article["text"]
    [gone] = await ask(bot, user, "/start a_999999")
    assert "不在档案中" in gone["text"]
    [hello] = await ask(bot, user, "/start")
    assert "直接发问题" in hello["text"]


async def test_coverage_and_the_searched_range(bot: FakeTelegram) -> None:
    user = bot.user("Jo")
    [cov] = await ask(bot, user, "/coverage")
    assert "档案覆盖：5 期，2023-02-17 至 2025-04-25" in cov["text"]
    assert "今日拱墅" in bold(cov) and "周报（每 7 天一期）" in cov["text"] and "缺 110 期" in cov["text"]
    [msg] = await ask(bot, user, "招商大会签约了多少项目")
    assert msg["text"].rstrip().endswith("检索范围：5 期，2023-02-17 至 2025-04-25")


async def test_related_coverage_opens_other_articles(bot: FakeTelegram) -> None:
    user = bot.user("Kit")
    article = await press_and_read(bot, user, (await ask(bot, user, "区委常委会召开会议"))[0], "📄 1 全文")
    title = article["text"].split("\n")[0]
    rel = await press_and_read(bot, user, article, "🔗 相关报道")
    assert rel["text"].startswith("🔗 相关报道") and "区委常委会" in rel["text"]
    other = await press_and_read(bot, user, rel, "📄 1")
    assert other["text"].split("\n")[0] != title  # another article, not the one it is related to


async def press_and_read(tg: FakeTelegram, user: Any, msg: dict[str, Any], label: str) -> dict[str, Any]:
    """`user` presses the button `label` under `msg`; the one message the bot sends back."""
    qid = tg.press(user, msg, buttons(msg)[label])
    await tg.wait_for_callback_answer_async(qid)
    [reply] = await tg.wait_for_messages_async(user, 1)
    return reply


async def test_trend_sends_a_chart_whose_period_buttons_open_the_hits(bot: FakeTelegram) -> None:
    user = bot.user("Tina")
    wait, chart = await ask(bot, user, "/trend 运河 招商", count=2)
    assert "正在统计" in wait["text"]
    assert chart["photo"], "sent as a photo"
    png = bot.file_bytes(chart["photo"][-1]["file_id"])
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    caption = chart["caption"]
    assert "运河：" in caption and "招商：" in caption and "最早" in caption and len(caption) <= 1024
    periods = buttons(chart)
    assert periods and all(label.endswith("月") for label in periods)
    label, data = next(iter(periods.items()))
    qid = bot.press(user, chart, data)
    await bot.wait_for_callback_answer_async(qid)
    [hits] = await bot.wait_for_messages_async(user, 1)
    year, month = re.match(r"(\d{4})年(\d{1,2})月", label).groups()  # type: ignore[union-attr]
    assert f"{year}年{month}月" in hits["text"] and ("运河" in bold(hits) or "招商" in bold(hits))


async def test_trend_of_words_never_printed_and_of_nothing(bot: FakeTelegram) -> None:
    user = bot.user("Tom")
    _, msg = await ask(bot, user, "/trend 火星殖民地", count=2)
    assert "没有出现过" in msg["text"] and "photo" not in msg
    [msg] = await ask(bot, user, "/trend")
    assert "用法" in msg["text"]


async def test_who_lists_roles_with_dates_and_opens_the_latest_articles(bot: FakeTelegram) -> None:
    user = bot.user("Wendy")
    [msg] = await ask(bot, user, "/who 李志龙")
    lines = msg["text"].split("\n")
    role = next(line for line in lines if line.startswith("· 区委书记"))
    assert re.search(r"\d{4}年\d{1,2}月\d{1,2}日 至 \d{4}年\d{1,2}月\d{1,2}日", role)
    assert "常在同一篇中出现" in msg["text"]
    opens = buttons(msg)
    qid = bot.press(user, msg, opens["📄 1"])
    await bot.wait_for_callback_answer_async(qid)
    [article] = await bot.wait_for_messages_async(user, 1)
    assert "李志龙" in article["text"]
