"""Numerals and calendar arithmetic: Arabic and Chinese numbers, full-width digits, checks
that name the impossible date, and shifts that never overflow silently."""

from __future__ import annotations

import re
from datetime import date, timedelta

from retrieval.dates.filter import last_day
from retrieval.errors import DateError

YEAR_MIN = 1900
YEAR_MAX = 2100


# Full-width ASCII → ASCII and the ideographic space → space, one character for one, so spans
# found in the normalised text are valid in the original.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}

_CN_DIGIT = {
    "〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_CN_SMALL = re.compile(r"(?P<t>[一二三四五六七八九]?十|廿|卅)?(?P<u>[一二两三四五六七八九])?")


def ascii_width(text: str) -> str:
    """Full-width digits and letters as ASCII, one character for one (spans stay valid)."""
    return text.translate(_WIDTH)


def numeral(s: str) -> int | None:
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


def cn_year(s: str) -> int:
    return int("".join(str(_CN_DIGIT[c]) for c in s))


def check(year: int | None, month: int, day: int | None, strict: bool = True) -> bool:
    """Raise a DateError naming the problem (or return False when not `strict`)."""
    problem = ""
    if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
        problem = f"年份{year}超出范围（支持{YEAR_MIN}到{YEAR_MAX}年）"
    elif not 1 <= month <= 12:
        problem = f"没有{month}月：月份应为1到12"
    elif day is not None and not 1 <= day <= last_day(2000 if year is None else year, month):
        problem = f"{'' if year is None else f'{year}年'}{month}月没有{day}日"
    if problem and strict:
        raise DateError(problem)
    return not problem


def shift_days(d: date, days: int) -> date:
    try:
        return d + timedelta(days=days)
    except OverflowError as exc:
        raise DateError("日期超出可表示的范围") from exc


def shift_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    year, month0 = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise DateError("时间跨度过大")
    return date(year, month0 + 1, min(d.day, last_day(year, month0 + 1)))
