"""/trend 词 [词2 …]: a chart of each word's mentions per issue, per month or year, as a photo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.commands.base import Command, Request
from bot.messages import Outgoing

if TYPE_CHECKING:
    from bot.replies import Replier


def run(replier: Replier, request: Request) -> list[Outgoing]:
    return replier.trend(request.arg, request.progress)


COMMAND = Command(
    "trend",
    "词语趋势图：每月（或每年）每期的提及次数，最多比较 4 个词",
    run,
    usage="/trend 词 [词2 …]，例如 /trend 亚运 运河",
    example="亚运 运河",
)
