"""Read corpus files and the metadata an archive keeps about them.

An issue file is the raw extracted text, kept byte-identical; what the text cannot
say reliably (paper, issue date, page) comes from `corpus/manifest.csv`, or from
the file name (`2024-06-14.txt`, `今日拱墅_20240614.txt`), or from a masthead in
the text. See corpus/README.md for the format an editor follows.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from retrieval.dates import real_date
from retrieval.errors import CorpusFormatError
from retrieval.segment import masthead_date

MANIFEST = "manifest.csv"
RESERVED = {MANIFEST, "userdict.txt", "README.md"}
TEXT_SUFFIXES = {".txt", ".jsonl"}
_NAME_DATE = re.compile(r"(?<!\d)(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)")


@dataclass(frozen=True)
class ManifestEntry:
    paper: str | None
    issue_date: date | None
    page: int | None


@dataclass
class IssueFile:
    """One raw issue file with its metadata resolved, ready to segment."""

    path: Path
    key: str  # stable identity in the store: the path relative to the corpus root
    paper: str
    issue_date: date
    page: int | None
    text: str
    sha256: str
    warnings: list[str] = field(default_factory=list)


def read_manifest(root: Path) -> dict[str, ManifestEntry]:
    """`manifest.csv` beside the issue files: file,paper,issue_date[,page][,note]."""
    path = root / MANIFEST
    if not path.exists():
        return {}
    entries: dict[str, ManifestEntry] = {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for line_no, row in enumerate(csv.DictReader(fh), 2):
            name = (row.get("file") or "").strip()
            if not name:
                continue
            raw_date = (row.get("issue_date") or "").strip()
            try:
                issue_date = date.fromisoformat(raw_date) if raw_date else None
            except ValueError as exc:
                raise CorpusFormatError(
                    f"{path}:{line_no}: issue_date {raw_date!r} is not a real date (write YYYY-MM-DD)"
                ) from exc
            raw_page = (row.get("page") or "").strip()
            entries[name] = ManifestEntry(
                paper=(row.get("paper") or "").strip() or None,
                issue_date=issue_date,
                page=int(raw_page) if raw_page.isdigit() else None,
            )
    return entries


def discover(paths: Iterable[Path]) -> Iterator[tuple[Path, Path]]:
    """(file, corpus root) for every issue file under the given files or folders, sorted."""
    for given in paths:
        if given.is_dir():
            for f in sorted(given.rglob("*")):
                if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES and f.name not in RESERVED:
                    yield f, given
        elif given.is_file():
            yield given, given.parent
        else:
            raise CorpusFormatError(f"{given}: no such file or folder")


def decode(path: Path, data: bytes) -> tuple[str, list[str]]:
    """UTF-8 text; a GB18030/GBK file is accepted with a warning; binary is refused."""
    if not data.strip():
        raise CorpusFormatError(f"{path}: the file is empty; put the issue's text in it or remove it")
    if b"\x00" in data[:4096]:
        raise CorpusFormatError(f"{path}: this is a binary file, not extracted text; export the page as UTF-8 text")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise CorpusFormatError(
                f"{path}: not valid UTF-8 (byte {exc.start}); save the file as UTF-8"
            ) from exc
        return text, [f"{path.name}: 文件不是UTF-8编码，已按GB18030读取"]


def load_issue(path: Path, root: Path, manifest: dict[str, ManifestEntry], default_paper: str) -> IssueFile:
    """Read one issue file and settle its paper, issue date and page.

    The manifest (or the file name) is the archive's word on the date; a masthead in
    the text is checked against it and a disagreement is reported, not hidden."""
    data = path.read_bytes()
    text, warnings = decode(path, data)
    key = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    entry = manifest.get(key) or manifest.get(path.name) or ManifestEntry(None, None, None)
    named = _date_from_name(path.name)
    printed = masthead_date(text)
    issue_date = entry.issue_date or named or printed
    if issue_date is None:
        raise CorpusFormatError(
            f"{path}: no issue date: add a line `{path.name},<paper>,YYYY-MM-DD` to "
            f"{root / MANIFEST}, or put the date in the file name (e.g. 2024-06-14.txt)"
        )
    if printed and printed != issue_date:
        warnings.append(f"{path.name}: 报头日期{printed.isoformat()}与档案元数据{issue_date.isoformat()}不一致，以元数据为准")
    return IssueFile(
        path=path,
        key=key,
        paper=entry.paper or default_paper,
        issue_date=issue_date,
        page=entry.page,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        warnings=warnings,
    )


def _date_from_name(name: str) -> date | None:
    m = _NAME_DATE.search(name)
    return real_date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
