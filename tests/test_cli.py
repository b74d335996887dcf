"""The CLI is a contract: other tools parse its JSON keys and exit codes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from retrieval import Settings
from retrieval.cli import build_parser, main, run
from retrieval.errors import QueryError
from tests.helpers.settings import CORPUS, ROOT, make_settings

ARTICLE_KEYS = {
    "id", "title", "date", "issue_date", "date_approximate", "paper", "page", "authors", "text", "kicker", "subtitle",
    "byline",
}
HIT_KEYS = {
    "article_id", "title", "date", "issue_date", "paper", "page", "excerpt", "highlights", "passage", "score", "kicker",
    "subtitle",
}
PAGES = ROOT / "tests" / "data" / "pages"


def _json(capsys: pytest.CaptureFixture[str], settings: Settings, *argv: str) -> object:
    assert run(list(argv), settings=settings) == 0
    return json.loads(capsys.readouterr().out)


def test_articles_json(capsys: pytest.CaptureFixture[str], archive_settings: Settings, archive: object) -> None:
    arts = _json(capsys, archive_settings, "articles", "--json")
    assert isinstance(arts, list) and len(arts) == 33
    assert all(ARTICLE_KEYS <= set(a) for a in arts)
    day = _json(capsys, archive_settings, "articles", "--date", "2024-06-13", "--json")
    assert {a["date"] for a in day} == {"2024-06-13"}  # type: ignore[index]


def test_search_json(capsys: pytest.CaptureFixture[str], archive_settings: Settings, archive: object) -> None:
    out = _json(capsys, archive_settings, "search", "招商大会签约了多少项目", "-k", "3", "--json")
    assert isinstance(out, dict) and {"query", "filters", "results"} <= set(out)
    first = out["results"][0]
    assert HIT_KEYS <= set(first)
    assert "37个重点项目" in first["excerpt"]
    for h in first["highlights"]:
        assert first["excerpt"][h["start"] : h["end"]] == h["text"]
    ranged = _json(capsys, archive_settings, "search", "李志龙", "--from", "2024-06-01", "--to", "2024-06-30", "--json")
    assert ranged["results"] and all(r["date"].startswith("2024-06") for r in ranged["results"])  # type: ignore[index]


def test_date_json_and_empty_day(capsys: pytest.CaptureFixture[str], archive_settings: Settings, archive: object) -> None:
    out = _json(capsys, archive_settings, "date", "2024-06-13", "--json")
    titles = [a["title"] for a in out["articles"]]  # type: ignore[index]
    assert any("全面深化改革委员会" in t for t in titles)
    empty = _json(capsys, archive_settings, "date", "2024-06-15", "--json")
    assert empty["articles"] == [] and empty["nearest"]  # type: ignore[index]


def test_article_and_stats(capsys: pytest.CaptureFixture[str], archive_settings: Settings, archive: object) -> None:
    art = _json(capsys, archive_settings, "article", "1", "--json")
    assert ARTICLE_KEYS <= set(art)  # type: ignore[arg-type]
    stats = _json(capsys, archive_settings, "stats", "--json")
    assert stats["articles"] == 33 and stats["issues"] == 5  # type: ignore[index]
    cov = _json(capsys, archive_settings, "coverage", "--json")
    assert isinstance(cov, dict) and {"issues", "first", "last", "papers", "last_ingest"} <= set(cov)
    [paper] = cov["papers"]
    assert (paper["paper"], paper["issues"], paper["interval_days"], paper["missing"]) == ("今日拱墅", 5, 7, 110)
    assert run(["coverage"], settings=archive_settings) == 0
    assert "出版周期：周报（每 7 天一期）；缺 110 期" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["search", ""], "请输入"),
        (["search", "x" * 10_000], "太长"),
        (["search", "2月30日 招商"], "2月"),
        (["date", "2月30日"], "2月"),
        (["article", "99999"], "99999"),
    ],
)
def test_errors_are_one_line_and_exit_1(
    argv: list[str], needle: str, capsys: pytest.CaptureFixture[str], archive_settings: Settings,
    archive: object, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", archive_settings.database_url)
    monkeypatch.setenv("INDEX_DIR", str(archive_settings.index_dir))
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    parser = build_parser()
    commands = re.findall(r"\{([a-z,]+)\}", parser.format_usage())[0].split(",")
    for cmd in commands:
        assert f"python -m retrieval {cmd}" in readme, cmd


def test_a_second_ingest_of_an_unchanged_corpus_repeats_no_warning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """What `./run.sh` does on every start: the first ingest names the headline it could not
    restore; the next ones, with no file changed, say so and nothing else."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / "002_30cb9bfa44a51e07.txt", corpus)
    settings = make_settings(tmp_path, corpus_dir=corpus)
    first = _json(capsys, settings, "ingest", "--json")
    assert first["new"] == 1 and any("标题无法还原" in w for w in first["warnings"])  # type: ignore[index]
    page = first["pages"][0]  # type: ignore[index]
    assert page["status"] == "new" and len(page["articles"]) == first["articles"]  # type: ignore[index]
    assert {"title", "date", "date_approximate", "title_derived"} <= set(page["articles"][0])
    assert any("标题无法还原" in w for w in page["warnings"])
    second = _json(capsys, settings, "ingest", "--json")
    assert (second["new"], second["replaced"], second["unchanged"], second["warnings"]) == (0, 0, 1, [])  # type: ignore[index]
    assert run(["ingest"], settings=settings) == 0
    assert capsys.readouterr().out.splitlines() == [
        "文件 1 个：新增 0，更新 0，未变 1，失败 0（共 0 篇文章写入）",
        "没有变化：所有文件都已导入过。",
    ]


def test_page_shows_a_split_and_writes_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    out = _json(capsys, settings, "page", str(PAGES / "b03.txt"), "--json")
    assert isinstance(out, dict)
    assert {"source", "paper", "issue_date", "page", "articles", "furniture", "warnings"} <= set(out)
    first = out["articles"][0]
    assert (first["kicker"], first["title"], first["subtitle"]) == (
        "就业服务“百日冲刺”行动收官", "全省高校毕业生去向落实率达91.3%", "——同比提高2.4个百分点"
    )
    assert out["paper"] == "南岭日报" and out["issue_date"] == "2024-09-06"
    assert "本版编辑：罗 湘  美术编辑：詹 婷" in out["furniture"]
    assert run(["page", str(PAGES / "b03.txt")], settings=settings) == 0
    text = capsys.readouterr().out
    assert "引题  就业服务“百日冲刺”行动收官" in text and "版面杂项" in text
    assert not list(tmp_path.rglob("*.db")), "page must not open the database"


def test_page_of_an_issue_pdf_shows_every_page(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from tests.helpers.pdfpages import NAMES, gold, issue_pdf

    issue = tmp_path / "2024-06-14.pdf"
    issue.write_bytes(issue_pdf(NAMES[:2]))
    settings = make_settings(tmp_path)
    out = _json(capsys, settings, "page", str(issue), "--json")
    assert isinstance(out, dict) and len(out["pages"]) == 2  # the first page's keys, and every page's
    assert out["source"].endswith("#1") and out["pages"][1]["source"].endswith("#2")
    assert out["pages"][1]["articles"][0]["title"] == gold(NAMES[1])["articles"][0]["title"]
    assert run(["page", str(issue)], settings=settings) == 0
    assert capsys.readouterr().out.count("版面杂项") == 2


def test_page_of_an_undated_file_asks_for_a_date(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    page = tmp_path / "somepage.txt"
    page.write_text("市图书馆夜读空间开放\n本报讯（记者 柯蔓）近日，市图书馆夜读空间正式启用。", "utf-8")
    settings = make_settings(tmp_path)
    assert main(["page", str(page)]) == 1
    err = capsys.readouterr().err
    assert "no issue date" in err and "--date" in err and len(err.strip().splitlines()) == 1
    out = _json(capsys, settings, "page", str(page), "--date", "2024-10-15", "--json")
    assert out["articles"][0]["title"] == "市图书馆夜读空间开放"  # type: ignore[index]


def test_article_citation_uses_main_title_and_subtitle(
    capsys: pytest.CaptureFixture[str], archive_settings: Settings, archive: object
) -> None:
    arts = _json(capsys, archive_settings, "articles", "--json")
    with_sub = next(a for a in arts if a["subtitle"])  # type: ignore[union-attr]
    assert run(["article", str(with_sub["id"])], settings=archive_settings) == 0  # type: ignore[index]
    cited = capsys.readouterr().out.strip().splitlines()[-1]
    assert f"{with_sub['title']}：{with_sub['subtitle'].lstrip('—')}[N]" in cited  # type: ignore[index]


def test_trend_writes_a_png_and_prints_its_counts(
    capsys: pytest.CaptureFixture[str], archive_settings: Settings, archive: object, tmp_path: Path
) -> None:
    out = tmp_path / "trend.png"
    data = _json(capsys, archive_settings, "trend", "运河", "招商", "--out", str(out), "--json")
    assert isinstance(data, dict) and set(data) >= {"unit", "periods", "issues", "words"}
    words = data["words"]
    assert [w["word"] for w in words] == ["运河", "招商"] and all(w["total"] > 0 for w in words)
    assert all(len(w["mentions"]) == len(data["periods"]) for w in words)
    assert out.read_bytes().startswith(b"\x89PNG")
    with pytest.raises(QueryError, match="一个字"):  # (main prints it as one line and exits 1)
        run(["trend", "一"], settings=archive_settings)


def test_who_prints_roles_with_dates(capsys: pytest.CaptureFixture[str], archive_settings: Settings, archive: object) -> None:
    data = _json(capsys, archive_settings, "who", "李志龙", "--json")
    assert isinstance(data, dict) and data["articles"] > 0
    assert data["roles"][0]["title"] == "区委书记" and data["roles"][0]["first"] <= data["roles"][0]["last"]
    assert run(["who", "李志龙"], settings=archive_settings) == 0
    assert "区委书记" in capsys.readouterr().out
