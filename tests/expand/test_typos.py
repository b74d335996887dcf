"""The speller (`typos.Speller`) on a vocabulary of its own, and corrections in a made-up archive."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retrieval import Archive
from retrieval.errors import QueryError
from retrieval.expand.typos import Speller
from retrieval.tokenize import without_spaces
from retrieval.types import Correction
from tests.helpers.expansion import ARTICLES, open_archive

VOCAB = ["陈志远", "叶青", "营商", "营商环境", "垃圾分类", "滨江夜市", "夜市", "招商大会"]
NAMES = frozenset({"陈志远", "叶青"})


def _speller(vocab: list[str] = VOCAB, names: frozenset[str] = NAMES) -> Speller:
    return Speller(lambda: iter(vocab), lambda w: vocab.count(w), names)


def _known(s: str) -> bool:
    return s in VOCAB


@pytest.mark.parametrize(
    ("typed", "meant", "same_sound"),
    [
        ("陈志原", "陈志远", True),  # yuan for yuan
        ("陈知远", "陈志远", True),  # zhi for zhi
        ("营商环竟", "营商环境", True),
        ("滨江夜事", "滨江夜市", True),
        ("垃圾分内", "垃圾分类", False),  # nei for lei: one letter off in a word of three or more
        ("叶清", "叶青", True),  # two characters, but a name of the same sound
    ],
)
def test_one_character_off_is_corrected(typed: str, meant: str, same_sound: bool) -> None:
    assert _speller().corrections(typed, _known) == [Correction(typed, meant, same_sound)]


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("营伤", "two characters of the same sound as a word that is no name"),
        ("夜试", "two characters of the same sound as a word that is no name"),
        ("叶亲", "two characters, a name, but qin is not qing"),
        ("陈志方", "fang is no slip for yuan"),
        ("陈国远", "two characters off"),
        ("垃圾分级", "ji is not lei"),
    ],
)
def test_not_close_enough_is_left_alone(typed: str, why: str) -> None:
    assert _speller().corrections(typed, _known) == [], why


def test_zi_for_zhi_is_a_slip() -> None:
    assert _speller().corrections("陈字远", _known) == [Correction("陈字远", "陈志远", False)]


def test_a_word_the_archive_uses_is_never_corrected() -> None:
    speller = _speller()
    for word in VOCAB:
        assert speller.corrections(word, _known) == [], word
    assert speller.corrections("陈志远和叶青出席招商大会", _known) == []


def test_corrections_come_in_the_order_of_the_question() -> None:
    assert _speller().corrections("叶清和陈志原出席", _known) == [
        Correction("叶清", "叶青", True), Correction("陈志原", "陈志远", True),
    ]


# -- in a made-up archive --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def paper(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    archive = open_archive(tmp_path_factory.mktemp("typos"))
    yield archive
    archive.close()


def test_a_misspelt_name_finds_the_names_articles_and_says_so(paper: Archive) -> None:
    typed = paper.search("陈志原")
    assert [(c.wrong, c.right) for c in typed.corrections] == [("陈志原", "陈志远")]
    assert typed.notice is not None
    assert typed.notice.startswith("你要找的是不是「陈志远」？以下按「陈志远」查找（你输入的是「陈志原」）。")
    meant = paper.search("陈志远")
    assert meant.hits and meant.corrections == []
    assert [h.passage_id for h in typed.hits] == [h.passage_id for h in meant.hits]
    assert all("陈志远" in h.passage for h in typed.hits)


def test_a_two_character_string_is_corrected_only_to_a_name_of_the_same_sound(paper: Archive) -> None:
    assert "叶青" in paper.tokenizer.names
    found = paper.search("叶清")
    assert [(c.wrong, c.right, c.same_sound) for c in found.corrections] == [("叶清", "叶青", True)]
    assert {h.title for h in found.hits} == {"垃圾分类进社区 示范小区越建越多", "滨江夜市开市 夜间经济点亮江岸"}
    assert paper.search("叶亲").corrections == []  # qin is not qing
    assert paper.search("夜试").corrections == []  # 夜市 is a word of the paper, not a name


def test_words_of_the_archive_are_never_corrected(paper: Archive) -> None:
    han = re.compile(r"^[\u4e00-\u9fff]{2,6}$")
    words = sorted({w for w in paper.index.terms() if han.match(w)} | set(paper.tokenizer.names))
    assert len(words) > 100
    for word in words:
        result = paper.search(word)
        assert result.corrections == [] and "你要找的是不是" not in (result.notice or ""), word
    for article in ARTICLES:
        assert paper.search(str(article["title"])).corrections == [], article["title"]


def test_a_question_whose_words_are_all_printed_is_not_corrected(paper: Archive) -> None:
    found = paper.search("陈志远 市委全面深化改革委员会第五次会议")
    assert found.hits and found.corrections == []
    assert "你要找的是不是" not in (found.notice or "")


def test_a_name_printed_nowhere_is_corrected_even_when_the_other_words_find_passages(paper: Archive) -> None:
    """陈志原 is printed nowhere: the words beside it would find the meeting without it, and
    the reader is told what was searched instead (李志隆走访杭叉 of the issue)."""
    assert paper.search("陈志原").corrections
    found = paper.search("陈志原 市委全面深化改革委员会第五次会议")
    assert [(c.wrong, c.right) for c in found.corrections] == [("陈志原", "陈志远")]
    assert found.notice and "你要找的是不是「陈志远」" in found.notice
    assert found.hits and "陈志远" in found.hits[0].passage


CHARS = "".join(sorted({ch for a in ARTICLES for ch in str(a["text"]) if "\u4e00" <= ch <= "\u9fff"}))


@given(st.text(st.one_of(st.sampled_from(CHARS), st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)),
               min_size=1, max_size=12))
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_strings_unknown_to_the_archive_do_not_crash(paper: Archive, text: str) -> None:
    try:
        result = paper.search(text)
    except QueryError:
        return
    folded = without_spaces(paper.tokenizer.fold(text))
    for c in result.corrections:
        assert c.wrong in folded and c.wrong != c.right and len(c.wrong) == len(c.right)
        assert paper.index.df(c.right) > 0 or c.right in paper.tokenizer.names or c.right in paper.index.common
    if result.corrections:
        assert result.hits and result.notice and result.notice.startswith("你要找的是不是")
