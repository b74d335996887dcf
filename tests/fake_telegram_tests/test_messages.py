"""Tests of the fake Telegram Bot API (``tests/fake_telegram``): raw HTTP basics and sendMessage
(bodies, length limits, HTML, keyboards, chats and replies)."""

from __future__ import annotations

import json
import time
from typing import Any

import httpx

from tests.fake_telegram import FakeTelegram
from tests.fake_telegram.testkit import TOKEN, Http, call, err


class TestHttpBasics:
    def test_get_me(self, http: Http) -> None:
        me = call(http, "getMe")["result"]
        assert me["is_bot"] is True
        assert me["id"] == 123456
        assert me["username"] == "archive_test_bot"
        assert me["can_read_all_group_messages"] is False
        assert {"first_name", "can_join_groups", "supports_inline_queries"} <= me.keys()

    def test_get_request_and_case_insensitive_method(self, http: Http) -> None:
        assert http.get("getme").json()["ok"] is True

    def test_wrong_token_and_unknown_method(self, tg: FakeTelegram, client: httpx.Client) -> None:
        r = client.post(f"{tg.url}/bot123456:WRONG/getMe")
        assert r.status_code == 401
        assert r.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
        r = client.post(f"{tg.base_url}{TOKEN}/noSuchMethod")
        assert r.status_code == 404
        assert r.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
        assert client.get(f"{tg.url}/elsewhere").status_code == 404

    def test_webhook_recorded_and_blocks_get_updates(self, tg: FakeTelegram, http: Http) -> None:
        assert call(http, "setWebhook", url="https://example.com/hook")["result"] is True
        assert tg.webhook is not None and tg.webhook["url"] == "https://example.com/hook"
        r = http.post("getUpdates")
        assert r.status_code == 409
        assert call(http, "deleteWebhook")["result"] is True
        assert call(http, "getUpdates")["result"] == []

    def test_calls_recorded_with_decoded_params(self, tg: FakeTelegram, http: Http) -> None:
        alice = tg.user("Alice")
        kb = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
        call(http, "sendMessage", chat_id=alice.id, text="hi", reply_markup=kb, disable_notification=True)
        c = tg.calls_to("sendMessage")[0]
        assert c.params == {
            "chat_id": alice.id,
            "text": "hi",
            "reply_markup": kb,
            "disable_notification": True,
        }
        assert c.ok and c.result["text"] == "hi"


class TestSendMessage:
    def test_form_json_and_multipart_bodies(self, tg: FakeTelegram, http: Http) -> None:
        alice = tg.user("Alice")
        kb = {"inline_keyboard": [[{"text": "更多", "callback_data": "more"}]]}
        r1 = call(http, "sendMessage", chat_id=alice.id, text="<b>一</b>", parse_mode="HTML", reply_markup=kb)
        r2 = http.post(
            "sendMessage", json={"chat_id": alice.id, "text": "二", "reply_markup": kb, "parse_mode": "HTML"}
        ).json()
        r3 = http.post(
            "sendMessage",
            data={"chat_id": str(alice.id), "text": "三", "reply_markup": json.dumps(kb)},
            files={"dummy": ("a.txt", b"x")},
        ).json()
        for r, text in ((r1, "一"), (r2, "二"), (r3, "三")):
            assert r["ok"], r
            assert r["result"]["text"] == text
            assert r["result"]["reply_markup"] == kb
            assert r["result"]["from"]["is_bot"] is True
            assert r["result"]["chat"] == {"id": alice.id, "type": "private", "first_name": "Alice"}
            assert isinstance(r["result"]["date"], int) and abs(r["result"]["date"] - time.time()) < 5
        assert r1["result"]["entities"] == [{"offset": 0, "length": 1, "type": "bold"}]
        assert [m["message_id"] for m in tg.wait_for_messages(alice, 3)] == [1, 2, 3]

    def test_length_limits_count_utf16(self, tg: FakeTelegram, http: Http) -> None:
        alice = tg.user("Alice")
        assert call(http, "sendMessage", chat_id=alice.id, text="😀" * 2048)["ok"]
        assert err(call(http, "sendMessage", chat_id=alice.id, text="😀" * 2049)) == (
            "Bad Request: message is too long"
        )
        # the limit applies after entity parsing: markup does not count
        assert call(
            http, "sendMessage", chat_id=alice.id, text="<b>" + "x" * 4096 + "</b>", parse_mode="HTML"
        )["ok"]
        assert err(call(http, "sendMessage", chat_id=alice.id, text="&amp;" * 4097, parse_mode="HTML")) == (
            "Bad Request: message is too long"
        )
        assert (
            err(call(http, "sendMessage", chat_id=alice.id, text="")) == "Bad Request: message text is empty"
        )
        assert err(call(http, "sendMessage", chat_id=alice.id, text=" \n ")) == (
            "Bad Request: message text is empty"
        )
        assert err(call(http, "sendMessage", chat_id=alice.id, text="<b></b>", parse_mode="HTML")) == (
            "Bad Request: message text is empty"
        )

    def test_text_is_stripped_like_telegram(self, tg: FakeTelegram, http: Http) -> None:
        alice = tg.user("Alice")
        r = call(http, "sendMessage", chat_id=alice.id, text="\n <b>x</b> y \n", parse_mode="HTML")["result"]
        assert r["text"] == "x y"
        assert r["entities"] == [{"offset": 0, "length": 1, "type": "bold"}]

    def test_bad_html(self, tg: FakeTelegram, http: Http) -> None:
        alice = tg.user("Alice")
        r = http.post("sendMessage", data={"chat_id": alice.id, "text": "a < b", "parse_mode": "HTML"})
        assert r.status_code == 400
        assert r.json()["description"].startswith("Bad Request: can't parse entities: Unsupported start tag")
        # without parse_mode the same text is fine
        assert call(http, "sendMessage", chat_id=alice.id, text="a < b & c")["ok"]

    def test_keyboard_validation(self, tg: FakeTelegram, http: Http) -> None:
        alice = tg.user("Alice")

        def send(*buttons: dict[str, Any]) -> dict[str, Any]:
            return call(
                http, "sendMessage", chat_id=alice.id, text="x", reply_markup={"inline_keyboard": [buttons]}
            )

        assert send({"text": "ok", "callback_data": "x" * 64})["ok"]
        assert err(send({"text": "long", "callback_data": "x" * 65})) == "Bad Request: BUTTON_DATA_INVALID"
        assert err(send({"text": "中文", "callback_data": "中" * 22})) == "Bad Request: BUTTON_DATA_INVALID"
        assert err(send({"text": "empty", "callback_data": ""})) == "Bad Request: BUTTON_DATA_INVALID"
        assert "text buttons are unallowed" in err(send({"text": "none"}))
        assert "exactly one" in err(send({"text": "two", "callback_data": "a", "url": "https://a.cn"}))
        assert "non-empty" in err(send({"text": "", "callback_data": "a"}))
        assert "URL" in err(send({"text": "bad url", "url": "not a url"}))
        assert send({"text": "url", "url": "https://example.com/x"})["ok"]
        assert send({"text": "inline", "switch_inline_query_current_chat": ""})["ok"]
        bad_json = http.post(
            "sendMessage", data={"chat_id": alice.id, "text": "x", "reply_markup": "{"}
        ).json()
        assert err(bad_json) == "Bad Request: can't parse reply keyboard markup JSON object"

    def test_chats_and_replies(self, tg: FakeTelegram, http: Http) -> None:
        alice = tg.user("Alice")
        shy = tg.user("Shy", started=False)
        group = tg.group("编辑部")
        assert err(call(http, "sendMessage", chat_id=999, text="x")) == "Bad Request: chat not found"
        assert err(call(http, "sendMessage", chat_id=shy.id, text="x")) == (
            "Forbidden: bot can't initiate conversation with a user"
        )
        tg.send_text(shy, "你好")
        assert call(http, "sendMessage", chat_id=shy.id, text="x")["ok"]
        m = tg.send_text(alice, "@archive_test_bot 问题", chat=group)
        r = call(
            http, "sendMessage", chat_id=group.id, text="答", reply_parameters={"message_id": m["message_id"]}
        )
        assert r["result"]["reply_to_message"]["text"] == "@archive_test_bot 问题"
        assert r["result"]["chat"] == {"id": group.id, "type": "group", "title": "编辑部"}
        r = call(http, "sendMessage", chat_id=group.id, text="答", reply_to_message_id=m["message_id"])
        assert r["result"]["reply_to_message"]["message_id"] == m["message_id"]
        assert err(
            call(http, "sendMessage", chat_id=group.id, text="x", reply_parameters={"message_id": 999})
        ) == ("Bad Request: message to be replied not found")
        r = call(
            http,
            "sendMessage",
            chat_id=group.id,
            text="x",
            reply_parameters={"message_id": 999, "allow_sending_without_reply": True},
            link_preview_options={"is_disabled": True},
        )
        assert r["ok"] and "reply_to_message" not in r["result"]
