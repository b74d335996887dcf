"""The library's exceptions, caught only at the edges (CLI, bot).

    ArchiveError
    ├── CorpusFormatError   a corpus file cannot be read or has no date (names the file and line)
    ├── DateError           a date expression is impossible (2月30日) or not understood
    ├── QueryError          a query is empty, only stop words, or too long
    ├── IndexMissing        nothing has been ingested yet
    ├── IndexBusy           another process holds the index folder longer than we may wait
    ├── IndexCorrupt        the saved index does not match its recorded sizes and checksums
    ├── NotFound            an article id that does not exist
    └── StoreUnavailable    the database cannot be reached right now (try again later)
"""

from __future__ import annotations


class ArchiveError(Exception):
    """Base class: every message says what went wrong and how to fix it."""


class CorpusFormatError(ArchiveError):
    """A corpus file is unreadable, undated or malformed."""


class DateError(ArchiveError):
    """A date expression is impossible or not understood."""


class QueryError(ArchiveError):
    """A search query that cannot be run (empty, too long, only stop words)."""


class IndexMissing(ArchiveError):
    """The archive is empty: run `python -m retrieval ingest` first."""


class IndexBusy(ArchiveError):
    """Another (live) process has held the index folder's lock for longer than the wait allowed."""


class IndexCorrupt(ArchiveError):
    """A saved index file is missing, truncated or garbled: it is rebuilt from the database."""


class NotFound(ArchiveError):
    """An article or page token that does not exist."""


class StoreUnavailable(ArchiveError):
    """The database is down, restarting or out of connections: a temporary condition."""
