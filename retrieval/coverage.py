"""What the archive covers: issues per year and month, pages per issue, and the issues a
regular paper should have and the archive lacks.

    Store.issue_rows() (paper, issue date, pages, articles) ─▶ coverage() ─▶ Coverage

A paper's rhythm is read from its own dates: the interval between issues that recurs most
(at least twice), else weekly when every issue falls on one weekday; with no rhythm to read
(too few issues, irregular dates) no gaps are claimed.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from retrieval.types import Coverage, Gap, IssueRow, PaperCoverage

MAX_GAPS = 12  # gap ranges listed per paper (the count covers all of them)


def rhythm(dates: list[date]) -> int | None:
    """Days between a paper's issues: the interval that recurs most (at least twice), else 7
    when every issue is on the same weekday, else None (no rhythm to check gaps against)."""
    if len(dates) < 2:
        return None
    deltas = Counter((b - a).days for a, b in itertools.pairwise(dates) if b > a)
    if deltas:
        interval, seen = deltas.most_common(1)[0]
        if seen >= 2 and interval in (1, 7, 14):
            return interval
    if len({d.weekday() for d in dates}) == 1:
        return 7
    return None


def gaps(dates: list[date], interval: int) -> list[Gap]:
    """Runs of missing issues between the first and the last issue: every `interval` days
    from the first (a daily: on the weekdays it has printed on twice or more, so a paper
    with no Sunday issue is not missing one each week)."""
    present = set(dates)
    if interval == 1:
        weekdays = {wd for wd, n in Counter(d.weekday() for d in dates).items() if n >= 2} or set(range(7))
        expected = [dates[0] + timedelta(days=k) for k in range((dates[-1] - dates[0]).days + 1)]
        expected = [d for d in expected if d.weekday() in weekdays]
    else:
        expected = [dates[0] + timedelta(days=k) for k in range(0, (dates[-1] - dates[0]).days + 1, interval)]
    out: list[Gap] = []
    run: list[date] = []
    for d in [*expected, None]:
        if d is not None and d not in present:
            run.append(d)
            continue
        if run:
            out.append(Gap(run[0], run[-1], len(run)))
            run = []
    return out


def coverage(rows: Iterable[IssueRow], last_ingest: datetime | None) -> Coverage:
    """The archive's coverage from its issues (one row per paper and issue date)."""
    by_paper: dict[str, list[IssueRow]] = {}
    for row in rows:
        by_paper.setdefault(row.paper, []).append(row)
    papers: list[PaperCoverage] = []
    for paper, issues in sorted(by_paper.items()):
        issues.sort(key=lambda r: r.issue_date)
        dates = [r.issue_date for r in issues]
        interval = rhythm(dates)
        found = gaps(dates, interval) if interval else []
        months = Counter((d.year, d.month) for d in dates)
        papers.append(
            PaperCoverage(
                paper=paper,
                issues=len(issues),
                first=dates[0],
                last=dates[-1],
                per_month=sorted(months.items()),
                pages=sum(r.pages for r in issues),
                articles=sum(r.articles for r in issues),
                interval=interval,
                missing=sum(g.count for g in found),
                gaps=found[:MAX_GAPS],
            )
        )
    return Coverage(papers=papers, last_ingest=last_ingest)


_EVERY = {1: "日报", 7: "周报（每 7 天一期）", 14: "每 14 天一期"}


def coverage_lines(cov: Coverage) -> list[str]:
    """The coverage as lines of plain text (the CLI prints them, the bot sends them): per
    paper its issues and range, issues per year and month, pages per issue, its rhythm and
    the missing issues; the last ingest."""
    if not cov.papers:
        return ["档案还是空的：请先导入报纸。"]
    lines = [f"📚 档案覆盖：{cov.issues} 期，{cov.first} 至 {cov.last}"]
    for p in cov.papers:
        lines += ["", f"{p.paper}：{p.issues} 期，{p.first} 至 {p.last}，共 {p.pages} 版 {p.articles} 篇"
                      f"（平均每期 {p.pages / p.issues:.1f} 版）"]
        years: dict[int, list[tuple[int, int]]] = {}
        for (year, month), n in p.per_month:
            years.setdefault(year, []).append((month, n))
        for year, months in years.items():
            each = " · ".join(f"{m}月 {n}" for m, n in months)
            lines.append(f"  {year}年：{sum(n for _, n in months)} 期（{each}）")
        every = _EVERY.get(p.interval, f"每 {p.interval} 天一期") if p.interval else ""
        if p.interval is None:
            lines.append("  出版周期：期数太少或日期不规则，无法判断缺期")
        elif not p.missing:
            lines.append(f"  出版周期：{every}；没有缺期")
        else:
            lines.append(f"  出版周期：{every}；缺 {p.missing} 期：")
            for g in p.gaps:
                span = g.first.isoformat() if g.first == g.last else f"{g.first} 至 {g.last}"
                lines.append(f"    · {span}（{g.count} 期）")
            if sum(g.count for g in p.gaps) < p.missing:
                lines.append("    · ……")
    if cov.last_ingest is not None:
        zone = f"（{cov.last_ingest.tzname()}）" if cov.last_ingest.tzinfo else ""
        lines += ["", f"最近导入：{cov.last_ingest:%Y-%m-%d %H:%M}{zone}"]
    return lines
