"""Date phrases ↔ dates: the one place that knows how Chinese users and reporters write dates.

Three callers need this and must agree on every rule, which is why it lives in one module:

* `/date EXPR` and `python -m retrieval date EXPR` → `parse_date_expr` (the whole text is a date);
* free-text questions → `extract_date_filter` (find the date, cut it out, keep the rest for search);
* ingestion → `lead_date` (the event date written at the start of an article's lead).

`today` is always a parameter (see `today_in`), so results never depend on the clock or the
environment and tests can pin any day.

Choices, documented here because callers rely on them:

* Years are accepted only in 1900–2100: outside it a four-digit number followed by 年 is far
  more likely "5000年历史" than a date, so `extract_date_filter` leaves it in the text and
  `parse_date_expr` rejects it.
* A date without a year (`3月20日`, `三月`) means that month/day in *any* year
  (`DateFilter.month/day`); a year-less *range* (`3月1日至3月15日`, `3月3-5日`) cannot be said
  that way, so it is placed in the latest year in which it starts on or before `today`.
* Periods are whole: `本周` is Monday–Sunday, `本月` the whole month, `今年` the whole year, even
  past `today`. `最近N天/周/个月/年` is the N units ending today, today included
  (`最近7天` = today-6 … today; `近一个月` on 11-22 = 10-23 … 11-22).
* Several expressions in one question: `A至B` / `A到B` / `A-B` / `从A到B` make a range (the end
  inherits a missing year/month from the start, and vice versa); a year alone plus a year-less
  month/day anywhere else in the question are merged (`2024年 李志龙 3月20日` → 2024-03-20);
  otherwise the first expression wins and the others stay in the text.  `A以来` / `A至今` give
  an open end.  `3月底`, `2024年初`, `3月下旬` keep the whole month/year (the suffix is cut too).
* Not filters, left in the text: `2023年度` (a fiscal year), `2020年代`, `2024级`,
  `第一季度`, counts (`37个`, `14名`, `190亿元`), 8-digit numbers that are not valid dates,
  and statistical month spans such as `1-2月` (a reporting period, published later than it
  covers — in `2024年1-2月考核结果` only `2024年` becomes the filter).  `今日拱墅` is the
  newspaper's name, not "today".
* Impossible dates raise `DateError` with the reason (`2月没有30日`, `2023年2月没有29日`,
  `没有13月`) whenever they are written with 年/月/日 or as `Y-M-D`; a bare `13月` inside a
  question (no day, no year) is not treated as a date, but `parse_date_expr` rejects it.
* The remainder returned by `extract_date_filter` has whitespace collapsed and trimmed, and a
  leading/trailing `的` or separator left behind by the removal dropped.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from retrieval.errors import DateError

__all__ = [
    "YEAR_MAX",
    "YEAR_MIN",
    "DateFilter",
    "extract_date_filter",
    "lead_date",
    "parse_date_expr",
    "today_in",
]

YEAR_MIN = 1900
YEAR_MAX = 2100

_FORMATS = (
    "可用格式：2024-06-14、2024年6月14日、6月14日、20240614、今天、昨天、本周、上个月、"
    "最近7天、2024年6月、2024年"
)


# --------------------------------------------------------------------------- DateFilter


def _fmt(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


@dataclass(frozen=True)
class DateFilter:
    """A date restriction from a query or a /date command.

    `start`/`end` bound absolute dates (inclusive, `None` = open); `month`/`day` restrict to a
    calendar month (and day) in any year, for dates typed without a year.  Both kinds may be
    combined; `contains` checks all of them.  Invalid combinations raise `DateError` at
    construction so a bad filter can never reach the search layer.
    """

    start: date | None = None
    end: date | None = None
    month: int | None = None
    day: int | None = None
    label: str = ""

    def __post_init__(self) -> None:
        if self.month is not None and not 1 <= self.month <= 12:
            raise DateError(f"没有{self.month}月：月份应为1到12")
        if self.day is not None:
            if self.month is None:
                raise DateError(f"只有日（{self.day}日）没有月：请写成“6月{self.day}日”这样的形式")
            if not 1 <= self.day <= _last_day(2000, self.month):
                raise DateError(f"{self.month}月没有{self.day}日")
        if self.start is not None and self.end is not None and self.start > self.end:
            raise DateError(f"起始日期{_fmt(self.start)}晚于结束日期{_fmt(self.end)}")

    def contains(self, d: date) -> bool:
        """Whether an article dated `d` passes this filter."""
        if self.start is not None and d < self.start:
            return False
        if self.end is not None and d > self.end:
            return False
        if self.month is not None and d.month != self.month:
            return False
        return self.day is None or d.day == self.day

    def is_single_day(self) -> bool:
        """True when the filter names one day (so callers can say "that day" instead of "between")."""
        if self.start is not None and self.start == self.end:
            return True
        return self.month is not None and self.day is not None

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict (ISO dates), stable for logs, page tokens and the CLI."""
        return {
            "label": self.label,
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
            "month": self.month,
            "day": self.day,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> DateFilter:
        """Inverse of `to_json`, so a filter stored in a page token comes back identical."""

        def _d(key: str) -> date | None:
            value = data.get(key)
            if value is None:
                return None
            if not isinstance(value, str):
                raise DateError(f"日期字段{key}格式错误：{value!r}")
            try:
                return date.fromisoformat(value)
            except ValueError as exc:
                raise DateError(f"日期字段{key}格式错误：{value!r}") from exc

        def _i(key: str) -> int | None:
            value = data.get(key)
            if value is None:
                return None
            if not isinstance(value, int) or isinstance(value, bool):
                raise DateError(f"日期字段{key}格式错误：{value!r}")
            return value

        label = data.get("label", "")
        return cls(
            start=_d("from"),
            end=_d("to"),
            month=_i("month"),
            day=_i("day"),
            label=label if isinstance(label, str) else "",
        )

    def describe(self) -> str:
        """Chinese wording for messages: whole years/months are named as such, not as day ranges."""
        parts: list[str] = []
        s, e = self.start, self.end
        if s is not None and e is not None:
            parts.append(_describe_range(s, e))
        elif s is not None:
            parts.append(f"{_fmt(s)}起")
        elif e is not None:
            parts.append(f"{_fmt(e)}及以前")
        if self.month is not None:
            md = f"{self.month}月{self.day}日" if self.day is not None else f"{self.month}月"
            parts.append(f"每年{md}" if not parts else f"（仅{md}）")
        return "".join(parts) or "不限日期"


def _describe_range(s: date, e: date) -> str:
    if s == e:
        return _fmt(s)
    whole_months = s.day == 1 and e.day == _last_day(e.year, e.month)
    if whole_months and s.month == 1 and e.month == 12:
        return f"{s.year}年" if s.year == e.year else f"{s.year}年至{e.year}年"
    if whole_months:
        if (s.year, s.month) == (e.year, e.month):
            return f"{s.year}年{s.month}月"
        return f"{s.year}年{s.month}月至{e.year}年{e.month}月"
    return f"{_fmt(s)}至{_fmt(e)}"


# --------------------------------------------------------------------------- numerals, text

# Full-width ASCII → ASCII and the ideographic space → space, one character for one, so spans
# found in the normalised text are valid in the original.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}

_CN_DIGIT = {
    "〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_CN_SMALL = re.compile(r"(?P<t>[一二三四五六七八九]?十|廿|卅)?(?P<u>[一二两三四五六七八九])?")


def _normalize(text: str) -> str:
    return text.translate(_WIDTH)


def _num(s: str) -> int | None:
    """Arabic or Chinese (一…九十九, 廿, 卅) numeral → int; None when it is not a clean numeral."""
    s = re.sub(r"\s+", "", s)
    if re.fullmatch(r"[0-9]+", s):
        return int(s)
    if len(s) == 1 and s in "〇零○":
        return 0
    m = _CN_SMALL.fullmatch(s)
    if m is None or not s:
        return None
    tens_text, unit_text = m.group("t"), m.group("u")
    tens = 0
    if tens_text == "廿":
        tens = 20
    elif tens_text == "卅":
        tens = 30
    elif tens_text:
        tens = 10 * (_CN_DIGIT[tens_text[0]] if len(tens_text) == 2 else 1)
    return tens + (_CN_DIGIT[unit_text] if unit_text else 0)


def _cn_year(s: str) -> int:
    return int("".join(str(_CN_DIGIT[c]) for c in s))


# --------------------------------------------------------------------------- validation


def _check(year: int | None, month: int, day: int | None, strict: bool = True) -> bool:
    """Raise a DateError naming the problem (or return False when not `strict`)."""
    problem = ""
    if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
        problem = f"年份{year}超出范围（支持{YEAR_MIN}到{YEAR_MAX}年）"
    elif not 1 <= month <= 12:
        problem = f"没有{month}月：月份应为1到12"
    elif day is not None and not 1 <= day <= _last_day(2000 if year is None else year, month):
        problem = f"{'' if year is None else f'{year}年'}{month}月没有{day}日"
    if problem and strict:
        raise DateError(problem)
    return not problem


def _shift_days(d: date, days: int) -> date:
    try:
        return d + timedelta(days=days)
    except OverflowError as exc:
        raise DateError("日期超出可表示的范围") from exc


def _shift_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    year, month0 = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise DateError("时间跨度过大")
    return date(year, month0 + 1, min(d.day, _last_day(year, month0 + 1)))


# --------------------------------------------------------------------------- pieces


@dataclass(frozen=True)
class _Piece:
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


def _interval(p: _Piece, year: int | None = None) -> tuple[date, date]:
    """The days a piece covers; year-less pieces need `year` (ValueError if the day does not exist)."""
    if p.span is not None:
        return p.span
    y = p.year if p.year is not None else year
    if y is None:
        raise ValueError("year needed")
    if p.month is None:
        return date(y, 1, 1), date(y, 12, 31)
    if p.day is None:
        return date(y, p.month, 1), date(y, p.month, _last_day(y, p.month))
    return date(y, p.month, p.day), date(y, p.month, p.day2 if p.day2 is not None else p.day)


_NB = r"(?<![0-9〇零○一二两三四五六七八九十廿卅百千万])"  # a number starts here, not mid-number
_AR = r"[0-9]{1,2}"
_CNM = r"[〇零一二三四五六七八九十]{1,3}"
_CND = r"[〇零一二三四五六七八九十廿卅]{1,4}"
_M = rf"(?P<m>{_AR}|{_CNM})\s*月"
_D = rf"(?P<d>{_AR}|{_CND})\s*[日号]"
_DR = rf"(?P<d>{_AR}|{_CND})\s*[日号]?\s*(?:至|到|-|~|—{{1,2}}|–)\s*(?P<d2>{_AR}|{_CND})\s*[日号]"
_Y = (
    r"(?P<y>(?<![0-9])[0-9]{4}|(?<![〇零○一二三四五六七八九十])[〇零○一二三四五六七八九]{4}|今|去|前|本)"
    r"\s*年(?!度|代|级)"
)
# `3月底`, `2024年初`: still the whole month/year (articles about the end of March may say so
# in early April, but a tighter window would lose more than it gains), but cut from the text.
_PART = r"初(?!步)|底|末|上旬|中旬|下旬"
_CONN = r"\s*(?:至|到|-|~|—{1,2}|–)\s*"
_CONN_FULL = re.compile(_CONN)
_SINCE = re.compile(r"\s*(?:以来|至今)")
_FROM = re.compile(r"(?:从|自)\s*$")
_BETWEEN = re.compile(r"\s*(?:之间|期间)")
_DAY_AHEAD = re.compile(rf"\s*(?:{_AR}|{_CND})\s*[日号]")
# `1-2月`, `1至5月`: a statistical reporting period, never a filter (see module docstring).
_MONTH_SPAN = re.compile(rf"{_NB}(?:{_AR}|{_CNM})\s*(?:至|到|-|~|—{{1,2}}|–)\s*(?:{_AR}|{_CNM})\s*月")

_Builder = Callable[[re.Match[str], date, bool], _Piece | None]


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
        year = _cn_year(y)
    if not YEAR_MIN <= year <= YEAR_MAX:
        if strict:
            raise DateError(f"年份{year}超出范围（支持{YEAR_MIN}到{YEAR_MAX}年）")
        return None
    return year


def _calendar(m: re.Match[str], today: date, strict: bool) -> _Piece | None:
    """Y年 / Y年M月 / Y年M月D日 / M月D日 / M月 / M月D-D2日 (any of them with Chinese numerals)."""
    groups = m.groupdict()
    year = _year(m, today, strict) if groups.get("y") is not None else None
    if groups.get("y") is not None and year is None:
        return None
    month = _num(groups["m"]) if groups.get("m") is not None else None
    day = _num(groups["d"]) if groups.get("d") is not None else None
    day2 = _num(groups["d2"]) if groups.get("d2") is not None else None
    if groups.get("m") is not None and month is None:
        return None
    if (groups.get("d") is not None and day is None) or (groups.get("d2") is not None and day2 is None):
        return None
    if month is not None:
        # A bare month inside a question (`13月`) is too weak a signal to complain about.
        loud = strict or day is not None or year is not None
        if not _check(year, month, day, strict=loud):
            return None
        if day2 is not None:
            _check(year, month, day2)
            if day is not None and day2 < day:
                raise DateError(f"{month}月{day}日至{day2}日：结束日早于开始日")
    return _Piece(m.start(), m.end(), year, month, day, day2)


def _numeric(m: re.Match[str], today: date, strict: bool) -> _Piece | None:
    """2024-03-20, 2024/3/20, 2024.3.20, 2024-03: a bad month means "not a date" unless strict."""
    year, month = int(m.group("ny")), int(m.group("nm"))
    day = int(m.group("nd")) if m.groupdict().get("nd") is not None else None
    if not (YEAR_MIN <= year <= YEAR_MAX and 1 <= month <= 12) and not strict:
        return None
    _check(year, month, day)
    return _Piece(m.start(), m.end(), year, month, day)


def _eight(m: re.Match[str], today: date, strict: bool) -> _Piece | None:
    """20240320 — only when it is a valid date (otherwise it is an id, a phone number …)."""
    s = m.group(0)
    year, month, day = int(s[:4]), int(s[4:6]), int(s[6:])
    if not _check(year, month, day, strict=strict):
        return None
    return _Piece(m.start(), m.end(), year, month, day)


def _year_span(m: re.Match[str], today: date, strict: bool) -> _Piece | None:
    """2023-2024年 → the two whole years."""
    a, b = int(m.group("ya")), int(m.group("yb"))
    ok = YEAR_MIN <= a <= b <= YEAR_MAX
    if not ok:
        if strict:
            raise DateError(f"年份范围{a}-{b}无效（支持{YEAR_MIN}到{YEAR_MAX}年，且起始不晚于结束）")
        return None
    return _Piece(m.start(), m.end(), span=(date(a, 1, 1), date(b, 12, 31)))


def _relative(m: re.Match[str], today: date, strict: bool) -> _Piece | None:
    """今天/昨天/前天, 本周/上周, 本月/上个月 — whole periods relative to `today`."""
    word = m.group(0)
    if word.startswith(("今", "昨", "前")):
        back = {"今": 0, "昨": 1, "前": 2}[word[0]]
        d = _shift_days(today, -back)
        span = (d, d)
    elif word.endswith("月"):
        first = today.replace(day=1)
        if word.startswith("上"):
            first = _shift_months(first, -1)
        span = (first, first.replace(day=_last_day(first.year, first.month)))
    else:
        monday = _shift_days(today, -today.weekday() - (7 if word.startswith("上") else 0))
        span = (monday, _shift_days(monday, 6))
    return _Piece(m.start(), m.end(), span=span)


def _recent(m: re.Match[str], today: date, strict: bool) -> _Piece | None:
    """最近N天/周/个月/年 — the N units ending today, today included."""
    n = _num(m.group("n"))
    unit = m.group("u")
    if n is None or n <= 0:
        return None
    if unit == "月" and not m.group("ge") and _DAY_AHEAD.match(m.string, m.end()):
        return None  # `最近3月20日…`: a date, not "the last 3 months"
    if unit in ("天", "日"):
        start = _shift_days(today, -(n - 1))
    elif unit in ("周", "星期", "礼拜"):
        start = _shift_days(today, -(7 * n - 1))
    else:
        start = _shift_days(_shift_months(today, -n * (12 if unit == "年" else 1)), 1)
    return _Piece(m.start(), m.end(), span=(start, today))


_PATTERNS: list[tuple[re.Pattern[str], _Builder]] = [
    (re.compile(rf"{_Y}\s*{_M}\s*{_DR}"), _calendar),
    (re.compile(rf"{_Y}\s*{_M}\s*{_D}"), _calendar),
    (re.compile(rf"{_Y}\s*{_M}(?:份|{_PART})?(?!度)"), _calendar),
    (re.compile(rf"{_Y}(?:{_PART})?"), _calendar),
    (re.compile(rf"{_NB}{_M}\s*{_DR}"), _calendar),
    (re.compile(rf"{_NB}{_M}\s*{_D}"), _calendar),
    (
        re.compile(rf"{_NB}(?<![统唯第逐同单])(?P<m>{_AR}|{_CNM})\s*月(?:份|{_PART})?(?!度|饼|亮|光|球)"),
        _calendar,
    ),
    (
        re.compile(
            r"(?<![0-9.])(?P<ny>[0-9]{4})\s*(?P<sep>[-/.])\s*(?P<nm>[0-9]{1,2})\s*(?P=sep)\s*"
            r"(?P<nd>[0-9]{1,2})(?![0-9]|\.[0-9])"
        ),
        _numeric,
    ),
    (
        re.compile(r"(?<![0-9.])(?P<ny>[0-9]{4})\s*[-/]\s*(?P<nm>[0-9]{1,2})(?![0-9]|[-/.]?[0-9]|\s*月)"),
        _numeric,
    ),
    (re.compile(r"(?<![0-9])[0-9]{8}(?![0-9])"), _eight),
    (
        re.compile(
            r"(?<![0-9])(?P<ya>[0-9]{4})\s*(?:-|~|—{1,2}|–|至|到)\s*(?P<yb>[0-9]{4})\s*年(?!度|代|级)"
        ),
        _year_span,
    ),
    (re.compile(r"今天|今日(?!拱墅)|昨天|昨日|前天"), _relative),
    (
        re.compile(
            r"本周|这周|这一周|这个星期|这星期|本星期|这个礼拜|这礼拜|本礼拜|"
            r"上周|上一周|上个星期|上星期|上个礼拜|上礼拜|"
            r"本月|这个月|上个月|上一个月|上月"
        ),
        _relative,
    ),
    (
        re.compile(
            r"(?:最近|近|过去)\s*(?P<n>[0-9]{1,3}|[一二两三四五六七八九十]{1,3})\s*(?P<ge>个)?\s*"
            r"(?P<u>天|日|周|星期|礼拜|月|年)"
        ),
        _recent,
    ),
]
_STARTS = frozenset("0123456789〇零○一二两三四五六七八九十廿卅今昨前去本这上最近过")


def _scan(text: str, today: date, strict: bool) -> list[_Piece]:
    """All date expressions in `text`, left to right, longest match first at each position."""
    blocked = [m.span() for m in _MONTH_SPAN.finditer(text)]
    pieces: list[_Piece] = []
    pos = 0
    while pos < len(text):
        inside = next((end for start, end in blocked if start <= pos < end), None)
        if inside is not None:
            pos = inside
            continue
        if text[pos] not in _STARTS:
            pos += 1
            continue
        candidates = [(m, build) for rx, build in _PATTERNS if (m := rx.match(text, pos)) and m.end() > pos]
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


# --------------------------------------------------------------------------- combining


def _wraps(a: _Piece, b: _Piece) -> bool:
    """`12月20日至1月5日` crosses New Year; `3月15日至3月1日` is a mistake, not a year-long range."""
    return a.month is not None and b.month is not None and b.month < a.month


def _resolve_yearless(a: _Piece, b: _Piece, today: date) -> tuple[date, date]:
    """Place a year-less range in the latest year where it starts on or before `today`."""
    for year in range(today.year, today.year - 9, -1):
        try:
            start = _interval(a, year)[0]
            end = _interval(b, year)[1]
            if end < start and _wraps(a, b):
                end = _interval(b, year + 1)[1]
        except ValueError:
            continue  # 2月29日 in a common year, or year < 1
        if end < start:
            raise DateError(f"起始日期{a.month}月{a.day or 1}日晚于结束日期{b.month}月{b.day}日")
        if start <= today:
            return start, end
    raise DateError("无法确定这个日期范围属于哪一年，请写上年份，例如2024年3月1日至3月15日")


def _range(a: _Piece, b: _Piece, today: date) -> tuple[date, date]:
    """`A至B`: a missing year on one side comes from the other (rolling over when needed)."""
    if a.yearless and b.yearless:
        return _resolve_yearless(a, b, today)
    try:
        if a.yearless:
            end = _interval(b)[1]
            start = _interval(a, end.year)[0]
            if start > end and _wraps(a, b):
                start = _interval(a, end.year - 1)[0]
        elif b.yearless:
            start = _interval(a)[0]
            end = _interval(b, start.year)[1]
            if end < start and _wraps(a, b):
                end = _interval(b, start.year + 1)[1]
        else:
            start, end = _interval(a)[0], _interval(b)[1]
    except ValueError as exc:
        raise DateError("范围的一端在推断出的年份中不存在（例如平年的2月29日），请写上年份") from exc
    if end < start:
        raise DateError(f"起始日期{_fmt(start)}晚于结束日期{_fmt(end)}")
    return start, end


def _single(p: _Piece, today: date) -> DateFilter:
    if p.yearless and p.day2 is not None:
        start, end = _resolve_yearless(p, p, today)
        return DateFilter(start=start, end=end)
    if p.yearless:
        return DateFilter(month=p.month, day=p.day)
    start, end = _interval(p)
    return DateFilter(start=start, end=end)


_Spans = list[tuple[int, int]]


def _choose(text: str, pieces: list[_Piece], today: date) -> tuple[DateFilter, _Spans, _Spans]:
    """Turn the found pieces into one filter, the spans of `text` to cut, and the spans to label it by."""
    first = pieces[0]
    second = pieces[1] if len(pieces) > 1 else None
    if second is not None and _CONN_FULL.fullmatch(text, first.end, second.start):
        start, end = _range(first, second, today)
        cut_start, cut_end = first.start, second.end
        if lead_in := _FROM.search(text, 0, first.start):
            cut_start = lead_in.start()
        if tail := _BETWEEN.match(text, cut_end):
            cut_end = tail.end()
        return DateFilter(start=start, end=end), [(cut_start, cut_end)], [(first.start, second.end)]
    if second is not None and (
        (first.year_only and second.yearless) or (first.yearless and second.year_only)
    ):
        year_piece, md = (first, second) if first.year_only else (second, first)
        assert md.month is not None
        _check(year_piece.year, md.month, md.day)
        if md.day2 is not None:
            _check(year_piece.year, md.month, md.day2)
        merged = replace(md, year=year_piece.year)
        spans = [(first.start, first.end), (second.start, second.end)]
        return _single(merged, today), spans, spans
    flt = _single(first, today)
    cut_end = first.end
    if since := _SINCE.match(text, first.end):
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


# --------------------------------------------------------------------------- public API


def parse_date_expr(text: str, today: date) -> DateFilter:
    """The whole `text` (stripped) is one date expression, as typed after `/date` or `retrieval date EXPR`.

    Uses the same grammar as `extract_date_filter` (so `/date 去年三月` and a question
    containing 去年三月 agree) but is strict: anything left over, and any impossible date,
    raises `DateError`.  A bare four-digit year (`2024`) is also accepted here.
    """
    raw = text.strip()
    if not raw:
        raise DateError(f"日期为空。{_FORMATS}")
    norm = _normalize(raw)
    if re.fullmatch(r"[0-9]{4}", norm):
        year = int(norm)
        _check(year, 1, None)
        return DateFilter(start=date(year, 1, 1), end=date(year, 12, 31), label=raw)
    pieces = _scan(norm, today, strict=True)
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
    norm = _normalize(query)
    pieces = _scan(norm, today, strict=False)
    if not pieces:
        return query.strip(), None
    flt, cuts, labelled = _choose(norm, pieces, today)
    remainder = re.sub(r"\s+", " ", _remove(query, cuts)).strip(_EDGE_JUNK)
    return remainder, replace(flt, label=_label(query, labelled))


_BYLINE = re.compile(r"本报讯\s*(?:\([^()]{0,80}\))?")
_LEAD_DATE = re.compile(
    r"(?:(?P<y>(?<![0-9])[0-9]{4}|[〇零○一二三四五六七八九]{4})年)?"
    rf"{_NB}(?P<m>{_AR}|{_CNM})月(?P<d>{_AR}|{_CND})[日号]"
)
_VAGUE = re.compile(r"近日|日前|连日|近期|近来")
_LEAD_WINDOW = 80


def lead_date(lead: str, issue_date: date) -> tuple[date, bool]:
    """Event date of a newspaper article from the start of its lead paragraph, and whether it is approximate.

    Reporters open with the event date (`3月18日上午，…`) but omit the year, and the paper
    comes out days later, so the issue date alone would misdate most articles.  Only the first
    ~80 characters after the `本报讯（记者 …）` byline are read (whitespace removed, since the
    corpus is OCR text with stray spaces and line breaks): later dates are usually about
    something else.  The year is the issue's, except a month more than one after the issue's
    (a December lead in a January issue), which is the previous year.  Falls back to
    `(issue_date, True)` when the lead says only 近日/日前/连日来/近期 first, has no date, the date
    does not exist, or it lies more than 7 days after (or about a year before) the issue.
    Never raises.
    """
    text = _normalize(lead)
    byline = _BYLINE.search(text, 0, 300)
    head = re.sub(r"\s+", "", text[byline.end() if byline else 0 :][: _LEAD_WINDOW * 4])[:_LEAD_WINDOW]
    found = _LEAD_DATE.search(head)
    vague = _VAGUE.search(head)
    if found is None or (vague is not None and vague.start() < found.start()):
        return issue_date, True
    month, day = _num(found.group("m")), _num(found.group("d"))
    if month is None or day is None or not 1 <= month <= 12:
        return issue_date, True
    y = found.group("y")
    if y is not None:
        year = int(y) if y.isascii() else _cn_year(y)
    else:
        year = issue_date.year - (1 if month > issue_date.month + 1 else 0)
    try:
        event = date(year, month, day)
        too_late = event > issue_date + timedelta(days=7)
        too_early = event < issue_date - timedelta(days=400)
    except (ValueError, OverflowError):
        return issue_date, True
    if too_late or too_early:
        return issue_date, True
    return event, False


def today_in(tz_name: str, now: datetime | None = None) -> date:
    """Today's date in the archive's time zone (zoneinfo), `now` injectable for tests (aware datetime).

    "今天" must mean the newspaper's day, not the server's (a UTC server is 8 hours behind
    Hangzhou).  An unknown zone raises `DateError`; a naive `now` is a programming error
    (`ValueError`), because guessing its zone is exactly the bug this function prevents.
    """
    try:
        tz = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise DateError(f"未知的时区：{tz_name}（例如 Asia/Shanghai）") from exc
    if now is None:
        return datetime.now(tz).date()
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("today_in: `now` must be a timezone-aware datetime")
    return now.astimezone(tz).date()


def real_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when the numbers name no real day (a masthead or file name that an
    OCR or a typo damaged must not crash an ingest)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None
