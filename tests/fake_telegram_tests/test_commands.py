"""Tests of the fake Telegram Bot API (``tests/fake_telegram``): bot commands and chat actions."""

from __future__ import annotations

from tests.fake_telegram import FakeTelegram
from tests.fake_telegram.testkit import Http, call, err


class TestCommandsAndActions:
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
