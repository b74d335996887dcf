"""retrieval/mentions.py, retrieval/trend.py and Archive.trend: a word's mentions counted
the way a reader would count them, per issue of each period, gaps apart from zeros."""

from __future__ import annotations

from datetime import date

import pytest

from retrieval import Archive
from retrieval.errors import QueryError
from retrieval.mentions import Mention
from retrieval.tokenize import without_spaces
from retrieval.trend import MONTHS_MAX, trend, trend_lines
from retrieval.types import IssueRow


def _mention(day: date, count: int, article_id: int = 1) -> Mention:
    return Mention(article_id, "某报", day, day, "标题", count, (0,))


def _issues(*days: date) -> list[IssueRow]:
    return [IssueRow("某报", d, 1, 3) for d in days]


def test_counts_are_per_issue_and_a_month_without_issues_is_a_gap() -> None:
    issues = _issues(date(2024, 1, 5), date(2024, 1, 12), date(2024, 3, 1))
    t = trend([("运河", [_mention(date(2024, 1, 5), 3), _mention(date(2024, 3, 1), 1, 2)])], issues)
    assert t.unit == "month" and t.periods == ["2024-01", "2024-02", "2024-03"]
    assert t.issues == [2, 0, 1]
    assert t.per_issue(t.series[0]) == [1.5, None, 1.0]
    s = t.series[0]
    assert (s.total, s.total_articles, s.first, s.last) == (4, 2, date(2024, 1, 5), date(2024, 3, 1))
    assert t.active_periods() == ["2024-01", "2024-03"]
    assert t.period_label("2024-03") == "2024年3月"


def test_a_long_archive_is_counted_per_year() -> None:
    first, last = date(2000, 1, 1), date(2000 + MONTHS_MAX // 12 + 1, 6, 1)
    t = trend([("运河", [_mention(last, 2)])], _issues(first, last))
    assert t.unit == "year" and t.periods[0] == "2000" and t.periods[-1] == str(last.year)
    assert t.period_label(t.periods[-1]) == f"{last.year}年"
    assert t.series[0].mentions[-1] == 2 and sum(t.issues) == 2


def test_an_empty_archive_has_no_periods() -> None:
    t = trend([("运河", [])], [])
    assert t.periods == [] and t.series[0].total == 0
    assert trend_lines(t)[0].startswith("「运河」")


@pytest.mark.parametrize("word", ["", "  ", "！？", "一", "字" * 21, "😀😀"])
def test_what_cannot_be_counted_is_refused_in_chinese(archive: Archive, word: str) -> None:
    with pytest.raises(QueryError) as err:
        archive.mentions(word)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(err.value))


def test_too_many_or_no_words_are_refused(archive: Archive) -> None:
    with pytest.raises(QueryError):
        archive.trend([])
    with pytest.raises(QueryError):
        archive.trend(["一一", "二二", "三三", "四四", "五五"])


def _oracle(archive: Archive, word: str) -> dict[int, int]:
    """Occurrences per article, counted from the stored articles themselves."""
    fold = archive.tokenizer.fold
    out = {}
    for a in archive.articles():
        n = without_spaces(fold(a.text)).count(word)
        head = word in without_spaces(fold(" ".join((a.kicker, a.title, a.subtitle))))
        if n or head:
            out[a.id] = n + (1 if head else 0)
    return out


@pytest.mark.parametrize("word", ["运河", "李志龙", "招商", "高质量发展", "杭叉"])
def test_mentions_agree_with_a_count_over_the_stored_articles(archive: Archive, word: str) -> None:
    found = {m.article_id: m.count for m in archive.mentions(word)}
    assert found == _oracle(archive, word) and found


def test_the_archive_trend_adds_up_to_the_mentions(archive: Archive) -> None:
    t = archive.trend(["运河", "招商"])
    for s in t.series:
        assert s.total == sum(m.count for m in archive.mentions(s.word))
        assert sum(t.issues) == archive.coverage().issues
    json = t.to_json()
    assert [w["word"] for w in json["words"]] == ["运河", "招商"]  # type: ignore[index]
    assert set(json) >= {"unit", "periods", "issues", "words"}


def test_traditional_and_full_width_forms_count_as_the_word(archive: Archive) -> None:
    assert archive.mentions("運河") == archive.mentions("运河")
    assert archive.mentions("运 河") == archive.mentions("运河")
