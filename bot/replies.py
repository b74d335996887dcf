"""What the bot says: user input (text or a button press) → a list of :class:`Outgoing` messages.

Shared by the Telegram handlers and the local console, so the console shows exactly what the
bot sends. Synchronous on purpose: the handlers run it in a worker thread
(``asyncio.to_thread``), because every archive call is CPU or disk bound.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol, runtime_checkable

from bot import render
from bot.callbacks import (
    ArticleButton,
    DateButton,
    OriginalButton,
    PageButton,
    PageState,
    QueryButton,
    RelatedButton,
    UndoButton,
    UnsubscribeButton,
    decode,
)
from bot.commands import COMMANDS, ChatContext, Command, Progress, Request
from bot.html import esc, strip_tags
from bot.messages import InlineArticle, Outgoing, note
from bot.render import EXPIRED
from bot.settings import BotSettings
from retrieval.alerts import SubscriptionView
from retrieval.chars import valid
from retrieval.errors import (
    ArchiveError,
    CorpusFormatError,
    DateError,
    IndexMissing,
    NotFound,
    QueryError,
    StoreUnavailable,
)
from retrieval.people import Person
from retrieval.store.alerts import Subscribed
from retrieval.trend import Trend, trend_title
from retrieval.types import ArticleView, Coverage, DateLookup, IngestReport, Related, SearchResult, Stats
from retrieval.uploads import Sent, Upload

logger = logging.getLogger(__name__)

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
    def upload(self, files: list[Sent], caption: str | None = None) -> Upload: ...
    def undo_upload(self, token: str) -> tuple[int, int, IngestReport]: ...
    def original(self, article_id: int) -> tuple[str, bytes] | None: ...
    def coverage(self) -> Coverage: ...
    def related(self, article_id: int, k: int = 8) -> Related: ...
    def trend(self, words: list[str]) -> Trend: ...
    def who(self, name: str) -> Person: ...
    def subscribe(self, chat_id: int, kind: str, query: str, user_id: int | None = None) -> Subscribed: ...
    def unsubscribe(self, chat_id: int, subscription_id: int | None = None, query: str | None = None) -> str | None: ...
    def subscriptions(self, chat_id: int) -> list[SubscriptionView]: ...
    def resume_alerts(self, chat_id: int, kind: str) -> bool: ...
    def save_state(self, payload: dict[str, object]) -> str: ...
    def load_state(self, token: str) -> dict[str, object] | None: ...
    def today(self) -> date: ...


@runtime_checkable
class Refreshable(Protocol):
    """An archive that can notice another process's ingest (:meth:`retrieval.Archive.ensure_fresh`)."""

    def ensure_fresh(self) -> bool: ...


NOT_TEXT = "我只能读文字 🙂 请用文字提问，例如「杭叉科创园」，或发送 /help 查看用法。"
TOO_FAST = "您提问太快了，请稍等一分钟再试。"
UNAVAILABLE = "⚠️ 暂时无法查询，请稍后再试。"
NOT_ADMIN = "抱歉，只有管理员可以重新导入档案。"
RELOADING = "⏳ 正在重新导入档案，请稍候…"
EMPTY_ARCHIVE = "档案还是空的：请管理员先导入报纸（/reload 或 python -m retrieval ingest）。"
NO_MORE = "没有更多结果了。"
UPLOAD_NOT_ADMIN = "抱歉，只有本档案的编辑（管理员）可以上传报纸版面。如需提问，请直接发送文字。"
UPLOAD_TOO_BIG = "文件「{name}」有 {size:.1f} MB，超过 Telegram 机器人可下载的 20 MB 上限：请拆分后再发（每版一个 PDF，或分几个 zip）。"
UPLOAD_KIND = "文件「{name}」不是版面文件：请发送 PDF、.txt，或它们的 zip 压缩包；日期写在说明里（如 2024-06-14）或文件名里。"
UPLOADING = "⏳ 已收到「{name}」，正在导入…"
UNDO_NOT_ADMIN = "只有管理员可以撤销上传。"
NO_ORIGINAL = "档案里没有这篇文章的原版 PDF。"
DRAWING = "📈 正在统计并绘图…"
NO_CHAT = "订阅只能在 Telegram 聊天里使用（提醒要发到一个聊天）。"
GROUP_ADMINS_ONLY = "只有本群的管理员可以修改本群的订阅。"
MAX_DOWNLOAD = 20 * 2**20  # Telegram's limit on files a bot may download
UPLOAD_SUFFIXES = (".pdf", ".txt", ".zip")


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
        settings: BotSettings,
        limit: RateLimit | None = None,
        clock: Callable[[], float] = time.monotonic,
        commands: tuple[Command, ...] = COMMANDS,
    ) -> None:
        self.archive = archive
        self.settings = settings
        self.commands = commands
        self._by_name = {c.name: c for c in commands}
        self.per_page = max(1, settings.results_per_page)
        per_minute = settings.questions_per_minute
        self.limit = limit or RateLimit(per_minute)
        self._told: dict[int, float] = {}  # when each limited user was last told to slow down
        self._told_lock = threading.Lock()
        self._clock = clock
        self._checked = -FRESH_EVERY
        self._fresh_lock = threading.Lock()
        self.bot_username: str | None = None  # set once the bot knows it (getMe): article links

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
        except (ArchiveError, OSError) as err:
            # The loaded index still answers: a database that does not answer the version
            # check, or a disk too full for a rebuilt index, must not turn every question
            # into an apology. Tried again after FRESH_EVERY seconds.
            logger.warning("could not check for a newer index (%s: %s): answering from the loaded one",
                           type(err).__name__, str(err)[:200])
        finally:
            self._fresh_lock.release()

    # -- text --------------------------------------------------------------------------------
    def reply(
        self, text: str, user_id: int | None = None, progress: Progress = None, chat: ChatContext | None = None
    ) -> list[Outgoing]:
        """A message (command or question) → the replies. ``progress`` receives interim
        messages (``/reload``'s "please wait") before the work is done."""
        text = valid(text).strip()  # a lone surrogate echoed back could not be sent
        if text.startswith("/"):
            refused = self.limited(user_id)
            if refused is not None:
                return refused
            name, arg = _split_command(text)
            return self.command(name, arg, user_id, progress, chat)
        return self.ask(text, user_id)

    def offline(self, text: str) -> bool:
        """True when `text` is a command whose reply needs no archive (/help, /start, an
        unknown command): the handler answers it on the event loop, without a worker thread."""
        text = text.strip()
        if not text.startswith("/"):
            return False
        name, arg = _split_command(text)
        cmd = self._by_name.get(name)
        if name == "start" and arg:
            return False  # a deep link to an article: that needs the archive
        return cmd is None or not cmd.needs_archive

    def limited(self, user_id: int | None) -> list[Outgoing] | None:
        """None when `user_id` may go on; else what to say: one notice per window, then
        nothing (a flood of refusals would spend the bot's sending budget for everyone).
        Every kind of update counts against the same per-user budget."""
        if user_id is None or self.limit.allow(user_id):
            return None
        now = self._clock()
        with self._told_lock:
            if now - self._told.get(user_id, float("-inf")) < self.limit.window:
                return []
            self._told[user_id] = now
        return [note(TOO_FAST)]

    def command(
        self, name: str, arg: str, user_id: int | None = None, progress: Progress = None,
        chat: ChatContext | None = None,
    ) -> list[Outgoing]:
        try:
            return self._command(name, arg, user_id, progress, chat)
        except STORE_DOWN as err:
            return [_unavailable(err)]

    def needs_chat_admin(self, text: str) -> bool:
        """Whether `text` is a command only a group's administrators may run (/subscribe)."""
        if not text.strip().startswith("/"):
            return False
        cmd = self._by_name.get(_split_command(text.strip())[0])
        return cmd is not None and cmd.group_admin

    @staticmethod
    def press_needs_chat_admin(data: str) -> bool:
        """Whether a button only a group's administrators may press (removing a subscription)."""
        return isinstance(decode(data), UnsubscribeButton)

    def _command(
        self, name: str, arg: str, user_id: int | None, progress: Progress, chat: ChatContext | None
    ) -> list[Outgoing]:
        cmd = self._by_name.get(name)
        if cmd is None:
            return [note(f"未知命令 /{name[:50]}。发送 /help 查看可用的命令。")]
        if cmd.usage and not arg:
            return [Outgoing(f"用法：{esc(cmd.usage)}")]
        try:
            return cmd.run(self, Request(arg, user_id, progress, chat))
        except ArchiveError as err:
            return [self._error(err)]

    def help(self) -> Outgoing:
        return render.render_help(self.settings.default_paper, self.commands)

    def ask(self, question: str, user_id: int | None = None, counted: bool = False) -> list[Outgoing]:
        """A question → the best sentence plus the first page of hits (or a clear "nothing").
        `counted`: the caller has already charged this to the user's budget (/search)."""
        try:
            return self._ask(valid(question), None if counted else user_id)
        except STORE_DOWN as err:
            return [_unavailable(err)]

    def _ask(self, question: str, user_id: int | None) -> list[Outgoing]:
        question = question.strip()
        if not question:
            return [Outgoing("请直接发送一个问题，例如「招商大会签约了多少项目」，或发送 /help 查看用法。")]
        refused = self.limited(user_id)
        if refused is not None:
            return refused
        self.refresh()
        try:
            result = self.archive.search(question, k=self.per_page, offset=0)
        except ArchiveError as err:
            return [self._error(err)]
        if result.lookup is not None:  # only a date was asked: its articles, as /date lists them
            state = PageState("date", result.lookup.filter.label)
            return [self._scoped(render.render_lookup(result.lookup, 0, self._token_if_paged(state, result.lookup)))]
        if result.author is not None:  # an author was asked for: their articles, newest first
            paged = len(result.author.articles) > render.LIST_PAGE
            token = self.archive.save_state(PageState("search", question).to_payload()) if paged else None
            return [self._scoped(render.render_author(result.author, 0, token))]
        if not result.hits:
            return [self._scoped(render.render_nothing_found(question, result))]
        paged = result.total > len(result.hits)
        token = self.archive.save_state(PageState("search", question).to_payload()) if paged else None
        return [self._scoped(render.render_results(result, 0, self.per_page, token))]

    def _scoped(self, out: Outgoing) -> Outgoing:
        """A result list ends with the range it searched (`检索范围：5 期，2023-02-17 至 …`);
        when the database cannot say (down, slow), the answer from the index goes out without it."""
        try:
            return render.with_scope(out, self.archive.coverage().scope())
        except ArchiveError as err:
            logger.warning("searched range unavailable (%s): answering without it", type(err).__name__)
            return out

    def coverage(self) -> list[Outgoing]:
        self.refresh()
        return [render.render_coverage(self.archive.coverage())]

    def trend(self, arg: str, progress: Progress = None) -> list[Outgoing]:
        """/trend 词 [词2 …]: a chart of mentions per issue, with a button per period that has any."""
        self.refresh()
        if progress is not None:
            progress(note(DRAWING))
        found = self.archive.trend(arg.split())
        if not any(s.total for s in found.series):
            return [render.render_trend_empty(found)]
        from retrieval.chart import trend_chart

        chart = trend_chart(found, trend_title(found))
        words = " ".join(s.word for s in found.series if s.total)
        periods = found.active_periods()[-render.TREND_BUTTONS :]
        tokens = [self.archive.save_state(PageState("search", f"{words} {found.period_label(p)}").to_payload())
                  for p in periods]
        return [render.render_trend(found, chart.png, list(zip(periods, tokens, strict=True)))]

    def who(self, arg: str) -> list[Outgoing]:
        """/who 名字: mentions, roles with dates, names in the same articles, latest articles."""
        self.refresh()
        return [render.render_person(self.archive.who(arg))]

    # -- alerts ------------------------------------------------------------------------------
    def _alert_chat(self, chat: ChatContext | None) -> Outgoing | None:
        """Why this chat may not change its subscriptions, or None."""
        if chat is None:
            return note(NO_CHAT)
        if chat.kind != "private" and not chat.admin:
            return note(GROUP_ADMINS_ONLY)
        return None

    def subscribe(self, arg: str, chat: ChatContext | None, user_id: int | None) -> list[Outgoing]:
        refused = self._alert_chat(chat)
        if refused is not None or chat is None:
            return [refused or note(NO_CHAT)]
        return [render.render_subscribed(self.archive.subscribe(chat.id, chat.kind, arg, user_id))]

    def unsubscribe(self, arg: str, chat: ChatContext | None) -> list[Outgoing]:
        refused = self._alert_chat(chat)
        if refused is not None or chat is None:
            return [refused or note(NO_CHAT)]
        removed = self.archive.unsubscribe(chat.id, query=arg)
        if removed is None:
            return [render.render_subscriptions(self.archive.subscriptions(chat.id), f"没有订阅“{arg[:50]}”。")]
        return [render.render_subscriptions(self.archive.subscriptions(chat.id), f"已退订“{removed}”。")]

    def subscriptions(self, chat: ChatContext | None) -> list[Outgoing]:
        if chat is None:
            return [note(NO_CHAT)]
        resumed = self.archive.resume_alerts(chat.id, chat.kind)
        head = "之前消息无法送达，提醒已暂停；现在已恢复。" if resumed else None
        return [render.render_subscriptions(self.archive.subscriptions(chat.id), head)]

    def reload(self, user_id: int | None, progress: Progress = None) -> list[Outgoing]:
        if user_id is not None and user_id not in self.settings.admin_user_ids:
            return [note(NOT_ADMIN)]
        if progress is not None:
            progress(note(RELOADING))
        logger.info("reload requested by %s", user_id if user_id is not None else "console")
        report = self.archive.ingest()
        return [render.render_ingest(report)]

    # -- editors' uploads ---------------------------------------------------------------------
    def is_admin(self, user_id: int | None) -> bool:
        return user_id is None or user_id in self.settings.admin_user_ids

    def check_upload(self, user_id: int | None, name: str, size: int | None) -> Outgoing | None:
        """Before a document is downloaded: why it will not be (a non-admin, a file over
        Telegram's 20 MB bot download limit, not a page file), or None."""
        if not self.is_admin(user_id):
            return note(UPLOAD_NOT_ADMIN)
        if size is not None and size > MAX_DOWNLOAD:
            return note(UPLOAD_TOO_BIG.format(name=name[:100], size=size / 2**20))
        if not name.lower().endswith(UPLOAD_SUFFIXES):
            return note(UPLOAD_KIND.format(name=name[:100]))
        return None

    def upload(self, user_id: int | None, files: list[Sent], caption: str | None = None) -> list[Outgoing]:
        """An editor's documents (page PDFs or text, an issue's PDF, a zip of them; several
        sent at once are one upload) → stored, ingested, the index swapped; the reply lists
        what each page held and offers `撤销` for all of them."""
        for f in files:
            refused = self.check_upload(user_id, f.name, len(f.data))
            if refused is not None:
                return [refused]
        logger.info("upload of %d file(s), %d bytes, by %s", len(files), sum(len(f.data) for f in files),
                    user_id if user_id is not None else "console")
        try:
            return [render.render_upload(self.archive.upload(files, caption))]
        except STORE_DOWN as err:
            return [_unavailable(err)]
        except ArchiveError as err:
            return [self._error(err)]

    def undo(self, token: str, user_id: int | None) -> Pressed:
        if not self.is_admin(user_id):
            return Pressed(toast=UNDO_NOT_ADMIN)
        try:
            restored, removed, report = self.archive.undo_upload(token)
        except CorpusFormatError as err:
            return Pressed(toast=str(err)[:190])
        failed = report.count("failed")
        text = f"↩️ 已撤销这次上传：恢复 {restored} 个原有文件，移除 {removed} 个新版面" + (
            f"（{failed} 个文件恢复时出错）" if failed else ""
        ) + "。档案已回到上传前的状态。"
        return Pressed(toast="已撤销", send=[note(text)])

    # -- buttons -----------------------------------------------------------------------------
    def press(self, data: str, user_id: int | None = None, chat: ChatContext | None = None) -> Pressed:
        """A button's ``callback_data`` → toast, edit and new messages.

        Anything may arrive here: a client can send any ``callback_data`` up to 64 bytes. Unknown
        or malformed data, unknown or expired tokens and missing articles all get the same "expired"
        answer. Tokens are random (72 bits) and name public archive content, so a token from
        someone else's results (a group's buttons, a forwarded message) simply works."""
        if self.limited(user_id) is not None:
            return Pressed(toast=TOO_FAST)  # the press must be answered, with a toast only
        try:
            return self._press(data, user_id, chat)
        except STORE_DOWN as err:
            out = _unavailable(err)
            return Pressed(toast=_plain_prefix(out.text))

    def _press(self, data: str, user_id: int | None, chat: ChatContext | None = None) -> Pressed:
        try:
            match decode(data):
                case PageButton(token, page):
                    payload = self.archive.load_state(token)
                    if payload is None:
                        return _expired()
                    state = PageState.from_payload(payload)
                    return Pressed(edit=self.show(state, page, token) if state else note(EXPIRED))
                case ArticleButton(article_id):
                    return Pressed(send=render.render_article(self.archive.article(article_id), self.bot_username))
                case DateButton(day):
                    return Pressed(send=[self.show(PageState("date", day), 0)])
                case OriginalButton(article_id):
                    found = self.archive.original(article_id)
                    if found is None:
                        return Pressed(toast=NO_ORIGINAL)
                    view = self.archive.article(article_id)
                    return Pressed(send=[render.render_original(view, *found)])
                case RelatedButton(article_id):
                    return Pressed(send=[render.render_related(self.archive.related(article_id))])
                case UndoButton(token):
                    return self.undo(token, user_id)
                case UnsubscribeButton(subscription_id):
                    refused = self._alert_chat(chat)
                    if refused is not None or chat is None:
                        return Pressed(toast=_plain_prefix((refused or note(NO_CHAT)).text))
                    removed = self.archive.unsubscribe(chat.id, subscription_id)
                    said = f"已退订“{removed}”。" if removed is not None else "这个订阅已经不在了。"
                    return Pressed(toast=said, edit=render.render_subscriptions(self.archive.subscriptions(chat.id), said))
                case QueryButton(token):
                    payload = self.archive.load_state(token)
                    state = PageState.from_payload(payload) if payload is not None else None
                    if state is None:
                        return _expired()
                    return Pressed(send=[self.show(state, 0, token)])
        except NotFound:
            return _expired()
        except STORE_DOWN:
            raise  # a toast only (see press): the message under the button stays as it was
        except ArchiveError as err:
            out = self._error(err)
            return Pressed(toast=_plain_prefix(out.text), send=[out])
        return _expired()

    # -- result pages ------------------------------------------------------------------------
    def show(self, state: PageState, page: int, token: str | None = None) -> Outgoing:
        """Page `page` of what `state` names; `token` is the state's saved token, if it has
        one (a listing longer than a page gets one here, so its buttons can page it)."""
        if state.kind == "search":
            self.refresh()
            result = self.archive.search(state.query, k=self.per_page, offset=page * self.per_page)
            if result.author is not None:
                return self._scoped(render.render_author(result.author, page, token))
            if not result.hits:
                return note(NO_MORE)
            return self._scoped(render.render_results(result, page, self.per_page, token))
        if state.kind == "date":
            lookup = self.archive.by_date(state.query)
            return self._scoped(render.render_lookup(lookup, page, token or self._token_if_paged(state, lookup)))
        if state.kind == "latest":
            lookup = self.archive.latest_issue()
            if not lookup.articles:
                return note("档案里还没有报纸。")
            first = lookup.articles[0]
            heading = f"最新一期：{first.paper} {render.fmt_date(first.issue_date)}"
            token = token or self._token_if_paged(state, lookup)
            return render.render_listing(heading, lookup.articles, page, token, by_day=False)
        lookup = self.archive.on_this_day()
        today = self.archive.today()
        token = token or self._token_if_paged(state, lookup)
        return render.render_lookup(lookup, page, token, f"往年今日（{today.month}月{today.day}日）")

    def _token_if_paged(self, state: PageState, lookup: DateLookup) -> str | None:
        if len(lookup.articles) <= render.LIST_PAGE:
            return None
        return self.archive.save_state(state.to_payload())

    # -- inline mode -------------------------------------------------------------------------
    def open_article(self, arg: str) -> list[Outgoing] | None:
        """`/start a_<id>` (a deep link to an article) → the article; None for another start."""
        m = re.fullmatch(rf"{render.DEEP_LINK}(\d{{1,12}})", arg.strip())
        if m is None:
            return None
        try:
            return render.render_article(self.archive.article(int(m.group(1))), self.bot_username)
        except NotFound:
            return [note("这篇文章已不在档案中（链接可能已过期）。发送 /help 查看用法。")]

    def inline(self, query: str, user_id: int | None = None) -> list[InlineArticle]:
        """``@bot 关键词`` → up to 10 articles (one result per article); ``a:<id>`` (what the
        share button types) → that article."""
        query = valid(query)
        if not query.strip() or self.limited(user_id) is not None:
            return []
        shared = re.fullmatch(rf"{render.SHARE_PREFIX}(\d{{1,12}})", query.strip())
        if shared is not None:
            try:
                return [render.render_inline_article(self.archive.article(int(shared.group(1))))]
            except NotFound:
                return []
            except STORE_DOWN as err:
                _unavailable(err)
                return []
        try:
            self.refresh()
            result = self.archive.search(query.strip(), k=INLINE_RESULTS * 2)
        except STORE_DOWN as err:  # before ArchiveError, its base class: log the outage
            _unavailable(err)
            return []
        except ArchiveError:
            return []
        out: list[InlineArticle] = []
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


def _split_command(text: str) -> tuple[str, str]:
    """"/Date@bot 2024年" → ("date", "2024年")."""
    head, _, arg = text.partition(" ") if " " in text else text.partition("\n")
    return head[1:].split("@", 1)[0].lower(), arg.strip()


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
    text = strip_tags(html)
    return text if len(text) <= 180 else text[:179] + "…"
