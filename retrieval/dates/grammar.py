"""The date grammar: one table of expressions, each row carrying everything about it.

A row is (name, the characters it can start with, pattern, builder). `scan` walks the
text, tries only the rows whose first characters match at each position (most positions
start no date at all), and keeps the longest match whose builder accepts it; a builder
turns a match into a `Piece` (calendar fields, or a fixed span for relative periods) or
None ("not a date after all"), and raises `DateError` for an impossible date when strict.
A new expression is one new row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from retrieval.dates.filter import last_day
from retrieval.dates.numerals import (
    YEAR_MAX,
    YEAR_MIN,
    check,
    cn_year,
    numeral,
    shift_days,
    shift_months,
)
from retrieval.errors import DateError


@dataclass(frozen=True)
class Piece:
    """One date expression found at text[start:end].

    Either calendar fields (`year` None = any year; `month` None = whole year; `day2` = the
    end of `M月D-D2日`) or a fixed `span` for relative periods (本周, 最近7天 …).
    """

    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    day2: int | None = None
    span: tuple[date, date] | None = None

    @property
    def year_only(self) -> bool:
        return self.span is None and self.year is not None and self.month is None

    @property
    def yearless(self) -> bool:
        return self.span is None and self.year is None and self.month is not None


def interval(p: Piece, year: int | None = None) -> tuple[date, date]:
    """The days a piece covers; year-less pieces need `year` (ValueError if the day does not exist)."""
    if p.span is not None:
        return p.span
    y = p.year if p.year is not None else year
    if y is None:
        raise ValueError("year needed")
    if p.month is None:
        return date(y, 1, 1), date(y, 12, 31)
    if p.day is None:
        return date(y, p.month, 1), date(y, p.month, last_day(y, p.month))
    return date(y, p.month, p.day), date(y, p.month, p.day2 if p.day2 is not None else p.day)


NB = r"(?<![0-9〇零○一二两三四五六七八九十廿卅百千万])"  # a number starts here, not mid-number
AR = r"[0-9]{1,2}"
CNM = r"[〇零一二三四五六七八九十]{1,3}"
CND = r"[〇零一二三四五六七八九十廿卅]{1,4}"
_M = rf"(?P<m>{AR}|{CNM})\s*月"
_D = rf"(?P<d>{AR}|{CND})\s*[日号]"
_DR = rf"(?P<d>{AR}|{CND})\s*[日号]?\s*(?:至|到|-|~|—{{1,2}}|–)\s*(?P<d2>{AR}|{CND})\s*[日号]"
_Y = (
    r"(?P<y>(?<![0-9])[0-9]{4}|(?<![〇零○一二三四五六七八九十])[〇零○一二三四五六七八九]{4}|今|去|前|本)"
    r"\s*年(?!度|代|级)"
)
# `3月底`, `2024年初`: still the whole month/year (articles about the end of March may say so
# in early April, but a tighter window would lose more than it gains), but cut from the text.
_PART = r"初(?!步)|底|末|上旬|中旬|下旬"
_CONN = r"\s*(?:至|到|-|~|—{1,2}|–)\s*"
CONN_FULL = re.compile(_CONN)
SINCE = re.compile(r"\s*(?:以来|至今)")
FROM = re.compile(r"(?:从|自)\s*$")
BETWEEN = re.compile(r"\s*(?:之间|期间)")
_DAY_AHEAD = re.compile(rf"\s*(?:{AR}|{CND})\s*[日号]")
# `1-2月`, `1至5月`: a statistical reporting period, never a filter (see module docstring).
_MONTH_SPAN = re.compile(rf"{NB}(?:{AR}|{CNM})\s*(?:至|到|-|~|—{{1,2}}|–)\s*(?:{AR}|{CNM})\s*月")

_Builder = Callable[[re.Match[str], date, bool], Piece | None]


def _year(m: re.Match[str], today: date, strict: bool) -> int | None:
    y = m.group("y")
    if y in ("今", "本"):
        year = today.year
    elif y == "去":
        year = today.year - 1
    elif y == "前":
        year = today.year - 2
    elif y.isascii():
        year = int(y)
    else:
        year = cn_year(y)
    if not YEAR_MIN <= year <= YEAR_MAX:
        if strict:
            raise DateError(f"年份{year}超出范围（支持{YEAR_MIN}到{YEAR_MAX}年）")
        return None
    return year


def _calendar(m: re.Match[str], today: date, strict: bool) -> Piece | None:
    """Y年 / Y年M月 / Y年M月D日 / M月D日 / M月 / M月D-D2日 (any of them with Chinese numerals)."""
    groups = m.groupdict()
    year = _year(m, today, strict) if groups.get("y") is not None else None
    if groups.get("y") is not None and year is None:
        return None
    month = numeral(groups["m"]) if groups.get("m") is not None else None
    day = numeral(groups["d"]) if groups.get("d") is not None else None
    day2 = numeral(groups["d2"]) if groups.get("d2") is not None else None
    if groups.get("m") is not None and month is None:
        return None
    if (groups.get("d") is not None and day is None) or (groups.get("d2") is not None and day2 is None):
        return None
    if month is not None:
        # A bare month inside a question (`13月`) is too weak a signal to complain about.
        loud = strict or day is not None or year is not None
        if not check(year, month, day, strict=loud):
            return None
        if day2 is not None:
            check(year, month, day2)
            if day is not None and day2 < day:
                raise DateError(f"{month}月{day}日至{day2}日：结束日早于开始日")
    return Piece(m.start(), m.end(), year, month, day, day2)


def _numeric(m: re.Match[str], today: date, strict: bool) -> Piece | None:
    """2024-03-20, 2024/3/20, 2024.3.20, 2024-03: a bad month means "not a date" unless strict."""
    year, month = int(m.group("ny")), int(m.group("nm"))
    day = int(m.group("nd")) if m.groupdict().get("nd") is not None else None
    if not (YEAR_MIN <= year <= YEAR_MAX and 1 <= month <= 12) and not strict:
        return None
    check(year, month, day)
    return Piece(m.start(), m.end(), year, month, day)


def _eight(m: re.Match[str], today: date, strict: bool) -> Piece | None:
    """20240320 — only when it is a valid date (otherwise it is an id, a phone number …)."""
    s = m.group(0)
    year, month, day = int(s[:4]), int(s[4:6]), int(s[6:])
    if not check(year, month, day, strict=strict):
        return None
    return Piece(m.start(), m.end(), year, month, day)


def _year_span(m: re.Match[str], today: date, strict: bool) -> Piece | None:
    """2023-2024年 → the two whole years."""
    a, b = int(m.group("ya")), int(m.group("yb"))
    ok = YEAR_MIN <= a <= b <= YEAR_MAX
    if not ok:
        if strict:
            raise DateError(f"年份范围{a}-{b}无效（支持{YEAR_MIN}到{YEAR_MAX}年，且起始不晚于结束）")
        return None
    return Piece(m.start(), m.end(), span=(date(a, 1, 1), date(b, 12, 31)))


def _relative(m: re.Match[str], today: date, strict: bool) -> Piece | None:
    """今天/昨天/前天, 本周/上周, 本月/上个月 — whole periods relative to `today`."""
    word = m.group(0)
    if word.startswith(("今", "昨", "前")):
        back = {"今": 0, "昨": 1, "前": 2}[word[0]]
        d = shift_days(today, -back)
        span = (d, d)
    elif word.endswith("月"):
        first = today.replace(day=1)
        if word.startswith("上"):
            first = shift_months(first, -1)
        span = (first, first.replace(day=last_day(first.year, first.month)))
    else:
        monday = shift_days(today, -today.weekday() - (7 if word.startswith("上") else 0))
        span = (monday, shift_days(monday, 6))
    return Piece(m.start(), m.end(), span=span)


def _recent(m: re.Match[str], today: date, strict: bool) -> Piece | None:
    """最近N天/周/个月/年 — the N units ending today, today included."""
    n = numeral(m.group("n"))
    unit = m.group("u")
    if n is None or n <= 0:
        return None
    if unit == "月" and not m.group("ge") and _DAY_AHEAD.match(m.string, m.end()):
        return None  # `最近3月20日…`: a date, not "the last 3 months"
    if unit in ("天", "日"):
        start = shift_days(today, -(n - 1))
    elif unit in ("周", "星期", "礼拜"):
        start = shift_days(today, -(7 * n - 1))
    else:
        start = shift_days(shift_months(today, -n * (12 if unit == "年" else 1)), 1)
    return Piece(m.start(), m.end(), span=(start, today))


@dataclass(frozen=True)
class Expression:
    """One row of the grammar: `first` lists every character a match can start with (the
    scanner skips positions no row can start at, so a row must say them)."""

    name: str
    first: str
    pattern: re.Pattern[str]
    build: _Builder


_DIGITS = "0123456789"
_YEAR_FIRST = _DIGITS + "〇零○一二三四五六七八九" + "今去前本"  # what `_Y` can start with
_MONTH_FIRST = _DIGITS + "〇零一二三四五六七八九十"  # what `AR|CNM` can start with

EXPRESSIONS: tuple[Expression, ...] = (
    Expression("year month day-range", _YEAR_FIRST, re.compile(rf"{_Y}\s*{_M}\s*{_DR}"), _calendar),
    Expression("year month day", _YEAR_FIRST, re.compile(rf"{_Y}\s*{_M}\s*{_D}"), _calendar),
    Expression("year month", _YEAR_FIRST, re.compile(rf"{_Y}\s*{_M}(?:份|{_PART})?(?!度)"), _calendar),
    Expression("year", _YEAR_FIRST, re.compile(rf"{_Y}(?:{_PART})?"), _calendar),
    Expression("month day-range", _MONTH_FIRST, re.compile(rf"{NB}{_M}\s*{_DR}"), _calendar),
    Expression("month day", _MONTH_FIRST, re.compile(rf"{NB}{_M}\s*{_D}"), _calendar),
    Expression(
        "month",
        _MONTH_FIRST,
        re.compile(rf"{NB}(?<![统唯第逐同单])(?P<m>{AR}|{CNM})\s*月(?:份|{_PART})?(?!度|饼|亮|光|球)"),
        _calendar,
    ),
    Expression(
        "Y-M-D",
        _DIGITS,
        re.compile(
            r"(?<![0-9.])(?P<ny>[0-9]{4})\s*(?P<sep>[-/.])\s*(?P<nm>[0-9]{1,2})\s*(?P=sep)\s*"
            r"(?P<nd>[0-9]{1,2})(?![0-9]|\.[0-9])"
        ),
        _numeric,
    ),
    Expression(
        "Y-M",
        _DIGITS,
        re.compile(r"(?<![0-9.])(?P<ny>[0-9]{4})\s*[-/]\s*(?P<nm>[0-9]{1,2})(?![0-9]|[-/.]?[0-9]|\s*月)"),
        _numeric,
    ),
    Expression("YYYYMMDD", _DIGITS, re.compile(r"(?<![0-9])[0-9]{8}(?![0-9])"), _eight),
    Expression(
        "year-span",
        _DIGITS,
        re.compile(r"(?<![0-9])(?P<ya>[0-9]{4})\s*(?:-|~|—{1,2}|–|至|到)\s*(?P<yb>[0-9]{4})\s*年(?!度|代|级)"),
        _year_span,
    ),
    Expression("day word", "今昨前", re.compile(r"今天|今日(?!拱墅)|昨天|昨日|前天"), _relative),
    Expression(
        "week or month word",
        "本这上",
        re.compile(
            r"本周|这周|这一周|这个星期|这星期|本星期|这个礼拜|这礼拜|本礼拜|"
            r"上周|上一周|上个星期|上星期|上个礼拜|上礼拜|"
            r"本月|这个月|上个月|上一个月|上月"
        ),
        _relative,
    ),
    Expression(
        "recent N units",
        "最近过",
        re.compile(
            r"(?:最近|近|过去)\s*(?P<n>[0-9]{1,3}|[一二两三四五六七八九十]{1,3})\s*(?P<ge>个)?\s*"
            r"(?P<u>天|日|周|星期|礼拜|月|年)"
        ),
        _recent,
    ),
)
_BY_FIRST: dict[str, tuple[Expression, ...]] = {
    ch: tuple(e for e in EXPRESSIONS if ch in e.first) for ch in "".join(e.first for e in EXPRESSIONS)
}


def scan(text: str, today: date, strict: bool) -> list[Piece]:
    """All date expressions in `text`, left to right, longest match first at each position."""
    blocked = [m.span() for m in _MONTH_SPAN.finditer(text)]  # sorted, not overlapping
    b = 0
    pieces: list[Piece] = []
    pos = 0
    while pos < len(text):
        while b < len(blocked) and blocked[b][1] <= pos:
            b += 1
        if b < len(blocked) and blocked[b][0] <= pos:
            pos = blocked[b][1]
            continue
        rows = _BY_FIRST.get(text[pos])
        if rows is None:
            pos += 1
            continue
        candidates = [(m, e.build) for e in rows if (m := e.pattern.match(text, pos)) and m.end() > pos]
        candidates.sort(key=lambda c: c[0].end(), reverse=True)  # stable: ties keep pattern order
        for m, build in candidates:
            piece = build(m, today, strict)
            if piece is not None:
                pieces.append(piece)
                pos = piece.end
                break
        else:
            pos += 1
    return pieces
