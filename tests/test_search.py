"""Literal recall, excerpts and the query parser, on the seed archive."""

from __future__ import annotations

import random
import re
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval import Archive, DateError, QueryError
from retrieval.excerpt import MAX_CHARS, best_sentence, choose
from retrieval.index import MemoryIndex
from retrieval.search import Searcher, parse_query
from retrieval.tokenize import without_spaces
from tests.helpers.engines import ENGINES


def test_literal_recall_of_random_archive_strings(archive: Archive) -> None:
    """A string found verbatim in the archive, typed as the query, finds its passage in the
    top 10, however jieba cut it (the eval command measures the same on 1,000 strings)."""
    rng = random.Random(2024)
    rows = list(archive.store.iter_passages())
    texts = {r.id: re.sub(r"\s+", "", r.text) for r in rows}
    asked = found = 0
    misses = []
    while asked < 300:
        row = rng.choice(rows)
        size = rng.randint(2, 8)
        start = rng.randrange(0, len(texts[row.id]) - size)
        needle = texts[row.id][start : start + size]
        holders = [pid for pid, t in texts.items() if needle in t]
        if len(holders) > 10 or not re.search(r"[\u4e00-\u9fff]", needle):
            continue
        asked += 1
        try:
            hits = archive.search(needle, k=10).hits
        except QueryError:
            hits = []
        if any(h.passage_id in holders for h in hits):
            found += 1
        else:
            misses.append(needle)
    assert found / asked >= 0.99, misses


def test_jieba_cut_does_not_hide_a_literal(archive: Archive) -> None:
    # 待处理 is one jieba word; 志龙 is half a name: both are found
    for needle in ["志龙", "省二轻", "杭钢里"]:
        hits = archive.search(needle).hits
        assert hits and needle in re.sub(r"\s+", "", hits[0].passage + hits[0].title)


def test_excerpt_shows_the_matches_within_the_budget(archive: Archive) -> None:
    for q in ["招商大会签约了多少项目", "杭叉科创园", "九小场所", "鉴水科技城规划了哪几个片区", "顺丰集团"]:
        for hit in archive.search(q, k=5).hits:
            assert len(hit.excerpt) <= MAX_CHARS + 2
            assert hit.highlights, (q, hit.excerpt)
            for s, e in hit.highlights:
                assert 0 <= s < e <= len(hit.excerpt)
            plain = hit.excerpt.strip("…")  # the passage, or with the sentence before or after it
            assert without_spaces(plain) in without_spaces(archive.article(hit.article_id).text)
            assert hit.answer in hit.passage


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("招商大会签约项目，。、；！李志龙 37个")), min_size=1, max_size=600))
def test_choose_never_breaks_its_promises(text: str) -> None:
    matches = [(m.start(), m.end(), 1.0) for m in re.finditer("招商|项目", text)]
    ex = choose(text, matches)
    assert len(ex.text) <= MAX_CHARS + 2
    assert ex.text.strip("…") in text
    for s, e in ex.highlights:
        # a match, or a match cut at the window's edge, or two adjacent ones merged: never empty
        assert 0 <= s < e <= len(ex.text)
        assert ex.text[s:e] in "招商项目", ex.text[s:e]
    sentence = best_sentence(text, matches)
    assert sentence.text.strip("…") in text


def test_query_parser(archive: Archive) -> None:
    tokenizer = archive.tokenizer
    today = date(2026, 11, 22)
    q = parse_query('李志龙 "半山基地" -杭钢 2024年3月', tokenizer, today)
    assert q.phrases == ["半山基地"] and q.excluded == ["杭钢"]
    assert q.filter is not None and q.filter.start == date(2024, 3, 1) and q.filter.end == date(2024, 3, 31)
    assert "李志龙" in q.tokens and "杭钢" not in q.tokens
    for bad in ["", "   ", "什么 哪些", "😀😀😀", "x" * 10_000]:
        try:
            archive.search(bad)
        except QueryError:
            continue
        raise AssertionError(f"{bad[:20]!r} should be refused")
    for impossible in ["2月30日 招商", "2023年2月29日 会议"]:
        try:
            archive.search(impossible)
        except DateError as exc:
            assert "2月" in str(exc)
            continue
        raise AssertionError(impossible)


QUESTIONS_FOR_BOTH_ENGINES = [
    "招商大会签约了多少项目", "杭叉科创园", "李志龙 走访 企业", '"半山基地"', "高质量发展 -共同富裕",
    "2024年3月 安全生产", "6月13日 委员会", "去年三月的安全生产会议", "华光宏", "志龙", "拱墅天气",
]


def test_search_over_the_reference_engine_gives_the_same_hits(archive: Archive) -> None:
    """Search asks only the SearchIndex protocol: over the in-memory rank-bm25 engine it must
    show the same passages, excerpts and scores as over the postings engine."""
    tokenizer = archive.tokenizer
    rows = list(archive.passages())
    docs = [tokenizer.tokens(r.headline) + tokenizer.tokens(r.text) for r in rows]
    literal = [without_spaces(tokenizer.fold(r.headline) + tokenizer.fold(r.text)) for r in rows]
    memory = MemoryIndex(docs, rows, literal)
    today = date(2026, 11, 22)
    for q in QUESTIONS_FOR_BOTH_ENGINES:
        ours = Searcher(archive.index, tokenizer).run(parse_query(q, tokenizer, today), 5, 0, q)
        reference = Searcher(memory, tokenizer).run(parse_query(q, tokenizer, today), 5, 0, q)
        assert ours.total == reference.total, q
        assert [(h.passage_id, h.excerpt, h.score, h.date) for h in ours.hits] == [
            (h.passage_id, h.excerpt, h.score, h.date) for h in reference.hits
        ], q


DATE_PHRASES = ["去年三月", "昨天", "6月14日", "2024年6月", "最近7天", "2025年3月7日", "上周", "本月", "2023年", "3月20日"]
OTHER_WORDS = ["的报道", "报道", "新闻", "发生了什么", "那期头版有哪些文章", "李志龙", "招商", "“半山基地”", "-杭钢", "的", ""]


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(DATE_PHRASES),
    st.lists(st.sampled_from(OTHER_WORDS), max_size=3),
    st.sampled_from([None, (date(2024, 1, 1), date(2024, 12, 31)), (date(2030, 1, 1), None), (None, date(2000, 1, 1))]),
)
def test_date_phrases_with_any_words_and_filters_never_crash(
    archive: Archive, phrase: str, words: list[str], window: tuple[date | None, date | None] | None
) -> None:
    """A date plus generic words used to reach the engine with no candidates and crash in
    top(): every combination either answers or is refused with a message."""
    query = " ".join([phrase, *words]) if words and words[0].startswith(("-", "“")) else phrase + "".join(words)
    try:
        result = archive.search(query) if window is None else archive.search_between(query, *window)
    except (QueryError, DateError) as exc:
        assert str(exc)
        return
    assert all(h.excerpt for h in result.hits)


@pytest.mark.parametrize("engine_name", sorted(ENGINES))
def test_a_mask_that_excludes_everything_with_a_boost_gives_nothing(engine_name: str) -> None:
    docs = [["a", "b"], ["b", "c"], ["c", "d"]] * 30
    engine = ENGINES[engine_name](docs)
    nothing = np.zeros(len(docs), dtype=bool)
    assert engine.top(["a", "zz"], 10, allowed=nothing, boost={0: 5.0, 3: 5.0}) == []
    assert engine.top(["zz"], 10, allowed=nothing, boost={0: 5.0}) == []


def test_warming_up_asks_the_archive_and_changes_nothing(archive: Archive, tmp_path: Path) -> None:
    """`Archive.warm` (the bot's start) runs one search of the archive's own words and
    prepares the speller (the first misspelt question does not build its keys); the
    answers before and after are the same, and an empty archive warms without an error."""
    from tests.helpers.settings import make_settings

    before = [h.article_id for h in archive.search("招商大会签约了多少项目").hits]
    archive.warm()
    assert archive._thesaurus is not None and archive._thesaurus[1].speller._keys is not None
    assert [h.article_id for h in archive.search("招商大会签约了多少项目").hits] == before
    folder = tmp_path / "empty"
    folder.mkdir()
    empty = Archive.open(make_settings(tmp_path, corpus_dir=folder))
    try:
        empty.warm()
        assert empty.index.size == 0
    finally:
        empty.close()
