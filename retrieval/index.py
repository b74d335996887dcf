"""BM25 ranking with rank-bm25's BM25Okapi semantics, over postings instead of a scan.

rank-bm25 loops over every passage for every query token in Python; here each
token's posting list (passage numbers and term frequencies) is stored in one flat
array per field, and a query touches only the postings of its tokens. The score of
a passage is computed with the same formula, in the same float64 order of
operations, as `BM25Okapi.get_scores`, so the ranking is the same (a test compares
the two on random corpora and the seeds).

The index also keeps character-bigram postings (literal recall: a string found
verbatim in the archive must be findable whatever jieba made of it) and each
passage's date as a day number, so date filters are a vector mask, not a loop.

Everything is saved as .npy files plus a small JSON header and loaded with
mmap_mode="r": several processes share one on-disk index through the page cache.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import numpy.typing as npt

from retrieval.errors import IndexMissing

K1 = 1.5
B = 0.75
EPSILON = 0.25
FORMAT = 3
EPOCH = date(1970, 1, 1).toordinal()

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


def day_number(d: date) -> int:
    return d.toordinal() - EPOCH


@dataclass
class Postings:
    """A CSR-like map term → (doc numbers, frequencies)."""

    vocab: dict[str, int]
    indptr: npt.NDArray[np.int64]
    docs: npt.NDArray[np.int32]
    freqs: npt.NDArray[np.uint16] | None

    @classmethod
    def build(cls, docs_terms: Sequence[Sequence[str]], with_freqs: bool) -> Postings:
        vocab: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        vals: list[int] = []
        for d, terms in enumerate(docs_terms):
            for term, tf in Counter(terms).items():
                t = vocab.setdefault(term, len(vocab))
                rows.append(t)
                cols.append(d)
                vals.append(tf)
        r = np.asarray(rows, dtype=np.int64)
        order = np.argsort(r, kind="stable")  # docs stay ascending within a term
        counts = np.bincount(r, minlength=len(vocab)) if len(vocab) else np.zeros(0, dtype=np.int64)
        indptr = np.zeros(len(vocab) + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        docs = np.asarray(cols, dtype=np.int32)[order]
        freqs = np.minimum(np.asarray(vals, dtype=np.int64)[order], 65535).astype(np.uint16) if with_freqs else None
        return cls(vocab, indptr, docs, freqs)

    def df(self, term: str) -> int:
        t = self.vocab.get(term)
        return 0 if t is None else int(self.indptr[t + 1] - self.indptr[t])

    def docs_of(self, term: str) -> npt.NDArray[np.int32]:
        t = self.vocab.get(term)
        if t is None:
            return np.zeros(0, dtype=np.int32)
        return self.docs[self.indptr[t] : self.indptr[t + 1]]

    def save(self, folder: Path, name: str) -> None:
        np.save(folder / f"{name}.indptr.npy", self.indptr)
        np.save(folder / f"{name}.docs.npy", self.docs)
        if self.freqs is not None:
            np.save(folder / f"{name}.freqs.npy", self.freqs)
        (folder / f"{name}.vocab.json").write_text(json.dumps(list(self.vocab), ensure_ascii=False), "utf-8")

    @classmethod
    def load(cls, folder: Path, name: str, with_freqs: bool) -> Postings:
        terms = json.loads((folder / f"{name}.vocab.json").read_text("utf-8"))
        return cls(
            {t: i for i, t in enumerate(terms)},
            np.load(folder / f"{name}.indptr.npy", mmap_mode="r"),
            np.load(folder / f"{name}.docs.npy", mmap_mode="r"),
            np.load(folder / f"{name}.freqs.npy", mmap_mode="r") if with_freqs else None,
        )


class BM25Index:
    """Passages as BM25Okapi sees them, plus literal bigrams and dates."""

    def __init__(
        self,
        words: Postings,
        bigrams: Postings,
        doc_len: npt.NDArray[np.int32],
        days: npt.NDArray[np.int32],
        passage_ids: npt.NDArray[np.int64],
        header: dict[str, object],
        earliest: npt.NDArray[np.int32] | None = None,
    ) -> None:
        self.words = words
        self.bigrams = bigrams
        self.doc_len = doc_len
        self.days = days
        # an approximate date ("近日") is a span: earliest possible day … the given day
        self.earliest = earliest if earliest is not None else days
        self.passage_ids = passage_ids
        self.header = header
        self.n = len(doc_len)
        self.avgdl = float(header["avgdl"]) if self.n else 0.0  # type: ignore[arg-type]
        self._idf = self._compute_idf()
        self._norm = (K1 * (1 - B + B * self.doc_len.astype(np.float64) / self.avgdl)) if self.n else np.zeros(0)

    # -- building -------------------------------------------------------------------
    @classmethod
    def build(
        cls,
        doc_tokens: Sequence[Sequence[str]],
        doc_bigrams: Sequence[Sequence[str]],
        days: Sequence[int],
        passage_ids: Sequence[int],
        header: dict[str, object] | None = None,
        earliest: Sequence[int] | None = None,
    ) -> BM25Index:
        """Tokens in more than half the passages are dropped before anything is counted:
        BM25Okapi would give them a floor idf that grows with the archive."""
        n = len(doc_tokens)
        df: Counter[str] = Counter()
        for toks in doc_tokens:
            df.update(set(toks))
        common = {t for t, c in df.items() if c * 2 > n} if n >= 20 else set()
        kept = [[t for t in toks if t not in common] for toks in doc_tokens]
        words = Postings.build(kept, with_freqs=True)
        bigrams = Postings.build(doc_bigrams, with_freqs=False)
        doc_len = np.asarray([len(k) for k in kept], dtype=np.int32)
        head = dict(header or {})
        head.update(
            {
                "format": FORMAT,
                "passages": n,
                "avgdl": float(doc_len.sum()) / n if n else 0.0,
                "dropped_common": sorted(common),
            }
        )
        return cls(
            words,
            bigrams,
            doc_len,
            np.asarray(days, dtype=np.int32),
            np.asarray(passage_ids, dtype=np.int64),
            head,
            np.asarray(earliest if earliest is not None else days, dtype=np.int32),
        )

    def _compute_idf(self) -> Floats:
        """rank_bm25.BM25Okapi._calc_idf, term by term in vocabulary order."""
        dfs = np.diff(self.words.indptr).astype(np.float64)
        idf = np.array([math.log(self.n - f + 0.5) - math.log(f + 0.5) for f in dfs], dtype=np.float64)
        if len(idf):
            average = float(sum(idf.tolist())) / len(idf)
            idf[idf < 0] = EPSILON * average
        return idf

    # -- persistence ----------------------------------------------------------------
    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder.with_name(folder.name + ".tmp")
        tmp.mkdir(parents=True, exist_ok=True)
        self.words.save(tmp, "words")
        self.bigrams.save(tmp, "bigrams")
        np.save(tmp / "doc_len.npy", self.doc_len)
        np.save(tmp / "days.npy", self.days)
        np.save(tmp / "earliest.npy", self.earliest)
        np.save(tmp / "passage_ids.npy", self.passage_ids)
        (tmp / "header.json").write_text(json.dumps(self.header, ensure_ascii=False), "utf-8")
        # replace file by file: readers that mapped the old files keep them (unlinked inodes)
        for f in tmp.iterdir():
            f.replace(folder / f.name)
        tmp.rmdir()

    @classmethod
    def load(cls, folder: Path) -> BM25Index:
        header_path = folder / "header.json"
        if not header_path.exists():
            raise IndexMissing(f"no search index in {folder}: run `python -m retrieval ingest` first")
        header = json.loads(header_path.read_text("utf-8"))
        if header.get("format") != FORMAT:
            raise IndexMissing(f"the index in {folder} has an old format: run `python -m retrieval reindex`")
        return cls(
            Postings.load(folder, "words", with_freqs=True),
            Postings.load(folder, "bigrams", with_freqs=False),
            np.load(folder / "doc_len.npy", mmap_mode="r"),
            np.load(folder / "days.npy", mmap_mode="r"),
            np.load(folder / "passage_ids.npy", mmap_mode="r"),
            header,
            np.load(folder / "earliest.npy", mmap_mode="r"),
        )

    # -- querying -------------------------------------------------------------------
    def idf(self, term: str) -> float:
        t = self.words.vocab.get(term)
        return 0.0 if t is None else float(self._idf[t])

    def scores(self, query: Sequence[str]) -> Floats:
        """BM25Okapi scores of every passage (the reference semantics, for tests and eval)."""
        scores = np.zeros(self.n, dtype=np.float64)
        self._accumulate(scores, query)
        return scores

    def _accumulate(self, scores: Floats, query: Sequence[str]) -> None:
        for term in query:  # repeated query tokens count again, as in rank-bm25
            t = self.words.vocab.get(term)
            if t is None:
                continue
            lo, hi = int(self.words.indptr[t]), int(self.words.indptr[t + 1])
            docs = self.words.docs[lo:hi]
            assert self.words.freqs is not None
            tf = self.words.freqs[lo:hi].astype(np.float64)
            scores[docs] += self._idf[t] * (tf * (K1 + 1) / (tf + self._norm[docs]))

    def top(
        self,
        query: Sequence[str],
        k: int,
        allowed: npt.NDArray[np.bool_] | None = None,
        boost: dict[int, float] | None = None,
    ) -> list[tuple[int, float]]:
        """The k best (doc number, score), score descending, then doc number ascending.
        `allowed` masks passages out (date filters); `boost` adds to chosen passages."""
        scores = self.scores(query)
        touched = [self.words.docs_of(t) for t in set(query)]
        if boost:
            idx = np.fromiter(boost.keys(), dtype=np.int64)
            scores[idx] += np.fromiter(boost.values(), dtype=np.float64)
            touched.append(idx.astype(np.int32))
        # candidates: passages holding a query token (in a tiny archive every idf can be
        # negative under BM25Okapi, so "score > 0" would hide real matches)
        candidates = np.unique(np.concatenate(touched)) if touched else np.zeros(0, dtype=np.int32)
        if allowed is not None:
            candidates = candidates[allowed[candidates]]
        if len(candidates) > k:
            part = np.argpartition(-scores[candidates], k - 1)[:k]
            kth = scores[candidates[part]].min()
            candidates = candidates[scores[candidates] >= kth]  # keep ties at the cut
        order = sorted(candidates.tolist(), key=lambda d: (-scores[d], d))[:k]
        return [(d, float(scores[d])) for d in order]

    def literal_candidates(self, grams: set[str]) -> npt.NDArray[np.int32]:
        """Passages that contain every given bigram (a superset of those containing the string)."""
        lists = sorted((self.bigrams.docs_of(g) for g in grams), key=len)
        if not lists:
            return np.zeros(0, dtype=np.int32)
        result = np.asarray(lists[0])
        for other in lists[1:]:
            if not len(result):
                break
            result = np.intersect1d(result, other, assume_unique=True)
        return result

    def date_mask(self, start: date | None, end: date | None) -> npt.NDArray[np.bool_]:
        mask = np.ones(self.n, dtype=bool)
        if start is not None:
            mask &= self.days >= day_number(start)
        if end is not None:
            mask &= self.earliest <= day_number(end)
        return mask

    def month_day_mask(self, month: int, day: int | None) -> npt.NDArray[np.bool_]:
        """Passages whose date (or span, for approximate dates) falls on a calendar month
        (and day) in any year."""
        mask = np.zeros(self.n, dtype=bool)
        span = int((self.days - self.earliest).max()) if self.n else 0
        for back in range(span + 1):
            day_numbers = self.days.astype(np.int64) - back
            inside = day_numbers >= self.earliest
            dates = day_numbers.astype("datetime64[D]")
            months = dates.astype("datetime64[M]").astype(np.int64) % 12 + 1
            hit = inside & (months == month)
            if day is not None:
                days = (dates - dates.astype("datetime64[M]")).astype(np.int64) + 1
                hit &= days == day
            mask |= hit
        return mask
