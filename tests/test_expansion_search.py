"""Query expansion where readers meet it: `Archive.search`, `python -m retrieval search` (text
and --json) and the bot, over a made-up paper (tests/helpers/expansion.py) the code has never
seen. Synonyms from the corpus's file, numbers in the other notation, the per-article cap
made visible, and a byline name answered with that author's articles."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_application
from bot.html import strip_tags
from bot.replies import Replier
from bot.settings import BotSettings
from retrieval import Archive
from retrieval.cli import run
from tests.fake_telegram import FakeTelegram
from tests.helpers.bot import ask, bot_settings, buttons, polling
from tests.helpers.expansion import open_archive, paper_settings

ARTICLE_KEYS = {"id", "title", "date", "issue_date", "date_approximate", "paper", "page", "authors", "text"}
SORTING = "垃圾分类进社区 示范小区越建越多"  # the article with three passages about 垃圾分类
BY_WANG = [  # 王小明's bylines, newest first
    ("临港产业园新开工35个项目", date(2024, 4, 12)),
    ("市委全面深化改革委员会召开第五次会议", date(2024, 3, 5)),
    ("前三季度我市经济运行稳中向好", date(2023, 9, 20)),
]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("expansion")


@pytest.fixture(scope="module")
def paper(home: Path) -> Iterator[Archive]:
    archive = open_archive(home)
    yield archive
    archive.close()


@pytest.fixture(scope="module")
def settings(home: Path, paper: Archive) -> BotSettings:
    return paper_settings(home)


def _cli(capsys: pytest.CaptureFixture[str], settings: BotSettings, *argv: str) -> str:
    assert run(["search", *argv], settings=settings) == 0
    return capsys.readouterr().out


def _json(capsys: pytest.CaptureFixture[str], settings: BotSettings, *argv: str) -> dict[str, Any]:
    out = json.loads(_cli(capsys, settings, *argv, "--json"))
    assert isinstance(out, dict)
    return out


# -- synonyms, numbers and the evidence rule ---------------------------------------------------------
def test_a_synonym_finds_the_passage_with_the_full_term(paper: Archive) -> None:
    result = paper.search("GDP")
    assert result.notice == "已扩展：GDP → 地区生产总值（加引号可只查原词）"
    assert {h.title for h in result.hits} == {"前三季度我市经济运行稳中向好", "我市研发投入持续增长"}
    for h in result.hits:  # no passage says GDP: each holds only the expansion, and shows it
        assert "gdp" not in h.passage.lower() and "地区生产总值" in h.passage
        assert "地区生产总值" in [h.excerpt[s:e] for s, e in h.highlights]
        assert "地区生产总值" in h.answer  # and it counts for the 💡 sentence too
    assert paper.search('"GDP"').hits == []  # quoted: only the word as typed, which no passage holds


def test_a_synonym_line_with_a_comma_and_an_ampersand(paper: Archive) -> None:
    result = paper.search("R&D投入")
    assert result.notice is not None and result.notice.startswith("已扩展：R&D → 研究与试验发展")
    assert [h.title for h in result.hits] == ["我市研发投入持续增长"]


def test_a_number_finds_the_other_notation(paper: Archive) -> None:
    arabic = paper.search("35个项目")
    chinese = paper.search("三十五个项目")
    expected = {"临港产业园新开工35个项目", "我市交易团在进博会签约三十五个项目"}
    assert {h.title for h in arabic.hits} == expected and {h.title for h in chinese.hits} == expected
    assert arabic.notice is not None and "已扩展：35 → 三十五" in arabic.notice
    assert chinese.notice is not None and "已扩展：三十五 → 35" in chinese.notice
    # the passage that prints only the other notation is let through by the expansion alone
    [other] = [h for h in chinese.hits if h.title == "临港产业园新开工35个项目"]
    assert "三十五" not in other.passage and "35个项目" in other.passage
    assert paper.search('"三十五"个项目').expansions == []


def test_a_chinese_count_with_its_measure_word_finds_the_arabic_one(paper: Archive) -> None:
    assert "临港产业园新开工35个项目" in [h.title for h in paper.search("三十五个").hits]


def test_the_answer_sentence_counts_a_number_in_the_other_notation(paper: Archive) -> None:
    [other] = [h for h in paper.search("三十五个项目").hits if h.title == "临港产业园新开工35个项目"]
    assert "35个项目" in other.answer


def test_an_amount_in_chinese_numerals_finds_the_arabic_one(paper: Archive) -> None:
    result = paper.search("一百二十亿元")
    assert ("一百二十亿", "120亿") in [(e.source, e.target) for e in result.expansions]
    assert "临港产业园新开工35个项目" in [h.title for h in result.hits]


def test_a_question_with_arabic_indic_digits_is_searched(paper: Archive) -> None:
    paper.search("٣٧个项目")


# -- the per-article cap -------------------------------------------------------------------------------
def test_per_article_sets_how_many_passages_of_one_article_are_listed(paper: Archive) -> None:
    default = paper.search("垃圾分类")
    assert [h.title for h in default.hits].count(SORTING) >= 2
    one = paper.search("垃圾分类", per_article=1)
    assert [h.title for h in one.hits] == [SORTING]
    assert (one.per_article, one.capped) == (1, 2)  # the article has three passages about it
    two = paper.search("垃圾分类", per_article=2)
    assert [h.title for h in two.hits] == [SORTING, SORTING] and (two.per_article, two.capped) == (2, 1)


def test_the_cli_says_when_the_cap_hid_passages(capsys: pytest.CaptureFixture[str], settings: BotSettings) -> None:
    out = _cli(capsys, settings, "垃圾分类", "-k", "10", "--per-article", "1")
    assert "（每篇文章最多列出 1 段，另有 2 段因此未列出；用 --per-article N 调整）" in out
    assert out.count(SORTING) == 1
    full = _cli(capsys, settings, "垃圾分类", "-k", "10", "--per-article", "3")
    assert "每篇文章最多列出" not in full and full.count(SORTING) == 3
    # -k itself, not the cap, ends the list: nothing to say
    assert "每篇文章最多列出" not in _cli(capsys, settings, "垃圾分类", "-k", "1", "--per-article", "1")


# -- search --json ---------------------------------------------------------------------------------------
def test_search_json_has_the_expansion_keys(capsys: pytest.CaptureFixture[str], settings: BotSettings) -> None:
    out = _json(capsys, settings, "GDP", "--per-article", "1")
    assert {"expansions", "corrections", "per_article", "capped", "author"} <= set(out)
    assert out["expansions"] == [{"from": "GDP", "to": "地区生产总值", "kind": "synonym"}]
    assert (out["corrections"], out["per_article"], out["author"]) == ([], 1, None)
    assert isinstance(out["capped"], int) and out["results"]

    typo = _json(capsys, settings, "陈志原")
    assert typo["corrections"] == [{"from": "陈志原", "to": "陈志远", "same_sound": True}]
    assert typo["per_article"] == 2 and typo["results"]

    capped = _json(capsys, settings, "垃圾分类", "--per-article", "1")
    assert (capped["per_article"], capped["capped"], len(capped["results"])) == (1, 2, 1)


def test_search_json_lists_an_authors_articles(capsys: pytest.CaptureFixture[str], settings: BotSettings) -> None:
    out = _json(capsys, settings, "王小明写了哪些报道")
    assert out["results"] == [] and out["expansions"] == [] and out["corrections"] == []
    author = out["author"]
    assert {"author", "articles", "date"} <= set(author) and author["author"] == "王小明"
    assert [(a["title"], a["date"]) for a in author["articles"]] == [(t, d.isoformat()) for t, d in BY_WANG]
    assert all(ARTICLE_KEYS <= set(a) and "王小明" in a["authors"] for a in author["articles"])


# -- author listings ------------------------------------------------------------------------------------
def test_a_byline_name_lists_the_authors_articles_newest_first(paper: Archive) -> None:
    for question in ("王小明写了哪些报道", "王小明", "王小明的文章"):
        result = paper.search(question)
        assert result.author is not None, question
        assert result.author.author == "王小明" and result.hits == []
        assert [(a.title, a.date) for a in result.author.articles] == BY_WANG, question


def test_an_author_listing_keeps_the_questions_date(paper: Archive) -> None:
    result = paper.search("王小明2024年写了哪些报道")
    assert result.author is not None and result.filter is not None
    assert [(a.title, a.date) for a in result.author.articles] == BY_WANG[:2]


def test_a_name_that_signs_nothing_is_searched(paper: Archive) -> None:
    result = paper.search("陈志远写了哪些报道")  # a name the paper prints, in no byline
    assert result.author is None
    assert {h.title for h in result.hits} == {"市委全面深化改革委员会召开第五次会议", "我市交易团在进博会签约三十五个项目"}
    assert paper.search('"王小明"写了哪些报道').author is None  # quoted: the words, not the byline


def test_the_cli_prints_an_authors_articles(capsys: pytest.CaptureFixture[str], settings: BotSettings) -> None:
    out = _cli(capsys, settings, "王小明写了哪些报道")
    assert "王小明署名的报道：3 篇（最新的在前）" in out
    positions = [out.index(title) for title, _ in BY_WANG]
    assert positions == sorted(positions)
    dated = _cli(capsys, settings, "王小明2024年写了哪些报道")
    assert "王小明2024年署名的报道：2 篇" in dated and BY_WANG[2][0] not in dated


def test_a_byline_stored_in_traditional_characters_lists_its_articles(paper: Archive) -> None:
    for question in ("张伟写了哪些报道", "張偉写了哪些报道"):
        result = paper.search(question)
        assert result.author is not None
        assert [a.title for a in result.author.articles] == ["滨江老街改造完成"], question


def test_an_author_with_nothing_in_the_date_asked_is_not_said_to_have_nothing(paper: Archive, home: Path) -> None:
    [out] = Replier(paper, paper_settings(home)).ask("王小明2022年写了哪些报道")
    assert "2022" in strip_tags(out.text)


# -- the bot, against the fake Bot API server -------------------------------------------------------------
@pytest.fixture
async def bot(tg: FakeTelegram, paper: Archive) -> AsyncIterator[FakeTelegram]:
    async with polling(build_application(bot_settings(tg), paper)):
        yield tg


def _italic(msg: dict[str, Any]) -> list[str]:
    raw = msg["text"].encode("utf-16-le")
    return [raw[e["offset"] * 2 : (e["offset"] + e["length"]) * 2].decode("utf-16-le")
            for e in msg.get("entities", []) if e["type"] == "italic"]


async def test_the_bot_lists_an_authors_articles_with_buttons(bot: FakeTelegram) -> None:
    user = bot.user("Wen")
    [msg] = await ask(bot, user, "王小明写了哪些报道")
    assert "王小明署名的报道（最新的在前）" in msg["text"] and "共 3 篇" in msg["text"]
    titles = [title for title, _ in BY_WANG]
    positions = [msg["text"].index(t) for t in titles]
    assert positions == sorted(positions)
    keys = buttons(msg)
    assert [k.split(". ", 1)[1] for k in keys] == titles and all(v.startswith("a:") for v in keys.values())
    qid = bot.press(user, msg, keys[f"1. {titles[0]}"])
    await bot.wait_for_callback_answer_async(qid)
    [article] = await bot.wait_for_messages_async(user, 1)
    assert article["text"].startswith(titles[0])


async def test_the_bots_reply_says_what_was_expanded(bot: FakeTelegram) -> None:
    user = bot.user("Rui")
    [msg] = await ask(bot, user, "R&D投入")  # the fake server refuses HTML with a bare &
    notice = "已扩展：R&D → 研究与试验发展（加引号可只查原词）"
    assert notice in msg["text"] and notice in _italic(msg)
    assert "我市研发投入持续增长" in msg["text"]
    [msg] = await ask(bot, user, "陈志原")
    assert "你要找的是不是「陈志远」？" in msg["text"]
