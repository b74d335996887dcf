"""An e-paper PDF: one page or a whole issue, read from its characters' positions and sizes.

    file ─▶ pdfplumber (pdfminer.six: characters with box, font size; CJK CMaps) ─▶ Glyph
         ─▶ pdfpage.layout (lines, columns, XY-cut reading order, headline type by size)
         ─▶ segment.segment_blocks (the text path's recognisers: leads, bylines, furniture,
            continuation markers, dates) ─▶ one IssueRecord per page

A PDF of several pages is an issue: page k is stored as `<file>#k`, so pages are replaced
one by one like text pages. The issue date comes from the manifest, the file name or the
masthead/folio (of the page, else of the issue's first page); the page number from the
manifest, the folio (`第3版`, `要闻  3`), or the page's place in the file. A page without a
text layer (a scan) fails alone, with a message; a broken or password-protected file fails
whole and changes nothing.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from retrieval.errors import CorpusFormatError
from retrieval.ingest.discover import MANIFEST, SourceFile
from retrieval.ingest.pdfpage import Box, Glyph, layout, spaced
from retrieval.ingest.segment import masthead_date, segment_blocks
from retrieval.ingest.values import MAX_PAGE, read_bounded
from retrieval.types import IssueRecord

logger = logging.getLogger(__name__)

MAX_PDF_BYTES = 200 * 2**20  # a whole issue of a big daily with photos; larger is refused unread
MAX_PAGES = 400
_FOLIO_PAGE = re.compile(r"第\s*(\d{1,3})\s*版|(?:^|\s)(\d{1,3})(?:\s*版)?(?:\s|$)")
_DATE_TEXT = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")

for _name in ("pdfminer", "pdfplumber"):  # pdfminer logs every odd font at WARNING
    logging.getLogger(_name).setLevel(logging.ERROR)


def _open(path: Path, data: bytes) -> Any:
    """The parsed PDF, or CorpusFormatError saying why it cannot be read."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    if not data.startswith(b"%PDF-"):
        raise CorpusFormatError(f"{path}: 不是PDF文件（文件头不是 %PDF-）；请上传报纸版面的PDF原件")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        _ = pdf.pages  # the page tree: a truncated file fails here
    except PDFPasswordIncorrect as exc:
        raise CorpusFormatError(f"{path}: PDF有密码保护，无法读取；请上传未加密的版面PDF") from exc
    except Exception as exc:  # pdfminer raises many kinds (PSEOF, PDFSyntaxError, KeyError…) on broken files
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc  # pdfplumber wraps them
        if isinstance(inner, PDFPasswordIncorrect) or "password" in str(inner).lower():
            raise CorpusFormatError(f"{path}: PDF有密码保护，无法读取；请上传未加密的版面PDF") from exc
        raise CorpusFormatError(f"{path}: PDF文件已损坏或不完整（{type(inner).__name__}），无法读取；请重新导出或重新下载该PDF") from exc
    if not pdf.pages:
        raise CorpusFormatError(f"{path}: PDF里没有页面")
    if len(pdf.pages) > MAX_PAGES:
        raise CorpusFormatError(f"{path}: PDF有{len(pdf.pages)}页，超过{MAX_PAGES}页；请按期或按版拆分")
    return pdf


def glyphs(page: Any) -> list[Glyph]:
    """The page's characters with their boxes and sizes (pdfplumber: top-down coordinates)."""
    return [
        Glyph(c["text"], float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"]), float(c["size"]))
        for c in page.chars
        if c.get("text") and not c["text"].isspace() and float(c["size"]) > 0
    ]


def figures(page: Any, text: list[Glyph]) -> list[Box]:
    """Photos and drawn pictures of the page (images; filled shapes with no text on them), as
    boxes: the layout keeps their place. Anything covering most of the page is a background."""
    area = float(page.width) * float(page.height)
    boxes: list[Box] = [
        (float(i["x0"]), float(i["top"]), float(i["x1"]), float(i["bottom"])) for i in page.images
    ]
    boxes += [
        (float(r["x0"]), float(r["top"]), float(r["x1"]), float(r["bottom"]))
        for r in page.rects
        if r.get("fill") and r["width"] >= 30 and r["height"] >= 30
    ]
    out = []
    for x0, top, x1, bottom in boxes:
        if (x1 - x0) * (bottom - top) > 0.5 * area:
            continue
        if any(x0 <= g.x0 and g.x1 <= x1 and top <= g.top and g.bottom <= bottom for g in text):
            continue  # a shaded box behind text, not a picture
        out.append((x0, top, x1, bottom))
    return out


def page_texts(path: Path) -> list[str]:
    """Each page's text as a plain extractor leaves it, the way the seed pages were made (for
    comparing the text path): characters in the order the PDF draws them, a line break where
    the next character is on another line, a blank line where it jumps to another column or
    block, a space for a gap inside a line; sizes and positions are then gone."""
    data = read_bounded(path, MAX_PDF_BYTES)
    pdf = _open(path, data)
    try:
        return [raw_text(glyphs(page)) for page in pdf.pages]
    finally:
        pdf.close()


def raw_text(chars: list[Glyph]) -> str:
    """Text of characters in drawing order (see `page_texts`)."""
    out: list[str] = []
    prev: Glyph | None = None
    for c in chars:
        if prev is not None:
            down = c.top - prev.top
            if abs(down) <= 0.3 * c.size and c.x0 >= prev.x1 - 0.3 * c.size:
                if spaced(prev, c, c.x0 - prev.x1):
                    out.append(" ")
            elif 0 < down <= 2.0 * c.size and c.x0 < prev.x1:
                out.append("\n")  # the next line of the same column
            else:
                out.append("\n\n")  # another column or block
        out.append(c.text)
        prev = c
    return "".join(out)


def one_page(data: bytes, page: int) -> bytes:
    """Page `page` (from 1) of a PDF as a PDF of its own (an issue's page sent back)."""
    from pypdf import PdfReader as Pages
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_page(Pages(io.BytesIO(data)).pages[page - 1])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def folio_page(furniture: list[str]) -> int | None:
    """The page number a folio prints (`第3版`, `2024年6月14日 星期五  要闻  3`)."""
    for line in furniture:
        rest = _DATE_TEXT.sub(" ", line)
        m = _FOLIO_PAGE.search(rest)
        if m:
            n = int(m.group(1) or m.group(2))
            if 1 <= n <= MAX_PAGE:
                return n
    return None


class PdfReader:
    """`*.pdf`: an e-paper page, or an issue of pages, with its text layer."""

    def read(self, source: SourceFile, default_paper: str) -> IssueRecord:
        """The file's first page that reads (a one-page PDF's page)."""
        failures = []
        for _, record in self.read_pages(source, default_paper):
            if isinstance(record, IssueRecord):
                return record
            failures.append(record)
        raise CorpusFormatError("; ".join(failures))

    def read_pages(self, source: SourceFile, default_paper: str) -> Iterator[tuple[str, IssueRecord | str]]:
        """(label, record or why that page failed) for each page: a scan fails alone."""
        path = source.path
        if source.entry.error:
            raise CorpusFormatError(source.entry.error)
        data = read_bounded(path, MAX_PDF_BYTES)
        pdf = _open(path, data)
        digest = hashlib.sha256(data).hexdigest()
        paper = source.entry.paper or default_paper
        many = len(pdf.pages) > 1
        issue_date: date | None = source.entry.issue_date or source.name_date()
        try:
            for k, page in enumerate(pdf.pages, 1):
                label = f"{path.name} 第{k}页" if many else path.name
                try:
                    found = glyphs(page)
                    if not found:
                        yield label, (
                            f"{path}: 第{k}页没有文字层（可能是扫描件），未导入；请上传带文字的PDF，或先做文字识别（OCR）"
                        )
                        continue
                    blocks = layout(found, float(page.height), figures(page, found))
                except Exception as exc:  # a page pdfminer cannot interpret fails alone
                    logger.info("pdf page %s#%d failed: %s", path, k, exc)
                    yield label, f"{path}: 第{k}页无法解析（{type(exc).__name__}）"
                    continue
                text = "\n".join(b.text for b in blocks)
                printed = masthead_date(text)
                when = issue_date or printed
                if when is None:
                    yield label, (
                        f"{path}: no issue date: add a line `{path.name},<paper>,YYYY-MM-DD` to "
                        f"{source.root / MANIFEST}, or put the date in the file name (e.g. 2024-06-14.pdf)"
                    )
                    continue
                if issue_date is None and many:
                    issue_date = when  # the issue's first dated page dates the pages after it
                warnings: list[str] = []
                if printed and printed != when:
                    warnings.append(f"{label}: 报头日期{printed.isoformat()}与档案元数据{when.isoformat()}不一致，以元数据为准")
                seg = segment_blocks(blocks, when, paper)
                warnings.extend(f"{label}: {w}" for w in seg.warnings)
                if not seg.articles:
                    yield label, f"{path}: 第{k}页没有找到文章"
                    continue
                number = (source.entry.page if not many else None) or folio_page(seg.furniture)
                number = number or (k if many else (1 if seg.masthead_date else None))
                yield label, IssueRecord(
                    source=f"{source.key}#{k}" if many else source.key,
                    sha256=digest,  # the file's: `Store.known` tells an unchanged file by it
                    paper=paper,
                    issue_date=when,
                    page=number,
                    articles=[replace(a, page=number) for a in seg.articles],
                    warnings=warnings,
                    furniture=seg.furniture,
                )
        finally:
            pdf.close()
