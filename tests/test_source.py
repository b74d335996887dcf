"""Where a pasted text comes from (`retrieval.source.find_source`), on the seed archive.

Pastes copied exactly, from the damaged PDF text itself, with spaces and line breaks,
edited, in traditional characters, across two passages, across two articles, and a
whole article repeated to Telegram's limit, each find their article; unrelated text of
the same kind and odd input find nothing.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from typing import Any

import numpy as np
import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval import Archive
from retrieval.index import MemoryIndex, SearchIndex
from retrieval.source import MAX_PASTE_CHARS, THRESHOLD, SourceMatch, find_source
from retrieval.tokenize import without_spaces
from tests.helpers.settings import CORPUS, NOW, make_settings

# Written for these tests in the paper's style, about nothing the archive reports: it
# shares the byline, the district's leaders and stock phrases (高质量发展) with the archive.
UNRELATED = (
    "本报讯（记者 王明 通讯员 陈静）近日，区委书记李志龙带队赴社区调研养老服务工作，"
    "实地察看了老年食堂、日间照料中心和康复训练室的运行情况，与老人们拉家常、问冷暖。"
    "他指出，要坚持以人民为中心的发展思想，把养老服务作为保障和改善民生的重要内容，"
    "加快补齐居家养老短板，推动医养结合向纵深发展，让老年人吃得放心、住得舒心、过得开心。"
    "调研中，他还听取了街道关于适老化改造和志愿者队伍建设的汇报，要求各部门密切配合，"
    "用心用情办好每一件实事，为高质量发展提供坚实的民生保障。"
)
_NOT_CONTENT = re.compile(r"[\W_]+")


def _content(text: str) -> str:
    """Letters and digits only: what find_source compares."""
    return _NOT_CONTENT.sub("", text)


def _article(index: SearchIndex, doc: int) -> int:
    return int(index.article_ids(np.asarray([doc], dtype=np.int64))[0])


def _holding(index: SearchIndex, phrase: str) -> int:
    """The article of the one passage that holds `phrase` (spaces aside)."""
    docs = [d for d in range(index.size) if phrase in without_spaces(index.passage_text(d))]
    assert len(docs) == 1, (phrase, docs)
    return _article(index, docs[0])


def _pair(index: SearchIndex) -> tuple[int, int]:
    """Two consecutive long passages of one article."""
    for d in range(index.size - 1):
        if (
            _article(index, d) == _article(index, d + 1)
            and min(len(index.passage_text(d)), len(index.passage_text(d + 1))) >= 200
        ):
            return d, d + 1
    raise AssertionError("the seed archive has no two long consecutive passages")


def _edit(text: str, positions: list[int]) -> str:
    """`text` with the CJK characters at `positions` replaced by another CJK character."""
    chars = list(text)
    for i in positions:
        assert "\u4e00" <= chars[i] <= "\u9fff", (i, chars[i])
        chars[i] = "某" if chars[i] != "某" else "甲"
    return "".join(chars)


def _cjk_positions(text: str) -> list[int]:
    return [i for i, ch in enumerate(text) if "\u4e00" <= ch <= "\u9fff"]


@pytest.fixture(scope="module")
def index(archive: Archive) -> SearchIndex:
    return archive.index


@pytest.fixture(scope="module")
def doc(index: SearchIndex) -> int:
    return _pair(index)[0]


def test_an_exact_paste_finds_its_passage_verbatim(archive: Archive, index: SearchIndex, doc: int) -> None:
    text = index.passage_text(doc)
    found = find_source(text, index, archive.tokenizer)
    assert found, "an exact paste of a passage found nothing"
    best = found[0]
    assert (best.doc, best.article_id) == (doc, _article(index, doc))
    assert best.literal and best.similarity >= 0.99
    start, end = best.matched
    assert _content(text[start:end]) == _content(text)  # all of it matches (punctuation at the ends aside)


def test_matched_is_the_part_of_the_passage_that_was_pasted(archive: Archive, index: SearchIndex, doc: int) -> None:
    text = index.passage_text(doc)
    third = len(text) // 3
    found = find_source(text[third : 2 * third], index, archive.tokenizer)
    assert found and found[0].doc == doc
    start, end = found[0].matched
    assert abs(start - third) <= 2 and abs(end - 2 * third) <= 2, (start, end, third)


def test_the_damaged_pdf_text_of_a_page_finds_its_article(archive: Archive, index: SearchIndex) -> None:
    """The corpus file itself, as the extractor gave it: spaces inside words, cut lines."""
    lines = (CORPUS / "000_dc93311a83d8204f.txt").read_text("utf-8").splitlines()
    raw = "\n".join(lines[:40])
    assert " " in raw and "李 志 龙" in raw  # the damage is really there
    found = find_source(raw, index, archive.tokenizer)
    assert [m.article_id for m in found] == [_holding(index, "孙哲君一行来访")]
    assert found[0].similarity >= 0.95 and found[0].literal


def test_a_paste_across_two_articles_finds_both(archive: Archive, index: SearchIndex) -> None:
    """A page copied from the end of one article into the start of the next: two sources,
    each with the share of the paste it explains."""
    lines = (CORPUS / "000_dc93311a83d8204f.txt").read_text("utf-8").splitlines()
    found = find_source("\n".join(lines[55:125]), index, archive.tokenizer)
    first, second = _holding(index, "省二轻集团长期以来扎根拱墅"), _holding(index, "是拱墅高水平打造")
    assert {m.article_id for m in found} == {first, second}
    assert all(0.2 <= m.similarity < 0.9 for m in found)
    assert sum(m.similarity for m in found) >= THRESHOLD


def test_spaces_line_breaks_and_half_width_punctuation_do_not_count(
    archive: Archive, index: SearchIndex, doc: int
) -> None:
    text = index.passage_text(doc).replace("，", ",").replace("。", ".").replace("“", '"').replace("”", '"')
    spaced = " ".join(text)
    damaged = "\n".join(spaced[i : i + 17] for i in range(0, len(spaced), 17))
    found = find_source(damaged, index, archive.tokenizer)
    assert found and found[0].doc == doc
    assert found[0].similarity >= 0.99 and found[0].literal


def test_an_edited_paste_with_a_clause_dropped_is_found(archive: Archive, index: SearchIndex, doc: int) -> None:
    text = index.passage_text(doc)
    clauses = text.split("，")
    assert len(clauses) >= 4
    dropped = "，".join(clauses[:2] + clauses[3:])
    han = _cjk_positions(dropped)
    edited = _edit(dropped, [han[len(han) // 4], han[len(han) // 2], han[3 * len(han) // 4]])
    found = find_source(edited, index, archive.tokenizer)
    assert found and (found[0].doc, found[0].article_id) == (doc, _article(index, doc))
    assert THRESHOLD <= found[0].similarity < 1.0  # the changed characters are not covered


def test_an_edited_paste_holding_no_clause_verbatim_is_found_by_its_words(
    archive: Archive, index: SearchIndex, doc: int
) -> None:
    """Every clause changed (no probe can be found verbatim): BM25's candidates find it."""
    text = index.passage_text(doc)
    positions: list[int] = []
    for m in re.finditer(r"[\u4e00-\u9fff]+", text):
        run = list(range(m.start(), m.end()))
        positions += run[min(5, len(run) // 2) :: 11] if len(run) >= 6 else []
    edited = _edit(text, positions)
    found = find_source(edited, index, archive.tokenizer)
    assert found and found[0].doc == doc
    assert not found[0].literal
    assert THRESHOLD <= found[0].similarity < 0.95


def test_a_paste_in_traditional_characters_is_found(archive: Archive, index: SearchIndex, doc: int) -> None:
    text = index.passage_text(doc)
    traditional = str(opencc.OpenCC("s2t").convert(text))
    assert traditional != text
    found = find_source(traditional, index, archive.tokenizer)
    assert found and found[0].doc == doc and found[0].similarity >= 0.95


def test_a_paste_spanning_two_passages_finds_their_article(archive: Archive, index: SearchIndex) -> None:
    first, second = _pair(index)
    a, b = index.passage_text(first), index.passage_text(second)
    found = find_source(a[len(a) // 2 :] + b[: len(b) // 2], index, archive.tokenizer)
    assert found and found[0].article_id == _article(index, first)
    assert found[0].doc in (first, second)
    assert found[0].similarity >= 0.95
    assert len({m.article_id for m in found}) == len(found)  # one match per article


def test_an_article_repeated_to_the_message_limit_is_found(archive: Archive, index: SearchIndex) -> None:
    first, _ = _pair(index)
    article = _article(index, first)
    docs = [d for d in range(index.size) if _article(index, d) == article]
    body = "\n".join(index.passage_text(d) for d in docs)
    paste = (body * (MAX_PASTE_CHARS // len(body) + 1))[:MAX_PASTE_CHARS]
    found = find_source(paste, index, archive.tokenizer)
    assert found and found[0].article_id == article and found[0].similarity >= 0.95
    assert found[0].doc in docs


def test_unrelated_text_of_the_same_kind_finds_nothing(archive: Archive, index: SearchIndex) -> None:
    assert find_source(UNRELATED, index, archive.tokenizer) == []


def test_shuffled_and_random_characters_find_nothing(archive: Archive, index: SearchIndex, doc: int) -> None:
    """The passage's own characters in another order, and random ideographs of its length."""
    rng = random.Random(7)
    text = index.passage_text(doc)
    shuffled = "".join(rng.sample(text, len(text)))
    noise = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(len(text)))
    assert find_source(shuffled, index, archive.tokenizer) == []
    assert find_source(noise, index, archive.tokenizer) == []
    assert find_source(noise * 10, index, archive.tokenizer) == []


def test_a_paste_mostly_of_other_text_is_not_attributed(archive: Archive, index: SearchIndex, doc: int) -> None:
    """The threshold is a share of the paste: most of it from a passage is found, less than
    THRESHOLD of it is not (the rest came from somewhere the archive does not hold)."""
    text = index.passage_text(doc)
    mostly = find_source(text + UNRELATED[:40], index, archive.tokenizer)
    assert mostly and mostly[0].doc == doc and mostly[0].similarity < 1.0
    assert find_source(text[:120] + UNRELATED, index, archive.tokenizer) == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\t ",
        "。，！？……——“”《》",
        "😀🎉👍" * 200,
        "<b>区委</b><i>&nbsp;</i><a href='x'>",
        "\ufffd" * 50,
        "\x00" * 20,
        "\ud800区委常委会\udfff",
        "﷽" * 1000,
        "哈" * MAX_PASTE_CHARS,
        "a" * 10_000,
    ],
)
def test_odd_input_finds_nothing_and_never_raises(archive: Archive, index: SearchIndex, text: str) -> None:
    assert find_source(text, index, archive.tokenizer) == []


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_well_formed_matches(archive: Archive, text: str) -> None:
    index = archive.index
    found = find_source(text, index, archive.tokenizer, limit=3)
    assert len(found) <= 3
    assert [m.similarity for m in found] == sorted((m.similarity for m in found), reverse=True)
    for m in found:
        assert isinstance(m, SourceMatch) and 0.0 < m.similarity <= 1.0
        assert 0 <= m.matched[0] <= m.matched[1] <= len(index.passage_text(m.doc))


def test_limit_bounds_the_matches(archive: Archive, index: SearchIndex) -> None:
    lines = (CORPUS / "000_dc93311a83d8204f.txt").read_text("utf-8").splitlines()
    paste = "\n".join(lines[55:125])
    assert len(find_source(paste, index, archive.tokenizer, limit=1)) == 1
    assert find_source(paste, index, archive.tokenizer, limit=0) == []


class _Counting:
    """A real index that records the passages read and the rankings asked through it (a
    seam, not a mock: every answer is the real index's)."""

    def __init__(self, inner: SearchIndex) -> None:
        self.inner = inner
        self.read: set[int] = set()
        self.ranked = 0

    def passage_text(self, doc: int) -> str:
        self.read.add(doc)
        return self.inner.passage_text(doc)

    def top(self, *args: Any, **kwargs: Any) -> list[tuple[int, float]]:
        self.ranked += 1
        return self.inner.top(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def test_a_paste_is_compared_with_a_few_passages_not_the_archive(archive: Archive, index: SearchIndex) -> None:
    first, second = _pair(index)
    counting = _Counting(index)
    paste = index.passage_text(first) + index.passage_text(second)
    found = find_source(paste, counting, archive.tokenizer)  # type: ignore[arg-type]
    assert found and found[0].article_id == _article(index, first)
    assert {first, second} <= counting.read
    assert len(counting.read) <= index.size // 4, len(counting.read)


def test_a_verbatim_paste_is_settled_by_its_probes(archive: Archive, index: SearchIndex, doc: int) -> None:
    """Clauses found verbatim explain the paste: BM25 is asked only when they do not."""
    exact = _Counting(index)
    assert find_source(index.passage_text(doc), exact, archive.tokenizer)[0].doc == doc  # type: ignore[arg-type]
    assert exact.ranked == 0
    unrelated = _Counting(index)
    assert find_source(UNRELATED, unrelated, archive.tokenizer) == []  # type: ignore[arg-type]
    assert unrelated.ranked == 1


def test_the_reference_engine_gives_the_same_sources(archive: Archive, index: SearchIndex) -> None:
    """find_source asks only the SearchIndex protocol: over the in-memory rank-bm25 engine
    (exact literal lookups) the sources are the same as over the postings engine."""
    tokenizer = archive.tokenizer
    rows = list(archive.passages())
    assert [r.text for r in rows] == [index.passage_text(d) for d in range(index.size)]
    docs = [tokenizer.tokens(r.title) + tokenizer.tokens(r.text) for r in rows]
    literal = [without_spaces(tokenizer.fold(r.title) + tokenizer.fold(r.text)) for r in rows]
    memory = MemoryIndex(docs, rows, literal)
    first, second = _pair(index)
    lines = (CORPUS / "000_dc93311a83d8204f.txt").read_text("utf-8").splitlines()
    pastes = [
        index.passage_text(first),
        index.passage_text(first)[50:] + index.passage_text(second)[:80],
        "\n".join(lines[55:125]),
        _edit(index.passage_text(second), _cjk_positions(index.passage_text(second))[::9]),
        UNRELATED,
    ]
    for paste in pastes:
        assert find_source(paste, memory, tokenizer) == find_source(paste, index, tokenizer), paste[:40]


@pytest.fixture(scope="module")
def reprinted(archive: Archive, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Archive, str, str, str]]:
    """An archive where three passages of one article were printed in twelve other
    articles as well (a speech every paper carried), and only its first passage is its
    own: (archive, the article's title, its text, the reprinted part)."""
    index = archive.index
    own, *shared = (index.passage_text(d) for d in (0, 40, 60, 80))
    reprint = "\n".join(shared)
    tmp = tmp_path_factory.mktemp("reprinted")
    lines = [
        {"title": f"转载{i}", "date": f"2024-05-{i + 1:02d}", "text": reprint} for i in range(12)
    ]
    title = "一篇开头独有、后文与十二篇转载相同的报道"
    lines.append({"title": title, "date": "2024-06-01", "text": "\n".join([own, *shared])})
    (tmp / "corpus").mkdir()
    (tmp / "corpus" / "export.jsonl").write_text(
        "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", "utf-8"
    )
    reprints = Archive.open(make_settings(tmp, corpus_dir=tmp / "corpus"), now=lambda: NOW)
    reprints.ingest()
    yield reprints, title, "\n".join([own, *shared]), reprint
    reprints.close()


def test_a_paste_is_followed_into_the_rest_of_its_article(reprinted: tuple[Archive, str, str, str]) -> None:
    """Clauses printed in many articles say nothing of where the paste is from, so only the
    first passage is found by a probe; its article's next passages are compared because
    they follow it, and the paste is all that article's (the reprints hold only a part)."""
    reprints, title, text, _ = reprinted
    index = reprints.index
    found = find_source(text, index, reprints.tokenizer)
    assert found and index.passage_title(found[0].doc) == title
    assert found[0].similarity >= 0.95
    assert [index.passage_title(m.doc) for m in found] == [title]


def test_every_reprint_of_a_paste_is_a_source(reprinted: tuple[Archive, str, str, str]) -> None:
    """A text printed in thirteen articles comes from each of them, not only the first."""
    reprints, _, _, reprint = reprinted
    found = find_source(reprint, reprints.index, reprints.tokenizer, limit=5)
    assert len({m.article_id for m in found}) == len(found) == 5
    assert all(m.similarity >= 0.95 and m.literal for m in found)


def test_a_paste_that_starts_with_the_headline_is_all_the_article(archive: Archive, index: SearchIndex) -> None:
    """The headline counts as the article's: a paste copied with it is wholly explained,
    though the body does not repeat it."""
    opening = [d for d in range(index.size) if d == 0 or _article(index, d - 1) != _article(index, d)]
    first = max(opening, key=lambda d: _headline_only(index, d))
    assert _headline_only(index, first) >= 15
    found = find_source(index.passage_title(first) + "\n" + index.passage_text(first), index, archive.tokenizer)
    assert found and found[0].doc == first and found[0].similarity >= 0.99


def _headline_only(index: SearchIndex, doc: int) -> int:
    """How many characters of the passage's headline lie in no 8 characters its article's
    body repeats."""
    article = _article(index, doc)
    title = _content(index.passage_title(doc))
    body = "".join(_content(index.passage_text(d)) for d in range(index.size) if _article(index, d) == article)
    seen = [False] * len(title)
    for i in range(len(title) - 7):
        if title[i : i + 8] in body:
            seen[i : i + 8] = [True] * 8
    return seen.count(False)
