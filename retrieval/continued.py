"""Join an article printed over two pages: `（下转第4版）` on one, `（上接第1版）` on the other.

Each page is its own file and its own issue record, so the parts are stored apart and
searched apart (a hit points at the part that holds it); an article's view puts them back
together when the archive holds both pages of the same issue. A part is matched to the
other by page numbers (`下转第4版` on page 1 ↔ `上接第1版` on page 4) and, among candidates,
by the headline a continuation repeats. When the other page is not in the archive the
article stays as it is, its `continued_on` saying where the rest is.
"""

from __future__ import annotations

import re
from dataclasses import replace

from retrieval.types import ArticleView

_FORWARD = re.compile(r"^(?:下转|紧转|转)第?(\d+|[一二三四五六七八九十]+)版$")
_BACKWARD = re.compile(r"^(?:上接|接)第?(\d+|[一二三四五六七八九十]+)版$")
_CN = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}


def _page(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if len(text) == 1:
        return _CN.get(text)
    if text.startswith("十") and len(text) == 2:
        return 10 + _CN.get(text[1], 0)
    return None


def _marker(view: ArticleView, pattern: re.Pattern[str]) -> int | None:
    for c in view.continued_on:
        m = pattern.match(c)
        if m:
            return _page(m.group(1))
    return None


def _pairs(text: str) -> set[str]:
    h = "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")
    return {h[i : i + 2] for i in range(len(h) - 1)}


def _likeness(a: ArticleView, b: ArticleView) -> float:
    x, y = _pairs(a.headline), _pairs(b.headline)
    return len(x & y) / len(x | y) if x and y else 0.0


def _other(part: ArticleView, issue: list[ArticleView], forward: bool) -> ArticleView | None:
    """The part on the page `part` points to whose marker points back at `part`'s page."""
    to = _marker(part, _FORWARD if forward else _BACKWARD)
    if to is None or part.page is None:
        return None
    back = _BACKWARD if forward else _FORWARD
    found = [a for a in issue if a.id != part.id and a.page == to and _marker(a, back) == part.page]
    if not found:
        return None
    return max(found, key=lambda a: (_likeness(part, a), -abs(a.id - part.id)))


def join_continuations(view: ArticleView, issue: list[ArticleView]) -> ArticleView:
    """`view` with the parts on other pages of its issue joined, first page's part first."""
    first = view
    seen = {view.id}
    while (earlier := _other(first, issue, forward=False)) is not None and earlier.id not in seen:
        seen.add(earlier.id)
        first = earlier
    parts = [first]
    chain = {first.id}
    while (later := _other(parts[-1], issue, forward=True)) is not None and later.id not in chain:
        chain.add(later.id)
        parts.append(later)
    if view.id not in chain:
        return view  # the markers do not lead back to this part: leave it alone
    if len(parts) == 1:
        return view
    head = parts[0]
    authors = list(dict.fromkeys(a for p in parts for a in p.authors))
    return replace(
        view,
        title=head.title, kicker=head.kicker, subtitle=head.subtitle, title_derived=head.title_derived,
        byline=head.byline, authors=authors, date=head.date, date_approximate=head.date_approximate,
        page=head.page, text="\n".join(p.text for p in parts),
        joined=[p.id for p in parts if p.id != view.id],
    )
