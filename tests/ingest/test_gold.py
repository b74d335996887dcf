"""The segmentation benchmark's scorer: what counts as an article found, a headline exact, a leak."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from retrieval.ingest.gold import GoldArticle, GoldPage, han, read_gold, read_pages, score_folder, score_page
from retrieval.types import ArticleRecord, IssueRecord

DAY = date(2024, 9, 6)
SAFETY = "本报讯（记者 张明 通讯员 李华）9月4日上午，东湖区召开秋季安全生产工作会议，部署下一阶段重点工作。"
PARKING = "本报讯（记者 赵丽）今年以来，东湖区新增公共停车位一千个，其中立体停车库五座。"
GOLD = GoldPage(
    name="p1", kind="district front page",
    articles=(
        GoldArticle(kicker="守牢底线", title="东湖区召开秋季安全生产工作会议", body_start=han(SAFETY)[:12],
                    date="2024-09-04", authors=("张明", "李华")),
        GoldArticle(title="全区新增公共停车位一千个", body_start=han(PARKING)[:12], date="2024-09-06",
                    authors=("赵丽",)),
    ),
    furniture=("东湖区报 DONGHU DISTRICT NEWS", "责任编辑：陈某"),
)


def _record(*articles: ArticleRecord) -> IssueRecord:
    return IssueRecord(source="p1.txt", sha256="0", paper="东湖区报", issue_date=DAY, page=1, articles=list(articles))


def _article(title: str, text: str, day: date = DAY, authors: tuple[str, ...] = ()) -> ArticleRecord:
    return ArticleRecord(title=title, text=text, date=day, issue_date=DAY, authors=list(authors))


def test_a_perfect_split_scores_everything() -> None:
    s = score_page(GOLD, _record(
        _article("守牢底线 东湖区召开秋季安全 生产工作会议", SAFETY, date(2024, 9, 4), ("张明", "李华")),
        _article("全区新增公共停车位一千个", PARKING, DAY, ("赵丽",)),
    ))
    assert (s.found, s.headline_exact, s.dates, s.authors, s.fragments, s.leaked) == (2, 2, 2, 2, 0, 0)


def test_an_article_glued_to_its_neighbour_is_not_found_and_leaks_count() -> None:
    s = score_page(GOLD, _record(
        _article("东湖区报 东湖区召开秋季安全生产工作会议", SAFETY + "全区新增公共停车位一千个" + PARKING),
        _article("责任编辑：陈某", "（完）"),
    ))
    assert s.found == 1 and s.headline_exact == 0 and s.fragments == 1
    assert s.leaked == 2  # the masthead in a title, the editor line as a title
    assert any("not found: 全区新增公共停车位一千个" in m for m in s.misses)


def test_a_body_starting_in_the_wrong_place_is_not_found() -> None:
    s = score_page(GOLD, _record(_article("全区新增公共停车位一千个", PARKING[10:])))
    assert s.found == 0 and s.fragments == 1


def test_a_page_the_reader_refused_is_reported() -> None:
    s = score_page(GOLD, "p1.txt: no issue date")
    assert s.found == 0 and s.gold == 2 and s.failed == ["p1: p1.txt: no issue date"]


def test_read_gold_names_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "x.gold.json"
    bad.write_text('{"articles": [{"kicker": "no title"}]}', "utf-8")
    with pytest.raises(ValueError, match=r"x\.gold\.json"):
        read_gold(bad)


def test_score_folder_reads_pages_through_the_real_readers(tmp_path: Path) -> None:
    (tmp_path / "2024-09-06_p1.txt").write_text("全区新增公共停车位一千个\n" + PARKING + "\n", "utf-8")
    (tmp_path / "undated.txt").write_text(PARKING, "utf-8")
    gold = {"kind": "inner page", "articles": [{"title": "全区新增公共停车位一千个", "body_start": han(PARKING)[:12],
                                                "date": "2024-09-06", "authors": ["赵丽"]}], "furniture": []}
    (tmp_path / "2024-09-06_p1.gold.json").write_text(json.dumps(gold, ensure_ascii=False), "utf-8")
    pages = read_pages(tmp_path, "东湖区报")
    assert isinstance(pages["2024-09-06_p1"], IssueRecord)
    assert "no issue date" in str(pages["undated"])
    total, lines = score_folder(tmp_path, "东湖区报")
    assert total.pages == 1 and total.found == 1 and len(lines) == 1


# -- the project's own test pages (tests/data/pages) ------------------------------------------
PAGES = Path(__file__).resolve().parents[1] / "data" / "pages"


def test_every_test_page_has_a_valid_gold_file_and_a_manifest_line() -> None:
    from retrieval.ingest.discover import read_manifest

    pages = sorted(p.stem for p in PAGES.glob("*.txt"))
    golds = sorted(p.name.removesuffix(".gold.json") for p in PAGES.glob("*.gold.json"))
    assert len(pages) >= 12 and pages == golds
    listed = read_manifest(PAGES)
    for name in pages:
        assert listed.get(f"{name}.txt") is not None, name
        gold = read_gold(PAGES / f"{name}.gold.json")
        text = han((PAGES / f"{name}.txt").read_text("utf-8"))
        for a in gold.articles:
            assert len(a.body_start) == 12 and a.body_start in text, (name, a.title)
            assert all(han(part) in text for part in (a.kicker, a.title, a.subtitle) if han(part)), (name, a.title)


def test_a_row_of_figures_leaks_only_with_its_figures() -> None:
    """A data-box row is furniture; an article that names its company has not swallowed it."""
    gold = GoldPage(name="p2", kind="inner page", articles=(), furniture=("长川港务    6.82    +2.10%    3.15",))
    named = _record(_article("长川港务集团扩建码头", "本报讯 长川港务集团扩建码头。"))
    glued = _record(_article("长川港务集团扩建码头", "本报讯 长川港务集团扩建码头。长川港务 6.82 +2.10% 3.15"))
    assert score_page(gold, named).leaked == 0
    assert score_page(gold, glued).leaked == 1
