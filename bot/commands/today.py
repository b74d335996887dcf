"""/today: 往年今日, what the archive holds for this calendar day in earlier years."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.callbacks import PageState
from bot.commands.base import Command, Request
from bot.messages import Outgoing

if TYPE_CHECKING:
    from bot.replies import Replier


def run(replier: Replier, request: Request) -> list[Outgoing]:
    return [replier.show(PageState("today"), 0)]


COMMAND = Command("today", "往年今日", run)
