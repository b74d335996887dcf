"""`numbers.variants`: the other notation of the numbers in a question (三十七 ↔ 37)."""

from __future__ import annotations

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval.expand.numbers import variants
from retrieval.types import Expansion


def _pairs(text: str) -> set[tuple[str, str]]:
    return {(e.source, e.target) for e in variants(text)}


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("三十七", "三十七", "37"),
        ("二〇二四", "二〇二四", "2024"),
        ("37", "37", "三十七"),
        ("一百九十", "一百九十", "190"),
        ("两千", "两千", "2000"),
        ("第三十七届", "三十七", "37"),  # the number inside an ordinal is still a number
        ("三十五个项目", "三十五", "35"),
        ("35个项目", "35", "三十五"),
        ("190亿", "190亿", "190亿元"),
        ("190亿元", "190亿元", "190亿"),
        ("120亿元", "120亿元", "120亿"),
        ("3.5亿元", "3.5亿元", "3.5亿"),
    ],
)
def test_a_number_has_its_other_notation(text: str, source: str, target: str) -> None:
    assert Expansion(source, target, "number") in variants(text)


def test_a_year_is_spelt_digit_by_digit() -> None:
    """2024年 is printed 二〇二四年, not 两千零二十四年: the digits one by one, with 〇."""
    [e] = [e for e in variants("2024年") if e.source == "2024"]
    assert e.target == "二〇二四"
    assert "2024年".replace(e.source, e.target) == "二〇二四年"
    # and back: the year printed in Chinese numerals is found by the digits
    assert ("二〇二四", "2024") in _pairs("二〇二四年")
    # not a year: four digits before anything but 年 are a quantity
    assert ("2024", "二千零二十四") in _pairs("2024个")


@pytest.mark.parametrize("text", ["统一", "第三", "一号工程", "万一发生火灾", "千万不要", "十全十美", "一五一十", "7", "0", "十"])
def test_words_holding_a_numeral_are_not_numbers(text: str) -> None:
    assert variants(text) == []


@given(st.integers(min_value=11, max_value=99_999_999))
@settings(max_examples=150, deadline=None)
def test_arabic_and_chinese_numerals_round_trip(n: int) -> None:
    """37 → 三十七 → 37, for any count (a number of one character, 十, is left alone); a round
    number of 万 or 亿 comes back with its unit, as papers print it (五万 → 5万)."""
    [spelled] = [e.target for e in variants(str(n)) if e.source == str(n)]
    assert cn2an.cn2an(spelled, "smart") == n
    back = {e.target for e in variants(spelled) if e.source == spelled}
    if spelled[-1] in "万亿" and len(spelled) > 1:
        unit = spelled[-1]
        assert f"{int(cn2an.cn2an(spelled[:-1], 'smart'))}{unit}" in back
    else:
        assert str(n) in back


NUMBERISH = st.text(
    st.sampled_from([*"0123456789０１２.%零〇一二两三四五六七八九十百千万亿元年个第号点负，。 -a", "😀", "\U0001f1e8", "\U0001f1f3", "\u200b"]),
    max_size=24,
)


@given(NUMBERISH)
@settings(max_examples=400, deadline=None)
def test_any_string_gives_expansions_of_its_own_text(text: str) -> None:
    out = variants(text)
    assert len(out) == len(set(out))
    for e in out:
        assert e.kind == "number"
        assert e.source in text and e.source != e.target and e.target


def test_an_amount_in_chinese_numerals_keeps_its_unit() -> None:
    assert Expansion("一百二十亿", "120亿", "number") in variants("一百二十亿元")


@pytest.mark.parametrize("text", ["٣٧个项目", "项目१२", "0೧"])
def test_digits_of_other_scripts_do_not_raise(text: str) -> None:
    assert all(e.source in text for e in variants(text))
