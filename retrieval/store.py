"""The database: ingest issues (idempotent, atomic per file) and read articles back.

Each file goes in inside its own transaction: a file that fails leaves the database
as it was while the others still go in, and a changed file's old articles are
replaced in the same transaction that writes the new ones, so readers see the old
issue or the new one, whole.
"""

from __future__ import annotations

import logging
import secrets
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, and_, create_engine, delete, event, extract, func, insert, or_, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker

from retrieval import passages as passage_cutter
from retrieval.corpus import IssueFile, discover, load_issue, read_manifest
from retrieval.errors import ArchiveError, CorpusFormatError, NotFound
from retrieval.models import Article, Issue, Meta, PageToken, Passage
from retrieval.segment import segment
from retrieval.types import ArticleView, FileOutcome, IngestReport, Progress, Stats

logger = logging.getLogger(__name__)


def make_engine(database_url: str, migrate: bool = True) -> Engine:
    """An engine for the URL, with the schema brought up to date (Alembic migrations).

    SQLite (the default) needs no set-up: the file and its folder are created on first use.
    PostgreSQL (``postgresql+psycopg://…``): connections are checked before use
    (``pool_pre_ping``), so a restarted server is picked up again without restarting the
    process, and connecting gives up after a few seconds instead of hanging a reply.
    """
    url = make_url(database_url)
    backend = url.get_backend_name()
    if backend == "sqlite" and url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    kwargs: dict[str, Any] = {}
    if backend == "sqlite":
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        if not url.database or url.database == ":memory:":
            from sqlalchemy.pool import StaticPool

            kwargs["poolclass"] = StaticPool
    elif backend == "postgresql":
        kwargs["pool_pre_ping"] = True
        kwargs["pool_size"] = 10
        kwargs["max_overflow"] = 20
        kwargs["pool_timeout"] = 10
        if url.get_driver_name() == "psycopg":
            kwargs["connect_args"] = {"connect_timeout": 5, "application_name": "newspaper-archive"}
    engine = create_engine(database_url, **kwargs)
    if backend == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: object) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            if url.database and url.database != ":memory:":
                cur.execute("PRAGMA journal_mode=WAL")
            cur.close()

    if migrate:
        from retrieval.migrate import upgrade

        upgrade(engine)
    return engine


@dataclass(frozen=True)
class PassageRow:
    id: int
    article_id: int
    text: str
    title: str
    day: date
    approximate: bool = False
    position: int = 0
    issue_day: date | None = None
    paper: str = ""
    page: int | None = None


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sessions = sessionmaker(engine, expire_on_commit=False)

    # -- ingest ---------------------------------------------------------------------
    def ingest_files(
        self,
        paths: Sequence[Path],
        default_paper: str,
        progress: Progress | None = None,
    ) -> IngestReport:
        report = IngestReport()
        found = list(discover(paths))
        manifests: dict[Path, dict[str, object]] = {}
        for path, root in progress(found) if progress else found:
            try:
                if root not in manifests:
                    manifests[root] = dict(read_manifest(root))
                if path.suffix.lower() == ".jsonl":
                    outcome = self._ingest_jsonl(path, default_paper, report)
                else:
                    issue = load_issue(path, root, manifests[root], default_paper)  # type: ignore[arg-type]
                    report.warnings.extend(issue.warnings)
                    outcome = self._ingest_issue(issue, report)
            except (ArchiveError, OSError) as exc:
                outcome = FileOutcome(path, "failed", reason=str(exc))
                logger.info("ingest failed for %s: %s", path, exc)
            report.files.append(outcome)
        if report.changed:
            self.set_meta("version", uuid.uuid4().hex)
        self.set_meta("last_ingest", datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds"))
        return report

    def _ingest_issue(self, issue: IssueFile, report: IngestReport) -> FileOutcome:
        seg = segment(issue.text, issue.issue_date)
        report.warnings.extend(f"{issue.path.name}: {w}" for w in seg.warnings)
        if not seg.articles:
            raise CorpusFormatError(f"{issue.path}: no article found in the text")
        front = issue.page or (
            1 if seg.masthead_date or any("2版" in a.continued_on for a in seg.articles) else None
        )
        rows: list[dict[str, object]] = [
            dict(
                position=a.position,
                title=a.title,
                title_derived=a.title_derived,
                headline_lines=a.headline_lines,
                text=a.text,
                authors=a.authors,
                date=a.date,
                date_approximate=a.date_approximate,
                issue_date=issue.issue_date,
                page=front,
                continued_on=a.continued_on,
                url=None,
            )
            for a in seg.articles
        ]
        return self._replace(issue.key, issue.sha256, issue.paper, issue.issue_date, issue.page, rows, issue.path)

    def _ingest_jsonl(self, path: Path, default_paper: str, report: IngestReport) -> FileOutcome:
        from retrieval.jsonl import read_jsonl

        sha, rows, warnings = read_jsonl(path, default_paper)
        report.warnings.extend(warnings)
        papers = {str(r["paper"]) for r in rows}
        dates = [d for d in (r["issue_date"] for r in rows) if isinstance(d, date)]
        return self._replace(path.name, sha, ", ".join(sorted(papers)), min(dates, default=None), None, rows, path)

    def _replace(
        self,
        key: str,
        sha: str,
        paper: str,
        issue_date: date | None,
        page: int | None,
        rows: list[dict[str, object]],
        path: Path,
    ) -> FileOutcome:
        with self.sessions.begin() as s:
            old = s.scalar(select(Issue).where(Issue.source == key))
            if old is not None and old.sha256 == sha:
                return FileOutcome(path, "unchanged", articles=len(rows))
            status = "new" if old is None else "replaced"
            if old is not None:
                s.execute(delete(Issue).where(Issue.id == old.id))
                s.flush()
            issue = Issue(
                source=key,
                sha256=sha,
                paper=paper,
                issue_date=issue_date,
                page=page,
                ingested_at=datetime.now(UTC).replace(tzinfo=None),
            )
            s.add(issue)
            s.flush()
            # Core bulk inserts (with RETURNING for the new ids): a CMS export holds
            # thousands of articles, and the ORM's per-object work would dominate.
            values = [dict(row, paper=row.get("paper", paper), issue_id=issue.id) for row in rows]
            ids = s.scalars(
                insert(Article).returning(Article.id, sort_by_parameter_order=True), values
            ).all()
            passages = [
                {"article_id": aid, "position": i, "text": t}
                for aid, row in zip(ids, rows, strict=True)
                for i, t in enumerate(passage_cutter.cut(str(row["text"])))
            ]
            if passages:
                s.execute(insert(Passage), passages)
            # The version stamp changes in the same transaction as the data: an ingest killed
            # before its end still tells every reader (and the next ingest) the index is stale.
            s.merge(Meta(key="version", value=uuid.uuid4().hex))
        return FileOutcome(path, status, articles=len(rows))

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
                    yield PassageRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9])
                last = rows[-1][0]

    def authors(self) -> list[str]:
        with self.sessions() as s:
            return [a for names in s.scalars(select(Article.authors)) for a in (names or [])]

    def article(self, article_id: int) -> ArticleView:
        with self.sessions() as s:
            art = s.get(Article, article_id)
            if art is None:
                raise NotFound(f"没有编号为 {article_id} 的文章")
            return _view(art)

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

    def article_dates(self) -> list[date]:
        with self.sessions() as s:
            return sorted(d for d in s.scalars(select(Article.date).distinct()))

    def issue_dates(self) -> list[date]:
        with self.sessions() as s:
            return sorted(d for d in s.scalars(select(Article.issue_date).distinct()))

    def articles_of_issue(self, issue_date: date) -> list[ArticleView]:
        with self.sessions() as s:
            arts = s.scalars(
                select(Article).where(Article.issue_date == issue_date).order_by(Article.issue_id, Article.position)
            ).all()
            return [_view(a) for a in arts]

    def stats(self) -> Stats:
        with self.sessions() as s:
            issues = s.scalar(select(func.count(func.distinct(Article.issue_date)))) or 0
            articles = s.scalar(select(func.count(Article.id))) or 0
            passages = s.scalar(select(func.count(Passage.id))) or 0
            first = s.scalar(select(func.min(Article.date)))
            last = s.scalar(select(func.max(Article.date)))
            papers = sorted(set(s.scalars(select(Article.paper).distinct())))
        stamp = self.get_meta("last_ingest")
        return Stats(
            issues=issues,
            articles=articles,
            passages=passages,
            papers=papers,
            first_date=first,
            last_date=last,
            last_ingest=datetime.fromisoformat(stamp) if stamp else None,
        )

    # -- small state ----------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        with self.sessions() as s:
            row = s.get(Meta, key)
            return row.value if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.sessions.begin() as s:
            s.merge(Meta(key=key, value=value))

    def save_state(self, payload: dict[str, object]) -> str:
        token = secrets.token_urlsafe(9)  # 12 characters
        with self.sessions.begin() as s:
            s.add(PageToken(token=token, payload=payload, created_at=datetime.now(UTC).replace(tzinfo=None)))
        return token

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
    Passage.position, Article.issue_date, Article.paper, Article.page,
).join(Article, Article.id == Passage.article_id)


def _view(a: Article) -> ArticleView:
    return ArticleView(
        id=a.id,
        title=a.title,
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
