"""`SearchIndex`: the one interface search ranks through, whatever engine is behind it.

Passages are numbered 0 … size-1 in the order they were indexed. Search asks an engine
for document frequencies and idf (the evidence rule), the exact BM25Okapi top k under a
mask and a boost, which of some passages hold a term, literal-string candidates, date
masks, and what a hit shows. The scoring model (`model`) answers everything about the
formula itself (its upper bound, for the literal boost).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Protocol

import numpy as np
import numpy.typing as npt

from retrieval.index.bm25 import BM25Model
from retrieval.types import PassageRow

I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]


class SearchIndex(Protocol):
    model: BM25Model
    common: frozenset[str]  # tokens dropped for being in more than half the passages

    @property
    def size(self) -> int: ...
    @property
    def has_passages(self) -> bool: ...  # whether hits can be shown from the index alone

    def df(self, term: str) -> int: ...
    def terms(self) -> Iterable[str]:
        """Every indexed token (the archive's vocabulary: what a misspelt word may be)."""
        ...

    def idf(self, term: str) -> float: ...
    def top(
        self, query: list[str], k: int, allowed: Mask | None = None, boost: dict[int, float] | None = None
    ) -> list[tuple[int, float]]:
        """The k best (passage, score) among passages holding a query token (or boosted),
        score descending, then passage ascending; BM25Okapi's scores plus `boost`."""
        ...

    def holds(self, term: str, docs: I64) -> Mask: ...
    def literal_candidates(self, text: str, limit: int = -1) -> I32:
        """Passages that may hold `text` (normalised, no spaces) verbatim: a superset,
        ascending; only the first `limit` of them when it is not negative (enough to tell a
        string too common to check one by one without finding all its passages)."""
        ...

    def literal_holding(self, text: str, docs: I64) -> Mask:
        """Which of `docs` are among `literal_candidates(text)` (found for them alone)."""
        ...

    def date_mask(self, start: date | None, end: date | None) -> Mask: ...
    def month_day_mask(self, month: int, day: int | None) -> Mask: ...
    def article_ids(self, docs: I64) -> I64: ...
    def passage_text(self, doc: int) -> str: ...
    def passage_title(self, doc: int) -> str: ...
    def passage(self, doc: int) -> PassageRow: ...
