"""dates/grammar.py: each row's first characters really are where its pattern can start,
so the scanner never skips a date because a row forgot to say how it begins."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval.dates.grammar import EXPRESSIONS

# The pieces date expressions are written with, and some that surround dates: strings of
# them hit every row often, so a row whose `first` misses a character is caught.
PIECES = [
    *(
        "2024 20240614 3 12 06 三 十 十二 廿 二〇二四 两 今 昨 前 去 本 这 上 最近 近 过去 年 月 日 号 份 初 底 上旬 "
        "天 周 星期 礼拜 个 至 到 - / . ~ 以来 之间 从 度 拱墅 的 统 第"
    ).split(),
    " ",
]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join))
def test_no_pattern_matches_where_its_row_says_it_cannot_start(text: str) -> None:
    for row in EXPRESSIONS:
        for pos in range(len(text)):
            m = row.pattern.match(text, pos)
            if m and m.end() > pos:
                assert text[pos] in row.first, (row.name, text, pos)


def test_every_row_matches_an_example() -> None:
    examples = {
        "year month day-range": "2024年3月3-5日", "year month day": "2024年3月20日", "year month": "去年三月",
        "year": "2023年", "month day-range": "3月3至5日", "month day": "六月十四日", "month": "3月份",
        "Y-M-D": "2024-06-14", "Y-M": "2024/06", "YYYYMMDD": "20240614", "year-span": "2023-2024年",
        "day word": "昨天", "week or month word": "上个月", "recent N units": "最近7天",
    }
    assert set(examples) == {row.name for row in EXPRESSIONS}
    for row in EXPRESSIONS:
        m = row.pattern.match(examples[row.name])
        assert m and m.end() == len(examples[row.name]), row.name
        assert examples[row.name][0] in row.first
