"""Real readers' questions (issue 11): each class generated over the archive, not one string.

- a date and generic words only (`2025年3月7日发生了什么`, `最近7天`) is a date lookup, in
  the library, the CLI and the bot;
- a query typed with spaces between characters gets the corpus's own repair;
- the 💡 sentence needs the question's content words, not one shared word;
- a name the archive knows plus a word it never uses gives partial matches, said so;
- English or pinyin gets a hint that the archive is Chinese;
- `-k 0` and `-k -1` are errors.
"""

from __future__ import annotations

import itertools
import random
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.html import strip_tags
from bot.replies import Replier
from retrieval import Archive
from retrieval.cli import run
from retrieval.dates import parse_date_expr
from retrieval.errors import QueryError
from retrieval.search import LATIN_HINT
from retrieval.tokenize import GENERIC_WORDS
from tests.helpers.settings import CORPUS, make_settings

GENERIC_TAILS = ["", "发生了什么", "的报道", "有哪些新闻", "那期头版有哪些文章", " 报道", "有什么消息", "的文章"]


def _day_forms(d: date) -> list[str]:
    return [f"{d.year}年{d.month}月{d.day}日", d.isoformat(), f"{d.year}年{d.month}月"]


def _days(archive: Archive) -> list[date]:
    return sorted({a.issue_date for a in archive.articles()})


def test_a_date_with_only_generic_words_is_a_date_lookup(archive: Archive) -> None:
    cases = [(form, tail) for d in _days(archive) for form in _day_forms(d) for tail in GENERIC_TAILS]
    for form, tail in cases:
        result = archive.search(form + tail)
        assert result.lookup is not None, form + tail
        expected = parse_date_expr(form, archive.today())
        assert (result.lookup.filter.start, result.lookup.filter.end) == (expected.start, expected.end), form + tail
        assert result.lookup.articles, form + tail  # the archive has articles on those days
    for relative in ("最近7天", "去年三月的报道", "上个月的新闻", "今天"):
        assert archive.search(relative).lookup is not None, relative


def test_a_date_with_a_subject_is_still_a_search(archive: Archive) -> None:
    day = _days(archive)[-1]
    result = archive.search(f"{day.year}年{day.month}月招商大会")
    assert result.lookup is None


def test_date_questions_in_the_bot_list_that_days_articles(archive: Archive) -> None:
    replier = Replier(archive, make_settings(CORPUS.parent / "unused"))
    for d in _days(archive):
        [out] = replier.ask(f"{d.year}年{d.month}月{d.day}日发生了什么", user_id=None)
        text = strip_tags(out.text)
        assert f"{d.year}年{d.month}月{d.day}日" in text and "篇" in text, text


def test_date_questions_in_the_cli(archive: Archive, archive_settings: object, capsys: pytest.CaptureFixture[str]) -> None:
    d = _days(archive)[0]
    assert run(["search", f"{d.isoformat()}有哪些报道"], archive_settings) == 0  # type: ignore[arg-type]
    out = capsys.readouterr().out
    assert "篇" in out and "编号" in out, out


def test_spaced_characters_are_repaired_like_the_corpus(archive: Archive) -> None:
    rng = random.Random(5)
    names = [w for w in archive.tokenizer.user_words if len(w) >= 3 and archive.index.df(w) > 0]
    assert names
    for name in rng.sample(names, min(15, len(names))):
        plain = archive.search(name)
        spaced = archive.search(" ".join(name))
        if plain.author is not None:  # a byline name lists the author's articles, spaced or not
            assert spaced.author == plain.author, name
            continue
        assert plain.hits and [h.passage_id for h in spaced.hits] == [h.passage_id for h in plain.hits], name


def test_the_best_sentence_needs_the_questions_content_words(archive: Archive) -> None:
    unknown = ["天气", "冠军", "股价", "菜谱", "航班"]
    common = [w for w in archive.tokenizer.user_words if archive.index.df(w) > 0][:10]
    for word, missing in itertools.product(common, unknown):
        for hit in archive.search(f"{word}{missing}怎么样").hits:
            assert hit.answer == "" or missing in hit.answer, (word, missing, hit.answer)
    result = archive.search("招商大会签约了多少项目")
    assert result.hits and result.hits[0].answer  # a real question keeps its answer


def test_a_known_name_with_an_unknown_word_gives_partial_matches(archive: Archive) -> None:
    people = [  # names that are one token (search mode cuts 大运河 into three, which outweigh the rest)
        w for w in archive.tokenizer.user_words
        if 2 <= len(w) <= 3 and archive.index.df(w) > 0 and archive.tokenizer.tokens(w) == [w]
    ]
    assert people
    for name in people[:12]:
        result = archive.search(f"{name}的量子纠缠")
        assert result.hits, name
        assert result.notice and f"「{name}" in result.notice and "量子" in result.notice, result.notice
    for off_topic in ("量子纠缠", "今天杭州天气怎么样", "世界杯冠军是谁"):
        assert archive.search(off_topic).hits == [], off_topic


@pytest.mark.parametrize("query", ["weather today", "zhaoshang dahui", "who is the mayor", "GDP growth rate"])
def test_english_or_pinyin_gets_a_hint(archive: Archive, query: str) -> None:
    result = archive.search(query)
    assert not result.hits and result.notice == LATIN_HINT


@pytest.mark.parametrize("k", ["0", "-1", "x"])
def test_k_below_one_is_an_error(archive_settings: object, k: str) -> None:
    with pytest.raises(SystemExit) as exc:
        run(["search", "招商", "-k", k], archive_settings)  # type: ignore[arg-type]
    assert exc.value.code == 2


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "America/New_York", "UTC"])
def test_stats_show_the_last_ingest_in_the_configured_time_zone(tmp_path: Path, zone: str) -> None:
    settings = make_settings(tmp_path, timezone=zone)
    a = Archive.open(settings)
    a.ingest()
    before = datetime.now(ZoneInfo(zone))
    stamp = a.stats().last_ingest
    assert stamp is not None and stamp.tzinfo is not None
    assert stamp.utcoffset() == before.utcoffset()
    assert abs((before - stamp).total_seconds()) < 120
    [out] = Replier(a, settings).reply("/stats", user_id=None)
    assert f"{stamp:%Y-%m-%d %H:%M}" in strip_tags(out.text)
    a.close()


def test_a_long_paste_finds_its_source_and_its_dates_are_not_filters(archive: Archive) -> None:
    """Over 200 characters is a paste: where is it from? A date inside it is quoted text."""
    rows = [r for r in archive.passages() if len(r.text) >= 260]
    assert rows
    rng = random.Random(11)
    for row in rng.sample(rows, min(6, len(rows))):
        paste = row.text[:250]
        spaced = " ".join(paste[:120]) + paste[120:]  # copied from the damaged page
        for text in (paste, spaced, "2019年1月1日 " + paste):
            result = archive.search(text)
            assert result.hits and result.hits[0].article_id == row.article_id, text[:30]
            assert result.filter is None and result.notice and "出自" in result.notice
    unrelated = "".join(rng.choice("春夏秋冬山水日月风云花鸟鱼虫天地人和") for _ in range(300))
    result = archive.search(unrelated)
    assert not result.hits and result.notice and "出处" in result.notice
    with pytest.raises(QueryError, match="太长"):
        archive.search("拱" * 4097)


def test_any_piece_of_the_archive_as_a_question_never_crashes(archive: Archive) -> None:
    """Found once: `事会”`, a verbatim string whose only word weighs nothing (事 is generic),
    with a short list, divided by a zero weight. Every class of archive substring, with stop words and generic words
    around it and at every length, must give hits, a lookup or a QueryError."""
    rows = [r for r in archive.passages()]
    rng = random.Random(3)
    extras = ["", "的", "是什么", "报道", "哪些", " ", "？", "了吗", "最近"]
    common = sorted(archive.index.common) or ["拱墅"]
    for word, other in itertools.product(common[:12], ["", *common[:3], "报道"]):  # weigh nothing
        try:
            archive.search(word + other, k=rng.randint(1, 12))
        except QueryError:
            pass
    # pieces around words that weigh nothing as evidence (`事会”` of 议事会”: 事 is generic)
    pieces = []
    for g in sorted(GENERIC_WORDS):
        for r in rows:
            at = r.text.find(g)
            if at >= 0:
                pieces.append(r.text[max(0, at - 1) : at + len(g) + 2])
                break
    for piece in pieces:
        try:
            archive.search(piece, k=rng.randint(1, 12))
        except QueryError:
            pass
    for _ in range(400):
        row = rng.choice(rows)
        size = rng.randint(1, 24)
        start = rng.randrange(0, max(1, len(row.text) - size))
        query = rng.choice(extras) + row.text[start : start + size] + rng.choice(extras)
        try:
            archive.search(query, k=rng.randint(1, 12), offset=rng.choice([0, 0, 5]))
        except QueryError:
            pass
