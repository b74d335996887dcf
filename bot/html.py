"""Telegram HTML: escaping, Telegram's way of counting length, clipping within a budget,
splitting long text at paragraph and sentence ends, and back to plain text.

Every piece of archive or user text that goes into a message passes through `clip` or
`marked` (escaping plus a length budget), so whatever the input, the HTML is valid and
within the budget. Nothing here knows what a message says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

LIMIT = 4096  # Telegram's limit for a message, here applied to the HTML source (stricter)
CAPTION_LIMIT = 1024  # a photo's or a document's caption

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def tg_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def esc(text: str) -> str:
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


def clip(text: str, budget: int) -> str:
    """``text`` escaped, cut (with ``…``) so the HTML is at most ``budget`` characters."""
    return marked(text, (), budget)


def _merge(spans: Iterable[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted((max(0, s), min(size, e)) for s, e in spans):
        if end <= start:
            continue
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def marked(text: str, spans: Iterable[tuple[int, int]], budget: int) -> str:
    """``text`` escaped with ``<b>`` around each (start, end) span, at most ``budget`` characters.

    Spans are clipped to the text and merged when they overlap; when the text does not fit,
    it is cut at a character boundary, every open tag is closed and ``…`` is appended.
    """
    segments: list[tuple[str, bool]] = []
    pos = 0
    for start, end in _merge(spans, len(text)):
        if start > pos:
            segments.append((text[pos:start], False))
        segments.append((text[start:end], True))
        pos = end
    if pos < len(text):
        segments.append((text[pos:], False))

    full = "".join(f"<b>{esc(s)}</b>" if bold else esc(s) for s, bold in segments)
    if tg_len(full) <= budget:
        return full
    out: list[str] = []
    used = 0
    for seg, bold in segments:
        overhead = 7 if bold else 0  # <b></b>
        body: list[str] = []
        size = 0
        for ch in seg:
            piece = _ESCAPES.get(ch, ch)
            n = tg_len(piece)
            if used + overhead + size + n + 1 > budget:  # keep room for the ellipsis
                break
            body.append(piece)
            size += n
        if body:
            out.append(f"<b>{''.join(body)}</b>" if bold else "".join(body))
            used += overhead + size
        if len(body) < len(seg):
            break
    if used + 1 <= budget:
        out.append("…")
    return "".join(out)


_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])")


def _pieces(paragraph: str, budget: int) -> list[str]:
    """Split an over-long paragraph at sentence ends, then hard, so each escaped piece fits."""
    out: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(paragraph):
        if not sentence:
            continue
        if tg_len(esc(current + sentence)) <= budget:
            current += sentence
            continue
        if current:
            out.append(current)
        current = ""
        while tg_len(esc(sentence)) > budget:
            cut = max(1, budget // 5)  # worst case: every character escapes to 5 (&amp;)
            size = cut
            while size < len(sentence) and tg_len(esc(sentence[: size + 1])) <= budget:
                size += 1
            out.append(sentence[:size])
            sentence = sentence[size:]
        current = sentence
    if current:
        out.append(current)
    return out


def split_paragraphs(text: str, first_budget: int, budget: int) -> list[str]:
    """Plain ``text`` as escaped HTML chunks, cut at paragraph boundaries (blank lines or
    newlines); the first chunk at most ``first_budget`` characters, the others ``budget``."""
    paragraphs = [p.strip() for p in re.split(r"\n+", text) if p.strip()]
    chunks: list[str] = []
    current: list[str] = []
    size = 0

    def limit() -> int:
        return first_budget if not chunks else budget

    for paragraph in paragraphs:
        for piece in _pieces(paragraph, min(first_budget, budget)):
            html = esc(piece)
            extra = tg_len(html) + (2 if current else 0)
            if current and size + extra > limit():
                chunks.append("\n\n".join(current))
                current, size = [], 0
                extra = tg_len(html)
            current.append(html)
            size += extra
    if current:
        chunks.append("\n\n".join(current))
    return chunks or [""]


def fit_lines(lines: list[str], limit: int = LIMIT) -> str:
    """Lines joined with newlines, as many as fit in one message, or a caption with
    `limit=CAPTION_LIMIT` (then `……`)."""
    out: list[str] = []
    size = 0
    for line in lines:
        if size + tg_len(line) + 1 > limit - 10:
            out.append("……")
            break
        out.append(line)
        size += tg_len(line) + 1
    return "\n".join(out)


_TAG = re.compile(r"<(/?)([a-zA-Z-]+)[^>]*>")
_ENTITY = re.compile(r"&(amp|lt|gt|quot|#\d+|#x[0-9a-fA-F]+);")


def _unescape(match: re.Match[str]) -> str:
    name = match.group(1)
    if name.startswith("#x"):
        return chr(int(name[2:], 16))
    if name.startswith("#"):
        return chr(int(name[1:]))
    return {"amp": "&", "lt": "<", "gt": ">", "quot": '"'}[name]


def strip_tags(html: str, bold: str = "") -> str:
    """Telegram HTML → plain text; ``<b>`` shown as ``bold`` markers (e.g. ``**``)."""
    text = _TAG.sub(lambda m: bold if m.group(2).lower() in ("b", "strong") else "", html)
    return _ENTITY.sub(_unescape, text)
