"""/coverage: what the archive covers, per paper: issues per year and month, missing issues,
pages per issue, the last ingest."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.commands.base import Command, Request
from bot.messages import Outgoing

if TYPE_CHECKING:
    from bot.replies import Replier


def run(replier: Replier, request: Request) -> list[Outgoing]:
    return replier.coverage()


COMMAND = Command("coverage", "档案覆盖：各年各月期数、缺期、版面", run)
