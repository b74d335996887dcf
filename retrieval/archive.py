"""`Archive`: the library's front door, used by the CLI and the bot.

It owns the heavy things that must load once (the database engine, jieba with the
archive's words, the memory-mapped index) and swaps the index atomically after an
ingest, so searches running in other threads never see half an index.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import ParamSpec, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from retrieval import lexicon
from retrieval.dates import DateFilter, parse_date_expr, today_in
from retrieval.errors import QueryError, StoreUnavailable
from retrieval.index import FORMAT as INDEX_FORMAT
from retrieval.index import UNIGRAM_LIMIT, BM25Index, IndexBuilder, Stored, day_number
from retrieval.indexer import BATCH, encode_all
from retrieval.search import Searcher, parse_query
from retrieval.settings import Settings
from retrieval.store import PassageRow, Store, make_engine
from retrieval.tokenize import Tokenizer
from retrieval.types import ArticleView, DateLookup, IngestReport, Progress, SearchResult, Stats

logger = logging.getLogger(__name__)
MAX_K = 50
APPROXIMATE_DAYS = 7


P = ParamSpec("P")
R = TypeVar("R")


def _store_errors(method: Callable[P, R]) -> Callable[P, R]:
    """The database's own exceptions become `StoreUnavailable` at the library's edge, so
    callers handle one library error, not SQLAlchemy's."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except (DBAPIError, PoolTimeout) as exc:
            raise StoreUnavailable(f"数据库暂时无法访问：{type(exc).__name__}") from exc

    return wrapper


class Archive:
    def __init__(
        self,
        store: Store,
        index_dir: Path,
        corpus_dir: Path,
        default_paper: str = "今日拱墅",
        timezone: str = "Asia/Shanghai",
        now: Callable[[], datetime] | None = None,
        state_ttl: timedelta = timedelta(days=30),
        extend_above: int = 50_000,
    ) -> None:
        self.store = store
        self.index_dir = index_dir
        self.corpus_dir = corpus_dir
        self.default_paper = default_paper
        self.timezone = timezone
        self._now = now or (lambda: datetime.now(ZoneInfo(timezone)))
        self.state_ttl = state_ttl
        self._lock = threading.Lock()
        self._ingest_lock = threading.Lock()
        self._tokenizer: Tokenizer | None = None
        self._index: BM25Index | None = None
        self._version: str | None = None
        self.last_index_build_seconds = 0.0
        # A new issue in an archive this large is indexed on its own and merged in; a
        # smaller archive is simply re-indexed (it takes seconds, and keeps the set of
        # dropped common words exact).
        self.extend_above = extend_above
        self.last_index_mode = ""

    @classmethod
    def open(cls, settings: Settings, now: Callable[[], datetime] | None = None) -> Archive:
        """Connect and load the index (building it if missing or older than the database)."""
        archive = cls(
            Store(make_engine(settings.database_url)),
            settings.index_dir,
            settings.corpus_dir,
            settings.default_paper,
            settings.timezone,
            now,
            timedelta(days=settings.page_token_ttl_days),
        )
        archive.load()
        return archive

    # -- index lifecycle ------------------------------------------------------------
    def load(self) -> None:
        """Load the on-disk index, or rebuild it when it is missing or stale.

        Several processes may share one index folder: a file lock lets one of them rebuild
        while the others wait, then find the fresh index and simply load it."""
        with self._index_dir_lock():
            version = self.store.get_meta("version")
            header_path = self.index_dir / "header.json"
            header = json.loads(header_path.read_text("utf-8")) if header_path.exists() else {}
            if version is not None and header.get("version") == version and header.get("format") == INDEX_FORMAT:
                words = header.get("user_words", [])
                tokenizer = Tokenizer(words, cache_dir=self.index_dir.parent / "jieba")
                index = BM25Index.load(self.index_dir)
                with self._lock:
                    self._tokenizer, self._index, self._version = tokenizer, index, version
                return
            self._rebuild()

    @contextlib.contextmanager
    def _index_dir_lock(self) -> Iterator[None]:
        self.index_dir.parent.mkdir(parents=True, exist_ok=True)
        with open(self.index_dir.parent / f".{self.index_dir.name}.lock", "a") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def rebuild_index(self, progress: Progress | None = None) -> None:
        """Tokenise every passage (on all cores) and write a fresh index."""
        with self._index_dir_lock():
            self._rebuild(progress)

    def _rebuild(self, progress: Progress | None = None) -> None:
        started = time.perf_counter()
        version = self.store.get_meta("version") or "empty"
        rows = list(self.store.iter_passages())
        words = self._user_words(rows)
        tokenizer = Tokenizer(words, cache_dir=self.index_dir.parent / "jieba")
        builder = IndexBuilder()
        texts = [(r.title, r.text) for r in rows]
        batches = encode_all(texts, words, len(rows) < UNIGRAM_LIMIT, tokenizer)
        for batch in progress(list(batches)) if progress else batches:
            builder.add(batch)
        days, earliest = _days(rows)
        index = BM25Index.from_builder(
            builder, days, earliest, [r.id for r in rows], {"version": version, "user_words": words},
            stored=_stored(rows),
        )
        self._install(index, tokenizer, version)
        self.last_index_build_seconds = time.perf_counter() - started
        self.last_index_mode = "rebuild"

    def _extend_index(self) -> bool:
        """Index only the passages added since the loaded index was built (a new issue in
        a large archive), without tokenising the rest again. False when not possible."""
        tokenizer, index = self._parts()
        last = int(index.passage_ids[-1]) if index.n else 0
        rows = list(self.store.iter_passages(after=last))
        if not rows or index.n < self.extend_above or len(rows) > index.n:
            return False  # nothing new, a small archive (a rebuild is cheap), or more new than old
        started = time.perf_counter()
        version = self.store.get_meta("version") or "empty"
        words = list(index.header.get("user_words", []))  # type: ignore[call-overload]
        builder_batches = list(encode_all([(r.title, r.text) for r in rows], words, index.n < UNIGRAM_LIMIT, tokenizer))
        days, earliest = _days(rows)
        new = index
        for b, lo in zip(builder_batches, range(0, len(rows), BATCH), strict=True):
            hi = lo + b.size
            new = new.extend(
                b, days[lo:hi], earliest[lo:hi], [r.id for r in rows[lo:hi]],
                {"version": version, "user_words": words}, stored=_stored(rows[lo:hi]),
            )
        self._install(new, tokenizer, version)
        self.last_index_build_seconds = time.perf_counter() - started
        self.last_index_mode = "extend"
        return True

    def _install(self, index: BM25Index, tokenizer: Tokenizer, version: str) -> None:
        index.save(self.index_dir)
        loaded = BM25Index.load(self.index_dir)
        with self._lock:
            self._tokenizer, self._index, self._version = tokenizer, loaded, version

    def _user_words(self, rows: list[PassageRow]) -> list[str]:
        """The hand-kept words plus the archive's own (bylines, leads: an article's first passage)."""
        leads = (r.text for r in rows if r.position == 0)
        return sorted(
            set(lexicon.read_user_dict(self.corpus_dir / "userdict.txt") + lexicon.harvest(leads, self.store.authors()))
        )

    def _parts(self) -> tuple[Tokenizer, BM25Index]:
        with self._lock:
            if self._tokenizer is None or self._index is None:
                raise QueryError("索引尚未加载")
            return self._tokenizer, self._index

    @_store_errors
    def ensure_fresh(self) -> bool:
        """Reload when another process ingested since we loaded (version stamp in the DB)."""
        if self.store.get_meta("version") != self._version:
            self.load()
            return True
        return False

    # -- ingest ---------------------------------------------------------------------
    @_store_errors
    def ingest(
        self,
        paths: list[Path] | None = None,
        progress: Progress | None = None,
    ) -> IngestReport:
        with self._ingest_lock:
            before = self.store.get_meta("version")
            report = self.store.ingest_files(paths or [self.corpus_dir], self.default_paper, progress)
            current = self._index is not None and before == self._version
            if report.changed or self._index is None or self.store.get_meta("version") != self._version:
                only_added = report.count("replaced") == 0
                with self._index_dir_lock():
                    if not (current and only_added and self._extend_index()):
                        self._rebuild()
            return report

    # -- questions --------------------------------------------------------------------
    def today(self) -> date:
        return today_in(self.timezone, self._now())

    @_store_errors
    def search(self, query: str, k: int = 10, offset: int = 0) -> SearchResult:
        tokenizer, index = self._parts()
        parsed = parse_query(query, tokenizer, self.today())
        k = max(1, min(k, MAX_K))
        return Searcher(index, tokenizer).run(parsed, k, max(0, offset), query)

    @_store_errors
    def search_between(self, query: str, start: date | None, end: date | None, k: int = 10) -> SearchResult:
        """Search with an explicit date range (the CLI's --from/--to) on top of the query's own."""
        tokenizer, index = self._parts()
        parsed = parse_query(query, tokenizer, self.today())
        if start or end:
            parsed.filter = DateFilter(start=start, end=end, label=f"{start or ''}~{end or ''}")
        return Searcher(index, tokenizer).run(parsed, max(1, min(k, MAX_K)), 0, query)

    @_store_errors
    def article(self, article_id: int) -> ArticleView:
        return self.store.article(article_id)

    @_store_errors
    def by_date(self, expr: str) -> DateLookup:
        return self.lookup(parse_date_expr(expr, self.today()))

    @_store_errors
    def lookup(self, f: DateFilter) -> DateLookup:
        # A day is both the events reported and the issue printed on it: /date 2024-06-14
        # lists that day's paper as well as what happened that day.
        if f.month is not None and f.start is None and f.end is None:
            arts = self.store.articles_on_calendar_day(f.month, f.day, include_issue_date=True)
        else:
            arts = self.store.articles_between(f.start, f.end, include_issue_date=True)
        arts.sort(key=lambda a: (-a.date.toordinal(), a.issue_date, a.id))
        nearest: list[date] = []
        if not arts:
            dates = sorted(set(self.store.article_dates()) | set(self.store.issue_dates()))
            pivot = f.start or f.end or self.today()
            nearest = sorted(sorted(dates, key=lambda d: abs((d - pivot).days))[:3])
        return DateLookup(f, arts, nearest)

    @_store_errors
    def latest_issue(self) -> DateLookup:
        dates = self.store.issue_dates()
        if not dates:
            return DateLookup(DateFilter(label="最新一期"), [], [])
        last = dates[-1]
        return DateLookup(DateFilter(start=last, end=last, label=last.isoformat()), self.store.articles_of_issue(last), [])

    @_store_errors
    def on_this_day(self) -> DateLookup:
        today = self.today()
        f = DateFilter(month=today.month, day=today.day, label=f"{today.month}月{today.day}日")
        arts = self.store.articles_on_calendar_day(today.month, today.day, before=today)
        nearest: list[date] = []
        if not arts:  # the closest calendar days (any year) that have articles
            def distance(d: date) -> int:
                gap = abs((d.month * 31 + d.day) - (today.month * 31 + today.day))
                return min(gap, 372 - gap)

            nearest = sorted(sorted(self.store.article_dates(), key=distance)[:3])
        return DateLookup(f, arts, nearest)

    @_store_errors
    def stats(self) -> Stats:
        return self.store.stats()

    # -- button state -----------------------------------------------------------------
    @_store_errors
    def save_state(self, payload: dict[str, object]) -> str:
        return self.store.save_state(payload)

    @_store_errors
    def load_state(self, token: str) -> dict[str, object] | None:
        return self.store.load_state(token, self.state_ttl)


def _days(rows: list[PassageRow]) -> tuple[list[int], list[int]]:
    """Each passage's day, and the earliest day it may be: "近日" in a weekly means the
    days before the issue."""
    days = [day_number(r.day) for r in rows]
    earliest = [d - (APPROXIMATE_DAYS if r.approximate else 0) for d, r in zip(days, rows, strict=True)]
    return days, earliest


def _stored(rows: list[PassageRow]) -> Stored:
    return Stored.build(
        [r.text for r in rows],
        [r.title for r in rows],
        [r.article_id for r in rows],
        [day_number(r.issue_day or r.day) for r in rows],
        [r.page for r in rows],
        [r.paper for r in rows],
    )
