"""The library's result values, made by hand for renderer and replier tests."""

from __future__ import annotations

from datetime import date

from retrieval.types import ArticleView, Hit, SearchResult


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
