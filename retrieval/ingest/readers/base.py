"""The `Reader` protocol every source format implements, and an in-memory fake for tests."""

from __future__ import annotations

from typing import Protocol

from retrieval.ingest.discover import SourceFile
from retrieval.types import IssueRecord


class Reader(Protocol):
    """Turns one source file into an `IssueRecord` (articles not yet cut into passages).

    Raises `CorpusFormatError` naming the file (and line) when the file cannot be read;
    the pipeline then reports that file as failed and goes on with the others."""

    def read(self, source: SourceFile, default_paper: str) -> IssueRecord: ...


class MemoryReader:
    """A reader that returns prepared records by file name (a seam for pipeline tests)."""

    def __init__(self, records: dict[str, IssueRecord]) -> None:
        self.records = records

    def read(self, source: SourceFile, default_paper: str) -> IssueRecord:
        return self.records[source.path.name]
