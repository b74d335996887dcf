"""The compiled ranking loop (numba): exact BM25Okapi top k over the word postings.

Why compiled: a query's work is a loop over postings (a common word holds hundreds of
thousands of passages at a million), and NumPy pays a temporary array and a Python round
trip per step of it; compiled, it is one pass with no allocation.

Exactness: every score a hit carries is computed as rank-bm25 computes it, term by term in
the query's order (a repeated token adds again), each contribution
`idf · (tf · (k1 + 1) / (tf + norm))` in float64 with no fast-math (no reassociation, no
fused multiply-add), so the scores are bit-identical to `BM25Okapi.get_scores`.

Speed (block-max MaxScore, `_windows`): the passages are read window by window, a window
being a run of passage numbers in which each query term's postings lie in one block, so
that each term's most in it is its block's best tf ratio (`block_max`, saved with the
index, rounded up) times its weight. Once k passages are scored, a window whose maxima
together stay below the k-th best score is skipped without unpacking a block, and within
a window the terms with the smallest bounds whose maxima stay below it are only looked
up, for the passages the other terms bring in.
Candidates are then rescored exactly in query order (`_rescore`); partial sums are in another order than the
exact ones, so every comparison keeps a margin far above float rounding. A term or boost
that adds nothing or less (a tiny archive's idf can be negative) has no useful bound:
such a query reads every posting (`_every`).

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
def term_maxima(blocks: I64, block_max: npt.NDArray[np.float32]) -> F64:
    """Every term's best tf ratio: the largest of its blocks' (a term with no posting: 0).
    Derived on load, never saved: the blocks' maxima already hold it."""
    out = np.zeros(len(blocks) - 1, dtype=np.float64)
    for t in range(len(out)):
        for b in range(blocks[t], blocks[t + 1]):
            out[t] = max(out[t], np.float64(block_max[b]))
    return out


@nb.njit(cache=True)
def _up32(x: float) -> np.float32:
    """x as a float32 no smaller than it (a bound stays a bound)."""
    f = np.float32(x)
    if np.float64(f) < x:
        f = np.nextafter(f, np.float32(np.inf))
    return f


@nb.njit(cache=True)
def _block_most(docs: npt.NDArray[np.int32], count: int, freqs: npt.NDArray[np.uint16], first: int, norm: F64,
                k1: float) -> np.float32:
    """The best tf ratio among a block's `count` passages (`docs`, their frequencies from
    freqs[first]), rounded up to a float32."""
    best = 0.0
    for i in range(count):
        tf = np.float64(freqs[first + i])
        r = tf * (k1 + 1.0) / (tf + norm[docs[i]])
        if r > best:
            best = r
    return _up32(best)


@nb.njit(cache=True)
def block_maxima(indptr: I64, docs: npt.NDArray[np.int32], freqs: npt.NDArray[np.uint16], norm: F64,
                 k1: float) -> npt.NDArray[np.float32]:
    """Every block's best tf ratio (the blocks `pack` cuts the lists, CSR, into), rounded up
    to float32: the ranking loop's bound per block, saved with the index."""
    starts = block_starts(indptr)
    out = np.empty(starts[-1], dtype=np.float32)
    for t in range(len(indptr) - 1):
        p = indptr[t]
        for b in range(starts[t], starts[t + 1]):
            count = min(_BLOCK, indptr[t + 1] - p)
            out[b] = _block_most(docs[p:p + count], count, freqs, p, norm, k1)
            p += count
    return out


@nb.njit(cache=True)
def join_block_maxima(indptr: I64, blocks: I64, saved: npt.NDArray[np.float32], rows: I64, new_ptr: I64,
                      ptr: I64, heads: npt.NDArray[np.int32], widths: npt.NDArray[np.uint8], offsets: I64,
                      data: npt.NDArray[np.uint8], freqs: npt.NDArray[np.uint16], norm: F64,
                      k1: float) -> npt.NDArray[np.float32]:
    """The block maxima of lists joined by `join_packed` (its CSR `ptr` from 0 and packed
    blocks; `freqs`: the joined frequencies, from 0): the whole base blocks it copied keep
    their `saved` maxima (still bounds: the average length is the same), the blocks it
    packed anew are read."""
    top = len(indptr) - 1
    starts = block_starts(ptr)
    out = np.empty(starts[-1], dtype=np.float32)
    words = _words(data)
    buf = np.empty(_BLOCK, dtype=np.int32)
    for i in range(len(rows)):
        r = rows[i]
        kept = 0
        if r < top:
            kept = blocks[r + 1] - blocks[r]
            if new_ptr[i + 1] > new_ptr[i]:  # its partial last block was packed again
                kept = (indptr[r + 1] - indptr[r]) // _BLOCK
            out[starts[i]:starts[i] + kept] = saved[blocks[r]:blocks[r] + kept]
        p = ptr[i] + kept * _BLOCK
        for b in range(starts[i] + kept, starts[i + 1]):
            count = min(_BLOCK, ptr[i + 1] - p)
            _unpack_block(heads, widths, offsets, data, words, b, count, buf)
            out[b] = _block_most(buf, count, freqs, p, norm, k1)
            p += count
    return out


@nb.njit(cache=True)
def _distinct(query: I64) -> tuple[I64, I64]:
    """The query's distinct terms (ascending) and how often each is typed."""
    uniq = np.unique(query)
    times = np.zeros(len(uniq), dtype=np.int64)
    for i in range(len(query)):
        for j in range(len(uniq)):
            if uniq[j] == query[i]:
                times[j] += 1
    return uniq, times


@nb.njit(cache=True)
def _below(row: npt.NDArray[np.int32], count: int, d: int) -> int:
    """How many of row[:count] (ascending) are below d: where d is or would be. Counted,
    not bisected: over one block this vectorises and has no branch to mispredict (with a
    binary search the slow questions of the scale benchmark took 7–25% longer, by hand)."""
    below = 0
    for i in range(count):
        below += row[i] < d
    return below


@nb.njit(cache=True, inline="always")
def _in_row(j: int, t: int, b: int, indptr: I64, blocks: I64, heads: npt.NDArray[np.int32],
            widths: npt.NDArray[np.uint8], offsets: I64, data: npt.NDArray[np.uint8], words: npt.NDArray[np.uint64],
            row: npt.NDArray[np.int32], unpacked: I64, count: I64) -> int:
    """Block b of term t (the query's j-th) unpacked into row[j] unless it is there already
    (its postings: count[j]); where its first posting is in the term's frequencies."""
    first = indptr[t] + (b - blocks[t]) * _BLOCK
    if unpacked[j] != b:
        count[j] = min(_BLOCK, indptr[t + 1] - first)
        _unpack_block(heads, widths, offsets, data, words, b, count[j], row[j])
        unpacked[j] = b
    return int(first)


@nb.njit(cache=True)
def _windows(
    uniq: I64, times: I64, indptr: I64, blocks: I64, heads: npt.NDArray[np.int32], widths: npt.NDArray[np.uint8],
    offsets: I64, data: npt.NDArray[np.uint8], words: npt.NDArray[np.uint64], freqs: npt.NDArray[np.uint16],
    idf: F64, norm: F64, ratio_max: F64, block_max: npt.NDArray[np.float32], k1: float, k: int,
    allowed: npt.NDArray[np.bool_], use_allowed: bool, boost_docs: I64, boost_vals: F64, acc: F64,
    touched: npt.NDArray[np.int32], margin: float,
) -> tuple[I64, int, bool]:
    """Block-max MaxScore, passage window by passage window, for a query where every term
    and boost adds more than nothing: the candidates (passages that may make the top k,
    with every tie of the k-th), how many, and whether anything was skipped.

    A window is a run of passage numbers in which each term's postings lie in one block
    (it ends where any term's block ends: a block spans its head up to the next block's),
    so each term's most in the window is its block's maximum (`block_max`, saved with
    the lists) times its weight. Once k passages are scored, with the k-th best score so
    far as the floor:
      - a window whose terms' maxima (and boosts) together stay below the floor is skipped
        unread: no passage in it can make the top k;
      - otherwise the terms with the smallest bounds whose maxima together stay below the
        floor are not read: only the passages the other terms bring in get them looked up
        in their (one) block, most valuable first, dropping a passage as soon as what it
        has plus the maxima left cannot reach the floor.
    Every passage that is kept has its whole score summed (in another order than the exact
    one; `_rescore` computes that), and the floor is the k-th best of those."""
    n = len(norm)
    u = len(uniq)
    wt = np.empty(u, dtype=np.float64)
    bound = np.empty(u, dtype=np.float64)
    for j in range(u):
        wt[j] = idf[uniq[j]] * times[j]
        bound[j] = wt[j] * ratio_max[uniq[j]]
    order = np.argsort(bound, kind="mergesort")  # smallest bound first: the first not to be read
    row = np.empty((u, _BLOCK), dtype=np.int32)  # each term's unpacked block
    unpacked = np.full(u, -1, dtype=np.int64)  # which block that is
    count = np.zeros(u, dtype=np.int64)  # its postings
    cur = np.empty(u, dtype=np.int64)  # the block each term's window lies in (absolute)
    last = np.empty(u, dtype=np.int64)
    most = np.zeros(u, dtype=np.float64)  # each term's most in the window
    n0 = n
    for j in range(u):
        cur[j] = blocks[uniq[j]]
        last[j] = blocks[uniq[j] + 1] - 1
        n0 = min(n0, heads[cur[j]])
    nboost = len(boost_docs)
    if nboost:
        n0 = min(n0, boost_docs[0])
    heap = np.empty(k, dtype=np.float64)
    size = 0
    floor = -np.inf  # heap[0] once the heap is full
    room = 1024
    cand = np.empty(room, dtype=np.int64)
    value = np.empty(room, dtype=np.float64)
    c = 0
    bp = 0
    pruned = False
    w0 = n0
    while w0 < n:
        w1 = n
        total = 0.0
        for j in range(u):
            b = cur[j]
            while b < last[j] and heads[b + 1] <= w0:
                b += 1
            cur[j] = b
            if heads[b] <= w0:
                most[j] = wt[j] * np.float64(block_max[b])
                if b < last[j] and heads[b + 1] < w1:
                    w1 = int(heads[b + 1])
            else:  # the list starts later
                most[j] = 0.0
                if heads[b] < w1:
                    w1 = int(heads[b])
            total += most[j]
        bq = bp
        boost_most = 0.0
        while bq < nboost and boost_docs[bq] < w1:
            boost_most = max(boost_most, boost_vals[bq])
            bq += 1
        total += boost_most
        if size == k and total < floor - margin:
            pruned = True
            bp = bq
            w0 = w1
            continue
        skip = 0  # terms not read in this window: order[:skip]
        skip_most = 0.0
        if size == k:
            while skip < u and skip_most + most[order[skip]] + boost_most < floor - margin:
                skip_most += most[order[skip]]
                skip += 1
            pruned = pruned or skip > 0
        seen = 0
        for e in range(skip, u):
            j = order[e]
            if most[j] == 0.0:
                continue
            first = _in_row(j, uniq[j], cur[j], indptr, blocks, heads, widths, offsets, data, words, row, unpacked,
                            count)
            w = wt[j]
            for i in range(_below(row[j], count[j], w0), count[j]):
                d = row[j, i]
                if d >= w1:
                    break
                tf = np.float64(freqs[first + i])
                before = acc[d]
                if before == 0.0:
                    touched[seen] = d
                    seen += 1
                acc[d] = before + w * (tf * (k1 + 1.0) / (tf + norm[d]))
        for x in range(bp, bq):
            d = boost_docs[x]
            if acc[d] == 0.0:
                touched[seen] = d
                seen += 1
            acc[d] += boost_vals[x]
        bp = bq
        for x in range(seen):
            d = touched[x]
            s = acc[d]
            acc[d] = 0.0
            if (use_allowed and not allowed[d]) or s + skip_most < floor - margin:
                continue
            left = skip_most
            out = False
            for e in range(skip - 1, -1, -1):  # the terms not read, largest bound first
                j = order[e]
                if most[j] == 0.0:
                    continue
                left -= most[j]
                first = _in_row(j, uniq[j], cur[j], indptr, blocks, heads, widths, offsets, data, words, row,
                                unpacked, count)
                at = _below(row[j], count[j], d)
                if at < count[j] and row[j, at] == d:
                    tf = np.float64(freqs[first + at])
                    s += wt[j] * (tf * (k1 + 1.0) / (tf + norm[d]))
                if s + left < floor - margin:
                    out = True
                    break
            if out:
                continue
            if size < k or s > floor:
                size = _push(heap, size, s)
                if size == k:
                    floor = heap[0]
            if s >= floor - 2 * margin:
                if c == room:  # ties can make the candidates many: grow
                    room *= 2
                    grown = np.empty(room, dtype=np.int64)
                    grown[:c] = cand[:c]
                    cand = grown
                    more = np.empty(room, dtype=np.float64)
                    more[:c] = value[:c]
                    value = more
                cand[c] = d
                value[c] = s
                c += 1
        w0 = w1
    kept = 0
    for x in range(c):  # the floor only rose: drop those kept before it did
        if value[x] >= floor - 2 * margin:
            cand[kept] = cand[x]
            kept += 1
    return cand, kept, pruned


@nb.njit(cache=True)
def _every(
    uniq: I64, times: I64, indptr: I64, blocks: I64, heads: npt.NDArray[np.int32], widths: npt.NDArray[np.uint8],
    offsets: I64, data: npt.NDArray[np.uint8], words: npt.NDArray[np.uint64], freqs: npt.NDArray[np.uint16],
    idf: F64, norm: F64, k1: float, k: int, allowed: npt.NDArray[np.bool_], use_allowed: bool, boost_docs: I64,
    boost_vals: F64, acc: F64, mark: npt.NDArray[np.uint8], touched: npt.NDArray[np.int32], margin: float,
) -> tuple[I64, int]:
    """Every posting read (a term or boost that adds nothing or less, as in a tiny archive
    where BM25Okapi's idf can be negative): the candidates within reach of the k-th best
    summed score, and how many. A passage holding a term counts even when its score is
    not above zero, so touched passages are marked."""
    buf = np.empty(_BLOCK, dtype=np.int32)
    count = 0
    for j in range(len(boost_docs)):
        d = boost_docs[j]
        if mark[d] == 0:
            mark[d] = 1
            touched[count] = d
            count += 1
        acc[d] += boost_vals[j]
    for j in range(len(uniq)):
        t = uniq[j]
        w = idf[t] * times[j]
        p = indptr[t]
        for b in range(blocks[t], blocks[t + 1]):
            n_b = min(_BLOCK, indptr[t + 1] - p)
            _unpack_block(heads, widths, offsets, data, words, b, n_b, buf)
            for i in range(n_b):
                d = buf[i]
                tf = np.float64(freqs[p + i])
                acc[d] += w * (tf * (k1 + 1.0) / (tf + norm[d]))
                if mark[d] == 0:
                    mark[d] = 1
                    touched[count] = d
                    count += 1
            p += n_b
    heap = np.empty(k, dtype=np.float64)
    size = 0
    floor = -np.inf
    for i in range(count):
        d = touched[i]
        if use_allowed and not allowed[d]:
            continue
        v = acc[d]
        if size < k or v > floor:
            size = _push(heap, size, v)
            if size == k:
                floor = heap[0]
    cand = np.empty(count, dtype=np.int64)
    c = 0
    for i in range(count):
        d = touched[i]
        v = acc[d]
        acc[d] = 0.0
        mark[d] = 0
        if (not use_allowed or allowed[d]) and v >= floor - 2 * margin:
            cand[c] = d
            c += 1
    return cand, c


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
    block_max: npt.NDArray[np.float32],
    k1: float,
    k: int,
    allowed: npt.NDArray[np.bool_],
    use_allowed: bool,
    boost_docs: I64,
    boost_vals: F64,
    acc: F64,
    mark: npt.NDArray[np.uint8],
    touched: npt.NDArray[np.int32],
) -> tuple[I64, F64, bool]:
    """The k best (passage, exact score) for `query` (term ids in the query's order, with
    repeats), score descending then passage ascending, among passages holding a query term
    or boosted (the postings: `packed.PackedLists.parts()` and the frequencies); `boost_docs`
    (ascending) get `boost_vals` added after their BM25 score. `block_max`: each block's
    best tf ratio (saved with the index, at the bounds' average length), `ratio_max`: each
    term's (`term_maxima`). The flag says whether pruning skipped reading some postings."""
    uniq, times = _distinct(query)
    u = len(uniq)
    # Every term and boost adds more than nothing (the usual case): pruned by blocks
    # (`_windows`), and a passage is touched exactly when its partial score is above zero.
    positive = True
    top_bound = 0.0
    for j in range(u):
        t = uniq[j]
        if idf[t] < _LEAST_WEIGHT:
            positive = False
        top_bound += times[j] * abs(idf[t]) * ratio_max[t]
    most_boost = 0.0
    for j in range(len(boost_vals)):
        if boost_vals[j] <= 0:
            positive = False
        most_boost = max(most_boost, abs(boost_vals[j]))
    margin = _MARGIN * (top_bound + most_boost + 1.0)
    words = _words(data)
    if positive:
        cand, c, pruned = _windows(uniq, times, indptr, blocks, heads, widths, offsets, data, words, freqs, idf, norm,
                                   ratio_max, block_max, k1, k, allowed, use_allowed, boost_docs, boost_vals, acc,
                                   touched, margin)
    else:
        cand, c = _every(uniq, times, indptr, blocks, heads, widths, offsets, data, words, freqs, idf, norm, k1, k,
                         allowed, use_allowed, boost_docs, boost_vals, acc, mark, touched, margin)
        pruned = False
    docs, scores = _rescore(query, np.sort(cand[:c]), indptr, blocks, heads, widths, offsets, data, words, freqs, idf,
                            norm, k1, k, boost_docs, boost_vals)
    return docs, scores, pruned


@nb.njit(cache=True)
def _rescore(query: I64, cand: I64, indptr: I64, blocks: I64, heads: npt.NDArray[np.int32],
             widths: npt.NDArray[np.uint8], offsets: I64, data: npt.NDArray[np.uint8], words: npt.NDArray[np.uint64],
             freqs: npt.NDArray[np.uint16], idf: F64, norm: F64, k1: float, k: int, boost_docs: I64,
             boost_vals: F64) -> tuple[I64, F64]:
    """The k best of the candidates (ascending) by their exact scores: term by term in the
    query's order, as rank-bm25 adds, then the boost, as `scores()[boost] += value`."""
    c = len(cand)
    buf = np.empty(_BLOCK, dtype=np.int32)
    state = np.empty(4, dtype=np.int64)
    exact = np.zeros(c, dtype=np.float64)
    for i in range(len(query)):
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
    for x in range(c):
        while b < len(boost_docs) and boost_docs[b] < cand[x]:
            b += 1
        if b < len(boost_docs) and boost_docs[b] == cand[x]:
            exact[x] += boost_vals[b]
    ranked = np.argsort(-exact, kind="mergesort")[:k]  # stable: ties stay in passage order
    return cand[ranked], exact[ranked]


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
