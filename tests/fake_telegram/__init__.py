"""A fake Telegram Bot API server for end-to-end tests of the bot (see ``server.py``)."""

from .html_check import HtmlParseError, parse_html, strip_text, utf16_len
from .ptb import application_builder, polling
from .server import ApiCall, ApiError, Chat, FakeTelegram, FakeTelegramTimeout, User

__all__ = [
    "ApiCall",
    "ApiError",
    "Chat",
    "FakeTelegram",
    "FakeTelegramTimeout",
    "HtmlParseError",
    "User",
    "application_builder",
    "parse_html",
    "polling",
    "strip_text",
    "utf16_len",
]
