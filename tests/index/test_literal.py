"""Packed posting lists (`packed.PackedLists`, `kernel.pack`/`unpack`) and the literal lookup
over them (`kernel.gram_candidates`): lists long enough to span many blocks, with gaps of
every width, read back exactly."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval.index.engine import _segment_parts, literal_candidates_in
from retrieval.index.kernel import _unpack_block, _words
from retrieval.index.literal import GramSegment
from retrieval.index.packed import BLOCK, PackedLists, block_starts

# gaps of each packed width: 1 byte, 2 bytes, 4 bytes
_GAP = st.one_of(st.integers(1, 255), st.integers(256, 65_535), st.integers(65_536, 40_000_000))


@st.composite
def _lists(draw: st.DrawFn) -> list[list[int]]:
    """A few ascending posting lists, their lengths around block boundaries."""
    out = []
    for _ in range(draw(st.integers(1, 5))):
        n = draw(st.sampled_from([1, 2, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK, 3 * BLOCK + 7]))
        dense = draw(st.booleans())  # a common code: small gaps throughout
        gaps = draw(st.lists(st.integers(1, 3) if dense else _GAP, min_size=n, max_size=n))
        start = draw(st.integers(0, 1000))
        out.append(list(np.cumsum([start, *gaps[1:]])))
    return out


def _segment(lists: list[list[int]]) -> GramSegment:
    codes = np.arange(1, len(lists) + 1, dtype=np.uint64) * 7
    indptr = np.zeros(len(lists) + 1, dtype=np.int64)
    np.cumsum([len(x) for x in lists], out=indptr[1:])
    return GramSegment(codes, PackedLists.pack(indptr, np.concatenate([np.asarray(x, dtype=np.int64) for x in lists])))


@settings(max_examples=150, deadline=None)
@given(_lists())
def test_packed_lists_unpack_to_what_was_packed(lists: list[list[int]]) -> None:
    seg = _segment(lists)
    assert seg.lists.lists(0, len(lists)).tolist() == [d for x in lists for d in x]
    for code, want in zip(seg.codes, lists, strict=True):
        assert seg.docs_of(code).tolist() == want
    assert seg.docs_of(np.uint64(3)).tolist() == []  # a code the segment lacks
    assert int(block_starts(seg.lists.indptr)[-1]) == len(seg.lists.heads) == sum(-(-len(x) // BLOCK) for x in lists)
    chunks = [[int(d) for d in x[i : i + BLOCK]] for x in lists for i in range(0, len(x), BLOCK)]
    assert seg.lists.heads.tolist() == [c[0] for c in chunks]
    # each block's width: the bits of its largest gap
    assert seg.lists.widths.tolist() == [max((y - x for x, y in itertools.pairwise(c)), default=0).bit_length() for c in chunks]


@settings(max_examples=100, deadline=None)
@given(_lists())
def test_word_reads_and_byte_reads_unpack_every_block_alike(lists: list[list[int]]) -> None:
    """A block is read from whole 64-bit words unless its last word lies past them; both
    paths, forced one at a time on every block, give the packed numbers back."""
    packed = _segment(lists).lists
    no_words = np.zeros(0, dtype=np.uint64)  # forces the byte-by-byte path
    chunks = [x[i : i + BLOCK] for x in lists for i in range(0, len(x), BLOCK)]
    for b, chunk in enumerate(chunks):
        for words in (_words(packed.data), no_words):
            out = np.zeros(BLOCK, dtype=np.int32)
            _unpack_block(packed.heads, packed.widths, packed.offsets, packed.data, words, b, len(chunk), out)
            assert out[: len(chunk)].tolist() == [int(d) for d in chunk]


def test_small_gaps_take_few_bits() -> None:
    """A common code's list (every gap 3) packs at 2 bits per passage after the heads."""
    docs = np.arange(0, 3 * 10_000, 3)
    seg = _segment([docs.tolist()])
    assert set(seg.lists.widths.tolist()) == {2}
    assert len(seg.lists.data) == sum((2 * (n - 1) + 7) // 8 for n in [BLOCK] * (10_000 // BLOCK) + [10_000 % BLOCK])


@settings(max_examples=150, deadline=None)
@given(
    universe=st.integers(50, 300_000),
    densities=st.lists(st.floats(0.0005, 0.9), min_size=1, max_size=4),
    cuts=st.integers(1, 4),
    seed=st.integers(0, 2**32 - 1),
)
def test_compiled_intersection_over_packed_segments_equals_numpy(
    universe: int, densities: list[float], cuts: int, seed: int
) -> None:
    """Candidates over several packed segments equal the NumPy intersection of the lists."""
    rng = np.random.default_rng(seed)
    sets = [np.flatnonzero(rng.random(universe) < d) for d in densities]
    bounds = np.linspace(0, universe, cuts + 1).astype(int)
    segments, want = [], []
    for lo, hi in itertools.pairwise(bounds):
        parts = [s[(s >= lo) & (s < hi)] for s in sets]
        if any(len(p) == 0 for p in parts):
            continue
        segments.append(_segment([p.tolist() for p in parts]))
        inter = parts[0]
        for p in parts[1:]:
            inter = np.intersect1d(inter, p)
        want.extend(inter.tolist())
    if not segments:
        return
    wanted = (np.arange(1, len(sets) + 1, dtype=np.uint64) * 7)
    assert literal_candidates_in(_segment_parts(segments), wanted).tolist() == want
    # a code no segment holds: nothing
    assert literal_candidates_in(_segment_parts(segments), np.asarray([3], dtype=np.uint64)).tolist() == []


@settings(max_examples=150, deadline=None)
@given(_lists(), st.lists(st.integers(0, 50_000_000), max_size=60), st.randoms(use_true_random=False))
def test_holding_says_which_passages_a_packed_list_holds(lists: list[list[int]], others: list[int],
                                                         rng: object) -> None:
    """`PackedLists.holding` (what search asks of every query word) for passages in any order,
    some in the list and some not, repeated ones included: the same as `np.isin`."""
    seg = _segment(lists)
    for i, members in enumerate(lists):
        picked = [int(d) for d in members[:: max(1, len(members) // 7)]]
        docs = picked + others + picked[:2]
        rng.shuffle(docs)  # type: ignore[attr-defined]
        want = np.isin(docs, members).tolist()
        assert seg.lists.holding(i, np.asarray(docs, dtype=np.int64)).tolist() == want
