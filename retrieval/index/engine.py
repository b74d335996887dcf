"""`BM25Index`: the postings engine, ranking exactly as rank-bm25's BM25Okapi.

rank-bm25 loops over every passage for every query token in Python; here each token has a
posting list (passage numbers, packed in blocks by `packed`, and term frequencies, one
slice of a flat array), and a query touches only the postings of its tokens. A passage's score is computed with the
same formula, in the same float64 order of operations, as `BM25Okapi.get_scores` (the
formula is the scoring model's, `bm25.BM25Model`), and the vocabulary keeps rank-bm25's
first-appearance order (its average idf sums in that order), so scores are bit-identical
and the top 10 is the same (a test compares the two on random corpora and the seeds).

Beside the word postings the index holds literal segments (`literal`), each passage's
day span (`days`) and the stored copy of what hits show (`stored`). It is built in
memory for small archives and tests (`build`, `from_builder`), or streamed to disk by
`streaming` for the archive itself; saved and memory-mapped by `files`. Ranking and
literal lookups run in the compiled loops of `kernel`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt

from retrieval.errors import IndexMissing
from retrieval.index.bm25 import BOUND_HEADROOM, OKAPI, BM25Model
from retrieval.index.days import Mask, from_day_number, month_day_mask, range_mask
from retrieval.index.kernel import block_maxima, gram_candidates, gram_holding, term_maxima, top_k
from retrieval.index.literal import UNIGRAM_LIMIT, GramSegment, query_codes
from retrieval.index.packed import PackedLists
from retrieval.index.postings import IndexBuilder, WordPostings, _csr, encode, freq_dtype
from retrieval.index.stored import Stored
from retrieval.types import PassageRow, headline, unpack_headline

FORMAT = 8  # of the saved files (`files`); a saved index of another format is rebuilt

I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]

_NO_DOCS = np.zeros(0, dtype=np.int64)
_NO_VALUES = np.zeros(0, dtype=np.float64)
_NO_MASK = np.zeros(0, dtype=bool)


U8 = npt.NDArray[np.uint8]
# a literal segment's codes, indptr, blocks, heads, widths, offsets, data (`GramSegment.parts()`)
Parts = tuple[npt.NDArray[np.uint64], I64, I64, I32, U8, I64, U8]


def _segment_parts(grams: list[GramSegment]) -> list[Parts]:
    """The literal segments as the compiled lookups take them: read-only `GramSegment.parts()`
    of fixed dtypes (one signature for all: a segment built in memory and one mapped from
    disk alike compile once)."""

    def frozen(a: npt.NDArray[Any], dtype: type) -> npt.NDArray[Any]:
        view: npt.NDArray[Any] = np.ascontiguousarray(a, dtype=dtype).view()
        view.flags.writeable = False
        return view

    out: list[Parts] = []
    for seg in grams:
        codes, indptr, blocks, heads, widths, offsets, data = seg.parts()
        out.append((frozen(codes, np.uint64), frozen(indptr, np.int64), frozen(blocks, np.int64),
                    frozen(heads, np.int32), frozen(widths, np.uint8), frozen(offsets, np.int64),
                    frozen(data, np.uint8)))
    return out


def literal_candidates_in(segments: list[Parts], codes: npt.NDArray[np.uint64], limit: int = -1) -> I32:
    """The first `limit` (all, when negative) passages holding every code, ascending, over
    segments in passage order."""
    found = []
    for seg in segments:
        got = gram_candidates(*seg, codes, limit)
        if len(got):
            found.append(got)
            if limit >= 0:
                limit -= len(got)
                if limit == 0:
                    break
    if not found:
        return np.zeros(0, dtype=np.int32)
    return found[0] if len(found) == 1 else np.concatenate(found)


def literal_holding_in(segments: list[Parts], codes: npt.NDArray[np.uint64], docs: I64) -> npt.NDArray[np.bool_]:
    """Which of `docs` some segment holds every code for."""
    out = np.zeros(len(docs), dtype=np.bool_)
    if len(docs):
        order = np.argsort(docs, kind="mergesort")
        for seg in segments:
            gram_holding(*seg, codes, docs, order, out)
    return out


class BM25Index:
    """Passages as BM25Okapi sees them, plus literal codes and dates."""

    def __init__(
        self,
        words: WordPostings,
        grams: list[GramSegment],
        doc_len: I32,
        days: I32,
        earliest: I32,
        passage_ids: I64,
        header: dict[str, object],
        idf: F64 | None = None,
        stored: Stored | None = None,
        model: BM25Model = OKAPI,
        *,
        block_max: npt.NDArray[np.float32],
    ) -> None:
        self.model = model
        self.words = words
        self.stored = stored
        self.grams = grams
        self.doc_len = doc_len
        self.days = days
        # an approximate date ("近日") is a span: earliest possible day … the given day
        self.earliest = earliest
        self.passage_ids = passage_ids
        self.header = header
        self.n = len(doc_len)
        self.avgdl = float(header["avgdl"]) if self.n else 0.0  # type: ignore[arg-type]
        self.common = frozenset(str(t) for t in header.get("dropped_common", []))  # type: ignore[attr-defined]
        self._idf: F64 = idf if idf is not None else model.idf(np.diff(np.asarray(words.indptr)).tolist(), self.n)
        self._norm: F64 = model.length_norm(self.doc_len, self.avgdl)
        # each block's best tf · (k1 + 1) / (tf + norm), and each term's (the largest of its
        # blocks'): the bounds for pruning, computed when the lists are built
        # (`kernel.block_maxima`) at a slightly longer average length than the archive's
        # (`bm25.BOUND_HEADROOM`), and saved
        self._block_max = block_max
        self._ratio_max: F64 = term_maxima(np.ascontiguousarray(words.lists.blocks, dtype=np.int64), block_max)
        self._scratch: tuple[F64, npt.NDArray[np.uint8], I32] | None = None  # allocated on first query
        self._scratch_lock = threading.Lock()
        self.last_pruned = False  # whether the last query's pruning skipped reading some postings
        self._gram_parts: list[Parts] | None = None  # the literal segments as the compiled loops take them

    @property
    def size(self) -> int:
        return self.n

    def df(self, term: str) -> int:
        return self.words.df(term)

    def terms(self) -> Iterable[str]:
        return iter(self.words.vocab)

    @property
    def ratio_max(self) -> F64:
        """Every term's best tf ratio, in vocabulary order (derived from `block_max`)."""
        return self._ratio_max

    @property
    def block_max(self) -> npt.NDArray[np.float32]:
        """Every posting block's best tf ratio, in block order (saved beside the bounds)."""
        return self._block_max

    @property
    def idf_values(self) -> F64:
        """Every term's idf, in vocabulary order (saved beside the postings)."""
        return self._idf

    # -- building -------------------------------------------------------------------
    @classmethod
    def build(
        cls,
        doc_tokens: Sequence[Sequence[str]],
        literal_texts: Sequence[str],
        days: Sequence[int],
        passage_ids: Sequence[int],
        header: dict[str, object] | None = None,
        earliest: Sequence[int] | None = None,
    ) -> BM25Index:
        """In-process build from token lists (small archives, tests, benchmarks)."""
        builder = IndexBuilder()
        builder.add(encode(doc_tokens, literal_texts, with_unigrams=len(doc_tokens) < UNIGRAM_LIMIT))
        return cls.from_builder(builder, days, earliest if earliest is not None else days, passage_ids, header)

    @classmethod
    def from_builder(
        cls,
        builder: IndexBuilder,
        days: Sequence[int] | I32,
        earliest: Sequence[int] | I32,
        passage_ids: Sequence[int] | I64,
        header: dict[str, object] | None = None,
        common: frozenset[str] | None = None,
        stored: Stored | None = None,
        model: BM25Model = OKAPI,
    ) -> BM25Index:
        """Tokens in more than half the passages are dropped before anything is counted:
        BM25Okapi would give them a floor idf that grows with the archive. (`common`
        fixes the dropped set, for an index extended without a full rebuild.)"""
        n = builder.n
        terms, docs, freqs = builder.postings()
        dtype = freq_dtype(int(freqs.max()) if len(freqs) else 0)  # over every term, as `streaming`
        n_terms = len(builder.vocab)
        df = np.bincount(terms, minlength=n_terms) if n_terms else np.zeros(0, dtype=np.int64)
        names = list(builder.vocab)
        if common is None:
            common = frozenset(names[t] for t in np.flatnonzero(df * 2 > n)) if n >= 20 else frozenset()
        # Drop common terms: they leave the vocabulary altogether, so first-appearance
        # order (and with it BM25Okapi's average idf) is that of the remaining tokens.
        keep_term = np.ones(n_terms, dtype=bool)
        for t in common:
            if t in builder.vocab:
                keep_term[builder.vocab[t]] = False
        new_id = np.cumsum(keep_term) - 1
        kept = keep_term[terms] if len(terms) else np.zeros(0, dtype=bool)
        terms, docs, freqs = new_id[terms[kept]], docs[kept], freqs[kept]
        vocab = {name: int(new_id[i]) for i, name in enumerate(names) if keep_term[i]}
        indptr, sdocs, sfreqs = _csr(terms, docs, freqs, len(vocab), dtype)
        doc_len = np.bincount(docs, weights=freqs, minlength=n).astype(np.int32) if n else np.zeros(0, dtype=np.int32)
        head = dict(header or {})
        head.update(
            {
                "format": FORMAT,
                "passages": n,
                "avgdl": float(doc_len.sum()) / n if n else 0.0,
                "dropped_common": sorted(common),
            }
        )
        bound_avgdl = float(head["avgdl"]) * BOUND_HEADROOM  # type: ignore[arg-type]
        head["bound_avgdl"] = bound_avgdl
        bound_norm = model.length_norm(doc_len, bound_avgdl)
        return cls(
            WordPostings(vocab, PackedLists.pack(indptr, sdocs), sfreqs),
            builder.segments,
            doc_len,
            np.asarray(days, dtype=np.int32),
            np.asarray(earliest, dtype=np.int32),
            np.asarray(passage_ids, dtype=np.int64),
            head,
            stored=stored,
            model=model,
            block_max=block_maxima(indptr, sdocs, sfreqs, bound_norm, model.k1),  # from the lists before packing
        )

    # -- querying -------------------------------------------------------------------
    def idf(self, term: str) -> float:
        t = self.words.vocab.get(term)
        return 0.0 if t is None else float(self._idf[t])

    def scores(self, query: Sequence[str]) -> F64:
        """BM25Okapi scores of every passage (the reference semantics)."""
        scores = np.zeros(self.n, dtype=np.float64)
        for term in query:  # repeated query tokens count again, as in rank-bm25
            t = self.words.vocab.get(term)
            if t is None:
                continue
            lo, hi = int(self.words.indptr[t]), int(self.words.indptr[t + 1])
            docs = self.words.lists.of(t)
            tf = self.words.freqs[lo:hi].astype(np.float64)
            scores[docs] += self.model.term_score(self._idf[t], tf, self._norm[docs])
        return scores

    def top(
        self,
        query: Sequence[str],
        k: int,
        allowed: npt.NDArray[np.bool_] | None = None,
        boost: dict[int, float] | None = None,
    ) -> list[tuple[int, float]]:
        """The k best (passage number, score), score descending, then number ascending,
        among passages holding a query token (in a tiny archive every idf can be
        negative under BM25Okapi, so "score > 0" would hide real matches). `allowed`
        masks passages out (date filters); `boost` adds to chosen passages.

        Exact, with block-max MaxScore pruning, in the compiled loop of `kernel.top_k`: the scores
        are BM25Okapi's bit for bit, the pruning only decides which passages are scored."""
        ids = np.asarray([self.words.vocab[t] for t in query if t in self.words.vocab], dtype=np.int64)
        if boost:
            pairs = sorted(boost.items())
            boost_docs = np.asarray([d for d, _ in pairs], dtype=np.int64)
            boost_vals = np.asarray([v for _, v in pairs], dtype=np.float64)
        else:
            boost_docs, boost_vals = _NO_DOCS, _NO_VALUES
        if (not len(ids) and not len(boost_docs)) or k <= 0 or not self.n:
            return []
        use_allowed = allowed is not None
        with self._scratch_lock:
            if self._scratch is None:
                self._scratch = (
                    np.zeros(self.n, dtype=np.float64), np.zeros(self.n, dtype=np.uint8),
                    np.zeros(self.n, dtype=np.int32),
                )
            acc, mark, touched = self._scratch
            docs, scores, pruned = top_k(
                ids, *self.words.lists.parts(), self.words.freqs, self._idf, self._norm,
                self._ratio_max, self._block_max, self.model.k1, k, allowed if allowed is not None else _NO_MASK,
                use_allowed, boost_docs, boost_vals, acc, mark, touched,
            )
        self.last_pruned = bool(pruned)
        return list(zip(docs.tolist(), scores.tolist(), strict=True))

    def holds(self, term: str, docs: I64) -> npt.NDArray[np.bool_]:
        """Which of `docs` hold `term` (looked up in its packed posting list, on the query
        path for every token: the list is not unpacked whole)."""
        t = self.words.vocab.get(term)
        if t is None or not len(docs):
            return np.zeros(len(docs), dtype=bool)
        return self.words.lists.holding(t, docs)

    def _literal_lookup(self, text: str) -> tuple[list[Parts], npt.NDArray[np.uint64]] | None:
        """The literal segments as the compiled loops take them and the codes of `text`;
        None when nothing can hold it (no codes, no segments)."""
        codes = query_codes(text)
        if not len(codes) or not self.grams:
            return None
        if self._gram_parts is None:
            self._gram_parts = _segment_parts(self.grams)
        return self._gram_parts, codes

    def literal_candidates(self, text: str, limit: int = -1) -> I32:
        """Passages holding every character pair of `text` (a superset of those holding it);
        the first `limit` of them when it is not negative."""
        lookup = self._literal_lookup(text)
        return np.zeros(0, dtype=np.int32) if lookup is None else literal_candidates_in(*lookup, limit)

    def literal_holding(self, text: str, docs: I64) -> npt.NDArray[np.bool_]:
        """Which of `docs` are `literal_candidates(text)`, looked up for them alone."""
        lookup = self._literal_lookup(text)
        if lookup is None:
            return np.zeros(len(docs), dtype=bool)
        return literal_holding_in(*lookup, np.ascontiguousarray(docs, dtype=np.int64))

    def date_mask(self, start: date | None, end: date | None) -> Mask:
        return range_mask(self.days, self.earliest, start, end)

    def month_day_mask(self, month: int, day: int | None) -> Mask:
        return month_day_mask(self.days, self.earliest, month, day)

    # -- what hits show -------------------------------------------------------------
    @property
    def has_passages(self) -> bool:
        return self.stored is not None

    def _stored(self) -> Stored:
        if self.stored is None:
            raise IndexMissing("the index has no stored passages: run `python -m retrieval reindex`")
        return self.stored

    def article_ids(self, docs: I64) -> I64:
        return np.asarray(self._stored().article_ids[docs], dtype=np.int64)

    def passage_text(self, doc: int) -> str:
        return self._stored().texts[doc]

    def passage_title(self, doc: int) -> str:
        """The passage's whole headline (kicker, main title, sub-title) as one line."""
        return headline(*unpack_headline(self._stored().titles[doc]))

    def passage(self, doc: int) -> PassageRow:
        stored = self._stored()
        day, earliest = int(self.days[doc]), int(self.earliest[doc])
        kicker, title, subtitle = unpack_headline(stored.titles[doc])
        return PassageRow(
            id=int(self.passage_ids[doc]),
            article_id=int(stored.article_ids[doc]),
            text=stored.texts[doc],
            title=title,
            kicker=kicker,
            subtitle=subtitle,
            day=from_day_number(day),
            approximate=earliest < day,
            issue_day=from_day_number(int(stored.issue_days[doc])),
            paper=stored.papers[int(stored.paper_ids[doc])],
            page=int(stored.pages[doc]) or None,
        )
