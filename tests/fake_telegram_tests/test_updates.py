"""Tests of the fake Telegram Bot API (``tests/fake_telegram``): getUpdates (offsets, message
shapes and entities, long polling, allowed_updates, closing)."""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx
from telegram import Update

from tests.fake_telegram import FakeTelegram
from tests.fake_telegram.testkit import TOKEN, Http, call


class TestGetUpdates:
    def test_offset_semantics(self, tg: FakeTelegram, http: Http) -> None:
        alice = tg.user("Alice")
        for i in range(3):
            tg.send_text(alice, f"m{i}")
        ups = call(http, "getUpdates")["result"]
        assert [u["message"]["text"] for u in ups] == ["m0", "m1", "m2"]
        ids = [u["update_id"] for u in ups]
        assert ids == list(range(ids[0], ids[0] + 3))
        # not confirmed yet: delivered again
        assert call(http, "getUpdates")["result"] == ups
        assert [u["update_id"] for u in call(http, "getUpdates", limit=2)["result"]] == ids[:2]
        # offset confirms everything before it
        assert [u["update_id"] for u in call(http, "getUpdates", offset=ids[1])["result"]] == ids[1:]
        assert call(http, "getUpdates", offset=ids[0])["result"][0]["update_id"] == ids[1]  # m0 is gone
        assert call(http, "getUpdates", offset=ids[2] + 1)["result"] == []
        tg.wait_until_consumed(timeout=1)

    def test_negative_offset(self, tg: FakeTelegram, http: Http) -> None:
        alice = tg.user("Alice")
        for i in range(3):
            tg.send_text(alice, f"m{i}")
        ups = call(http, "getUpdates", offset=-1)["result"]
        assert [u["message"]["text"] for u in ups] == ["m2"]
        assert call(http, "getUpdates")["result"] == ups

    def test_message_shape_and_entities(self, tg: FakeTelegram, http: Http) -> None:
        alice = tg.user("Alice", username="alice_w")
        group = tg.group("编辑部", supergroup=True)
        tg.send_text(alice, "/start@archive_test_bot 😀 @someone_else #标签 https://ex.com/a", chat=group)
        tg.send_text(alice, "不相关的聊天", chat=group)  # privacy mode: not delivered
        tg.send_text(alice, "/help@other_bot", chat=group)  # for another bot: not delivered
        tg.send_text(alice, "@archive_test_bot 问题", chat=group)
        tg.send_sticker(alice)
        tg.send_photo(alice, caption="图")
        tg.send_voice(alice)
        ups = call(http, "getUpdates")["result"]
        msgs = [u["message"] for u in ups]
        assert len(msgs) == 5
        first = msgs[0]
        assert first["chat"]["type"] == "supergroup" and first["chat"]["id"] < -1000000000000
        assert first["from"] == {
            "id": alice.id, "is_bot": False, "first_name": "Alice", "username": "alice_w",
            "language_code": "zh-hans",
        }  # fmt: skip
        assert first["entities"] == [
            {"type": "bot_command", "offset": 0, "length": 23},
            {"type": "mention", "offset": 27, "length": 13},  # 😀 counts 2
            {"type": "hashtag", "offset": 41, "length": 3},
            {"type": "url", "offset": 45, "length": 16},
        ]
        assert msgs[1]["entities"] == [{"type": "mention", "offset": 0, "length": 17}]
        assert "sticker" in msgs[2] and "photo" in msgs[3] and "voice" in msgs[4]
        # PTB can deserialize all of it
        for u in ups:
            assert Update.de_json(u, None).effective_message is not None

    def test_long_poll_returns_early(self, tg: FakeTelegram, http: Http) -> None:
        alice = tg.user("Alice")
        timer = threading.Timer(0.3, lambda: tg.send_text(alice, "wake"))
        timer.start()
        t0 = time.monotonic()
        ups = call(http, "getUpdates", timeout=10)["result"]
        elapsed = time.monotonic() - t0
        timer.join()
        assert [u["message"]["text"] for u in ups] == ["wake"]
        assert 0.2 < elapsed < 2

    def test_long_poll_times_out_empty(self, http: Http) -> None:
        t0 = time.monotonic()
        assert call(http, "getUpdates", timeout=1)["result"] == []
        assert 0.9 < time.monotonic() - t0 < 3

    def test_new_poll_terminates_old_one(self, tg: FakeTelegram, http: Http) -> None:
        results: list[httpx.Response] = []

        def long_poll() -> None:
            results.append(http.post("getUpdates", data={"timeout": "10"}))

        t = threading.Thread(target=long_poll)
        t.start()
        tg.wait_for_call(
            "getUpdates", timeout=2, predicate=lambda c: c.params.get("timeout") == 10, finished=False
        )
        time.sleep(0.1)
        assert http.post("getUpdates", data={"timeout": "0"}).json()["result"] == []
        t.join(5)
        assert results[0].status_code == 409
        assert "terminated by other getUpdates request" in results[0].json()["description"]

    def test_allowed_updates_filter(self, tg: FakeTelegram, http: Http) -> None:
        alice = tg.user("Alice")
        tg.send_text(alice, "x")
        tg.inline_query(alice, "q")
        ups = call(http, "getUpdates", allowed_updates=["inline_query"])["result"]
        assert [next(k for k in u if k != "update_id") for u in ups] == ["inline_query"]
        tg.send_text(alice, "y")  # still filtered: the setting persists
        assert [next(k for k in u if k != "update_id") for u in call(http, "getUpdates")["result"]] == [
            "inline_query"
        ]
        call(http, "getUpdates", allowed_updates=[])  # back to default
        tg.send_text(alice, "z")
        assert call(http, "getUpdates")["result"][-1]["message"]["text"] == "z"

    def test_close_is_fast_with_pending_long_poll(self, client: httpx.Client) -> None:
        fake = FakeTelegram(TOKEN).start()
        results: list[Any] = []
        t = threading.Thread(
            target=lambda: results.append(
                client.post(f"{fake.base_url}{TOKEN}/getUpdates", data={"timeout": "30"}).json()
            )
        )
        t.start()
        time.sleep(0.2)
        t0 = time.monotonic()
        fake.close()
        t.join(5)
        assert not t.is_alive()
        assert time.monotonic() - t0 < 2
        assert results == [{"ok": True, "result": []}]
