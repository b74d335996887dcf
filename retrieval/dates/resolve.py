"""From found pieces to one `DateFilter`: ranges, year merging, "以来", and the two public
entry points, `parse_date_expr` (the whole text is a date) and `extract_date_filter` (a
date inside a question, cut out of it)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from retrieval.dates.filter import DateFilter, fmt_day
from retrieval.dates.grammar import BETWEEN, CONN_FULL, FROM, SINCE, Piece, interval, scan
from retrieval.dates.numerals import ascii_width, check
from retrieval.errors import DateError

MAX_EXPR = 60  # `2024年3月1日至2024年3月15日之间` is 22: anything much longer is not a date
_FORMATS = (
    "可用格式：2024-06-14、2024年6月14日、6月14日、20240614、今天、昨天、本周、上个月、"
    "最近7天、2024年6月、2024年"
)


def _wraps(a: Piece, b: Piece) -> bool:
    """`12月20日至1月5日` crosses New Year; `3月15日至3月1日` is a mistake, not a year-long range."""
    return a.month is not None and b.month is not None and b.month < a.month


def _resolve_yearless(a: Piece, b: Piece, today: date) -> tuple[date, date]:
    """Place a year-less range in the latest year where it starts on or before `today`."""
    for year in range(today.year, today.year - 9, -1):
        try:
            start = interval(a, year)[0]
            end = interval(b, year)[1]
            if end < start and _wraps(a, b):
                end = interval(b, year + 1)[1]
        except ValueError:
            continue  # 2月29日 in a common year, or year < 1
        if end < start:
            raise DateError(f"起始日期{a.month}月{a.day or 1}日晚于结束日期{b.month}月{b.day}日")
        if start <= today:
            return start, end
    raise DateError("无法确定这个日期范围属于哪一年，请写上年份，例如2024年3月1日至3月15日")


def _range(a: Piece, b: Piece, today: date) -> tuple[date, date]:
    """`A至B`: a missing year on one side comes from the other (rolling over when needed)."""
    if a.yearless and b.yearless:
        return _resolve_yearless(a, b, today)
    try:
        if a.yearless:
            end = interval(b)[1]
            start = interval(a, end.year)[0]
            if start > end and _wraps(a, b):
                start = interval(a, end.year - 1)[0]
        elif b.yearless:
            start = interval(a)[0]
            end = interval(b, start.year)[1]
            if end < start and _wraps(a, b):
                end = interval(b, start.year + 1)[1]
        else:
            start, end = interval(a)[0], interval(b)[1]
    except ValueError as exc:
        raise DateError("范围的一端在推断出的年份中不存在（例如平年的2月29日），请写上年份") from exc
    if end < start:
        raise DateError(f"起始日期{fmt_day(start)}晚于结束日期{fmt_day(end)}")
    return start, end


def _single(p: Piece, today: date) -> DateFilter:
    if p.yearless and p.day2 is not None:
        start, end = _resolve_yearless(p, p, today)
        return DateFilter(start=start, end=end)
    if p.yearless:
        return DateFilter(month=p.month, day=p.day)
    start, end = interval(p)
    return DateFilter(start=start, end=end)


_Spans = list[tuple[int, int]]


def _choose(text: str, pieces: list[Piece], today: date) -> tuple[DateFilter, _Spans, _Spans]:
    """Turn the found pieces into one filter, the spans of `text` to cut, and the spans to label it by."""
    first = pieces[0]
    second = pieces[1] if len(pieces) > 1 else None
    if second is not None and CONN_FULL.fullmatch(text, first.end, second.start):
        start, end = _range(first, second, today)
        cut_start, cut_end = first.start, second.end
        if lead_in := FROM.search(text, 0, first.start):
            cut_start = lead_in.start()
        if tail := BETWEEN.match(text, cut_end):
            cut_end = tail.end()
        return DateFilter(start=start, end=end), [(cut_start, cut_end)], [(first.start, second.end)]
    if second is not None and (
        (first.year_only and second.yearless) or (first.yearless and second.year_only)
    ):
        year_piece, md = (first, second) if first.year_only else (second, first)
        assert md.month is not None
        check(year_piece.year, md.month, md.day)
        if md.day2 is not None:
            check(year_piece.year, md.month, md.day2)
        merged = replace(md, year=year_piece.year)
        spans = [(first.start, first.end), (second.start, second.end)]
        return _single(merged, today), spans, spans
    flt = _single(first, today)
    cut_end = first.end
    if since := SINCE.match(text, first.end):
        since_start = flt.start
        if since_start is None:  # year-less: `3月以来`
            since_start = _resolve_yearless(first, first, today)[0]
        flt, cut_end = DateFilter(start=since_start), since.end()
    return flt, [(first.start, cut_end)], [(first.start, cut_end)]


def _remove(text: str, cuts: list[tuple[int, int]]) -> str:
    kept: list[str] = []
    pos = 0
    for start, end in sorted(cuts):
        kept.append(text[pos:start])
        pos = end
    kept.append(text[pos:])
    return "".join(kept)


def _label(original: str, cuts: list[tuple[int, int]]) -> str:
    return "".join(re.sub(r"\s+", "", original[s:e]) for s, e in sorted(cuts))


def parse_date_expr(text: str, today: date) -> DateFilter:
    """The whole `text` (stripped) is one date expression, as typed after `/date` or `retrieval date EXPR`.

    Uses the same grammar as `extract_date_filter` (so `/date 去年三月` and a question
    containing 去年三月 agree) but is strict: anything left over, and any impossible date,
    raises `DateError`.  A bare four-digit year (`2024`) is also accepted here.
    """
    raw = text.strip()
    if not raw:
        raise DateError(f"日期为空。{_FORMATS}")
    if len(raw) > MAX_EXPR:
        raise DateError(f"日期写得太长了（{len(raw)}字），日期表达式最多{MAX_EXPR}字。{_FORMATS}")
    norm = ascii_width(raw)
    if re.fullmatch(r"[0-9]{4}", norm):
        year = int(norm)
        check(year, 1, None)
        return DateFilter(start=date(year, 1, 1), end=date(year, 12, 31), label=raw)
    pieces = scan(norm, today, strict=True)
    if pieces:
        flt, cuts, _ = _choose(norm, pieces, today)
        if not _remove(norm, cuts).strip():
            return replace(flt, label=raw)
    raise DateError(f"无法识别的日期：{raw}。{_FORMATS}")


_EDGE_JUNK = " \t\r\n，,、；;：:的"


def extract_date_filter(query: str, today: date) -> tuple[str, DateFilter | None]:
    """Find the date expression(s) inside a free-text question, remove them, return (remaining text, filter).

    The search layer wants the question without its date (a date is a filter, not a keyword)
    and the bot wants the date to restrict results; see the module docstring for how several
    expressions combine and what is deliberately *not* a date.  Raises `DateError` for an
    impossible date written in the question (`2月30日`), so the user learns why nothing matched.
    """
    norm = ascii_width(query)
    pieces = scan(norm, today, strict=False)
    if not pieces:
        return query.strip(), None
    flt, cuts, labelled = _choose(norm, pieces, today)
    remainder = re.sub(r"\s+", " ", _remove(query, cuts)).strip(_EDGE_JUNK)
    return remainder, replace(flt, label=_label(query, labelled))
