"""Search a Chinese newspaper archive: ingest raw issue text, clean and segment it,
index passages with BM25 and answer questions with excerpts that cite their source."""

from retrieval.archive import Archive
from retrieval.errors import (
    ArchiveError,
    CorpusFormatError,
    DateError,
    IndexMissing,
    NotFound,
    QueryError,
    StoreUnavailable,
)
from retrieval.settings import Settings
from retrieval.types import ArticleView, DateLookup, Hit, IngestReport, SearchResult, Stats

__all__ = [
    "Archive",
    "ArchiveError",
    "ArticleView",
    "CorpusFormatError",
    "DateError",
    "DateLookup",
    "Hit",
    "IndexMissing",
    "IngestReport",
    "NotFound",
    "QueryError",
    "SearchResult",
    "Settings",
    "Stats",
    "StoreUnavailable",
]
