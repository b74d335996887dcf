"""Pasted text → the articles it was copied from: "where is this from?".

A reader pastes up to a Telegram message (4,096 characters) of the paper: copied from
the damaged PDF text (spaces inside words, cut lines, two articles of a page in one
go), from the archive's own replies, or edited a little (a few characters changed, a
sentence dropped, half-width commas, traditional characters). Search cannot answer
that: the paste is far too long to be a query, and it does not ask anything.

Both sides are compared in one canonical form: `fold` (NFKC, simplified, lower case)
with every whitespace and punctuation character dropped, so the extractor's spaces, its
line breaks and the reader's punctuation never count. Then:

    coverage     a passage is compared with the paste by the paste's character trigrams
                 it holds; a paste character counts when it lies in a run of at least
                 `MIN_RUN` covered characters (chance trigrams and stock phrases such as
                 高质量发展 make no runs that long)
    probes       the longest clause of each stretch of the paste is looked up verbatim
                 in the literal index (`literal_candidates`, by a window of at most 12
                 characters) and verified, unless a passage read already holds it; each
                 passage found is compared, and so are its neighbours in its article,
                 outward while they match too (a paste runs on across passages)
    ranked       when the probes leave much of the paste unexplained (an edited paste
                 may hold no clause verbatim), BM25's top passages for the paste's rarest
                 words are compared, and grown the same way
    articles     an article's share is the union of its passages' and headline's
                 coverage: that is `similarity`. The paste's sources are picked greedily,
                 each adding a part of the paste the ones before did not explain (a page
                 copied across two articles has two), plus reprints of a picked part;
                 unless together they explain `THRESHOLD` of the paste, nothing is

At most `MAX_READS` passages are read per paste, never the archive.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from retrieval.chars import valid
from retrieval.index.base import SearchIndex
from retrieval.index.literal import has_literal_codes
from retrieval.tokenize import Tokenizer, without_spaces

__all__ = ["MAX_PASTE_CHARS", "THRESHOLD", "SourceMatch", "find_source"]

# Telegram's message limit; a longer text is cut here, so the work stays bounded.
MAX_PASTE_CHARS = 4096
# Fewer canonical characters than this is a search query, not a quotation: asking where
# 高质量发展 comes from has a hundred answers.
MIN_PASTE_CHARS = 8
# The share of the paste its sources must explain together. A copied paste, even with
# words changed, a sentence dropped, or run on into the next passage, is covered above
# 0.9; unrelated text of the same kind of paper shares stock phrases and bylines
# (本报讯记者林韬通讯员黄朝文) worth a few per cent; a local report quoting a central
# speech at length reaches about 0.65 against the speech: quotation, not the source.
THRESHOLD = 0.7
# A source beside the first must explain a part of its own at least this large (a share
# of the paste, and in characters): a byline or a stock phrase is not a part.
PART_SHARE = 0.2
PART_CHARS = 40
# An article that explains the same part as a picked one (a reprint in another issue)
# is a source too, when this much of its coverage lies inside the picked parts.
REPRINT_INSIDE = 0.9
# A run of covered paste characters shorter than this is chance, not copying: with
# trigrams, 8 characters are 6 consecutive trigrams found in one passage.
MIN_RUN = 8
GRAM = 3
# Probes: one per PROBE_STRETCH canonical characters of the paste (so a long paste is
# probed along its length, not only where its longest clauses are), PROBE_MIN to
# PROBE_MAX of them, each a clause of at least PROBE_MIN_CHARS looked up by its middle
# PROBE_WINDOW characters (every character more is one more posting list to intersect,
# and 12 Chinese characters verbatim are already specific).
PROBE_STRETCH = 100
PROBE_MIN = 3
PROBE_MAX = 12
PROBE_MIN_CHARS = 6
PROBE_WINDOW = 12
# A window in more passages, or verified in more articles, than this is boilerplate: it
# cannot say where the paste is from, and comparing them all would read that many.
PROBE_VERIFY_LIMIT = 50
PROBE_ARTICLES = 8
# When the passages read explain this much of the paste, BM25 has nothing to add.
SETTLED = 0.9
# The rarest distinct words of the paste, and how many of BM25's passages for them
# (measured on 100,000 passages: fewer words lose edited pastes, more cost time).
QUERY_TOKENS = 24
RANKED = 30
# Articles grown from BM25's passages: the best few (or `limit`, when more are asked
# for), so a paste of a widely quoted speech does not walk every article that quotes it,
# and only those explaining GROW_FROM characters already (a stock phrase is not a start).
GROW_ARTICLES = 6
GROW_FROM = 40
MAX_READS = 128

_CONTENT = re.compile(r"[^\W_]+")  # letters and digits of any script: what is compared
_CODE_SHIFT = np.uint64(21)

U64 = npt.NDArray[np.uint64]
Flags = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class SourceMatch:
    """One article the paste comes from, shown by its passage that covers most of it.

    `similarity`: the share (0…1) of the paste's characters the article (its passages
    and headline) accounts for; a paste copied across two articles has two matches, each
    with its share. `literal`: one of the paste's probed clauses occurs verbatim in this
    passage (whitespace and folding aside). `matched`: (start, end) offsets into the
    passage's text of the part that matches, for an excerpt; (0, 0) when none of the
    passage's text does (only the headline matched)."""

    doc: int
    article_id: int
    similarity: float
    literal: bool
    matched: tuple[int, int]


def find_source(text: str, index: SearchIndex, tokenizer: Tokenizer, limit: int = 5) -> list[SourceMatch]:
    """The articles `text` was copied from, most similar first, at most `limit`; [] when
    they cannot explain `THRESHOLD` of it. Never raises on odd input (emoji, markup,
    punctuation only, lone surrogates): such a paste simply has nothing to find. Only the
    first MAX_PASTE_CHARS characters are read."""
    if limit <= 0 or index.size == 0:
        return []
    paste = _Paste.of(text, tokenizer)
    if paste is None:
        return []
    compare = _Comparison(paste, index, tokenizer)
    _probe(compare)
    if compare.explained() < SETTLED:
        _rank(compare, max(GROW_ARTICLES, limit))
    found = [
        (share, best.covered, compare.match(best, article, share))
        for article, share, best in _sources(compare)
    ]
    found.sort(key=lambda f: (-f[0], not f[2].literal, -f[1], f[2].doc))
    return [m for _, _, m in found[:limit]]


@dataclass(frozen=True)
class _Paste:
    canon: str  # content characters only
    probes: list[str]  # the clauses looked up verbatim
    unique: U64  # the distinct trigram codes, sorted
    inverse: npt.NDArray[np.intp]  # each trigram of `canon` → its place in `unique`
    words: str  # the clauses joined by spaces, for the tokenizer

    @classmethod
    def of(cls, text: str, tokenizer: Tokenizer) -> _Paste | None:
        """The paste in canonical form, or None when too little of it is text."""
        clauses = _clip(_CONTENT.findall(without_spaces(tokenizer.fold(valid(text[:MAX_PASTE_CHARS])))))
        canon = "".join(clauses)
        if len(canon) < MIN_PASTE_CHARS:
            return None
        unique, inverse = np.unique(_gram_codes(canon), return_inverse=True)
        return cls(canon, _probes(clauses, len(canon)), unique, inverse.reshape(-1), " ".join(clauses))

    def held(self, codes: U64) -> tuple[Flags, Flags]:
        """(which of the paste's trigrams, which of `codes`) the two have in common."""
        pos = np.searchsorted(self.unique, codes)
        inside = pos < len(self.unique)
        hit = np.zeros(len(codes), dtype=bool)
        hit[inside] = self.unique[pos[inside]] == codes[inside]
        mine = np.zeros(len(self.unique), dtype=bool)
        mine[pos[hit]] = True
        return np.asarray(mine[self.inverse]), hit

    def none(self) -> Flags:
        return np.zeros(len(self.inverse), dtype=bool)

    def chars(self, grams: Flags) -> Flags:
        """The paste characters in long runs of held trigrams."""
        return _run_mask(_spread(grams, len(self.canon)))


def _clip(clauses: list[str]) -> list[str]:
    """At most MAX_PASTE_CHARS content characters: NFKC can make one character many (﷽ is
    18 letters), and the work must stay bounded whatever was pasted."""
    out: list[str] = []
    room = MAX_PASTE_CHARS
    for clause in clauses:
        if room <= 0:
            break
        out.append(clause[:room])
        room -= len(out[-1])
    return out


def _probes(clauses: list[str], length: int) -> list[str]:
    """The longest clause of each stretch of the paste (a repeated clause probes once)."""
    wanted = min(PROBE_MAX, max(PROBE_MIN, length // PROBE_STRETCH))
    stretch = max(1, -(-length // wanted))
    best: dict[int, str] = {}
    at = 0
    for clause in clauses:
        part = at // stretch
        at += len(clause)
        if len(clause) >= PROBE_MIN_CHARS and len(clause) > len(best.get(part, "")):
            best[part] = clause
    return list(dict.fromkeys(best[p] for p in sorted(best)))


def _window(clause: str) -> str:
    """The middle of a long clause: its opening words (李志龙强调要…) are the most common."""
    if len(clause) <= PROBE_WINDOW:
        return clause
    start = (len(clause) - PROBE_WINDOW) // 2
    return clause[start : start + PROBE_WINDOW]


@dataclass(frozen=True)
class _Scored:
    doc: int
    article: int
    grams: Flags  # which of the paste's trigrams the passage holds
    covered: int  # paste characters the passage alone accounts for
    literal: bool


class _Comparison:
    """One paste against the passages read so far: each passage read, folded and compared
    at most once, and no more than MAX_READS of them."""

    def __init__(self, paste: _Paste, index: SearchIndex, tokenizer: Tokenizer) -> None:
        self.paste = paste
        self.index = index
        self.tokenizer = tokenizer
        self.scored: dict[int, _Scored] = {}
        self.reads = 0
        self._flat: dict[int, str] = {}
        self._titles: dict[str, Flags] = {}

    def flat(self, doc: int) -> str:
        """The passage's folded text without spaces (what a verbatim clause is looked up in)."""
        text = self._flat.get(doc)
        if text is None:
            self.reads += 1
            text = self._flat[doc] = without_spaces(self.tokenizer.fold(self.index.passage_text(doc)))
        return text

    def can_read(self) -> bool:
        return self.reads < MAX_READS

    def score(self, doc: int, article: int) -> _Scored:
        if doc not in self.scored:
            flat = self.flat(doc)
            grams, _ = self.paste.held(_gram_codes(_canonical(flat)))
            literal = any(clause in flat for clause in self.paste.probes)
            covered = int(self.paste.chars(grams).sum())
            self.scored[doc] = _Scored(doc, article, grams, covered, literal)
        return self.scored[doc]

    def holds(self, clause: str) -> bool:
        """Whether a passage compared already holds `clause` verbatim."""
        return any(clause in self._flat[d] for d in self.scored)

    def explained(self) -> float:
        """The share of the paste the passages compared so far explain together."""
        union = self.paste.none()
        for c in self.scored.values():
            union |= c.grams
        return float(self.paste.chars(union).sum()) / len(self.paste.canon)

    def grow(self, doc: int) -> None:
        """Compare the passage's neighbours in its article, outward while they match."""
        start = self.scored[doc]
        frontier = [doc] if start.covered else []
        while frontier:
            at = frontier.pop()
            for near in (at - 1, at + 1):
                if not self.can_read() or not 0 <= near < self.index.size or near in self.scored:
                    continue
                if _articles(self.index, [near])[0] != start.article:
                    continue
                if self.score(near, start.article).covered:
                    frontier.append(near)

    def by_article(self) -> dict[int, list[_Scored]]:
        groups: dict[int, list[_Scored]] = {}
        for c in self.scored.values():
            groups.setdefault(c.article, []).append(c)
        return groups

    def article_grams(self, group: list[_Scored]) -> Flags:
        """The paste trigrams an article holds: its passages' and its headline's (a paste
        often starts with the headline; one headline serves all its passages)."""
        title = self.index.passage_title(group[0].doc)
        if title not in self._titles:
            self._titles[title] = self.paste.held(_gram_codes(_canonical(self.tokenizer.fold(title))))[0]
        union = self._titles[title].copy()
        for c in group:
            union |= c.grams
        return union

    def match(self, best: _Scored, article: int, share: float) -> SourceMatch:
        """The value a caller sees, with the matching part of the passage located in its text."""
        text = self.index.passage_text(best.doc)
        canon = _canonical(self.flat(best.doc))
        _, hit = self.paste.held(_gram_codes(canon))
        where = np.flatnonzero(_run_mask(_spread(hit, len(canon))))
        span = (0, 0)
        if len(where):
            origin = _origins(text, self.tokenizer)
            if len(origin) == len(canon):  # else folding reshaped the text: no offsets to give
                span = (origin[int(where[0])], origin[int(where[-1])] + 1)
        return SourceMatch(best.doc, article, round(share, 4), best.literal, span)


def _probe(compare: _Comparison) -> None:
    """Look the probes up verbatim, each unless a passage compared already holds it; compare
    what they find and grow it."""
    index = compare.index
    for clause in compare.paste.probes:
        window = _window(clause)
        if not compare.can_read() or not has_literal_codes(window) or compare.holds(window):
            continue
        cand = index.literal_candidates(window).tolist()
        if len(cand) > PROBE_VERIFY_LIMIT:
            continue
        docs = [d for d in cand if compare.can_read() and window in compare.flat(d)]
        articles = _articles(index, docs)
        if len(set(articles)) > PROBE_ARTICLES:
            continue
        for doc, article in zip(docs, articles, strict=True):
            compare.score(doc, article)
            compare.grow(doc)


def _rank(compare: _Comparison, grown: int) -> None:
    """Compare BM25's best passages for the paste's rarest words, and grow the best articles."""
    tokens = _query_tokens(compare.paste, compare.index, compare.tokenizer)
    if not tokens:
        return
    docs = [d for d, _ in compare.index.top(tokens, RANKED) if d not in compare.scored]
    for doc, article in zip(docs, _articles(compare.index, docs), strict=True):
        if compare.can_read():
            compare.score(doc, article)
    groups = compare.by_article()
    strength = {a: int(compare.paste.chars(compare.article_grams(g)).sum()) for a, g in groups.items()}
    starts = (a for a in groups if strength[a] >= min(GROW_FROM, len(compare.paste.canon) // 2))
    for article in sorted(starts, key=lambda a: (-strength[a], a))[:grown]:
        for c in list(groups[article]):
            compare.grow(c.doc)


def _query_tokens(paste: _Paste, index: SearchIndex, tokenizer: Tokenizer) -> list[str]:
    """The paste's rarest distinct words that the archive holds (highest idf first): a
    4,096-character paste has hundreds of words, and its common ones rank nothing."""
    counts = {t: index.df(t) for t in dict.fromkeys(tokenizer.tokens(paste.words))}
    known = [t for t, df in counts.items() if df > 0 and t not in index.common]
    return sorted(known, key=lambda t: (counts[t], -len(t), t))[:QUERY_TOKENS]


def _sources(compare: _Comparison) -> list[tuple[int, float, _Scored]]:
    """(article, share, best passage) of the paste's sources, or [] when they cannot
    explain THRESHOLD of it. Picked greedily by the part of the paste each adds; then the
    reprints of what was picked."""
    length = len(compare.paste.canon)
    chars: dict[int, Flags] = {}
    groups = compare.by_article()
    for article, group in groups.items():
        mask = compare.paste.chars(compare.article_grams(group))
        if mask.sum() >= PART_SHARE * length:
            chars[article] = mask
    picked: list[int] = []
    joint = np.zeros(length, dtype=bool)
    part = max(PART_SHARE * length, min(PART_CHARS, length))
    while True:
        gains = {a: int((m & ~joint).sum()) for a, m in chars.items() if a not in picked}
        if not gains:
            break
        article = min(gains, key=lambda a: (-gains[a], a))
        if picked and gains[article] < part:
            break
        picked.append(article)
        joint |= chars[article]
    if not picked or joint.sum() < THRESHOLD * length:
        return []
    smallest = min(int(chars[a].sum()) for a in picked)
    for article, mask in chars.items():
        own = int(mask.sum())
        if article not in picked and own >= smallest and (mask & joint).sum() >= REPRINT_INSIDE * own:
            picked.append(article)
    return [
        (a, float(chars[a].sum()) / length, max(groups[a], key=lambda c: (c.covered, c.literal, -c.doc)))
        for a in picked
    ]


def _articles(index: SearchIndex, docs: list[int]) -> list[int]:
    if not docs:
        return []
    return [int(a) for a in index.article_ids(np.asarray(docs, dtype=np.int64)).tolist()]


def _canonical(folded: str) -> str:
    return "".join(_CONTENT.findall(folded))


def _gram_codes(canon: str) -> U64:
    """One code per character trigram, in order (21 bits a character: every code point fits)."""
    if len(canon) < GRAM:
        return np.zeros(0, dtype=np.uint64)
    arr = np.frombuffer(canon.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    return np.asarray((arr[:-2] << (_CODE_SHIFT * np.uint64(2))) | (arr[1:-1] << _CODE_SHIFT) | arr[2:])


def _spread(grams: Flags, length: int) -> Flags:
    """Trigram flags → character flags: a character is covered by any held trigram over it."""
    chars = np.zeros(length, dtype=bool)
    if len(grams):
        for shift in range(GRAM):
            chars[shift : shift + len(grams)] |= grams
    return chars


def _run_mask(chars: Flags) -> Flags:
    """Only the runs of at least MIN_RUN covered characters."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], chars.astype(np.int8), [0]))))
    starts, ends = edges[::2], edges[1::2]
    keep = ends - starts >= MIN_RUN
    marks = np.zeros(len(chars) + 1, dtype=np.int32)
    np.add.at(marks, starts[keep], 1)
    np.add.at(marks, ends[keep], -1)
    return np.asarray(np.cumsum(marks[:-1]) > 0)


def _origins(text: str, tokenizer: Tokenizer) -> list[int]:
    """For each canonical character of `text`, its offset in `text`. NFKC may lengthen a
    character (… → ...), so then it is applied one character at a time; simplification
    and lower case keep the length of CJK and ASCII text."""
    folded = tokenizer.fold(text)
    if len(folded) == len(text):
        owner = list(range(len(text)))
    else:
        pieces = [unicodedata.normalize("NFKC", ch) for ch in text]
        owner = [i for i, piece in enumerate(pieces) for _ in piece]
        folded = tokenizer.fold("".join(pieces))
        if len(folded) != len(owner):
            return []
    return [owner[k] for m in _CONTENT.finditer(folded) for k in range(m.start(), m.end())]
