"""The index's life on disk: load it when it is current, rebuild or extend it when not.

The index is built from the store's passages (`PassageSource`) and stamped with the
database version it was built from. Several processes may share one index folder: a file
lock lets one of them rebuild while the others wait, then find the fresh index and simply
load it. A new issue in a large archive is tokenised on its own and merged in (`extend`);
a smaller archive is simply rebuilt (it takes seconds, and keeps the set of dropped
common words exact).

A built index is saved and then served from the memory-mapped files, not from the arrays
that built it: those are freed (gigabytes at scale) and the pages are shared with every
other process that maps the same files.

The folder lock is a POSIX record lock (`fcntl.lockf`), not `flock`: it belongs to the
process that took it, so the tokenising workers it forks do not inherit it, and the
kernel drops it the moment that process dies, however it dies (a killed ingest can never
leave a lock behind). A wait for it is bounded, and says which process it waits for.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

from retrieval import lexicon
from retrieval.errors import IndexBusy, IndexCorrupt, IndexMissing
from retrieval.index import files
from retrieval.index.engine import BM25Index
from retrieval.index.literal import UNIGRAM_LIMIT
from retrieval.index.streaming import StreamingBuild, batches
from retrieval.index.workers import BATCH, PARALLEL_ABOVE, encode_stream
from retrieval.tokenize import Tokenizer
from retrieval.types import PassageRow, Progress

logger = logging.getLogger(__name__)
EMPTY = "empty"  # the version of an index built from a database that has never been stamped


_THREAD_LOCKS: dict[Path, threading.Lock] = {}
_THREAD_LOCKS_GUARD = threading.Lock()


def _thread_lock(path: Path) -> threading.Lock:
    """One in-process lock per lock file, shared by every IndexHome of this process: a POSIX
    lock does not exclude the process's own threads, and closing any descriptor of the file
    would drop it, so two users in one process must never both be inside."""
    key = path.resolve()
    with _THREAD_LOCKS_GUARD:
        return _THREAD_LOCKS.setdefault(key, threading.Lock())


def _holder(path: Path) -> str:
    """The process id the lock holder wrote into the lock file (for messages)."""
    try:
        return path.read_text("utf-8").strip() or "?"
    except OSError:
        return "?"


class PassageSource(Protocol):
    """What the index is built from (`retrieval.store.Store`)."""

    def version(self) -> str | None: ...
    def iter_passages(self, batch: int = 20000, after: int = 0) -> Iterator[PassageRow]: ...
    def leads(self) -> Iterator[str]: ...  # each article's first passage
    def passage_count(self) -> int: ...
    def authors(self) -> list[str]: ...


@dataclass(frozen=True)
class Loaded:
    """A tokenizer and the index built with its words, at one database version."""

    tokenizer: Tokenizer
    index: BM25Index
    version: str


class IndexHome:
    """One index folder: `open`, `rebuild` and `update` it, each under the folder's lock."""

    def __init__(
        self, folder: Path, user_dict: Path, extend_above: int = 50_000, lock_timeout: float = 900.0
    ) -> None:
        self.folder = folder
        self.lock_timeout = lock_timeout
        self.user_dict = user_dict
        self.extend_above = extend_above
        self.last_build_seconds = 0.0
        self.last_mode = ""  # "rebuild" | "extend" | "" (loaded as it was)

    @property
    def _jieba_cache(self) -> Path:
        return self.folder.parent / "jieba"

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """The folder's lock, for this thread: other processes wait (bounded), and so do
        other threads of this one (a process-wide lock does not exclude its own threads)."""
        path = self.folder.parent / f".{self.folder.name}.lock"
        with _thread_lock(path):
            self.folder.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "a+") as fh:
                self._acquire(fh, path)
                try:
                    fh.seek(0)
                    fh.truncate()
                    fh.write(f"{os.getpid()}\n")
                    fh.flush()
                    yield
                finally:
                    fcntl.lockf(fh, fcntl.LOCK_UN)

    def _acquire(self, fh: IO[str], path: Path) -> None:
        deadline = time.monotonic() + self.lock_timeout
        next_note = time.monotonic()
        while True:
            try:
                fcntl.lockf(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except OSError as exc:
                if exc.errno not in (errno.EACCES, errno.EAGAIN):
                    raise
            holder = _holder(path)
            now = time.monotonic()
            if now >= deadline:
                raise IndexBusy(
                    f"索引目录 {self.folder} 正被进程 {holder} 使用（重建或扩展索引），"
                    f"已等待 {self.lock_timeout:.0f} 秒：请等它完成后再试"
                )
            if now >= next_note:
                logger.info("waiting for the index lock %s (held by process %s)", path, holder)
                next_note = now + 10
            time.sleep(min(0.2, max(0.0, deadline - now)))

    def open(self, source: PassageSource) -> Loaded:
        """The saved index when it was built from the database's current version, else a
        fresh one."""
        with self.lock():
            version = source.version()
            header = files.read_header(self.folder)
            if version is not None and files.is_current(header, version):
                try:
                    index = files.load(self.folder)
                except (IndexMissing, IndexCorrupt, OSError, ValueError, KeyError, TypeError) as exc:
                    logger.warning("the saved index cannot be used (%s): rebuilding it from the database", exc)
                else:
                    tokenizer = Tokenizer(header.get("user_words", []), cache_dir=self._jieba_cache)
                    return Loaded(tokenizer, index, version)
            return self._rebuild(source)

    def damaged(self, loaded: Loaded) -> str | None:
        """Why the files `loaded` maps are no longer what it was built from (deleted or
        resized under it), or None. A file replaced by a newer index does not count: the
        version stamp tells that, and the old mapping stays valid."""
        if files.read_header(self.folder).get("version") != loaded.version:
            return None
        return files.damaged(self.folder, loaded.index.header)

    def rebuild(self, source: PassageSource, progress: Progress | None = None) -> Loaded:
        """Tokenise every passage (on all cores) and write a fresh index."""
        with self.lock():
            return self._rebuild(source, progress)

    def update(self, source: PassageSource, current: Loaded | None, only_added: bool) -> Loaded:
        """After an ingest: extend `current` with the new passages when that is possible
        (nothing replaced, a large archive), else rebuild."""
        with self.lock():
            if current is not None and only_added:
                extended = self._extend(source, current)
                if extended is not None:
                    return extended
            return self._rebuild(source)

    # -- under the lock ---------------------------------------------------------------
    def _rebuild(self, source: PassageSource, progress: Progress | None = None) -> Loaded:
        """Two passes over the store, neither holding what it reads: one over the articles'
        leads for the archive's own words (bylines, names in leads), one over every passage
        to tokenise and build (`streaming`)."""
        started = time.perf_counter()
        version = source.version() or EMPTY
        count = source.passage_count()
        words = sorted(set(lexicon.read_user_dict(self.user_dict) + lexicon.harvest(source.leads(), source.authors())))
        tokenizer = Tokenizer(words, cache_dir=self._jieba_cache)
        ticks = iter(progress(list(range(-(-count // BATCH)))) if progress else ())
        self._stream(source.iter_passages(), {"version": version, "user_words": words}, count < UNIGRAM_LIMIT,
                     tokenizer, count > PARALLEL_ABOVE, None, lambda: next(ticks, None))
        loaded = Loaded(tokenizer, files.load(self.folder, check=False), version)  # finish just checksummed it
        self.last_build_seconds = time.perf_counter() - started
        self.last_mode = "rebuild"
        return loaded

    def _stream(
        self, rows: Iterator[PassageRow], header: dict[str, object], unigrams: bool, tokenizer: Tokenizer,
        parallel: bool, base: Path | None, tick: Callable[[], object] = lambda: None,
    ) -> None:
        """Build into a fresh folder from `rows` (after the index in `base`, if given) and
        swap it in; on any failure remove what was written and leave the index in place."""
        tmp = files.fresh(self.folder)
        build: StreamingBuild | None = None
        try:
            build = StreamingBuild(tmp, header, base=base)
            words = list(header["user_words"])  # type: ignore[call-overload]
            pairs = encode_stream(batches(rows, BATCH), lambda chunk: [(r.headline, r.text) for r in chunk],
                                  words, unigrams, tokenizer, parallel=parallel)
            for chunk, batch in pairs:
                build.add(chunk, batch)
                tick()
            build.finish()
            files.finish(tmp, build.header, build.known)
        except BaseException:
            if build is not None:
                build.discard()
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        files.swap(tmp, self.folder)

    def _extend(self, source: PassageSource, current: Loaded) -> Loaded | None:
        """Index only the passages added since `current` was built, without tokenising the
        rest again: the saved index is the first run of a streaming build (`streaming`),
        its unchanged literal segments linked, not copied. None when not worth it: nothing
        new, a small archive (a rebuild is cheap), or more new passages than old."""
        index = current.index
        last = int(index.passage_ids[-1]) if index.n else 0
        rows = list(source.iter_passages(after=last))
        if not rows or index.n < self.extend_above or len(rows) > index.n:
            return None
        started = time.perf_counter()
        version = source.version() or EMPTY
        words = list(index.header.get("user_words", []))  # type: ignore[call-overload]
        self._stream(iter(rows), {"version": version, "user_words": words}, index.n < UNIGRAM_LIMIT,
                     current.tokenizer, len(rows) > PARALLEL_ABOVE, self.folder)
        loaded = Loaded(current.tokenizer, files.load(self.folder, check=False), version)
        self.last_build_seconds = time.perf_counter() - started
        self.last_mode = "extend"
        return loaded
