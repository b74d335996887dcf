"""The index on disk: .npy arrays plus a JSON header, memory-mapped on load.

Several processes (bots, an ingest) share one index folder through the page cache. A new
index is written into a fresh sibling folder (`index.new`) and swapped in by renaming, so
a reader that mapped the old files keeps them until it reloads. `header.json` carries the
format number, the database version the index was built from, and the size and CRC-32 of
every other file: an index of another format or version, or whose files do not match
(deleted, truncated, garbled), is rebuilt from the database, never trusted. A running
reader checks the sizes again (`damaged`) before it relies on the mapping, since a file
truncated under a mapping would kill the process with SIGBUS.
"""

from __future__ import annotations

import json
import shutil
import threading
import zlib
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from retrieval.errors import IndexCorrupt, IndexMissing
from retrieval.index.bm25 import OKAPI, BM25Model
from retrieval.index.engine import FORMAT, BM25Index
from retrieval.index.literal import GramSegment
from retrieval.index.packed import PARTS, PackedLists
from retrieval.index.postings import WordPostings
from retrieval.index.stored import Packer, Stored, Strings

HEADER = "header.json"


def _map(path: Path) -> npt.NDArray[Any]:
    """A memory-mapped array as a plain ndarray view: no copy, and none of np.memmap's
    per-access overhead (which shows at thousands of element reads per query)."""
    return np.asarray(np.load(path, mmap_mode="r"))


def read_header(folder: Path) -> dict[str, Any]:
    """The saved index's header, or {} when there is none (never saved, or half-deleted)."""
    try:
        header = json.loads((folder / HEADER).read_text("utf-8"))
    except (OSError, ValueError):  # none, unreadable or garbled: as good as none
        return {}
    return dict(header) if isinstance(header, dict) else {}


def _crc(path: Path) -> int:
    crc = 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 22):
            crc = zlib.crc32(chunk, crc)
    return crc


def _inventory(folder: Path, known: dict[str, list[int]] | None = None) -> dict[str, list[int]]:
    """{file name: [size, crc32, mtime_ns]} of every data file in the folder (`known`:
    entries of files linked unchanged from another index, their CRC taken when the size agrees)."""
    known = known or {}
    out = {}
    for f in sorted(folder.iterdir()):
        if f.name == HEADER:
            continue
        st = f.stat()
        entry = known.get(f.name)
        crc = entry[1] if entry and entry[0] == st.st_size else _crc(f)
        out[f.name] = [st.st_size, crc, st.st_mtime_ns]
    return out


def verify(folder: Path, header: dict[str, Any]) -> None:
    """Raise IndexCorrupt unless every file the header lists is there with its size and CRC.
    A file not modified since the index was written (the same modification time to the
    nanosecond) is not read again: any write through the file system changes it, and
    reading a million-passage index whole would cost more than the rest of a start-up."""
    listed = header.get("files")
    if not isinstance(listed, dict) or not listed:
        raise IndexCorrupt(f"the index in {folder} records no checksums")
    for name, entry in listed.items():
        size, crc = entry[0], entry[1]
        path = folder / name
        try:
            st = path.stat()
        except OSError as exc:
            raise IndexCorrupt(f"{path}: missing ({exc.strerror})") from exc
        if st.st_size != size:
            raise IndexCorrupt(f"{path}: {st.st_size} bytes, the index was saved with {size}")
        if len(entry) > 2 and st.st_mtime_ns == entry[2]:
            continue
        if _crc(path) != crc:
            raise IndexCorrupt(f"{path}: its contents changed since the index was saved")


def damaged(folder: Path, header: dict[str, Any]) -> str | None:
    """Why the mapped files can no longer be trusted (a file gone or resized), or None.
    Cheap (one stat per file): run before relying on a long-lived mapping."""
    listed = header.get("files")
    if not isinstance(listed, dict):
        return None
    for name, entry in listed.items():
        size = entry[0]
        try:
            actual = (folder / name).stat().st_size
        except OSError:
            return f"{name} is missing"
        if actual != size:
            return f"{name} has {actual} bytes instead of {size}"
    return None


def is_current(header: dict[str, Any], version: str | None) -> bool:
    """Whether a saved index with this header was built from the database at `version`."""
    return version is not None and header.get("version") == version and header.get("format") == FORMAT


# -- writing ------------------------------------------------------------------------------
def _save_packed(lists: PackedLists, folder: Path, prefix: str) -> None:
    for part in PARTS:
        np.save(folder / f"{prefix}.{part}.npy", getattr(lists, part))


def _save_strings(strings: Strings, folder: Path, name: str) -> None:
    np.save(folder / f"{name}.blob.npy", strings.blob)
    np.save(folder / f"{name}.offsets.npy", strings.offsets)
    np.save(folder / f"{name}.dict.npy", np.frombuffer(strings.packer.dictionary or b"", dtype=np.uint8))


def _save_stored(stored: Stored, folder: Path) -> None:
    _save_strings(stored.texts, folder, "texts")
    _save_strings(stored.titles, folder, "titles")
    np.save(folder / "article_ids.npy", stored.article_ids)
    np.save(folder / "issue_days.npy", stored.issue_days)
    np.save(folder / "pages.npy", stored.pages)
    np.save(folder / "paper_ids.npy", stored.paper_ids)
    (folder / "papers.json").write_text(json.dumps(stored.papers, ensure_ascii=False), "utf-8")


def save(index: BM25Index, folder: Path) -> None:
    """Write into a fresh sibling folder and swap it in: readers that mapped the old
    files keep them until they reload. A failed write (a full disk) removes what it wrote
    and leaves the index in place untouched."""
    tmp = fresh(folder)
    try:
        _write(index, tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    swap(tmp, folder)


def fresh(folder: Path) -> Path:
    """An empty sibling folder (`index.new`) to write a new index into."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.with_name(folder.name + ".new")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    return tmp


def finish(tmp: Path, header: dict[str, Any], known: dict[str, list[int]] | None = None) -> None:
    """Write the header, with the size and CRC of every file, last: a folder without it
    is never taken for an index."""
    (tmp / HEADER).write_text(json.dumps(dict(header, files=_inventory(tmp, known)), ensure_ascii=False), "utf-8")


def swap(tmp: Path, folder: Path) -> None:
    """Put the finished folder `tmp` in the place of `folder` (renames only). The old
    folder is deleted in the background: unlinking gigabytes takes a while, and nothing
    waits for it (one left behind by an exit is deleted by the next swap)."""
    old = folder.with_name(folder.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        folder.rename(old)
    tmp.rename(folder)
    threading.Thread(target=shutil.rmtree, args=(old,), kwargs={"ignore_errors": True}, daemon=True).start()


def _write(index: BM25Index, tmp: Path) -> None:
    _save_packed(index.words.lists, tmp, "words")
    np.save(tmp / "words.freqs.npy", index.words.freqs)
    (tmp / "words.vocab.json").write_text(json.dumps(list(index.words.vocab), ensure_ascii=False), "utf-8")
    for i, seg in enumerate(index.grams):
        np.save(tmp / f"grams{i:04d}.codes.npy", seg.codes)
        _save_packed(seg.lists, tmp, f"grams{i:04d}")
    np.save(tmp / "doc_len.npy", index.doc_len)
    np.save(tmp / "days.npy", index.days)
    np.save(tmp / "earliest.npy", index.earliest)
    np.save(tmp / "passage_ids.npy", index.passage_ids)
    np.save(tmp / "idf.npy", index.idf_values)
    np.save(tmp / "block_max.npy", index.block_max)
    if index.stored is not None:
        _save_stored(index.stored, tmp)
    finish(tmp, dict(index.header, segments=len(index.grams), stored=index.stored is not None))


# -- reading ------------------------------------------------------------------------------
def load_packed(folder: Path, prefix: str) -> PackedLists:
    """The packed lists saved under `prefix` (`words`, `grams0000`…), memory-mapped."""
    return PackedLists(*(_map(folder / f"{prefix}.{part}.npy") for part in PARTS))


def load_segment(folder: Path, i: int) -> GramSegment:
    """Literal segment i of a saved index, memory-mapped."""
    return GramSegment(_map(folder / f"grams{i:04d}.codes.npy"), load_packed(folder, f"grams{i:04d}"))


def load_packer(folder: Path, name: str) -> Packer:
    """The dictionary the strings of field `name` are packed with (`stored.Packer`)."""
    return Packer(np.load(folder / f"{name}.dict.npy").tobytes() or None)


def _load_strings(folder: Path, name: str) -> Strings:
    return Strings(_map(folder / f"{name}.blob.npy"), _map(folder / f"{name}.offsets.npy"), load_packer(folder, name))


def _load_stored(folder: Path) -> Stored:
    return Stored(
        _load_strings(folder, "texts"),
        _load_strings(folder, "titles"),
        _map(folder / "article_ids.npy"),
        _map(folder / "issue_days.npy"),
        _map(folder / "pages.npy"),
        _map(folder / "paper_ids.npy"),
        json.loads((folder / "papers.json").read_text("utf-8")),
    )


def load(folder: Path, model: BM25Model = OKAPI, check: bool = True) -> BM25Index:
    """The saved index, memory-mapped (IndexMissing when there is none, or of an old format).
    `check=False` skips the checksums, for the files this process has just written and
    checksummed itself (`save`); sizes are still what `damaged` compares later."""
    header = read_header(folder)
    if not header:
        raise IndexMissing(f"no search index in {folder}: run `python -m retrieval ingest` first")
    if header.get("format") != FORMAT:
        raise IndexMissing(f"the index in {folder} has an old format: run `python -m retrieval reindex`")
    if check:
        verify(folder, header)
    terms = json.loads((folder / "words.vocab.json").read_text("utf-8"))
    words = WordPostings(
        dict(zip(terms, range(len(terms)), strict=True)),
        load_packed(folder, "words"),
        _map(folder / "words.freqs.npy"),
    )
    grams = [load_segment(folder, i) for i in range(int(header.get("segments", 0)))]
    return BM25Index(
        words,
        grams,
        _map(folder / "doc_len.npy"),
        _map(folder / "days.npy"),
        _map(folder / "earliest.npy"),
        _map(folder / "passage_ids.npy"),
        header,
        np.load(folder / "idf.npy"),
        _load_stored(folder) if header.get("stored") else None,
        model,
        block_max=_map(folder / "block_max.npy"),
    )
