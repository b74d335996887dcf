"""ingest/pipeline.py: files → readers (by suffix) → passages → store, one file at a time."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from retrieval.errors import CorpusFormatError
from retrieval.ingest import ingest
from retrieval.ingest.discover import SourceFile
from retrieval.ingest.readers import READERS, MemoryReader
from retrieval.store import Store, make_engine
from retrieval.store.models import Issue
from retrieval.types import IssueRecord
from tests.helpers.settings import CORPUS
from tests.helpers.values import issue


class Broken:
    def read(self, source: SourceFile, default_paper: str) -> IssueRecord:
        raise CorpusFormatError(f"{source.path}: cannot be read")


def test_a_new_format_is_one_registry_entry(tmp_path: Path) -> None:
    (tmp_path / "a.fake").write_text("x", "utf-8")
    (tmp_path / "b.fake").write_text("y", "utf-8")
    (tmp_path / "c.broken").write_text("z", "utf-8")
    readers = {**READERS, ".fake": MemoryReader({"a.fake": issue("a.fake"), "b.fake": issue("b.fake")}),
               ".broken": Broken()}
    store = Store(make_engine("sqlite://"))
    report = ingest([tmp_path], store, "默认报", readers=readers)
    assert (report.count("new"), report.count("failed")) == (2, 1)
    assert "c.broken: cannot be read" in (report.files[2].reason or "")
    views = store.articles_between()
    assert [(v.title, v.paper, v.authors) for v in views] == [("测试标题", "测试日报", ["张三"])] * 2
    assert [p.text for p in store.iter_passages()] == ["第一句话。第二句话。"] * 2  # cut by the pipeline
    assert store.version() is not None
    again = ingest([tmp_path], store, "默认报", readers=readers)
    assert (again.count("unchanged"), again.changed) == (2, False)


def test_files_of_unknown_suffix_in_a_folder_are_not_read(tmp_path: Path) -> None:
    (tmp_path / "notes.odt").write_bytes(b"\x00binary")
    store = Store(make_engine("sqlite://"))
    report = ingest([tmp_path], store, "默认报")
    assert report.files == []


# -- one file, one issue, however its path is written (issue 12, class 10) ------------------------
def _spellings(home: Path, page: Path, outside: Path) -> list[Path]:
    """Ways to name `page` (in `home`): its folder, relative, absolute, through `..`, through a
    symbolic link to the file and one to its folder."""
    link = outside / page.name  # (the date is read from the name it is given by)
    link.symlink_to(page)
    folder_link = outside / "folder-link"
    folder_link.symlink_to(home, target_is_directory=True)
    return [
        home,
        page.parent,
        Path(os.path.relpath(page)),
        page.absolute(),
        home / ".." / home.name / page.relative_to(home),
        link,
        folder_link,
        folder_link / page.relative_to(home),
    ]


def test_the_same_file_is_one_issue_whatever_path_names_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, outside = tmp_path / "corpus", tmp_path / "elsewhere"
    home.mkdir()
    outside.mkdir()
    page = home / "2024" / "2024-06-14.txt"  # in a sub-folder: "2024/…" from home, "…" from its folder
    page.parent.mkdir()
    shutil.copy(sorted(CORPUS.glob("*.txt"))[0], page)
    monkeypatch.chdir(tmp_path)
    store = Store(make_engine("sqlite://"))
    spellings = _spellings(home, page, outside)
    for n, given in enumerate(spellings):
        report = ingest([given], store, "今日拱墅", home=home)
        assert [f.status for f in report.files] == ["new" if n == 0 else "unchanged"], given
    with store.sessions() as s:
        assert s.scalar(select(func.count(Issue.id))) == 1


def test_files_of_one_name_in_two_folders_are_two_issues(tmp_path: Path) -> None:
    pages = sorted(CORPUS.glob("*.txt"))[:2]
    store = Store(make_engine("sqlite://"))
    for i, src in enumerate(pages):
        folder = tmp_path / f"f{i}"
        folder.mkdir()
        shutil.copy(src, folder / "2024-06-14.txt")
        report = ingest([folder / "2024-06-14.txt"], store, "今日拱墅", home=tmp_path / "corpus")
        assert [f.status for f in report.files] == ["new"]
    with store.sessions() as s:
        assert s.scalar(select(func.count(Issue.id))) == 2


# -- an unchanged corpus is quiet: each file's warnings are told once, when it goes in -------------
SCRAMBLED = CORPUS / "002_30cb9bfa44a51e07.txt"  # line 27: a headline that cannot be restored


def test_an_unchanged_files_warnings_are_not_reported_again(tmp_path: Path) -> None:
    shutil.copy(SCRAMBLED, tmp_path / SCRAMBLED.name)
    store = Store(make_engine("sqlite://"))
    first = ingest([tmp_path], store, "今日拱墅", home=tmp_path)
    assert first.count("new") == 1
    assert [w for w in first.warnings if "标题无法还原" in w], first.warnings
    again = ingest([tmp_path], store, "今日拱墅", home=tmp_path)
    assert (again.count("unchanged"), again.changed, again.warnings) == (1, False, [])
    with (tmp_path / SCRAMBLED.name).open("a", encoding="utf-8") as f:
        f.write("\n")  # changed bytes: the file goes in again, and so are its warnings told again
    changed = ingest([tmp_path], store, "今日拱墅", home=tmp_path)
    assert changed.count("replaced") == 1
    assert [w for w in changed.warnings if "标题无法还原" in w], changed.warnings


class Counting:
    """The real text reader, counting the files it is asked to read."""

    def __init__(self) -> None:
        self.read_files: list[str] = []

    def read(self, source: SourceFile, default_paper: str) -> IssueRecord:
        self.read_files.append(source.path.name)
        return READERS[".txt"].read(source, default_paper)


def test_a_file_stored_from_the_same_bytes_is_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(CORPUS / "000_dc93311a83d8204f.txt", tmp_path / "2024-03-22.txt")
    counting = Counting()
    readers = {**READERS, ".txt": counting}
    store = Store(make_engine("sqlite://"))
    first = ingest([tmp_path], store, "今日拱墅", readers=readers)
    again = ingest([tmp_path], store, "今日拱墅", readers=readers)
    assert counting.read_files == ["2024-03-22.txt"]  # once: the second run knew it from its bytes
    assert (again.count("unchanged"), again.files[0].articles) == (1, first.files[0].articles)
    page = tmp_path / "2024-03-22.txt"
    page.write_bytes(page.read_bytes() + "\n（责任编辑：某某）\n".encode())
    assert ingest([tmp_path], store, "今日拱墅", readers=readers).count("replaced") == 1
    monkeypatch.setattr("retrieval.ingest.pipeline.RULES", "a newer segmenter")
    assert ingest([tmp_path], store, "今日拱墅", readers=readers).count("replaced") == 1
    assert counting.read_files == ["2024-03-22.txt"] * 3
