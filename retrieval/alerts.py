"""Alerts: chats' standing queries, matched against each new issue, queued as one digest
per chat and issue until a bot process sends it.

    Archive.ingest ─▶ articles stored since the last pass (the `alerts_after` watermark)
                   ─▶ Searcher.matches(query, within those passages) per subscribed query
                   ─▶ digests(...) ─▶ [Digest] ─▶ AlertStore.enqueue (the queue in the database)
    bot.alerts.Dispatcher ─▶ AlertStore.claim ─▶ sendMessage ─▶ sent / blocked / retry

A subscription is matched with search's own matcher (the same parsing, words, phrases and
evidence rule; never a user's regex), on its own evidence only: no partial matches and no
weaker fill, since an alert nobody asked for is worse than none. A digest lists an issue's
matching articles for one chat once: articles already sent to that chat for the same
issue (a page ingested again, a corrected page) are left out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from retrieval.types import Hit

MAX_SUBSCRIPTIONS = 20  # per chat
MAX_QUERY = 50  # characters of one subscription
MAX_ITEMS = 10  # articles listed in one digest (the rest are counted)
MATCHES_PER_QUERY = 50  # articles of one new batch a query may match


@dataclass(frozen=True)
class SubscriptionView:
    id: int
    chat_id: int
    query: str
    created_at: datetime


@dataclass(frozen=True)
class DigestItem:
    article_id: int
    title: str  # the whole headline
    sentence: str  # the best sentence (or the excerpt) for the query
    queries: tuple[str, ...]  # the chat's subscriptions it matched


@dataclass(frozen=True)
class Digest:
    """What one chat is told about one issue."""

    chat_id: int
    paper: str
    issue_date: date
    items: tuple[DigestItem, ...]
    more: int = 0  # matching articles beyond MAX_ITEMS

    @property
    def key(self) -> str:
        """Unique per chat: the issue and the articles it lists (by title, which outlives a
        re-ingest that gives the articles new ids)."""
        titles = "\n".join(sorted(i.title for i in self.items))
        return f"{self.paper[:100]}|{self.issue_date.isoformat()}|{hashlib.sha1(titles.encode()).hexdigest()[:16]}"

    def to_payload(self) -> dict[str, object]:
        return {
            "items": [{"a": i.article_id, "t": i.title, "s": i.sentence, "q": list(i.queries)} for i in self.items],
            "more": self.more,
        }

    @classmethod
    def from_payload(cls, chat_id: int, paper: str, issue_date: date, payload: dict[str, object]) -> Digest:
        raw = payload.get("items")
        items = tuple(
            DigestItem(int(i["a"]), str(i["t"]), str(i["s"]), tuple(str(q) for q in i.get("q", [])))
            for i in (raw if isinstance(raw, list) else [])
            if isinstance(i, dict)
        )
        more = payload.get("more", 0)
        return cls(chat_id, paper, issue_date, items, int(more) if isinstance(more, int) else 0)


@dataclass(frozen=True)
class AlertJob:
    """A digest claimed for sending by one process."""

    id: int
    chat_kind: str
    attempts: int
    digest: Digest


def digests(
    subscriptions: Iterable[SubscriptionView],
    matches: dict[str, list[Hit]],
    already: dict[tuple[int, str, date], set[str]],
) -> list[Digest]:
    """One digest per chat and issue from each subscribed query's matches among the new
    articles; `already`: titles each chat was sent before for an issue (left out)."""
    found: dict[tuple[int, str, date], dict[int, tuple[Hit, list[str]]]] = {}
    for sub in subscriptions:
        for hit in matches.get(sub.query, []):
            per_issue = found.setdefault((sub.chat_id, hit.paper, hit.issue_date), {})
            entry = per_issue.setdefault(hit.article_id, (hit, []))
            if sub.query not in entry[1]:
                entry[1].append(sub.query)
    out = []
    for (chat_id, paper, day), arts in sorted(found.items(), key=lambda kv: (kv[0][0], kv[0][2], kv[0][1])):
        sent = already.get((chat_id, paper, day), set())
        items = [
            DigestItem(a, hit.headline, hit.answer or hit.excerpt, tuple(queries))
            for a, (hit, queries) in sorted(arts.items(), key=lambda kv: (-len(kv[1][1]), -kv[1][0].score, kv[0]))
            if hit.headline not in sent
        ]
        if items:
            out.append(Digest(chat_id, paper, day, tuple(items[:MAX_ITEMS]), max(0, len(items) - MAX_ITEMS)))
    return out
