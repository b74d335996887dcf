"""BM25 ranking with rank-bm25's BM25Okapi semantics, over postings instead of a scan.

rank-bm25 loops over every passage for every query token in Python; here each token's
posting list (passage numbers and term frequencies) is one slice of a flat array, and a
query touches only the postings of its tokens. A passage's score is computed with the
same formula, in the same float64 order of operations, as `BM25Okapi.get_scores`, and the
vocabulary keeps rank-bm25's first-appearance order (its average idf sums in that order),
so scores are bit-identical and the top 10 is the same (a test compares the two on random
corpora and the seeds).

Beside the words the index keeps:
- character-bigram postings for literal recall (a string found verbatim in the archive is
  findable whatever jieba made of it), as segments of sorted integer codes: adding an
  issue adds a segment and rewrites nothing;
- each passage's date as a day number (and the earliest possible day, for "近日"), so
  date filters are vector masks, not loops.

Building is vectorised per batch of passages (tokenised in worker processes by the
caller); everything is saved as .npy files plus a JSON header and loaded with
mmap_mode="r", so several processes share one on-disk index through the page cache.
"""

from __future__ import annotations

import json
import math
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from retrieval.errors import IndexMissing

K1 = 1.5
B = 0.75
EPSILON = 0.25
FORMAT = 5
EPOCH = date(1970, 1, 1).toordinal()
# Literal codes: a character pair is (first << 21) | second; a single character is (c << 21).
CODE_SHIFT = np.uint64(21)

I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
U64 = npt.NDArray[np.uint64]
F64 = npt.NDArray[np.float64]


def _map(path: Path) -> npt.NDArray[Any]:
    """A memory-mapped array as a plain ndarray view: no copy, and none of np.memmap's
    per-access overhead (which shows at thousands of element reads per query)."""
    return np.asarray(np.load(path, mmap_mode="r"))


def day_number(d: date) -> int:
    return d.toordinal() - EPOCH


def from_day_number(n: int) -> date:
    return date.fromordinal(n + EPOCH)


# -- literal codes ----------------------------------------------------------------------
def _char_class(arr: npt.NDArray[np.uint32]) -> npt.NDArray[np.int8]:
    """1 for CJK ideographs, 2 for ASCII letters and digits, 0 otherwise: a pair never
    spans two classes (`DeepSeek大` gives no pair across the boundary)."""
    cls = np.zeros(len(arr), dtype=np.int8)
    cls[(arr >= 0x4E00) & (arr <= 0x9FFF)] = 1
    cls[((arr >= 48) & (arr <= 57)) | ((arr >= 97) & (arr <= 122))] = 2
    return cls


def literal_codes(texts: Sequence[str], with_unigrams: bool) -> tuple[U64, I64]:
    """(code, document) pairs, unique per document, for normalised whitespace-free texts."""
    if not texts:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    joined = "\x00".join(texts)
    arr = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
    doc = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)[: len(arr)]
    cls = _char_class(arr)
    pair = (cls[:-1] != 0) & (cls[:-1] == cls[1:])
    idx = np.flatnonzero(pair)
    codes = [(arr[idx].astype(np.uint64) << CODE_SHIFT) | arr[idx + 1].astype(np.uint64)]
    docs = [doc[idx]]
    if with_unigrams:
        single = np.flatnonzero(cls != 0)
        codes.append(arr[single].astype(np.uint64) << CODE_SHIFT)
        docs.append(doc[single])
    code = np.concatenate(codes)
    owner = np.concatenate(docs)
    key = (owner.astype(np.uint64) << np.uint64(42)) | code  # document major, so unique is per document
    key.sort()
    key = key[np.concatenate(([True], key[1:] != key[:-1]))] if len(key) else key
    return key & np.uint64((1 << 42) - 1), (key >> np.uint64(42)).astype(np.int64)


def has_literal_codes(text: str) -> bool:
    """Whether `text` holds anything the literal index can look up (a CJK character or
    an ASCII letter or digit), i.e. whether it can be searched verbatim at all."""
    return bool(len(query_codes(text)))


def query_codes(text: str) -> U64:
    """Codes of a literal query: its pairs, or its single characters when it has none."""
    pairs, _ = literal_codes([text], with_unigrams=False)
    if len(pairs):
        return np.unique(pairs)
    singles, _ = literal_codes([text], with_unigrams=True)
    return np.unique(singles)


@dataclass
class GramSegment:
    """Literal postings of a run of passages: sorted codes → passage numbers."""

    codes: U64
    indptr: I64
    docs: I32

    @classmethod
    def build(cls, code: U64, doc: I64) -> GramSegment:
        order = np.lexsort((doc, code))
        code, doc = code[order], doc[order]
        uniq, starts = np.unique(code, return_index=True)
        indptr = np.append(starts, len(code)).astype(np.int64)
        return cls(uniq, indptr, doc.astype(np.int32))

    def docs_of(self, c: np.uint64) -> I32:
        i = int(np.searchsorted(self.codes, c))
        if i < len(self.codes) and self.codes[i] == c:
            return self.docs[self.indptr[i] : self.indptr[i + 1]]
        return np.zeros(0, dtype=np.int32)

    def save(self, folder: Path, name: str) -> None:
        np.save(folder / f"{name}.codes.npy", self.codes)
        np.save(folder / f"{name}.indptr.npy", self.indptr)
        np.save(folder / f"{name}.docs.npy", self.docs)

    @classmethod
    def load(cls, folder: Path, name: str) -> GramSegment:
        return cls(
            _map(folder / f"{name}.codes.npy"),
            _map(folder / f"{name}.indptr.npy"),
            _map(folder / f"{name}.docs.npy"),
        )


@dataclass
class Strings:
    """Many strings in one UTF-8 blob with offsets: memory-mapped, read one at a time."""

    blob: npt.NDArray[np.uint8]
    offsets: I64

    @classmethod
    def build(cls, values: Sequence[str]) -> Strings:
        encoded = [v.encode("utf-8") for v in values]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        np.cumsum([len(e) for e in encoded], out=offsets[1:])
        return cls(np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets)

    def __getitem__(self, i: int) -> str:
        return bytes(self.blob[self.offsets[i] : self.offsets[i + 1]]).decode("utf-8")

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def concat(self, other: Strings) -> Strings:
        return Strings(
            np.concatenate([np.asarray(self.blob), np.asarray(other.blob)]),
            np.concatenate([np.asarray(self.offsets[:-1]), np.asarray(other.offsets) + int(self.offsets[-1])]),
        )

    def save(self, folder: Path, name: str) -> None:
        np.save(folder / f"{name}.blob.npy", self.blob)
        np.save(folder / f"{name}.offsets.npy", self.offsets)

    @classmethod
    def load(cls, folder: Path, name: str) -> Strings:
        return cls(_map(folder / f"{name}.blob.npy"), _map(folder / f"{name}.offsets.npy"))


@dataclass
class Stored:
    """What a hit shows, kept beside the postings so a search needs no database round trip
    (the database stays the source of truth; this copy is rebuilt with the index)."""

    texts: Strings
    titles: Strings
    article_ids: I64
    issue_days: I32
    pages: I32  # 0: unknown
    paper_ids: I32
    papers: list[str]

    @classmethod
    def build(
        cls, texts: Sequence[str], titles: Sequence[str], article_ids: Sequence[int], issue_days: Sequence[int],
        pages: Sequence[int | None], papers: Sequence[str],
    ) -> Stored:
        names = list(dict.fromkeys(papers))
        index = {p: i for i, p in enumerate(names)}
        return cls(
            Strings.build(texts),
            Strings.build(titles),
            np.asarray(article_ids, dtype=np.int64),
            np.asarray(issue_days, dtype=np.int32),
            np.asarray([p or 0 for p in pages], dtype=np.int32),
            np.asarray([index[p] for p in papers], dtype=np.int32),
            names,
        )

    def concat(self, other: Stored) -> Stored:
        names = list(self.papers)
        for p in other.papers:
            if p not in names:
                names.append(p)
        remap = np.asarray([names.index(p) for p in other.papers] or [0], dtype=np.int32)
        return Stored(
            self.texts.concat(other.texts),
            self.titles.concat(other.titles),
            np.concatenate([self.article_ids, other.article_ids]),
            np.concatenate([self.issue_days, other.issue_days]),
            np.concatenate([self.pages, other.pages]),
            np.concatenate([self.paper_ids, remap[other.paper_ids] if len(other.paper_ids) else other.paper_ids]),
            names,
        )

    def save(self, folder: Path) -> None:
        self.texts.save(folder, "texts")
        self.titles.save(folder, "titles")
        np.save(folder / "article_ids.npy", self.article_ids)
        np.save(folder / "issue_days.npy", self.issue_days)
        np.save(folder / "pages.npy", self.pages)
        np.save(folder / "paper_ids.npy", self.paper_ids)
        (folder / "papers.json").write_text(json.dumps(self.papers, ensure_ascii=False), "utf-8")

    @classmethod
    def load(cls, folder: Path) -> Stored:
        return cls(
            Strings.load(folder, "texts"),
            Strings.load(folder, "titles"),
            _map(folder / "article_ids.npy"),
            _map(folder / "issue_days.npy"),
            _map(folder / "pages.npy"),
            _map(folder / "paper_ids.npy"),
            json.loads((folder / "papers.json").read_text("utf-8")),
        )


# -- encoded batches (what tokenising workers send back) ----------------------------------
@dataclass
class EncodedBatch:
    """A batch of passages as token ids of a batch-local vocabulary (first-appearance
    order) plus literal codes: cheap to send between processes."""

    vocab: list[str]
    ids: npt.NDArray[np.uint32]
    lengths: I64
    gram_codes: U64
    gram_docs: I64  # batch-local passage numbers

    @property
    def size(self) -> int:
        return len(self.lengths)


def encode(
    doc_tokens: Sequence[Sequence[str]],
    literal_texts: Sequence[str],
    with_unigrams: bool,
    keep: Callable[[str], bool] | None = None,
) -> EncodedBatch:
    """Token lists → ids. `keep` filters tokens once per distinct token (not per
    occurrence), which is most of the saving on a large batch."""
    local: dict[str, int] = {}
    ids: list[int] = []
    for toks in doc_tokens:
        ids.extend([local.setdefault(t, len(local)) for t in toks])
    raw_lengths = np.fromiter((len(t) for t in doc_tokens), dtype=np.int64, count=len(doc_tokens))
    vocab = list(local)
    id_array = np.asarray(ids, dtype=np.int64)
    lengths = raw_lengths
    if keep is not None and vocab:
        ok = np.fromiter((keep(t) for t in vocab), dtype=bool, count=len(vocab))
        occurrence_ok = ok[id_array]
        owner = np.repeat(np.arange(len(doc_tokens), dtype=np.int64), raw_lengths)
        lengths = np.bincount(owner[occurrence_ok], minlength=len(doc_tokens)).astype(np.int64)
        id_array = (np.cumsum(ok) - 1)[id_array[occurrence_ok]]
        vocab = [v for v, good in zip(vocab, ok.tolist(), strict=True) if good]
    codes, docs = literal_codes(literal_texts, with_unigrams)
    return EncodedBatch(vocab, id_array.astype(np.uint32), lengths, codes, docs)


@dataclass
class WordPostings:
    """term → (passage numbers ascending, term frequencies), CSR-style."""

    vocab: dict[str, int]
    indptr: I64
    docs: I32
    freqs: npt.NDArray[np.uint16]

    def df(self, term: str) -> int:
        t = self.vocab.get(term)
        return 0 if t is None else int(self.indptr[t + 1] - self.indptr[t])

    def docs_of(self, term: str) -> I32:
        t = self.vocab.get(term)
        if t is None:
            return np.zeros(0, dtype=np.int32)
        return self.docs[self.indptr[t] : self.indptr[t + 1]]


def _csr(terms: I64, docs: I64, freqs: I64, n_terms: int) -> tuple[I64, I32, npt.NDArray[np.uint16]]:
    """Rows sorted by term, stable (so passage numbers stay ascending within a term)."""
    order = np.argsort(terms, kind="stable")
    counts = np.bincount(terms, minlength=n_terms) if n_terms else np.zeros(0, dtype=np.int64)
    indptr = np.zeros(n_terms + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    return indptr, docs[order].astype(np.int32), np.minimum(freqs[order], 65535).astype(np.uint16)


class IndexBuilder:
    """Accumulates encoded batches in passage order and produces a `BM25Index`."""

    def __init__(self, vocab: dict[str, int] | None = None) -> None:
        self.vocab: dict[str, int] = dict(vocab or {})
        self.terms: list[I64] = []
        self.docs: list[I64] = []
        self.freqs: list[I64] = []
        self.segments: list[GramSegment] = []
        self.n = 0

    def add(self, batch: EncodedBatch) -> None:
        vocab = self.vocab
        mapping = np.fromiter(
            (vocab.setdefault(t, len(vocab)) for t in batch.vocab), dtype=np.int64, count=len(batch.vocab)
        )
        local_docs = np.repeat(np.arange(batch.size, dtype=np.int64), batch.lengths)
        if len(batch.ids):
            key = (mapping[batch.ids].astype(np.uint64) << np.uint64(32)) | local_docs.astype(np.uint64)
            key, tf = np.unique(key, return_counts=True)
            self.terms.append((key >> np.uint64(32)).astype(np.int64))
            self.docs.append((key & np.uint64(0xFFFFFFFF)).astype(np.int64) + self.n)
            self.freqs.append(tf.astype(np.int64))
        if len(batch.gram_codes):
            self.segments.append(GramSegment.build(batch.gram_codes, batch.gram_docs + self.n))
        self.n += batch.size

    def postings(self) -> tuple[I64, I64, I64]:
        if not self.terms:
            z = np.zeros(0, dtype=np.int64)
            return z, z, z
        return np.concatenate(self.terms), np.concatenate(self.docs), np.concatenate(self.freqs)


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
    ) -> None:
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
        self._idf: F64 = idf if idf is not None else self._compute_idf()
        self._norm: F64 = (
            K1 * (1 - B + B * np.asarray(self.doc_len, dtype=np.float64) / self.avgdl) if self.n else np.zeros(0)
        )

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
    ) -> BM25Index:
        """Tokens in more than half the passages are dropped before anything is counted:
        BM25Okapi would give them a floor idf that grows with the archive. (`common`
        fixes the dropped set, for an index extended without a full rebuild.)"""
        n = builder.n
        terms, docs, freqs = builder.postings()
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
        indptr, sdocs, sfreqs = _csr(terms, docs, freqs, len(vocab))
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
        return cls(
            WordPostings(vocab, indptr, sdocs, sfreqs),
            builder.segments,
            doc_len,
            np.asarray(days, dtype=np.int32),
            np.asarray(earliest, dtype=np.int32),
            np.asarray(passage_ids, dtype=np.int64),
            head,
            stored=stored,
        )

    def extend(
        self, batch: EncodedBatch, days: Sequence[int], earliest: Sequence[int], passage_ids: Sequence[int],
        header: dict[str, object], stored: Stored | None = None,
    ) -> BM25Index:
        """A new index with `batch` appended: the old passages are not tokenised again.
        Their postings are merged with the new ones; literal segments are reused as they are."""
        builder = IndexBuilder(self.words.vocab)
        builder.n = self.n
        old_terms = np.repeat(np.arange(len(self.words.vocab), dtype=np.int64), np.diff(self.words.indptr))
        builder.terms.append(old_terms)
        builder.docs.append(np.asarray(self.words.docs, dtype=np.int64))
        builder.freqs.append(np.asarray(self.words.freqs, dtype=np.int64))
        builder.segments = list(self.grams)
        builder.add(batch)
        return BM25Index.from_builder(
            builder,
            np.concatenate([self.days, np.asarray(days, dtype=np.int32)]),
            np.concatenate([self.earliest, np.asarray(earliest, dtype=np.int32)]),
            np.concatenate([self.passage_ids, np.asarray(passage_ids, dtype=np.int64)]),
            header,
            common=self.common,
            stored=self.stored.concat(stored) if self.stored is not None and stored is not None else None,
        )

    def _compute_idf(self) -> F64:
        """rank_bm25.BM25Okapi._calc_idf, term by term in vocabulary order."""
        n = self.n
        values = [math.log(n - f + 0.5) - math.log(f + 0.5) for f in np.diff(np.asarray(self.words.indptr)).tolist()]
        idf = np.asarray(values, dtype=np.float64)
        if values:
            total = 0.0
            for v in values:  # sequential, as rank-bm25 sums them
                total += v
            idf[idf < 0] = EPSILON * (total / len(values))
        return idf

    # -- persistence ----------------------------------------------------------------
    def save(self, folder: Path) -> None:
        """Write into a fresh sibling folder and swap it in: readers that mapped the old
        files keep them until they reload."""
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = folder.with_name(folder.name + ".new")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        np.save(tmp / "words.indptr.npy", self.words.indptr)
        np.save(tmp / "words.docs.npy", self.words.docs)
        np.save(tmp / "words.freqs.npy", self.words.freqs)
        (tmp / "words.vocab.json").write_text(json.dumps(list(self.words.vocab), ensure_ascii=False), "utf-8")
        for i, seg in enumerate(self.grams):
            seg.save(tmp, f"grams{i:04d}")
        np.save(tmp / "doc_len.npy", self.doc_len)
        np.save(tmp / "days.npy", self.days)
        np.save(tmp / "earliest.npy", self.earliest)
        np.save(tmp / "passage_ids.npy", self.passage_ids)
        np.save(tmp / "idf.npy", self._idf)
        if self.stored is not None:
            self.stored.save(tmp)
        head = dict(self.header, segments=len(self.grams), stored=self.stored is not None)
        (tmp / "header.json").write_text(json.dumps(head, ensure_ascii=False), "utf-8")
        old = folder.with_name(folder.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if folder.exists():
            folder.rename(old)
        tmp.rename(folder)
        shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path) -> BM25Index:
        header_path = folder / "header.json"
        if not header_path.exists():
            raise IndexMissing(f"no search index in {folder}: run `python -m retrieval ingest` first")
        header = json.loads(header_path.read_text("utf-8"))
        if header.get("format") != FORMAT:
            raise IndexMissing(f"the index in {folder} has an old format: run `python -m retrieval reindex`")
        terms = json.loads((folder / "words.vocab.json").read_text("utf-8"))
        words = WordPostings(
            dict(zip(terms, range(len(terms)), strict=True)),
            _map(folder / "words.indptr.npy"),
            _map(folder / "words.docs.npy"),
            _map(folder / "words.freqs.npy"),
        )
        grams = [GramSegment.load(folder, f"grams{i:04d}") for i in range(int(header.get("segments", 0)))]
        return cls(
            words,
            grams,
            _map(folder / "doc_len.npy"),
            _map(folder / "days.npy"),
            _map(folder / "earliest.npy"),
            _map(folder / "passage_ids.npy"),
            header,
            np.load(folder / "idf.npy"),
            Stored.load(folder) if header.get("stored") else None,
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
            docs = self.words.docs[lo:hi]
            tf = self.words.freqs[lo:hi].astype(np.float64)
            scores[docs] += self._idf[t] * (tf * (K1 + 1) / (tf + self._norm[docs]))
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

        Exact, with MaxScore pruning: terms are taken rarest first; once the best a passage
        could still gain from the terms left is below the k-th best score so far, those
        common terms (the long posting lists) can no longer bring in a new passage, and are
        only looked up for the candidates found. The candidates' scores are then computed
        term by term in query order, exactly as BM25Okapi adds them."""
        ids = {t: self.words.vocab[t] for t in dict.fromkeys(query) if t in self.words.vocab}
        boost_idx = np.fromiter(boost.keys(), dtype=np.int64, count=len(boost)) if boost else None
        boost_val = np.fromiter(boost.values(), dtype=np.float64, count=len(boost)) if boost else None
        if not ids and boost_idx is None:
            return []
        times = {t: list(query).count(t) for t in ids}
        bound = {t: times[t] * float(self._idf[i]) * (K1 + 1) for t, i in ids.items()}
        candidates: I64 | None = None
        if ids and min(float(self._idf[i]) for i in ids.values()) >= 0:
            candidates = self._prune(ids, bound, k, allowed, boost_idx, boost_val)
        if candidates is None or len(candidates) * 16 > self.n:  # no pruning: score every posting
            scores = self.scores(query)
            lists = [self.words.docs_of(t) for t in ids]
            if boost_idx is not None and boost_val is not None:
                scores[boost_idx] += boost_val
                lists.append(boost_idx.astype(np.int32))
            candidates = self._union(lists)
            if allowed is not None:
                candidates = candidates[allowed[candidates]]
            exact = scores[candidates]
        else:
            exact = self.scores_of(query, candidates)
            if boost_idx is not None and boost_val is not None:
                at = np.searchsorted(candidates, boost_idx)
                inside = (at < len(candidates)) & (candidates[np.minimum(at, len(candidates) - 1)] == boost_idx)
                exact[at[inside]] += boost_val[inside]
        if len(candidates) > k:
            part = np.argpartition(-exact, k - 1)[:k]
            kth = exact[part].min()
            keep = exact >= kth  # keep ties at the cut
            candidates, exact = candidates[keep], exact[keep]
        order = sorted(range(len(candidates)), key=lambda i: (-exact[i], int(candidates[i])))[:k]
        return [(int(candidates[i]), float(exact[i])) for i in order]

    def _union(self, lists: list[I32]) -> I64:
        total = sum(len(x) for x in lists)
        if total * 8 < self.n:  # few postings: merge them rather than scan every passage
            return np.unique(np.concatenate(lists)).astype(np.int64) if total else np.zeros(0, dtype=np.int64)
        touched = np.zeros(self.n, dtype=bool)
        for x in lists:
            touched[x] = True
        return np.flatnonzero(touched)

    def _prune(
        self,
        ids: dict[str, int],
        bound: dict[str, float],
        k: int,
        allowed: npt.NDArray[np.bool_] | None,
        boost_idx: I64 | None,
        boost_val: F64 | None,
    ) -> I64 | None:
        """Candidate passages that can reach the top k (sorted), or None when pruning does
        not pay (the common terms had to be read whole anyway)."""
        order = sorted(ids, key=lambda t: -bound[t])  # rarest (highest bound) first
        remaining = sum(bound.values())
        lists: list[I32] = []
        if boost_idx is not None and boost_val is not None:
            lists.append(boost_idx.astype(np.int32))
        acc = np.zeros(0, dtype=np.int64)
        acc_score = np.zeros(0, dtype=np.float64)
        for t in order:
            if lists and len(acc) >= k:
                pool = acc_score if allowed is None else acc_score[allowed[acc]]
                if len(pool) >= k and remaining < float(np.partition(pool, len(pool) - k)[len(pool) - k]):
                    break  # the terms left cannot lift a passage not seen yet into the top k
            i = ids[t]
            lo, hi = int(self.words.indptr[i]), int(self.words.indptr[i + 1])
            if (hi - lo) * 16 > self.n:
                return None  # a common term must be read whole: score densely instead
            docs = self.words.docs[lo:hi]
            tf = self.words.freqs[lo:hi].astype(np.float64)
            contrib = bound[t] / (K1 + 1) * (tf * (K1 + 1) / (tf + self._norm[docs]))
            lists.append(docs)
            merged = np.concatenate([acc, docs.astype(np.int64)])
            values = np.concatenate([acc_score, contrib])
            acc, inverse = np.unique(merged, return_inverse=True)
            acc_score = np.bincount(inverse, weights=values, minlength=len(acc)).astype(np.float64)
            remaining -= bound[t]
        if boost_idx is not None and boost_val is not None:
            acc = np.unique(np.concatenate([acc, boost_idx]))
        if allowed is not None:
            acc = acc[allowed[acc]]
        return acc

    def scores_of(self, query: Sequence[str], docs: I64) -> F64:
        """BM25Okapi scores of the given (sorted) passages only, term by term in query order:
        the same float64 operations, in the same order, as `scores`."""
        scores = np.zeros(len(docs), dtype=np.float64)
        for term in query:
            t = self.words.vocab.get(term)
            if t is None or not len(docs):
                continue
            lo, hi = int(self.words.indptr[t]), int(self.words.indptr[t + 1])
            postings = self.words.docs[lo:hi]
            pos = np.searchsorted(postings, docs)
            inside = pos < len(postings)
            inside[inside] = postings[pos[inside]] == docs[inside]
            tf = self.words.freqs[lo + pos[inside]].astype(np.float64)
            scores[inside] += self._idf[t] * (tf * (K1 + 1) / (tf + self._norm[docs[inside]]))
        return scores

    def holds(self, term: str, docs: I64) -> npt.NDArray[np.bool_]:
        """Which of `docs` hold `term` (binary search in its sorted posting list)."""
        postings = self.words.docs_of(term)
        if not len(postings) or not len(docs):
            return np.zeros(len(docs), dtype=bool)
        pos = np.searchsorted(postings, docs)
        pos[pos >= len(postings)] = len(postings) - 1
        return np.asarray(postings[pos] == docs)

    def literal_candidates(self, text: str) -> I32:
        """Passages holding every character pair of `text` (a superset of those holding it)."""
        codes = query_codes(text)
        if not len(codes):
            return np.zeros(0, dtype=np.int32)
        found: list[I32] = []
        for seg in self.grams:
            lists = sorted((seg.docs_of(c) for c in codes), key=len)
            result = np.asarray(lists[0])
            for other in lists[1:]:
                if not len(result):
                    break
                result = np.intersect1d(result, other, assume_unique=True)
            if len(result):
                found.append(result.astype(np.int32))
        return np.concatenate(found) if found else np.zeros(0, dtype=np.int32)

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
        span = int((np.asarray(self.days) - np.asarray(self.earliest)).max()) if self.n else 0
        for back in range(span + 1):
            day_numbers = np.asarray(self.days, dtype=np.int64) - back
            inside = day_numbers >= self.earliest
            dates = day_numbers.astype("datetime64[D]")
            months = dates.astype("datetime64[M]").astype(np.int64) % 12 + 1
            hit = inside & (months == month)
            if day is not None:
                days = (dates - dates.astype("datetime64[M]")).astype(np.int64) + 1
                hit &= days == day
            mask |= hit
        return mask


# Small archives index single characters too, so a one-character literal (`接、`) is found;
# at scale their postings would be the largest part of the index for almost no use.
UNIGRAM_LIMIT = 50_000

