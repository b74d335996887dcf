"""`python -m retrieval eval`: figures measured through the real query path, on a small made-up
archive (three JSON Lines articles, a temporary SQLite database) and a tiny CMRC-format file."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from retrieval import Archive
from retrieval.cli import run
from retrieval.errors import CorpusFormatError
from retrieval.evaluate import (
    DEPTH,
    WINDOW,
    Baseline,
    Case,
    Figures,
    Ranking,
    Shown,
    passage_units,
    through_search,
    window_units,
)
from tests.helpers.settings import NOW, make_settings

ARTICLES = [
    {"title": "运河公园正式开园", "date": "2024-05-10",
     "text": "运河公园于5月10日正式开园，公园占地三十公顷，设有儿童游乐区和滨水步道。市民纷纷前来游览。"},
    {"title": "拱宸桥体育中心建成投用", "date": "2024-06-20",
     "text": "拱宸桥体育中心建成投用，中心占地十二公顷，可以举办省级赛事。游泳馆将于下月向市民开放。"},
    {"title": "区图书馆推出夜读活动", "date": "2024-07-01",
     "text": "区图书馆推出夜读活动，每周五开放到晚上十点，读者可以借阅古籍复制本。" + "阅读推广持续进行。" * 30},
]
QUESTIONS = [
    # answered first, from its own article
    {"question": "运河公园占地多少", "answer": "三十公顷", "date": "2024-05-10"},
    # the same hit, but the question belongs to another day's article: it must not count
    {"question": "运河公园占地多少", "answer": "三十公顷", "date": "2024-06-20"},
    # refused (only a question word): no result
    {"question": "什么", "answer": "无", "date": "2024-05-10"},
    # nothing in the archive holds it: no result
    {"question": "量子计算机的原理", "answer": "量子", "date": "2024-05-10"},
]
LOOKUPS = [{"lookup": "2024-05-10", "expect_titles_containing": ["运河公园"]}]


def _jsonl(rows: list[dict[str, object]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("eval")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "cms.jsonl").write_text(_jsonl(ARTICLES), "utf-8")
    (root / "questions.jsonl").write_text(_jsonl([*QUESTIONS, *LOOKUPS]), "utf-8")
    return root


@pytest.fixture(scope="module")
def small(home: Path) -> Iterator[Archive]:
    a = Archive.open(make_settings(home, corpus_dir=home / "corpus"), now=lambda: NOW)
    a.ingest()
    yield a
    a.close()


def _eval(home: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert run(["eval", *args], make_settings(home, corpus_dir=home / "corpus")) == 0
    return capsys.readouterr().out


def _row(out: str, system: str) -> list[float]:
    """The figures of the first table row starting with `system`: questions, units, @1, @3, @10, MRR, no result."""
    line = next(line for line in out.splitlines() if line.startswith(system))
    return [float(x) for x in line.split()[-7:]]


def test_old_lines_are_printed_as_before(small: Archive, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _eval(home, capsys, str(home / "questions.jsonl"), "--literal", "0").splitlines()
    assert f"== {home / 'questions.jsonl'}" in out
    assert "questions            4" in out
    assert "answer in excerpt @1 1/4 = 0.250" in out
    assert "answer in excerpt @3 1/4 = 0.250" in out
    assert "date lookups         1/1" in out
    # @10 is in the table, not a line a parser of `answer in excerpt @1` would also match
    assert not [line for line in out if line.startswith("answer in excerpt @1") and "@10" in line]


def test_a_hit_from_another_article_does_not_count(small: Archive, home: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = _eval(home, capsys, str(home / "questions.jsonl"), "--literal", "0")
    # questions, units, @1, @3, @10, MRR@10, no result: only the first question counts
    questions, _, at1, at3, at10, mrr, _ = _row(out, "ours: Archive.search, answer in excerpt")
    assert (questions, at1, at3, at10, mrr) == (4, 0.25, 0.25, 0.25, 0.25)
    assert re.search(r"questions\.jsonl:2 运河公园占地多少 → 三十公顷: in the excerpt at rank 1, but from another "
                     r"article \(2024-05-10\)", out)


def test_no_result_share_counts_refusals_and_zero_hits(small: Archive, home: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = _eval(home, capsys, str(home / "questions.jsonl"), "--literal", "0")
    assert _row(out, "ours: Archive.search, answer in excerpt")[-1] == 0.5
    assert "zero hits 1" in out and "QueryError 1" in out
    assert re.search(r"questions\.jsonl:3 什么: QueryError: ", out)
    # the baseline has no result when no unit holds one of its tokens (什么, 量子计算机/的/原理)
    assert _row(out, "baseline: BM25Okapi on our passages")[-1] == 0.5


def test_an_unexpected_exception_is_a_named_miss(small: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(query: str, k: int = 10, offset: int = 0) -> object:
        raise KeyError(query)

    monkeypatch.setattr(small, "search", broken)
    case = Case("运河公园占地多少", ("三十公顷",), "三十公顷", "q:1")
    by_excerpt, _ = through_search(small, [case], lambda items: items)
    assert by_excerpt[0].shown == () and by_excerpt[0].error.startswith("unexpected KeyError")
    assert Figures.of("ours", 1, [case], by_excerpt).no_result == 1.0


def _case(answer: str = "甲乙", day: date | None = None, article_id: int | None = None) -> Case:
    return Case("问题", (answer,), answer, "t:1", day=day, article_id=article_id)


def _shown(text: str, article_id: int = 1, day: date = date(2024, 1, 1)) -> Shown:
    return Shown(article_id, (day,), text)


def test_mrr_and_ranks_are_computed_at_ten() -> None:
    miss = _shown("无关")
    hit = _shown("其中有甲 乙两字")  # spaces in the text never count
    rankings = [
        Ranking((hit, miss)),  # rank 1
        Ranking((miss, hit)),  # rank 2
        Ranking((miss,) * 3 + (hit,)),  # rank 4
        Ranking((miss,) * DEPTH + (hit,)),  # rank 11: beyond the top 10
        Ranking((), "QueryError: 空"),  # no result
    ]
    f = Figures.of("x", 9, [_case()] * 5, rankings)
    assert f.ranks == (1, 2, 4, 11, None)
    assert (f.found(1), f.found(3), f.found(10)) == (1, 2, 3)
    assert f.mrr == pytest.approx((1 + 1 / 2 + 1 / 4) / 5)
    assert f.no_result == pytest.approx(1 / 5)


def test_own_article_is_by_date_or_by_id() -> None:
    text = "答案是甲乙"
    assert Ranking((_shown(text, day=date(2024, 1, 2)),)).rank(_case(day=date(2024, 1, 1))) is None
    assert Ranking((Shown(1, (date(2024, 1, 1), date(2024, 1, 3)), text),)).rank(_case(day=date(2024, 1, 3))) == 1
    assert Ranking((_shown(text, article_id=2), _shown(text, article_id=5))).rank(_case(article_id=5)) == 2


def test_windows_cover_each_article_and_baselines_rank_by_bm25okapi(small: Archive) -> None:
    from rank_bm25 import BM25Okapi

    units, titles = window_units(small)
    by_article: dict[int, str] = {}
    for u in units:
        assert len(u.text) <= WINDOW
        by_article[u.article_id] = by_article.get(u.article_id, "") + u.text
    assert by_article == {a.id: a.text for a in small.articles()}
    assert any(len(u.text) == WINDOW for u in units)  # the long article is cut

    import jieba

    units, titles = passage_units(small)
    base = Baseline(units, titles)
    question = "运河公园占地多少"
    docs = [jieba.lcut(t) + jieba.lcut(u.text) for u, t in zip(units, titles, strict=True)]
    scores = BM25Okapi(docs).get_scores(jieba.lcut(question))
    expected = sorted(range(len(docs)), key=lambda d: (-scores[d], d))
    held = [d for d in expected if set(jieba.lcut(question)) & set(docs[d])][:DEPTH]
    assert base.top(question) == held


CMRC = {
    "version": "v1.0",
    "data": [
        {"id": "TEST_0", "title": "青石镇", "paragraphs": [{
            "id": "TEST_0",
            "context": "青石镇位于山谷之中，1990年建成第一座水电站。镇上盛产青梅，每年三月举办青梅节。"
                       "镇中心有一座石拱桥，名叫望月桥，建于清代。",
            "qas": [
                {"question": "青石镇1990年建成了什么？", "id": "TEST_0_QUERY_0",
                 "answers": [{"text": "第一座水电站", "answer_start": 14}]},
                {"question": "青石镇的石拱桥叫什么名字？", "id": "TEST_0_QUERY_1",
                 "answers": [{"text": "望月桥", "answer_start": 48}, {"text": "望月桥", "answer_start": 48}]},
            ]}]},
        {"id": "TEST_1", "title": "白鹭湖", "paragraphs": [{
            "id": "TEST_1",
            "context": "白鹭湖是一座人工湖，湖面面积约八平方公里。湖边栖息着大量白鹭，冬季有候鸟在此越冬。",
            "qas": [
                {"question": "白鹭湖的湖面面积有多大？", "id": "TEST_1_QUERY_0",
                 "answers": [{"text": "约八平方公里", "answer_start": 14}]},
            ]}]},
    ],
}


def test_cmrc_file_runs_through_a_temporary_archive(small: Archive, home: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = home / "cmrc_tiny_dev.json"
    path.write_text(json.dumps(CMRC, ensure_ascii=False), "utf-8")
    out = _eval(home, capsys, "--literal", "0", "--cmrc", str(path))
    assert out.startswith("== CMRC 2018 cmrc_tiny_dev")
    assert "3 questions, 2 contexts" in out
    for system in ("ours: Archive.search, answer in passage", "ours: Archive.search, answer in excerpt",
                   "ours: ranking alone", "baseline: BM25Okapi on our passages", "baseline: BM25Okapi on 200-char"):
        questions, _, at1, _, at10, mrr, _ = _row(out, system)
        assert questions == 3
        assert at1 <= at10 and mrr <= at10
    # the year in the first question is a date filter that matches nothing: search retries unfiltered
    _, _, at1, _, at10, mrr, no_result = _row(out, "ours: Archive.search, answer in passage")
    assert (at1, at10, mrr, no_result) == (1.0, 1.0, 1.0, 0.0)
    assert "miss:" not in out
    assert small.stats().articles == 3  # the temporary archive left the real one alone


def test_cmrc_folder_evaluates_each_file(small: Archive, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = home / "cmrc2018" / "squad-style-data"
    folder.mkdir(parents=True)
    (folder / "cmrc2018_dev.json").write_text(json.dumps(CMRC, ensure_ascii=False), "utf-8")
    trial = {"version": "v1.0", "data": CMRC["data"][1:]}
    (folder / "cmrc2018_trial.json").write_text(json.dumps(trial, ensure_ascii=False), "utf-8")
    out = _eval(home, capsys, "--literal", "0", "--cmrc", str(home / "cmrc2018"))
    heads = [line for line in out.splitlines() if line.startswith("== CMRC 2018")]
    assert [h.split()[3] for h in heads] == ["cmrc2018_dev", "cmrc2018_trial"]
    assert "3 questions, 2 contexts" in out and "1 questions, 1 contexts" in out


def test_a_file_in_no_cmrc_layout_is_a_library_error(small: Archive, home: Path) -> None:
    path = home / "not_cmrc.json"
    path.write_text('{"rows": []}', "utf-8")
    with pytest.raises(CorpusFormatError, match="not in CMRC 2018's SQuAD or original layout"):
        run(["eval", "--literal", "0", "--cmrc", str(path)], make_settings(home, corpus_dir=home / "corpus"))
