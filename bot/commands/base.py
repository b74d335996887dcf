"""`Command`: one bot command, whose description is its help.

A command is a name, a description (for Telegram's command menu and /help), an optional
usage (the argument it needs: without one the user is shown how to call it), an example
for /help, and `run(replier, request) -> [Outgoing]`. The registry in `bot.commands`
lists them; /help and `set_my_commands` are generated from it, and a test checks every
command is in the README.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.messages import Outgoing

if TYPE_CHECKING:
    from bot.replies import Replier

Progress = Callable[[Outgoing], None] | None  # receives interim messages ("please wait")


@dataclass(frozen=True)
class ChatContext:
    """The chat a command came from: its id and kind (private, group, supergroup), and
    whether the sender administers it (always, in a private chat)."""

    id: int
    kind: str = "private"
    admin: bool = True


@dataclass(frozen=True)
class Request:
    """What the user typed after the command, who they are (None: the local console,
    trusted), where interim messages go, and the chat (None: the console, no chat)."""

    arg: str
    user_id: int | None
    progress: Progress = None
    chat: ChatContext | None = None


@dataclass(frozen=True)
class Command:
    name: str
    description: str  # one line: Telegram's command menu and /help
    run: Callable[[Replier, Request], list[Outgoing]]
    usage: str = ""  # the argument is required: shown as 用法 when it is missing
    example: str = ""  # written after the name in /help (`/date 2024-06-14`)
    admin: bool = False  # /help says so; the command itself checks
    # False: the reply needs neither the database nor the index, so the bot answers it at once
    # on its event loop, never queued behind lookups waiting for a slow database.
    needs_archive: bool = True
    # True: in a group only its administrators may run it (the handler asks Telegram who
    # they are, getChatMember, for these commands only)
    group_admin: bool = False
