"""Ingest stays linear in its input on the shapes that used to be quadratic: lines that never
end a sentence, runs of half-width punctuation, nested brackets, pages of many articles,
statistical month spans in a date phrase.

Each shape is timed at n and 8n in this process: linear work takes about 8 times as long,
quadratic work 64 times; the bound of 24 leaves room for noise but never for a square."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import date

import pytest

from retrieval.dates import extract_date_filter
from retrieval.ingest.repair import clean_text
from retrieval.ingest.segment import segment

DAY = date(2024, 3, 5)
_CHARS = "拱墅区委常委会召开会议学习贯彻"


def _unterminated(n: int) -> None:
    rng = random.Random(n)
    segment("\n".join("".join(rng.choice(_CHARS) for _ in range(14)) for _ in range(n)), DAY)


def _articles(n: int) -> None:
    segment("\n".join(f"标题第{i}号新闻发布\n本报讯（记者 张三）3月1日，拱墅区召开会议第{i}次。" for i in range(n)), DAY)


SHAPES: dict[str, tuple[Callable[[int], object], int]] = {
    "lines that never end a sentence": (_unterminated, 1500),
    "a page of many articles": (_articles, 150),
    "a run of half-width commas": (lambda n: clean_text("拱" + ", ," * n), 4000),
    "nested brackets": (lambda n: clean_text("拱" + "(" * n + "x" + ")" * n), 4000),
    "statistical month spans": (lambda n: extract_date_filter("1-2月" * n, DAY), 2000),
}


def _seconds(work: Callable[[int], object], n: int) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        work(n)
        best = min(best, time.process_time() - started)
    return max(best, 1e-3)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_eight_times_the_input_is_not_sixty_four_times_the_work(shape: str) -> None:
    work, n = SHAPES[shape]
    small, large = _seconds(work, n), _seconds(work, 8 * n)
    assert large / small < 24, f"{shape}: {small:.3f}s at n={n}, {large:.3f}s at 8n"
