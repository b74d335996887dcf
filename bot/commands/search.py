"""/search 关键词: a question, for groups (where plain text is not addressed to the bot)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.commands.base import Command, Request
from bot.messages import Outgoing

if TYPE_CHECKING:
    from bot.replies import Replier


def run(replier: Replier, request: Request) -> list[Outgoing]:
    return replier.ask(request.arg, request.user_id, counted=True)  # reply() charged the command


COMMAND = Command("search", "搜索报道", run, usage="/search 关键词，例如 /search 杭叉科创园", example="关键词")
