"""Join an article printed over two pages: `（下转第4版）` on one, `（上接第1版）` on the other.

Each page is its own file and its own issue record, so the parts are stored apart and
searched apart (a hit points at the part that holds it); an article's view puts them back
together when the archive holds both pages of the same issue. A part is matched to the
other by page numbers (`下转第4版` on page 1 ↔ `上接第1版` on page 4) and, among candidates,
by the headline a continuation repeats. When the other page is not in the archive the
article stays as it is, its `continued_on` saying where the rest is.
"""

from __future__ import annotations

from dataclasses import replace

from retrieval.ingest.lines import marker
from retrieval.ingest.repair import han_bigrams
from retrieval.types import ArticleView


def _marker(view: ArticleView, forward: bool) -> int | None:
    """The page the article's marker in that direction points to."""
    for c in view.continued_on:
        found = marker(c)
        if found and found[0] == forward:
            return found[1]
    return None


def _likeness(a: ArticleView, b: ArticleView) -> float:
    x, y = han_bigrams(a.headline), han_bigrams(b.headline)
    return len(x & y) / len(x | y) if x and y else 0.0


def _other(part: ArticleView, issue: list[ArticleView], forward: bool) -> ArticleView | None:
    """The part on the page `part` points to whose marker points back at `part`'s page."""
    to = _marker(part, forward)
    if to is None or part.page is None:
        return None
    found = [a for a in issue if a.id != part.id and a.page == to and _marker(a, not forward) == part.page]
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
