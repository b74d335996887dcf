"""Tests of the fake Telegram Bot API (``tests/fake_telegram``): answerInlineQuery checks."""

from __future__ import annotations

from typing import Any

import pytest

from tests.fake_telegram import FakeTelegram, FakeTelegramTimeout
from tests.fake_telegram.testkit import Http, call, err


class TestInline:
    def test_answer_inline_query_validation(self, tg: FakeTelegram, http: Http) -> None:
        alice = tg.user("Alice")

        def article(rid: str, text: str = "x", **kw: Any) -> dict[str, Any]:
            return {"type": "article", "id": rid, "title": "T",
                    "input_message_content": {"message_text": text, **kw}}  # fmt: skip

        def ask() -> str:
            qid = tg.inline_query(alice, "关键词")
            assert call(http, "getUpdates")["result"][-1]["inline_query"]["query"] == "关键词"
            return qid

        qid = ask()
        assert err(
            call(http, "answerInlineQuery", inline_query_id=qid, results=[article(str(i)) for i in range(51)])
        ) == ("Bad Request: RESULTS_TOO_MUCH")
        assert err(call(http, "answerInlineQuery", inline_query_id=qid, results=[article("x" * 65)])) == (
            "Bad Request: RESULT_ID_INVALID"
        )
        assert err(
            call(http, "answerInlineQuery", inline_query_id=qid, results=[article("a"), article("a")])
        ) == ("Bad Request: RESULT_ID_DUPLICATE")
        assert "can't parse entities" in err(
            call(
                http,
                "answerInlineQuery",
                inline_query_id=qid,
                results=[article("a", "<b>x", parse_mode="HTML")],
            )
        )
        assert err(
            call(http, "answerInlineQuery", inline_query_id=qid, results=[article("a", "x" * 4097)])
        ) == ("Bad Request: MESSAGE_TOO_LONG")
        bad_kb = {
            **article("a"),
            "reply_markup": {"inline_keyboard": [[{"text": "b", "callback_data": "x" * 65}]]},
        }
        assert err(call(http, "answerInlineQuery", inline_query_id=qid, results=[bad_kb])) == (
            "Bad Request: BUTTON_DATA_INVALID"
        )
        good = [article(str(i), f"<b>{i}</b>", parse_mode="HTML") for i in range(50)]
        assert (
            call(http, "answerInlineQuery", inline_query_id=qid, results=good, cache_time=0)["result"] is True
        )
        assert [r["id"] for r in tg.inline_answer(qid, timeout=1)] == [str(i) for i in range(50)]
        assert tg.inline_answers[qid]["cache_time"] == 0
        assert "query ID is invalid" in err(
            call(http, "answerInlineQuery", inline_query_id=qid, results=good)
        )
        with pytest.raises(FakeTelegramTimeout):
            tg.inline_answer(ask(), timeout=0.1)
