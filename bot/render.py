"""Renderers: the archive's result values → `Outgoing` messages (Telegram HTML, buttons).

Pure functions; nothing here talks to Telegram or to the archive. Escaping and length
budgets come from `bot.html`, the button wire format from `bot.callbacks`, the message
values from `bot.messages`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from bot.callbacks import (
    ArticleButton,
    DateButton,
    OriginalButton,
    PageButton,
    QueryButton,
    RelatedButton,
    UndoButton,
    UnsubscribeButton,
    encode,
)
from bot.html import CAPTION_LIMIT, LIMIT, clip, esc, fit_lines, marked, split_paragraphs, tg_len
from bot.messages import COPY_LIMIT, Attachment, Button, InlineArticle, Outgoing
from retrieval.alerts import MAX_SUBSCRIPTIONS, Digest, SubscriptionView
from retrieval.coverage import coverage_lines
from retrieval.people import Person
from retrieval.store.alerts import Subscribed
from retrieval.trend import Trend, trend_title, word_summary
from retrieval.types import (
    ArticleView,
    AuthorLookup,
    Coverage,
    DateLookup,
    Hit,
    IngestReport,
    Related,
    SearchResult,
    Stats,
)
from retrieval.uploads import Upload

if TYPE_CHECKING:
    from bot.commands.base import Command

BUTTON_TEXT = 28  # characters of a headline shown on a button
LIST_PAGE = 10  # headlines per page of a date listing

NEXT = "更多结果 ▶"
PREV = "◀ 上一页"
EXPIRED = "结果已过期，请重新搜索"


@dataclass
class _Parts:
    """Accumulates the pieces of one message."""

    pieces: list[str] = field(default_factory=list)

    def add(self, html: str) -> None:
        self.pieces.append(html)

    def text(self) -> str:
        return "\n".join(self.pieces)


# -- small formatting helpers ------------------------------------------------------------------
def fmt_date(d: date, approximate: bool = False) -> str:
    text = f"{d.year}年{d.month}月{d.day}日"
    return f"约{text}" if approximate else text


def source_line(paper: str, issue_date: date, page: int | None) -> str:
    """`今日拱墅 · 2024年6月14日 · 第1版`, escaped."""
    parts = [clip(paper, 40), fmt_date(issue_date)]
    if page:
        parts.append(f"第{page}版")
    return " · ".join(parts)


def button_title(number: int, title: str) -> str:
    title = " ".join(title.split())
    if len(title) > BUTTON_TEXT:
        title = title[: BUTTON_TEXT - 1] + "…"
    return f"{number}. {title}" if title else str(number)


def _nav_row(token: str | None, page: int, has_more: bool) -> tuple[Button, ...]:
    if token is None:
        return ()
    row: list[Button] = []
    if page > 0:
        row.append(Button(PREV, encode(PageButton(token, page - 1))))
    if has_more:
        row.append(Button(NEXT, encode(PageButton(token, page + 1))))
    return tuple(row)


def _rows(*rows: Sequence[Button]) -> tuple[tuple[Button, ...], ...]:
    return tuple(tuple(r) for r in rows if r)


# -- search results ----------------------------------------------------------------------------
def render_results(result: SearchResult, page: int, per_page: int, token: str | None) -> Outgoing:
    """One page of answers: on the first page the best sentence, then the hits, numbered."""
    if not result.hits:
        return render_nothing_found(result.query, result)
    parts = _Parts()
    if result.notice:
        parts.add(f"<i>{clip(result.notice, 300)}</i>\n")
    if page == 0 and result.hits[0].answer:  # none when no sentence holds the question's words
        top = result.hits[0]
        answer = marked(top.answer, top.answer_highlights, 700)
        parts.add(f"💡 {answer}")
        parts.add(f"—— {source_line(top.paper, top.issue_date, top.page)}《{clip(top.title, 120)}》\n")
    budget = (LIMIT - 1200) // max(1, len(result.hits))
    first = page * per_page
    for i, hit in enumerate(result.hits):
        parts.add(_render_hit(first + i + 1, hit, budget))
    pages = max(1, -(-result.total // per_page))
    parts.add(f"<i>第 {page + 1}/{pages} 页 · 共 {result.total} 条结果</i>")
    has_more = first + len(result.hits) < result.total
    article_row = [
        Button(f"📄 {first + i + 1} 全文", encode(ArticleButton(hit.article_id))) for i, hit in enumerate(result.hits)
    ]
    return Outgoing(parts.text(), _rows(article_row[:8], _nav_row(token, page, has_more)))


def headline_html(kicker: str, title: str, subtitle: str, limit: int, number: int | None = None) -> str:
    """A headline as papers print it: the main title in bold, the kicker above it and the
    sub-title below it in plain text."""
    lead = f"{number}. " if number is not None else ""
    lines = [clip(kicker, limit // 2)] if kicker else []
    lines.append(f"<b>{lead}{clip(title, limit)}</b>")
    if subtitle:
        lines.append(clip(subtitle, limit // 2))
    return "\n".join(lines)


def _render_hit(number: int, hit: Hit, budget: int) -> str:
    title = headline_html(hit.kicker, hit.title, hit.subtitle, 150, number)
    when = source_line(hit.paper, hit.issue_date, hit.page)
    if hit.date != hit.issue_date:
        when += f"（报道日期 {fmt_date(hit.date, hit.date_approximate)}）"
    excerpt = marked(hit.excerpt, hit.highlights, max(100, budget - tg_len(title) - tg_len(when) - 20))
    return f"{title}\n{when}\n{excerpt}\n"


def render_nothing_found(query: str, result: SearchResult | None = None) -> Outgoing:
    where = ""
    if result is not None and result.filter is not None:
        where = f"在{clip(result.filter.describe(), 60)}的报道中"
    lines = [
        f"🔍 档案中没有找到{where}与「{clip(query, 100)}」相关的内容。",
        "",
        "可以试试：",
        "• 用更少、更具体的词，例如「杭叉科创园」",
        "• 换一个日期，或去掉日期",
        "• 用 /date 2024-06-14 按日期浏览，/latest 看最新一期",
    ]
    if result is not None and result.notice:
        lines.insert(1, f"<i>{clip(result.notice, 300)}</i>")
    return Outgoing("\n".join(lines))


# -- date listings -----------------------------------------------------------------------------
def render_listing(
    heading: str,
    articles: Sequence[ArticleView],
    page: int,
    token: str | None,
    by_day: bool = True,
    per_page: int = LIST_PAGE,
) -> Outgoing:
    """Numbered headlines (grouped by day when ``by_day``), one button per article."""
    first = page * per_page
    shown = articles[first : first + per_page]
    parts = _Parts()
    parts.add(f"📰 <b>{clip(heading, 200)}</b>　共 {len(articles)} 篇")
    day: date | None = None
    buttons: list[tuple[Button, ...]] = []
    for i, a in enumerate(shown, start=first + 1):
        if by_day and a.date != day:
            day = a.date
            parts.add(f"\n<b>{fmt_date(day, a.date_approximate)}</b>")
        where = f"{fmt_date(a.issue_date)}第{a.page}版" if a.page else fmt_date(a.issue_date)
        parts.add(f"{i}. {clip(a.title, 200)}（{clip(a.paper, 40)} {where}）")
        buttons.append((Button(button_title(i, a.title), encode(ArticleButton(a.id))),))
    pages = max(1, -(-len(articles) // per_page))
    if pages > 1:
        parts.add(f"\n<i>第 {page + 1}/{pages} 页</i>")
    parts.add("\n点下面的按钮阅读全文。")
    nav = _nav_row(token, page, first + per_page < len(articles))
    return Outgoing(parts.text(), (*buttons, *_rows(nav)))


def render_author(found: AuthorLookup, page: int, token: str | None) -> Outgoing:
    """An author's articles (`林韬写了哪些报道`), newest first, as a listing."""
    if not found.articles:  # only with a date: an author is only recognised by their articles
        return Outgoing(f"档案里没有{clip(found.describe(), 80)}。去掉日期可以看全部。")
    return render_listing(f"{found.describe()}（最新的在前）", found.articles, page, token)


def render_lookup(lookup: DateLookup, page: int, token: str | None, heading: str | None = None) -> Outgoing:
    """A date's articles, or, when there are none, the nearest dates that have some, as buttons."""
    what = heading or lookup.filter.describe()
    if lookup.articles:
        return render_listing(what, lookup.articles, page, token)
    text = f"📭 档案中没有{clip(what, 100)}的报道。"
    if not lookup.nearest:
        return Outgoing(text)
    text += "\n最近有报道的日期："
    row = tuple(Button(fmt_date(d), encode(DateButton(d.isoformat()))) for d in lookup.nearest[:6])
    return Outgoing(text, tuple(row[i : i + 3] for i in range(0, len(row), 3)))


# -- whole article -----------------------------------------------------------------------------
def render_article(view: ArticleView, bot_username: str | None = None) -> list[Outgoing]:
    """Title, dates, authors, page, full text (as many messages as needed), citation; under
    the last message: copy the citation, share the article into another chat (inline mode),
    the printed page when the archive has its PDF; and a link that opens this article."""
    head = _Parts()
    head.add(headline_html(view.kicker, view.title, view.subtitle, 300))
    head.add(source_line(view.paper, view.issue_date, view.page))
    if view.date != view.issue_date:
        head.add(f"报道日期：{fmt_date(view.date, view.date_approximate)}")
    if view.byline:
        head.add(clip(view.byline, 200))
    if view.authors:
        head.add(f"作者：{clip('、'.join(view.authors), 200)}")
    if view.joined:
        head.add(f"转版：{clip('、'.join(view.continued_on), 100)}（各版已接续为全文）")
    elif view.continued_on:
        head.add(f"转版：{clip('、'.join(view.continued_on), 100)}（另一部分不在档案中）")
    header = head.text() + "\n\n"
    citation = f"\n\n📎 引用：{clip(view.citation(), 800)}"
    if bot_username:
        citation += f"\n🔗 {esc(deep_link(bot_username, view.id))}"
    budget = LIMIT - 16
    chunks = split_paragraphs(view.text, budget - tg_len(header), budget)
    texts = [header + chunks[0], *chunks[1:]]
    if tg_len(texts[-1] + citation) <= budget:
        texts[-1] += citation
    else:
        texts.append(citation.strip())
    if len(texts) > 1:
        texts = [f"{t}\n<i>（{i}/{len(texts)}）</i>" for i, t in enumerate(texts, start=1)]
    outs = [Outgoing(t) for t in texts]
    row = [Button(RELATED, encode(RelatedButton(view.id))), Button(SHARE, share_query(view.id), kind="inline")]
    if len(view.citation()) <= COPY_LIMIT:
        row.insert(0, Button(COPY_CITATION, view.citation(), kind="copy"))
    if has_original(view):
        row.append(Button(ORIGINAL, encode(OriginalButton(view.id))))
    outs[-1] = Outgoing(outs[-1].text, (tuple(row),))  # the last message carries the buttons
    return outs


ORIGINAL = "📄 原版 PDF"
RELATED = "🔗 相关报道"
COPY_CITATION = "📋 复制引用"
SHARE = "↗ 分享"
SHARE_PREFIX = "a:"  # an inline query `a:<id>` offers that one article (the share button's)
DEEP_LINK = "a_"  # /start a_<id> (t.me/<bot>?start=a_<id>) opens an article


def share_query(article_id: int) -> str:
    return f"{SHARE_PREFIX}{article_id}"


def deep_link(bot_username: str, article_id: int) -> str:
    return f"https://t.me/{bot_username}?start={DEEP_LINK}{article_id}"


def render_inline_article(view: ArticleView) -> InlineArticle:
    """An article shared through inline mode (the share button): its headline, opening, citation."""
    opening = " ".join(view.text.split())
    return _inline_result(f"a{view.id}", view.kicker, view.title, view.subtitle, view.issue_date,
                          opening, clip(opening, 600), view)


def has_original(view: ArticleView) -> bool:
    """The article's page came from an e-paper PDF the archive keeps."""
    return view.source.partition("#")[0].lower().endswith(".pdf")


def render_original(view: ArticleView, filename: str, data: bytes) -> Outgoing:
    """The printed page as a document, captioned with the article's source."""
    caption = f"{headline_html(view.kicker, view.title, view.subtitle, 200)}\n{source_line(view.paper, view.issue_date, view.page)}"
    return Outgoing(caption, attachment=Attachment("document", data, filename))


def render_upload(upload: Upload) -> Outgoing:
    """An editor's upload: the files stored, each page's articles (title, date), warnings,
    the files refused and why; an undo button when something was stored."""
    report = upload.report
    if upload.token is None:
        lines = ["⚠️ <b>没有导入任何版面</b>，档案没有变化。"]
    else:
        when = f"{fmt_date(upload.issue_date)} " if upload.issue_date else ""
        lines = [
            f"✅ <b>已导入 {clip(upload.paper, 40)} {when}</b>",
            f"文件：新增 {report.count('new')}，更新 {report.count('replaced')}，未变 {report.count('unchanged')}，"
            f"失败 {report.count('failed')}；文章 {report.articles} 篇",
        ]
    for f in report.files:
        if f.status == "failed":
            lines.append(f"⚠️ {clip(f.path.name, 100)}：{clip(f.reason or '', 300)}")
            continue
        lines.append(f"📄 {clip(f.path.name, 100)}：{f.articles} 篇")
        for a in f.found[:12]:
            approx = "（约）" if a.date_approximate else ""
            lines.append(f"  · {clip(a.title, 60)}　{a.date.isoformat()}{approx}")
        if len(f.found) > 12:
            lines.append(f"  …… 另有 {len(f.found) - 12} 篇")
    for name, why in upload.refused:
        lines.append(f"⛔ {clip(name, 100)}：{clip(why, 300)}")
    for w in report.warnings[:5]:
        lines.append(f"• {clip(w, 300)}")
    if len(report.warnings) > 5:
        lines.append(f"…… 另有 {len(report.warnings) - 5} 条提示")
    buttons = ((Button(UNDO, encode(UndoButton(upload.token))),),) if upload.token else ()
    return Outgoing(fit_lines(lines), buttons)


UNDO = "撤销"


# -- inline mode -------------------------------------------------------------------------------
def render_inline(hit: Hit, view: ArticleView) -> InlineArticle:
    """An inline result: choosing it posts the excerpt with its citation."""
    return _inline_result(f"{hit.article_id}-{hit.passage_id}"[:64], hit.kicker, hit.title, hit.subtitle, hit.issue_date,
                          hit.excerpt, marked(hit.excerpt, hit.highlights, 2400), view)


def _inline_result(
    result_id: str, kicker: str, title: str, subtitle: str, when: date, plain: str, body: str, view: ArticleView
) -> InlineArticle:
    description = f"{fmt_date(when)} · {' '.join(plain.split())}"[:200]
    message = f"{headline_html(kicker, title, subtitle, 300)}\n{body}\n\n📎 {clip(view.citation(), 800)}"
    return InlineArticle(result_id, " ".join(title.split())[:100] or "（无标题）", description, message)


# -- archive overview, reload, plain notes -----------------------------------------------------
def render_stats(stats: Stats) -> Outgoing:
    lines = ["📚 <b>档案概况</b>"]
    if stats.papers:
        lines.append(f"报纸：{clip('、'.join(stats.papers), 300)}")
    lines.append(f"期数：{stats.issues}　文章：{stats.articles}　段落：{stats.passages}")
    if stats.first_date and stats.last_date:
        lines.append(f"时间范围：{fmt_date(stats.first_date)} — {fmt_date(stats.last_date)}")
    if stats.last_ingest:
        zone = f"（{stats.last_ingest.tzname()}）" if stats.last_ingest.tzinfo else ""
        lines.append(f"最近导入：{stats.last_ingest:%Y-%m-%d %H:%M}{zone}")
    return Outgoing("\n".join(lines))


def render_ingest(report: IngestReport) -> Outgoing:
    lines = [
        "✅ <b>重新导入完成</b>",
        f"文件：{len(report.files)} 个（新增 {report.count('new')}，更新 {report.count('replaced')}，"
        f"未变 {report.count('unchanged')}，失败 {report.count('failed')}）",
        f"导入文章：{report.articles} 篇",
    ]
    for f in report.files:
        if f.status == "failed":
            lines.append(f"⚠️ {clip(f.path.name, 100)}：{clip(f.reason or '', 300)}")
    for w in report.warnings[:5]:
        lines.append(f"• {clip(w, 300)}")
    if len(report.warnings) > 5:
        lines.append(f"…… 另有 {len(report.warnings) - 5} 条提示")
    return Outgoing(fit_lines(lines))


# -- help ----------------------------------------------------------------------------------------
HELP_EXAMPLES = ("招商大会签约了多少项目", "杭叉科创园", "李志龙3月20日走访了哪些企业")


def render_help(paper: str, commands: Sequence[Command]) -> Outgoing:
    """/help, written from the command registry so it lists exactly the commands there are."""
    lines = [
        f"📚 <b>{clip(paper, 60)} 报刊档案助手</b>",
        "",
        "直接发问题，我在报纸档案里找答案，并给出出处。例如：",
        *(f"• {clip(q, 100)}" for q in HELP_EXAMPLES),
        "",
        "命令：",
    ]
    for c in commands:
        call = f"/{c.name} {clip(c.example, 60)}" if c.example else f"/{c.name}"
        lines.append(f"{call} — {clip(c.description, 200)}")
    lines += ["", "在群里：@我 提问，或回复我的消息。在任意聊天输入 @机器人用户名 关键词 可分享报道。"]
    return Outgoing("\n".join(lines))


# -- coverage ------------------------------------------------------------------------------------
def with_scope(out: Outgoing, scope: str) -> Outgoing:
    """`out` ending with the searched range, when it fits."""
    text = f"{out.text}\n<i>{esc(scope)}</i>"
    return Outgoing(text, out.buttons, out.attachment) if tg_len(text) <= LIMIT else out


def render_coverage(cov: Coverage) -> Outgoing:
    """/coverage: the archive's coverage (`retrieval.coverage.coverage_lines`), paper names bold."""
    lines = [esc(line) for line in coverage_lines(cov)]
    names = {esc(p.paper) for p in cov.papers}
    for k, line in enumerate(lines):
        head, sep, rest = line.partition("：")
        if head in names or k == 0:
            lines[k] = f"<b>{head}</b>{sep}{rest}"
    return Outgoing(fit_lines(lines))


def render_related(rel: Related) -> Outgoing:
    """`相关报道`: the same item printed elsewhere (同题) first, then the other articles about
    the event or its people, newest first, each with a button to open it."""
    head = f"🔗 <b>相关报道</b>：《{clip(rel.article.title, 80)}》"
    if not rel.same and not rel.others:
        return Outgoing(f"{head}\n档案里没有找到相关的其他报道。")
    lines = [head]
    listed = [*rel.same, *rel.others][:LIST_PAGE]
    for i, v in enumerate(listed, 1):
        mark = "（同题）" if v in rel.same else ""
        lines.append(f"{i}. {fmt_date(v.date, v.date_approximate)} · {clip(v.title, 80)}{mark}")
    if rel.others:
        oldest = min(rel.others, key=lambda v: v.date)
        lines.append(f"<i>最早一篇：{fmt_date(oldest.date)}；最新一篇：{fmt_date(rel.others[0].date)}</i>")
    row = [Button(f"📄 {i}", encode(ArticleButton(v.id))) for i, v in enumerate(listed, 1)]
    return Outgoing(fit_lines(lines), tuple(tuple(row[k : k + 4]) for k in range(0, len(row), 4)))


TREND_BUTTONS = 12  # period buttons under a chart (the latest periods with mentions)


def render_trend(t: Trend, png: bytes, periods: list[tuple[str, str]]) -> Outgoing:
    """/trend: the chart as a photo; the caption gives each word's totals, first and last
    mention; a button per period with mentions (`(period, saved search token)`) opens its hits."""
    unit = "月" if t.unit == "month" else "年"
    lines = [f"📈 <b>{esc(trend_title(t))}</b>", *(esc(word_summary(s)) for s in t.series)]
    lines.append(f"<i>按{unit}统计每期平均提及次数，共 {sum(t.issues)} 期；点下面的{unit}份看当时的报道。</i>")
    row = [Button(t.period_label(p), encode(QueryButton(token))) for p, token in periods]
    return Outgoing(
        fit_lines(lines, CAPTION_LIMIT), tuple(tuple(row[k : k + 4]) for k in range(0, len(row), 4)),
        Attachment("photo", png, "trend.png"),
    )


def render_trend_empty(t: Trend) -> Outgoing:
    words = "、".join(f"「{s.word}」" for s in t.series)
    return Outgoing(f"📈 档案中没有出现过{esc(words)}，没有可画的趋势。试试别的写法或更短的词。")


def render_person(p: Person) -> Outgoing:
    """/who: mentions and dates, the roles printed beside the name with the dates each was
    seen, the names most often in the same articles, and the latest articles with buttons."""
    if not p.articles:
        return Outgoing(f"👤 档案中没有“{esc(p.name)}”。试试全名，或别的写法。")
    span = f"最早 {fmt_date(p.first)}，最近 {fmt_date(p.last)}" if p.first and p.last and p.first != p.last else (
        f"只见于 {fmt_date(p.first)}" if p.first else "")
    lines = [f"👤 <b>{esc(p.name)}</b>：{p.articles} 篇文章提到，共 {p.mentions} 次；{span}"]
    if p.roles:
        lines.append("<b>身份</b>（报上印在名字旁的）：")
        for r in p.roles[:8]:
            when = f"{fmt_date(r.first)} 至 {fmt_date(r.last)}" if r.first != r.last else fmt_date(r.first)
            lines.append(f"· {esc(clip(r.title, 40))}　{when}（{r.seen} 篇）")
    if p.companions:
        lines.append("<b>常在同一篇中出现</b>：" + "、".join(f"{esc(n)}（{k}）" for n, k in p.companions))
    lines.append("<b>最近的文章</b>：")
    lines += [f"{i}. {fmt_date(m.issue_date)} · {esc(clip(m.title, 80))}" for i, m in enumerate(p.latest, 1)]
    row = [Button(f"📄 {i}", encode(ArticleButton(m.article_id))) for i, m in enumerate(p.latest, 1)]
    return Outgoing(fit_lines(lines), (tuple(row),) if row else ())


def render_subscribed(done: Subscribed) -> Outgoing:
    """/subscribe's answer: added, already there, or the chat has as many as it may."""
    resumed = "\n之前消息无法送达，提醒已暂停；现在已恢复。" if done.resumed else ""
    if done.status == "full":
        return Outgoing(f"🔔 本聊天已有 {done.count} 个订阅，最多 {MAX_SUBSCRIPTIONS} 个：请先用 /subs 退订一些。{resumed}")
    query = esc(done.subscription.query) if done.subscription else ""
    if done.status == "exists":
        return Outgoing(f"🔔 已经订阅了“{query}”（共 {done.count} 个订阅，/subs 查看）。{resumed}")
    return Outgoing(
        f"🔔 已订阅“{query}”：之后每有新一期报纸刊出相关报道，这里会收到一条提醒（每期一条）。"
        f"\n共 {done.count} 个订阅；/subs 查看或退订。{resumed}"
    )


def render_subscriptions(subs: Sequence[SubscriptionView], head: str | None = None) -> Outgoing:
    """/subs: the chat's subscriptions, a button to remove each."""
    lines = [esc(head)] if head else []
    if not subs:
        lines.append("🔔 本聊天还没有订阅。用 /subscribe 关键词 订阅，例如 /subscribe 曲棍球")
        return Outgoing("\n".join(lines))
    lines.append(f"🔔 <b>本聊天的订阅</b>（{len(subs)}/{MAX_SUBSCRIPTIONS}）：")
    lines += [f"{i}. {esc(s.query)}" for i, s in enumerate(subs, 1)]
    row = [Button(f"✖ {i} {clip(s.query, 12)}", encode(UnsubscribeButton(s.id))) for i, s in enumerate(subs, 1)]
    return Outgoing(fit_lines(lines), tuple(tuple(row[k : k + 2]) for k in range(0, len(row), 2)))


def render_digest(d: Digest) -> Outgoing:
    """One alert: the new issue's articles that match the chat's subscriptions, each with
    its best sentence and the subscriptions it matched, and a button to open it."""
    n = len(d.items) + d.more
    lines = [f"🔔 <b>订阅提醒</b>：{esc(d.paper)} {fmt_date(d.issue_date)} 有 {n} 篇相关报道"]
    for i, item in enumerate(d.items, 1):
        lines.append(f"{i}. <b>{esc(clip(item.title, 80))}</b>（{esc('、'.join(item.queries))}）")
        lines.append(f"    {esc(clip(item.sentence, 120))}")
    if d.more:
        lines.append(f"……另有 {d.more} 篇，可直接搜索查看。")
    lines.append("<i>/subs 查看或退订</i>")
    row = [Button(f"📄 {i}", encode(ArticleButton(item.article_id))) for i, item in enumerate(d.items, 1)]
    return Outgoing(fit_lines(lines), tuple(tuple(row[k : k + 5]) for k in range(0, len(row), 5)))
