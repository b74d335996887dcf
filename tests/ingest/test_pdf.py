"""The PDF reader end to end on generated e-paper pages (tests/helpers/pdfpages.py): every
page split as its generator laid it out, at least as well as the text path splits the
same page's extracted text; nothing of a page lost; issues, scans, locked and broken files."""

from __future__ import annotations

import io
import re
import shutil
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader, PdfWriter

from retrieval import Archive
from retrieval.errors import CorpusFormatError
from retrieval.ingest.gold import read_gold, score_folder, score_page, text_twin
from retrieval.ingest.pipeline import preview
from retrieval.ingest.readers.pdf import folio_page, glyphs, page_texts, raw_text
from retrieval.types import IssueRecord
from tests.helpers.pdfpages import (
    NAMES,
    broken_pdf,
    encrypted_pdf,
    issue_pdf,
    manifest_row,
    page_pdf,
    scan_pdf,
    write_set,
)
from tests.helpers.settings import make_settings

_HAN = re.compile(r"[\u4e00-\u9fff]")


def _placed(record: IssueRecord) -> Counter[str]:
    """The Han characters a record puts somewhere: headline parts, bylines, bodies,
    continuation markers, furniture."""
    placed: Counter[str] = Counter()
    for a in record.articles:
        for part in (a.kicker, "" if a.title_derived else a.title, a.subtitle, a.byline, a.text, *a.continued_on):
            placed.update(ch for ch in part if _HAN.match(ch))
    for line in record.furniture:
        placed.update(ch for ch in line if _HAN.match(ch))
    return placed


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pdfpages")
    write_set(folder)
    return folder


@pytest.fixture(scope="module")
def twin(pages: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same pages as extracted text, for the text path."""
    return text_twin(pages, tmp_path_factory.mktemp("pdftext"))


@pytest.fixture(scope="module")
def records(pages: Path) -> dict[str, IssueRecord]:
    """Each page read once by the PDF reader."""
    return {name: preview(pages / f"{name}.pdf", "报")[0] for name in NAMES}


def test_pdf_pages_split_as_printed_and_no_worse_than_their_text(pages: Path, twin: Path) -> None:
    total, _ = score_folder(pages, "报")
    text, _ = score_folder(twin, "报")
    assert total.found == total.gold  # every article of every page
    assert total.headline_exact >= 0.9 * total.found
    assert total.dates >= 0.95 * total.found and total.authors >= 0.95 * total.found
    assert total.fragments <= 2 and total.leaked <= 2
    for figure in ("found", "headline_exact", "title_exact", "dates", "authors"):
        assert getattr(total, figure) >= getattr(text, figure), figure
    assert total.fragments <= text.fragments and total.leaked <= text.leaked


def test_a_second_blind_set_split_well_and_better_than_its_text(tmp_path: Path) -> None:
    """Pages of another generator, written by a helper who saw neither the reader nor the
    first generator: the floors are below what the reader does on them now (0.94 found)."""
    from tests.helpers.pdfpages_blind import write_set as write_blind

    folder = tmp_path / "blind"
    folder.mkdir()
    write_blind(folder)
    total, _ = score_folder(folder, "报")
    text, _ = score_folder(text_twin(folder, tmp_path / "text"), "报")
    assert total.found >= 0.9 * total.gold and total.headline_exact >= 0.85 * total.found
    assert total.authors >= 0.9 * total.found and total.dates >= 0.95 * total.found
    for figure in ("found", "headline_exact", "authors"):
        assert getattr(total, figure) >= getattr(text, figure), figure
    assert total.leaked <= text.leaked


@pytest.mark.parametrize("name", NAMES)
def test_each_page_no_worse_than_its_extracted_text(
    pages: Path, twin: Path, records: dict[str, IssueRecord], name: str
) -> None:
    gold = read_gold(pages / f"{name}.gold.json")
    [txt] = preview(twin / f"{name}.txt", "报")
    a, b = score_page(gold, records[name]), score_page(gold, txt)
    for figure in ("found", "headline_exact", "title_exact", "dates", "authors"):
        assert getattr(a, figure) >= getattr(b, figure), (figure, a.misses)
    assert a.fragments <= b.fragments and a.leaked <= b.leaked, a.misses


@pytest.mark.parametrize("name", NAMES)
def test_every_han_character_of_a_page_lands_in_one_place(
    pages: Path, records: dict[str, IssueRecord], name: str
) -> None:
    with pdfplumber.open(pages / f"{name}.pdf") as pdf:
        printed = Counter(g.text for g in glyphs(pdf.pages[0]) if _HAN.match(g.text))
    assert _placed(records[name]) == printed


def test_headline_parts_come_from_type_size(pages: Path, records: dict[str, IssueRecord]) -> None:
    for name in NAMES:
        record = records[name]
        golds = {g.title: g for g in read_gold(pages / f"{name}.gold.json").articles if g.kicker and g.subtitle}
        for a in record.articles:
            g = golds.get(a.title.replace(" ", ""))
            if g is not None:
                assert (a.kicker.replace(" ", ""), a.subtitle.replace(" ", "")) == (g.kicker.replace(" ", ""), g.subtitle.replace(" ", ""))
                return
    pytest.fail("no generated article with all three headline levels")


def test_an_issue_pdf_is_one_record_per_page(tmp_path: Path) -> None:
    names = [n for n in NAMES if manifest_row(n)[:2] == manifest_row(NAMES[0])[:2]][:3]
    path = tmp_path / "issue.pdf"
    path.write_bytes(issue_pdf(names))
    records = preview(path, "报")
    assert [r.source.rsplit("#", 1)[1] for r in records] == ["1", "2", "3"]
    assert [r.page for r in records] == [manifest_row(n)[2] for n in names]  # from the folio / masthead
    assert {r.issue_date.isoformat() for r in records if r.issue_date} == {manifest_row(names[0])[1]}


def test_a_scanned_page_fails_alone(tmp_path: Path) -> None:
    writer = PdfWriter()
    for data in (page_pdf(NAMES[1]), scan_pdf()):
        writer.add_page(PdfReader(io.BytesIO(data)).pages[0])
    path = tmp_path / "2024-06-14.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    [record] = preview(path, "报")
    assert record.articles
    assert any("第2页没有文字层" in w for w in record.warnings)
    with pytest.raises(CorpusFormatError, match="没有文字层"):
        only = tmp_path / "scan-2024-06-14.pdf"
        only.write_bytes(scan_pdf())
        preview(only, "报")


@pytest.mark.parametrize(
    ("data", "says"),
    [(encrypted_pdf(), "密码"), (broken_pdf(), "损坏"), (b"%PDF-1.7\n", "损坏"), (b"\x89PNG....", "不是PDF")],
)
def test_locked_broken_and_false_pdfs_are_refused_clearly(tmp_path: Path, data: bytes, says: str) -> None:
    path = tmp_path / "2024-06-14.pdf"
    path.write_bytes(data)
    with pytest.raises(CorpusFormatError, match=says):
        preview(path, "报")


def test_ingest_of_a_pdf_folder_is_idempotent_and_searchable(pages: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(pages, corpus)
    archive = Archive.open(make_settings(tmp_path, corpus_dir=corpus))
    first = archive.ingest([corpus])
    assert first.count("new") == len(NAMES) and not first.count("failed")
    again = archive.ingest([corpus])
    assert again.count("unchanged") == len(NAMES)
    gold = read_gold(corpus / f"{NAMES[1]}.gold.json").articles[0]
    hits = archive.search(gold.title, k=3).hits
    assert hits and hits[0].title.replace(" ", "") == gold.title


def test_text_in_drawing_order_keeps_columns_apart(pages: Path) -> None:
    text = page_texts(pages / f"{NAMES[1]}.pdf")[0]
    assert "\n\n" in text and "责任编辑" in text
    assert raw_text([]) == ""


@pytest.mark.parametrize(
    ("lines", "page"),
    [(["2024年6月14日 星期五  要闻  3  责任编辑：周某"], 3), (["第12版"], 12), (["今日拱墅"], None), ([], None)],
)
def test_folio_gives_the_page_number(lines: list[str], page: int | None) -> None:
    assert folio_page(lines) == page


def test_an_issue_pdf_replaced_by_a_shorter_one_loses_its_old_pages(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    issue = corpus / "2024-06-14.pdf"
    issue.write_bytes(issue_pdf(NAMES[:3]))
    archive = Archive.open(make_settings(tmp_path, corpus_dir=corpus))
    archive.ingest([corpus])
    assert {a.page for a in archive.articles()} == {manifest_row(n)[2] for n in NAMES[:3]}
    issue.write_bytes(issue_pdf(NAMES[:2]))
    archive.ingest([corpus])
    assert {a.page for a in archive.articles()} == {manifest_row(n)[2] for n in NAMES[:2]}


def test_every_han_character_of_the_blind_pages_lands_in_one_place(tmp_path: Path) -> None:
    from tests.helpers.pdfpages_blind import NAMES as BLIND
    from tests.helpers.pdfpages_blind import page_pdf as blind_pdf

    for name in BLIND:
        path = tmp_path / f"{name}-2025-01-01.pdf"
        path.write_bytes(blind_pdf(name))
        with pdfplumber.open(path) as pdf:
            printed = Counter(g.text for g in glyphs(pdf.pages[0]) if _HAN.match(g.text))
        [record] = preview(path, "报")
        assert _placed(record) == printed, name
