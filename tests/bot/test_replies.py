"""bot/replies.py (the shared reply builder) over a tiny in-memory archive, plus the CLI edges
and the token-redacting log filter."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot import __main__ as cli
from bot.messages import Outgoing
from bot.redact import Redactor, RedactRecords
from bot.render import EXPIRED, NEXT
from bot.replies import NOT_ADMIN, RELOADING, TOO_FAST, RateLimit, Replier
from bot.settings import BotSettings
from retrieval import DateError, NotFound, QueryError
from retrieval.coverage import coverage
from retrieval.dates import DateFilter
from retrieval.types import (
    ArticleView,
    Coverage,
    DateLookup,
    FileOutcome,
    Hit,
    IngestReport,
    IssueRow,
    SearchResult,
    Stats,
)
from tests.helpers.values import article, hit


class FakeArchive:
    """Implements the part of `retrieval.Archive` the bot uses (bot.replies.ArchiveAPI)."""

    def __init__(self) -> None:
        self.states: dict[str, dict[str, object]] = {}
        self.ingested = 0

    def search(self, query: str, k: int = 10, offset: int = 0) -> SearchResult:
        if "2月30日" in query:
            raise DateError("2月没有30日")
        if not query.strip("😀 "):
            raise QueryError("问题里没有可检索的词")
        if query == "无":
            return SearchResult(query, [query], None, [], 0)
        hits: list[Hit] = [hit(article_id=i) for i in range(offset + 1, min(offset + k, 10) + 1)]
        return SearchResult(query, [query], None, hits, 10)

    def article(self, article_id: int) -> ArticleView:
        if article_id > 100:
            raise NotFound(f"no article {article_id}")
        return article(id=article_id)

    def by_date(self, expr: str) -> DateLookup:
        f = DateFilter(start=date(2024, 6, 14), end=date(2024, 6, 14), label=expr)
        return DateLookup(f, [article(id=i) for i in range(1, 13)], [])

    def latest_issue(self) -> DateLookup:
        return self.by_date("2024-06-14")

    def on_this_day(self) -> DateLookup:
        return DateLookup(DateFilter(month=6, day=14, label="6月14日"), [], [date(2024, 6, 14)])

    def stats(self) -> Stats:
        return Stats(1, 12, 30, ["今日拱墅"], date(2024, 6, 14), date(2024, 6, 14), None)

    def coverage(self) -> Coverage:
        return coverage([IssueRow("今日拱墅", date(2024, 6, 14), 1, 12)], None)

    def ingest(self, paths: list[Path] | None = None) -> IngestReport:
        self.ingested += 1
        return IngestReport([FileOutcome(Path("a.txt"), "unchanged")])

    def save_state(self, payload: dict[str, object]) -> str:
        token = f"t{len(self.states)}"
        self.states[token] = dict(payload)
        return token

    def load_state(self, token: str) -> dict[str, object] | None:
        return self.states.get(token)

    def today(self) -> date:
        return date(2026, 6, 14)


@pytest.fixture
def replier() -> Replier:
    settings = BotSettings(_env_file=None, admin_user_ids=frozenset({1}))
    return Replier(FakeArchive(), settings, RateLimit(1000, clock=lambda: 0.0))


@pytest.fixture
def strict() -> Replier:
    """A replier that lets each user do three things a minute."""
    settings = BotSettings(_env_file=None, admin_user_ids=frozenset({1}))
    return Replier(FakeArchive(), settings, RateLimit(3, clock=lambda: 0.0), clock=lambda: 0.0)


def texts(outs: list[Outgoing]) -> str:
    return "\n".join(o.text for o in outs)


def test_question_then_pages_share_one_token(replier: Replier) -> None:
    [first] = replier.reply("杭叉科创园", 5)
    data = {b.text: b.data for row in first.buttons for b in row}
    assert data[NEXT] == "p:t0:1"
    pressed = replier.press(data[NEXT], 5)
    assert pressed.edit is not None and pressed.toast is None
    assert {b.data for row in pressed.edit.buttons for b in row} >= {"p:t0:0", "p:t0:2"}
    assert len(replier.archive.states) == 1  # type: ignore[attr-defined]


def test_expired_and_garbage_buttons(replier: Replier) -> None:
    for data in ("p:nope:1", "a:999", "zzz", "p::x", "a:"):
        pressed = replier.press(data, 5)
        assert pressed.toast == EXPIRED
        assert EXPIRED in texts(pressed.send)


def test_errors_become_chinese_replies(replier: Replier) -> None:
    assert "2月没有30日" in texts(replier.reply("2月30日开了什么会", 5))
    assert "没有可检索的词" in texts(replier.reply("😀😀", 5))
    assert "档案中没有找到" in texts(replier.reply("无", 5))
    assert "请直接发送一个问题" in texts(replier.reply("   ", 5))
    assert texts(replier.reply("/date", 5)).startswith("用法")
    assert "/help" in texts(replier.reply("/frobnicate", 5))
    assert "往年今日" in texts(replier.reply("/today", 5))


def test_rate_limit_is_per_user(strict: Replier) -> None:
    replier = strict
    for _ in range(3):
        assert TOO_FAST not in texts(replier.reply("杭叉科创园", 7))
    assert texts(replier.reply("杭叉科创园", 7)) == TOO_FAST
    assert TOO_FAST not in texts(replier.reply("杭叉科创园", 8))
    assert TOO_FAST not in texts(replier.reply("杭叉科创园", None))  # the console


@pytest.mark.parametrize(
    "flood",
    [
        lambda r, u: r.reply("/date 2024年", u),
        lambda r, u: r.reply("/latest", u),
        lambda r, u: r.reply("/stats", u),
        lambda r, u: r.reply("/help", u),
        lambda r, u: r.reply("/search 杭叉", u),
        lambda r, u: r.press("a:10", u).send,
        lambda r, u: r.inline("杭叉科创园", u),
    ],
    ids=["date", "latest", "stats", "help", "search", "press", "inline"],
)
def test_every_kind_of_update_counts_and_refusals_are_told_once(strict: Replier, flood: Any) -> None:
    for _ in range(3):
        flood(strict, 9)
    assert strict.press("a:10", 9).toast == TOO_FAST  # over budget: every kind is refused
    assert texts(strict.reply("/latest", 9)) in (TOO_FAST, "")  # told once per window …
    assert strict.reply("杭叉科创园", 9) == []  # … then silence: no message at all
    assert strict.reply("/stats", 9) == [] and strict.inline("杭叉", 9) == []
    assert TOO_FAST not in texts(strict.reply("/stats", 10))  # others are untouched


def test_reload_only_for_admins(replier: Replier) -> None:
    assert texts(replier.reply("/reload", 5)) == NOT_ADMIN
    seen: list[Outgoing] = []
    outs = replier.reply("/reload@archive_test_bot", 1, seen.append)
    assert [o.text for o in seen] == [RELOADING]
    assert "重新导入完成" in texts(outs)
    assert replier.archive.ingested == 1  # type: ignore[attr-defined]


def test_long_listing_pages(replier: Replier) -> None:
    [out] = replier.reply("/date 2024-06-14", 5)
    nav = [b.data for b in out.buttons[-1]]
    assert nav == ["p:t0:1"]
    pressed = replier.press("p:t0:1", 5)
    assert pressed.edit is not None and "11." in pressed.edit.text


def test_inline_one_result_per_article(replier: Replier) -> None:
    found = replier.inline("杭叉科创园")
    assert 1 <= len(found) <= 10 and len({r.id for r in found}) == len(found)
    assert replier.inline("  ") == []


def test_token_is_redacted_from_logs(caplog: pytest.LogCaptureFixture) -> None:
    token = "123456:SECRET-token"
    record = logging.LogRecord("httpx", logging.INFO, __file__, 1, "POST https://x/bot%s/getMe", (token,), None)
    assert RedactRecords(Redactor([token])).filter(record)
    assert token not in record.getMessage() and "[REDACTED]" in record.getMessage()


def test_cli_without_token_explains_botfather(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    root = logging.getLogger()
    handlers = list(root.handlers)
    try:
        assert cli.main([]) == 2
    finally:
        for h in root.handlers[:]:
            if h not in handlers:
                root.removeHandler(h)
    err = capsys.readouterr().err
    assert "@BotFather" in err and "TELEGRAM_BOT_TOKEN" in err and "./run.sh console" in err
