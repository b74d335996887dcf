"""`Archive`: the library's front door, used by the CLI, the bot, eval and benchmarks.

It owns the heavy things that must load once (the database engine, jieba with the
archive's words, the memory-mapped index) and swaps the index atomically after an
ingest, so searches running in other threads never see half an index. The work itself
is elsewhere: `ingest` (files → records → store), `index.IndexHome` (the index on disk),
`search` (query → hits), `store` (persistence).
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import ParamSpec, TypeVar
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from retrieval.alerts import MATCHES_PER_QUERY, MAX_QUERY, SubscriptionView, digests
from retrieval.chars import valid
from retrieval.continued import join_continuations
from retrieval.coverage import coverage
from retrieval.dates import DateFilter, parse_date_expr, today_in
from retrieval.errors import ArchiveError, DateError, QueryError, StoreUnavailable
from retrieval.expand import Thesaurus
from retrieval.index import IndexHome, Loaded, SearchIndex
from retrieval.ingest import ingest, preview
from retrieval.ingest.readers.pdf import one_page
from retrieval.mentions import Mention, find_mentions, word_of
from retrieval.people import MAX_COMPANION_ARTICLES, Person, names_in, person, roles_in
from retrieval.related import related, related_query
from retrieval.search import ParsedQuery, Searcher, parse_query
from retrieval.settings import Settings
from retrieval.store import SpareStates, Store, make_engine
from retrieval.store.alerts import AlertStore, Subscribed, utcnow
from retrieval.tokenize import Tokenizer, is_generic
from retrieval.trend import MAX_WORDS, Trend, trend
from retrieval.types import (
    ArticleView,
    AuthorLookup,
    Coverage,
    DateLookup,
    Hit,
    IngestReport,
    IssueRecord,
    PassageRow,
    Progress,
    Related,
    SearchResult,
    Stats,
)
from retrieval.uploads import Sent, Upload, accept, caption_meta, undo

logger = logging.getLogger(__name__)
MAX_K = 50
PURGE_EVERY = 600.0  # seconds between purges of expired saved states
SPARE_FOR = 5.0  # after the database refused a page token, keep new ones in memory this long
USER_DICT = "userdict.txt"
SYNONYMS = "synonyms.txt"

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
            raise _unavailable(exc) from exc

    return wrapper


def _unavailable(exc: Exception) -> StoreUnavailable:
    return StoreUnavailable(f"数据库暂时无法访问：{type(exc).__name__}")


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
        alert_max_age_days: int = 60,
    ) -> None:
        self.store = store
        self.alert_max_age_days = alert_max_age_days
        self.corpus_dir = corpus_dir
        self.undo_dir = index_dir.parent / "undo"  # what an upload replaced, until it is undone
        self.default_paper = default_paper
        self.timezone = timezone
        self._now = now or (lambda: datetime.now(ZoneInfo(timezone)))
        self.state_ttl = state_ttl
        self._lock = threading.Lock()
        self._ingest_lock = threading.Lock()
        self._upload_lock = threading.Lock()  # one upload or undo at a time: they share folders and manifests
        self._home = IndexHome(index_dir, corpus_dir / USER_DICT, extend_above)
        self._loaded: Loaded | None = None
        self._purged = float("-inf")
        self._states = SpareStates(state_ttl)
        self._spare_until = float("-inf")
        self._thesaurus: tuple[Loaded, Thesaurus] | None = None
        self._authors: tuple[Loaded, dict[str, str]] | None = None  # folded byline → as stored
        self._coverage: tuple[str | None, Coverage] | None = None  # (index version, coverage)

    @classmethod
    def open(cls, settings: Settings, now: Callable[[], datetime] | None = None) -> Archive:
        """Connect and load the index (building it if missing or older than the database)."""
        archive = cls(
            Store(make_engine(settings.database_url), wait=settings.database_timeout),
            settings.index_dir,
            settings.corpus_dir,
            settings.default_paper,
            settings.timezone,
            now,
            timedelta(days=settings.page_token_ttl_days),
            alert_max_age_days=settings.alert_max_age_days,
        )
        archive.load()
        return archive

    def close(self) -> None:
        """Release the database connections (the index files are unmapped with the object)."""
        self.store.engine.dispose()

    # -- the index --------------------------------------------------------------------
    def load(self) -> None:
        """Load the on-disk index, or rebuild it when it is missing or stale."""
        self._install(self._home.open(self.store))

    def rebuild_index(self, progress: Progress | None = None) -> None:
        """Tokenise every passage (on all cores) and write a fresh index."""
        self._install(self._home.rebuild(self.store, progress))

    def _install(self, loaded: Loaded) -> None:
        with self._lock:
            self._loaded = loaded

    def _current(self) -> Loaded:
        with self._lock:
            if self._loaded is None:
                raise QueryError("索引尚未加载")
            return self._loaded

    def warm(self) -> None:
        """Ask one question of the archive's own words (the start of its first passage), so
        that the compiled loops' machine code, cached on disk, is loaded before a reader asks:
        loading it takes about half a second of the first search after a start (by hand);
        and prepare the speller, which the first misspelt question waited about a second for
        at 1M passages. Nothing it meets may stop a start: an error only means the first
        reader waits."""
        try:
            loaded = self._current()
            if loaded.index.size:
                self.search(loaded.index.passage_text(0)[:12])
                thesaurus = self._searcher(loaded, None).thesaurus
                if thesaurus is not None:
                    thesaurus.speller.prepare()
        except (ArchiveError, OSError, ValueError):
            logger.info("warming the search up failed", exc_info=True)

    @property
    def tokenizer(self) -> Tokenizer:
        """The tokenizer with the archive's words, as the index was built with it."""
        return self._current().tokenizer

    @property
    def index(self) -> SearchIndex:
        """The engine behind search (for measurements: eval and benchmarks rank through it)."""
        return self._current().index

    @property
    def extend_above(self) -> int:
        """Archives with at least this many passages index a new issue on its own."""
        return self._home.extend_above

    @extend_above.setter
    def extend_above(self, value: int) -> None:
        self._home.extend_above = value

    @property
    def last_index_mode(self) -> str:
        """How the index last changed in this process: "rebuild", "extend" or "" (loaded)."""
        return self._home.last_mode

    @property
    def last_index_build_seconds(self) -> float:
        return self._home.last_build_seconds

    @_store_errors
    def ensure_fresh(self) -> bool:
        """Reload when another process ingested since we loaded (version stamp in the DB)."""
        loaded = self._loaded
        if loaded is None or self.store.version() != loaded.version:
            self.load()
            return True
        if why := self._home.damaged(loaded):
            logger.warning("the index files changed under this process (%s): rebuilding", why)
            self.rebuild_index()
            return True
        return False

    # -- ingest ---------------------------------------------------------------------
    @_store_errors
    @staticmethod
    def preview_page(path: Path, settings: Settings, issue_date: date | None = None) -> list[IssueRecord]:
        """How one page file would be split (articles, headline parts, furniture, warnings),
        read exactly as the ingest reads it but written nowhere: for an editor checking a new
        paper before ingesting it. One record per page (a PDF may hold a whole issue)."""
        return preview(path, settings.default_paper, issue_date)

    def ingest(
        self,
        paths: list[Path] | None = None,
        progress: Progress | None = None,
    ) -> IngestReport:
        """Ingest files or folders (default: the corpus folder), then bring the index up to date."""
        with self._ingest_lock:
            before = self.store.version()
            report = ingest(paths or [self.corpus_dir], self.store, self.default_paper, progress, home=self.corpus_dir)
            loaded = self._loaded
            if report.changed or loaded is None or self.store.version() != loaded.version:
                current = loaded if loaded is not None and before == loaded.version else None
                self._install(self._home.update(self.store, current, only_added=report.count("replaced") == 0))
            if report.changed:
                report.alerts = self._queue_alerts()
            return report

    def _queue_alerts(self) -> int:
        """Match every subscription against the articles stored since the last pass (those of
        issues no older than `alert_max_age_days`) and queue one digest per chat and issue.
        An ingest never fails for its alerts: a failure is logged, and the next pass (which
        starts from the same watermark) tries again."""
        alerts = self.store.alerts
        try:
            after = alerts.watermark()
            if after is None:
                return 0  # nobody has ever subscribed
            last = alerts.last_article()
            subs = alerts.active()
            cutoff = self.today() - timedelta(days=self.alert_max_age_days)
            ids = [a for a, day in alerts.new_articles(after) if not self.alert_max_age_days or day >= cutoff]
            queued = 0
            if subs and ids:
                loaded = self._current()
                within = np.isin(loaded.index.article_ids(np.arange(loaded.index.size, dtype=np.int64)), ids)
                searcher = self._searcher(loaded, per_article=1)
                matches: dict[str, list[Hit]] = {}
                for query in dict.fromkeys(s.query for s in subs):
                    try:
                        parsed = parse_query(query, loaded.tokenizer, self.today())
                    except QueryError:
                        continue
                    matches[query] = searcher.matches(parsed, within, MATCHES_PER_QUERY)
                keys = {(s.chat_id, h.paper, h.issue_date) for s in subs for h in matches.get(s.query, [])}
                found = digests(subs, matches, alerts.sent_titles(keys))
                queued = alerts.enqueue(found, utcnow())
                logger.info("alerts: %d new articles, %d subscriptions, %d digests queued", len(ids), len(subs), queued)
            alerts.set_watermark(last)
            return queued
        except (DBAPIError, PoolTimeout, ArchiveError) as exc:
            logger.warning("alerts not queued (%s): the next ingest tries again", type(exc).__name__)
            return 0

    # -- subscriptions ------------------------------------------------------------------
    @_store_errors
    def subscribe(self, chat_id: int, kind: str, query: str, user_id: int | None = None) -> Subscribed:
        """A chat's standing query (`/subscribe`): QueryError for one that search could not
        run, or that holds a date (an alert is about new issues, whatever their date)."""
        query = " ".join(valid(query).split())
        if len(query) > MAX_QUERY:
            raise QueryError(f"订阅词太长（{len(query)}字）：最多{MAX_QUERY}字。")
        loaded = self._current()
        parsed = parse_query(query, loaded.tokenizer, self.today())
        if parsed.paste:
            raise QueryError(f"订阅词太长：最多{MAX_QUERY}字。")
        if parsed.filter is not None:
            raise QueryError(f"订阅词里不能有日期（“{parsed.filter.describe()}”）：提醒只针对新出的报纸。")
        return self.store.alerts.subscribe(chat_id, kind, query, user_id, utcnow())

    @_store_errors
    def unsubscribe(self, chat_id: int, subscription_id: int | None = None, query: str | None = None) -> str | None:
        return self.store.alerts.unsubscribe(chat_id, subscription_id, " ".join(query.split()) if query else None)

    @_store_errors
    def subscriptions(self, chat_id: int) -> list[SubscriptionView]:
        return self.store.alerts.subscriptions(chat_id)

    @_store_errors
    def resume_alerts(self, chat_id: int, kind: str) -> bool:
        """A chat whose alerts were paused (it had blocked the bot) talks to it again:
        resume them. Whether they were paused."""
        if not self.store.alerts.paused(chat_id):
            return False
        return self.store.alerts.resume(chat_id, kind, utcnow())

    @property
    def alerts(self) -> AlertStore:
        """The queue of digests, for the process that sends them (`bot.alerts`)."""
        return self.store.alerts

    @_store_errors
    def upload(self, files: list[Sent], caption: str | None = None) -> Upload:
        """Pages an editor sent (PDF, .txt, or a zip of them), with the issue date and paper
        in `caption` or the file names: kept under `corpus/uploads/<date>/`, ingested, the
        index swapped; `Upload.token` undoes it. DateError for an impossible date in the caption."""
        issue_date, paper, problem = caption_meta(caption, self.default_paper)
        if problem:
            raise DateError(problem)
        with self._upload_lock:
            return accept(files, self.corpus_dir, self.undo_dir, paper, issue_date, lambda paths: self.ingest(paths))

    @_store_errors
    def undo_upload(self, token: str) -> tuple[int, int, IngestReport]:
        """Undo an upload: (files restored, files removed, the restored files' ingest)."""
        with self._upload_lock, self._ingest_lock:
            restored, removed, report = undo(token, self.corpus_dir, self.undo_dir, self.store.remove_source,
                                             lambda paths: ingest(paths, self.store, self.default_paper,
                                                                  home=self.corpus_dir))
            loaded = self._loaded
            if loaded is None or self.store.version() != loaded.version:
                self._install(self._home.update(self.store, None, only_added=False))
        return restored, removed, report

    @_store_errors
    def original(self, article_id: int) -> tuple[str, bytes] | None:
        """The printed page an article comes from as a PDF (file name, bytes), when the
        archive holds the e-paper PDF: one page cut out of an issue's PDF. None otherwise."""
        source = self.store.article(article_id).source
        name, _, page = source.partition("#")
        if not name.lower().endswith(".pdf"):
            return None
        path = Path(name) if Path(name).is_absolute() else self.corpus_dir / name
        if not path.is_file():
            return None
        data = path.read_bytes()
        if not page:
            return path.name, data
        return f"{path.stem}-{page}.pdf", one_page(data, int(page))

    @_store_errors
    def related(self, article_id: int, k: int = 8) -> Related:
        """The archive's other articles about this one's event or people (`相关报道`), the same
        item printed elsewhere (`同题`) apart."""
        view = self.article(article_id)
        query = related_query(view)
        hits = self.search(query, k=3 * k, per_article=1).hits if query else []
        views = [self.store.article(i) for i in dict.fromkeys(h.article_id for h in hits)]
        return related(view, views, k)

    @_store_errors
    def coverage(self) -> Coverage:
        """Issues per paper, year and month, pages per issue, missing issues, last ingest;
        kept until the index changes (every result list ends with its range)."""
        version = self._loaded.version if self._loaded is not None else None
        cached = self._coverage
        if cached is not None and cached[0] == version and version is not None:
            return cached[1]
        found = coverage(self.store.issue_rows(), self.stats().last_ingest)  # (in the archive's time zone)
        self._coverage = (version, found)
        return found

    @_store_errors
    def mentions(self, word: str) -> list[Mention]:
        """Every article printing `word` verbatim (folded, spaces ignored), with how often;
        QueryError for what cannot be counted (one character, punctuation, too long)."""
        loaded = self._current()
        return find_mentions(loaded.index, loaded.tokenizer, word_of(valid(word), loaded.tokenizer))

    @_store_errors
    def trend(self, words: list[str]) -> Trend:
        """Mentions per issue of up to `MAX_WORDS` words, per month or year (`/trend`)."""
        asked = list(dict.fromkeys(w.strip() for w in words if w.strip()))
        if not asked:
            raise QueryError("请给出要统计的词，例如：/trend 亚运会 运河")
        if len(asked) > MAX_WORDS:
            raise QueryError(f"一次最多比较{MAX_WORDS}个词（收到{len(asked)}个）。")
        return trend([(w, self.mentions(w)) for w in asked], self.store.issue_rows())

    @_store_errors
    def who(self, name: str) -> Person:
        """A person or organisation as the archive prints it (`/who`): mentions, first and
        last date, the roles printed beside the name with their dates, the names most often
        in the same articles, the latest articles."""
        loaded = self._current()
        word = word_of(valid(name), loaded.tokenizer)
        found = find_mentions(loaded.index, loaded.tokenizer, word)
        roles: list[tuple[str, date]] = []
        for m in found:
            seen: set[str] = set()
            for doc in m.passages:
                text = loaded.index.passage_text(doc)
                seen.update(roles_in(text, loaded.tokenizer.fold(text), word))
            roles += [(title, m.issue_date) for title in sorted(seen)]
        newest = sorted(found, key=lambda m: (m.issue_date, m.article_id), reverse=True)[:MAX_COMPANION_ARTICLES]
        others = names_in(self.store.article(m.article_id).text for m in newest)
        return person(name.strip(), found, roles, others)

    # -- reading ----------------------------------------------------------------------
    def passages(self) -> Iterator[PassageRow]:
        """Every stored passage with its article's title and dates, in id order. (A generator:
        the database is read while it is consumed, so its errors are translated here, not by
        `_store_errors`, which would only see the generator being made.)"""
        try:
            yield from self.store.iter_passages()
        except (DBAPIError, PoolTimeout) as exc:
            raise _unavailable(exc) from exc

    @_store_errors
    def articles(self, on: date | None = None) -> list[ArticleView]:
        """Every article (or those of one event date), in issue order."""
        arts = self.store.articles_between(on, on)
        arts.sort(key=lambda a: (a.issue_date, a.id))
        return arts

    # -- questions --------------------------------------------------------------------
    def today(self) -> date:
        return today_in(self.timezone, self._now())

    def _searcher(self, loaded: Loaded, per_article: int | None) -> Searcher:
        """A searcher over the loaded index with its thesaurus (made once per index: it
        remembers the pairs it has learnt and the speller's keys)."""
        pair = self._thesaurus
        if pair is None or pair[0] is not loaded:
            pair = (loaded, Thesaurus(loaded.index, loaded.tokenizer, self.corpus_dir / SYNONYMS))
            self._thesaurus = pair
        return Searcher(loaded.index, loaded.tokenizer, pair[1], per_article)

    @_store_errors
    def search(self, query: str, k: int = 10, offset: int = 0, per_article: int | None = None) -> SearchResult:
        loaded = self._current()
        query = valid(query)
        parsed = parse_query(query, loaded.tokenizer, self.today())
        if parsed.date_only and parsed.filter is not None:
            return SearchResult(query, [], parsed.filter, [], 0, lookup=self.lookup(parsed.filter))
        if (author := self._author_asked(parsed, loaded)) is not None:
            return SearchResult(query, parsed.tokens, parsed.filter, [], 0, author=self._by_author(author, parsed))
        k = max(1, min(k, MAX_K))
        return self._searcher(loaded, per_article).run(parsed, k, max(0, offset), query)

    def _author_asked(self, parsed: ParsedQuery, loaded: Loaded) -> str | None:
        """The byline name a question asks for (`余文华`, `林韬写了哪些报道`): its only word
        beside generic ones, when the archive has articles signed with it."""
        if parsed.phrases or parsed.excluded:
            return None
        words = [t for t in dict.fromkeys(parsed.tokens) if not is_generic(t)]
        words = [t for t in words if not any(t != o and t in o for o in words)]  # search mode's sub-words
        if len(words) != 1 or len(words[0]) < 2:
            return None
        pair = self._authors
        if pair is None or pair[0] is not loaded:
            try:
                pair = (loaded, {loaded.tokenizer.fold(a): a for a in self.store.authors()})
            except (DBAPIError, PoolTimeout, StoreUnavailable):
                return None  # the database is away: search the words instead
            self._authors = pair
        return pair[1].get(words[0])  # the byline as printed (張偉 for a question typed 张伟)

    def _by_author(self, author: str, parsed: ParsedQuery) -> AuthorLookup:
        arts = list(self.store.articles_by_author(author))
        f = parsed.filter
        if f is not None:
            arts = [a for a in arts if f.contains(a.date) or f.contains(a.issue_date)]
        return AuthorLookup(author, arts, f)

    @_store_errors
    def search_between(
        self, query: str, start: date | None, end: date | None, k: int = 10, per_article: int | None = None
    ) -> SearchResult:
        """Search with an explicit date range (the CLI's --from/--to) on top of the query's own."""
        loaded = self._current()
        query = valid(query)
        parsed = parse_query(query, loaded.tokenizer, self.today())
        if start or end:
            parsed.filter = DateFilter(start=start, end=end, label=f"{start or ''}~{end or ''}")
        return self._searcher(loaded, per_article).run(parsed, max(1, min(k, MAX_K)), 0, query)

    @_store_errors
    def article(self, article_id: int) -> ArticleView:
        """One article; when it continues on (or from) another page of the same issue that
        the archive holds, the parts are joined into the whole article."""
        view = self.store.article(article_id)
        if not view.continued_on:
            return view
        return join_continuations(view, self.store.issue_articles(view.paper, view.issue_date))

    @_store_errors
    def by_date(self, expr: str) -> DateLookup:
        return self.lookup(parse_date_expr(valid(expr), self.today()))

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
            nearest = self.store.nearest_dates(f.start or f.end or self.today())
        return DateLookup(f, arts, nearest)

    @_store_errors
    def latest_issue(self) -> DateLookup:
        last = self.store.latest_issue_date()
        if last is None:
            return DateLookup(DateFilter(label="最新一期"), [], [])
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
        """Coverage; the last ingest's time in the archive's time zone (stored in UTC)."""
        st = self.store.stats()
        if st.last_ingest is not None and st.last_ingest.tzinfo is None:
            local = st.last_ingest.replace(tzinfo=UTC).astimezone(ZoneInfo(self.timezone))
            st = dataclasses.replace(st, last_ingest=local)
        return st

    # -- button state -----------------------------------------------------------------
    def save_state(self, payload: dict[str, object]) -> str:
        """Save a small payload under a new random token; expired ones are purged as it goes
        (at most every PURGE_EVERY seconds), so the table does not grow without end. When the
        database cannot take it now (frozen, or another process holds SQLite's write lock),
        the token is kept in this process instead: the result's buttons still page."""
        if time.monotonic() < self._spare_until:  # it refused a moment ago: do not wait again
            return self._states.save(payload)
        try:
            token = self.store.save_state(payload)
            now = time.monotonic()
            if now - self._purged >= PURGE_EVERY:
                self._purged = now
                self.store.purge_states(self.state_ttl)
            return token
        except (DBAPIError, PoolTimeout, StoreUnavailable) as exc:
            logger.warning("page tokens kept in memory for %g s: the database did not take one (%s)",
                           SPARE_FOR, type(exc).__name__)
            self._spare_until = time.monotonic() + SPARE_FOR
            return self._states.save(payload)

    @_store_errors
    def load_state(self, token: str) -> dict[str, object] | None:
        if SpareStates.owns(token):
            return self._states.load(token)
        return self.store.load_state(token, self.state_ttl)

