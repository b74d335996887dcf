"""/subscribe 关键词: a standing query; each new issue's matching articles come as one digest."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.commands.base import Command, Request
from bot.messages import Outgoing

if TYPE_CHECKING:
    from bot.replies import Replier


def run(replier: Replier, request: Request) -> list[Outgoing]:
    return replier.subscribe(request.arg, request.chat, request.user_id)


COMMAND = Command(
    "subscribe",
    "订阅关键词：新一期报纸出现相关报道时提醒",
    run,
    usage="/subscribe 关键词，例如 /subscribe 曲棍球、/subscribe \"运河 文化\"",
    example="曲棍球",
    group_admin=True,
)
