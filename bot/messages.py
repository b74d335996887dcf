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

COPY_LIMIT = 256  # characters a copy-text button may carry


@dataclass(frozen=True)
class Button:
    """An inline keyboard button: `data` is its callback_data (see bot.callbacks, 1-64
    bytes), or for `kind` "copy" the text Telegram copies (1-256 characters), for "inline"
    the inline query it starts in a chat the user picks (sharing), for "url" a link."""

    text: str
    data: str
    kind: Literal["callback", "copy", "inline", "url"] = "callback"


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
                if b.kind == "callback" and not 1 <= len(b.data.encode()) <= 64:
                    raise ValueError(f"callback_data {b.data!r} is not 1-64 bytes")
                if b.kind == "copy" and not 1 <= len(b.data) <= COPY_LIMIT:
                    raise ValueError(f"copy_text of {len(b.data)} characters is not 1-{COPY_LIMIT}")
                if b.kind == "inline" and len(b.data) > 256:
                    raise ValueError("an inline query of more than 256 characters")
                if b.kind == "url" and not b.data.startswith(("https://", "tg://")):
                    raise ValueError(f"button URL {b.data!r} is not https:// or tg://")


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
