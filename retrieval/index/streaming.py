"""Build the index from a stream of passages in bounded memory: spill sorted runs, merge.

An in-memory build holds every posting of the archive at once (as int64 triples, then
sorted copies): 10 GB at a million passages, so a 24 GB machine could not index much more.
Here passages arrive in batches (from the store, through the tokenising workers) and
nothing per passage stays in memory but a few integers:

    batches ──► word postings run buffer ──(full)──► run files on disk (sorted by term)
           ├──► literal codes run buffer ──(full)──► run files on disk (sorted by code)
           └──► what hits show, days, ids ─────────► appended to the index files at once
    end:  document frequencies → dropped common words → lengths, idf, bounds
          runs merged a range of terms at a time ─► words.* (packed lists) / words.freqs
          runs merged a range of codes at a time ─► grams0000.* (one literal segment)
    extend (`base`): the saved index's postings are the first run; its passages' files are
          copied and appended to; its literal segments are hard-linked and the new codes
          become one more segment (all merged into one past MAX_SEGMENTS)

The result is the same index, file for file, as `BM25Index.from_builder` over the same
passages (a test compares them): the vocabulary in first-appearance order, words in more
than half the passages dropped, passage numbers ascending in every posting list. Memory is
bounded by the run buffers and one merge range (`RUN_POSTINGS`, `MERGE_POSTINGS`), plus the
vocabulary; files are written with plain writes, never through a writable mapping, so
what is written is the page cache's, not the process's.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import numpy.typing as npt

from retrieval.index import stored
from retrieval.index.bm25 import BOUND_HEADROOM, OKAPI, BM25Model
from retrieval.index.days import APPROXIMATE_DAYS, day_number
from retrieval.index.files import load_packed, load_packer, load_segment
from retrieval.index.kernel import (
    block_maxima,
    join_block_maxima,
    join_packed,
    join_values,
    unpack,
)
from retrieval.index.literal import GRAM_PARTS
from retrieval.index.packed import DTYPES, PARTS, PackedLists, block_starts, pack_blocks
from retrieval.index.postings import EncodedBatch, freq_dtype
from retrieval.index.stored import Packer
from retrieval.types import PassageRow, pack_headline

I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
U64 = npt.NDArray[np.uint64]
F32 = npt.NDArray[np.float32]
F64 = npt.NDArray[np.float64]

RUN_POSTINGS = 16_000_000  # postings (or literal codes) held before a run is spilled (~200 MB)
MERGE_POSTINGS = 8_000_000  # postings merged and written at a time
MAX_SEGMENTS = 8  # literal segments an extended index may have before they are merged into one
_HEADER_BYTES = 128  # a fixed-size .npy header, rewritten with the final shape on close


class NpyWriter:
    """A 1-D .npy file written by appending chunks (plain writes, no mapping)."""

    def __init__(self, path: Path, dtype: npt.DTypeLike) -> None:
        self.path = path
        self.dtype = np.dtype(dtype)
        self.count = 0
        self._fh: BinaryIO = path.open("wb")
        self._fh.write(b"\0" * _HEADER_BYTES)

    def append(self, values: npt.ArrayLike) -> None:
        arr = np.ascontiguousarray(values, dtype=self.dtype)
        arr.tofile(self._fh)  # (written from the array, no copy)
        self.count += len(arr)

    def discard(self) -> None:
        """Close without finishing (the build failed: the folder is removed)."""
        if not self._fh.closed:
            self._fh.close()

    def close(self) -> None:
        if self._fh.closed:
            return
        header = repr({"descr": np.lib.format.dtype_to_descr(self.dtype), "fortran_order": False,
                       "shape": (self.count,)})
        body = header.encode("latin1")
        pad = _HEADER_BYTES - 10 - len(body) - 1
        if pad < 0:
            raise ValueError(f"{self.path}: .npy header does not fit in {_HEADER_BYTES} bytes")
        self._fh.seek(0)
        self._fh.write(b"\x93NUMPY\x01\x00" + (_HEADER_BYTES - 10).to_bytes(2, "little") + body + b" " * pad + b"\n")
        self._fh.close()


def _read(path: Path, dtype: npt.DTypeLike, start: int, stop: int, offset: int = 0) -> npt.NDArray[Any]:
    """Entries [start, stop) of a raw array file (after `offset` header bytes), by a plain read."""
    dt = np.dtype(dtype)
    with path.open("rb") as fh:
        fh.seek(offset + start * dt.itemsize)
        return np.fromfile(fh, dtype=dt, count=stop - start)


def _npy_header(path: Path) -> tuple[int, np.dtype[Any]]:
    """Where the data of a .npy file begins, and its type."""
    with path.open("rb") as fh:
        if np.lib.format.read_magic(fh) == (1, 0):
            _, _, dtype = np.lib.format.read_array_header_1_0(fh)
        else:
            _, _, dtype = np.lib.format.read_array_header_2_0(fh)
        return fh.tell(), dtype


def _npy_offset(path: Path) -> int:
    """Where the data of a .npy file begins."""
    return _npy_header(path)[0]


@dataclass
class _Run:
    """One spilled run: raw files of keys (ascending) and payloads in the same order. Nothing
    of it stays in memory: a merge finds its ranges by binary search in the mapped keys."""

    size: int
    keys: Path
    files: dict[str, Path]  # payload name → raw file
    key_dtype: np.dtype[Any]

    def span(self, lo: int, hi: int) -> tuple[int, int]:
        """Where keys in [lo, hi) lie in this run."""
        keys = np.memmap(self.keys, dtype=self.key_dtype, mode="r", shape=(self.size,))
        at = np.searchsorted(keys, np.asarray([lo, hi], dtype=self.key_dtype))
        del keys
        return int(at[0]), int(at[1])

    def read_keys(self, a: int, b: int) -> npt.NDArray[Any]:
        return _read(self.keys, self.key_dtype, a, b)

    def read(self, name: str, dtype: npt.DTypeLike, a: int, b: int) -> npt.NDArray[Any]:
        return _read(self.files[name], dtype, a, b)

    def last_key(self) -> int:
        return int(self.read_keys(self.size - 1, self.size)[0])

    def counts(self, v: int) -> I64:
        """Entries per dense key below v (term ids)."""
        out = np.zeros(v, dtype=np.int64)
        for lo in range(0, self.size, MERGE_POSTINGS):
            out += np.bincount(self.read_keys(lo, min(lo + MERGE_POSTINGS, self.size)), minlength=v)
        return out


class _Saved:
    """The postings of an index already on disk, read as one more run (they come first:
    their passages are numbered before any new one): their passage numbers unpacked from
    `lists`, other payloads read from `files`. `codes`: the keys of a literal segment;
    None for word postings, whose keys are the term ids 0…V-1 themselves."""

    def __init__(self, lists: PackedLists, files: dict[str, Path], codes: U64 | None = None) -> None:
        self.lists = lists
        self.indptr = np.asarray(lists.indptr, dtype=np.int64)
        self.codes = None if codes is None else np.asarray(codes)
        self.files = files
        self.headers = {name: _npy_header(path) for name, path in files.items()}
        self.size = int(self.indptr[-1])
        self.key_dtype = np.dtype(np.uint64 if codes is not None else np.int64)

    def _rows(self, lo: int, hi: int) -> tuple[int, int]:
        if self.codes is None:
            top = len(self.indptr) - 1
            return min(max(lo, 0), top), min(max(hi, 0), top)
        at = np.searchsorted(self.codes, np.asarray([lo, hi], dtype=np.uint64))
        return int(at[0]), int(at[1])

    def span(self, lo: int, hi: int) -> tuple[int, int]:
        a, b = self._rows(lo, hi)
        return int(self.indptr[a]), int(self.indptr[b])

    def read_keys(self, a: int, b: int) -> npt.NDArray[Any]:
        first = int(np.searchsorted(self.indptr, a, side="right")) - 1
        last = int(np.searchsorted(self.indptr, b, side="left"))
        counts = np.diff(np.clip(self.indptr[first : last + 1], a, b)).astype(np.int64)
        keys = np.arange(first, last, dtype=np.int64) if self.codes is None else self.codes[first:last]
        return np.repeat(keys, counts).astype(self.key_dtype)

    def read(self, name: str, dtype: npt.DTypeLike, a: int, b: int) -> npt.NDArray[Any]:
        if name == "docs":  # a and b are where lists begin (`span`), and no list is empty
            first, last = np.searchsorted(self.indptr, [a, b])
            return self.lists.lists(int(first), int(last)).astype(dtype, copy=False)
        offset, own = self.headers[name]  # the file's own type (term frequencies: 1 or 2 bytes)
        return _read(self.files[name], own, a, b, offset).astype(dtype, copy=False)

    def last_key(self) -> int:
        return (len(self.indptr) - 2) if self.codes is None else int(self.codes[-1])

    def counts(self, v: int) -> I64:
        out = np.zeros(v, dtype=np.int64)
        own = np.diff(self.indptr)
        out[: len(own)] = own
        return out

    def sample(self, step: int) -> npt.NDArray[Any]:
        """Every `step`-th key, read a merge range at a time."""
        parts = [self.read_keys(lo, min(lo + MERGE_POSTINGS, self.size))[::step] for lo in range(0, self.size, MERGE_POSTINGS)]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=self.key_dtype)


class _PackedWriter:
    """Packed lists (`packed.PackedLists`) written under `prefix` a merge range at a time."""

    def __init__(self, folder: Path, prefix: str, out: dict[str, NpyWriter]) -> None:
        self.parts = {part: NpyWriter(folder / f"{prefix}.{part}.npy", dtype) for part, dtype in zip(PARTS, DTYPES, strict=True)}
        out.update({f"{prefix}.{part}": w for part, w in self.parts.items()})  # (discarded with the rest on failure)
        self.parts["indptr"].append([0])
        self.parts["offsets"].append([0])
        self.count = self.bytes = 0

    def append(self, indptr: I64, docs: npt.NDArray[Any]) -> None:
        """Lists given as CSR (`indptr` from 0), after those already written."""
        self.append_packed(indptr, *pack_blocks(indptr, docs))

    def append_packed(self, indptr: I64, heads: I32, widths: npt.NDArray[np.uint8], sizes: I64,
                      data: npt.NDArray[np.uint8]) -> None:
        """Lists already packed (`pack_blocks`' parts), their CSR from 0, after those written."""
        self.parts["indptr"].append(self.count + indptr[1:])
        self.parts["heads"].append(heads)
        self.parts["widths"].append(widths)
        self.parts["offsets"].append(self.bytes + np.cumsum(sizes))
        self.parts["data"].append(data)
        self.count += int(indptr[-1])
        self.bytes += int(sizes.sum())

    def close(self) -> None:
        for w in self.parts.values():
            w.close()


Run = _Run | _Saved


class _Spiller:
    """A buffer of (key, payload…) entries in arrival order, spilled to sorted runs."""

    SAMPLE = 4096  # every this many keys of a run is kept, to cut the key space into ranges

    def __init__(self, folder: Path, name: str, key_dtype: npt.DTypeLike, payload: dict[str, npt.DTypeLike]) -> None:
        self.folder, self.name, self.payload = folder, name, payload
        self.key_dtype = np.dtype(key_dtype)
        self.keys: list[npt.NDArray[Any]] = []
        self.values: dict[str, list[npt.NDArray[Any]]] = {p: [] for p in payload}
        self.size = 0
        self.runs: list[Run] = []
        self.sample: list[npt.NDArray[Any]] = []

    def add(self, keys: npt.NDArray[Any], **values: npt.NDArray[Any]) -> None:
        self.keys.append(np.asarray(keys, dtype=self.key_dtype))
        for p, v in values.items():
            self.values[p].append(np.asarray(v, dtype=self.payload[p]))
        self.size += len(keys)
        if self.size >= RUN_POSTINGS:
            self.spill()

    def spill(self) -> None:
        if not self.size:
            return
        keys = np.concatenate(self.keys)
        order = np.argsort(keys, kind="stable")  # arrival (passage) order kept within a key
        keys = keys[order]
        tag = f"{self.name}-{len(self.runs):04d}"
        keys.tofile(self.folder / f"{tag}.keys")
        self.sample.append(keys[:: self.SAMPLE].copy())
        files = {}
        for p, parts in self.values.items():
            files[p] = self.folder / f"{tag}.{p}"
            np.concatenate(parts)[order].tofile(files[p])
        self.runs.append(_Run(len(keys), self.folder / f"{tag}.keys", files, self.key_dtype))
        self.keys, self.values, self.size = [], {p: [] for p in self.payload}, 0

    def dense_ranges(self, cumulative: I64) -> list[tuple[int, int]]:
        """Ranges [lo, hi) of dense keys (term ids), about MERGE_POSTINGS entries each, given
        the cumulative entry counts (cumulative[t]: entries of keys below t)."""
        cuts = [0]
        last = len(cumulative) - 1
        while cuts[-1] < last:
            nxt = int(np.searchsorted(cumulative, cumulative[cuts[-1]] + MERGE_POSTINGS, side="right")) - 1
            cuts.append(min(max(nxt, cuts[-1] + 1), last))
        return list(itertools.pairwise(cuts))

    def sampled_ranges(self) -> list[tuple[int, int]]:
        """Ranges [lo, hi) of sparse keys (literal codes), cut at the sampled keys."""
        if not self.runs:
            return []
        sample = np.sort(np.concatenate(self.sample))
        step = max(1, MERGE_POSTINGS // self.SAMPLE)
        top = max(r.last_key() for r in self.runs if r.size) + 1
        cuts = [0, *[int(e) for e in np.unique(sample[step::step]) if 0 < int(e) < top], top]
        return list(itertools.pairwise(cuts))

    def merged(self, ranges: list[tuple[int, int]], runs: list[Run] | None = None
               ) -> Iterator[tuple[npt.NDArray[Any], dict[str, npt.NDArray[Any]]]]:
        """Each range's entries from every run (or from `runs`), sorted by key (run order,
        hence passage order, kept within a key)."""
        for lo, hi in ranges:
            keys: list[npt.NDArray[Any]] = []
            values: dict[str, list[npt.NDArray[Any]]] = {p: [] for p in self.payload}
            for run in self.runs if runs is None else runs:
                a, b = run.span(lo, hi)
                if b > a:
                    keys.append(run.read_keys(a, b))
                    for p, dt in self.payload.items():
                        values[p].append(run.read(p, dt, a, b))
            if not keys:
                yield np.zeros(0, dtype=self.key_dtype), {p: np.zeros(0, dtype=dt) for p, dt in self.payload.items()}
                continue
            k = np.concatenate(keys)
            order = np.argsort(k, kind="stable")  # sorted runs one after another: near linear
            yield k[order], {p: np.concatenate(v)[order] for p, v in values.items()}


def _starts(keys: npt.NDArray[Any]) -> I64:
    """Where each distinct key begins in a sorted array."""
    if not len(keys):
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1]))).astype(np.int64)


@dataclass
class StreamingBuild:
    """Feed passages in order (`add`: the rows of a batch and their encoded tokens), then
    `finish` writes the whole index into `folder` (an empty folder: the caller swaps it in)."""

    folder: Path
    header: dict[str, object]
    model: BM25Model = OKAPI
    base: Path | None = None  # extend the index saved in this folder (its passages come first)
    vocab: dict[str, int] = field(default_factory=dict)
    n: int = 0

    def __post_init__(self) -> None:
        self.scratch = self.folder / "runs"
        self.scratch.mkdir(parents=True)
        self.words = _Spiller(self.scratch, "words", np.int64, {"docs": np.int32, "freqs": np.uint16})
        self.grams = _Spiller(self.scratch, "grams", np.uint64, {"docs": np.int32})
        w = self.folder
        self.out = {
            "texts.blob": NpyWriter(w / "texts.blob.npy", np.uint8),
            "texts.offsets": NpyWriter(w / "texts.offsets.npy", np.int64),
            "titles.blob": NpyWriter(w / "titles.blob.npy", np.uint8),
            "titles.offsets": NpyWriter(w / "titles.offsets.npy", np.int64),
            "article_ids": NpyWriter(w / "article_ids.npy", np.int64),
            "issue_days": NpyWriter(w / "issue_days.npy", np.int32),
            "pages": NpyWriter(w / "pages.npy", np.int32),
            "paper_ids": NpyWriter(w / "paper_ids.npy", np.int32),
            "days": NpyWriter(w / "days.npy", np.int32),
            "earliest": NpyWriter(w / "earliest.npy", np.int32),
            "passage_ids": NpyWriter(w / "passage_ids.npy", np.int64),
        }
        self._blob_at = {"texts": 0, "titles": 0}
        # each field's packer (`stored.Packer`), trained once its first TRAIN strings are in
        self.packers: dict[str, Packer | None] = {"texts": None, "titles": None}
        self._pending: dict[str, list[bytes]] = {"texts": [], "titles": []}
        self.papers: dict[str, int] = {}
        self.lengths: list[I32] = []
        self.fixed_common: frozenset[str] | None = None
        self.max_tf = 0  # the largest term frequency seen, dropped words included (`freq_dtype`)
        self.kept_segments = 0  # literal segments of the base index taken over as they are
        self.known: dict[str, list[int]] = {}  # size and CRC of files linked from the base index
        # the average length the base index's bounds hold for, and its blocks' maxima
        # (None: not extending, or an index saved before bounds had headroom)
        self.base_bounds: tuple[float, F32] | None = None
        if self.base is None:
            self.out["texts.offsets"].append([0])
            self.out["titles.offsets"].append([0])
        else:
            self._take_base(self.base)

    def _take_base(self, base: Path) -> None:
        """Start from a saved index: its vocabulary and dropped words, its passages' files
        copied (then appended to), its word postings read as the first run, its literal
        segments linked as they are (or merged with the new one when there are many)."""
        header = json.loads((base / "header.json").read_text("utf-8"))
        self.vocab = {t: i for i, t in enumerate(json.loads((base / "words.vocab.json").read_text("utf-8")))}
        self.fixed_common = frozenset(header.get("dropped_common", []))
        self.n = int(header["passages"])
        if "bound_avgdl" in header:
            self.base_bounds = (float(header["bound_avgdl"]), np.load(base / "block_max.npy"))
        for name, writer in self.out.items():
            path = base / f"{name}.npy"
            offset = _npy_offset(path)
            total = (path.stat().st_size - offset) // writer.dtype.itemsize
            for lo in range(0, total, MERGE_POSTINGS):
                writer.append(_read(path, writer.dtype, lo, min(lo + MERGE_POSTINGS, total), offset))
        for name in ("texts", "titles"):
            self._blob_at[name] = self.out[f"{name}.blob"].count
            self.packers[name] = load_packer(base, name)  # new strings packed as the old ones
        self.papers = {p: i for i, p in enumerate(json.loads((base / "papers.json").read_text("utf-8")))}
        self.lengths = [np.load(base / "doc_len.npy").astype(np.int32)]
        saved = _Saved(load_packed(base, "words"), {"freqs": base / "words.freqs.npy"})
        self.words.runs.append(saved)
        if saved.headers["freqs"][1].itemsize > 1:  # the base needed two bytes: so does this
            self.max_tf = 65535
        segments = int(header.get("segments", 0))
        listed = header.get("files", {})
        for i in range(segments):
            names = {part: f"grams{i:04d}.{part}.npy" for part in GRAM_PARTS}
            if segments >= MAX_SEGMENTS:  # compact: every segment merged into one
                segment = load_segment(base, i)
                run = _Saved(segment.lists, {}, segment.codes)
                self.grams.runs.append(run)
                self.grams.sample.append(run.sample(_Spiller.SAMPLE))
                continue
            for name in names.values():
                _link(base / name, self.folder / name)
                if name in listed:
                    self.known[name] = listed[name]
            self.kept_segments += 1

    def _strings(self, name: str, values: Iterable[str]) -> None:
        encoded = [v.encode("utf-8") for v in values]
        packer = self.packers[name]
        if packer is None:  # still gathering the dictionary's sample
            pending = self._pending[name]
            pending.extend(encoded)
            if len(pending) < stored.TRAIN:
                return
            packer = self._train(name)
            encoded = pending
        self._write_strings(name, packer.pack(encoded))

    def _train(self, name: str) -> Packer:
        """Train field `name`'s packer on its first TRAIN strings (as `Strings.build` does)."""
        packer = self.packers[name] = Packer.train(self._pending[name][: stored.TRAIN])
        self._pending[name] = []
        return packer

    def _write_strings(self, name: str, packed: list[bytes]) -> None:
        sizes = np.fromiter((len(e) for e in packed), dtype=np.int64, count=len(packed))
        self.out[f"{name}.blob"].append(np.frombuffer(b"".join(packed), dtype=np.uint8))
        self.out[f"{name}.offsets"].append(self._blob_at[name] + np.cumsum(sizes))
        self._blob_at[name] += int(sizes.sum())

    def add(self, rows: list[PassageRow], batch: EncodedBatch) -> None:
        """One batch of passages (in passage order) and their encoded tokens."""
        if batch.size != len(rows):
            raise ValueError(f"{batch.size} encoded passages for {len(rows)} rows")
        vocab = self.vocab
        mapping = np.fromiter((vocab.setdefault(t, len(vocab)) for t in batch.vocab), dtype=np.int64,
                              count=len(batch.vocab))
        if len(batch.ids):
            local = np.repeat(np.arange(batch.size, dtype=np.int64), batch.lengths)
            key = (mapping[batch.ids].astype(np.uint64) << np.uint64(32)) | local.astype(np.uint64)
            key, tf = np.unique(key, return_counts=True)
            self.max_tf = max(self.max_tf, int(tf.max()))
            self.words.add((key >> np.uint64(32)).astype(np.int64),
                           docs=(key & np.uint64(0xFFFFFFFF)).astype(np.int64) + self.n,
                           freqs=np.minimum(tf, 65535))
        if len(batch.gram_codes):
            self.grams.add(batch.gram_codes, docs=batch.gram_docs + self.n)
        self.lengths.append(np.asarray(batch.lengths, dtype=np.int32))
        self._strings("texts", (r.text for r in rows))
        self._strings("titles", (pack_headline(r.kicker, r.title, r.subtitle) for r in rows))
        days = [day_number(r.day) for r in rows]
        self.out["days"].append(days)
        self.out["earliest"].append([d - (APPROXIMATE_DAYS if r.approximate else 0) for d, r in zip(days, rows, strict=True)])
        self.out["passage_ids"].append([r.id for r in rows])
        self.out["article_ids"].append([r.article_id for r in rows])
        self.out["issue_days"].append([day_number(r.issue_day or r.day) for r in rows])
        self.out["pages"].append([r.page or 0 for r in rows])
        self.out["paper_ids"].append([self.papers.setdefault(r.paper, len(self.papers)) for r in rows])
        self.n += len(rows)

    def discard(self) -> None:
        """Close every open file of a build that failed (its folder is then removed)."""
        for w in self.out.values():
            w.discard()

    def _join_words(self, base: _Saved, ranges: list[tuple[int, int]], keep: npt.NDArray[np.bool_],
                    norm: npt.NDArray[np.float64], docs_out: _PackedWriter, freqs_out: NpyWriter,
                    bounds: list[F32], saved: F32 | None) -> None:
        """Extending: the new passages come after every old one, so each saved list is
        copied block for block and its new passages packed after it (`kernel.join_packed`),
        where unpacking, merging and packing every list again took most of an extension.
        The files are the same as the merge writes. `saved`: the base's block maxima, when
        they still hold (`finish`): only the blocks packed anew are read; else every list's."""
        parts = base.lists.parts()
        base_freqs = np.load(base.files["freqs"], mmap_mode="r")
        for (lo, hi), (keys, values) in zip(ranges, self.words.merged(ranges, self.words.runs[1:]), strict=True):
            held = keep[keys]
            keys, docs, freqs = keys[held], values["docs"][held], values["freqs"][held]
            rows = (np.flatnonzero(keep[lo:hi]) + lo).astype(np.int64)  # kept word ids (= saved rows below its size)
            if not len(rows):
                continue
            new_ptr = np.zeros(len(rows) + 1, dtype=np.int64)
            np.cumsum(np.bincount(keys - lo, minlength=hi - lo)[rows - lo], out=new_ptr[1:])
            ptr, heads, widths, sizes, data = join_packed(*parts, rows, new_ptr, docs.astype(np.int64))
            joined = np.empty(int(ptr[-1]), dtype=freqs_out.dtype)
            join_values(base.indptr, base_freqs, rows, new_ptr, freqs, joined)
            docs_out.append_packed(ptr, heads, widths, sizes, data)
            freqs_out.append(joined)
            offsets = np.concatenate(([0], np.cumsum(sizes)))
            if saved is not None:
                bounds.append(join_block_maxima(parts[0], parts[1], saved, rows, new_ptr, ptr, heads, widths, offsets,
                                                data, joined, norm, self.model.k1))
            else:
                whole = unpack(ptr, block_starts(ptr), heads, widths, offsets, data, 0, len(ptr) - 1)
                bounds.append(block_maxima(ptr, whole, joined, norm, self.model.k1))

    def finish(self) -> None:
        """Merge the runs and write every remaining file; `header` is then complete but for
        the checksums (`files.finish` adds them)."""
        self.words.spill()
        self.grams.spill()
        for name, packer in list(self.packers.items()):
            if packer is None:  # fewer strings than a full sample: trained on what there is
                pending = self._pending[name]
                self._write_strings(name, self._train(name).pack(pending))
            np.save(self.folder / f"{name}.dict.npy",
                    np.frombuffer(self.packers[name].dictionary or b"", dtype=np.uint8))  # type: ignore[union-attr]
        for w in self.out.values():
            w.close()
        n, names = self.n, list(self.vocab)
        v = len(names)
        df = np.zeros(v, dtype=np.int64)
        for run in self.words.runs:
            df += run.counts(v)
        if self.fixed_common is not None:  # extending: the dropped set stays what it was
            common = self.fixed_common
        else:
            common = frozenset(names[t] for t in np.flatnonzero(df * 2 > n)) if n >= 20 else frozenset()
        keep = np.ones(v, dtype=bool)
        for word in common:
            if word in self.vocab:
                keep[self.vocab[word]] = False
        # passage lengths without the dropped words: every token kept, minus theirs
        doc_len = np.concatenate(self.lengths) if self.lengths else np.zeros(0, dtype=np.int64)
        for t in np.flatnonzero(~keep).tolist():
            for run in self.words.runs:
                a, b = run.span(t, t + 1)
                if b > a:
                    np.subtract.at(doc_len, run.read("docs", np.int32, a, b),
                                   run.read("freqs", np.uint16, a, b).astype(np.int64))
        doc_len32 = doc_len.astype(np.int32)
        avgdl = float(doc_len32.sum()) / n if n else 0.0
        # the bounds' average length (`bm25.BOUND_HEADROOM`): an extension keeps its base's
        # while the average stays below it, so the old postings' bounds are taken as saved
        kept = self.base_bounds if self.base_bounds is not None and avgdl <= self.base_bounds[0] else None
        bound_avgdl = kept[0] if kept is not None else avgdl * BOUND_HEADROOM
        norm = self.model.length_norm(doc_len32, bound_avgdl)
        f = self.folder
        docs_out = _PackedWriter(f, "words", self.out)
        freqs_out = self.out["words.freqs"] = NpyWriter(f / "words.freqs.npy", freq_dtype(self.max_tf))
        bounds: list[F32] = []  # each block's best tf ratio, range by range
        ranges = self.words.dense_ranges(np.concatenate(([0], np.cumsum(df))))
        base = self.words.runs[0] if self.words.runs else None
        if isinstance(base, _Saved) and keep[: len(base.indptr) - 1].all():
            self._join_words(base, ranges, keep, norm, docs_out, freqs_out, bounds,
                             kept[1] if kept is not None else None)
        else:
            for keys, values in self.words.merged(ranges):
                held = keep[keys]
                docs, freqs, kept = values["docs"][held], values["freqs"][held], keys[held]
                if not len(kept):
                    continue
                ptr = np.append(_starts(kept), len(kept)).astype(np.int64)
                docs_out.append(ptr, docs)
                freqs_out.append(freqs)
                bounds.append(block_maxima(ptr, docs, freqs, norm, self.model.k1))
        docs_out.close()
        freqs_out.close()
        kept_df = df[keep]
        if docs_out.parts["indptr"].count != len(kept_df) + 1:  # every kept word has a posting
            raise RuntimeError(f"{docs_out.parts['indptr'].count - 1} posting lists for {len(kept_df)} words")
        (f / "words.vocab.json").write_text(
            json.dumps([names[t] for t in np.flatnonzero(keep).tolist()], ensure_ascii=False), "utf-8")
        np.save(f / "idf.npy", self.model.idf(kept_df.tolist(), n))
        np.save(f / "block_max.npy", np.concatenate(bounds) if bounds else np.zeros(0, dtype=np.float32))
        np.save(f / "doc_len.npy", doc_len32)
        segments = self.kept_segments
        if self.grams.runs:
            tag = f"grams{segments:04d}"
            codes_out = self.out[f"{tag}.codes"] = NpyWriter(f / f"{tag}.codes.npy", np.uint64)
            lists_out = _PackedWriter(f, tag, self.out)
            for keys, values in self.grams.merged(self.grams.sampled_ranges()):
                if not len(keys):
                    continue
                starts = _starts(keys)
                codes_out.append(keys[starts])
                lists_out.append(np.append(starts, len(keys)), values["docs"])
            codes_out.close()
            lists_out.close()
            segments += 1
        (f / "papers.json").write_text(json.dumps(list(self.papers), ensure_ascii=False), "utf-8")
        shutil.rmtree(self.scratch, ignore_errors=True)
        from retrieval.index.engine import FORMAT

        self.header = dict(self.header, format=FORMAT, passages=n, avgdl=avgdl, bound_avgdl=bound_avgdl,
                           dropped_common=sorted(common),
                           segments=segments, stored=True)


def _link(source: Path, target: Path) -> None:
    """A hard link (the new index shares the unchanged file), or a copy where links fail."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def batches(rows: Iterator[PassageRow], size: int) -> Iterator[list[PassageRow]]:
    """Rows in lists of `size` (the last one shorter)."""
    batch: list[PassageRow] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
