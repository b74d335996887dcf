"""Search quality over the shipped corpus: the seed question set, the evidence rule,
query operators (quotes, exclusion), date filters, traditional characters and bad input.

The `archive` fixture (tests/conftest.py) is ingested from corpus/ with today = 2026-11-22."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from retrieval import Archive, DateError, QueryError

SEED = Path(__file__).resolve().parent / "data" / "seed_questions.jsonl"


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def load_seed() -> list[dict[str, str | None]]:
    return [json.loads(line) for line in SEED.read_text("utf-8").splitlines() if line.strip()]


# --- (a) seed questions: the answer must be visible in a top-3 excerpt ---------------------


def test_seed_file_is_well_formed() -> None:
    cases = load_seed()
    assert len(cases) >= 50
    for case in cases:
        assert set(case) == {"question", "answer", "date"}, case
        answer = case["answer"]
        assert isinstance(answer, str) and 2 <= len(answer) <= 15, case
        if case["date"] is not None:
            date.fromisoformat(str(case["date"]))


def test_seed_answers_occur_in_the_archive(archive: Archive) -> None:
    """Guards the question file itself: every answer is copied from a passage of an article body."""
    texts = [compact(row.text) for row in archive.store.iter_passages()]
    missing = [c["answer"] for c in load_seed() if not any(compact(str(c["answer"])) in t for t in texts)]
    assert not missing, missing


def test_seed_questions_answer_in_excerpt(archive: Archive) -> None:
    cases = load_seed()
    at1 = at3 = 0
    misses: list[str] = []
    for case in cases:
        question, answer = str(case["question"]), compact(str(case["answer"]))
        hits = archive.search(question, k=3).hits
        rank = next((i for i, h in enumerate(hits, 1) if answer in compact(h.excerpt)), None)
        if rank == 1:
            at1 += 1
        if rank is not None:
            at3 += 1
            continue
        where = next((i for i, h in enumerate(hits, 1) if answer in compact(h.passage)), None)
        why = (
            f"in the passage at rank {where} but not in its excerpt"
            if where
            else f"not in the top 3 ({len(hits)} hits)"
        )
        misses.append(f"{question} → {case['answer']}: {why}")
    n = len(cases)
    report = f"rank 1: {at1}/{n} = {at1 / n:.3f}; rank 3: {at3}/{n} = {at3 / n:.3f}\n" + "\n".join(misses)
    print(report)
    assert at3 / n >= 0.97, report
    assert at1 / n >= 0.9, report


# --- (c) evidence rule: nothing for things the archive does not cover ----------------------


@pytest.mark.parametrize("query", ["今天杭州天气怎么样", "苹果手机价格", "世界杯冠军是谁", "拱墅天气"])
def test_off_topic_queries_return_no_hits(archive: Archive, query: str) -> None:
    result = archive.search(query, k=10)
    assert result.hits == [], [(h.title, h.excerpt) for h in result.hits]


# --- (d) quoted phrases and exclusion ------------------------------------------------------


def test_quoted_phrase_must_occur_in_every_hit(archive: Archive) -> None:
    hits = archive.search('"半山基地"', k=10).hits
    assert hits
    for h in hits:
        assert "半山基地" in compact(h.passage), h.passage


def test_excluded_word_never_occurs_in_a_hit(archive: Archive) -> None:
    hits = archive.search("李志龙 走访 -杭钢", k=10).hits
    assert hits
    for h in hits:
        assert "杭钢" not in compact(h.passage), (h.title, h.passage)


# --- (e) date filters ------------------------------------------------------------------


def test_month_filter_keeps_only_that_month(archive: Archive) -> None:
    result = archive.search("2024年6月 李志龙", k=10)
    # June 2024 holds eight articles about 李志龙 (2024-06-07 … 2024-06-13): an empty answer is wrong
    assert result.hits, f"no hits; terms={result.terms} filter={result.filter} notice={result.notice}"
    for h in result.hits:
        assert (h.date.year, h.date.month) == (2024, 6), (h.date, h.title)


def test_day_filter_keeps_only_that_day(archive: Archive) -> None:
    result = archive.search("6月13日 网络安全", k=10)
    assert result.hits
    assert result.notice is None
    for h in result.hits:
        assert (h.date.month, h.date.day) == (6, 13), (h.date, h.title)
    assert any("网络安全" in h.passage for h in result.hits)


def test_relative_date_without_articles_falls_back_with_notice(archive: Archive) -> None:
    # today is 2026-11-22, so 去年三月 is 2025-03, when no 安全生产 meeting was reported
    result = archive.search("去年三月的安全生产会议", k=3)
    assert result.filter is not None
    assert (result.filter.start, result.filter.end) == (date(2025, 3, 1), date(2025, 3, 31))
    assert result.notice
    assert result.hits
    assert any(h.date == date(2024, 3, 19) and "安全生产" in h.passage for h in result.hits), [
        (h.date, h.title) for h in result.hits
    ]


# --- (f) traditional characters -----------------------------------------------------------


def test_traditional_query_finds_simplified_text(archive: Archive) -> None:
    hits = archive.search("杭叉科創園", k=3).hits
    assert hits
    assert "杭叉科创园" in compact(hits[0].passage), hits[0].passage
    assert "杭叉科创园" in compact(hits[0].excerpt), hits[0].excerpt


# --- (g) bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ("", QueryError),
        ("   ", QueryError),
        ("什么 哪些", QueryError),
        ("😀🎉👍", QueryError),
        ("拱墅招商大会" * 1667, QueryError),  # 10,002 characters
        ("2月30日", DateError),
        ("2月30日 安全生产", DateError),
    ],
    ids=["empty", "blank", "stop-words-only", "emoji-only", "10k-chars", "feb-30", "feb-30-with-topic"],
)
def test_bad_input_raises_the_documented_error(archive: Archive, query: str, error: type[Exception]) -> None:
    with pytest.raises((QueryError, DateError)) as info:
        archive.search(query, k=3)
    assert info.type is error, (
        f"{query[:20]!r}: expected {error.__name__}, got {info.type.__name__}: {info.value}"
    )
    assert str(info.value), "the error carries a message for the user"


def test_markup_is_searched_as_text_and_finds_nothing(archive: Archive) -> None:
    try:
        result = archive.search("<script>alert(1)</script>", k=3)
    except QueryError:
        return
    assert result.hits == []
