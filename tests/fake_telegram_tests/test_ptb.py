"""Tests of the fake Telegram Bot API (``tests/fake_telegram``): end to end with a real PTB
``Application`` (commands, HTML replies, buttons, groups and privacy mode, inline mode)."""

from __future__ import annotations

import html
import time
from typing import Any

import pytest
from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import (
    CallbackQueryHandler,
    ChosenInlineResultHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from tests.fake_telegram import FakeTelegram, application_builder, polling


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None and update.effective_message.text is not None
    text = update.effective_message.text.replace("@archive_test_bot", "").strip()
    await update.effective_message.reply_text(
        f"<b>{html.escape(text)}</b> &amp; more",
        parse_mode=ParseMode.HTML,
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("展开", callback_data="expand:1")]]),
    )


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    q = update.callback_query
    assert q is not None
    await q.answer("已展开")
    await q.edit_message_text(f"<i>展开 {html.escape(q.data or '')}</i>", parse_mode=ParseMode.HTML)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text("欢迎使用报刊档案助手")


async def inline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    q = update.inline_query
    assert q is not None
    await q.answer(
        [
            InlineQueryResultArticle(
                id=f"r{i}",
                title=f"{q.query} {i}",
                input_message_content=InputTextMessageContent(
                    f"<b>{html.escape(q.query)}</b> {i}", parse_mode=ParseMode.HTML
                ),
                reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("更多", callback_data=f"r{i}")]]),
            )
            for i in range(3)
        ],
        cache_time=0,
    )


async def chosen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    r = update.chosen_inline_result
    assert r is not None and r.inline_message_id is not None
    await context.bot.edit_message_text("已选择", inline_message_id=r.inline_message_id)


def build_app(tg: FakeTelegram) -> Any:
    app = application_builder(tg).build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    app.add_handler(CallbackQueryHandler(on_button))
    app.add_handler(InlineQueryHandler(inline))
    app.add_handler(ChosenInlineResultHandler(chosen))
    return app


async def test_end_to_end(fake_telegram: FakeTelegram) -> None:
    tg = fake_telegram
    alice = tg.user("Alice")
    bob = tg.user("Bob")
    group = tg.group("编辑部")
    app = build_app(tg)
    t0 = time.monotonic()
    async with polling(app):
        await app.bot.set_my_commands([("start", "开始"), ("search", "搜索报纸")])
        assert tg.commands == [
            {"command": "start", "description": "开始"},
            {"command": "search", "description": "搜索报纸"},
        ]

        # private chat: echo with HTML + a button
        tg.send_text(alice, "招商大会签约了多少项目 <1> & 2")
        [reply] = await tg.wait_for_messages_async(alice)
        assert reply["text"] == "招商大会签约了多少项目 <1> & 2 & more"
        assert reply["entities"] == [{"offset": 0, "length": 19, "type": "bold"}]
        assert reply["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "expand:1"

        # press the button: answered, then edited (keyboard removed since it is not re-sent)
        qid = tg.press(alice, reply, "expand:1")
        answer = await tg.wait_for_callback_answer_async(qid)
        assert answer["text"] == "已展开"
        edited = await tg.wait_for_edit_async(reply)
        assert edited["text"] == "展开 expand:1"
        assert "reply_markup" not in edited
        assert tg.message(reply)["entities"] == [{"offset": 0, "length": 11, "type": "italic"}]

        # group: /start command (bot_command entity), then privacy mode + mention
        tg.send_text(bob, "/start", chat=group)
        [welcome] = await tg.wait_for_messages_async(group)
        assert welcome["text"] == "欢迎使用报刊档案助手"
        tg.send_text(bob, "/start@archive_test_bot", chat=group)
        await tg.wait_for_messages_async(group)
        tg.send_text(bob, "大家好", chat=group)  # not for the bot
        mention = tg.send_text(bob, "@archive_test_bot 问题", chat=group)
        [answer_msg] = await tg.wait_for_messages_async(group)
        assert answer_msg["text"] == "问题 & more"
        # PTB quotes in groups: reply_parameters were checked by the fake
        assert answer_msg["reply_to_message"]["message_id"] == mention["message_id"]
        tg.reply_to(bob, answer_msg, "追问")  # replies to the bot are delivered
        [follow] = await tg.wait_for_messages_async(group)
        assert follow["text"] == "追问 & more"
        await tg.assert_no_messages_async(group, within=0.2)

        # inline mode
        iq = tg.inline_query(alice, "上海")
        results = await tg.inline_answer_async(iq)
        assert [r["id"] for r in results] == ["r0", "r1", "r2"]
        assert results[0]["input_message_content"]["message_text"] == "<b>上海</b> 0"
        chosen_result = tg.choose_inline_result(alice, "r1", "上海")
        imid = chosen_result["inline_message_id"]
        assert (await tg.wait_for_edit_async(imid))["text"] == "已选择"

        # a bad request surfaces in PTB as BadRequest with Telegram's message
        with pytest.raises(BadRequest, match="Can't parse entities"):
            await app.bot.send_message(alice.id, "<b>oops", parse_mode=ParseMode.HTML)
        with pytest.raises(BadRequest, match="not modified"):
            await app.bot.edit_message_text(
                "<i>展开 expand:1</i>",
                chat_id=alice.id,
                message_id=reply["message_id"],
                parse_mode=ParseMode.HTML,
            )

    assert time.monotonic() - t0 < 10
    assert not tg.pending_updates()  # every update confirmed by PTB's cleanup getUpdates


async def test_end_to_end_stop_is_fast(fake_telegram: FakeTelegram) -> None:
    app = build_app(fake_telegram)
    async with polling(app, timeout=30):
        await fake_telegram.wait_for_call_async(
            "getUpdates", predicate=lambda c: c.params.get("timeout") == 30, finished=False
        )
        t0 = time.monotonic()
    assert time.monotonic() - t0 < 2
