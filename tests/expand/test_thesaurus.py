"""`Thesaurus` over a made-up archive: short/full forms it teaches itself from the articles
that print both, the synonym file, numbers; and what a quoted word turns off."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retrieval import Archive
from retrieval.expand import Thesaurus
from retrieval.expand.thesaurus import MAX_EXPANSIONS
from retrieval.tokenize import without_spaces
from retrieval.types import Expansion
from tests.helpers.expansion import ARTICLES, open_archive


@pytest.fixture(scope="module")
def paper(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    archive = open_archive(tmp_path_factory.mktemp("thesaurus"))
    yield archive
    archive.close()


@pytest.fixture
def thesaurus(paper: Archive) -> Thesaurus:
    """A fresh one (nothing learnt yet) over the archive's index, with the corpus's synonym file."""
    return Thesaurus(paper.index, paper.tokenizer, paper.corpus_dir / "synonyms.txt")


class LiteralFinder:
    """Passages whose title or text holds a string verbatim: read from the index, one by one."""

    def __init__(self, paper: Archive) -> None:
        index, fold = paper.index, paper.tokenizer.fold
        self.texts = [without_spaces(fold(index.passage_title(d) + "\n" + index.passage_text(d))) for d in range(index.size)]
        self.fold = fold

    def __call__(self, s: str) -> Iterable[int]:
        s = without_spaces(self.fold(s))
        return [d for d, text in enumerate(self.texts) if s and s in text]


def _literal(paper: Archive) -> LiteralFinder:
    return LiteralFinder(paper)


def _abbreviations(found: list[Expansion]) -> list[tuple[str, str]]:
    return [(e.source, e.target) for e in found if e.kind == "abbreviation"]


def test_a_short_form_printed_beside_its_full_form_is_learnt_both_ways(paper: Archive, thesaurus: Thesaurus) -> None:
    literal = _literal(paper)
    assert _abbreviations(thesaurus.expansions("深改委", literal)) == [("深改委", "全面深化改革委员会")]
    assert _abbreviations(thesaurus.expansions("全面深化改革委员会", literal)) == [("全面深化改革委员会", "深改委")]
    # 全会 (三中全会, printed once in that article) fits the rule too: two characters must be printed twice
    # the owner in front (市委) is no part of the name learnt
    assert _abbreviations(thesaurus.expansions("市委深改委开会", literal)) == [("深改委", "全面深化改革委员会")]
    assert _abbreviations(thesaurus.expansions("中国国际进口博览会", literal)) == [("中国国际进口博览会", "进博会")]


def test_a_form_the_archive_never_prints_beside_another_learns_nothing(paper: Archive, thesaurus: Thesaurus) -> None:
    literal = _literal(paper)
    # 数博会 and 中国国际大数据产业博览会 are each printed, but never in the same article
    assert _abbreviations(thesaurus.expansions("数博会", literal)) == []
    assert _abbreviations(thesaurus.expansions("中国国际大数据产业博览会", literal)) == []
    # a short form the archive does not print at all
    assert thesaurus.expansions("临发投", literal) == []


def test_a_short_form_jieba_cuts_into_a_word_and_a_character_is_learnt(paper: Archive, thesaurus: Thesaurus) -> None:
    assert paper.tokenizer.words("进博会") == ["进", "博会"]
    assert ("进博会", "中国国际进口博览会") in _abbreviations(thesaurus.expansions("进博会", _literal(paper)))


def test_the_learnt_full_form_finds_an_article_that_prints_only_it(paper: Archive) -> None:
    result = paper.search("进博会")
    assert "第八届进口博览会招展启动" in [h.title for h in result.hits]


def test_what_was_learnt_finds_the_other_form_in_search(paper: Archive) -> None:
    result = paper.search("深改委开会")
    assert [h.title for h in result.hits][:1] == ["市委全面深化改革委员会召开第五次会议"]
    assert result.notice is not None and "已扩展：深改委 → 全面深化改革委员会（加引号可只查原词）" in result.notice


def test_a_quoted_word_is_searched_as_typed(paper: Archive) -> None:
    for quoted, plain in (('"深改委"', "深改委"), ("“GDP”", "GDP"), ("「三十五」个项目", "三十五个项目")):
        assert paper.search(plain).expansions, plain
        result = paper.search(quoted)
        assert result.expansions == [] and "已扩展" not in (result.notice or ""), quoted
    # the quoted form stays literal; the unquoted words beside it are still expanded
    mixed = paper.search('"深改委" 三十五')
    assert [(e.source, e.target) for e in mixed.expansions] == [("三十五", "35")]


def test_synonyms_and_numbers_come_from_their_sources(paper: Archive, thesaurus: Thesaurus) -> None:
    literal = _literal(paper)
    assert Expansion("GDP", "地区生产总值", "synonym") in thesaurus.expansions("gdp增长多少", literal)
    assert Expansion("地区生产总值", "GDP", "synonym") in thesaurus.expansions("地区生产总值", literal)
    assert thesaurus.expansions("gdpr", literal) == []  # an ASCII form only as a whole word
    assert Expansion("35", "三十五", "number") in thesaurus.expansions("35个项目", literal)


def test_learnt_pairs_are_remembered(paper: Archive, thesaurus: Thesaurus) -> None:
    calls: list[str] = []
    literal = _literal(paper)

    def counting(s: str) -> Iterable[int]:
        calls.append(s)
        return literal(s)

    first = thesaurus.expansions("深改委", counting)
    asked = len(calls)
    assert asked and thesaurus.expansions("深改委", counting) == first
    assert len(calls) == asked  # the articles are not read again


TEXTS = "".join(sorted({ch for a in ARTICLES for ch in str(a["title"]) + str(a["text"])}))


# any character but the decimal digits of other scripts (٣٧, १२): see test_numbers' xfail
ANY = st.one_of(st.sampled_from(TEXTS), st.characters(codec="utf-8", exclude_categories=["Nd"]), st.sampled_from("0123456789"))


@given(st.text(ANY, max_size=30))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_question_gives_a_few_expansions_of_its_own_words(paper: Archive, thesaurus: Thesaurus, text: str) -> None:
    found = thesaurus.expansions(text, _literal(paper))
    folded = without_spaces(paper.tokenizer.fold(text))
    assert len(found) <= MAX_EXPANSIONS and len(set(found)) == len(found)
    for e in found:
        assert e.source != e.target
        assert paper.tokenizer.fold(e.source) in folded, e
