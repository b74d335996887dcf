"""dates/lead.py: lead dates from real corpus openings, today in the paper's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval.dates import lead_date, today_in
from retrieval.errors import DateError
from tests.helpers.dates import DATEISH, DATES, d

# --------------------------------------------------------------------------- lead_date

CORPUS_LEAD_000 = " 本报讯（记者 林韬 通讯员 \n\n黄朝文）3月18日上午，区委书记\n\n李志龙接 待省二轻"
CORPUS_LEAD_004 = "本报讯（记者 林韬 通讯员 王\n\n凯）2月15日上午，区委书记李志龙\n\n赴杭钢集团开展"


@pytest.mark.parametrize(
    ("lead", "issue", "expected"),
    [
        ("3月18日上午，区委书记李志龙接待省二轻集团党委书记", d(2024, 3, 22), (d(2024, 3, 18), False)),
        (CORPUS_LEAD_000, d(2024, 3, 22), (d(2024, 3, 18), False)),
        (CORPUS_LEAD_004, d(2023, 2, 17), (d(2023, 2, 15), False)),
        (
            "本报讯(记者 林翰 通讯员 黄朝文)春潮澎湃启新程,扬帆奋进正当时。"
            "3月7日下午,拱墅区召开2025年招商大会。",
            d(2025, 3, 14),
            (d(2025, 3, 7), False),
        ),
        ("春潮澎湃启新程,扬帆奋进正当时。3月7日下午", d(2025, 3, 14), (d(2025, 3, 7), False)),
        ("近日，区委副书记、代区长敖煜新调研", d(2025, 3, 14), (d(2025, 3, 14), True)),
        ("日前,2025年建设工作会议召开", d(2025, 3, 14), (d(2025, 3, 14), True)),
        ("连日来，各街道在3月1日前完成", d(2025, 3, 14), (d(2025, 3, 14), True)),
        ("近期，全区上下", d(2025, 3, 14), (d(2025, 3, 14), True)),
        ("12月28日上午，区委召开", d(2024, 1, 5), (d(2023, 12, 28), False)),
        ("2月10日至11日，区领导", d(2024, 2, 16), (d(2024, 2, 10), False)),
        ("3月 18日上午", d(2024, 3, 22), (d(2024, 3, 18), False)),
        (
            "本报讯(记者 林韬 通讯员 黄朝文)6月11日上 午,区委常委 会召开",
            d(2024, 6, 14),
            (d(2024, 6, 11), False),
        ),
        ("4月21日上\n\n午，区委常委会召开会议", d(2024, 4, 26), (d(2024, 4, 21), False)),
        ("三月十八日上午，区委书记", d(2024, 3, 22), (d(2024, 3, 18), False)),
        ("３月１８日晚，", d(2024, 3, 22), (d(2024, 3, 18), False)),
        ("2023年12月28日，", d(2024, 1, 5), (d(2023, 12, 28), False)),
        # next month, close to the issue: a preview of an event
        ("4月2日将举行", d(2024, 3, 29), (d(2024, 4, 2), False)),
        ("区委常委会召开会议，研究部署工作。", d(2024, 3, 22), (d(2024, 3, 22), True)),
        ("", d(2024, 3, 22), (d(2024, 3, 22), True)),
        ("2月30日上午", d(2024, 3, 1), (d(2024, 3, 1), True)),
        ("13月1日上午", d(2024, 3, 1), (d(2024, 3, 1), True)),
        # more than 7 days after the issue: not the event date
        ("3月30日上午", d(2024, 3, 15), (d(2024, 3, 15), True)),
        # only the opening is read: a date deep in the lead is about something else
        ("区委常委会召开会议" + "研究部署" * 30 + "5月27日", d(2024, 6, 14), (d(2024, 6, 14), True)),
    ],
)
def test_lead_date(lead: str, issue: date, expected: tuple[date, bool]) -> None:
    assert lead_date(lead, issue) == expected


# --------------------------------------------------------------------------- today_in


def test_today_in_shanghai_is_ahead_of_utc() -> None:
    assert today_in("Asia/Shanghai", now=datetime(2026, 11, 21, 17, 0, tzinfo=UTC)) == d(2026, 11, 22)
    assert today_in("Asia/Shanghai", now=datetime(2026, 11, 21, 15, 59, tzinfo=UTC)) == d(2026, 11, 21)
    eastern = timezone(timedelta(hours=-5))
    assert today_in("UTC", now=datetime(2026, 11, 21, 20, 0, tzinfo=eastern)) == d(2026, 11, 22)


def test_today_in_default_now_and_errors() -> None:
    assert isinstance(today_in("Asia/Shanghai"), date)
    with pytest.raises(DateError, match="时区"):
        today_in("Mars/Olympus_Mons")
    with pytest.raises(ValueError, match="aware"):
        today_in("Asia/Shanghai", now=datetime(2026, 11, 21, 17, 0))




@settings(max_examples=400)
@given(st.one_of(st.text(max_size=100), DATEISH), DATES)
def test_property_lead_date_never_raises(lead: str, issue: date) -> None:
    event, approximate = lead_date(lead, issue)
    assert issue - timedelta(days=400) <= event <= issue + timedelta(days=7)
    if approximate:
        assert event == issue


@given(DATES, st.integers(-60, 0), st.sampled_from(["上午", "下午", "晚", "", "至{n}日"]))
def test_property_lead_date_recent_event(issue: date, offset: int, tail: str) -> None:
    event = issue + timedelta(days=offset)
    tail = tail.format(n=min(event.day + 1, 28))
    lead = f"本报讯（记者 林韬 通讯员 黄朝文）{event.month}月{event.day}日{tail}，区委书记李志龙主持会议"
    assert lead_date(lead, issue) == (event, False)


def test_a_dateline_dates_a_lead_that_names_no_day() -> None:
    """`本报10月15日讯 今天上午…` happened on the 15th; days in the lead count from the dateline;
    a vague lead stays approximate."""
    assert lead_date("今天上午，服务中心揭牌运行。", date(2024, 10, 16), (10, 15)) == (date(2024, 10, 15), False)
    assert lead_date("9月4日，论坛在北京举行。", date(2024, 9, 6), (9, 5)) == (date(2024, 9, 4), False)
    assert lead_date("近日，多所高校迎来新生。", date(2024, 9, 6), (9, 5))[1] is True
    assert lead_date("今天上午，揭牌。", date(2025, 1, 3), (12, 31)) == (date(2024, 12, 31), False)
