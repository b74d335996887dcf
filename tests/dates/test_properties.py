"""Property tests of the date grammar: forms round-trip, extraction agrees with parsing,
only dates raise DateError."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval.dates import DateFilter, extract_date_filter, parse_date_expr
from retrieval.errors import DateError
from tests.helpers.dates import DATEISH, DATES, SUN, TODAYS

# --------------------------------------------------------------------------- properties

_CN = "〇一二三四五六七八九"


def cn_small(n: int) -> str:
    tens, units = divmod(n, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else _CN[tens] + "十")) + (_CN[units] if units else "")


def cn_date(day: date) -> str:
    return "".join(_CN[int(c)] for c in str(day.year)) + f"年{cn_small(day.month)}月{cn_small(day.day)}日"


@given(DATES, TODAYS)
def test_property_forms_round_trip(day: date, today: date) -> None:
    forms = [
        f"{day.year}年{day.month}月{day.day}日",
        f"{day.year}年{day.month}月{day.day}号",
        day.isoformat(),
        f"{day.year}/{day.month}/{day.day}",
        day.strftime("%Y%m%d"),
        cn_date(day),
    ]
    for text in forms:
        f = parse_date_expr(text, today)
        assert (f.start, f.end, f.month, f.day) == (day, day, None, None), text
        assert f.is_single_day() and f.contains(day)
        assert not f.contains(day + timedelta(days=1)) if day < date(2100, 12, 31) else True


@given(
    DATES,
    st.sampled_from(["李志龙", "区委常委会", "招商大会 ", ""]),
    st.sampled_from(["走访了哪些企业？", " 会议", ""]),
)
def test_property_extract_full_date_from_question(day: date, before: str, after: str) -> None:
    rest, f = extract_date_filter(f"{before}{day.year}年{day.month}月{day.day}日{after}", SUN)
    assert f is not None and (f.start, f.end) == (day, day)
    assert rest == " ".join(f"{before}{after}".split())


@given(st.integers(1, 12), st.integers(1, 31))
def test_property_yearless_month_day(month: int, day: int) -> None:
    text = f"{month}月{day}日"
    exists = any(_valid(y, month, day) for y in (2023, 2024))
    if exists:
        f = parse_date_expr(text, SUN)
        assert (f.month, f.day) == (month, day)
        assert parse_date_expr(f"{cn_small(month)}月{cn_small(day)}日", SUN) == DateFilter(
            month=month, day=day, label=f"{cn_small(month)}月{cn_small(day)}日"
        )
    else:
        with pytest.raises(DateError, match=f"{month}月没有{day}日"):
            parse_date_expr(text, SUN)


def _valid(y: int, m: int, dd: int) -> bool:
    try:
        date(y, m, dd)
    except ValueError:
        return False
    return True





@settings(max_examples=400)
@given(st.one_of(st.text(max_size=60), DATEISH), TODAYS)
def test_property_only_date_errors(text: str, today: date) -> None:
    for func in (parse_date_expr, extract_date_filter):
        try:
            func(text, today)
        except DateError:
            pass


@settings(max_examples=400)
@given(st.one_of(st.text(max_size=60), DATEISH), TODAYS)
def test_property_extract_filter_is_consistent(text: str, today: date) -> None:
    try:
        rest, f = extract_date_filter(text, today)
    except DateError:
        return
    assert len(rest) <= len(text)
    if f is None:
        assert rest == text.strip()
    else:
        assert f.label
        assert f.start is None or f.end is None or f.start <= f.end
