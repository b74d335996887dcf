"""/start: what Telegram sends when a user opens the bot; answered with the help."""

from __future__ import annotations

from bot.commands import help
from bot.commands.base import Command

COMMAND = Command("start", "开始使用", help.run, needs_archive=False)
