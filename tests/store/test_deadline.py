"""Every quick database call is bounded: a frozen PostgreSQL and a SQLite file whose write
lock another process holds cost at most the deadline, then `StoreUnavailable`; bulk work
is not bounded; after the database is back, calls work again on the same engine."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from retrieval.errors import StoreUnavailable
from retrieval.store import Store, make_engine
from tests.helpers.postgres import fresh_postgres_database
from tests.helpers.slowdb import FrozenProxy, sqlite_write_lock
from tests.helpers.values import issue

WAIT = 0.4
BOUND = 2.5  # the deadline plus libpq's 2 s minimum for a new connection; far below 30 s

CALLS: dict[str, Callable[[Store], object]] = {
    "stats": lambda s: s.stats(),
    "version": lambda s: s.version(),
    "article": lambda s: s.article(1),
    "issue_dates": lambda s: s.issue_dates(),
    "save_state": lambda s: s.save_state({"k": "s", "q": "x"}),
    "load_state": lambda s: s.load_state("abc", timedelta(days=1)),
}


def _timed(call: Callable[[], object]) -> tuple[float, BaseException | None]:
    start = time.monotonic()
    try:
        call()
    except BaseException as exc:
        return time.monotonic() - start, exc
    return time.monotonic() - start, None


@pytest.mark.parametrize("name", sorted(CALLS))
def test_a_frozen_postgres_costs_one_bounded_wait_then_fails_fast(name: str) -> None:
    with fresh_postgres_database() as url, FrozenProxy.to_url(url) as (proxy, via):
        store = Store(make_engine(via), wait=WAIT)
        store.set_meta("k", "v")
        proxy.freeze()
        took, err = _timed(lambda: CALLS[name](store))
        assert isinstance(err, StoreUnavailable), err
        assert took < BOUND, took
        took, err = _timed(lambda: CALLS[name](store))  # cooling down: no second wait
        assert isinstance(err, StoreUnavailable) and took < 0.2, (took, err)
        proxy.thaw()
        time.sleep(store.deadlines.cooldown + 0.1)
        assert store.get_meta("k") == "v"  # the same engine recovers
        store.engine.dispose()


def test_many_threads_on_a_frozen_postgres_are_all_released_in_time() -> None:
    with fresh_postgres_database() as url, FrozenProxy.to_url(url) as (proxy, via):
        store = Store(make_engine(via), wait=WAIT)
        for _ in range(4):
            store.stats()
        proxy.freeze()
        results: list[tuple[float, BaseException | None]] = []
        threads = [threading.Thread(target=lambda: results.append(_timed(store.stats))) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
        assert len(results) == 8
        assert all(isinstance(e, StoreUnavailable) for _, e in results), results
        assert max(t for t, _ in results) < BOUND, results
        proxy.thaw()
        store.engine.dispose()


def test_bulk_work_is_not_bounded(tmp_path: Path) -> None:
    """An index build reads every passage however long it takes: no deadline, and no
    refusal while quick calls are cooling down after an overrun."""
    store = Store(make_engine(f"sqlite:///{tmp_path / 'a.db'}"), wait=WAIT)
    store.deadlines._down_until = time.monotonic() + 60  # as after a frozen server's overrun
    with pytest.raises(StoreUnavailable):
        store.stats()  # a quick call is refused at once
    assert list(store.iter_passages()) == []  # bulk work goes on
    assert store.replace_issue(issue(passages=["正文。"])) == "new"
    assert len(list(store.iter_passages())) == 1


def test_a_locked_sqlite_writer_bounds_small_writes_and_never_blocks_reads(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    store = Store(make_engine(f"sqlite:///{path}"), wait=WAIT)
    store.set_meta("k", "v")
    with sqlite_write_lock(path):
        took, err = _timed(lambda: store.save_state({"k": "s", "q": "x"}))
        assert isinstance(err, StoreUnavailable) and took < WAIT + 1.0, (took, err)
        for _ in range(3):  # WAL: readers never wait for the writer
            took, err = _timed(lambda: store.get_meta("k"))
            assert err is None and took < WAIT, (took, err)
    time.sleep(store.deadlines.cooldown + 0.1)
    assert store.load_state(store.save_state({"q": "y"}), timedelta(days=1)) == {"q": "y"}
