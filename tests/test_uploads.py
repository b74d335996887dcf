"""Editors' uploads (`retrieval.uploads` through `Archive.upload`): pages stored under the
corpus, ingested and searchable at once, refused with a reason when they cannot be read,
and undone back to the archive's previous state."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest

from retrieval import Archive
from retrieval.errors import CorpusFormatError, DateError
from retrieval.uploads import UPLOADS, Sent, caption_meta

FACT = (
    "青石镇首届银杏节开幕\n\n"
    "本报讯（记者 王小明 通讯员 李青）11月30日，青石镇首届银杏节在古银杏林开幕，"
    "三天里吸引游客三万余人次，带动周边民宿营收一百二十万元。\n"
    "活动期间，镇里还举办了银杏摄影大赛和非遗市集。\n"
)


@pytest.fixture
def archive(own_archive: Archive) -> Archive:
    return own_archive


def _hits(archive: Archive, q: str) -> list[str]:
    return [h.title for h in archive.search(q, k=5).hits]


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("2024-06-14", (date(2024, 6, 14), "今日拱墅", None)),
        ("2024年6月14日", (date(2024, 6, 14), "今日拱墅", None)),
        ("20240614 第3版", (date(2024, 6, 14), "今日拱墅", None)),
        ("南岭日报 2024.09.20", (date(2024, 9, 20), "南岭日报", None)),
        ("", (None, "今日拱墅", None)),
        (None, (None, "今日拱墅", None)),
    ],
)
def test_caption_gives_date_and_paper(caption: str | None, expected: tuple[object, ...]) -> None:
    got = caption_meta(caption, "今日拱墅")
    assert got[:2] == expected[:2]
    assert got[2] is None


def test_impossible_caption_date_is_refused_and_nothing_stored(archive: Archive) -> None:
    with pytest.raises(DateError, match="不存在"):
        archive.upload([Sent("page.txt", FACT.encode())], "2024-02-30")
    assert not (archive.corpus_dir / UPLOADS).exists()


def test_uploaded_page_is_searchable_and_undo_removes_it(archive: Archive) -> None:
    before = archive.stats()
    assert "青石镇首届银杏节开幕" not in _hits(archive, "银杏节吸引了多少游客")
    up = archive.upload([Sent("qingshi.txt", FACT.encode())], "2025-12-01")
    assert up.token and not up.refused
    assert up.report.count("new") == 1
    stored = archive.corpus_dir / UPLOADS / "2025-12-01" / "qingshi.txt"
    assert stored.read_bytes() == FACT.encode()  # the original, byte for byte
    assert "qingshi.txt,今日拱墅,2025-12-01" in (stored.parent / "manifest.csv").read_text(encoding="utf-8")
    assert _hits(archive, "银杏节吸引了多少游客")[0] == "青石镇首届银杏节开幕"
    [found] = up.report.files[0].found
    assert (found.title, found.date) == ("青石镇首届银杏节开幕", date(2025, 11, 30))

    restored, removed, _ = archive.undo_upload(up.token)
    assert (restored, removed) == (0, 1)
    assert not stored.exists()
    assert "青石镇首届银杏节开幕" not in _hits(archive, "银杏节吸引了多少游客")
    assert archive.stats().articles == before.articles
    with pytest.raises(CorpusFormatError, match="撤销过"):
        archive.undo_upload(up.token)  # once only


def test_undo_brings_back_the_page_an_upload_replaced(archive: Archive) -> None:
    first = archive.upload([Sent("p1.txt", FACT.encode())], "2025-12-01")
    changed = FACT.replace("三万余人次", "五万余人次")
    second = archive.upload([Sent("p1.txt", changed.encode())], "2025-12-01")
    assert first.token and second.token and second.report.count("replaced") == 1
    assert "五万余人次" in archive.search("银杏节游客", k=1).hits[0].excerpt
    restored, removed, report = archive.undo_upload(second.token)
    assert (restored, removed) == (1, 0) and report.count("replaced") == 1
    assert "三万余人次" in archive.search("银杏节游客", k=1).hits[0].excerpt


def test_zip_of_an_issue_with_odd_members(archive: Archive) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("issue/page-1.txt", FACT)
        z.writestr("issue/readme.doc", b"not a page")
        z.writestr("../../escape.txt", FACT.replace("青石镇", "白沙镇"))
        z.writestr("issue/", b"")
    up = archive.upload([Sent("issue.zip", buf.getvalue())], "2025-12-01")
    assert up.token
    folder = archive.corpus_dir / UPLOADS / "2025-12-01"
    assert sorted(p.name for p in folder.iterdir()) == ["escape.txt", "manifest.csv", "page-1.txt"]
    assert not (archive.corpus_dir.parent / "escape.txt").exists()
    assert [n for n, _ in up.refused] == ["issue.zip/issue/readme.doc"]
    assert "白沙镇首届银杏节开幕" in _hits(archive, "白沙镇银杏节")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("broken.zip", b"PK\x03\x04 not really", "压缩包无法打开"),
        ("page.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ntrailer", "PDF"),
        ("page.pdf", b"GIF89a", "不是PDF文件"),
        ("page.txt", b"", "empty"),
        ("page.docx", b"PK..", "不是版面文件"),
    ],
)
def test_unreadable_files_are_refused_and_change_nothing(archive: Archive, name: str, data: bytes, reason: str) -> None:
    before = archive.stats()
    up = archive.upload([Sent(name, data)], "2025-12-01")
    assert up.token is None
    assert len(up.refused) == 1 and reason in up.refused[0][1]
    assert "/undo/" not in up.refused[0][1]  # no server paths in what the editor reads
    assert not (archive.corpus_dir / UPLOADS).exists() or not any((archive.corpus_dir / UPLOADS).rglob("*.*"))
    assert archive.stats().articles == before.articles


def test_a_page_without_a_date_anywhere_is_refused(archive: Archive) -> None:
    up = archive.upload([Sent("undated.txt", FACT.encode())], None)
    assert up.token is None and "no issue date" in up.refused[0][1]


def test_undo_of_an_older_upload_waits_for_the_newer_one_and_keeps_its_neighbours(archive: Archive) -> None:
    first = archive.upload([Sent("p1.txt", FACT.encode())], "2025-12-01")
    other = FACT.replace("青石镇", "白沙镇")
    second = archive.upload([Sent("p2.txt", other.encode())], "2025-12-01")  # the same folder
    third = archive.upload([Sent("p1.txt", FACT.replace("三万", "四万").encode())], "2025-12-01")
    assert first.token and second.token and third.token
    with pytest.raises(CorpusFormatError, match="先撤销后来的那次上传"):
        archive.undo_upload(first.token)  # p1 was replaced since: nothing is undone
    archive.undo_upload(third.token)
    archive.undo_upload(first.token)
    folder = archive.corpus_dir / UPLOADS / "2025-12-01"
    assert sorted(p.name for p in folder.iterdir()) == ["manifest.csv", "p2.txt"]
    manifest = (folder / "manifest.csv").read_text(encoding="utf-8")
    assert "p2.txt,今日拱墅,2025-12-01" in manifest and "p1.txt" not in manifest
    assert "白沙镇首届银杏节开幕" in _hits(archive, "白沙镇银杏节")
    assert "青石镇首届银杏节开幕" not in _hits(archive, "青石镇银杏节")
