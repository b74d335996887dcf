"""Literal recall: which passages can hold a string verbatim, whatever jieba made of it.

Each passage's normalised, whitespace-free title + text is reduced to integer codes, one
per character pair (`(first << 21) | second`) and, in small archives, one per character
(`c << 21`). A pair never spans two classes of character (CJK, ASCII alphanumerics), so
`DeepSeek大` gives no pair across the boundary. Codes are kept in segments (one per build
or extension, sorted code → passage numbers): adding an issue adds a segment and
rewrites nothing. A query string's candidates are the passages holding all its codes, a
superset of those holding the string, which search then verifies.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from retrieval.index.packed import PARTS, PackedLists

CODE_SHIFT = np.uint64(21)
# Small archives index single characters too, so a one-character literal (`接、`) is found;
# at scale their postings would be the largest part of the index for almost no use.
UNIGRAM_LIMIT = 50_000

I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
U64 = npt.NDArray[np.uint64]
U8 = npt.NDArray[np.uint8]


def _char_class(arr: npt.NDArray[np.uint32]) -> npt.NDArray[np.int8]:
    """1 for CJK ideographs, 2 for ASCII letters and digits, 0 otherwise."""
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


def _class_of(ch: str) -> int:
    """`_char_class` of one character."""
    if "\u4e00" <= ch <= "\u9fff":
        return 1
    return 2 if "0" <= ch <= "9" or "a" <= ch <= "z" else 0


def query_codes(text: str) -> U64:
    """Codes of a literal query: its pairs, or its single characters when it has none.
    (A query is a few characters: plain Python, where NumPy would spend more on setting
    up its arrays than on the work; the same codes as `literal_codes`, a test checks.)"""
    classes = [_class_of(ch) for ch in text]
    shift = int(CODE_SHIFT)
    pairs = {(ord(text[i]) << shift) | ord(text[i + 1])
             for i in range(len(text) - 1) if classes[i] and classes[i] == classes[i + 1]}
    if not pairs:
        pairs = {ord(ch) << shift for ch, c in zip(text, classes, strict=True) if c}
    return np.asarray(sorted(pairs), dtype=np.uint64)


def has_literal_codes(text: str) -> bool:
    """Whether `text` holds anything the literal index can look up (a CJK character or
    an ASCII letter or digit), i.e. whether it can be searched verbatim at all."""
    return bool(len(query_codes(text)))


GRAM_PARTS = ("codes", *PARTS)  # a segment's files: its codes, then its packed lists'


@dataclass
class GramSegment:
    """Literal postings of a run of passages: sorted codes → passage numbers (packed)."""

    codes: U64
    lists: PackedLists

    @classmethod
    def build(cls, code: U64, doc: I64) -> GramSegment:
        order = np.lexsort((doc, code))
        code, doc = code[order], doc[order]
        uniq, starts = np.unique(code, return_index=True)
        indptr = np.append(starts, len(code)).astype(np.int64)
        return cls(uniq.astype(np.uint64), PackedLists.pack(indptr, doc))

    def parts(self) -> tuple[U64, I64, I64, I32, U8, I64, U8]:
        """The arrays the compiled lookup takes (`kernel.gram_candidates`)."""
        return (self.codes, *self.lists.parts())

    def docs_of(self, c: np.uint64) -> I32:
        i = int(np.searchsorted(self.codes, c))
        if i < len(self.codes) and self.codes[i] == c:
            return self.lists.of(i)
        return np.zeros(0, dtype=np.int32)
