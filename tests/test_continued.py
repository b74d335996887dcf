"""An article printed over two pages comes back whole when the archive holds both pages."""

from __future__ import annotations

import shutil
from pathlib import Path

from retrieval import Archive
from tests.helpers.settings import ROOT, make_settings

PAGES = ROOT / "tests" / "data" / "pages"


def _archive(tmp_path: Path, names: list[str]) -> Archive:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in names:
        shutil.copy(PAGES / name, corpus)
    shutil.copy(PAGES / "manifest.csv", corpus)
    archive = Archive.open(make_settings(tmp_path, corpus_dir=corpus))
    report = archive.ingest([corpus])
    assert not report.count("failed")
    return archive


def test_both_pages_in_the_archive_join_the_parts(tmp_path: Path) -> None:
    archive = _archive(tmp_path, ["b04.txt", "b05.txt"])  # page 1 and page 4 of one issue
    arts = archive.store.issue_articles("南岭日报", archive.store.article(1).issue_date)
    front = next(a for a in arts if a.page == 1 and a.title == "全省重点产业项目现场推进会在岭东召开")
    rest = next(a for a in arts if a.page == 4 and a.title == "全省重点产业项目现场推进会在岭东召开")
    whole = archive.article(front.id)
    assert whole.joined == [rest.id]
    assert whole.text == front.text + "\n" + rest.text
    assert "在强链延链上求突破" in whole.text
    # From the page-4 part the reader also gets the whole article, from its start.
    from_back = archive.article(rest.id)
    assert from_back.text == whole.text and from_back.kicker == front.kicker and from_back.page == 1
    # The commentary cut on the same page goes to its own continuation, not the report's.
    comment = next(a for a in arts if a.page == 1 and a.title.startswith("把项目"))
    assert "项目才能落得下" in archive.article(comment.id).text
    assert "在强链延链上求突破" not in archive.article(comment.id).text
    assert archive.article(comment.id).to_json()["joined"]


def test_the_other_page_missing_leaves_the_part_marked(tmp_path: Path) -> None:
    archive = _archive(tmp_path, ["b04.txt"])
    front = next(a for a in archive.store.issue_articles("南岭日报", archive.store.article(1).issue_date)
                 if a.continued_on == ["下转第4版"])
    view = archive.article(front.id)
    assert view.joined == [] and view.text == front.text and view.continued_on == ["下转第4版"]
