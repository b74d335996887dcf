"""A strict checker for Telegram's ``parse_mode=HTML`` subset.

:func:`parse_html` turns Telegram-HTML into ``(plain_text, entities)`` exactly as the Bot API
would store it in a ``Message`` (entity offsets/lengths in UTF-16 code units), or raises
:class:`HtmlParseError` whose message mimics Telegram's ``can't parse entities: ...`` detail.

Deliberately strict (stricter than Telegram in a few places, so that bot bugs surface in tests):

* only the tags documented at https://core.telegram.org/bots/api#html-style are accepted;
* tags must be properly nested and closed;
* a bare ``<`` or an ``&`` that does not start ``&lt;``/``&gt;``/``&amp;``/``&quot;`` or a
  numeric entity (``&#39;``, ``&#x27;``) is an error (Telegram tolerates some of these);
* no tags inside ``code``/``pre`` (except ``<code class="language-…">`` directly in ``pre``),
  no ``blockquote`` inside ``blockquote``, no ``a`` inside ``a``.

A bare ``>`` is accepted, as Telegram does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "HtmlParseError",
    "parse_html",
    "strip_text",
    "utf16_len",
]


class HtmlParseError(ValueError):
    """The text is not valid Telegram HTML. ``str(err)`` is Telegram's detail message."""


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (what Telegram counts)."""
    return len(text.encode("utf-16-le")) // 2


_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(?:#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,8})|([A-Za-z][A-Za-z0-9]{0,31}));")
_NAME_RE = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
_ATTR_NAME_RE = re.compile(r"[A-Za-z_:][A-Za-z0-9_:.-]*")

_SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
}
_ALL_TAGS = {*_SIMPLE_TAGS, "span", "a", "code", "pre", "blockquote", "tg-emoji"}


@dataclass
class _Open:
    name: str
    start: int  # UTF-16 offset in the output
    byte_offset: int
    attrs: dict[str, str] = field(default_factory=dict)
    language: str | None = None  # for <pre><code class="language-...">


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.out: list[str] = []
        self.pos16 = 0
        self.stack: list[_Open] = []
        self.entities: list[dict[str, Any]] = []

    # -- helpers -------------------------------------------------------------------------------
    def byte_offset(self, i: int) -> int:
        return len(self.text[:i].encode("utf-8"))

    def emit(self, s: str) -> None:
        self.out.append(s)
        self.pos16 += utf16_len(s)

    def error(self, msg: str) -> HtmlParseError:
        return HtmlParseError(msg)

    def decode_entity(self, i: int) -> tuple[str, int]:
        """Decode the entity starting at ``text[i] == '&'``; return (char, next index)."""
        m = _ENTITY_RE.match(self.text, i)
        if m is None:
            raise self.error(
                f"Character '&' at byte offset {self.byte_offset(i)} must be escaped as \"&amp;\" "
                "(it does not start a supported HTML entity)"
            )
        dec, hexa, name = m.groups()
        if name is not None:
            if name not in _NAMED_ENTITIES:
                raise self.error(
                    f'Unsupported HTML entity "&{name};" at byte offset {self.byte_offset(i)}; '
                    "only &lt; &gt; &amp; &quot; and numeric entities are supported"
                )
            return _NAMED_ENTITIES[name], m.end()
        code = int(dec) if dec is not None else int(hexa, 16)
        if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise self.error(f"Invalid numeric HTML entity at byte offset {self.byte_offset(i)}")
        return chr(code), m.end()

    # -- tags --------------------------------------------------------------------------------
    def parse_attrs(self, i: int, tag_start: int) -> tuple[dict[str, str], int]:
        """Parse attributes from ``i`` up to and including the closing '>'."""
        text = self.text
        attrs: dict[str, str] = {}
        n = len(text)
        while True:
            while i < n and text[i] in " \t\r\n":
                i += 1
            if i >= n:
                raise self.error(f"Unclosed start tag at byte offset {self.byte_offset(tag_start)}")
            if text[i] == ">":
                return attrs, i + 1
            m = _ATTR_NAME_RE.match(text, i)
            if m is None:
                raise self.error(f"Unexpected character in start tag at byte offset {self.byte_offset(i)}")
            attr = m.group(0).lower()
            i = m.end()
            while i < n and text[i] in " \t\r\n":
                i += 1
            if i < n and text[i] == "=":
                i += 1
                while i < n and text[i] in " \t\r\n":
                    i += 1
                if i >= n:
                    raise self.error(f"Unclosed start tag at byte offset {self.byte_offset(tag_start)}")
                value_chars: list[str] = []
                if text[i] in "\"'":
                    quote = text[i]
                    i += 1
                    while True:
                        if i >= n:
                            raise self.error(
                                f"Unclosed start tag at byte offset {self.byte_offset(tag_start)}"
                            )
                        c = text[i]
                        if c == quote:
                            i += 1
                            break
                        if c == "&":
                            ch, i = self.decode_entity(i)
                            value_chars.append(ch)
                            continue
                        if c == "<":
                            raise self.error(
                                f"Character '<' in attribute value at byte offset {self.byte_offset(i)} "
                                'must be escaped as "&lt;"'
                            )
                        value_chars.append(c)
                        i += 1
                else:
                    while i < n and text[i] not in " \t\r\n>":
                        c = text[i]
                        if c == "&":
                            ch, i = self.decode_entity(i)
                            value_chars.append(ch)
                            continue
                        if c in "<\"'`=":
                            raise self.error(
                                "Unexpected character in attribute value at byte offset "
                                f"{self.byte_offset(i)}"
                            )
                        value_chars.append(c)
                        i += 1
                attrs[attr] = "".join(value_chars)
            else:
                attrs[attr] = ""

    def start_tag(self, i: int) -> int:
        text = self.text
        m = _NAME_RE.match(text, i + 1)
        name = m.group(0).lower() if m else ""
        if name not in _ALL_TAGS:
            if not name:
                raise self.error(
                    f'Unsupported start tag "" at byte offset {self.byte_offset(i)} '
                    "(a bare '<' must be escaped as \"&lt;\")"
                )
            raise self.error(f'Unsupported start tag "{name}" at byte offset {self.byte_offset(i)}')
        assert m is not None
        attrs, j = self.parse_attrs(m.end(), i)
        byte_off = self.byte_offset(i)
        parent = self.stack[-1] if self.stack else None
        language: str | None = None

        if parent is not None and parent.name == "code":
            raise self.error(f'Tag "{name}" can\'t be nested in "code" at byte offset {byte_off}')
        if parent is not None and parent.name == "pre":
            if name != "code" or self.pos16 != parent.start:
                raise self.error(
                    f'Tag "{name}" can\'t be nested in "pre" at byte offset {byte_off} '
                    '(only a leading <code class="language-...">)'
                )
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise self.error(f'Tag "span" must have class "tg-spoiler" at byte offset {byte_off}')
        if name == "a":
            if any(o.name == "a" for o in self.stack):
                raise self.error(f'Tag "a" can\'t be nested in "a" at byte offset {byte_off}')
            if not attrs.get("href"):
                raise self.error(f'Tag "a" must have a non-empty "href" attribute at byte offset {byte_off}')
        if name == "blockquote" and any(o.name == "blockquote" for o in self.stack):
            raise self.error(f'Tag "blockquote" can\'t be nested in "blockquote" at byte offset {byte_off}')
        if name == "tg-emoji" and not attrs.get("emoji-id"):
            raise self.error(f'Tag "tg-emoji" must have an "emoji-id" attribute at byte offset {byte_off}')
        if name == "code" and parent is not None and parent.name == "pre":
            cls = attrs.get("class", "")
            if cls.startswith("language-") and len(cls) > len("language-"):
                language = cls[len("language-") :]
        self.stack.append(_Open(name, self.pos16, byte_off, attrs, language))
        return j

    def end_tag(self, i: int) -> int:
        text = self.text
        m = _NAME_RE.match(text, i + 2)
        if m is None:
            raise self.error(f"Unexpected end tag at byte offset {self.byte_offset(i)}")
        name = m.group(0).lower()
        j = m.end()
        while j < len(text) and text[j] in " \t\r\n":
            j += 1
        if j >= len(text) or text[j] != ">":
            raise self.error(f"Unclosed end tag at byte offset {self.byte_offset(i)}")
        if not self.stack:
            raise self.error(f"Unexpected end tag at byte offset {self.byte_offset(i)}")
        top = self.stack[-1]
        if top.name != name:
            raise self.error(
                f'Unmatched end tag at byte offset {self.byte_offset(i)}, expected "</{top.name}>", '
                f'found "</{name}>"'
            )
        self.stack.pop()
        self.close_entity(top)
        return j + 1

    def close_entity(self, o: _Open) -> None:
        length = self.pos16 - o.start
        if o.name == "code" and self.stack and self.stack[-1].name == "pre":
            # <pre><code class="language-x">: the language goes on the pre entity
            if o.language:
                self.stack[-1].language = o.language
            return
        if length == 0:
            return  # Telegram drops empty entities
        ent: dict[str, Any] = {"offset": o.start, "length": length}
        if o.name in _SIMPLE_TAGS:
            ent["type"] = _SIMPLE_TAGS[o.name]
        elif o.name == "span":
            ent["type"] = "spoiler"
        elif o.name == "a":
            href = o.attrs["href"]
            m = re.fullmatch(r"tg://user\?id=(\d+)", href)
            if m:
                ent["type"] = "text_mention"
                ent["user"] = {"id": int(m.group(1)), "is_bot": False, "first_name": ""}
            else:
                ent["type"] = "text_link"
                ent["url"] = href
        elif o.name == "code":
            ent["type"] = "code"
        elif o.name == "pre":
            ent["type"] = "pre"
            if o.language:
                ent["language"] = o.language
        elif o.name == "blockquote":
            ent["type"] = "expandable_blockquote" if "expandable" in o.attrs else "blockquote"
        elif o.name == "tg-emoji":
            ent["type"] = "custom_emoji"
            ent["custom_emoji_id"] = o.attrs["emoji-id"]
        self.entities.append(ent)

    # -- main ----------------------------------------------------------------------------------
    def run(self) -> tuple[str, list[dict[str, Any]]]:
        text = self.text
        n = len(text)
        i = 0
        plain_start = 0
        while i < n:
            c = text[i]
            if c not in "<&":
                i += 1
                continue
            if plain_start < i:
                self.emit(text[plain_start:i])
            if c == "&":
                ch, i = self.decode_entity(i)
                self.emit(ch)
            elif i + 1 < n and text[i + 1] == "/":
                i = self.end_tag(i)
            else:
                i = self.start_tag(i)
            plain_start = i
        if plain_start < n:
            self.emit(text[plain_start:])
        if self.stack:
            raise self.error(f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"')
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.out), self.entities


def parse_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram-HTML. Returns ``(plain_text, entities)``; raises :class:`HtmlParseError`."""
    return _Parser(text).run()


_WS = " \t\r\n\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u3000"


def strip_text(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Strip leading/trailing whitespace as Telegram does, shifting/clipping entities."""
    stripped = text.strip(_WS)
    if stripped == text:
        return text, entities
    lead = utf16_len(text[: len(text) - len(text.lstrip(_WS))])
    new_len = utf16_len(stripped)
    out = []
    for e in entities:
        start = max(e["offset"] - lead, 0)
        end = min(e["offset"] + e["length"] - lead, new_len)
        if end > start:
            out.append({**e, "offset": start, "length": end - start})
    return stripped, out
