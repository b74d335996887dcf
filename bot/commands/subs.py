"""/subs: this chat's subscriptions, each with a button to remove it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.commands.base import Command, Request
from bot.messages import Outgoing

if TYPE_CHECKING:
    from bot.replies import Replier


def run(replier: Replier, request: Request) -> list[Outgoing]:
    return replier.subscriptions(request.chat)


COMMAND = Command("subs", "查看本聊天的订阅（可逐个退订）", run)
