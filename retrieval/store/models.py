"""SQLAlchemy models: issues, their articles, the articles' passages, and small state tables."""

from __future__ import annotations

import datetime as dt
from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAME_SIZE = 500  # a byline name's longest stored form (Article.byline's size)


class Base(DeclarativeBase):
    pass


class Issue(Base):
    """One ingested source file (a page of an issue, or one JSONL export)."""

    __tablename__ = "issues"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(500), unique=True)
    sha256: Mapped[str] = mapped_column(String(64))
    rules: Mapped[str | None] = mapped_column(String(40))  # the ingest rules the articles were made by
    paper: Mapped[str] = mapped_column(String(200))
    issue_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    page: Mapped[int | None] = mapped_column(Integer)
    ingested_at: Mapped[datetime] = mapped_column(DateTime)
    articles: Mapped[list[Article]] = relationship(
        back_populates="issue", cascade="all, delete-orphan", passive_deletes=True
    )


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    issue_id: Mapped[int] = mapped_column(ForeignKey("issues.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(500))  # the main title (主题)
    kicker: Mapped[str] = mapped_column(String(500), default="", server_default="")  # 引题
    subtitle: Mapped[str] = mapped_column(String(500), default="", server_default="")  # 副题
    byline: Mapped[str] = mapped_column(String(500), default="", server_default="")
    title_derived: Mapped[bool] = mapped_column(Boolean, default=False)
    headline_lines: Mapped[list[str]] = mapped_column(JSON, default=list)
    text: Mapped[str] = mapped_column(Text)
    authors: Mapped[list[str]] = mapped_column(JSON, default=list)
    paper: Mapped[str] = mapped_column(String(200))
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    date_approximate: Mapped[bool] = mapped_column(Boolean, default=False)
    issue_date: Mapped[dt.date] = mapped_column(Date, index=True)
    page: Mapped[int | None] = mapped_column(Integer)
    continued_on: Mapped[list[str]] = mapped_column(JSON, default=list)
    url: Mapped[str | None] = mapped_column(String(1000))

    issue: Mapped[Issue] = relationship(back_populates="articles")
    passages: Mapped[list[Passage]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True
    )


class Byline(Base):
    """One name an article is signed with (its `authors`, a row each): "what did 林韬 write"
    and "which names sign articles" are index lookups, not a scan of every article's list."""

    __tablename__ = "bylines"
    __table_args__ = (Index("ix_bylines_name", "name"),)

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_SIZE), primary_key=True)


class Passage(Base):
    """A few whole sentences of an article: the unit that search ranks."""

    __tablename__ = "passages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    article: Mapped[Article] = relationship(back_populates="passages")


class PageToken(Base):
    """A small saved payload under a random token (a result page's query and kind): a client
    keeps only the token, so the state survives restarts and works in every process."""

    __tablename__ = "page_tokens"

    token: Mapped[str] = mapped_column(String(32), primary_key=True)
    payload: Mapped[dict[str, object]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)


class Meta(Base):
    """Key/value stamps: `version` changes on every ingest that changed something."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Subscription(Base):
    """A chat's standing query (`/subscribe 曲棍球`): matched against each new issue's articles."""

    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("chat_id", "query"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    query: Mapped[str] = mapped_column(String(100))
    created_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class AlertChat(Base):
    """A chat that alerts go to: when it may next get one (Telegram's per-chat limits, shared
    by every bot process through this row), and whether it is paused (it blocked the bot)."""

    __tablename__ = "alert_chats"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(20))  # private | group | supergroup | channel
    next_at: Mapped[datetime] = mapped_column(DateTime)
    paused_at: Mapped[datetime | None] = mapped_column(DateTime)
    paused_why: Mapped[str | None] = mapped_column(String(200))


class Alert(Base):
    """One digest for one chat and one issue, waiting, being sent or sent: the queue that
    survives restarts. `key` (paper, issue date and the digest's articles) is unique per
    chat, so the same digest is never queued twice."""

    __tablename__ = "alerts"
    __table_args__ = (UniqueConstraint("chat_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    key: Mapped[str] = mapped_column(String(300))
    paper: Mapped[str] = mapped_column(String(200))
    issue_date: Mapped[dt.date] = mapped_column(Date)
    payload: Mapped[dict[str, object]] = mapped_column(JSON)
    # pending → sending → sent; or blocked (403), failed (refused, or retried too often),
    # uncertain (its sender died mid-request: never sent again, so never twice)
    state: Mapped[str] = mapped_column(String(12), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime] = mapped_column(DateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime)
