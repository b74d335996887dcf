"""`MemoryIndex`: a `SearchIndex` in a few lines over rank-bm25, for tests.

It is the reference semantics, not a fast engine: every query scores every passage with
`rank_bm25.BM25Okapi` and every literal lookup scans the texts. Tests run search over it
and over `BM25Index` and expect the same answers (like httpx's `MockTransport` beside
its real transports).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date

import numpy as np
from rank_bm25 import BM25Okapi

from retrieval.index.base import I32, I64, Mask
from retrieval.index.bm25 import OKAPI, BM25Model
from retrieval.index.days import month_day_mask, range_mask, spans
from retrieval.types import PassageRow


class MemoryIndex:
    def __init__(
        self, docs: Sequence[Sequence[str]], rows: Sequence[PassageRow], literal_texts: Sequence[str],
        model: BM25Model = OKAPI,
    ) -> None:
        """`docs`: each passage's tokens; `literal_texts`: its normalised title + text without spaces."""
        self.model = model
        self.rows = list(rows)
        self.literal_texts = list(literal_texts)
        df = Counter(t for d in docs for t in set(d))
        n = len(docs)
        self.common = frozenset(t for t, c in df.items() if c * 2 > n) if n >= 20 else frozenset()
        self.docs = [[t for t in d if t not in self.common] for d in docs]
        self._bm25 = BM25Okapi(self.docs, k1=model.k1, b=model.b, epsilon=model.epsilon) if any(self.docs) else None
        days, earliest = spans(self.rows)
        self.days, self.earliest = np.asarray(days, dtype=np.int32), np.asarray(earliest, dtype=np.int32)

    @property
    def size(self) -> int:
        return len(self.docs)

    @property
    def has_passages(self) -> bool:
        return True

    def df(self, term: str) -> int:
        return sum(term in d for d in self.docs) if term not in self.common else 0

    def terms(self) -> Iterable[str]:
        return iter({t for d in self.docs for t in d})

    def idf(self, term: str) -> float:
        return float(self._bm25.idf.get(term, 0.0)) if self._bm25 else 0.0

    def top(
        self, query: list[str], k: int, allowed: Mask | None = None, boost: dict[int, float] | None = None
    ) -> list[tuple[int, float]]:
        if self._bm25 is None:
            return []
        scores = self._bm25.get_scores(query)
        held = {d for d, toks in enumerate(self.docs) if set(query) & set(toks)} | set(boost or {})
        for d, lift in (boost or {}).items():
            scores[d] += lift
        ranked = sorted((d for d in held if allowed is None or allowed[d]), key=lambda d: (-scores[d], d))
        return [(d, float(scores[d])) for d in ranked[:k]]

    def holds(self, term: str, docs: I64) -> Mask:
        return np.asarray([term in self.docs[int(d)] for d in docs], dtype=bool)

    def literal_candidates(self, text: str, limit: int = -1) -> I32:
        found = np.asarray([d for d, t in enumerate(self.literal_texts) if text and text in t], dtype=np.int32)
        return found if limit < 0 else found[:limit]

    def literal_holding(self, text: str, docs: I64) -> Mask:
        return np.isin(docs, self.literal_candidates(text))

    def date_mask(self, start: date | None, end: date | None) -> Mask:
        return range_mask(self.days, self.earliest, start, end)

    def month_day_mask(self, month: int, day: int | None) -> Mask:
        return month_day_mask(self.days, self.earliest, month, day)

    def article_ids(self, docs: I64) -> I64:
        return np.asarray([self.rows[int(d)].article_id for d in docs], dtype=np.int64)

    def passage_text(self, doc: int) -> str:
        return self.rows[doc].text

    def passage_title(self, doc: int) -> str:
        return self.rows[doc].headline

    def passage(self, doc: int) -> PassageRow:
        return self.rows[doc]
