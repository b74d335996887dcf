"""LiteralHits reads candidates only as far as each question needs, in passage order."""

from __future__ import annotations

import numpy as np

from retrieval.verbatim import LiteralHits


def _hits(cands: list[int], where: dict[int, bool], limit: int = 400,
          asked: list[int] | None = None) -> tuple[LiteralHits, list[int]]:
    read: list[int] = []

    def check(d: int) -> bool | None:
        read.append(d)
        return where.get(d)

    def candidates(n: int) -> np.ndarray:
        if asked is not None:
            asked.append(n)
        return np.asarray(cands if n < 0 else cands[:n], dtype=np.int32)

    return LiteralHits(candidates, check, limit), read


def test_existence_reads_up_to_the_first_hit() -> None:
    hits, read = _hits([2, 5, 9, 11], {9: True, 11: False})
    assert hits
    assert read == [2, 5, 9]


def test_no_hit_among_the_candidates_is_false_and_empty() -> None:
    hits, read = _hits([1, 2, 3], {})
    assert not hits
    assert list(hits) == [] and len(hits) == 0 and hits.docs().tolist() == []
    assert read == [1, 2, 3]  # each candidate read once, however often asked


def test_iteration_is_ascending_lazy_and_reads_each_candidate_once() -> None:
    hits, read = _hits([1, 4, 6, 8, 10], {4: True, 8: False, 10: True})
    first = next(iter(hits))
    assert first == 4 and read == [1, 4]
    assert list(hits) == [4, 8, 10]
    assert hits.verified() == {4: True, 8: False, 10: True}
    assert read == [1, 4, 6, 8, 10]


def test_too_common_strings_count_every_candidate_without_reading() -> None:
    hits, read = _hits(list(range(0, 50, 2)), {}, limit=10)
    assert hits.too_common and hits and len(hits) == 25
    assert list(hits)[:3] == [0, 2, 4]
    assert hits.docs().dtype == np.int64 and len(hits.docs()) == 25
    assert read == []


def test_only_enough_candidates_to_tell_are_looked_up_until_all_are_asked_for() -> None:
    """Telling a common string takes limit + 1 candidates; the whole list is looked up only
    when a caller needs every passage (a quoted phrase's mask), and then once."""
    asked: list[int] = []
    hits, read = _hits(list(range(100)), {}, limit=10, asked=asked)
    assert hits.too_common and hits and asked == [11]
    taken = iter(hits)
    assert [next(taken) for _ in range(5)] == [0, 1, 2, 3, 4] and asked == [11]  # the first few: no whole list
    assert len(hits) == 100 and asked == [11, -1]
    assert hits.docs().tolist() == list(range(100)) and list(hits)[-1] == 99
    assert list(taken) == list(range(5, 100)) and asked == [11, -1] and read == []
    few: list[int] = []
    hits, read = _hits([3, 7], {7: True}, limit=10, asked=few)
    assert not hits.too_common and list(hits) == [7] and few == [11]  # a short list is whole at once
    exactly: list[int] = []
    hits, _ = _hits(list(range(10)), {}, limit=10, asked=exactly)
    assert not hits.too_common and exactly == [11]  # the limit itself is still few enough
