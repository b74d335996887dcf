"""bot/handlers.deliver: text, a photo or a document with its caption, through the fake Bot API."""

from __future__ import annotations

from typing import Any

import pytest
from telegram import Update
from telegram.ext import ContextTypes, MessageHandler, filters

from bot.handlers import deliver
from bot.messages import Attachment, Button, Outgoing
from tests.fake_telegram import FakeTelegram, application_builder, polling
from tests.fake_telegram.testkit import png_bytes


async def _bot_replies_with(tg: FakeTelegram, out: Outgoing) -> dict[str, Any]:
    async def reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await deliver(update.effective_message, out)

    app = application_builder(tg).build()
    app.add_handler(MessageHandler(filters.TEXT, reply))
    user = tg.user("Carol")
    async with polling(app):
        tg.send_text(user, "趋势")
        [sent] = await tg.wait_for_messages_async(user, 1, timeout=10)
    return sent


async def test_a_photo_goes_out_with_its_html_caption_and_buttons(tg: FakeTelegram) -> None:
    image = png_bytes(40, 30, seed=3)
    out = Outgoing("<b>招商</b> 每月提及次数", ((Button("2024年", "d:2024"),),), Attachment("photo", image, "trend.png"))
    sent = await _bot_replies_with(tg, out)
    assert sent["caption"] == "招商 每月提及次数"
    assert [e["type"] for e in sent["caption_entities"]] == ["bold"]
    assert sent["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "d:2024"
    assert tg.file_bytes(sent["photo"][-1]["file_id"]) == image


async def test_a_document_goes_out_with_its_name(tg: FakeTelegram) -> None:
    data = "日期,次数\n2024-06,3\n".encode()
    sent = await _bot_replies_with(tg, Outgoing("导出", attachment=Attachment("document", data, "trend.csv")))
    assert sent["document"]["file_name"] == "trend.csv" and sent["caption"] == "导出"
    assert tg.file_bytes(sent["document"]["file_id"]) == data


async def test_plain_text_is_unchanged(tg: FakeTelegram) -> None:
    sent = await _bot_replies_with(tg, Outgoing("<i>你好</i> &amp; 再见"))
    assert sent["text"] == "你好 & 再见" and "photo" not in sent


def test_a_caption_over_1024_characters_is_refused_when_made() -> None:
    with pytest.raises(ValueError, match="1024"):
        Outgoing("拱" * 1025, attachment=Attachment("photo", b"x", "a.png"))
    Outgoing("拱" * 1025)  # as plain text it is fine
