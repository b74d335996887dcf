"""/help: how to ask, and every command (generated from the registry)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.commands.base import Command, Request
from bot.messages import Outgoing

if TYPE_CHECKING:
    from bot.replies import Replier


def run(replier: Replier, request: Request) -> list[Outgoing]:
    return [replier.help()]


COMMAND = Command("help", "用法与示例", run, needs_archive=False)
