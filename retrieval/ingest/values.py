"""One set of rules for the values a reader hands on, whatever the source format and
whichever database comes after: a value that breaks them fails its file (naming the file
and line), never the whole ingest, and never reaches the database as a database error.

- Text may not hold NUL or lone surrogates (PostgreSQL refuses NUL, UTF-8 cannot encode a
  lone surrogate): they become U+FFFD, with a warning naming the file and line.
- A page number is an ASCII integer from 1 to MAX_PAGE.
- Authors are a list of strings or one string of names separated by 、, commas or spaces.
- A file is at most MAX_TEXT_BYTES (a page of extracted text; a real page is 10–100 KB)
  or MAX_JSONL_BYTES (a CMS export); a larger one is refused before it is read.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path

from retrieval.chars import BAD_CHARS, replace_invalid
from retrieval.errors import CorpusFormatError

MAX_PAGE = 9999
MAX_TEXT_BYTES = 8 * 2**20
MAX_JSONL_BYTES = 1 * 2**30
MAX_TITLE = 400  # characters (the store keeps 500)
MAX_FIELD = 1_000_000  # characters in one text field (a whole page is far less)
_NAME_SEPARATORS = re.compile(r"[、,，\s]+")


def safe_text(value: str, where: str, warnings: list[str]) -> str:
    """`value` with NUL and lone surrogates replaced (and one warning saying where)."""
    if len(value) > MAX_FIELD:
        raise CorpusFormatError(f"{where}: a field of {len(value):,} characters (at most {MAX_FIELD:,})")
    cleaned, count = replace_invalid(value)
    if count:
        warnings.append(_replaced(where, count))
    return cleaned


def _replaced(where: str, count: int) -> str:
    return f"{where}: {count} 个无效字符（NUL 或孤立代理项）已替换为 �"


def page_number(value: object, where: str) -> int | None:
    """A page number, None when absent; CorpusFormatError for anything else."""
    if value is None or value == "":
        return None
    text = str(value).strip() if isinstance(value, int | str) and not isinstance(value, bool) else None
    if text is None or not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_PAGE:
        raise CorpusFormatError(f"{where}: page {value!r} is not a page number (1 to {MAX_PAGE})")
    return int(text)


def author_list(value: object, where: str) -> list[str]:
    """Names from a list of strings or one string of names."""
    if value is None or value == "" or value == []:
        return []
    if isinstance(value, str):
        return [a for a in _NAME_SEPARATORS.split(value) if a]
    if isinstance(value, list) and all(isinstance(a, str) for a in value):
        return [a.strip() for a in value if a.strip()]
    raise CorpusFormatError(f"{where}: authors must be a list of names or a string, not {type(value).__name__}")


def read_bounded(path: Path, limit: int) -> bytes:
    """The file's bytes, or CorpusFormatError when it is not a regular file (a folder, a FIFO
    that would block the read forever, a link that leads nowhere) or is larger than `limit`."""
    try:
        info = path.stat()
    except OSError as exc:
        raise CorpusFormatError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if not stat.S_ISREG(info.st_mode):
        raise CorpusFormatError(f"{path}: not a regular file (a folder, a pipe or a device); move it out of the corpus")
    size = info.st_size
    if size > limit:
        raise CorpusFormatError(
            f"{path}: {size / 2**20:.1f} MB, more than the {limit / 2**20:.0f} MB a file of this kind may have; "
            "split it (one page per file, or several JSONL files)"
        )
    return path.read_bytes()


def safe_lines(text: str, path: Path, warnings: list[str]) -> str:
    """A whole file's text with NUL and lone surrogates replaced, the warning naming the
    first line affected."""
    first = BAD_CHARS.search(text)
    if first is None:
        return text
    cleaned, count = replace_invalid(text)
    line = text.count("\n", 0, first.start()) + 1
    warnings.append(_replaced(f"{path}:{line}", count))
    return cleaned
