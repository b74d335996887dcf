"""/who 名字: a person or organisation: mentions, roles printed beside the name with their
dates, names in the same articles, the latest articles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.commands.base import Command, Request
from bot.messages import Outgoing

if TYPE_CHECKING:
    from bot.replies import Replier


def run(replier: Replier, request: Request) -> list[Outgoing]:
    return replier.who(request.arg)


COMMAND = Command(
    "who",
    "人物与机构：提及次数、报上的职务及日期、常一同出现的人",
    run,
    usage="/who 名字，例如 /who 李志龙",
    example="李志龙",
)
