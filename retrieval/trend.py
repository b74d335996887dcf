"""A word's mentions over time, per issue: what `/trend` charts and `trend --json` prints.

    [Mention] per word + Store.issue_rows() ─▶ trend() ─▶ Trend (periods, issues, series)

Counts are mentions per issue of the period (all papers' issues together), so a month with
more issues, or a paper that grew thicker, does not look like more interest; a period the
archive holds no issue of is None (a gap, not a zero). Months while the archive spans at
most `MONTHS_MAX` of them, else years.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from retrieval.mentions import Mention
from retrieval.types import IssueRow

MONTHS_MAX = 60  # a longer archive is charted per year
MAX_WORDS = 4  # words compared in one chart


@dataclass(frozen=True)
class TrendSeries:
    """One word: mentions and articles per period, in `Trend.periods` order."""

    word: str
    mentions: list[int]
    articles: list[int]
    first: date | None  # the issue date of its first and last mention
    last: date | None

    @property
    def total(self) -> int:
        return sum(self.mentions)

    @property
    def total_articles(self) -> int:
        return sum(self.articles)


@dataclass(frozen=True)
class Trend:
    unit: str  # "month" | "year"
    periods: list[str]  # "2024-06" or "2024", every period from the first issue to the last
    issues: list[int]  # issues the archive holds in each period
    series: list[TrendSeries]

    def per_issue(self, s: TrendSeries) -> list[float | None]:
        return [m / n if n else None for m, n in zip(s.mentions, self.issues, strict=True)]

    def period_label(self, period: str) -> str:
        """`2024年6月` / `2024年`: how the period is written, and what search reads as a date."""
        if self.unit == "year":
            return f"{period}年"
        year, month = period.split("-")
        return f"{year}年{int(month)}月"

    def active_periods(self) -> list[str]:
        """Periods in which any of the words was printed, oldest first."""
        return [p for i, p in enumerate(self.periods) if any(s.articles[i] for s in self.series)]

    def to_json(self) -> dict[str, object]:
        return {
            "unit": self.unit,
            "periods": self.periods,
            "issues": self.issues,
            "words": [
                {
                    "word": s.word,
                    "mentions": s.mentions,
                    "articles": s.articles,
                    "per_issue": [None if v is None else round(v, 4) for v in self.per_issue(s)],
                    "total": s.total,
                    "total_articles": s.total_articles,
                    "first": s.first.isoformat() if s.first else None,
                    "last": s.last.isoformat() if s.last else None,
                }
                for s in self.series
            ],
        }


def _month(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def _periods(first: date, last: date, unit: str) -> list[str]:
    if unit == "year":
        return [str(y) for y in range(first.year, last.year + 1)]
    out, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def trend(words: list[tuple[str, list[Mention]]], issues: list[IssueRow]) -> Trend:
    """The chart's numbers for each (word as asked, its mentions) over the archive's issues."""
    days = sorted({r.issue_date for r in issues})
    if not days:
        return Trend("month", [], [], [TrendSeries(w, [], [], None, None) for w, _ in words])
    months = (days[-1].year - days[0].year) * 12 + days[-1].month - days[0].month + 1
    unit = "month" if months <= MONTHS_MAX else "year"
    key = _month if unit == "month" else (lambda d: str(d.year))
    periods = _periods(days[0], days[-1], unit)
    at = {p: i for i, p in enumerate(periods)}
    per_period = Counter(key(r.issue_date) for r in issues)
    series = []
    for word, found in words:
        mentions, articles = [0] * len(periods), [0] * len(periods)
        for m in found:
            i = at.get(key(m.issue_date))
            if i is not None:
                mentions[i] += m.count
                articles[i] += 1
        dates = [m.issue_date for m in found]
        series.append(TrendSeries(word, mentions, articles, min(dates, default=None), max(dates, default=None)))
    return Trend(unit, periods, [per_period.get(p, 0) for p in periods], series)


def trend_title(t: Trend) -> str:
    return "、".join(f"「{s.word}」" for s in t.series) + "在档案中的提及"


def word_summary(s: TrendSeries) -> str:
    """`亚运：3 篇文章，共 4 次；最早 2023-02-17，最近 2024-06-14` (or that it is never printed)."""
    if not s.total:
        return f"{s.word}：档案中没有"
    span = f"最早 {s.first}，最近 {s.last}" if s.first != s.last else f"只在 {s.first}"
    return f"{s.word}：{s.total_articles} 篇文章，共 {s.total} 次；{span}"


def trend_lines(t: Trend) -> list[str]:
    """The numbers as text: a summary per word, then each period with mentions."""
    unit = "月" if t.unit == "month" else "年"
    issues = sum(t.issues)
    lines = [trend_title(t), f"按{unit}统计，图中为每期平均提及次数；档案共 {issues} 期（{t.periods[0] if t.periods else '—'} 至 {t.periods[-1] if t.periods else '—'}）"]
    lines += [word_summary(s) for s in t.series]
    for p in t.active_periods():
        i = t.periods.index(p)
        counts = "  ".join(f"{s.word} {s.mentions[i]}次/{s.articles[i]}篇" for s in t.series)
        lines.append(f"  {p}  {t.issues[i]}期  {counts}")
    return lines
