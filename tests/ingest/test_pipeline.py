"""ingest/pipeline.py: files → readers (by suffix) → passages → store, one file at a time."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from retrieval.errors import CorpusFormatError
from retrieval.ingest import ingest
from retrieval.ingest.discover import SourceFile
from retrieval.ingest.readers import READERS, MemoryReader
from retrieval.store import Store, make_engine
from retrieval.types import ArticleRecord, IssueRecord

DAY = date(2024, 6, 14)


def _record(name: str, text: str = "第一句话。第二句话。", paper: str = "测试日报") -> IssueRecord:
    article = ArticleRecord(title="测试标题", text=text, date=DAY, issue_date=DAY, authors=["张三"])
    return IssueRecord(name, name.encode().hex().ljust(64, "0")[:64], paper, DAY, 2, [article])


class Broken:
    def read(self, source: SourceFile, default_paper: str) -> IssueRecord:
        raise CorpusFormatError(f"{source.path}: cannot be read")


def test_a_new_format_is_one_registry_entry(tmp_path: Path) -> None:
    (tmp_path / "a.fake").write_text("x", "utf-8")
    (tmp_path / "b.fake").write_text("y", "utf-8")
    (tmp_path / "c.broken").write_text("z", "utf-8")
    readers = {**READERS, ".fake": MemoryReader({"a.fake": _record("a.fake"), "b.fake": _record("b.fake")}),
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
