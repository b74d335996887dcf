"""Word postings: term → (passage numbers ascending, term frequencies), built in batches.

Workers tokenise batches of passages and send back `EncodedBatch`es (token ids of a
batch-local vocabulary plus literal codes: cheap to pickle); `IndexBuilder` merges them in
passage order into one global vocabulary in first-appearance order (the order BM25Okapi's
average idf is summed in), and `WordPostings` holds the result as CSR arrays.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from retrieval.index.literal import GramSegment, literal_codes
from retrieval.index.packed import PackedLists

I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
U64 = npt.NDArray[np.uint64]


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
    """term → (passage numbers ascending, packed; term frequencies, one per posting in the
    same order: posting p of term t is `freqs[indptr[t] + p]`)."""

    vocab: dict[str, int]
    lists: PackedLists
    freqs: npt.NDArray[np.unsignedinteger[Any]]  # uint8 or uint16 (`freq_dtype`)

    @property
    def indptr(self) -> I64:
        return self.lists.indptr

    def df(self, term: str) -> int:
        t = self.vocab.get(term)
        return 0 if t is None else int(self.indptr[t + 1] - self.indptr[t])

    def docs_of(self, term: str) -> I32:
        t = self.vocab.get(term)
        if t is None:
            return np.zeros(0, dtype=np.int32)
        return self.lists.of(t)


def freq_dtype(max_tf: int) -> np.dtype[Any]:
    """The narrowest type for term frequencies up to `max_tf`: one byte holds every word
    of a news archive's passages (a passage is a few hundred characters); two bytes
    otherwise (counts above 65535 are capped, as they always were). `max_tf` is taken
    over every term, dropped common words included, so that an extension (which no longer
    sees those) chooses as a rebuild would: wide once anything needed it."""
    return np.dtype(np.uint8 if max_tf <= 255 else np.uint16)


def _csr(terms: I64, docs: I64, freqs: I64, n_terms: int, dtype: np.dtype[Any]) -> tuple[I64, I32, npt.NDArray[Any]]:
    """Rows sorted by term, stable (so passage numbers stay ascending within a term)."""
    order = np.argsort(terms, kind="stable")
    counts = np.bincount(terms, minlength=n_terms) if n_terms else np.zeros(0, dtype=np.int64)
    indptr = np.zeros(n_terms + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    return indptr, docs[order].astype(np.int32), np.minimum(freqs[order], 65535).astype(dtype)


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
