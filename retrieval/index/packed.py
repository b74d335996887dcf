"""Posting lists packed in blocks: the word postings' and the literal segments' passage numbers.

A list is cut into blocks of `BLOCK` passage numbers (ascending). A block keeps its first
number whole (`heads`: what a lookup gallops over to find the block that may hold a
passage) and the gaps after it bit-packed at the width of the block's largest gap
(`widths`, bits), from a byte boundary (`offsets`, bytes into `data`). Gaps in a common
word's list are small, a rare word's list is short: in the 1M-passage benchmark archive a
word posting takes ~1.2 bytes and a literal one ~1.4 instead of 4 (file sizes read by hand;
the benchmark prints the whole index's, 741 MB against 1,777 unpacked). The lists' own counts stay as CSR
(`indptr`), so a posting's place (its term frequency) is still its index.

    PackedLists.pack(indptr, docs) ─► kernel.pack ─► heads, widths, offsets, data
    kernel.unpack / kernel._unpack_block ◄── the compiled loops read them back
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt

BLOCK = 128

I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
U8 = npt.NDArray[np.uint8]

PARTS = ("indptr", "heads", "widths", "offsets", "data")  # the files of packed lists, in field order
DTYPES = (np.int64, np.int32, np.uint8, np.int64, np.uint8)


def block_starts(indptr: I64) -> I64:
    """Each list's first block (and the total at the end), from the lists' counts."""
    from retrieval.index.kernel import block_starts as starts

    return starts(np.ascontiguousarray(indptr, dtype=np.int64))


def pack_blocks(indptr: I64, docs: npt.NDArray[np.integer]) -> tuple[I32, U8, I64, U8]:
    """(heads, bit widths, bytes per block, packed gaps) of lists given as CSR (`kernel.pack`)."""
    from retrieval.index.kernel import pack

    indptr = np.ascontiguousarray(indptr, dtype=np.int64)
    return pack(indptr, block_starts(indptr), np.ascontiguousarray(docs, dtype=np.int64))


@dataclass
class PackedLists:
    """Ascending lists of passage numbers, packed (see the module docstring)."""

    indptr: I64
    heads: I32
    widths: U8
    offsets: I64  # byte offset of each block's gaps in `data` (one more: the total)
    data: U8

    @classmethod
    def pack(cls, indptr: I64, docs: npt.NDArray[np.integer]) -> PackedLists:
        heads, widths, sizes, data = pack_blocks(indptr, docs)
        offsets = np.zeros(len(sizes) + 1, dtype=np.int64)
        np.cumsum(sizes, out=offsets[1:])
        return cls(np.asarray(indptr, dtype=np.int64), heads, widths, offsets, data)

    @cached_property
    def blocks(self) -> I64:
        """Each list's first block (`block_starts`; computed on load, not saved)."""
        return block_starts(self.indptr)

    def parts(self) -> tuple[I64, I64, I32, U8, I64, U8]:
        """(indptr, blocks, heads, widths, offsets, data): what the compiled loops take."""
        return (self.indptr, self.blocks, self.heads, self.widths, self.offsets, self.data)

    def lists(self, first: int, last: int) -> I32:
        """The passage numbers of lists first … last-1, one after another."""
        from retrieval.index.kernel import unpack

        return unpack(*self.parts(), first, last)

    def of(self, i: int) -> I32:
        """List i."""
        return self.lists(i, i + 1)

    def holding(self, i: int, docs: I64) -> npt.NDArray[np.bool_]:
        """Which of `docs` list i holds (unpacking only the blocks they fall in)."""
        from retrieval.index.kernel import holding

        return holding(*self.parts(), i, np.ascontiguousarray(docs, dtype=np.int64))

    def __len__(self) -> int:
        return len(self.indptr) - 1
