"""Source formats, one reader each, chosen by file suffix from one registry.

    READERS = {".txt": TextReader, ".jsonl": JsonlReader, ".pdf": PdfReader}
    base.Reader        the protocol: read(SourceFile, default_paper) -> IssueRecord
    base.MemoryReader  an in-memory fake for tests
    text.TextReader    a page of PDF-extracted text: repair, segment, settle the issue date
    jsonl.JsonlReader  a CMS export, one article per line
    pdf.PdfReader      an e-paper PDF (a page or a whole issue): layout measured from the
                       characters' positions and sizes (`ingest.pdfpage`), one record per
                       page (`read_pages`; a scanned page fails alone)

A new format is one module here plus one line in `READERS`.
"""

from __future__ import annotations

from pathlib import Path

from retrieval.ingest.readers.base import MemoryReader, Reader
from retrieval.ingest.readers.jsonl import JsonlReader
from retrieval.ingest.readers.pdf import PdfReader
from retrieval.ingest.readers.text import TextReader

READERS: dict[str, Reader] = {".txt": TextReader(), ".jsonl": JsonlReader(), ".pdf": PdfReader()}
# A file named explicitly with another suffix (`.text`, none) is taken as extracted text.
FALLBACK = ".txt"


def reader_for(path: Path, readers: dict[str, Reader]) -> Reader:
    return readers.get(path.suffix.lower()) or readers[FALLBACK]


__all__ = ["FALLBACK", "READERS", "JsonlReader", "MemoryReader", "PdfReader", "Reader", "TextReader", "reader_for"]
