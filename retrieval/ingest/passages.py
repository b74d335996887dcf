"""Cut an article into passages of whole sentences, the unit that search ranks and shows.

About 200 characters is the aim: long enough to hold an answer with its context, short
enough that a hit points at the answer and not at a whole article.
"""

from __future__ import annotations

import re

TARGET = 200
MAXIMUM = 300
MINIMUM = 80
_SENTENCE = re.compile(r"[^。！？；!?\n]*(?:[。！？；!?]+[”’」』）)]*|\n|$)")
_CLAUSE = re.compile(r"[^，、：,]*(?:[，、：,]|$)")


def sentences(text: str) -> list[str]:
    """Sentences with their closing punctuation; paragraph breaks end a sentence too."""
    out = [s.strip() for s in _SENTENCE.findall(text)]
    return [s for s in out if s]


def _pieces(sentence: str) -> list[str]:
    """A sentence longer than a passage is cut at clause boundaries."""
    if len(sentence) <= MAXIMUM:
        return [sentence]
    pieces: list[str] = []
    buf = ""
    for clause in (c for c in _CLAUSE.findall(sentence) if c):
        if buf and len(buf) + len(clause) > TARGET:
            pieces.append(buf)
            buf = ""
        buf += clause
    if buf:
        pieces.append(buf)
    final: list[str] = []
    for p in pieces:  # a clause with no punctuation at all: hard cut
        final.extend(p[i : i + MAXIMUM] for i in range(0, len(p), MAXIMUM))
    return final


def cut(text: str) -> list[str]:
    """Passages of consecutive whole sentences, each roughly TARGET characters."""
    passages: list[str] = []
    buf = ""
    for sentence in sentences(text):
        for piece in _pieces(sentence):
            if buf and len(buf) + len(piece) > MAXIMUM:
                passages.append(buf)
                buf = ""
            buf += piece
            if len(buf) >= TARGET:
                passages.append(buf)
                buf = ""
    if buf:
        if passages and len(buf) < MINIMUM and len(passages[-1]) + len(buf) <= MAXIMUM + MINIMUM:
            passages[-1] += buf
        else:
            passages.append(buf)
    return passages
