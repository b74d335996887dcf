"""The ingest pipeline: source files → records → the store, one file at a time.

Each file is read by the reader its suffix names, its articles are cut into passages, and
the store replaces that file's issue in one transaction: a file that fails is reported
(with the reason) and leaves the database as it was, while the other files still go in.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Protocol

from retrieval.errors import ArchiveError, CorpusFormatError
from retrieval.ingest.discover import Manifest, SourceFile, discover, identity, read_manifest
from retrieval.ingest.passages import cut
from retrieval.ingest.readers import READERS, Reader, reader_for
from retrieval.ingest.readers.base import pages_of
from retrieval.ingest.readers.pdf import MAX_PDF_BYTES
from retrieval.types import FileOutcome, FoundArticle, IngestReport, IssueRecord, Progress

logger = logging.getLogger(__name__)

# The version of what turns a file into articles and passages (readers, repair, segmenter,
# passage cutter). Change it with any change to what a file becomes: every stored file is
# then read again on the next ingest, though its bytes are the same.
RULES = "2026-12-02c"


class IssueSink(Protocol):
    """Where records go (`retrieval.store.Store`): the pipeline needs only these two calls."""

    def replace_issue(self, issue: IssueRecord) -> str: ...  # "new" | "replaced" | "unchanged"
    def note_ingest(self, changed: bool) -> None: ...


def _stored(known: Callable[[str, str, str], int | None], path: Path, home: Path) -> int | None:
    """Articles stored from `path` if its bytes and the rules are those it was stored with."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_PDF_BYTES:
            return None
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None  # the reader will say what is wrong with it
    return known(identity(path, home), digest, RULES)


def with_passages(issue: IssueRecord) -> IssueRecord:
    """The record with each article cut into the passages search will rank."""
    return replace(issue, articles=[replace(a, passages=cut(a.text)) for a in issue.articles], rules=RULES)


def read(
    found: Iterable[tuple[Path, Path]],
    default_paper: str,
    readers: dict[str, Reader] | None = None,
    home: Path | None = None,
) -> Iterator[tuple[Path, IssueRecord | str]]:
    """Each discovered (file, root) read by its reader: the record, or why the file failed.
    The manifest of each root is read once. The ingest stores what this yields; the page
    benchmark (`retrieval.ingest.gold`) scores it without a database."""
    readers = readers if readers is not None else READERS
    manifests: dict[Path, Manifest] = {}
    for path, root in found:
        try:
            if root not in manifests:
                manifests[root] = read_manifest(root)
            source = SourceFile.at(path, root, manifests[root], home)
            for label, record in pages_of(reader_for(path, readers), source, default_paper):
                yield (path if label == path.name else path.with_name(label)), record
        except (ArchiveError, OSError, ValueError, RecursionError) as exc:
            # (ValueError, RecursionError: a reader's bug on strange input fails its file, not the run)
            logger.info("ingest failed for %s: %s", path, exc)
            yield path, str(exc) or type(exc).__name__


def preview(path: Path, default_paper: str, issue_date: date | None = None, page: int | None = None) -> list[IssueRecord]:
    """How one page file is read, without a database (`python -m retrieval page FILE`): the
    reader's record for each page (a PDF may hold an issue), its furniture and warnings.
    `issue_date`/`page` stand in for a manifest line when the file has none.
    CorpusFormatError when no page of the file can be read."""
    found = list(discover([path], READERS.keys()))
    if not found:
        raise CorpusFormatError(f"{path}: not a page file ({', '.join(sorted(READERS))})")
    file, root = found[0]
    source = SourceFile.at(file, root, read_manifest(root))
    if issue_date is not None or page is not None:
        entry = replace(source.entry, issue_date=issue_date or source.entry.issue_date, page=page or source.entry.page)
        source = replace(source, entry=entry)
    records: list[IssueRecord] = []
    failures: list[str] = []
    for _, record in pages_of(reader_for(file, READERS), source, default_paper):
        if isinstance(record, IssueRecord):
            records.append(record)
        else:
            failures.append(record)
    if not records:
        raise CorpusFormatError("; ".join(str(f) for f in failures))
    return [replace(r, warnings=[*r.warnings, *failures]) if k == 0 else r for k, r in enumerate(records)]


def ingest(
    paths: Sequence[Path],
    store: IssueSink,
    default_paper: str,
    progress: Progress | None = None,
    readers: dict[str, Reader] | None = None,
    home: Path | None = None,
) -> IngestReport:
    """Ingest every source file under `paths` (files or folders) into `store`; idempotent:
    a file whose bytes the store has seen already (read by the same `RULES`) is reported
    `unchanged`, without its warnings again (they were reported when the file went in).
    `home` is the archive's corpus folder: files are named in the store relative to it (see
    `discover.identity`), so the same file is the same issue however its path is given."""
    readers = readers if readers is not None else READERS
    report = IngestReport()
    found = list(discover(paths, readers.keys()))
    known = getattr(store, "known", None)
    if known is not None:  # files stored from the same bytes by the same rules are not read again
        fresh = []
        for path, root in found:
            stored = _stored(known, path, home or root)
            if stored is None:
                fresh.append((path, root))
            else:
                report.files.append(FileOutcome(path, "unchanged", articles=stored))
        found = fresh
    pages: dict[str, set[str]] = {}  # a multi-page file's pages read this time
    for path, record in read(progress(found) if progress else found, default_paper, readers, home):
        if isinstance(record, str):
            report.files.append(FileOutcome(path, "failed", reason=record))
            continue
        if "#" in record.source:
            pages.setdefault(record.source.rsplit("#", 1)[0], set()).add(record.source)
        try:
            status = store.replace_issue(with_passages(record))
        except (ArchiveError, OSError, ValueError, RecursionError) as exc:  # a value the database refuses
            logger.info("ingest failed for %s: %s", path, exc)
            report.files.append(FileOutcome(path, "failed", reason=str(exc) or type(exc).__name__))
            continue
        if status != "unchanged":  # an unchanged file's warnings were reported when it went in
            report.warnings.extend(record.warnings)
        if status == "unchanged":
            report.files.append(FileOutcome(path, status, articles=len(record.articles)))
        else:
            listed = report.keep_articles(
                FoundArticle(a.title, a.date, a.date_approximate, a.title_derived) for a in record.articles
            )
            report.files.append(
                FileOutcome(path, status, articles=len(record.articles), found=listed, warnings=list(record.warnings))
            )
    prune = getattr(store, "prune_pages", None)
    if prune is not None:  # an issue PDF replaced by one with fewer pages: the old extra pages go
        for source, kept in pages.items():
            prune(source, kept)
    store.note_ingest(report.changed)
    return report
