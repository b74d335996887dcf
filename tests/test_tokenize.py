"""The tokenizer: what reaches the index, and the fast engine agreeing with jieba."""

from __future__ import annotations

from difflib import SequenceMatcher

from hypothesis import given
from hypothesis import strategies as st

from retrieval import Archive
from retrieval.index.literal import query_codes
from retrieval.tokenize import STOP_WORDS, Tokenizer

fast = Tokenizer(["李志龙", "杭叉科创园"])


def test_stop_words_and_question_words_never_become_tokens() -> None:
    tokens = fast.tokens("李志龙3月20日走访了哪些企业？是否有什么问题呢")
    assert "李志龙" in tokens and "走访" in tokens and "企业" in tokens
    assert not set(tokens) & {"了", "哪些", "是否", "什么", "呢", "？"}
    assert {"什么", "哪些", "多少", "谁", "吗", "呢", "如何", "怎么", "是否", "的", "了", "和", "是", "在"} <= STOP_WORDS


def test_traditional_query_meets_simplified_text() -> None:
    assert fast.tokens("杭叉科創園") == fast.tokens("杭叉科创园") == ["杭叉科创园"]
    assert fast.fold("ＡＢＣ１２３") == "abc123"


def test_user_words_stay_whole_and_spans_point_into_the_text() -> None:
    text = "区委书记李志龙赴杭叉科创园"
    spans = fast.spans(text)
    assert (4, 7, "李志龙") in spans
    for s, e, w in spans:
        assert text[s:e] == w


@given(st.text(max_size=300))
def test_no_whitespace_or_punctuation_tokens(text: str) -> None:
    for t in fast.tokens(text):
        assert t.strip() == t and t
        assert any(ch.isalnum() for ch in t)


def _pairs(text: str) -> set[str]:
    """A literal index code decoded back into its two characters."""
    return {chr(int(c) >> 21) + chr(int(c) & ((1 << 21) - 1)) for c in query_codes(text)}


def test_bigrams_ignore_how_words_were_cut() -> None:
    assert {"处理", "待处"} <= _pairs("待处理")
    assert "志龙" in _pairs("李志龙")


def test_rjieba_agrees_with_jieba_on_the_archive(archive: Archive) -> None:
    """rjieba is the fast engine; jieba stays the reference: ≥ 99.9% identical tokens."""
    words = archive.tokenizer.user_words
    reference = Tokenizer(words, engine="jieba")
    quick = Tokenizer(words, engine="rjieba")
    same = total = 0
    for row in archive.store.iter_passages():
        a, b = reference.tokens(row.text), quick.tokens(row.text)
        matcher = SequenceMatcher(a=a, b=b, autojunk=False)
        same += sum(block.size for block in matcher.get_matching_blocks())
        total += max(len(a), len(b))
    assert total > 10_000
    assert same / total >= 0.999, same / total
