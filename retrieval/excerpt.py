"""Choose what to show of a passage: a window around the densest cluster of matches.

The reader must see the answer, not only somewhere in the passage, so the window is
built from whole sentences (or clauses of a long sentence) around the part of the
passage where the query's words weigh most, and stays within ~80-160 characters.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

MAX_CHARS = 160
MIN_CHARS = 80
_PIECE = re.compile(r"[^。！？；!?，、：]*[。！？；!?，、：]*[”’」』）)]*")
_SENTENCE = re.compile(r"[^。！？；!?]*[。！？；!?]*[”’」』）)]*")

Span = tuple[int, int]


@dataclass(frozen=True)
class Excerpt:
    text: str
    highlights: list[Span]


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    out: list[Span] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _spans_of(text: str, pattern: re.Pattern[str]) -> list[Span]:
    return [(m.start(), m.end()) for m in pattern.finditer(text) if m.end() > m.start()]


REPEAT = 0.25  # what a word's second and later occurrences in one window add, of its weight


def choose(
    text: str,
    matches: list[tuple[int, int, float]],
    max_chars: int = MAX_CHARS,
    core: Span | None = None,
) -> Excerpt:
    """The window of consecutive pieces (clauses) that shows the most of the question.

    `matches` are (start, end, weight ≥ 0) in `text`. A window scores each word it shows once,
    and its repeats a little (`REPEAT`): the sentence holding 区领导 and 出席 answers 哪些区领导
    出席, not the one that repeats the headline's 美丽拱墅 three times. Of the windows scoring
    most, the shortest (then the first) is grown with its neighbours, after it and before it in
    turn, so the excerpt shows what follows the matched words (`开局即决战、起跑就冲刺`) and what
    precedes them (`市委书记刘捷`). `core`: the part of `text` the window must touch (the
    passage, when `text` also holds the sentences around it)."""
    if len(text) <= max_chars:
        return Excerpt(text, merge_spans((s, e) for s, e, _ in matches))
    pieces = _spans_of(text, _PIECE)
    if not pieces:
        pieces = [(0, len(text))]
    lo, hi = core if core is not None else (0, len(text))
    found: list[list[tuple[str, float]]] = [[] for _ in pieces]
    starts = [ps for ps, _ in pieces]
    for s, e, w in matches:
        i = bisect.bisect_right(starts, s) - 1
        if i >= 0 and s < pieces[i][1]:
            found[i].append((text[s:e], w))
    i, j = _best_window(pieces, found, lo, hi, max_chars)
    # grow with neighbouring pieces while the budget allows, one after and one before in turn
    # (within the passage: the sentences around it are shown only for the words they hold)
    forward = True
    while True:
        can_next = j + 1 < len(pieces) and pieces[j + 1][1] - pieces[i][0] <= max_chars and pieces[j + 1][0] < hi
        can_prev = i > 0 and pieces[j][1] - pieces[i - 1][0] <= max_chars and pieces[i - 1][1] > lo
        if can_next and (forward or not can_prev):
            j += 1
        elif can_prev:
            i -= 1
        else:
            break
        forward = not forward
    start, end = pieces[i][0], pieces[j][1]
    if end - start > max_chars:  # a single clause longer than the budget: cut around the matches
        first = min((s for s, _, _ in matches if start <= s < end), default=start)
        start = max(start, first - 20)
        end = start + max_chars
    snippet = text[start:end]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) and text[end - 1] not in "。！？；!?”" else ""
    offset = len(prefix) - start
    spans = merge_spans(
        (max(s, start) + offset, min(e, end) + offset) for s, e, _ in matches if s < end and e > start
    )
    return Excerpt(prefix + snippet + suffix, spans)


def _best_window(pieces: list[Span], found: list[list[tuple[str, float]]], lo: int, hi: int,
                 max_chars: int) -> tuple[int, int]:
    """(first piece, last piece) of the window that scores most, then is shortest, then
    comes first (`choose`). A window ending in a piece without matches scores what the
    window one piece shorter scores, so it cannot win and is not scored. Nor, when the best
    window scores above nothing, can one starting with such a piece, beside the window
    starting after it: those are not tried at all unless no window scored (most pieces of a
    passage hold no word of the question, and trying every start was the excerpt's cost)."""
    total, i, j = _scan(pieces, found, lo, hi, max_chars, skip=True)
    if total <= 0:  # the windows skipped may hold the shortest of those scoring nothing
        total, i, j = _scan(pieces, found, lo, hi, max_chars, skip=False)
    return i, j


def _scan(pieces: list[Span], found: list[list[tuple[str, float]]], lo: int, hi: int, max_chars: int,
          skip: bool) -> tuple[float, int, int]:
    best: tuple[float, int, int] = (-1.0, 0, 0)
    best_key: tuple[float, int, int] = (-1.0, 0, 0)
    n = len(pieces)
    for i in range(n):
        if not found[i] and (pieces[i][1] <= lo or (skip and i + 1 < n and pieces[i + 1][0] < hi)):
            continue  # a sentence before the passage is shown only for the words it holds
        seen: set[str] = set()
        total = 0.0
        for j in range(i, n):
            if pieces[j][1] - pieces[i][0] > max_chars and j > i:
                break
            if not found[j] and j > i and pieces[j - 1][1] > lo:
                continue  # scores what the window to piece j-1 scores, and is longer
            for word, w in found[j]:
                total += w if word not in seen else REPEAT * w
                seen.add(word)
            if pieces[j][1] <= lo or pieces[i][0] >= hi:
                continue  # the window shows nothing of the passage itself
            if total < best_key[0] - 1e-9:
                continue  # rounds below the best: cannot win (most windows; round() is what costs)
            key = (round(total, 9), -(pieces[j][1] - pieces[i][0]), -i)
            if key > best_key:
                best_key, best = key, (total, i, j)
    return best


def outside_adds(text: str, matches: list[tuple[int, int, float]], core: Span) -> list[tuple[int, int, float]]:
    """The matches, with those outside `core` kept only for words `core` lacks: the
    sentences around a passage may show the when and where it leaves out, but must not
    pull the excerpt away from the passage for words the passage holds itself."""
    lo, hi = core
    passage = text[lo:hi]
    return [(s, e, w) for s, e, w in matches if (lo <= s and e <= hi) or text[s:e] not in passage]


def best_sentence(text: str, matches: list[tuple[int, int, float]]) -> Excerpt:
    """The one sentence of the passage that carries the most match weight."""
    sentences = _spans_of(text, _SENTENCE) or [(0, len(text))]
    scored = []
    for s, e in sentences:
        w = sum(mw for ms, _me, mw in matches if s <= ms < e)
        scored.append((w, -s, s, e))
    _, _, s, e = max(scored)
    while s < e and text[s].isspace():
        s += 1
    spans = merge_spans((max(ms, s) - s, min(me, e) - s) for ms, me, _ in matches if ms < e and me > s)
    sentence = text[s:e].strip()
    if len(sentence) > MAX_CHARS:
        return choose(sentence, [(a, b, 1.0) for a, b in spans])
    return Excerpt(sentence, spans)


def find_matches(
    text: str,
    spans: Callable[[str, Collection[str], str], list[tuple[int, int, str]]],
    weights: dict[str, float],
    literals: Iterable[str],
    fold: Callable[[str], str],
    extra: dict[str, float] | None = None,
) -> list[tuple[int, int, float]]:
    """Where the query's tokens (by the tokenizer's own spans) and literal strings occur;
    `extra`: strings that are no tokens (a date, `4月21日`) with their weight."""
    norm = fold(text)
    found = [(s, e, weights[w]) for s, e, w in spans(text, weights.keys(), norm)]
    for phrase, weight in (extra or {}).items():
        found += [(m.start(), m.end(), weight) for m in re.finditer(re.escape(fold(phrase)), norm)]
    # the exact string the user typed outweighs any scatter of its separate words
    literal_weight = 1.0 + sum(w for _, _, w in found)
    for lit in literals:
        lit = fold(lit)
        if not lit:
            continue
        for m in re.finditer(re.escape(lit), norm):
            found.append((m.start(), m.end(), literal_weight))
    # drop sub-word spans covered by a longer span (search mode yields 科创 inside 科创园)
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    out: list[tuple[int, int, float]] = []
    reach = -1
    for s, e, w in found:
        if e <= reach:
            continue
        out.append((s, e, w))
        reach = max(reach, e)
    return out
