"""/start: what Telegram sends when a user opens the bot; answered with the help."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.commands.base import Command, Request
from bot.messages import Outgoing

if TYPE_CHECKING:
    from bot.replies import Replier


def run(replier: Replier, request: Request) -> list[Outgoing]:
    return [replier.help()]


COMMAND = Command("start", "开始使用", run)
