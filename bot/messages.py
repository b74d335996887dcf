"""What the bot sends, as values: `Outgoing` (Telegram HTML, buttons, optionally a photo or
a document whose caption the text is), `Button`, `InlineArticle`.

An `Outgoing` checks Telegram's limits when it is made (4,096 characters of text, 1,024 of
caption, callback_data of 1–64 bytes), so a message that Telegram would refuse fails in
the code that built it, in a test, and never reaches the network.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.html import CAPTION_LIMIT, LIMIT, clip, tg_len


@dataclass(frozen=True)
class Button:
    text: str
    data: str  # callback_data (see bot.callbacks), at most 64 bytes


@dataclass(frozen=True)
class Attachment:
    """A file sent with a message: a photo (a chart) or a document (an export)."""

    kind: Literal["photo", "document"]
    data: bytes
    filename: str


@dataclass(frozen=True)
class Outgoing:
    """One message the bot sends: Telegram HTML plus inline keyboard rows; with an
    attachment, the text is its caption."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    attachment: Attachment | None = None

    def __post_init__(self) -> None:
        limit = LIMIT if self.attachment is None else CAPTION_LIMIT
        if tg_len(self.text) > limit:
            raise ValueError(f"message of {tg_len(self.text)} characters exceeds {limit}")
        for row in self.buttons:
            for b in row:
                if not 1 <= len(b.data.encode()) <= 64:
                    raise ValueError(f"callback_data {b.data!r} is not 1-64 bytes")


@dataclass(frozen=True)
class InlineArticle:
    """One inline-mode result (plain title/description, HTML message)."""

    id: str
    title: str
    description: str
    message: str


def note(text: str) -> Outgoing:
    """A short plain message (escaped)."""
    return Outgoing(clip(text, LIMIT))
