"""Tests of the fake Telegram Bot API (``tests/fake_telegram``): edits, button presses and
callback answers."""

from __future__ import annotations

import pytest

from tests.fake_telegram import FakeTelegram
from tests.fake_telegram.testkit import Http, call, err


class TestEditAndCallbacks:
    def test_edit_message_text(self, tg: FakeTelegram, http: Http) -> None:
        alice = tg.user("Alice")
        kb = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
        sent = call(http, "sendMessage", chat_id=alice.id, text="v1", reply_markup=kb)["result"]
        mid = sent["message_id"]
        assert err(
            call(http, "editMessageText", chat_id=alice.id, message_id=mid, text="v1", reply_markup=kb)
        ) == (
            "Bad Request: message is not modified: specified new message content and reply markup are "
            "exactly the same as a current content and reply markup of the message"
        )
        # HTML that renders to the same text+entities is "not modified" as well
        assert "not modified" in err(
            call(http, "editMessageText", chat_id=alice.id, message_id=mid, text="<b></b>v1",
                 parse_mode="HTML", reply_markup=kb)
        )  # fmt: skip
        edited = call(
            http, "editMessageText", chat_id=alice.id, message_id=mid, text="<b>v2</b>", parse_mode="HTML"
        )
        assert edited["ok"]
        assert edited["result"]["text"] == "v2"
        assert "reply_markup" not in edited["result"]  # omitting reply_markup removes the keyboard
        assert "edit_date" in edited["result"]
        assert tg.wait_for_edit(sent)["text"] == "v2"
        assert tg.message(sent)["entities"] == [{"offset": 0, "length": 2, "type": "bold"}]
        assert err(call(http, "editMessageText", chat_id=alice.id, message_id=999, text="x")) == (
            "Bad Request: message to edit not found"
        )
        assert err(call(http, "editMessageText", chat_id=777, message_id=mid, text="x")) == (
            "Bad Request: chat not found"
        )
        user_msg = tg.send_text(alice, "mine")
        assert err(
            call(http, "editMessageText", chat_id=alice.id, message_id=user_msg["message_id"], text="x")
        ) == ("Bad Request: message can't be edited")
        assert err(
            call(http, "editMessageText", chat_id=alice.id, message_id=mid, text="<i>x", parse_mode="HTML")
        ).startswith("Bad Request: can't parse entities:")

    def test_press_and_answer(self, tg: FakeTelegram, http: Http) -> None:
        alice = tg.user("Alice")
        kb = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}, {"text": "B", "callback_data": "b"}]]}
        sent = call(http, "sendMessage", chat_id=alice.id, text="pick", reply_markup=kb)["result"]
        with pytest.raises(ValueError, match="no button"):
            tg.press(alice, sent, "zzz")
        qid = tg.press(alice, sent, "b")
        # not yet delivered to the bot -> can't be answered
        assert "query ID is invalid" in err(call(http, "answerCallbackQuery", callback_query_id=qid))
        updates = call(http, "getUpdates")["result"]
        cq = updates[-1]["callback_query"]
        assert cq["id"] == qid and cq["data"] == "b" and cq["message"]["message_id"] == sent["message_id"]
        assert cq["from"]["language_code"] == "zh-hans" and cq["chat_instance"]
        assert call(http, "answerCallbackQuery", callback_query_id=qid, text="好")["result"] is True
        assert tg.wait_for_callback_answer(qid)["text"] == "好"
        assert "query ID is invalid" in err(call(http, "answerCallbackQuery", callback_query_id=qid))
        assert "query ID is invalid" in err(call(http, "answerCallbackQuery", callback_query_id="123"))
        assert len(tg.callback_answers) == 1

    def test_press_uses_current_keyboard(self, tg: FakeTelegram, http: Http) -> None:
        alice = tg.user("Alice")
        kb = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
        sent = call(http, "sendMessage", chat_id=alice.id, text="pick", reply_markup=kb)["result"]
        call(http, "editMessageText", chat_id=alice.id, message_id=sent["message_id"], text="done")
        with pytest.raises(ValueError, match="no button"):
            tg.press(alice, sent, "a")
