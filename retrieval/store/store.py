"""The database: persistence only. Issues go in whole, articles and passages come back out.

`replace_issue` writes one source file's records inside its own transaction, replacing
what the same file wrote before, so readers see the old issue or the new one, whole;
the `version` stamp changes in that transaction, which tells every index built before
that it is stale. Reading returns the library's boundary values (`ArticleView`,
`PassageRow`, `Stats`), never ORM objects. `save_state`/`load_state` keep small JSON
payloads under random tokens (a result page's query, so a "next page" works in any
process and after a restart).

With ``wait`` set (the bot, the CLI's lookups), every read and small write is bounded by it
(`retrieval.store.deadline`): a frozen or locked database costs at most that long, then
`StoreUnavailable`. Bulk work, `replace_issue` and `iter_passages`, is never bounded.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import secrets
import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

from sqlalchemy import CursorResult, Engine, Table, and_, delete, extract, func, or_, select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import sessionmaker

from retrieval.errors import CorpusFormatError, NotFound
from retrieval.store.alerts import AlertStore
from retrieval.store.deadline import Deadlines
from retrieval.store.engine import writer
from retrieval.store.models import NAME_SIZE, Article, Byline, Issue, Meta, PageToken, Passage
from retrieval.types import ArticleRecord, ArticleView, IssueRecord, IssueRow, PassageRow, Stats

_ARTICLES, _PASSAGES, _BYLINES = (cast(Table, m.__table__) for m in (Article, Passage, Byline))

VERSION = "version"
LAST_INGEST = "last_ingest"

logger = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")


def _bounded(method: Callable[Concatenate[Store, P], R]) -> Callable[Concatenate[Store, P], R]:
    """Run a quick call under the store's deadline (see the module docstring)."""

    @functools.wraps(method)
    def wrapper(self: Store, *args: P.args, **kwargs: P.kwargs) -> R:
        with self.deadlines.bound(self.wait):
            return method(self, *args, **kwargs)

    return wrapper  # type: ignore[return-value]  # functools.wraps' type hides the self


class Store:
    def __init__(self, engine: Engine, wait: float | None = None) -> None:
        self.engine = engine
        self.sessions = sessionmaker(engine, expire_on_commit=False)  # reads
        self.writes = sessionmaker(writer(engine), expire_on_commit=False)  # transactions that write
        self.wait = wait
        self.deadlines = Deadlines.attach(engine)
        self.alerts = AlertStore(self.sessions, self.writes)  # subscriptions and the queue of digests

    # -- writing --------------------------------------------------------------------
    def replace_issue(self, issue: IssueRecord) -> str:
        """Store one source file's articles and passages in one transaction, replacing what
        the same file put there before: "new", "replaced", or "unchanged" (same bytes).
        A value the database refuses is the file's fault, not the database's: it raises
        CorpusFormatError (the file fails, the others go in), not StoreUnavailable."""
        try:
            return self._replace_issue(issue)
        except (DataError, IntegrityError) as exc:
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else type(exc).__name__
            raise CorpusFormatError(f"{issue.source}: the database refused a value ({reason[:200]})") from exc

    def _replace_issue(self, issue: IssueRecord) -> str:
        with self.writes.begin() as s:
            old = s.scalar(select(Issue).where(Issue.source == issue.source))
            if old is not None and old.sha256 == issue.sha256 and (old.rules or "") == issue.rules:
                return "unchanged"  # same bytes read by the same rules: the same articles
            status = "new" if old is None else "replaced"
            if old is not None:
                s.execute(delete(Issue).where(Issue.id == old.id))
                s.flush()
            row = Issue(
                source=issue.source,
                sha256=issue.sha256,
                rules=issue.rules or None,
                paper=issue.paper,
                issue_date=issue.issue_date,
                page=issue.page,
                ingested_at=datetime.now(UTC).replace(tzinfo=None),
            )
            s.add(row)
            s.flush()
            # Core bulk inserts on the session's connection (RETURNING gives the new ids): a
            # CMS export holds thousands of articles, and the ORM's work per object, even on
            # its bulk path, took longer than the database took to write the rows.
            conn = s.connection()
            values = [_article_values(a, issue.paper, row.id) for a in issue.articles]
            ids = conn.execute(
                _ARTICLES.insert().returning(_ARTICLES.c.id, sort_by_parameter_order=True), values
            ).scalars().all()
            passages = [
                {"article_id": aid, "position": i, "text": t}
                for aid, a in zip(ids, issue.articles, strict=True)
                for i, t in enumerate(a.passages)
            ]
            if passages:
                conn.execute(_PASSAGES.insert(), passages)
            bylines = [{"article_id": aid, "name": name} for aid, a in zip(ids, issue.articles, strict=True)
                       for name in _byline_names(a.authors)]
            if bylines:
                conn.execute(_BYLINES.insert(), bylines)
            # The version stamp changes in the same transaction as the data: an ingest killed
            # before its end still tells every reader (and the next ingest) the index is stale.
            s.merge(Meta(key=VERSION, value=uuid.uuid4().hex))
        return status

    def known(self, source: str, sha256: str, rules: str) -> int | None:
        """The number of articles stored from this file when every issue it made (`x.pdf`,
        or its pages `x.pdf#k`) came from these bytes read by these rules; None otherwise.
        The ingest then skips reading it: a PDF is not parsed again on every run."""
        with self.sessions() as s:
            rows = s.execute(
                select(Issue.id, Issue.sha256, Issue.rules).where(
                    (Issue.source == source) | Issue.source.startswith(f"{source}#", autoescape=True)
                )
            ).all()
            if not rows or any(r.sha256 != sha256 or (r.rules or "") != rules for r in rows):
                return None
            return int(s.scalar(select(func.count(Article.id)).where(Article.issue_id.in_([r.id for r in rows]))) or 0)

    def prune_pages(self, source: str, keep: set[str]) -> int:
        """Remove the pages `source#k` of a multi-page file that its new version no longer has."""
        with self.writes.begin() as s:
            ids = s.scalars(
                select(Issue.id).where(Issue.source.startswith(f"{source}#", autoescape=True), Issue.source.not_in(keep))
            ).all()
            if ids:
                s.execute(delete(Issue).where(Issue.id.in_(ids)))
                s.merge(Meta(key=VERSION, value=uuid.uuid4().hex))
        return len(ids)

    def remove_source(self, source: str) -> int:
        """Remove the issues one source file made (`x.pdf` and its pages `x.pdf#k`), with
        their articles and passages: the number of issues removed (an upload undone)."""
        with self.writes.begin() as s:
            ids = s.scalars(
                select(Issue.id).where((Issue.source == source) | Issue.source.startswith(f"{source}#", autoescape=True))
            ).all()
            if ids:
                s.execute(delete(Issue).where(Issue.id.in_(ids)))
                s.merge(Meta(key=VERSION, value=uuid.uuid4().hex))
        return len(ids)

    @_bounded
    def note_ingest(self, changed: bool) -> None:
        """After an ingest: a new version stamp if anything changed, and the time of the run."""
        if changed:
            self.set_meta(VERSION, uuid.uuid4().hex)
        self.set_meta(LAST_INGEST, datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds"))

    @_bounded
    def version(self) -> str | None:
        """Changes whenever stored passages change: an index built at another version is stale."""
        return self.get_meta(VERSION)

    # -- reading --------------------------------------------------------------------
    def iter_passages(self, batch: int = 20000, after: int = 0) -> Iterator[PassageRow]:
        """Every passage (with id > after) with its article's title and date, in id order."""
        last = after
        with self.sessions() as s:
            while True:
                rows = s.execute(_PASSAGE_ROW.where(Passage.id > last).order_by(Passage.id).limit(batch)).all()
                if not rows:
                    return
                for r in rows:
                    yield PassageRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10] or "", r[11] or "")
                last = rows[-1][0]

    def leads(self, batch: int = 50_000) -> Iterator[str]:
        """Each article's first passage, in id order: what the archive's own words are
        harvested from (read without the article columns `iter_passages` joins in)."""
        last = 0
        with self.sessions() as s:
            while True:
                rows = s.execute(
                    select(Passage.id, Passage.text).where(Passage.id > last, Passage.position == 0)
                    .order_by(Passage.id).limit(batch)
                ).all()
                if not rows:
                    return
                for r in rows:
                    yield r[1]
                last = rows[-1][0]

    @_bounded
    def passage_count(self) -> int:
        with self.sessions() as s:
            return int(s.scalar(select(func.count(Passage.id))) or 0)

    @_bounded
    def authors(self) -> list[str]:
        """Every name that signs an article, once each (from the `bylines` rows, not by
        decoding each article's JSON list: an archive of millions of articles answers at once)."""
        with self.sessions() as s:
            return list(s.scalars(select(Byline.name).distinct().order_by(Byline.name)))

    @_bounded
    def articles_by_author(self, name: str) -> list[ArticleView]:
        """Articles whose byline names `name` exactly, newest first (the `bylines` index)."""
        with self.sessions() as s:
            arts = s.scalars(
                select(Article).join(Byline, Byline.article_id == Article.id).where(Byline.name == name[:NAME_SIZE])
                .order_by(Article.date.desc(), Article.issue_id, Article.position)
            ).all()
            return [_view(a) for a in arts]

    @_bounded
    def article(self, article_id: int) -> ArticleView:
        with self.sessions() as s:
            art = s.get(Article, article_id)
            if art is None:
                raise NotFound(f"没有编号为 {article_id} 的文章")
            return dataclasses.replace(_view(art), source=art.issue.source)

    @_bounded
    def issue_articles(self, paper: str, issue_date: date) -> list[ArticleView]:
        """Every article of one issue (all its pages), in page and page order."""
        with self.sessions() as s:
            arts = s.scalars(
                select(Article)
                .where(Article.paper == paper, Article.issue_date == issue_date)
                .order_by(Article.page, Article.issue_id, Article.position)
            ).all()
            return [_view(a) for a in arts]

    @_bounded
    def articles_between(
        self, start: date | None = None, end: date | None = None, include_issue_date: bool = False
    ) -> list[ArticleView]:
        """Articles whose event date (or, with include_issue_date, issue date) is in range."""
        q = select(Article)
        conds = []
        for column in (Article.date, Article.issue_date) if include_issue_date else (Article.date,):
            c = []
            if start:
                c.append(column >= start)
            if end:
                c.append(column <= end)
            if c:
                conds.append(and_(*c))
        if conds:
            q = q.where(or_(*conds))
        with self.sessions() as s:
            arts = s.scalars(q.order_by(Article.date.desc(), Article.issue_id, Article.position)).all()
            return [_view(a) for a in arts]

    @_bounded
    def articles_on_calendar_day(
        self, month: int, day: int | None, include_issue_date: bool = False, before: date | None = None
    ) -> list[ArticleView]:
        """Articles dated on a calendar month (and day) in any year, selected by the database
        (`/today`, `/date 6月14日`), not by loading the whole archive."""

        def on(column: Any) -> Any:
            cond = extract("month", column) == month
            return and_(cond, extract("day", column) == day) if day is not None else cond

        q = select(Article).where(or_(on(Article.date), on(Article.issue_date)) if include_issue_date else on(Article.date))
        if before is not None:
            q = q.where(Article.date < before)
        with self.sessions() as s:
            return [_view(a) for a in s.scalars(q.order_by(Article.date.desc(), Article.issue_id, Article.position))]

    @_bounded
    def article_dates(self) -> list[date]:
        with self.sessions() as s:
            return sorted(d for d in s.scalars(select(Article.date).distinct()))

    @_bounded
    def nearest_dates(self, pivot: date, count: int = 3) -> list[date]:
        """The `count` days nearest `pivot` on which something happened or an issue
        appeared, ascending: read off the date indexes (a few rows, whatever the archive's size)."""
        near: set[date] = set()
        with self.sessions() as s:
            for column in (Article.date, Article.issue_date):
                for cmp, order in ((column <= pivot, column.desc()), (column >= pivot, column.asc())):
                    near.update(s.scalars(select(column).where(cmp).distinct().order_by(order).limit(count)))
        return sorted(sorted(near, key=lambda d: (abs((d - pivot).days), d))[:count])

    @_bounded
    def latest_issue_date(self) -> date | None:
        with self.sessions() as s:
            return s.scalar(select(func.max(Article.issue_date)))

    @_bounded
    def issue_dates(self) -> list[date]:
        with self.sessions() as s:
            return sorted(d for d in s.scalars(select(Article.issue_date).distinct()))

    @_bounded
    def articles_of_issue(self, issue_date: date) -> list[ArticleView]:
        with self.sessions() as s:
            arts = s.scalars(
                select(Article).where(Article.issue_date == issue_date).order_by(Article.issue_id, Article.position)
            ).all()
            return [_view(a) for a in arts]

    @_bounded
    def stats(self) -> Stats:
        with self.sessions() as s:
            issues = s.scalar(select(func.count(func.distinct(Article.issue_date)))) or 0
            articles = s.scalar(select(func.count(Article.id))) or 0
            passages = s.scalar(select(func.count(Passage.id))) or 0
            first = s.scalar(select(func.min(Article.date)))
            last = s.scalar(select(func.max(Article.date)))
            papers = sorted(set(s.scalars(select(Article.paper).distinct())))
        stamp = self.get_meta(LAST_INGEST)
        return Stats(
            issues=issues,
            articles=articles,
            passages=passages,
            papers=papers,
            first_date=first,
            last_date=last,
            last_ingest=datetime.fromisoformat(stamp) if stamp else None,
        )

    @_bounded
    def issue_rows(self) -> list[IssueRow]:
        """Every issue: paper, issue date, pages and articles (for coverage)."""
        with self.sessions() as s:
            rows = s.execute(
                select(Article.paper, Article.issue_date, func.count(func.distinct(Article.page)), func.count(Article.id))
                .group_by(Article.paper, Article.issue_date)
                .order_by(Article.issue_date)
            ).all()
        return [IssueRow(paper, day, max(1, int(pages)), int(n)) for paper, day, pages, n in rows]

    # -- small state ----------------------------------------------------------------
    @_bounded
    def get_meta(self, key: str) -> str | None:
        with self.sessions() as s:
            row = s.get(Meta, key)
            return row.value if row else None

    @_bounded
    def set_meta(self, key: str, value: str) -> None:
        with self.writes.begin() as s:
            s.merge(Meta(key=key, value=value))

    @_bounded
    def save_state(self, payload: dict[str, object]) -> str:
        token = secrets.token_urlsafe(9)  # 12 characters
        with self.writes.begin() as s:
            s.add(PageToken(token=token, payload=payload, created_at=datetime.now(UTC).replace(tzinfo=None)))
        return token

    @_bounded
    def purge_states(self, ttl: timedelta) -> int:
        """Delete saved states older than `ttl` (they can no longer be loaded); how many."""
        cutoff = datetime.now(UTC).replace(tzinfo=None) - ttl
        with self.writes.begin() as s:
            result: CursorResult[Any] = s.execute(delete(PageToken).where(PageToken.created_at < cutoff))  # type: ignore[assignment]
            return int(result.rowcount or 0)

    @_bounded
    def load_state(self, token: str, ttl: timedelta) -> dict[str, object] | None:
        if not token or len(token) > 32:
            return None
        with self.sessions() as s:
            row = s.get(PageToken, token)
            if row is None or row.created_at < datetime.now(UTC).replace(tzinfo=None) - ttl:
                return None
            return dict(row.payload)


_PASSAGE_ROW = select(
    Passage.id, Passage.article_id, Passage.text, Article.title, Article.date, Article.date_approximate,
    Passage.position, Article.issue_date, Article.paper, Article.page, Article.kicker, Article.subtitle,
).join(Article, Article.id == Passage.article_id)


def _byline_names(authors: Iterable[str]) -> list[str]:
    """An article's `bylines` rows: each name once, as long as the column holds."""
    return list(dict.fromkeys(n[:NAME_SIZE] for n in authors if n))


def _article_values(a: ArticleRecord, paper: str, issue_id: int) -> dict[str, object]:
    """The `articles` row of a record (the one place that maps the record to columns)."""
    return {
        "issue_id": issue_id,
        "position": a.position,
        "title": a.title,
        "kicker": a.kicker[:500],
        "subtitle": a.subtitle[:500],
        "byline": a.byline[:500],
        "title_derived": a.title_derived,
        "headline_lines": list(a.headline_lines),
        "text": a.text,
        "authors": list(a.authors),
        "paper": a.paper or paper,
        "date": a.date,
        "date_approximate": a.date_approximate,
        "issue_date": a.issue_date,
        "page": a.page,
        "continued_on": list(a.continued_on),
        "url": a.url,
    }


def _view(a: Article) -> ArticleView:
    return ArticleView(
        id=a.id,
        title=a.title,
        kicker=a.kicker or "",
        subtitle=a.subtitle or "",
        byline=a.byline or "",
        title_derived=a.title_derived,
        text=a.text,
        authors=list(a.authors or []),
        paper=a.paper,
        date=a.date,
        date_approximate=a.date_approximate,
        issue_date=a.issue_date,
        page=a.page,
        continued_on=list(a.continued_on or []),
        url=a.url,
    )
