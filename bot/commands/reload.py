"""/reload (admins): re-ingest the corpus folder and swap the index without a restart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.commands.base import Command, Request
from bot.messages import Outgoing

if TYPE_CHECKING:
    from bot.replies import Replier


def run(replier: Replier, request: Request) -> list[Outgoing]:
    return replier.reload(request.user_id, request.progress)


COMMAND = Command("reload", "重新导入档案（管理员）", run, admin=True)
