"""Tests for retrieval.dates: every documented expression, the invalid ones, extraction from
realistic questions, lead dates from real corpus openings, and property tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval.dates import DateFilter, extract_date_filter, lead_date, parse_date_expr, today_in
from retrieval.errors import DateError

SUN = date(2026, 11, 22)  # a Sunday
WED = date(2025, 1, 8)  # a Wednesday in January: year boundaries for 上个月, ranges, leads


def span(a: date, b: date) -> tuple[date | None, date | None]:
    return a, b


def rng(f: DateFilter) -> tuple[date | None, date | None]:
    return f.start, f.end


def d(y: int, m: int, dd: int) -> date:
    return date(y, m, dd)


# --------------------------------------------------------------------------- parse_date_expr

ABSOLUTE_DAYS = [
    "2024年3月20日",
    "2024年3月20号",
    "2024-03-20",
    "2024-3-20",
    "2024/3/20",
    "2024.3.20",
    "20240320",
    "二〇二四年三月二十日",
    "二零二四年三月二十日",
    "２０２４年３月２０日",  # full-width digits
    " 2024 年 3 月 20 日 ",
]


@pytest.mark.parametrize("text", ABSOLUTE_DAYS)
def test_parse_absolute_day(text: str) -> None:
    f = parse_date_expr(text, SUN)
    assert rng(f) == span(d(2024, 3, 20), d(2024, 3, 20))
    assert f.month is None and f.day is None
    assert f.is_single_day()
    assert f.label == text.strip()
    assert f.describe() == "2024年3月20日"


@pytest.mark.parametrize("text", ["3月20日", "3月20号", "三月二十日", "3 月 20 日"])
def test_parse_month_day_any_year(text: str) -> None:
    f = parse_date_expr(text, SUN)
    assert (f.start, f.end, f.month, f.day) == (None, None, 3, 20)
    assert f.is_single_day()
    assert f.describe() == "每年3月20日"


@pytest.mark.parametrize(
    ("text", "month", "day"),
    [("三月", 3, None), ("3月", 3, None), ("十二月", 12, None), ("十一月", 11, None), ("3月份", 3, None),
     ("三月二十一日", 3, 21), ("三月廿一日", 3, 21), ("12月三十一日", 12, 31), ("2月29日", 2, 29)],
)  # fmt: skip
def test_parse_yearless(text: str, month: int, day: int | None) -> None:
    f = parse_date_expr(text, SUN)
    assert (f.start, f.end, f.month, f.day) == (None, None, month, day)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2024年3月", d(2024, 3, 1), d(2024, 3, 31)),
        ("2024-03", d(2024, 3, 1), d(2024, 3, 31)),
        ("2024/3", d(2024, 3, 1), d(2024, 3, 31)),
        ("2024年2月", d(2024, 2, 1), d(2024, 2, 29)),
        ("二零二四年三月", d(2024, 3, 1), d(2024, 3, 31)),
        ("2024年", d(2024, 1, 1), d(2024, 12, 31)),
        ("2024", d(2024, 1, 1), d(2024, 12, 31)),
        ("今天", SUN, SUN),
        ("今日", SUN, SUN),
        ("昨天", d(2026, 11, 21), d(2026, 11, 21)),
        ("昨日", d(2026, 11, 21), d(2026, 11, 21)),
        ("前天", d(2026, 11, 20), d(2026, 11, 20)),
        ("本周", d(2026, 11, 16), d(2026, 11, 22)),
        ("这周", d(2026, 11, 16), d(2026, 11, 22)),
        ("这个星期", d(2026, 11, 16), d(2026, 11, 22)),
        ("上周", d(2026, 11, 9), d(2026, 11, 15)),
        ("上个星期", d(2026, 11, 9), d(2026, 11, 15)),
        ("本月", d(2026, 11, 1), d(2026, 11, 30)),
        ("这个月", d(2026, 11, 1), d(2026, 11, 30)),
        ("上个月", d(2026, 10, 1), d(2026, 10, 31)),
        ("上月", d(2026, 10, 1), d(2026, 10, 31)),
        ("今年", d(2026, 1, 1), d(2026, 12, 31)),
        ("去年", d(2025, 1, 1), d(2025, 12, 31)),
        ("前年", d(2024, 1, 1), d(2024, 12, 31)),
        ("最近7天", d(2026, 11, 16), SUN),
        ("近7天", d(2026, 11, 16), SUN),
        ("最近七天", d(2026, 11, 16), SUN),
        ("最近一周", d(2026, 11, 16), SUN),
        ("近一个月", d(2026, 10, 23), SUN),
        ("最近3个月", d(2026, 8, 23), SUN),
        ("近两年", d(2024, 11, 23), SUN),
        ("去年三月", d(2025, 3, 1), d(2025, 3, 31)),
        ("今年6月", d(2026, 6, 1), d(2026, 6, 30)),
        ("今年三月二十日", d(2026, 3, 20), d(2026, 3, 20)),
        ("2024年2月29日", d(2024, 2, 29), d(2024, 2, 29)),
        ("3月1日至3月15日", d(2026, 3, 1), d(2026, 3, 15)),
        ("3月1日至15日", d(2026, 3, 1), d(2026, 3, 15)),
        ("3月3-5日", d(2026, 3, 3), d(2026, 3, 5)),
        ("2024年3月1日到2024年3月20日", d(2024, 3, 1), d(2024, 3, 20)),
        ("2024年3月1日至20日", d(2024, 3, 1), d(2024, 3, 20)),
        ("2024-03-01~2024-03-20", d(2024, 3, 1), d(2024, 3, 20)),
        ("从2024年3月到5月", d(2024, 3, 1), d(2024, 5, 31)),
        ("2024年12月至2025年1月", d(2024, 12, 1), d(2025, 1, 31)),
        ("2023-2024年", d(2023, 1, 1), d(2024, 12, 31)),
        ("上个月到本月", d(2026, 10, 1), d(2026, 11, 30)),
        ("3月1日至今天", d(2026, 3, 1), SUN),
    ],
)
def test_parse_periods_on_sunday(text: str, start: date, end: date) -> None:
    f = parse_date_expr(text, SUN)
    assert rng(f) == span(start, end)
    assert f.month is None and f.day is None
    assert f.label == text


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("本周", d(2025, 1, 6), d(2025, 1, 12)),
        ("上周", d(2024, 12, 30), d(2025, 1, 5)),
        ("上个月", d(2024, 12, 1), d(2024, 12, 31)),
        ("本月", d(2025, 1, 1), d(2025, 1, 31)),
        ("昨天", d(2025, 1, 7), d(2025, 1, 7)),
        ("最近7天", d(2025, 1, 2), WED),
        ("近一个月", d(2024, 12, 9), WED),
        ("去年", d(2024, 1, 1), d(2024, 12, 31)),
        # year-less range rolls back to the latest year in which it has started
        ("3月1日至3月15日", d(2024, 3, 1), d(2024, 3, 15)),
        ("12月1日至1月15日", d(2024, 12, 1), d(2025, 1, 15)),
        ("2024年12月20日至1月5日", d(2024, 12, 20), d(2025, 1, 5)),
    ],
)
def test_parse_periods_on_wednesday(text: str, start: date, end: date) -> None:
    assert rng(parse_date_expr(text, WED)) == span(start, end)


def test_parse_since_is_open_ended() -> None:
    f = parse_date_expr("2024年以来", SUN)
    assert rng(f) == (d(2024, 1, 1), None)
    assert f.describe() == "2024年1月1日起"
    assert rng(parse_date_expr("2024年3月至今", SUN)) == (d(2024, 3, 1), None)
    assert rng(parse_date_expr("3月以来", WED)) == (d(2024, 3, 1), None)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2月30日", "2月没有30日"),
        ("2023年2月29日", "2023年2月没有29日"),
        ("13月", "没有13月"),
        ("13月1日", "没有13月"),
        ("0月1日", "没有0月"),
        ("2024年4月31日", "2024年4月没有31日"),
        ("2024-02-30", "2024年2月没有30日"),
        ("20240230", "2024年2月没有30日"),
        ("2024-13-01", "没有13月"),
        ("十三月一日", "没有13月"),
        ("3月0日", "3月没有0日"),
        ("5000年", "超出范围"),
        ("xyz", "无法识别的日期：xyz"),
        ("二十一日", "无法识别的日期"),
        ("", "日期为空"),
        ("   ", "日期为空"),
        ("2024年3月 李志龙", "无法识别的日期"),
        ("2024年 2025年", "无法识别的日期"),
        ("最近0天", "无法识别的日期"),
        ("3月15日至3月1日", "晚于"),
        ("2025年1月至2024年1月", "晚于"),
    ],
)
def test_parse_invalid(text: str, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_date_expr(text, SUN)


def test_parse_unrecognised_message_lists_formats() -> None:
    with pytest.raises(DateError) as info:
        parse_date_expr("xyz", SUN)
    for example in ("2024-06-14", "2024年6月14日", "6月14日", "20240614", "今天", "昨天", "2024年6月"):
        assert example in str(info.value)


# --------------------------------------------------------------------------- extract_date_filter


def test_extract_spec_example_month_day() -> None:
    rest, f = extract_date_filter("李志龙3月20日走访了哪些企业？", SUN)
    assert rest == "李志龙走访了哪些企业？"
    assert f == DateFilter(month=3, day=20, label="3月20日")


def test_extract_last_year_march_drops_dangling_de() -> None:
    rest, f = extract_date_filter("去年三月的安全生产会议", SUN)
    assert rest == "安全生产会议"
    assert f is not None
    assert rng(f) == (d(2025, 3, 1), d(2025, 3, 31))
    assert f.label == "去年三月"


@pytest.mark.parametrize(
    ("query", "rest", "start", "end", "month", "day"),
    [
        ("2024年3月 李志龙 走访", "李志龙 走访", d(2024, 3, 1), d(2024, 3, 31), None, None),
        ("6月11日区委常委会扩大会议学习了哪些条例", "区委常委会扩大会议学习了哪些条例", None, None, 6, 11),
        (
            "2022年拱墅社零总额在全省排第几",
            "拱墅社零总额在全省排第几",
            d(2022, 1, 1),
            d(2022, 12, 31),
            None,
            None,
        ),
        ("最近一周有哪些招商活动", "有哪些招商活动", d(2026, 11, 16), SUN, None, None),
        ("上个月区委常委会开了几次", "区委常委会开了几次", d(2026, 10, 1), d(2026, 10, 31), None, None),
        ("今天有什么新闻", "有什么新闻", SUN, SUN, None, None),
        ("3月1日至3月15日的会议", "会议", d(2026, 3, 1), d(2026, 3, 15), None, None),
        (
            "2024年3月1日到2024年3月20日李志龙的活动",
            "李志龙的活动",
            d(2024, 3, 1),
            d(2024, 3, 20),
            None,
            None,
        ),
        ("从2024年3月到5月之间的招商大会", "招商大会", d(2024, 3, 1), d(2024, 5, 31), None, None),
        ("2024-03-20 李志龙", "李志龙", d(2024, 3, 20), d(2024, 3, 20), None, None),
        ("20240320的头版", "头版", d(2024, 3, 20), d(2024, 3, 20), None, None),
        ("二〇二四年三月二十日区委常委会", "区委常委会", d(2024, 3, 20), d(2024, 3, 20), None, None),
        ("三月的招商大会", "招商大会", None, None, 3, None),
        ("今年6月拱墅区召开了什么会议", "拱墅区召开了什么会议", d(2026, 6, 1), d(2026, 6, 30), None, None),
        # a year and a year-less day elsewhere in the question are merged
        ("2024年 李志龙 3月20日 走访", "李志龙 走访", d(2024, 3, 20), d(2024, 3, 20), None, None),
        # a statistical month span is a reporting period, not a filter; the year still is
        ("2024年1-2月考核结果", "1-2月考核结果", d(2024, 1, 1), d(2024, 12, 31), None, None),
        ("2020年以来拱墅的GDP", "拱墅的GDP", d(2020, 1, 1), None, None, None),
        ("近3年的招商引资", "招商引资", d(2023, 11, 23), SUN, None, None),
        ("3月底的会议", "会议", None, None, 3, None),
        ("2024年底的总结", "总结", d(2024, 1, 1), d(2024, 12, 31), None, None),
        ("2024年初步统计", "初步统计", d(2024, 1, 1), d(2024, 12, 31), None, None),
        ("2024年3月20日-22日的活动", "活动", d(2024, 3, 20), d(2024, 3, 22), None, None),
        ("1-2月经济数据和3月", "1-2月经济数据和", None, None, 3, None),
        # the first of several unrelated expressions wins; the rest stays in the text
        ("今年GDP比去年增长多少", "GDP比去年增长多少", d(2026, 1, 1), d(2026, 12, 31), None, None),
    ],
)
def test_extract_realistic(
    query: str, rest: str, start: date | None, end: date | None, month: int | None, day: int | None
) -> None:
    got_rest, f = extract_date_filter(query, SUN)
    assert got_rest == rest
    assert f is not None
    assert (f.start, f.end, f.month, f.day) == (start, end, month, day)


@pytest.mark.parametrize(
    "query",
    [
        "招商大使有多少名",
        "拱墅有37个重点项目",
        "总投资190亿元的项目",
        "表彰了14名优秀干部",
        "2023年度考核结果",
        "2020年代的变化",
        "第一季度经济运行情况",
        "一季度GDP",
        "今日拱墅数字报第27期",
        "近日区委书记调研了哪些企业",
        "新闻热线89509230",
        "订单号20241399",
        "近3个百分点",
        "5000年历史",
        "三个月内完成",
        "统一月度报表",
        "",
    ],
)
def test_extract_no_filter(query: str) -> None:
    rest, f = extract_date_filter(query, SUN)
    assert f is None
    assert rest == query.strip()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("2月30日的会议", "2月没有30日"),
        ("2023年2月29日发生了什么", "2023年2月没有29日"),
        ("13月1日的新闻", "没有13月"),
        ("李志龙2024年4月31日去了哪里", "2024年4月没有31日"),
        ("2024-02-30的报纸", "2024年2月没有30日"),
    ],
)
def test_extract_impossible_date_raises(query: str, message: str) -> None:
    with pytest.raises(DateError, match=message):
        extract_date_filter(query, SUN)


def test_extract_leap_day_without_year_is_valid() -> None:
    _, f = extract_date_filter("2月29日的新闻", SUN)
    assert f == DateFilter(month=2, day=29, label="2月29日")


def test_extract_keeps_original_characters_and_label_without_spaces() -> None:
    rest, f = extract_date_filter("２０２４年 ３月　李志龙（区委书记）", SUN)
    assert rest == "李志龙（区委书记）"
    assert f is not None and f.label == "２０２４年３月"
    assert rng(f) == (d(2024, 3, 1), d(2024, 3, 31))


def test_extract_agrees_with_parse() -> None:
    for text in ["去年三月", "2024年3月20日", "最近7天", "3月20日", "上周", "3月1日至3月15日"]:
        _, f = extract_date_filter(f"李志龙{text}的活动", SUN)
        assert f == parse_date_expr(text, SUN)


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


# --------------------------------------------------------------------------- properties

DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
TODAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
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
