"""/stats: what the archive covers (papers, issues, articles, dates, last ingest)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot import render
from bot.commands.base import Command, Request
from bot.messages import Outgoing

if TYPE_CHECKING:
    from bot.replies import Replier


def run(replier: Replier, request: Request) -> list[Outgoing]:
    return [render.render_stats(replier.archive.stats())]


COMMAND = Command("stats", "档案概况", run)
