"""Repair the damage that PDF text extraction does to Chinese newspaper text.

The extractor inserts spaces inside words (`李 志 龙`), cuts lines every dozen
characters, and mixes half-width and full-width punctuation. Everything here works
on one paragraph (or one line) of text and is idempotent: cleaning cleaned text
changes nothing, and no Han character is ever dropped or added, which the
property tests check.
"""

from __future__ import annotations

import re
import unicodedata

# Han ideographs, CJK symbols/punctuation, full-width forms: a space next to any of
# these is an extraction artefact, never a word separator.
_CJK = (
    "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u31c0-\u31ef\u3200-\u32ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff0f\uff1a-\uff20"
    "\uff3b-\uff40\uff5b-\uff65\u2018-\u201f\u2026\u2014\u00b7"
)
CJK_CHAR = re.compile(f"[{_CJK}]")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200b\u3000\ufeff]+")
_SPACE_NEXT_TO_CJK = re.compile(f"(?<=[{_CJK}]) +| +(?=[{_CJK}])")
# A Latin word followed by Han text keeps one space (`DeepSeek 大模型`); a digit does not
# (`2019年`), and neither does any other pair with a CJK side.

# Half-width punctuation that belongs in Chinese text as full-width.
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
_STRAIGHT_QUOTE = re.compile(r'"')
_LATIN_PAREN = re.compile(r"（([A-Za-z0-9 .,\-]+)）")

TERMINAL = "。！？；…"
CLOSERS = "”’』」）)》"


def is_han(ch: str) -> bool:
    return bool(HAN.match(ch))


def han_chars(text: str) -> str:
    """The Han characters of `text` in order (after canonical composition, which cleaning
    applies: a compatibility ideograph is the same character): what cleaning must preserve."""
    return "".join(HAN.findall(unicodedata.normalize("NFC", text)))


def han_bigrams(text: str) -> set[str]:
    """The pairs of adjacent Han characters of `text` (punctuation and spaces skipped): how a
    headline is compared with another headline or with a lead."""
    h = han_chars(text)
    return {h[i : i + 2] for i in range(len(h) - 1)}


def _quotes(text: str) -> str:
    """Straight double quotes become “…” pairs, alternating, as printed Chinese text has."""
    if '"' not in text:
        return text
    out: list[str] = []
    opening = True
    for ch in text:
        if ch == '"':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)


_LEFT_CONTEXT = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e“”‘’]")  # Chinese before a mark
_RIGHT_CONTEXT = re.compile(r"[\u3400-\u9fff“”‘’]")  # Chinese after a mark
_OPEN, _CLOSE = "(（", ")）"
_PASSES = 10  # a pass settles all but brackets closed by a full-width mark after the fact


def _punctuation_pass(text: str) -> str:
    """One left-to-right pass, linear in the text: a half-width mark becomes full-width when
    the last character written before it is Chinese context (the spaces between are dropped:
    `拱墅 ,` → `拱墅，`) or the next non-space character is Chinese; a converted mark is
    itself Chinese context, so a run of marks converts at once; an innermost bracket pair
    with one full-width side becomes full-width on both (`（下转2版)` → `（下转2版）`)."""
    out: list[str] = []
    last = -1  # index in `out` of the last non-space character written
    opens: list[int] = []  # indices in `out` of the brackets still open
    n = len(text)
    nxt = [n] * (n + 1)  # index of the next non-space character at or after i
    for i in range(n - 1, -1, -1):
        nxt[i] = i if not text[i].isspace() else nxt[i + 1]
    for i, ch in enumerate(text):
        if ch.isspace():
            out.append(ch)
            continue
        if ch in _HALF_TO_FULL:
            if last >= 0 and _LEFT_CONTEXT.match(out[last]):
                del out[last + 1 :]  # the spaces between the context and the mark
                ch = _HALF_TO_FULL[ch]
            elif nxt[i + 1] < n and _RIGHT_CONTEXT.match(text[nxt[i + 1]]):
                ch = _HALF_TO_FULL[ch]
        if ch in _OPEN:
            opens.append(len(out))
        elif ch in _CLOSE and opens:
            start = opens.pop()
            if (out[start] == "（") != (ch == "）"):  # one side full-width: both are
                out[start], ch = "（", "）"
        out.append(ch)
        last = len(out) - 1
    return "".join(out)


def normalize_punctuation(text: str) -> str:
    """Full-width punctuation in Chinese context; Latin context keeps half-width. Linear in
    the text (a run of 10,000 commas or brackets used to take seconds)."""
    text = unicodedata.normalize("NFC", text)
    text = _quotes(text)
    for _ in range(_PASSES):  # until nothing changes: a bracket closed full-width makes its
        converted = _punctuation_pass(text)  # opening one Chinese context after the fact
        if converted == text:
            break
        text = converted
    return text


def remove_spurious_spaces(text: str) -> str:
    """Drop spaces next to CJK characters; keep spaces between Latin words and numbers."""
    text = _SPACES.sub(" ", text)

    def gap(m: re.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        return " " if before.isascii() and before.isalpha() and is_han(after) else ""

    return _SPACE_NEXT_TO_CJK.sub(gap, text).strip()


def clean_text(text: str) -> str:
    """Clean one paragraph: punctuation first (so straight quotes count as CJK), then spaces."""
    return remove_spurious_spaces(normalize_punctuation(text))


def join_lines(lines: list[str]) -> str:
    """Join the lines of one paragraph cut by a narrow column.

    No separator between CJK characters or digits (`2023` + `年是` → `2023年是`);
    one space where a Latin word meets another word (`DeepSeek` + `大模型`).
    """
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if out and re.match(r"[A-Za-z]", out[-1]) and re.match(r"[A-Za-z\u4e00-\u9fff]", line[0]):
            out += " "
        out += line
    return out


def terminal(text: str) -> bool:
    """True when `text` ends a sentence (allowing closing quotes/brackets after the stop)."""
    stripped = text.rstrip().rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in TERMINAL + "!?;."


def alnum_only(text: str) -> str:
    """Only the letters and digits of `text` (no spaces, no punctuation): for comparing
    headlines with bodies."""
    return "".join(ch for ch in text if ch.isalnum())
