"""`Archive`: the library's front door, used by the CLI and the bot.

It owns the heavy things that must load once (the database engine, jieba with the
archive's words, the memory-mapped index) and swaps the index atomically after an
ingest, so searches running in other threads never see half an index.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from retrieval import lexicon
from retrieval.dates import DateFilter, parse_date_expr, today_in
from retrieval.errors import QueryError
from retrieval.index import FORMAT as INDEX_FORMAT
from retrieval.index import BM25Index, day_number
from retrieval.search import Searcher, parse_query
from retrieval.settings import Settings
from retrieval.store import Store, make_engine
from retrieval.tokenize import Tokenizer, char_bigrams
from retrieval.types import ArticleView, DateLookup, IngestReport, Progress, SearchResult, Stats

logger = logging.getLogger(__name__)
MAX_K = 50
APPROXIMATE_DAYS = 7


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
        """Load the on-disk index, or rebuild it when it is missing or stale."""
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
        self.rebuild_index()

    def rebuild_index(self, progress: Progress | None = None) -> None:
        version = self.store.get_meta("version") or "empty"
        rows = list(self.store.iter_passages())
        words = sorted(
            set(
                lexicon.read_user_dict(self.corpus_dir / "userdict.txt")
                + lexicon.harvest(
                    (r.text for r in rows), (a for v in self._authors() for a in v)
                )
            )
        )
        tokenizer = Tokenizer(words, cache_dir=self.index_dir.parent / "jieba")
        tokens: list[list[str]] = []
        grams: list[list[str]] = []
        days: list[int] = []
        earliest: list[int] = []
        ids: list[int] = []
        for r in progress(rows) if progress else rows:
            tokens.append(tokenizer.tokens(r.title) + tokenizer.tokens(r.text))
            grams.append(sorted(char_bigrams(re.sub(r"\s+", "", tokenizer.normalize(r.title + "\n" + r.text)))))
            days.append(day_number(r.day))
            # "近日" in a weekly: the event happened in the days before the issue
            earliest.append(day_number(r.day) - (APPROXIMATE_DAYS if r.approximate else 0))
            ids.append(r.id)
        index = BM25Index.build(
            tokens, grams, days, ids, {"version": version, "user_words": words}, earliest=earliest
        )
        index.save(self.index_dir)
        index = BM25Index.load(self.index_dir)
        with self._lock:
            self._tokenizer, self._index, self._version = tokenizer, index, version

    def _authors(self) -> list[list[str]]:
        return [a.authors for a in self.store.articles_between()]

    def _parts(self) -> tuple[Tokenizer, BM25Index]:
        with self._lock:
            if self._tokenizer is None or self._index is None:
                raise QueryError("索引尚未加载")
            return self._tokenizer, self._index

    def ensure_fresh(self) -> bool:
        """Reload when another process ingested since we loaded (version stamp in the DB)."""
        if self.store.get_meta("version") != self._version:
            self.load()
            return True
        return False

    # -- ingest ---------------------------------------------------------------------
    def ingest(
        self,
        paths: list[Path] | None = None,
        progress: Progress | None = None,
    ) -> IngestReport:
        with self._ingest_lock:
            report = self.store.ingest_files(paths or [self.corpus_dir], self.default_paper, progress)
            if report.changed or self._index is None or self.store.get_meta("version") != self._version:
                self.rebuild_index()
            return report

    # -- questions --------------------------------------------------------------------
    def today(self) -> date:
        return today_in(self.timezone, self._now())

    def search(self, query: str, k: int = 10, offset: int = 0) -> SearchResult:
        tokenizer, index = self._parts()
        parsed = parse_query(query, tokenizer, self.today())
        k = max(1, min(k, MAX_K))
        return Searcher(index, tokenizer, self.store).run(parsed, k, max(0, offset), query)

    def search_between(self, query: str, start: date | None, end: date | None, k: int = 10) -> SearchResult:
        """Search with an explicit date range (the CLI's --from/--to) on top of the query's own."""
        tokenizer, index = self._parts()
        parsed = parse_query(query, tokenizer, self.today())
        if start or end:
            parsed.filter = DateFilter(start=start, end=end, label=f"{start or ''}~{end or ''}")
        return Searcher(index, tokenizer, self.store).run(parsed, max(1, min(k, MAX_K)), 0, query)

    def article(self, article_id: int) -> ArticleView:
        return self.store.article(article_id)

    def by_date(self, expr: str) -> DateLookup:
        return self.lookup(parse_date_expr(expr, self.today()))

    def lookup(self, f: DateFilter) -> DateLookup:
        # A day is both the events reported and the issue printed on it: /date 2024-06-14
        # lists that day's paper as well as what happened that day.
        if f.month is not None and f.start is None and f.end is None:
            arts = [a for a in self.store.articles_between() if f.contains(a.date) or f.contains(a.issue_date)]
        else:
            arts = self.store.articles_between(f.start, f.end, include_issue_date=True)
        arts.sort(key=lambda a: (-a.date.toordinal(), a.issue_date, a.id))
        nearest: list[date] = []
        if not arts:
            dates = sorted(set(self.store.article_dates()) | set(self.store.issue_dates()))
            pivot = f.start or f.end or self.today()
            nearest = sorted(sorted(dates, key=lambda d: abs((d - pivot).days))[:3])
        return DateLookup(f, arts, nearest)

    def latest_issue(self) -> DateLookup:
        dates = self.store.issue_dates()
        if not dates:
            return DateLookup(DateFilter(label="最新一期"), [], [])
        last = dates[-1]
        return DateLookup(DateFilter(start=last, end=last, label=last.isoformat()), self.store.articles_of_issue(last), [])

    def on_this_day(self) -> DateLookup:
        today = self.today()
        f = DateFilter(month=today.month, day=today.day, label=f"{today.month}月{today.day}日")
        arts = [a for a in self.store.articles_between(end=today - timedelta(days=1)) if f.contains(a.date)]
        nearest: list[date] = []
        if not arts:  # the closest calendar days (any year) that have articles
            def distance(d: date) -> int:
                gap = abs((d.month * 31 + d.day) - (today.month * 31 + today.day))
                return min(gap, 372 - gap)

            nearest = sorted(sorted(self.store.article_dates(), key=distance)[:3])
        return DateLookup(f, arts, nearest)

    def stats(self) -> Stats:
        return self.store.stats()

    # -- button state -----------------------------------------------------------------
    def save_state(self, payload: dict[str, object]) -> str:
        return self.store.save_state(payload)

    def load_state(self, token: str) -> dict[str, object] | None:
        return self.store.load_state(token, self.state_ttl)
