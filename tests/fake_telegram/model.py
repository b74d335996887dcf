"""Value types of the fake: the people and chats a test creates, the record of one API call,
the errors, and the internal records the fake stores (messages, uploaded files, faults).

Nothing here knows about HTTP or threads; every other module imports from this one.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ApiCall",
    "ApiError",
    "Chat",
    "ChatLike",
    "FakeTelegramTimeout",
    "Fault",
    "MessageLike",
    "StoredFile",
    "StoredMessage",
    "User",
    "bad",
]


class FakeTelegramTimeout(AssertionError):
    """A ``wait_*`` method of :class:`FakeTelegram` timed out."""


class ApiError(Exception):
    """An error response of the fake Bot API (also usable by tests to build expectations)."""

    def __init__(self, status: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(f"{status} {description}")
        self.status = status
        self.description = description
        self.parameters = parameters

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad(description: str) -> ApiError:
    """``400 Bad Request: <description>``, the most common error of the Bot API."""
    return ApiError(400, f"Bad Request: {description}")


@dataclass(frozen=True)
class User:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = "zh-hans"
    is_bot: bool = False

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.last_name:
            d["last_name"] = self.last_name
        if self.username:
            d["username"] = self.username
        if self.language_code and not self.is_bot:
            d["language_code"] = self.language_code
        return d


@dataclass(frozen=True)
class Chat:
    id: int
    type: str  # "private" | "group" | "supergroup"
    title: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    username: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "type": self.type}
        for key in ("title", "first_name", "last_name", "username"):
            value = getattr(self, key)
            if value:
                d[key] = value
        return d


@dataclass
class ApiCall:
    """One HTTP call to the Bot API, as received (params decoded: nested JSON parsed, ints/bools
    coerced; an uploaded file is ``{"filename", "content", "content_type"}``), with the HTTP
    status and the response body's ``result``/``description``."""

    method: str
    params: dict[str, Any]
    status: int = 0
    result: Any = None
    description: str | None = None
    at: float = field(default_factory=time.monotonic)

    @property
    def ok(self) -> bool:
        return self.status == 200


@dataclass
class Fault:
    """One injected failure (see ``FakeTelegram.fail_next``)."""

    status: int | None
    description: str | None
    retry_after: int | None
    delay: float


@dataclass
class StoredMessage:
    """A message in a chat (sent by a user or the bot); ``data`` is its current Bot API dict."""

    data: dict[str, Any]
    from_bot: bool
    version: int = 0


@dataclass
class StoredFile:
    """A file the bot uploaded (one per PhotoSize of a photo). ``media`` is what a message
    carrying it shows: the list of PhotoSize dicts of the photo (every size serves the uploaded
    ``content``: the fake does not resize) or the Document dict of a document."""

    file_id: str
    file_unique_id: str
    kind: str  # "photo" | "document"
    content: bytes
    file_size: int
    file_path: str
    media: Any


ChatLike = Chat | User | int
MessageLike = dict[str, Any] | tuple[int, int]
