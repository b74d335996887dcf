"""`abbrev`: whether a short form abbreviates a full one, and the full form's extent in a run."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval.expand import abbrev
from retrieval.tokenize import Tokenizer


@pytest.fixture(scope="module")
def tok() -> Tokenizer:
    return Tokenizer()


def _starts(tok: Tokenizer, text: str) -> set[int]:
    return {start for start, _, _ in tok.spans(text)}


# word starts written out by hand: 全面|深化|改革|委员会, 中国|国际|进口|博览会, 长江|三角洲, 杭州|钢铁|集团
@pytest.mark.parametrize(
    ("short", "full", "starts", "at"),
    [
        ("深改委", "全面深化改革委员会", {0, 2, 4, 6}, 2),
        ("深改委", "市委全面深化改革委员会", {0, 2, 4, 6, 8}, 4),
        ("进博会", "中国国际进口博览会", {0, 2, 4, 6}, 4),  # 会 from inside 博览会
        ("长三角", "长江三角洲", {0, 2}, 0),
        ("杭钢", "杭州钢铁集团", {0, 2, 4}, 0),
        ("临发投", "临江发展投资集团", {0, 2, 4, 6}, 0),
    ],
)
def test_short_forms_abbreviate_their_full_forms(short: str, full: str, starts: set[int], at: int) -> None:
    assert abbrev.abbreviates(short, full, starts) == at


@pytest.mark.parametrize(
    ("short", "full"),
    [("深改委", "全面深化改革委员会"), ("进博会", "第七届中国国际进口博览会"), ("长三角", "长江三角洲"), ("杭钢", "杭州钢铁集团")],
)
def test_with_the_tokenizers_word_starts(tok: Tokenizer, short: str, full: str) -> None:
    at = abbrev.abbreviates(short, full, _starts(tok, full))
    assert at is not None and full[at] == short[0]


@pytest.mark.parametrize(
    ("short", "full", "why"),
    [
        ("改革", "深化改革委员会", "a plain substring"),
        ("深改委", "深改委会议", "a plain substring"),
        ("深改委", "深化改委", "a full form barely longer than the short one"),
        ("杭钢", "杭州钢", "a full form barely longer than the short one"),
        ("委改深", "全面深化改革委员会", "characters out of order"),
        ("深革委", "全面深化改革委员会", "革 does not begin a word"),
        ("ab", "abcdefg", "not Han"),
        ("深改1", "全面深化改革委员会1", "not Han"),
        ("深", "全面深化改革委员会", "one character"),
        ("全深改委员会", "全面深化改革委员会", "longer than a short form"),
        ("进博馆", "中国国际进口博览会", "a character the full form lacks"),
    ],
)
def test_not_abbreviations(tok: Tokenizer, short: str, full: str, why: str) -> None:
    assert abbrev.abbreviates(short, full, _starts(tok, full)) is None, why


def test_the_full_form_is_widened_to_its_modifiers_not_its_owner(tok: Tokenizer) -> None:
    def widened(run: str, short: str, names: frozenset[str] = frozenset()) -> str:
        at = abbrev.abbreviates(short, run, _starts(tok, run))
        assert at is not None
        return abbrev.widened(run, at, tok.words(run), names)

    assert widened("市委全面深化改革委员会", "深改委") == "全面深化改革委员会"  # 市委 owns it
    assert widened("第七届中国国际进口博览会", "进博会") == "中国国际进口博览会"  # two modifiers at most
    assert widened("走访杭州钢铁集团", "杭钢") == "杭州钢铁集团"  # the verb before is no part of it
    assert abbrev.widened("陈志远全面深化改革委员会", 5, ["陈志远", "全面", "深化改革", "委员会"], frozenset({"陈志远"})) == (
        "全面深化改革委员会"
    )


def test_long_forms_end_in_a_suffix() -> None:
    assert abbrev.long_forms("市委深改委召开会议，市委全面深化改革委员会主任出席") == ["市委全面深化改革委员会"]
    assert abbrev.long_forms("杭钢和进博会") == []


HAN = st.sampled_from(list("全面深化改革委员会中国国际进口博览会长江三角洲杭州钢铁集团临发投市"))
TEXT = st.text(st.one_of(HAN, st.sampled_from(list("ab1 ，😀\u3000"))), max_size=20)


@given(st.text(st.one_of(HAN, st.sampled_from(list("a1😀"))), max_size=7), TEXT, st.data())
@settings(max_examples=400, deadline=None)
def test_abbreviates_never_raises_and_points_at_the_first_character(short: str, full: str, data: st.DataObject) -> None:
    starts = data.draw(st.sets(st.integers(min_value=0, max_value=max(0, len(full) - 1))))
    at = abbrev.abbreviates(short, full, starts)
    if at is None:
        return
    assert 0 <= at < len(full) and full[at] == short[0] and at in starts
    assert short not in full and 2 <= len(short) <= abbrev.MAX_SHORT
    rest = iter(full[at:])  # the short form's characters, in order, from there on
    assert all(ch in rest for ch in short)


@given(TEXT, st.data())
@settings(max_examples=300, deadline=None)
def test_widened_is_a_suffix_of_the_run_holding_the_name(run: str, data: st.DataObject) -> None:
    # any cut of the run into words (the tokenizer's is one of them)
    cuts = sorted(data.draw(st.sets(st.integers(min_value=1, max_value=max(1, len(run) - 1)))) | {0, len(run)})
    words = [run[a:b] for a, b in itertools.pairwise(cuts) if b > a]
    at = data.draw(st.integers(min_value=0, max_value=len(run)))
    out = abbrev.widened(run, at, words)
    assert run.endswith(out) and out.endswith(run[at:])
    assert len(out) - len(run[at:]) <= sum(sorted((len(w) for w in words), reverse=True)[: abbrev.MAX_MODIFIERS])


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="委员会集团公司大会中心区新市全面深化改革杭州钢铁进口博览，。 a1", max_size=80))
def test_long_forms_are_the_patterns_own_matches(text: str) -> None:
    """The suffix-driven scan finds exactly what LONG_FORM.finditer finds."""
    assert abbrev.long_forms(text) == [m.group() for m in abbrev.LONG_FORM.finditer(text)]
