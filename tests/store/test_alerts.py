"""retrieval/store/alerts.py on each backend: the queue's compare-and-set steps hold when
several workers race, a chat's spacing holds, and a digest is never handed out twice."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest

from retrieval.alerts import Digest, DigestItem
from retrieval.store import Store, make_engine
from retrieval.store.alerts import MAX_ATTEMPTS

T0 = datetime(2026, 11, 22, 2, 0)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    engine = make_engine(database_url)
    yield Store(engine)
    engine.dispose()


def _digest(chat: int, title: str = "市曲棍球队夺冠", day: date = date(2026, 11, 20)) -> Digest:
    return Digest(chat, "溪澄日报", day, (DigestItem(1, title, "一句话。", ("曲棍球",)),))


def test_digests_are_queued_once_under_their_key(store: Store) -> None:
    q = store.alerts
    q.subscribe(1, "private", "曲棍球", 1, T0)
    assert q.enqueue([_digest(1), _digest(1)], T0) == 1
    assert q.enqueue([_digest(1)], T0) == 0
    assert q.enqueue([_digest(1, "另一篇")], T0) == 1
    assert q.counts() == {"pending": 2}


def test_a_chat_gets_one_digest_per_gap_and_others_are_not_held_up(store: Store) -> None:
    q = store.alerts
    q.subscribe(1, "private", "曲棍球", 1, T0)
    q.subscribe(-5, "group", "曲棍球", 2, T0)
    q.enqueue([_digest(1, "甲"), _digest(1, "乙"), _digest(-5, "甲")], T0)
    first = q.claim("w", T0)
    second = q.claim("w", T0)
    assert first is not None and second is not None and {first.digest.chat_id, second.digest.chat_id} == {1, -5}
    assert q.claim("w", T0) is None  # chat 1's next one waits a second
    later = q.claim("w", T0 + timedelta(seconds=1.1))
    assert later is not None and later.digest.chat_id == 1
    q.enqueue([_digest(-5, "乙")], T0)
    assert q.claim("w", T0 + timedelta(seconds=2)) is None  # a group: 3 seconds
    assert q.claim("w", T0 + timedelta(seconds=3.1)) is not None


def test_racing_workers_never_take_the_same_digest(store: Store) -> None:
    q = store.alerts
    chats = list(range(100, 140))
    for c in chats:
        q.subscribe(c, "private", "曲棍球", c, T0)
    q.enqueue([_digest(c) for c in chats], T0)
    taken: list[int] = []
    lock = threading.Lock()

    def work(name: str) -> None:
        while (job := q.claim(name, T0)) is not None:
            assert q.sent(job.id, name, 1, T0)
            with lock:
                taken.append(job.id)

    workers = [threading.Thread(target=work, args=(f"w{k}",)) for k in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert sorted(taken) == sorted(set(taken)) and len(taken) == len(chats)
    assert q.counts() == {"sent": len(chats)}


def test_only_the_claiming_worker_finishes_a_digest(store: Store) -> None:
    q = store.alerts
    q.subscribe(1, "private", "曲棍球", 1, T0)
    q.enqueue([_digest(1)], T0)
    job = q.claim("a", T0)
    assert job is not None
    assert not q.sent(job.id, "b", 1, T0)
    assert q.sent(job.id, "a", 7, T0)
    assert not q.sent(job.id, "a", 7, T0)  # once


def test_a_digest_left_sending_becomes_uncertain_and_is_never_sent_again(store: Store) -> None:
    q = store.alerts
    q.subscribe(1, "private", "曲棍球", 1, T0)
    q.enqueue([_digest(1)], T0)
    assert q.claim("dead", T0) is not None
    assert q.expire(T0 + timedelta(seconds=10), timedelta(seconds=60)) == 0
    assert q.expire(T0 + timedelta(seconds=61), timedelta(seconds=60)) == 1
    assert q.claim("alive", T0 + timedelta(seconds=120)) is None
    assert q.counts() == {"uncertain": 1}


def test_retries_end_in_failure(store: Store) -> None:
    q = store.alerts
    q.subscribe(1, "private", "曲棍球", 1, T0)
    q.enqueue([_digest(1)], T0)
    now = T0
    for _ in range(MAX_ATTEMPTS):
        now += timedelta(seconds=5)
        job = q.claim("w", now)
        assert job is not None
        q.retry(job, "w", timedelta(seconds=2), "ConnectError", now)
    assert q.counts() == {"failed": 1}


def test_a_blocked_chat_is_paused_and_resumes(store: Store) -> None:
    q = store.alerts
    q.subscribe(1, "private", "曲棍球", 1, T0)
    q.subscribe(2, "private", "曲棍球", 2, T0)
    q.enqueue([_digest(1), _digest(2)], T0)
    job = q.claim("w", T0)
    assert job is not None
    q.blocked(job, "w", "Forbidden: bot was blocked by the user", T0)
    assert q.paused(job.digest.chat_id)
    assert [s.chat_id for s in q.active()] == [c for c in (1, 2) if c != job.digest.chat_id]
    assert q.resume(job.digest.chat_id, "private", T0) and not q.paused(job.digest.chat_id)
    assert not q.resume(job.digest.chat_id, "private", T0)


def test_the_first_subscription_starts_the_pass_from_what_is_stored(store: Store) -> None:
    q = store.alerts
    assert q.watermark() is None
    q.subscribe(1, "private", "曲棍球", 1, T0)
    assert q.watermark() == q.last_article()
