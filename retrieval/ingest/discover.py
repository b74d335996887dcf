"""Find the source files under the given paths and what the archive's manifest says of them.

A source file is kept byte-identical; what its text cannot say reliably (paper, issue date,
page) comes from `corpus/manifest.csv` beside the files, or from the file name
(`2024-06-14.txt`, `今日拱墅_20240614.txt`), or from a masthead in the text (the readers
decide that last step). See corpus/README.md for the format an editor follows.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from retrieval.dates import real_date
from retrieval.errors import CorpusFormatError
from retrieval.ingest.values import page_number

MANIFEST = "manifest.csv"
RESERVED = {MANIFEST, "userdict.txt", "synonyms.txt", "README.md"}  # the editors' files, not pages
_NAME_DATE = re.compile(r"(?<!\d)(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)")


@dataclass(frozen=True)
class ManifestEntry:
    paper: str | None
    issue_date: date | None
    page: int | None
    error: str | None = None  # a bad value on this file's line: the file fails with it


NO_ENTRY = ManifestEntry(None, None, None)
Manifest = dict[str, ManifestEntry]


@dataclass(frozen=True)
class SourceFile:
    """One file to read, with its identity in the store and its manifest line (if any)."""

    path: Path
    root: Path  # the folder it was found in (where its manifest is)
    key: str  # the file's identity in the store: see `identity`
    entry: ManifestEntry

    @classmethod
    def at(cls, path: Path, root: Path, manifest: Manifest, home: Path | None = None) -> SourceFile:
        listed = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
        entry = manifest.get(listed) or manifest.get(path.name) or NO_ENTRY
        return cls(path, root, identity(path, home or root), entry)

    def name_date(self) -> date | None:
        """The issue date written in the file name, if any."""
        m = _NAME_DATE.search(self.path.name)
        return real_date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def identity(path: Path, home: Path) -> str:
    """One name per file however its path was given (relative, absolute, through `..` or a
    symbolic link, the file or its folder): the real path relative to the archive's corpus
    folder `home` when it is inside it, else the real absolute path. Two spellings of one
    file are one issue; two files of the same name in different folders are two."""
    try:
        real, base = path.resolve(), home.resolve()
    except (OSError, RuntimeError):  # a symbolic-link loop: the reader will say so
        real, base = path.absolute(), home.absolute()
    return real.relative_to(base).as_posix() if real.is_relative_to(base) else real.as_posix()


def read_manifest(root: Path) -> Manifest:
    """`manifest.csv` beside the issue files: file,paper,issue_date[,page][,note].

    A bad value fails only the file its line names (`ManifestEntry.error`); a manifest that
    cannot be read at all (not UTF-8, not CSV) raises CorpusFormatError, failing the files
    of its folder, whose dates it was meant to give."""
    path = root / MANIFEST
    if not path.exists():
        return {}
    entries: Manifest = {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for line_no, row in enumerate(csv.DictReader(fh), 2):
                name = (row.get("file") or "").strip()
                if name:
                    entries[name] = _entry(row, f"{path}:{line_no}")
    except UnicodeDecodeError as exc:
        raise CorpusFormatError(f"{path}: not valid UTF-8 (byte {exc.start}); save the manifest as UTF-8") from exc
    except csv.Error as exc:
        raise CorpusFormatError(f"{path}: not a readable CSV file ({exc})") from exc
    return entries


def _entry(row: dict[str, str | None], where: str) -> ManifestEntry:
    paper = (row.get("paper") or "").strip() or None
    raw_date = (row.get("issue_date") or "").strip()
    try:
        issue_date = date.fromisoformat(raw_date) if raw_date else None
        page = page_number((row.get("page") or "").strip(), where)
    except ValueError:
        return ManifestEntry(paper, None, None, f"{where}: issue_date {raw_date!r} is not a real date (write YYYY-MM-DD)")
    except CorpusFormatError as exc:
        return ManifestEntry(paper, issue_date, None, str(exc))
    if paper is not None and ("\x00" in paper or len(paper) > 200):
        return ManifestEntry(None, issue_date, page, f"{where}: the paper's name is not a name")
    return ManifestEntry(paper, issue_date, page)


def discover(paths: Iterable[Path], suffixes: Collection[str]) -> Iterator[tuple[Path, Path]]:
    """(file, corpus root) for every source file under the given files or folders, sorted.
    In a folder only names with a readable suffix count (a folder, pipe or dead link with
    such a name is yielded too, so the reader reports it instead of it vanishing); a file
    named explicitly always counts."""
    for given in paths:
        if given.is_dir():
            for f in sorted(given.rglob("*")):
                if f.suffix.lower() in suffixes and f.name not in RESERVED:
                    yield f, given
        elif given.is_file() or given.is_symlink() or given.exists():
            yield given, given.parent
        else:
            raise CorpusFormatError(f"{given}: no such file or folder")
