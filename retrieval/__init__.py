"""Search a Chinese newspaper archive: ingest raw issue text, clean and segment it,
index passages with BM25 and answer questions with excerpts that cite their source.

Data flows one way, and the imports say so:

    ingest/ (files → IssueRecord) ─▶ store/ (persistence) ─▶ index/ (SearchIndex, built
    from stored passages) ─▶ search (query → hits) ─▶ Archive (the front door) ─▶ cli, bot

`Archive` is the one door for the CLI, the bot, eval and benchmarks; the values that
cross each boundary are in `types`, the exceptions in `errors`.
"""

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
from retrieval.types import (
    ArticleRecord,
    ArticleView,
    DateLookup,
    FileOutcome,
    Hit,
    IngestReport,
    IssueRecord,
    PassageRow,
    SearchResult,
    Stats,
)

__all__ = [
    "Archive",
    "ArchiveError",
    "ArticleRecord",
    "ArticleView",
    "CorpusFormatError",
    "DateError",
    "DateLookup",
    "FileOutcome",
    "Hit",
    "IndexMissing",
    "IngestReport",
    "IssueRecord",
    "NotFound",
    "PassageRow",
    "QueryError",
    "SearchResult",
    "Settings",
    "Stats",
    "StoreUnavailable",
]
