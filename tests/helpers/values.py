"""The library's values, made by hand: results for renderer and replier tests, records for the store's."""

from __future__ import annotations

from datetime import date

from retrieval.types import ArticleRecord, ArticleView, Hit, IssueRecord, SearchResult


def hit(title: str = "杭叉科创园项目", excerpt: str = "李志龙考察了杭叉科创园项目。", **kw: object) -> Hit:
    values: dict[str, object] = dict(
        article_id=7,
        passage_id=70,
        title=title,
        date=date(2024, 3, 20),
        date_approximate=False,
        issue_date=date(2024, 3, 22),
        paper="今日拱墅",
        page=1,
        excerpt=excerpt,
        highlights=[(6, 11)],
        passage=excerpt,
        score=3.0,
        answer=excerpt,
        answer_highlights=[(6, 11)],
    )
    values.update(kw)
    return Hit(**values)  # type: ignore[arg-type]


def article(text: str = "第一段。\n第二段。", title: str = "拱墅与省二轻集团开展座谈交流", **kw: object) -> ArticleView:
    values: dict[str, object] = dict(
        id=7,
        title=title,
        title_derived=False,
        text=text,
        authors=["林韬", "黄朝文"],
        paper="今日拱墅",
        date=date(2024, 3, 20),
        date_approximate=False,
        issue_date=date(2024, 3, 22),
        page=1,
    )
    values.update(kw)
    return ArticleView(**values)  # type: ignore[arg-type]


def result(hits: list[Hit], total: int | None = None, query: str = "杭叉科创园") -> SearchResult:
    return SearchResult(query, [query], None, hits, len(hits) if total is None else total)


def issue(name: str = "a.txt", text: str = "第一句话。第二句话。", paper: str = "测试日报", passages: list[str] | None = None) -> IssueRecord:
    """One source file's record with one article (a hash made from its name)."""
    day = date(2024, 6, 14)
    art = ArticleRecord(title="测试标题", text=text, date=day, issue_date=day, authors=["张三"], passages=passages or [])
    return IssueRecord(name, name.encode().hex().ljust(64, "0")[:64], paper, day, 2, [art])
