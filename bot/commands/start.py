"""/start: what Telegram sends when a user opens the bot (answered with the help), or when
they open a link to an article (`t.me/<bot>?start=a_<id>`: the article)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.commands import help
from bot.commands.base import Command, Request
from bot.messages import Outgoing

if TYPE_CHECKING:
    from bot.replies import Replier


def run(replier: Replier, request: Request) -> list[Outgoing]:
    article = replier.open_article(request.arg) if request.arg else None
    return article if article is not None else help.run(replier, request)


COMMAND = Command("start", "开始使用", run, needs_archive=False)
