"""What the bot says: user input (text or a button press) → a list of :class:`Outgoing` messages.

Shared by the Telegram handlers and the local console, so the console shows exactly what the
bot sends. Synchronous on purpose: the handlers run it in a worker thread
(``asyncio.to_thread``), because every archive call is CPU or disk bound.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol, runtime_checkable

from bot import render
from bot.render import EXPIRED, Outgoing, note
from retrieval.errors import ArchiveError, DateError, IndexMissing, NotFound, QueryError, StoreUnavailable
from retrieval.settings import Settings
from retrieval.types import ArticleView, DateLookup, IngestReport, SearchResult, Stats

logger = logging.getLogger(__name__)

Progress = Callable[[Outgoing], None] | None  # receives interim messages ("please wait")

FRESH_EVERY = 5.0  # seconds between checks of the database's version stamp (another process ingested?)
# The database cannot be reached (server down, restarting, pool exhausted).
STORE_DOWN: tuple[type[Exception], ...] = (StoreUnavailable,)
INLINE_RESULTS = 10


class ArchiveAPI(Protocol):
    """The part of :class:`retrieval.Archive` the bot uses (a seam for tests)."""

    def search(self, query: str, k: int = 10, offset: int = 0) -> SearchResult: ...
    def article(self, article_id: int) -> ArticleView: ...
    def by_date(self, expr: str) -> DateLookup: ...
    def latest_issue(self) -> DateLookup: ...
    def on_this_day(self) -> DateLookup: ...
    def stats(self) -> Stats: ...
    def ingest(self, paths: list[Path] | None = None) -> IngestReport: ...
    def save_state(self, payload: dict[str, object]) -> str: ...
    def load_state(self, token: str) -> dict[str, object] | None: ...
    def today(self) -> date: ...


@runtime_checkable
class Refreshable(Protocol):
    """An archive that can notice another process's ingest (:meth:`retrieval.Archive.ensure_fresh`)."""

    def ensure_fresh(self) -> bool: ...


@dataclass(frozen=True)
class Command:
    name: str
    description: str  # for set_my_commands and /help
    usage: str = ""


COMMANDS: tuple[Command, ...] = (
    Command("start", "开始使用"),
    Command("help", "用法与示例"),
    Command("search", "搜索报道", "/search 关键词，例如 /search 杭叉科创园"),
    Command("date", "按日期浏览", "/date 日期，例如 /date 2024-06-14、/date 2024年6月、/date 昨天"),
    Command("latest", "最新一期"),
    Command("today", "往年今日"),
    Command("stats", "档案概况"),
    Command("reload", "重新导入档案（管理员）"),
)
_BY_NAME = {c.name: c for c in COMMANDS}

HELP = """📚 <b>今日拱墅 报刊档案助手</b>

直接发问题，我在报纸档案里找答案，并给出出处。例如：
• 招商大会签约了多少项目
• 杭叉科创园
• 李志龙3月20日走访了哪些企业

命令：
/date 2024-06-14 — 某一天（或 2024年6月 整月）的报道
/latest — 最新一期
/today — 往年今日
/search 关键词 — 搜索（群聊里用）
/stats — 档案概况
/help — 本帮助

在群里：@我 提问，或回复我的消息。在任意聊天输入 @机器人用户名 关键词 可分享报道。"""

NOT_TEXT = "我只能读文字 🙂 请用文字提问，例如「杭叉科创园」，或发送 /help 查看用法。"
TOO_FAST = "您提问太快了，请稍等一分钟再试。"
UNAVAILABLE = "⚠️ 暂时无法查询，请稍后再试。"
NOT_ADMIN = "抱歉，只有管理员可以重新导入档案。"
RELOADING = "⏳ 正在重新导入档案，请稍候…"
EMPTY_ARCHIVE = "档案还是空的：请管理员先导入报纸（/reload 或 python -m retrieval ingest）。"
NO_MORE = "没有更多结果了。"


@dataclass(frozen=True)
class Pressed:
    """The outcome of a button press: a toast (answerCallbackQuery), an edit of the pressed
    message, and new messages."""

    toast: str | None = None
    edit: Outgoing | None = None
    send: list[Outgoing] = field(default_factory=list)


class RateLimit:
    """At most ``limit`` events per ``window`` seconds per key (thread-safe sliding window)."""

    def __init__(self, limit: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._events: dict[int, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: int) -> bool:
        now = self.clock()
        with self._lock:
            events = self._events.setdefault(key, deque())
            while events and events[0] <= now - self.window:
                events.popleft()
            if len(events) >= self.limit:
                return False
            events.append(now)
            return True


class Replier:
    """Turns what a user sends into the messages the bot sends back.

    ``user_id`` is the Telegram user, or ``None`` for the local console (trusted: admin, not
    rate limited).
    """

    def __init__(
        self,
        archive: ArchiveAPI,
        settings: Settings,
        limit: RateLimit | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.archive = archive
        self.settings = settings
        self.per_page = max(1, settings.results_per_page)
        per_minute = settings.questions_per_minute
        self.limit = limit or RateLimit(per_minute)
        self._clock = clock
        self._checked = -FRESH_EVERY
        self._fresh_lock = threading.Lock()

    def refresh(self) -> None:
        """At most every few seconds: reload the index if another process ingested since."""
        if not isinstance(self.archive, Refreshable):
            return
        now = self._clock()
        if now - self._checked < FRESH_EVERY or not self._fresh_lock.acquire(blocking=False):
            return  # checked recently, or another thread is checking right now
        try:
            self._checked = now
            if self.archive.ensure_fresh():
                logger.info("another process ingested: search index reloaded")
        finally:
            self._fresh_lock.release()

    # -- text --------------------------------------------------------------------------------
    def reply(
        self, text: str, user_id: int | None = None, progress: Progress = None
    ) -> list[Outgoing]:
        """A message (command or question) → the replies. ``progress`` receives interim
        messages (``/reload``'s "please wait") before the work is done."""
        text = text.strip()
        if text.startswith("/"):
            head, _, arg = text.partition(" ") if " " in text else text.partition("\n")
            name = head[1:].split("@", 1)[0].lower()
            return self.command(name, arg.strip(), user_id, progress)
        return self.ask(text, user_id)

    def command(
        self, name: str, arg: str, user_id: int | None = None, progress: Progress = None
    ) -> list[Outgoing]:
        try:
            return self._command(name, arg, user_id, progress)
        except STORE_DOWN as err:
            return [_unavailable(err)]

    def _command(self, name: str, arg: str, user_id: int | None, progress: Progress) -> list[Outgoing]:
        cmd = _BY_NAME.get(name)
        if cmd is None:
            return [note(f"未知命令 /{name[:50]}。发送 /help 查看可用的命令。")]
        if cmd.usage and not arg:
            return [Outgoing(f"用法：{render.esc(cmd.usage)}")]
        try:
            match name:
                case "start" | "help":
                    return [Outgoing(HELP)]
                case "search":
                    return self.ask(arg, user_id)
                case "date":
                    return [self._lookup_page({"k": "d", "e": arg}, self.archive.by_date(arg), 0)]
                case "latest":
                    return [self._latest_page({"k": "l"}, 0)]
                case "today":
                    return [self._today_page({"k": "t"}, 0)]
                case "stats":
                    return [render.render_stats(self.archive.stats())]
                case "reload":
                    return self.reload(user_id, progress)
        except ArchiveError as err:
            return [self._error(err)]
        return [note(f"未知命令 /{name}。")]

    def ask(self, question: str, user_id: int | None = None) -> list[Outgoing]:
        """A question → the best sentence plus the first page of hits (or a clear "nothing")."""
        try:
            return self._ask(question, user_id)
        except STORE_DOWN as err:
            return [_unavailable(err)]

    def _ask(self, question: str, user_id: int | None) -> list[Outgoing]:
        question = question.strip()
        if not question:
            return [Outgoing("请直接发送一个问题，例如「招商大会签约了多少项目」，或发送 /help 查看用法。")]
        if user_id is not None and not self.limit.allow(user_id):
            return [note(TOO_FAST)]
        self.refresh()
        try:
            result = self.archive.search(question, k=self.per_page, offset=0)
        except ArchiveError as err:
            return [self._error(err)]
        if not result.hits:
            return [render.render_nothing_found(question, result)]
        paged = result.total > len(result.hits)
        token = self.archive.save_state({"k": "s", "q": question}) if paged else None
        return [render.render_results(result, 0, self.per_page, token)]

    def reload(self, user_id: int | None, progress: Progress = None) -> list[Outgoing]:
        if user_id is not None and user_id not in self.settings.admin_user_ids:
            return [note(NOT_ADMIN)]
        if progress is not None:
            progress(note(RELOADING))
        logger.info("reload requested by %s", user_id if user_id is not None else "console")
        report = self.archive.ingest()
        return [render.render_ingest(report)]

    # -- buttons -----------------------------------------------------------------------------
    def press(self, data: str, user_id: int | None = None) -> Pressed:
        """A button's ``callback_data`` → toast, edit and new messages.

        Anything may arrive here: a client can send any ``callback_data`` up to 64 bytes. Unknown
        or malformed data, unknown or expired tokens and missing articles all get the same "expired"
        answer. Tokens are random (72 bits) and name public archive content, so a token from
        someone else's results (a group's buttons, a forwarded message) simply works."""
        try:
            return self._press(data, user_id)
        except STORE_DOWN as err:
            out = _unavailable(err)
            return Pressed(toast=_plain_prefix(out.text))

    def _press(self, data: str, user_id: int | None) -> Pressed:
        kind, _, rest = data.partition(":")
        try:
            if kind == "p":
                token, _, page_text = rest.rpartition(":")
                state = self.archive.load_state(token) if token else None
                if state is None or not (page_text.isascii() and page_text.isdigit()):
                    return _expired()
                return Pressed(edit=self._page({**state, "_token": token}, int(page_text)))
            if kind == "a" and rest.isascii() and rest.isdigit():
                return Pressed(send=render.render_article(self.archive.article(int(rest))))
            if kind == "d" and rest:
                return Pressed(send=[self._lookup_page({"k": "d", "e": rest}, self.archive.by_date(rest), 0)])
        except NotFound:
            return _expired()
        except STORE_DOWN:
            raise  # a toast only (see press): the message under the button stays as it was
        except ArchiveError as err:
            out = self._error(err)
            return Pressed(toast=_plain_prefix(out.text), send=[out])
        return _expired()

    def _page(self, state: dict[str, object], page: int) -> Outgoing:
        kind = state.get("k")
        if kind == "s":
            self.refresh()
            query = str(state.get("q", ""))
            result = self.archive.search(query, k=self.per_page, offset=page * self.per_page)
            if not result.hits:
                return note(NO_MORE)
            return render.render_results(result, page, self.per_page, _token_of(state))
        if kind == "d":
            return self._lookup_page(state, self.archive.by_date(str(state.get("e", ""))), page)
        if kind == "l":
            return self._latest_page(state, page)
        if kind == "t":
            return self._today_page(state, page)
        return note(EXPIRED)

    # -- listings ----------------------------------------------------------------------------
    def _lookup_page(self, state: dict[str, object], lookup: DateLookup, page: int) -> Outgoing:
        token = _token_of(state) or self._token_if_paged(state, len(lookup.articles))
        return render.render_lookup(lookup, page, token)

    def _latest_page(self, state: dict[str, object], page: int) -> Outgoing:
        lookup = self.archive.latest_issue()
        if not lookup.articles:
            return note("档案里还没有报纸。")
        token = _token_of(state) or self._token_if_paged(state, len(lookup.articles))
        first = lookup.articles[0]
        heading = f"最新一期：{first.paper} {render.fmt_date(first.issue_date)}"
        return render.render_listing(heading, lookup.articles, page, token, by_day=False)

    def _today_page(self, state: dict[str, object], page: int) -> Outgoing:
        lookup = self.archive.on_this_day()
        today = self.archive.today()
        token = _token_of(state) or self._token_if_paged(state, len(lookup.articles))
        return render.render_lookup(lookup, page, token, f"往年今日（{today.month}月{today.day}日）")

    def _token_if_paged(self, state: dict[str, object], count: int) -> str | None:
        if count <= render.LIST_PAGE:
            return None
        token = self.archive.save_state(state)
        state["_token"] = token
        return token

    # -- inline mode -------------------------------------------------------------------------
    def inline(self, query: str) -> list[render.InlineArticle]:
        """``@bot 关键词`` → up to 10 articles (one result per article)."""
        if not query.strip():
            return []
        try:
            self.refresh()
            result = self.archive.search(query.strip(), k=INLINE_RESULTS * 2)
        except ArchiveError:
            return []
        except STORE_DOWN as err:
            _unavailable(err)
            return []
        out: list[render.InlineArticle] = []
        seen: set[int] = set()
        for hit in result.hits:
            if hit.article_id in seen:
                continue
            seen.add(hit.article_id)
            try:
                view = self.archive.article(hit.article_id)
            except NotFound:
                continue
            except STORE_DOWN as err:
                _unavailable(err)
                return out
            out.append(render.render_inline(hit, view))
            if len(out) == INLINE_RESULTS:
                break
        return out

    # -- errors ------------------------------------------------------------------------------
    def _error(self, err: ArchiveError) -> Outgoing:
        if isinstance(err, StoreUnavailable):
            return _unavailable(err)
        if isinstance(err, IndexMissing):
            return note(EMPTY_ARCHIVE)
        if isinstance(err, DateError):
            return note(f"📅 {err}")
        if isinstance(err, QueryError):
            return note(f"🔍 {err}")
        logger.warning("archive error: %s", err)
        return note(f"⚠️ {err}")


def _token_of(state: dict[str, object]) -> str | None:
    token = state.get("_token")
    return token if isinstance(token, str) else None


def _unavailable(err: Exception) -> Outgoing:
    """The database is unreachable: one short line in the log (no SQL, no parameters), a short
    reply to the user; the next question tries again (the pool re-checks its connections)."""
    cause = err.__cause__ or err
    cause = getattr(cause, "orig", None) or cause
    first = str(cause).strip().splitlines()[0] if str(cause).strip() else ""
    logger.warning("database unavailable: %s: %s", type(cause).__name__, first[:200])
    return note(UNAVAILABLE)


def _expired() -> Pressed:
    return Pressed(toast=EXPIRED, send=[note(EXPIRED + "。")])


def _plain_prefix(html: str) -> str:
    text = render.strip_tags(html)
    return text if len(text) <= 180 else text[:179] + "…"
