"""A page of PDF-extracted text: decode it, settle its issue date, segment it into articles.

The manifest (or the file name) is the archive's word on the date; a masthead in the text
is checked against it and a disagreement is reported, not hidden. A file with no date
anywhere is refused with a message that says how to give it one.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from retrieval.errors import CorpusFormatError
from retrieval.ingest.discover import MANIFEST, SourceFile
from retrieval.ingest.lines import marker
from retrieval.ingest.segment import masthead_date, segment
from retrieval.ingest.values import MAX_TEXT_BYTES, read_bounded, safe_lines
from retrieval.types import IssueRecord


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


class TextReader:
    """`*.txt`: one page of an issue as the PDF text extractor left it."""

    def read(self, source: SourceFile, default_paper: str) -> IssueRecord:
        path = source.path
        if source.entry.error:
            raise CorpusFormatError(source.entry.error)
        data = read_bounded(path, MAX_TEXT_BYTES)
        text, warnings = decode(path, data)
        text = safe_lines(text, path, warnings)
        printed = masthead_date(text)
        issue_date = source.entry.issue_date or source.name_date() or printed
        if issue_date is None:
            raise CorpusFormatError(
                f"{path}: no issue date: add a line `{path.name},<paper>,YYYY-MM-DD` to "
                f"{source.root / MANIFEST}, or put the date in the file name (e.g. 2024-06-14.txt)"
            )
        if printed and printed != issue_date:
            warnings.append(
                f"{path.name}: 报头日期{printed.isoformat()}与档案元数据{issue_date.isoformat()}不一致，以元数据为准"
            )
        seg = segment(text, issue_date, source.entry.paper or default_paper)
        warnings.extend(f"{path.name}: {w}" for w in seg.warnings)
        if not seg.articles:
            raise CorpusFormatError(f"{path}: no article found in the text")
        # A page with a masthead, or one whose articles continue on page 2, is the front page.
        page = source.entry.page or (
            1 if seg.masthead_date or any(marker(c) == (True, 2) for a in seg.articles for c in a.continued_on) else None
        )
        return IssueRecord(
            source=source.key,
            sha256=hashlib.sha256(data).hexdigest(),
            paper=source.entry.paper or default_paper,
            issue_date=issue_date,
            page=source.entry.page,
            articles=[replace(a, page=page) for a in seg.articles],
            warnings=warnings,
            furniture=seg.furniture,
        )
