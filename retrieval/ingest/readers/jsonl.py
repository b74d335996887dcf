"""JSON Lines import: one article per line, the way a newsroom's CMS exports.

Required keys: `title`, `date` (YYYY-MM-DD), `text`; optional: `issue_date`, `page`,
`authors` (list or `、`/`,`-separated string), `url`, `paper`. The text is taken as
clean (a CMS has no PDF damage) apart from whitespace. A bad line fails the whole
file, naming the line, so a half-imported export never lands.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

from retrieval.errors import CorpusFormatError
from retrieval.ingest.discover import SourceFile
from retrieval.ingest.values import (
    MAX_JSONL_BYTES,
    MAX_TITLE,
    author_list,
    page_number,
    read_bounded,
    safe_text,
)
from retrieval.types import ArticleRecord, IssueRecord


def _date(value: object, path: Path, line_no: int, key: str) -> date:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise CorpusFormatError(f"{path}:{line_no}: `{key}` {value!r} is not a real date (YYYY-MM-DD)") from exc


def parse_line(raw: str, path: Path, line_no: int, default_paper: str, warnings: list[str]) -> ArticleRecord:
    where = f"{path}:{line_no}"
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise CorpusFormatError(f"{where}: not valid JSON ({exc.msg})") from exc
    except RecursionError as exc:
        raise CorpusFormatError(f"{where}: JSON nested too deeply") from exc
    if not isinstance(obj, dict):
        raise CorpusFormatError(f"{where}: each line must be a JSON object")
    for key in ("title", "date", "text", "issue_date", "url", "paper", "kicker", "subtitle", "byline"):
        if obj.get(key) is not None and not isinstance(obj[key], str | int | float):
            raise CorpusFormatError(f"{where}: `{key}` must be a string, not {type(obj[key]).__name__}")
    missing = [k for k in ("title", "date", "text") if not str(obj.get(k) or "").strip()]
    if missing:
        raise CorpusFormatError(f"{where}: missing {', '.join(missing)}")
    day = _date(obj["date"], path, line_no, "date")
    issue_day = _date(obj["issue_date"], path, line_no, "issue_date") if obj.get("issue_date") else day

    def text(value: object) -> str:
        return safe_text(str(value), where, warnings)

    title = text(obj["title"])
    parts = {k: " ".join(text(obj.get(k) or "").split()) for k in ("kicker", "subtitle", "byline")}
    for name, value in (("title", title), *parts.items()):
        if len(value) > MAX_TITLE:
            raise CorpusFormatError(f"{where}: a {name} of {len(value):,} characters (at most {MAX_TITLE})")
    return ArticleRecord(
        position=line_no,
        title=" ".join(title.split()),
        kicker=parts["kicker"],
        subtitle=parts["subtitle"],
        byline=parts["byline"],
        headline_lines=[p for p in (parts["kicker"], title.strip(), parts["subtitle"]) if p],
        text="\n".join(p.strip() for p in text(obj["text"]).splitlines() if p.strip()),
        authors=[text(a) for a in author_list(obj.get("authors"), where)],
        date=day,
        issue_date=issue_day,
        page=page_number(obj.get("page"), where),
        url=text(obj["url"]) if obj.get("url") else None,
        paper=text(obj.get("paper") or default_paper),
    )


class JsonlReader:
    """`*.jsonl`: a CMS export; the file (not a page) is the unit of ingest."""

    def read(self, source: SourceFile, default_paper: str) -> IssueRecord:
        path = source.path
        data = read_bounded(path, MAX_JSONL_BYTES)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CorpusFormatError(f"{path}: not valid UTF-8 (byte {exc.start}); export as UTF-8") from exc
        warnings: list[str] = []
        articles = [
            parse_line(line, path, no, default_paper, warnings)
            for no, line in enumerate(text.splitlines(), 1)
            if line.strip()
        ]
        if not articles:
            raise CorpusFormatError(f"{path}: the file has no articles")
        papers = sorted({a.paper or default_paper for a in articles})
        return IssueRecord(
            source=source.key,
            sha256=hashlib.sha256(data).hexdigest(),
            paper=", ".join(papers),
            issue_date=min(a.issue_date for a in articles),
            page=None,
            articles=articles,
            warnings=warnings,
        )
