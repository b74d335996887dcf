"""Tests of the fake Telegram Bot API server in ``tests/fake_telegram``."""

from __future__ import annotations

import html
import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, RetryAfter
from telegram.ext import (
    CallbackQueryHandler,
    ChosenInlineResultHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

# Import the package the way tests/conftest.py does (``tests.fake_telegram``); fall back to the
# top-level name when only tests/ itself is on sys.path (pytest's rootdir "prepend" import mode).
try:
    from tests import fake_telegram as ft
    from tests.fake_telegram import fixtures as ft_fixtures
except ModuleNotFoundError:
    import fake_telegram as ft  # type: ignore[no-redef]
    from fake_telegram import fixtures as ft_fixtures  # type: ignore[no-redef]

FakeTelegram = ft.FakeTelegram
FakeTelegramTimeout = ft.FakeTelegramTimeout
HtmlParseError = ft.HtmlParseError
application_builder = ft.application_builder
parse_html = ft.parse_html
polling = ft.polling
utf16_len = ft.utf16_len
fake_telegram = ft_fixtures.fake_telegram  # the pytest fixture

TOKEN = "123456:TEST-fake-telegram-token"


# ================================================================================================
# HTML checker
# ================================================================================================
class TestHtml:
    def test_plain(self) -> None:
        assert parse_html("hello 世界") == ("hello 世界", [])

    def test_nested_tags(self) -> None:
        text, ents = parse_html("<b>bold <i>both</i></b> <a href='https://x.cn/?a=1&amp;b=2'>link</a>")
        assert text == "bold both link"
        assert ents == [
            {"offset": 0, "length": 9, "type": "bold"},
            {"offset": 5, "length": 4, "type": "italic"},
            {"offset": 10, "length": 4, "type": "text_link", "url": "https://x.cn/?a=1&b=2"},
        ]

    def test_all_supported_tags(self) -> None:
        src = (
            "<strong>a</strong><em>b</em><u>c</u><ins>d</ins><s>e</s><strike>f</strike><del>g</del>"
            '<span class="tg-spoiler">h</span><tg-spoiler>i</tg-spoiler><code>j</code>'
            '<pre><code class="language-python">k</code></pre><blockquote>l</blockquote>'
            '<blockquote expandable>m</blockquote><tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>'
            '<a href="tg://user?id=42">n</a>'
        )
        text, ents = parse_html(src)
        assert text == "abcdefghijklm👍n"
        types = [e["type"] for e in ents]
        assert types == [
            "bold", "italic", "underline", "underline", "strikethrough", "strikethrough",
            "strikethrough", "spoiler", "spoiler", "code", "pre", "blockquote",
            "expandable_blockquote", "custom_emoji", "text_mention",
        ]  # fmt: skip
        pre = next(e for e in ents if e["type"] == "pre")
        assert pre["language"] == "python"

    def test_entities_decoded(self) -> None:
        assert parse_html("&lt;b&gt; &amp; &quot;x&quot; &#39;&#x27;&#20013;")[0] == "<b> & \"x\" ''中"

    def test_bare_gt_accepted(self) -> None:
        assert parse_html("a > b")[0] == "a > b"

    def test_html_escape_output_is_valid(self) -> None:
        nasty = "<script>alert('x') & \"y\"</script> 1 < 2"
        assert parse_html(f"<b>{html.escape(nasty)}</b>")[0] == nasty

    @pytest.mark.parametrize(
        ("src", "fragment"),
        [
            ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
            ("<b><i>x</b></i>", "Unmatched end tag"),
            ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
            ("x</b>", "Unexpected end tag at byte offset 1"),
            ("<div>x</div>", 'Unsupported start tag "div" at byte offset 0'),
            ("<br/>", 'Unsupported start tag "br"'),
            ("<span>x</span>", 'must have class "tg-spoiler"'),
            ("a < b", 'Unsupported start tag "" at byte offset 2'),
            ("a & b", "Character '&' at byte offset 2"),
            ("&nbsp;", "Unsupported HTML entity"),
            ("AT&T", "Character '&'"),
            ("<b", "Unclosed start tag"),
            ('<a href="x', "Unclosed start tag"),
            ('<a href="x<y">z</a>', "Character '<' in attribute value"),
            ("<code><b>x</b></code>", 'can\'t be nested in "code"'),
            ("<pre>a<b>x</b></pre>", 'can\'t be nested in "pre"'),
            ("<blockquote><blockquote>x</blockquote></blockquote>", "blockquote"),
            ('<a href="https://a.cn"><a href="https://b.cn">x</a></a>', 'can\'t be nested in "a"'),
            ("<a>x</a>", "href"),
            ("中文<b>x</c>", "byte offset 10"),  # byte offsets count UTF-8 bytes
        ],
    )
    def test_errors(self, src: str, fragment: str) -> None:
        with pytest.raises(HtmlParseError) as exc:
            parse_html(src)
        assert fragment in str(exc.value)

    def test_utf16_offsets(self) -> None:
        text, ents = parse_html("😀<b>中文😀x</b>")
        assert text == "😀中文😀x"
        assert ents == [{"offset": 2, "length": 5, "type": "bold"}]
        assert utf16_len("😀") == 2
        assert utf16_len("中") == 1
        assert utf16_len(text) == 7

    def test_empty_entities_dropped(self) -> None:
        assert parse_html("<b></b>x") == ("x", [])


# ================================================================================================
# raw HTTP
# ================================================================================================
@pytest.fixture
def tg() -> Iterator[FakeTelegram]:
    with FakeTelegram(TOKEN) as fake:
        yield fake


class Http:
    """A module-wide httpx client bound to one fake's ``/bot<token>/`` prefix."""

    def __init__(self, client: httpx.Client, prefix: str) -> None:
        self.client = client
        self.prefix = prefix

    def post(self, method: str, **kwargs: Any) -> httpx.Response:
        return self.client.post(self.prefix + method, **kwargs)

    def get(self, method: str, **kwargs: Any) -> httpx.Response:
        return self.client.get(self.prefix + method, **kwargs)


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=15) as c:  # creating a client costs ~0.1 s (TLS context)
        yield c


@pytest.fixture
def http(tg: FakeTelegram, client: httpx.Client) -> Http:
    return Http(client, f"{tg.base_url}{TOKEN}/")


def call(http: Http, method: str, **params: Any) -> dict[str, Any]:
    """Form-encoded call the way PTB sends it (nested objects JSON-encoded)."""
    data = {k: json.dumps(v) if isinstance(v, dict | list | bool) else str(v) for k, v in params.items()}
    return http.post(method, data=data).json()


def err(resp: dict[str, Any]) -> str:
    assert resp["ok"] is False, resp
    return str(resp["description"])


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


class TestCommandsActionsFaults:
    def test_commands(self, tg: FakeTelegram, http: Http) -> None:
        cmds = [{"command": "start", "description": "开始"}, {"command": "search_2", "description": "搜索"}]
        assert call(http, "setMyCommands", commands=cmds)["result"] is True
        assert tg.commands == cmds
        assert call(http, "getMyCommands")["result"] == cmds
        scope = {"type": "all_group_chats"}
        assert call(http, "setMyCommands", commands=cmds[:1], scope=scope, language_code="zh")["ok"]
        assert tg.commands_for(scope, "zh") == cmds[:1]
        for bad in ("Start", "", "x" * 33, "with-dash", "中文"):
            assert err(call(http, "setMyCommands", commands=[{"command": bad, "description": "d"}])) == (
                "Bad Request: BOT_COMMAND_INVALID"
            )
        for bad_desc in ("", "x" * 257):
            assert err(
                call(http, "setMyCommands", commands=[{"command": "ok", "description": bad_desc}])
            ) == ("Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        assert call(http, "setMyCommands", commands=[{"command": "x" * 32, "description": "d" * 256}])["ok"]
        assert call(http, "deleteMyCommands")["result"] is True
        assert call(http, "getMyCommands")["result"] == []

    def test_chat_action(self, tg: FakeTelegram, http: Http) -> None:
        alice = tg.user("Alice")
        assert call(http, "sendChatAction", chat_id=alice.id, action="typing")["result"] is True
        assert tg.chat_actions[0]["action"] == "typing"
        assert err(call(http, "sendChatAction", chat_id=alice.id, action="dancing")) == (
            "Bad Request: wrong parameter action in request"
        )

    def test_fault_injection(self, tg: FakeTelegram, http: Http) -> None:
        alice = tg.user("Alice")
        tg.fail_next("sendMessage", status=429, retry_after=3)
        tg.fail_next("sendMessage", status=500)
        r = http.post("sendMessage", data={"chat_id": alice.id, "text": "x"})
        assert r.status_code == 429
        assert r.json() == {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 3",
            "parameters": {"retry_after": 3},
        }
        assert http.post("sendMessage", data={"chat_id": alice.id, "text": "x"}).status_code == 500
        assert call(http, "sendMessage", chat_id=alice.id, text="x")["ok"]
        tg.fail_next("sendMessage", delay=0.3)
        t0 = time.monotonic()
        assert call(http, "sendMessage", chat_id=alice.id, text="slow")["ok"]
        assert time.monotonic() - t0 >= 0.3
        assert [m["text"] for m in tg.wait_for_messages(alice, 1)] == ["x"]
        assert [m["text"] for m in tg.drain_messages(alice)] == ["slow"]
        assert tg.drain_messages(alice) == []
        assert len(tg.sent_messages(alice)) == 2

    def test_wait_timeout_message_is_helpful(self, tg: FakeTelegram, http: Http) -> None:
        alice = tg.user("Alice")
        call(http, "sendMessage", chat_id=alice.id, text="<b", parse_mode="HTML")
        with pytest.raises(FakeTelegramTimeout, match="can't parse entities"):
            tg.wait_for_messages(alice, timeout=0.1)


# ================================================================================================
# end to end with a real PTB Application
# ================================================================================================
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


async def test_ptb_sees_retry_after(fake_telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch) -> None:
    # PTB 22 warns (PTBDeprecationWarning, an error under -W error) when building RetryAfter
    # unless PTB_TIMEDELTA is set.
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    alice = fake_telegram.user("Alice")
    app = application_builder(fake_telegram).build()
    async with app:
        fake_telegram.fail_next("sendMessage", retry_after=2)
        with pytest.raises(RetryAfter) as exc:
            await app.bot.send_message(alice.id, "x")
        assert exc.value.retry_after.total_seconds() == 2
        assert (await app.bot.send_message(alice.id, "x")).text == "x"
