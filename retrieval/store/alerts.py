"""The alerts' tables: subscriptions, the chats alerts go to, and the queue of digests.

Every state change a second process could race is one compare-and-set UPDATE (its WHERE
holds the state it expects, and `rowcount` says who won), which SQLite and PostgreSQL both
make atomic:

    claim   a chat whose `next_at` has passed: next_at → now + the chat's gap (1 s for a
            private chat, 3 s for a group: Telegram's 20 a minute), then one of its digests
            pending → sending, stamped with the claiming process
    sent    sending → sent, with the message id
    retry   sending → pending, later (network error, flood control)
    blocked sending → blocked, and the chat paused (403: the user blocked the bot)
    expire  sending for longer than a lease → uncertain: its process died mid-request, and
            Telegram may have delivered it, so it is never sent again (never twice)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from retrieval.alerts import MAX_SUBSCRIPTIONS, AlertJob, Digest, SubscriptionView
from retrieval.store.models import Alert, AlertChat, Article, Meta, Subscription

ALERTS_AFTER = "alerts_after"  # the last article id the alert pass has seen
GAPS = {"private": timedelta(seconds=1), "group": timedelta(seconds=3)}
MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class Subscribed:
    """What `/subscribe` did: "added", "exists" or "full" (the chat has MAX_SUBSCRIPTIONS)."""

    status: str
    subscription: SubscriptionView | None
    count: int  # the chat's subscriptions now
    resumed: bool = False  # the chat was paused (it had blocked the bot) and is not any more


def utcnow() -> datetime:
    """The store's clock: naive UTC, as every stored timestamp."""
    return datetime.now(UTC).replace(tzinfo=None)


def _view(s: Subscription) -> SubscriptionView:
    return SubscriptionView(s.id, s.chat_id, s.query, s.created_at)


def _changed(s: Session, statement: Any) -> int:
    """Rows an UPDATE changed: who won a compare-and-set."""
    return int(cast(CursorResult[Any], s.execute(statement)).rowcount)


def _gap(kind: str) -> timedelta:
    return GAPS["private"] if kind == "private" else GAPS["group"]


class AlertStore:
    def __init__(self, sessions: sessionmaker[Session], writes: sessionmaker[Session]) -> None:
        self.sessions = sessions  # reads
        self.writes = writes  # transactions that write (BEGIN IMMEDIATE on SQLite)

    # -- subscriptions ------------------------------------------------------------------
    def subscribe(self, chat_id: int, kind: str, query: str, user_id: int | None, now: datetime) -> Subscribed:
        with self.writes.begin() as s:
            resumed = self._resume(s, chat_id, kind, now)
            if s.scalar(select(func.count(Meta.key)).where(Meta.key == ALERTS_AFTER)) == 0:
                # the first subscription ever: the pass starts from what is stored now, so
                # the archive's back issues are never sent as alerts
                s.add(Meta(key=ALERTS_AFTER, value=str(s.scalar(select(func.max(Article.id))) or 0)))
            existing = s.scalar(select(Subscription).where(Subscription.chat_id == chat_id, Subscription.query == query))
            count = s.scalar(select(func.count(Subscription.id)).where(Subscription.chat_id == chat_id)) or 0
            if existing is not None:
                return Subscribed("exists", _view(existing), count, resumed)
            if count >= MAX_SUBSCRIPTIONS:
                return Subscribed("full", None, count, resumed)
            row = Subscription(chat_id=chat_id, query=query, created_by=user_id, created_at=now)
            s.add(row)
            try:
                s.flush()
            except IntegrityError:  # the same subscription added at the same moment elsewhere
                return Subscribed("exists", None, count, resumed)
            return Subscribed("added", _view(row), count + 1, resumed)

    def _resume(self, s: Session, chat_id: int, kind: str, now: datetime) -> bool:
        chat = s.get(AlertChat, chat_id)
        if chat is None:
            s.add(AlertChat(chat_id=chat_id, kind=kind, next_at=now))
            return False
        chat.kind = kind
        if chat.paused_at is None:
            return False
        chat.paused_at = chat.paused_why = None
        return True

    def resume(self, chat_id: int, kind: str, now: datetime) -> bool:
        """The chat talks to the bot again: alerts to it resume. Whether it was paused."""
        with self.writes.begin() as s:
            return self._resume(s, chat_id, kind, now)

    def unsubscribe(self, chat_id: int, subscription_id: int | None = None, query: str | None = None) -> str | None:
        """Remove one of the chat's subscriptions (by id, or by its query): its query, or None."""
        with self.writes.begin() as s:
            where = [Subscription.chat_id == chat_id]
            where.append(Subscription.id == subscription_id if subscription_id is not None else Subscription.query == query)
            row = s.scalar(select(Subscription).where(*where))
            if row is None:
                return None
            s.delete(row)
            return row.query

    def subscriptions(self, chat_id: int) -> list[SubscriptionView]:
        with self.sessions() as s:
            rows = s.scalars(select(Subscription).where(Subscription.chat_id == chat_id).order_by(Subscription.id))
            return [_view(r) for r in rows]

    def paused(self, chat_id: int) -> bool:
        with self.sessions() as s:
            chat = s.get(AlertChat, chat_id)
            return chat is not None and chat.paused_at is not None

    def active(self) -> list[SubscriptionView]:
        """Every subscription of a chat that is not paused."""
        with self.sessions() as s:
            paused = select(AlertChat.chat_id).where(AlertChat.paused_at.is_not(None))
            rows = s.scalars(select(Subscription).where(Subscription.chat_id.not_in(paused)).order_by(Subscription.id))
            return [_view(r) for r in rows]

    # -- the pass after an ingest ---------------------------------------------------------
    def watermark(self) -> int | None:
        with self.sessions() as s:
            row = s.get(Meta, ALERTS_AFTER)
            return int(row.value) if row is not None else None

    def set_watermark(self, article_id: int) -> None:
        with self.writes.begin() as s:
            s.merge(Meta(key=ALERTS_AFTER, value=str(article_id)))

    def new_articles(self, after: int) -> list[tuple[int, date]]:
        """(id, issue date) of every article stored after article `after`."""
        with self.sessions() as s:
            return [(r.id, r.issue_date) for r in s.execute(select(Article.id, Article.issue_date).where(Article.id > after))]

    def last_article(self) -> int:
        with self.sessions() as s:
            return int(s.scalar(select(func.max(Article.id))) or 0)

    def sent_titles(self, keys: set[tuple[int, str, date]]) -> dict[tuple[int, str, date], set[str]]:
        """The titles already queued or sent to each (chat, paper, issue date)."""
        out: dict[tuple[int, str, date], set[str]] = {}
        if not keys:
            return out
        with self.sessions() as s:
            chats = {c for c, _, _ in keys}
            rows = s.execute(select(Alert.chat_id, Alert.paper, Alert.issue_date, Alert.payload).where(Alert.chat_id.in_(chats)))
            for chat_id, paper, day, payload in rows:
                if (chat_id, paper, day) in keys:
                    d = Digest.from_payload(chat_id, paper, day, payload)
                    out.setdefault((chat_id, paper, day), set()).update(i.title for i in d.items)
        return out

    def enqueue(self, found: list[Digest], now: datetime) -> int:
        """Queue digests (one already queued under its key is left alone): how many were added."""
        added = 0
        for d in found:
            try:
                with self.writes.begin() as s:
                    if s.scalar(select(func.count(Alert.id)).where(Alert.chat_id == d.chat_id, Alert.key == d.key)):
                        continue
                    s.add(Alert(chat_id=d.chat_id, key=d.key, paper=d.paper, issue_date=d.issue_date,
                                payload=d.to_payload(), state="pending", attempts=0, not_before=now, created_at=now))
            except IntegrityError:  # another process queued it just now
                continue
            added += 1
        return added

    # -- sending ------------------------------------------------------------------------
    def claim(self, worker: str, now: datetime) -> AlertJob | None:
        """One pending digest whose chat may get a message now, claimed for `worker`."""
        with self.sessions() as s:
            candidates = s.execute(
                select(Alert.id, Alert.chat_id, AlertChat.kind)
                .join(AlertChat, AlertChat.chat_id == Alert.chat_id)
                .where(Alert.state == "pending", Alert.not_before <= now, AlertChat.next_at <= now,
                       AlertChat.paused_at.is_(None))
                .order_by(Alert.id)
                .limit(20)
            ).all()
        tried: set[int] = set()
        for alert_id, chat_id, kind in candidates:
            if chat_id in tried:
                continue
            tried.add(chat_id)
            with self.writes.begin() as s:
                took_chat = _changed(s, update(AlertChat).where(AlertChat.chat_id == chat_id, AlertChat.next_at <= now)
                                     .values(next_at=now + _gap(kind)))
                if not took_chat:
                    continue  # another process is sending to this chat right now
                took = _changed(s, update(Alert).where(Alert.id == alert_id, Alert.state == "pending")
                                .values(state="sending", claimed_by=worker, claimed_at=now, attempts=Alert.attempts + 1))
                if not took:
                    continue
                row = s.get(Alert, alert_id)
                assert row is not None
                digest = Digest.from_payload(row.chat_id, row.paper, row.issue_date, row.payload)
                return AlertJob(row.id, kind, row.attempts, digest)
        return None

    def _finish(self, alert_id: int, worker: str, **values: object) -> bool:
        with self.writes.begin() as s:
            return bool(_changed(s, update(Alert).where(Alert.id == alert_id, Alert.state == "sending",
                                                        Alert.claimed_by == worker).values(**values)))

    def sent(self, alert_id: int, worker: str, message_id: int, now: datetime) -> bool:
        return self._finish(alert_id, worker, state="sent", sent_at=now, message_id=message_id, error=None)

    def retry(self, job: AlertJob, worker: str, after: timedelta, error: str, now: datetime) -> bool:
        """Back to the queue for later; after MAX_ATTEMPTS, failed."""
        if job.attempts >= MAX_ATTEMPTS:
            return self._finish(job.id, worker, state="failed", error=error[:300])
        return self._finish(job.id, worker, state="pending", not_before=now + after, error=error[:300])

    def uncertain(self, alert_id: int, worker: str, error: str) -> bool:
        """The request may or may not have been delivered: never sent again."""
        return self._finish(alert_id, worker, state="uncertain", error=error[:300])

    def failed(self, alert_id: int, worker: str, error: str) -> bool:
        return self._finish(alert_id, worker, state="failed", error=error[:300])

    def blocked(self, job: AlertJob, worker: str, why: str, now: datetime) -> None:
        """403: the chat blocked the bot (or removed it): this digest is dropped and the chat
        paused, so it is not retried forever; it resumes when the chat talks to the bot."""
        with self.writes.begin() as s:  # both or neither
            s.execute(update(Alert).where(Alert.id == job.id, Alert.state == "sending", Alert.claimed_by == worker)
                      .values(state="blocked", error=why[:300]))
            s.execute(update(AlertChat).where(AlertChat.chat_id == job.digest.chat_id)
                      .values(paused_at=now, paused_why=why[:200]))

    def expire(self, now: datetime, lease: timedelta) -> int:
        """Digests left `sending` longer than `lease` (their process died) → uncertain. (Read
        first: an idle sender asks this every few seconds and should not take the write lock.)"""
        stale = (Alert.state == "sending", Alert.claimed_at < now - lease)
        with self.sessions() as s:
            if not s.scalar(select(func.count(Alert.id)).where(*stale)):
                return 0
        with self.writes.begin() as s:
            return _changed(s, update(Alert).where(*stale).values(state="uncertain"))

    def counts(self) -> dict[str, int]:
        with self.sessions() as s:
            return {state: n for state, n in s.execute(select(Alert.state, func.count(Alert.id)).group_by(Alert.state))}
