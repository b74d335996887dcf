"""/date 日期: the articles of a day, month or year (or the nearest dates that have some)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.callbacks import PageState
from bot.commands.base import Command, Request
from bot.messages import Outgoing

if TYPE_CHECKING:
    from bot.replies import Replier


def run(replier: Replier, request: Request) -> list[Outgoing]:
    return [replier.show(PageState("date", request.arg), 0)]


COMMAND = Command(
    "date",
    "按日期浏览",
    run,
    usage="/date 日期，例如 /date 2024-06-14、/date 2024年6月、/date 昨天",
    example="2024-06-14",
)
