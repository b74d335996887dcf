"""Tokenise passages on every core: (title, text) rows in, `EncodedBatch`es out.

Tokenising dominates indexing, so batches of passages go to worker processes (each with
its own tokenizer and the archive's words, loaded once per worker) and come back as
compact integer arrays (`postings.EncodedBatch`), which the caller merges in passage order.
Small jobs stay in this process: starting workers would cost more than it saves.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import re
import select
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

from retrieval.index.postings import EncodedBatch, encode
from retrieval.tokenize import Tokenizer, is_token

BATCH = 20_000
T = TypeVar("T")
PARALLEL_ABOVE = 5_000  # below this, worker start-up costs more than it saves
_SPACE = re.compile(r"\s+")

_worker: Tokenizer | None = None
PR_SET_PDEATHSIG = 1


def _die_with(owner: int) -> None:
    """Make this worker exit when `owner` (the ingest) does, however it dies: a killed
    ingest must not leave workers behind, blocked forever on a queue nobody reads.

    The kernel kills a worker whose parent dies (Linux), but the parent is the fork server,
    which waits for every worker it forked before it exits: a worker blocked writing its
    batch to the result pipe (it holds the pipe's read end too, so the write never fails)
    would keep both alive for ever. So each worker also watches the owner itself: a thread
    waits on the owner's pidfd (Linux 5.3+), or checks on it every second elsewhere."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    try:
        handle = os.pidfd_open(owner)
    except (AttributeError, OSError):
        handle = -1
    if not _alive(owner):  # the owner died before the watch was set up
        os._exit(1)
    threading.Thread(target=_watch, args=(owner, handle), name="owner-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def _watch(owner: int, handle: int) -> None:
    """Exit this process once `owner` has exited (`handle`: its pidfd, or -1)."""
    if handle >= 0:
        select.select([handle], [], [])  # readable once the process has exited
    else:
        while _alive(owner):
            time.sleep(1.0)
    os._exit(1)


def _init(words: list[str], owner: int) -> None:
    global _worker
    _die_with(owner)
    _worker = Tokenizer(words)


def _encode(job: tuple[list[tuple[str, str]], bool]) -> EncodedBatch:
    rows, unigrams = job
    assert _worker is not None
    return encode_rows(_worker, rows, unigrams)


def encode_rows(tokenizer: Tokenizer, rows: Sequence[tuple[str, str]], unigrams: bool) -> EncodedBatch:
    """(title, text) rows → token ids and literal codes. The headline's words join every
    passage's tokens: a question often names the event while the answer sits deep in the body."""
    tokens: list[list[str]] = []
    literal: list[str] = []
    title_cache: dict[str, tuple[list[str], str]] = {}
    for title, text in rows:
        cached = title_cache.get(title)
        if cached is None:
            norm_title = tokenizer.fold(title)
            cached = title_cache[title] = (tokenizer.raw_tokens(norm_title), norm_title)
        norm = tokenizer.fold(text)
        tokens.append(cached[0] + tokenizer.raw_tokens(norm))
        literal.append(_SPACE.sub("", cached[1] + norm))
    return encode(tokens, literal, unigrams, keep=is_token)


def _pool(workers: int, words: list[str]) -> ProcessPoolExecutor:
    """Worker processes started from a fork server (a fresh interpreter with this module
    imported), not forked from this process: a fork would share this process's heap with
    every worker, and at ten million passages an ingest's heap is gigabytes, which the
    workers' own writes then copy page by page (their garbage collector alone touches every
    object). Where there is no fork server, workers are spawned."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload([__name__])  # each worker forks with the tokenizer's modules loaded
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_init, initargs=(words, os.getpid()))


def encode_all(
    rows: Sequence[tuple[str, str]], words: list[str], unigrams: bool, tokenizer: Tokenizer
) -> Iterator[EncodedBatch]:
    """Encoded batches in passage order, on all cores for a large archive."""
    chunks = [list(rows[i : i + BATCH]) for i in range(0, len(rows), BATCH)]
    workers = min(os.cpu_count() or 1, len(chunks))
    if len(rows) <= PARALLEL_ABOVE or workers < 2:
        for chunk in chunks:
            yield encode_rows(tokenizer, chunk, unigrams)
        return
    with _pool(workers, words) as pool:
        yield from pool.map(_encode, [(c, unigrams) for c in chunks])


def encode_stream(
    chunks: Iterable[T], texts: Callable[[T], list[tuple[str, str]]], words: list[str], unigrams: bool,
    tokenizer: Tokenizer, parallel: bool,
) -> Iterator[tuple[T, EncodedBatch]]:
    """(chunk, its encoded batch) in order, for chunks that arrive one at a time (read from
    the store as they are needed); `texts` gives a chunk's (title, text) rows. At most two
    chunks per worker are in flight, so memory does not grow with the archive."""
    workers = os.cpu_count() or 1
    if not parallel or workers < 2:
        for chunk in chunks:
            yield chunk, encode_rows(tokenizer, texts(chunk), unigrams)
        return
    with _pool(workers, words) as pool:
        pending: deque[tuple[T, Future[EncodedBatch]]] = deque()
        for chunk in chunks:
            pending.append((chunk, pool.submit(_encode, (texts(chunk), unigrams))))
            if len(pending) >= 2 * workers:
                done, future = pending.popleft()
                yield done, future.result()
        while pending:
            done, future = pending.popleft()
            yield done, future.result()
