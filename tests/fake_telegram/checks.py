"""The strict checks the fake applies to what the bot sends, as pure functions.

* :func:`format_text` / :func:`format_caption`: ``parse_mode`` (HTML through the strict
  checker in ``html_check.py``; Markdown is taken literally), stripping, and the length limits
  counted in UTF-16 code units after entity parsing (4096 for text, 1024 for captions);
* :func:`check_markup` / :func:`check_button`: ``reply_markup``, inline keyboards, the 64-byte
  ``callback_data`` limit, button URLs;
* :func:`check_inline_result`: one result of ``answerInlineQuery``.

Each raises :class:`~.model.ApiError` with the description the real Bot API would give.
"""

from __future__ import annotations

import re
from typing import Any

from .html_check import HtmlParseError, parse_html, strip_text, utf16_len
from .model import bad

__all__ = [
    "BUTTON_ACTION_FIELDS",
    "INLINE_RESULT_TYPES",
    "MAX_CALLBACK_DATA_BYTES",
    "MAX_CAPTION_LENGTH",
    "MAX_INLINE_RESULTS",
    "MAX_INLINE_RESULT_ID_BYTES",
    "MAX_MESSAGE_LENGTH",
    "check_button",
    "check_inline_result",
    "check_markup",
    "format_caption",
    "format_text",
]

MAX_MESSAGE_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_COPY_TEXT = 256  # CopyTextButton.text: 1-256 characters
MAX_INLINE_RESULTS = 50
MAX_INLINE_RESULT_ID_BYTES = 64
BUTTON_ACTION_FIELDS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
INLINE_RESULT_TYPES = frozenset(
    {
        "article",
        "photo",
        "gif",
        "mpeg4_gif",
        "video",
        "audio",
        "voice",
        "document",
        "location",
        "venue",
        "contact",
        "game",
        "sticker",
    }
)


def _parse(text: Any, parse_mode: Any, entities: Any) -> tuple[str, list[dict[str, Any]]]:
    """``(plain, entities)`` of ``text`` under ``parse_mode``, stripped like Telegram strips."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    mode = (parse_mode or "").strip().lower() if isinstance(parse_mode, str) else ""
    if mode == "html":
        try:
            plain, ents = parse_html(text)
        except HtmlParseError as err:
            raise bad(f"can't parse entities: {err}") from err
    elif mode in ("", "markdown", "markdownv2"):
        # Markdown is not validated by the fake; the text is taken literally.
        plain, ents = text, []
        if isinstance(entities, list) and not mode:
            ents = [e for e in entities if isinstance(e, dict)]
    else:
        raise bad(f"unsupported parse_mode {parse_mode!r}")
    return strip_text(plain, ents)


def format_text(
    text: Any,
    parse_mode: Any,
    entities: Any,
    *,
    inline: bool = False,
    field_name: str = "message text",
) -> tuple[str, list[dict[str, Any]]]:
    """A message text as stored: non-empty, at most 4096 UTF-16 units after parsing.
    ``inline=True``: the error codes of ``answerInlineQuery`` (``MESSAGE_EMPTY``, ...)."""
    plain, ents = _parse(text, parse_mode, entities)
    if not plain:
        raise bad("MESSAGE_EMPTY" if inline else f"{field_name} is empty")
    if utf16_len(plain) > MAX_MESSAGE_LENGTH:
        raise bad("MESSAGE_TOO_LONG" if inline else "message is too long")
    return plain, ents


def format_caption(caption: Any, parse_mode: Any, entities: Any) -> tuple[str, list[dict[str, Any]]] | None:
    """A media caption as stored, or ``None`` when there is none (absent, or empty after
    parsing and stripping); at most 1024 UTF-16 units after parsing."""
    if caption is None or caption == "":
        return None
    plain, ents = _parse(caption, parse_mode, entities)
    if not plain:
        return None
    if utf16_len(plain) > MAX_CAPTION_LENGTH:
        raise bad("message caption is too long")
    return plain, ents


def check_markup(markup: Any) -> dict[str, Any] | None:
    """Validate reply_markup; return it if it is an inline keyboard (stored on the message)."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise bad(
                'can\'t parse inline keyboard button: field "inline_keyboard" must be an Array of Arrays'
            )
        total = 0
        for row in rows:
            if len(row) > 8:
                raise bad("reply markup is too long")
            for b in row:
                total += 1
                check_button(b)
        if total > 100:
            raise bad("reply markup is too long")
        return markup
    if "keyboard" in markup or "remove_keyboard" in markup or "force_reply" in markup:
        return None
    raise bad("can't parse reply keyboard markup JSON object")


def check_button(b: Any) -> None:
    if not isinstance(b, dict):
        raise bad("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
    text = b.get("text")
    if not isinstance(text, str) or not text.strip():
        raise bad("can't parse inline keyboard button: text must be a non-empty String")
    actions = [f for f in BUTTON_ACTION_FIELDS if f in b]
    if not actions:
        raise bad("text buttons are unallowed in the inline keyboard")
    if len(actions) > 1:
        raise bad(
            "can't parse inline keyboard button: exactly one of the optional fields must be used, "
            f"got {actions}"
        )
    if "callback_data" in b:
        data = b["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES:
            raise bad("BUTTON_DATA_INVALID")
    if "copy_text" in b:
        copy = b["copy_text"]
        if not isinstance(copy, dict) or not isinstance(copy.get("text"), str):
            raise bad("can't parse inline keyboard button: field \"copy_text\" must be an Object with a text")
        if not 1 <= len(copy["text"]) <= MAX_COPY_TEXT:
            raise bad("BUTTON_COPY_TEXT_INVALID")
    if "switch_inline_query" in b and not isinstance(b["switch_inline_query"], str):
        raise bad("can't parse inline keyboard button: field \"switch_inline_query\" must be a String")
    if "url" in b:
        url = b["url"]
        if not isinstance(url, str) or not re.match(r"(https?|tg)://\S+$", url):
            raise bad(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")


def check_inline_result(r: Any, seen: set[str]) -> None:
    """One ``InlineQueryResult``; ``seen`` collects the ids so far (duplicates are refused)."""
    if not isinstance(r, dict):
        raise bad("can't parse InlineQueryResult JSON object")
    rid = r.get("id")
    if not isinstance(rid, str) or not 1 <= len(rid.encode("utf-8")) <= MAX_INLINE_RESULT_ID_BYTES:
        raise bad("RESULT_ID_INVALID")
    if rid in seen:
        raise bad("RESULT_ID_DUPLICATE")
    seen.add(rid)
    rtype = r.get("type")
    if rtype not in INLINE_RESULT_TYPES:
        raise bad(f"RESULT_TYPE_INVALID: {rtype!r}")
    content = r.get("input_message_content")
    if rtype == "article":
        if not isinstance(r.get("title"), str) or not r["title"].strip():
            raise bad("RESULT_TITLE_EMPTY")
        if not isinstance(content, dict):
            raise bad("input_message_content must be specified for article results")
    if isinstance(content, dict) and "message_text" in content:
        format_text(
            content.get("message_text"), content.get("parse_mode"), content.get("entities"), inline=True
        )
        lpo = content.get("link_preview_options")
        if lpo is not None and not isinstance(lpo, dict):
            raise bad("can't parse link preview options JSON object")
    elif rtype == "article":
        raise bad("MESSAGE_EMPTY")
    if "reply_markup" in r:
        check_markup(r["reply_markup"])
        if "inline_keyboard" not in r["reply_markup"]:
            raise bad("REPLY_MARKUP_INVALID")
