"""Every `SearchIndex` engine, built from token lists, so engine tests run over each of them
(a compiled engine drops in here as one more entry)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from retrieval.index import BM25Index, MemoryIndex, SearchIndex
from retrieval.types import PassageRow


def _rows(n: int) -> list[PassageRow]:
    return [PassageRow(id=i, article_id=i, text="", title="", day=date(2024, 1, 1)) for i in range(n)]


def postings(docs: Sequence[Sequence[str]]) -> SearchIndex:
    return BM25Index.build(docs, [""] * len(docs), [0] * len(docs), list(range(len(docs))))


def memory(docs: Sequence[Sequence[str]]) -> SearchIndex:
    return MemoryIndex(docs, _rows(len(docs)), [""] * len(docs))


ENGINES: dict[str, Callable[[Sequence[Sequence[str]]], SearchIndex]] = {"postings": postings, "memory": memory}
