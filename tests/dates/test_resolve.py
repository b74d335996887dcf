"""dates/resolve.py: `parse_date_expr` on every documented expression and the invalid ones;
`extract_date_filter` on realistic questions."""

from __future__ import annotations

from datetime import date

import pytest

from retrieval.dates import DateFilter, extract_date_filter, parse_date_expr
from retrieval.errors import DateError
from tests.helpers.dates import SUN, WED, d, rng, span

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
