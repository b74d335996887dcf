"""The `Reader` protocol every source format implements, and an in-memory fake for tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from retrieval.ingest.discover import SourceFile
from retrieval.types import IssueRecord


class Reader(Protocol):
    """Turns one source file into an `IssueRecord` (articles not yet cut into passages).

    Raises `CorpusFormatError` naming the file (and line) when the file cannot be read;
    the pipeline then reports that file as failed and goes on with the others."""

    def read(self, source: SourceFile, default_paper: str) -> IssueRecord: ...


class PagedReader(Reader, Protocol):
    """A format whose one file holds several pages (a PDF of an issue): each page is its own
    record, and a page that cannot be read fails alone (a scanned page among text pages)."""

    def read_pages(self, source: SourceFile, default_paper: str) -> Iterator[tuple[str, IssueRecord | str]]: ...


def pages_of(reader: Reader, source: SourceFile, default_paper: str) -> Iterator[tuple[str, IssueRecord | str]]:
    """(label, record or why it failed) for each page of the file: one for most formats."""
    paged = getattr(reader, "read_pages", None)
    if paged is not None:
        yield from paged(source, default_paper)
    else:
        yield source.path.name, reader.read(source, default_paper)


class MemoryReader:
    """A reader that returns prepared records by file name (a seam for pipeline tests)."""

    def __init__(self, records: dict[str, IssueRecord]) -> None:
        self.records = records

    def read(self, source: SourceFile, default_paper: str) -> IssueRecord:
        return self.records[source.path.name]
