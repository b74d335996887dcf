"""dates/filter.py: DateFilter's checks, JSON round trip and Chinese wording."""

from __future__ import annotations

from datetime import date

import pytest

from retrieval.dates import DateFilter, parse_date_expr
from retrieval.errors import DateError
from tests.helpers.dates import SUN, d

# --------------------------------------------------------------------------- DateFilter


def test_filter_contains_range_and_any_year() -> None:
    march = DateFilter(start=d(2024, 3, 1), end=d(2024, 3, 31))
    assert march.contains(d(2024, 3, 1)) and march.contains(d(2024, 3, 31))
    assert not march.contains(d(2024, 2, 29)) and not march.contains(d(2024, 4, 1))
    md = DateFilter(month=3, day=20)
    assert md.contains(d(2019, 3, 20)) and md.contains(d(2024, 3, 20))
    assert not md.contains(d(2024, 3, 21))
    m = DateFilter(month=3)
    assert m.contains(d(2001, 3, 5)) and not m.contains(d(2001, 4, 5))
    assert DateFilter().contains(d(2000, 1, 1))
    assert DateFilter(start=d(2024, 1, 1)).contains(d(2099, 1, 1))
    assert not DateFilter(end=d(2024, 1, 1)).contains(d(2024, 1, 2))


def test_filter_is_single_day() -> None:
    assert DateFilter(start=SUN, end=SUN).is_single_day()
    assert DateFilter(month=6, day=14).is_single_day()
    assert not DateFilter(month=6).is_single_day()
    assert not DateFilter(start=SUN).is_single_day()
    assert not DateFilter(start=d(2024, 3, 1), end=d(2024, 3, 2)).is_single_day()


def test_filter_json_round_trip() -> None:
    f = parse_date_expr("去年三月", SUN)
    assert f.to_json() == {
        "label": "去年三月",
        "from": "2025-03-01",
        "to": "2025-03-31",
        "month": None,
        "day": None,
    }
    assert DateFilter.from_json(f.to_json()) == f
    g = parse_date_expr("3月20日", SUN)
    assert g.to_json() == {"label": "3月20日", "from": None, "to": None, "month": 3, "day": 20}
    assert DateFilter.from_json(g.to_json()) == g
    with pytest.raises(DateError):
        DateFilter.from_json({"from": "not a date"})
    with pytest.raises(DateError):
        DateFilter.from_json({"month": "3"})


@pytest.mark.parametrize(
    ("flt", "text"),
    [
        (DateFilter(start=d(2024, 3, 20), end=d(2024, 3, 20)), "2024年3月20日"),
        (DateFilter(start=d(2024, 3, 1), end=d(2024, 3, 31)), "2024年3月"),
        (DateFilter(start=d(2024, 1, 1), end=d(2024, 12, 31)), "2024年"),
        (DateFilter(start=d(2023, 1, 1), end=d(2024, 12, 31)), "2023年至2024年"),
        (DateFilter(start=d(2024, 12, 1), end=d(2025, 1, 31)), "2024年12月至2025年1月"),
        (DateFilter(start=d(2025, 3, 1), end=d(2025, 3, 15)), "2025年3月1日至2025年3月15日"),
        (DateFilter(month=3, day=20), "每年3月20日"),
        (DateFilter(month=3), "每年3月"),
        (DateFilter(start=d(2024, 1, 1)), "2024年1月1日起"),
        (DateFilter(end=d(2024, 1, 1)), "2024年1月1日及以前"),
        (DateFilter(), "不限日期"),
        (DateFilter(start=d(2020, 1, 1), end=d(2024, 12, 31), month=3), "2020年至2024年（仅3月）"),
    ],
)
def test_filter_describe(flt: DateFilter, text: str) -> None:
    assert flt.describe() == text


@pytest.mark.parametrize(
    "kwargs",
    [
        {"month": 13},
        {"month": 0},
        {"day": 5},
        {"month": 2, "day": 30},
        {"start": date(2024, 2, 1), "end": date(2024, 1, 1)},
    ],
)
def test_filter_rejects_impossible(kwargs: dict[str, object]) -> None:
    with pytest.raises(DateError):
        DateFilter(**kwargs)  # type: ignore[arg-type]
