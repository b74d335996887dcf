"""Shared by the dates tests: fixed days, small constructors, and strategies."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from retrieval.dates import DateFilter

SUN = date(2026, 11, 22)  # a Sunday
WED = date(2025, 1, 8)  # a Wednesday in January: year boundaries for 上个月, ranges, leads
DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
TODAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
DATEISH = st.lists(
    st.sampled_from(
        [
            *"0123456789年月日号-/.~至到从以来今昨前去本这上最近过",
            *"个天周星期礼拜〇零一二两三四五六七八九十廿卅 的度份",
            *["本报讯(记者 张三)", "本报讯（记者 ", "）", "近日", "日前"],
            *["今日拱墅", "2024", "12", "31", "二〇二四"],
        ]
    ),
    max_size=25,
).map("".join)


def span(a: date, b: date) -> tuple[date | None, date | None]:
    return a, b


def rng(f: DateFilter) -> tuple[date | None, date | None]:
    return f.start, f.end


def d(y: int, m: int, dd: int) -> date:
    return date(y, m, dd)
