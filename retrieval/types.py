"""The library's boundary values: one typed value at each boundary, never a dict.

    readers ──IssueRecord(ArticleRecord…)──▶ store ──PassageRow──▶ index ──Hit──▶ search
                                             store ──ArticleView / DateLookup / Stats──▶ Archive
    ingest ──IngestReport(FileOutcome…)──▶ Archive ──SearchResult──▶ CLI, bot

Every `to_json` here is a contract other tools parse: keys may be added, never renamed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import threading
import weakref
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol, TypeVar, overload

from retrieval.dates import DateFilter

T = TypeVar("T")


class Progress(Protocol):
    """Wraps a list of work items to show progress (a tqdm bar in the CLI)."""

    def __call__(self, items: list[T], /) -> Iterable[T]: ...


@dataclass(frozen=True)
class ArticleRecord:
    """One article as a reader made it from a source file, ready to store."""

    title: str  # the main title (主题)
    text: str
    date: dt.date
    issue_date: dt.date
    position: int = 0
    kicker: str = ""  # 引题, printed above the main title
    subtitle: str = ""  # 副题, printed below it
    byline: str = ""  # a byline printed on its own line (`本报记者 王蕾`), not in the body
    title_derived: bool = False
    headline_lines: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    date_approximate: bool = False
    page: int | None = None
    continued_on: list[str] = field(default_factory=list)
    url: str | None = None
    paper: str | None = None  # None: the issue's paper
    passages: list[str] = field(default_factory=list)  # cut by the ingest pipeline

    @property
    def headline(self) -> str:
        """Kicker, main title and sub-title as printed, one space between: what the index adds
        to each passage and what a reader may remember of the headline."""
        return headline(self.kicker, self.title, self.subtitle)


@dataclass(frozen=True)
class IssueRecord:
    """One source file's articles with what the store keeps about the file itself."""

    source: str  # stable identity in the store: the path relative to the corpus root
    sha256: str  # of the file's bytes: an unchanged file is not ingested again
    paper: str
    issue_date: dt.date | None
    page: int | None
    articles: list[ArticleRecord]
    warnings: list[str] = field(default_factory=list)
    rules: str = ""  # the ingest rules that made the records (`retrieval.ingest.pipeline.RULES`)
    furniture: list[str] = field(default_factory=list)  # page lines that belong to no article

    def to_json(self) -> dict[str, object]:
        """The `page --json` contract: keep these keys."""
        return {
            "source": self.source,
            "paper": self.paper,
            "issue_date": self.issue_date.isoformat() if self.issue_date else None,
            "page": self.page,
            "articles": [
                {
                    "kicker": a.kicker, "title": a.title, "subtitle": a.subtitle, "title_derived": a.title_derived,
                    "byline": a.byline, "authors": list(a.authors), "date": a.date.isoformat(),
                    "date_approximate": a.date_approximate, "continued_on": list(a.continued_on), "text": a.text,
                }
                for a in self.articles
            ],
            "furniture": list(self.furniture),
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class PassageRow:
    """One stored passage with what a hit shows of its article: what the index is built from."""

    id: int
    article_id: int
    text: str
    title: str
    day: dt.date
    approximate: bool = False
    position: int = 0
    issue_day: dt.date | None = None
    paper: str = ""
    page: int | None = None
    kicker: str = ""
    subtitle: str = ""

    @property
    def headline(self) -> str:
        return headline(self.kicker, self.title, self.subtitle)


def headline(kicker: str, title: str, subtitle: str) -> str:
    """The parts of a headline as one line."""
    return " ".join(p for p in (kicker, title, subtitle) if p)


_PART_SEP = "\x1f"  # the unit separator: never printed in a headline


def pack_headline(kicker: str, title: str, subtitle: str) -> str:
    """The three parts in one stored string (the index keeps one string per passage)."""
    if not kicker and not subtitle:
        return title
    return _PART_SEP.join(p.replace(_PART_SEP, " ") for p in (kicker, title, subtitle))


def unpack_headline(packed: str) -> tuple[str, str, str]:
    """(kicker, title, subtitle) from `pack_headline`'s string."""
    parts = packed.split(_PART_SEP)
    return (parts[0], parts[1], parts[2]) if len(parts) == 3 else ("", packed, "")


@dataclass(frozen=True)
class ArticleView:
    id: int
    title: str
    title_derived: bool
    text: str
    authors: list[str]
    paper: str
    date: dt.date
    date_approximate: bool
    issue_date: dt.date
    page: int | None
    continued_on: list[str] = field(default_factory=list)
    url: str | None = None
    kicker: str = ""
    subtitle: str = ""
    byline: str = ""
    joined: list[int] = field(default_factory=list)  # ids of the other pages' parts joined in `text`
    source: str = ""  # the file its page came from (`uploads/2024-06-14/a.pdf#2`); set for one article

    @property
    def headline(self) -> str:
        return headline(self.kicker, self.title, self.subtitle)

    def citation(self) -> str:
        """GB/T 7714 newspaper reference: `林韬, 黄朝文. 主题：副题[N]. 今日拱墅, 2024-03-22(1).`
        (the 题名 is the main title and its sub-title, the dash of a sub-title dropped)."""
        who = ", ".join(self.authors)
        head = f"{who}. " if who else ""
        page = f"({self.page})" if self.page else ""
        sub = self.subtitle.lstrip("—－─―- ").strip()
        name = f"{self.title}：{sub}" if sub else self.title
        return f"{head}{name}[N]. {self.paper}, {self.issue_date.isoformat()}{page}."

    def to_json(self) -> dict[str, object]:
        """The `articles --json` contract: keep these keys."""
        return {
            "id": self.id,
            "title": self.title,
            "title_derived": self.title_derived,
            "date": self.date.isoformat(),
            "issue_date": self.issue_date.isoformat(),
            "date_approximate": self.date_approximate,
            "paper": self.paper,
            "page": self.page,
            "authors": list(self.authors),
            "continued_on": list(self.continued_on),
            "url": self.url,
            "text": self.text,
            "kicker": self.kicker,
            "subtitle": self.subtitle,
            "byline": self.byline,
            "joined": list(self.joined),
        }


@dataclass(frozen=True)
class Hit:
    """One ranked passage; `highlights` are (start, end) offsets into `excerpt`."""

    article_id: int
    passage_id: int
    title: str
    date: dt.date
    date_approximate: bool
    issue_date: dt.date
    paper: str
    page: int | None
    excerpt: str
    highlights: list[tuple[int, int]]
    passage: str
    score: float
    answer: str  # the sentence that best answers the query; "" when none holds its content words
    answer_highlights: list[tuple[int, int]]
    kicker: str = ""
    subtitle: str = ""

    @property
    def headline(self) -> str:
        return headline(self.kicker, self.title, self.subtitle)

    def to_json(self) -> dict[str, object]:
        """The `search --json` contract: keep these keys."""
        return {
            "article_id": self.article_id,
            "title": self.title,
            "date": self.date.isoformat(),
            "issue_date": self.issue_date.isoformat(),
            "paper": self.paper,
            "page": self.page,
            "excerpt": self.excerpt,
            "highlights": [{"start": s, "end": e, "text": self.excerpt[s:e]} for s, e in self.highlights],
            "passage": self.passage,
            "score": round(self.score, 4),
            "kicker": self.kicker,
            "subtitle": self.subtitle,
        }


@dataclass(frozen=True)
class Expansion:
    """`source` (as typed, folded) may also be written `target`: both are searched, and a
    passage holding `target` counts as holding `source` for the evidence rule."""

    source: str
    target: str
    kind: str  # "synonym" | "abbreviation" | "number"

    def to_json(self) -> dict[str, str]:
        """The `search --json` "expansions" items: keep these keys."""
        return {"from": self.source, "to": self.target, "kind": self.kind}


@dataclass(frozen=True)
class Correction:
    """`wrong`, a string of the question the archive never uses, is probably `right`, a word
    it does use (same pinyin, or a name one character off)."""

    wrong: str
    right: str
    same_sound: bool

    def to_json(self) -> dict[str, object]:
        """The `search --json` "corrections" items: keep these keys."""
        return {"from": self.wrong, "to": self.right, "same_sound": self.same_sound}


@dataclass(frozen=True)
class SearchResult:
    query: str
    terms: list[str]
    filter: DateFilter | None
    hits: list[Hit]
    total: int  # how many passages passed the evidence rule (for paging)
    notice: str | None = None  # e.g. the date filter found nothing, so the whole archive was searched
    # The question was only a date (`2025年3月7日发生了什么`): that date's articles, as /date lists them
    lookup: DateLookup | None = None
    expansions: list[Expansion] = field(default_factory=list)  # other forms searched (已扩展：…)
    corrections: list[Correction] = field(default_factory=list)  # misspellings the search corrected
    per_article: int = 2  # at most this many passages of one article are listed
    capped: int = 0  # passages that held the question but were left out for that cap
    # The question named an author (`林韬写了哪些报道`): their articles, newest first
    author: AuthorLookup | None = None

    def filters_json(self) -> dict[str, object]:
        out: dict[str, object] = {"date": self.filter.to_json() if self.filter else None}
        return out


@dataclass(frozen=True)
class DateLookup:
    filter: DateFilter
    articles: list[ArticleView]
    nearest: list[dt.date]  # when empty: the closest dates that have articles

    def to_json(self) -> dict[str, object]:
        return {
            "date": self.filter.to_json(),
            "articles": [a.to_json() for a in self.articles],
            "nearest": [d.isoformat() for d in self.nearest],
        }


@dataclass(frozen=True)
class AuthorLookup:
    """An author's articles (by byline), newest first."""

    author: str
    articles: list[ArticleView]
    filter: DateFilter | None = None  # the question's date, when it had one

    def describe(self) -> str:
        """`林韬2024年署名的报道`: what the listing holds, in the reader's words."""
        when = self.filter.describe() if self.filter is not None else ""
        return f"{self.author}{when}署名的报道"

    def to_json(self) -> dict[str, object]:
        return {
            "author": self.author,
            "articles": [a.to_json() for a in self.articles],
            "date": self.filter.to_json() if self.filter else None,
        }


@dataclass(frozen=True)
class Stats:
    issues: int
    articles: int
    passages: int
    papers: list[str]
    first_date: dt.date | None
    last_date: dt.date | None
    last_ingest: datetime | None

    def to_json(self) -> dict[str, object]:
        out = asdict(self)
        for k in ("first_date", "last_date", "last_ingest"):
            out[k] = out[k].isoformat() if out[k] else None
        return out


@dataclass
class FileOutcome:
    path: Path
    status: str  # "new" | "replaced" | "unchanged" | "failed"
    articles: int = 0
    reason: str | None = None
    found: Sequence[FoundArticle] = field(default_factory=list)  # what a new or replaced file held
    warnings: list[str] = field(default_factory=list)  # this file's, for an editor to act on


@dataclass(frozen=True)
class FoundArticle:
    """One article an ingested page held, as the ingest report lists it."""

    title: str
    date: dt.date
    date_approximate: bool = False
    title_derived: bool = False


class ArticleSpill:
    """Where an ingest report keeps the articles it lists: a temporary file without a name
    (gone once the report is), appended to and read back by position. As objects, the
    articles of an ingest (4M at ten million passages) held memory that grew with the
    archive."""

    def __init__(self) -> None:
        fd, path = tempfile.mkstemp(prefix="ingest-report-")
        os.unlink(path)  # nameless: the space is freed when the descriptor is closed
        self._fd = fd
        self._end = 0
        self._lock = threading.Lock()
        weakref.finalize(self, os.close, fd)  # closed when the report is dropped

    def keep(self, articles: Iterable[FoundArticle]) -> FoundArticles:
        rows = [[a.title, a.date.isoformat(), a.date_approximate, a.title_derived] for a in articles]
        data = json.dumps(rows, ensure_ascii=False).encode("utf-8")
        with self._lock:
            at = self._end
            written = 0
            while written < len(data):  # (a write may take less than it is given)
                written += os.pwrite(self._fd, data[written:], at + written)
            self._end += len(data)
        return FoundArticles(self, at, len(data), len(rows))

    def read(self, at: int, size: int) -> bytes:
        return os.pread(self._fd, size, at)


class FoundArticles(Sequence[FoundArticle]):
    """One file's articles as kept by an `ArticleSpill`: read back (and decoded) whenever
    they are looked at, so the report holds only where they lie."""

    def __init__(self, spill: ArticleSpill, at: int, size: int, count: int) -> None:
        self._spill, self._at, self._size, self._count = spill, at, size, count

    def _load(self) -> list[FoundArticle]:
        rows = json.loads(self._spill.read(self._at, self._size).decode("utf-8"))
        return [FoundArticle(t, dt.date.fromisoformat(d), approximate, derived) for t, d, approximate, derived in rows]

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, i: int) -> FoundArticle: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[FoundArticle]: ...

    def __getitem__(self, i: int | slice) -> FoundArticle | Sequence[FoundArticle]:
        return self._load()[i]

    def __iter__(self) -> Iterator[FoundArticle]:
        return iter(self._load())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"FoundArticles({self._load()!r})"


@dataclass
class IngestReport:
    files: list[FileOutcome] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    alerts: int = 0  # digests queued for subscribed chats by this ingest
    spill: ArticleSpill | None = field(default=None, repr=False, compare=False)  # where `found` lists are kept

    def keep_articles(self, articles: Iterable[FoundArticle]) -> Sequence[FoundArticle]:
        """A file's articles, kept on disk (`ArticleSpill`) rather than in memory."""
        if self.spill is None:
            self.spill = ArticleSpill()
        return self.spill.keep(articles)

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def articles(self) -> int:
        return sum(f.articles for f in self.files if f.status in ("new", "replaced"))

    @property
    def changed(self) -> bool:
        return any(f.status in ("new", "replaced") for f in self.files)

    def to_json(self) -> dict[str, object]:
        return {
            "files": len(self.files),
            "new": self.count("new"),
            "replaced": self.count("replaced"),
            "unchanged": self.count("unchanged"),
            "failed": [{"file": str(f.path), "reason": f.reason} for f in self.files if f.status == "failed"],
            "articles": self.articles,
            "warnings": self.warnings,
            "pages": [
                {
                    "file": str(f.path),
                    "status": f.status,
                    "articles": [
                        {"title": a.title, "date": a.date.isoformat(), "date_approximate": a.date_approximate,
                         "title_derived": a.title_derived}
                        for a in f.found
                    ],
                    "warnings": list(f.warnings),
                }
                for f in self.files
                if f.status in ("new", "replaced")
            ],
            "alerts": self.alerts,
        }


@dataclass(frozen=True)
class IssueRow:
    """One issue of one paper as the store holds it (all its pages)."""

    paper: str
    issue_date: dt.date
    pages: int
    articles: int


@dataclass(frozen=True)
class Gap:
    """Issues a regular paper should have between two that the archive holds."""

    first: dt.date
    last: dt.date
    count: int


@dataclass(frozen=True)
class PaperCoverage:
    paper: str
    issues: int
    first: dt.date
    last: dt.date
    per_month: list[tuple[tuple[int, int], int]]  # ((year, month), issues), in order
    pages: int
    articles: int
    interval: int | None  # days between issues (1 daily, 7 weekly), None when irregular
    missing: int
    gaps: list[Gap]

    def to_json(self) -> dict[str, object]:
        return {
            "paper": self.paper, "issues": self.issues, "first": self.first.isoformat(), "last": self.last.isoformat(),
            "per_month": {f"{y:04d}-{m:02d}": n for (y, m), n in self.per_month}, "pages": self.pages,
            "articles": self.articles, "interval_days": self.interval, "missing": self.missing,
            "gaps": [{"first": g.first.isoformat(), "last": g.last.isoformat(), "count": g.count} for g in self.gaps],
        }


@dataclass(frozen=True)
class Coverage:
    """What the archive covers (`python -m retrieval coverage`, the bot's /coverage)."""

    papers: list[PaperCoverage]
    last_ingest: datetime | None

    @property
    def issues(self) -> int:
        return sum(p.issues for p in self.papers)

    @property
    def first(self) -> dt.date | None:
        return min((p.first for p in self.papers), default=None)

    @property
    def last(self) -> dt.date | None:
        return max((p.last for p in self.papers), default=None)

    def scope(self) -> str:
        """The searched range, as every result list ends: `检索范围：5 期，2023-02-17 至 2025-04-25`."""
        if not self.papers or self.first is None or self.last is None:
            return "检索范围：档案为空"
        return f"检索范围：{self.issues} 期，{self.first.isoformat()} 至 {self.last.isoformat()}"

    def to_json(self) -> dict[str, object]:
        return {
            "issues": self.issues, "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None, "papers": [p.to_json() for p in self.papers],
            "last_ingest": self.last_ingest.isoformat() if self.last_ingest else None,
        }


@dataclass(frozen=True)
class Related:
    """An article's related coverage: the same item printed elsewhere (同题), and the other
    articles about its event or people, newest first."""

    article: ArticleView
    same: list[ArticleView]
    others: list[ArticleView]
