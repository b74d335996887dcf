"""/unsubscribe 关键词: remove one subscription (without a word: the list, with buttons)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.commands.base import Command, Request
from bot.messages import Outgoing

if TYPE_CHECKING:
    from bot.replies import Replier


def run(replier: Replier, request: Request) -> list[Outgoing]:
    if not request.arg:
        return replier.subscriptions(request.chat)
    return replier.unsubscribe(request.arg, request.chat)


COMMAND = Command("unsubscribe", "退订关键词", run, example="曲棍球", group_admin=True)
