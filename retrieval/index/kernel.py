"""The compiled ranking loop (numba): exact BM25Okapi top k over the word postings.

Why compiled: a query's work is a loop over postings (a common word holds hundreds of
thousands of passages at a million), and NumPy pays a temporary array and a Python round
trip per step of it; compiled, it is one pass with no allocation.

Exactness: every score a hit carries is computed as rank-bm25 computes it, term by term in
the query's order (a repeated token adds again), each contribution
`idf · (tf · (k1 + 1) / (tf + norm))` in float64 with no fast-math (no reassociation, no
fused multiply-add), so the scores are bit-identical to `BM25Okapi.get_scores`.

Speed (MaxScore, term at a time): the query's distinct terms are read most valuable first
(the largest possible contribution: idf × the best tf ratio any of its passages has,
computed once per term and kept). After each term, when at least k passages are scored
and the best any unseen passage could still reach (the sum of the bounds of the terms
left) is below the k-th partial score, the terms left cannot bring in a new passage: they
are only looked up, by galloping search, for the passages that can still make the top k
(when those are few enough for the lookups to cost less than reading the lists).
Those candidates are then rescored exactly in query order. Partial sums are in another
order than the exact ones, so every comparison keeps a margin far above float rounding.

Scratch buffers (a score and a mark per passage, the list of passages touched) belong to
the index and are cleared after each query, so a query allocates only its candidates;
callers serialise queries on one index (`BM25Index` holds a lock).
"""

from __future__ import annotations

from typing import Any

import numba as nb
import numpy as np
import numpy.typing as npt

from retrieval.index.packed import BLOCK as _BLOCK

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]

_MARGIN = 1e-9  # relative to the largest possible score: far above float64 rounding
_LOOKUP_COST = 8  # a galloping lookup costs about as much as reading this many postings
_LEAST_WEIGHT = 1e-9  # an idf at least this adds more than nothing to every passage holding the term


@nb.njit(cache=True)
def _gallop(docs: npt.NDArray[np.generic], lo: int, hi: int, target: Any) -> int:
    """The first position in docs[lo:hi] (ascending) holding a passage ≥ target."""
    step = 1
    probe = lo
    while probe < hi and docs[probe] < target:
        lo = probe + 1
        probe = lo + step
        step *= 2
    if probe > hi:
        probe = hi
    # binary search in [lo, probe)
    while lo < probe:
        mid = (lo + probe) // 2
        if docs[mid] < target:
            lo = mid + 1
        else:
            probe = mid
    return lo


@nb.njit(cache=True, inline="always")
def _push(heap: F64, size: int, v: float) -> int:
    """v into the min-heap heap[:size] of at most len(heap) values (the smallest dropped
    when full); the new size."""
    k = len(heap)
    if size < k:
        heap[size] = v
        j = size
        size += 1
        while j > 0:  # sift up
            parent = (j - 1) // 2
            if heap[parent] <= heap[j]:
                break
            heap[parent], heap[j] = heap[j], heap[parent]
            j = parent
    elif v > heap[0]:
        heap[0] = v
        j = 0
        while True:  # sift down
            left = 2 * j + 1
            if left >= k:
                break
            small = left
            if left + 1 < k and heap[left + 1] < heap[left]:
                small = left + 1
            if heap[j] <= heap[small]:
                break
            heap[j], heap[small] = heap[small], heap[j]
            j = small
    return size


@nb.njit(cache=True)
def _kth_largest(acc: F64, touched: npt.NDArray[np.int32], count: int, allowed: npt.NDArray[np.bool_],
                 use_allowed: bool, k: int, stride: int = 1) -> tuple[float, int]:
    """The k-th largest acc among the touched (allowed) passages, and how many there are
    (−inf when fewer than k). With `stride` > 1, of every stride-th touched passage only:
    an estimate, for deciding whether an exact check is worth a full pass."""
    heap = np.empty(k, dtype=np.float64)
    size = 0
    floor = -np.inf  # heap[0] once full, kept in a local: calling `_push` for every value was far slower
    seen = 0
    for i in range(0, count, stride):
        d = touched[i]
        if use_allowed and not allowed[d]:
            continue
        seen += 1
        v = acc[d]
        if size < k or v > floor:
            size = _push(heap, size, v)
            if size == k:
                floor = heap[0]
    if size < k:
        return -np.inf, seen
    return floor, seen


@nb.njit(cache=True)
def _kth_of(value: F64, count: int, k: int) -> float:
    """The k-th largest of value[:count] (−inf when fewer)."""
    heap = np.empty(k, dtype=np.float64)
    size = 0
    floor = -np.inf
    for x in range(count):
        v = value[x]
        if size < k or v > floor:
            size = _push(heap, size, v)
            if size == k:
                floor = heap[0]
    return floor


@nb.njit(cache=True)
def _keep_reaching(cand: I64, value: F64, count: int, least: float) -> int:
    """Keep (in place, in order) the candidates whose value is at least `least`; how many."""
    kept = 0
    for x in range(count):
        if value[x] >= least:
            cand[kept] = cand[x]
            value[kept] = value[x]
            kept += 1
    return kept


@nb.njit(cache=True)
def _ratio_max(indptr: I64, docs: npt.NDArray[np.int32], freqs: npt.NDArray[np.uint16], norm: F64,
               t: int, k1: float) -> float:
    """The best tf · (k1 + 1) / (tf + norm) any passage holding term t has."""
    best = 0.0
    for p in range(indptr[t], indptr[t + 1]):
        tf = np.float64(freqs[p])
        r = tf * (k1 + 1.0) / (tf + norm[docs[p]])
        if r > best:
            best = r
    return best


@nb.njit(cache=True)
def ratio_maxima(indptr: I64, docs: npt.NDArray[np.int32], freqs: npt.NDArray[np.uint16], norm: F64,
                 k1: float) -> F64:
    """Every term's best tf ratio (saved with the index, so no query pays for one)."""
    out = np.empty(len(indptr) - 1, dtype=np.float64)
    for t in range(len(out)):
        out[t] = _ratio_max(indptr, docs, freqs, norm, t, k1)
    return out


@nb.njit(cache=True)
def top_k(
    query: I64,
    indptr: I64,
    blocks: I64,
    heads: npt.NDArray[np.int32],
    widths: npt.NDArray[np.uint8],
    offsets: I64,
    data: npt.NDArray[np.uint8],
    freqs: npt.NDArray[np.uint16],
    idf: F64,
    norm: F64,
    ratio_max: F64,
    k1: float,
    k: int,
    allowed: npt.NDArray[np.bool_],
    use_allowed: bool,
    boost_docs: I64,
    boost_vals: F64,
    acc: F64,
    mark: npt.NDArray[np.uint8],
    touched: npt.NDArray[np.int32],
    sample: int,
) -> tuple[I64, F64, bool]:
    """The k best (passage, exact score) for `query` (term ids in the query's order, with
    repeats), score descending then passage ascending, among passages holding a query term
    or boosted (the postings: `packed.PackedLists.parts()` and the frequencies); `boost_docs` (ascending) get `boost_vals` added after their BM25 score.
    `ratio_max`: each term's best tf ratio (saved with the index). `sample`: how many
    touched passages the estimate of the k-th best partial score reads before a stop is
    confirmed exactly (only speed depends on it). The flag says whether pruning cut the
    reading short (some terms were only looked up)."""
    m = len(query)
    # distinct terms, how often each is typed, their bounds
    uniq = np.unique(query)
    u = len(uniq)
    times = np.zeros(u, dtype=np.int64)
    for i in range(m):
        for j in range(u):
            if uniq[j] == query[i]:
                times[j] += 1
    bound = np.empty(u, dtype=np.float64)
    nonneg = True
    for j in range(u):
        t = uniq[j]
        if idf[t] < 0:
            nonneg = False
        bound[j] = times[j] * idf[t] * ratio_max[t]
    for j in range(len(boost_vals)):
        if boost_vals[j] < 0:
            nonneg = False
    # Every term and boost adds more than nothing (the usual case): a passage is touched
    # exactly when its partial score is above zero, so `mark` is neither read nor written
    # (a third of the reading loop's time went to it).
    positive = nonneg
    for j in range(u):
        if idf[uniq[j]] < _LEAST_WEIGHT:
            positive = False
    for j in range(len(boost_vals)):
        if boost_vals[j] <= 0:
            positive = False
    top_bound = 0.0
    for j in range(u):
        top_bound += abs(bound[j])
    most_boost = 0.0
    for j in range(len(boost_vals)):
        most_boost = max(most_boost, abs(boost_vals[j]))
    margin = _MARGIN * (top_bound + most_boost + 1.0)
    order = np.argsort(-bound, kind="mergesort")
    buf = np.empty(_BLOCK, dtype=np.int32)
    words = _words(data)

    count = 0
    for j in range(len(boost_docs)):
        d = boost_docs[j]
        if positive:
            if acc[d] == 0.0:
                touched[count] = d
                count += 1
        elif mark[d] == 0:
            mark[d] = 1
            touched[count] = d
            count += 1
        acc[d] += boost_vals[j]
    remaining = 0.0
    for j in range(u):
        remaining += bound[j]
    total = remaining
    stop = u
    for step in range(u):
        j = order[step]
        # (a passage's partial score is at most the bounds read so far: while that is not
        # above what is left, no passage can be out of reach yet and the check is skipped)
        if nonneg and step > 0 and count >= k and total - remaining > remaining:
            # first an estimate from a sample of the touched passages (a full pass over
            # hundreds of thousands of them per term cost more than the reading it saved)
            stride = max(1, count // sample)
            guess, seen = _kth_largest(acc, touched, count, allowed, use_allowed, max(1, k // stride), stride)
            if remaining + margin < guess - margin:
                # the terms left may not bring in a new passage; looking them up for the
                # passages that can still make it pays only if those are few
                left = 0
                for later in range(step, u):
                    t = uniq[order[later]]
                    left += indptr[t + 1] - indptr[t]
                alive = 0
                for i in range(0, count, stride):
                    d = touched[i]
                    if (not use_allowed or allowed[d]) and acc[d] + remaining >= guess - 2 * margin:
                        alive += stride
                if alive * (u - step) * _LOOKUP_COST < left:
                    # confirmed exactly before any reading is skipped (the sample was the
                    # whole when it had no stride)
                    theta = guess
                    if stride > 1:
                        theta, seen = _kth_largest(acc, touched, count, allowed, use_allowed, k)
                    if seen >= k and remaining + margin < theta - margin:
                        stop = step
                        break
        t = uniq[j]
        w = idf[t] * times[j]
        p = indptr[t]
        for b in range(blocks[t], blocks[t + 1]):
            n_b = min(_BLOCK, indptr[t + 1] - p)
            _unpack_block(heads, widths, offsets, data, words, b, n_b, buf)
            if positive:
                for i in range(n_b):
                    d = buf[i]
                    tf = np.float64(freqs[p + i])
                    before = acc[d]
                    if before == 0.0:
                        touched[count] = d
                        count += 1
                    acc[d] = before + w * (tf * (k1 + 1.0) / (tf + norm[d]))
            else:
                for i in range(n_b):
                    d = buf[i]
                    tf = np.float64(freqs[p + i])
                    acc[d] += w * (tf * (k1 + 1.0) / (tf + norm[d]))
                    if mark[d] == 0:
                        mark[d] = 1
                        touched[count] = d
                        count += 1
            p += n_b
        remaining -= bound[j]
    if stop == u:
        remaining = 0.0

    # One pass over the touched passages: the k-th best partial score (a min-heap), the
    # candidates, and the scratch buffers cleared for the next query. A passage is kept
    # when its best possible score reaches the heap's floor as it stands when the passage
    # is seen; the floor only rises, so that keeps every passage that reaches the final
    # floor, and the few kept early are dropped below.
    heap = np.empty(k, dtype=np.float64)
    size = 0
    floor = -np.inf  # heap[0] once the heap is full
    # (as many as the touched passages: untouched pages of a large allocation cost nothing,
    # and growing the arrays as candidates came in made the loop slower)
    cand = np.empty(count, dtype=np.int64)
    value = np.empty(count, dtype=np.float64)
    c = 0
    for i in range(count):
        d = touched[i]
        v = acc[d]
        acc[d] = 0.0
        if not positive:
            mark[d] = 0
        if use_allowed and not allowed[d]:
            continue
        if size < k or v > floor:
            size = _push(heap, size, v)
            if size == k:
                floor = heap[0]
        if v + remaining >= floor - 2 * margin:
            cand[c] = d
            value[c] = v
            c += 1
    c = _keep_reaching(cand, value, c, floor - remaining - 2 * margin)
    state = np.empty(4, dtype=np.int64)
    if stop < u:
        # The passages that can still make it get the terms not read looked up (each list
        # searched forward, in passage order) so that their partial scores are whole; only
        # those within reach of the k-th of those go on to be rescored exactly.
        by_doc = np.argsort(cand[:c])
        cand[:c] = cand[:c][by_doc]
        value[:c] = value[:c][by_doc]
        for later in range(stop, u):
            j = order[later]
            t = uniq[j]
            w = idf[t] * times[j]
            _start(state, blocks[t])
            for x in range(c):
                d = cand[x]
                at = _seek(indptr[t], indptr[t + 1], blocks[t], blocks[t + 1], heads, widths, offsets, data, words, d,
                           state, buf)
                if at >= 0:
                    tf = np.float64(freqs[at])
                    value[x] += w * (tf * (k1 + 1.0) / (tf + norm[d]))
        c = _keep_reaching(cand, value, c, _kth_of(value, c, k) - 2 * margin)
    cand = np.sort(cand[:c])

    exact = np.zeros(c, dtype=np.float64)
    for i in range(m):  # in query order, as rank-bm25 adds
        t = query[i]
        w = idf[t]
        _start(state, blocks[t])
        for x in range(c):
            d = cand[x]
            at = _seek(indptr[t], indptr[t + 1], blocks[t], blocks[t + 1], heads, widths, offsets, data, words, d, state, buf)
            if at >= 0:
                tf = np.float64(freqs[at])
                exact[x] += w * (tf * (k1 + 1.0) / (tf + norm[d]))
    b = 0
    for x in range(c):  # the boost after the score, as `scores()[boost] += value`
        while b < len(boost_docs) and boost_docs[b] < cand[x]:
            b += 1
        if b < len(boost_docs) and boost_docs[b] == cand[x]:
            exact[x] += boost_vals[b]
    ranked = np.argsort(-exact, kind="mergesort")[:k]  # stable: ties stay in passage order
    return cand[ranked], exact[ranked], stop < u


@nb.njit(cache=True)
def pack(indptr: I64, blocks: I64, docs: I64) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.uint8], I64,
                                                         npt.NDArray[np.uint8]]:
    """Posting lists (CSR, ascending within each list) in blocks of `_BLOCK`: per block its
    first passage, the bit width of its largest gap, its packed size in bytes; then the gaps
    after each head, bit-packed (little-endian), each block from a byte boundary."""
    nblocks = blocks[-1]
    heads = np.empty(nblocks, dtype=np.int32)
    widths = np.zeros(nblocks, dtype=np.uint8)
    sizes = np.zeros(nblocks, dtype=np.int64)
    for g in range(len(indptr) - 1):
        start = indptr[g]
        for b in range(blocks[g], blocks[g + 1]):
            stop = min(start + _BLOCK, indptr[g + 1])
            heads[b] = docs[start]
            widest = 0
            for i in range(start + 1, stop):
                widest = max(widest, docs[i] - docs[i - 1])
            w = 0
            while widest >> w:
                w += 1
            widths[b] = w
            sizes[b] = (w * (stop - start - 1) + 7) // 8
            start = stop
    data = np.zeros(sizes.sum(), dtype=np.uint8)
    at = 0
    for g in range(len(indptr) - 1):
        start = indptr[g]
        for b in range(blocks[g], blocks[g + 1]):
            stop = min(start + _BLOCK, indptr[g + 1])
            width = np.int64(widths[b])
            bit = np.int64(0)
            for i in range(start + 1, stop):
                value = np.int64(docs[i] - docs[i - 1]) << (bit & 7)
                byte = at + (bit >> 3)
                while value:
                    data[byte] |= np.uint8(value & 0xFF)
                    value >>= 8
                    byte += 1
                bit += width
            at += sizes[b]
            start = stop
    return heads, widths, sizes, data


@nb.njit(cache=True)
def _words(data: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint64]:
    """`data`'s whole 64-bit words (a view, no copy), for `_unpack_block`'s fast path."""
    return data[: len(data) // 8 * 8].view(np.uint64)


@nb.njit(cache=True)
def _unpack_block(heads: npt.NDArray[np.int32], widths: npt.NDArray[np.uint8], offsets: I64,
                  data: npt.NDArray[np.uint8], words: npt.NDArray[np.uint64], b: int, count: int,
                  out: npt.NDArray[np.int32]) -> None:
    """Block b's `count` passage numbers into out[:count] (`pack`). `words` is `data` as
    64-bit words (`_words`): a gap is cut from the one or two words it lies in, two aligned
    reads and no loop (rather than assembling it byte by byte); a block whose last
    word lies past the whole words (the very end of `data`) is read byte by byte."""
    d = np.int64(heads[b])
    out[0] = d
    w = np.int64(widths[b])
    bit = offsets[b] * 8
    if ((bit + w * (count - 1)) >> 6) + 1 < len(words):
        uw = np.uint64(w)
        umask = (np.uint64(1) << uw) - np.uint64(1)
        ubit = np.uint64(bit)
        for i in range(1, count):
            at = ubit >> np.uint64(6)
            shift = ubit & np.uint64(63)
            low = words[at] >> shift
            # the gap's bits in the next word (none when shift + w ≤ 64; shifting in two
            # steps keeps a shift by 64, which is undefined, from happening at shift 0)
            high = (words[at + np.uint64(1)] << np.uint64(1)) << (np.uint64(63) - shift)
            d += np.int64((low | high) & umask)
            out[i] = d
            ubit += uw
        return
    mask = (np.int64(1) << w) - 1
    for i in range(1, count):
        byte = bit >> 3
        shift = bit & 7
        value = np.int64(0)
        k = 0
        while k * 8 < shift + w:
            value |= np.int64(data[byte + k]) << (8 * k)
            k += 1
        d += (value >> shift) & mask
        out[i] = d
        bit += w


@nb.njit(cache=True)
def unpack(indptr: I64, blocks: I64, heads: npt.NDArray[np.int32], widths: npt.NDArray[np.uint8], offsets: I64,
           data: npt.NDArray[np.uint8], first: int, last: int) -> npt.NDArray[np.int32]:
    """The passage numbers of codes first … last-1 of a packed segment, in order."""
    out = np.empty(indptr[last] - indptr[first], dtype=np.int32)
    words = _words(data)
    at = 0
    for g in range(first, last):
        left = indptr[g + 1] - indptr[g]
        for b in range(blocks[g], blocks[g + 1]):
            count = min(left, _BLOCK)
            _unpack_block(heads, widths, offsets, data, words, b, count, out[at:at + count])
            at += count
            left -= count
    return out


@nb.njit(cache=True)
def _start(state: I64, first_block: int) -> None:
    """A fresh search state for `_seek` in a list whose first block is `first_block`."""
    state[0] = first_block  # where the block search resumes
    state[1] = -1  # the block unpacked in the buffer (none yet)
    state[2] = 0  # its count
    state[3] = 0  # where the search in it resumes


@nb.njit(cache=True)
def _seek(lo: int, hi: int, b_lo: int, b_hi: int, heads: npt.NDArray[np.int32], widths: npt.NDArray[np.uint8],
          offsets: I64, data: npt.NDArray[np.uint8], words: npt.NDArray[np.uint64], d: int, state: I64,
          buf: npt.NDArray[np.int32]) -> int:
    """Where passage d is among postings lo … hi-1 (a list in blocks b_lo … b_hi-1), or -1.
    Successive calls must ask for ascending d: `state` carries the search forward (the
    block by galloping over the heads, then the position by galloping in the block,
    unpacked into `buf` only when the search moves to another block)."""
    b = _gallop(heads, state[0], b_hi, d + 1) - 1  # the last block whose head is ≤ d
    if b < b_lo:
        return -1  # d comes before the whole list
    state[0] = b
    if b != state[1]:
        count = min(_BLOCK, hi - lo - (b - b_lo) * _BLOCK)
        _unpack_block(heads, widths, offsets, data, words, b, count, buf)
        state[1] = b
        state[2] = count
        state[3] = 0
    pos = _gallop(buf, state[3], state[2], d)
    state[3] = pos
    if pos < state[2] and buf[pos] == d:
        return lo + (b - b_lo) * _BLOCK + pos
    return -1


@nb.njit(cache=True)
def holding(indptr: I64, blocks: I64, heads: npt.NDArray[np.int32], widths: npt.NDArray[np.uint8], offsets: I64,
            data: npt.NDArray[np.uint8], row: int, docs: I64) -> npt.NDArray[np.bool_]:
    """Which of `docs` (any order) list `row` of packed lists holds: only the blocks where
    one of them may lie are unpacked (a common word's list is never unpacked whole)."""
    out = np.zeros(len(docs), dtype=np.bool_)
    buf = np.empty(_BLOCK, dtype=np.int32)
    state = np.empty(4, dtype=np.int64)
    words = _words(data)
    _start(state, blocks[row])
    for x in np.argsort(docs, kind="mergesort"):
        out[x] = _seek(indptr[row], indptr[row + 1], blocks[row], blocks[row + 1], heads, widths, offsets, data,
                       words, docs[x], state, buf) >= 0
    return out


@nb.njit(cache=True)
def _find(codes: npt.NDArray[np.uint64], code: np.uint64) -> int:
    """The position of `code` in the sorted `codes`, or -1."""
    lo = _gallop(codes, 0, len(codes), code)
    return lo if lo < len(codes) and codes[lo] == code else -1


@nb.njit(cache=True)
def _rows_of(codes: npt.NDArray[np.uint64], wanted: npt.NDArray[np.uint64]) -> I64:
    """Where each wanted code's list is in a segment (`codes` sorted); empty when the
    segment lacks one of them (none of its passages can hold them all)."""
    rows = np.empty(len(wanted), dtype=np.int64)
    for j in range(len(wanted)):
        at = _find(codes, wanted[j])
        if at < 0:
            return rows[:0]
        rows[j] = at
    return rows


@nb.njit(cache=True)
def gram_candidates(codes: npt.NDArray[np.uint64], indptr: I64, blocks: I64, heads: npt.NDArray[np.int32],
                    widths: npt.NDArray[np.uint8], offsets: I64, data: npt.NDArray[np.uint8],
                    wanted: npt.NDArray[np.uint64], limit: int) -> npt.NDArray[np.int32]:
    """The first `limit` (all, when negative) passages of one literal segment
    (`GramSegment.parts()`) holding every code in `wanted`, ascending. The shortest list is
    read block by block, each of its passages looked up in the others (`_seek`, shortest
    first) until one lacks it; so "are there more than 400" stops at the 401st, where
    intersecting whole lists read the 400,000 passages of 新闻联播 at 1M.
    One segment per call: the caller joins the segments' answers (a list of segments would
    be a numba typed list, whose methods compile anew, uncached, in every process)."""
    rows = _rows_of(codes, wanted)
    if not len(rows):
        return np.empty(0, dtype=np.int32)
    m = len(rows)
    sizes = np.empty(m, dtype=np.int64)
    for j in range(m):
        sizes[j] = indptr[rows[j] + 1] - indptr[rows[j]]
    order = np.argsort(sizes)
    first = rows[order[0]]
    n = indptr[first + 1] - indptr[first]
    cap = n if limit < 0 else min(n, limit)
    out = np.empty(cap, dtype=np.int32)
    if cap == 0:
        return out
    others = np.empty(m - 1, dtype=np.int64)
    states = np.empty((max(m - 1, 1), 4), dtype=np.int64)
    bufs = np.empty((max(m - 1, 1), _BLOCK), dtype=np.int32)
    for j in range(m - 1):
        others[j] = rows[order[j + 1]]
        _start(states[j], blocks[others[j]])
    words = _words(data)
    own = np.empty(_BLOCK, dtype=np.int32)
    kept = 0
    left = n
    for b in range(blocks[first], blocks[first + 1]):
        count = min(left, _BLOCK)
        left -= count
        _unpack_block(heads, widths, offsets, data, words, b, count, own)
        for x in range(count):
            d = own[x]
            held = True
            for j in range(m - 1):
                g = others[j]
                if _seek(indptr[g], indptr[g + 1], blocks[g], blocks[g + 1], heads, widths, offsets, data,
                         words, d, states[j], bufs[j]) < 0:
                    held = False
                    break
            if held:
                out[kept] = d
                kept += 1
                if kept == cap:
                    return out
    return out[:kept]


@nb.njit(cache=True)
def gram_holding(codes: npt.NDArray[np.uint64], indptr: I64, blocks: I64, heads: npt.NDArray[np.int32],
                 widths: npt.NDArray[np.uint8], offsets: I64, data: npt.NDArray[np.uint8],
                 wanted: npt.NDArray[np.uint64], docs: I64, order: I64, out: npt.NDArray[np.bool_]) -> None:
    """Marks in `out` which of `docs` (any order, repeats allowed; `order` sorts them) one
    literal segment holds every code in `wanted` for, leaving the others as they are (the
    caller ORs the segments in): each code's list is searched only where the asked
    passages fall (`_seek`), so a common pair's list of hundreds of thousands is never
    unpacked whole to answer for a few passages."""
    rows = _rows_of(codes, wanted)
    if not len(rows) or not len(docs):
        return
    words = _words(data)
    buf = np.empty(_BLOCK, dtype=np.int32)
    state = np.empty(4, dtype=np.int64)
    ok = np.ones(len(docs), dtype=np.bool_)
    for j in range(len(wanted)):
        g = rows[j]
        _start(state, blocks[g])
        for x in order:  # ascending passages, as `_seek` requires
            if ok[x]:
                ok[x] = _seek(indptr[g], indptr[g + 1], blocks[g], blocks[g + 1], heads, widths, offsets, data,
                              words, docs[x], state, buf) >= 0
    for x in range(len(docs)):
        out[x] = out[x] or ok[x]


@nb.njit(cache=True)
def block_starts(indptr: I64) -> I64:
    """Each list's first block (and the total at the end), from the lists' counts."""
    out = np.zeros(max(len(indptr), 1), dtype=np.int64)
    for i in range(len(indptr) - 1):
        out[i + 1] = out[i] + (indptr[i + 1] - indptr[i] + _BLOCK - 1) // _BLOCK
    return out


@nb.njit(cache=True)
def join_packed(indptr: I64, blocks: I64, heads: npt.NDArray[np.int32], widths: npt.NDArray[np.uint8], offsets: I64,
                data: npt.NDArray[np.uint8], rows: I64, new_ptr: I64, new_docs: I64
                ) -> tuple[I64, npt.NDArray[np.int32], npt.NDArray[np.uint8], I64, npt.NDArray[np.uint8]]:
    """Lists `rows` of packed lists (a row past the last list is an empty list), each
    followed by its new passages (`new_ptr`: CSR from 0, one list per row; every new
    passage after the list's last): the joined lists' CSR (from 0) and their packed
    heads, widths, sizes and data, exactly as `pack` makes them from the whole lists.
    A list's whole blocks are copied as they are; only its last, partial block is
    unpacked and packed again, with the new passages after it."""
    words = _words(data)
    nl = len(rows)
    top = len(indptr) - 1
    base = np.zeros(nl, dtype=np.int64)
    for i in range(nl):
        if rows[i] < top:
            base[i] = indptr[rows[i] + 1] - indptr[rows[i]]
    # the tails: a gaining list's partial last block, then its new passages
    tail_ptr = np.zeros(nl + 1, dtype=np.int64)
    for i in range(nl):
        gained = new_ptr[i + 1] - new_ptr[i]
        tail_ptr[i + 1] = tail_ptr[i] + (base[i] % _BLOCK + gained if gained else 0)
    tail_docs = np.empty(tail_ptr[nl], dtype=np.int64)
    buf = np.empty(_BLOCK, dtype=np.int32)
    for i in range(nl):
        gained = new_ptr[i + 1] - new_ptr[i]
        if not gained:
            continue
        at = tail_ptr[i]
        part = base[i] % _BLOCK
        if part:
            _unpack_block(heads, widths, offsets, data, words, blocks[rows[i] + 1] - 1, part, buf)
            for x in range(part):
                tail_docs[at + x] = buf[x]
            at += part
        for x in range(gained):
            tail_docs[at + x] = new_docs[new_ptr[i] + x]
    tail_blocks = block_starts(tail_ptr)
    t_heads, t_widths, t_sizes, t_data = pack(tail_ptr, tail_blocks, tail_docs)
    t_offsets = np.zeros(len(t_sizes) + 1, dtype=np.int64)
    for b in range(len(t_sizes)):
        t_offsets[b + 1] = t_offsets[b] + t_sizes[b]
    # each row's whole base blocks kept, then its tail's blocks
    kept = np.zeros(nl, dtype=np.int64)
    out_ptr = np.zeros(nl + 1, dtype=np.int64)
    n_blocks = 0
    n_bytes = 0
    for i in range(nl):
        gained = new_ptr[i + 1] - new_ptr[i]
        out_ptr[i + 1] = out_ptr[i] + base[i] + gained
        if rows[i] < top:
            first = blocks[rows[i]]
            kept[i] = blocks[rows[i] + 1] - first if not gained else base[i] // _BLOCK
            n_bytes += offsets[first + kept[i]] - offsets[first]
        n_blocks += kept[i] + tail_blocks[i + 1] - tail_blocks[i]
        n_bytes += t_offsets[tail_blocks[i + 1]] - t_offsets[tail_blocks[i]]
    out_heads = np.empty(n_blocks, dtype=np.int32)
    out_widths = np.empty(n_blocks, dtype=np.uint8)
    out_sizes = np.empty(n_blocks, dtype=np.int64)
    out_data = np.empty(n_bytes, dtype=np.uint8)
    ob = 0
    at = 0
    for i in range(nl):
        if kept[i]:
            first = blocks[rows[i]]
            for b in range(first, first + kept[i]):
                out_heads[ob] = heads[b]
                out_widths[ob] = widths[b]
                out_sizes[ob] = offsets[b + 1] - offsets[b]
                ob += 1
            lo, hi = offsets[first], offsets[first + kept[i]]
            out_data[at:at + hi - lo] = data[lo:hi]
            at += hi - lo
        for b in range(tail_blocks[i], tail_blocks[i + 1]):
            out_heads[ob] = t_heads[b]
            out_widths[ob] = t_widths[b]
            out_sizes[ob] = t_sizes[b]
            ob += 1
        lo, hi = t_offsets[tail_blocks[i]], t_offsets[tail_blocks[i + 1]]
        out_data[at:at + hi - lo] = t_data[lo:hi]
        at += hi - lo
    return out_ptr, out_heads, out_widths, out_sizes, out_data


@nb.njit(cache=True)
def join_values(indptr: I64, values: npt.NDArray[np.generic], rows: I64, new_ptr: I64,
                new_values: npt.NDArray[np.generic], out: npt.NDArray[np.generic]) -> None:
    """Per row: its list's values (`indptr`; a row past the last list has none), then its
    new values (`new_ptr`, CSR from 0), one row after another into `out`."""
    top = len(indptr) - 1
    at = 0
    for i in range(len(rows)):
        if rows[i] < top:
            for p in range(indptr[rows[i]], indptr[rows[i] + 1]):
                out[at] = values[p]
                at += 1
        for p in range(new_ptr[i], new_ptr[i + 1]):
            out[at] = new_values[p]
            at += 1
