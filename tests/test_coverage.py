"""retrieval/coverage.py: a paper's rhythm read from its own dates, the issues it lacks, and
what every result list says it searched."""

from __future__ import annotations

from datetime import date, timedelta

from retrieval.coverage import coverage, coverage_lines, gaps, rhythm
from retrieval.types import IssueRow


def days(start: date, n: int, step: int = 1) -> list[date]:
    return [start + timedelta(days=k * step) for k in range(n)]


def test_a_weekly_on_fridays_is_weekly_even_with_few_issues() -> None:
    fridays = [date(2023, 2, 17), date(2024, 3, 22), date(2024, 6, 14)]
    assert rhythm(fridays) == 7
    found = gaps(fridays, 7)
    assert [(g.first, g.last, g.count) for g in found] == [
        (date(2023, 2, 24), date(2024, 3, 15), 56),
        (date(2024, 3, 29), date(2024, 6, 7), 11),
    ]


def test_a_daily_without_sunday_issues_misses_no_sundays() -> None:
    printed = [d for d in days(date(2024, 9, 2), 28) if d.weekday() != 6]  # Monday to Saturday
    printed.remove(date(2024, 9, 11))  # one Wednesday missing
    assert rhythm(printed) == 1
    assert [(g.first, g.count) for g in gaps(printed, 1)] == [(date(2024, 9, 11), 1)]


def test_irregular_dates_claim_no_gaps() -> None:
    odd = [date(2024, 1, 1), date(2024, 1, 4), date(2024, 2, 9), date(2024, 3, 30)]
    assert rhythm(odd) is None
    cov = coverage([IssueRow("某报", d, 2, 5) for d in odd], None)
    [paper] = cov.papers
    assert (paper.interval, paper.missing, paper.pages, paper.issues) == (None, 0, 8, 4)
    assert "无法判断缺期" in "\n".join(coverage_lines(cov))


def test_coverage_per_paper_month_and_scope() -> None:
    rows = [IssueRow("甲报", d, 4, 10) for d in days(date(2024, 5, 27), 10)]
    rows += [IssueRow("乙报", d, 8, 30) for d in days(date(2024, 6, 7), 3, 7)]
    cov = coverage(rows, None)
    assert sorted(p.paper for p in cov.papers) == ["乙报", "甲报"]
    jia = next(p for p in cov.papers if p.paper == "甲报")
    assert jia.per_month == [((2024, 5), 5), ((2024, 6), 5)] and jia.missing == 0
    assert cov.scope() == "检索范围：13 期，2024-05-27 至 2024-06-21"
    assert cov.to_json()["issues"] == 13
    assert coverage([], None).scope() == "检索范围：档案为空"
