"""/latest: the newest issue's articles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.callbacks import PageState
from bot.commands.base import Command, Request
from bot.messages import Outgoing

if TYPE_CHECKING:
    from bot.replies import Replier


def run(replier: Replier, request: Request) -> list[Outgoing]:
    return [replier.show(PageState("latest"), 0)]


COMMAND = Command("latest", "最新一期", run)
