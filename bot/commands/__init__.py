"""The bot's commands: one module each, one line each in `COMMANDS`.

    base.Command   name, description, run(replier, request), usage, example, admin
    start, help, search, date, latest, today, trend, who, subscribe, subs, unsubscribe,
    stats, coverage, reload

`bot.replies.Replier` dispatches `/name arg` to `run`; `bot.app` registers the names
with python-telegram-bot and `set_my_commands`; `Replier.help` writes /help from this
list. A new command is a new module plus one line here.
"""

from __future__ import annotations

from bot.commands import (
    coverage,
    date,
    help,
    latest,
    reload,
    search,
    start,
    stats,
    subs,
    subscribe,
    today,
    trend,
    unsubscribe,
    who,
)
from bot.commands.base import ChatContext, Command, Progress, Request

COMMANDS: tuple[Command, ...] = (
    start.COMMAND,
    help.COMMAND,
    search.COMMAND,
    date.COMMAND,
    latest.COMMAND,
    today.COMMAND,
    trend.COMMAND,
    who.COMMAND,
    subscribe.COMMAND,
    subs.COMMAND,
    unsubscribe.COMMAND,
    stats.COMMAND,
    coverage.COMMAND,
    reload.COMMAND,
)

__all__ = ["COMMANDS", "ChatContext", "Command", "Progress", "Request"]
