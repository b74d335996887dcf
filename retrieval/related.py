"""Related coverage: the archive's other articles about an article's event or people, with
near-identical ones (the same item printed twice, 同题) told apart.

    ArticleView ─▶ a query from its headline (dates and figures taken out: they would
    become filters) ─▶ Archive.search ─▶ the other articles, newest first ─▶ Related
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from retrieval.ingest.repair import han_chars
from retrieval.types import ArticleView, Related

SAME_ITEM = 80.0  # similarity (0-100) of two openings above which they are one item printed twice
OPENING = 200  # Han characters of an article compared for that
_NOT_WORDS = re.compile(r"\d+\s*[年月日号]|\d+(?:\.\d+)?%?|[“”\"'《》（）()]")


def related_query(view: ArticleView) -> str:
    """The words to search for: the kicker and main title (or the opening of an untitled
    piece), without dates and figures, which a query would read as filters."""
    words = f"{view.kicker} {view.title}" if not view.title_derived else view.text[:60]
    return re.sub(r"\s+", " ", _NOT_WORDS.sub(" ", words)).strip()


def same_item(a: ArticleView, b: ArticleView) -> bool:
    """Two articles that are one item (reprinted, or a brief and its full report's start)."""
    return fuzz.ratio(han_chars(a.text)[:OPENING], han_chars(b.text)[:OPENING]) >= SAME_ITEM


def related(view: ArticleView, found: list[ArticleView], k: int) -> Related:
    """`found` (search results for `related_query`, best first) as the article's related
    coverage: the same item printed elsewhere, then the others, newest first."""
    skip = {view.id, *view.joined}
    seen: set[int] = set()
    same: list[ArticleView] = []
    others: list[ArticleView] = []
    for other in found:
        if other.id in skip or other.id in seen:
            continue
        seen.add(other.id)
        (same if same_item(view, other) else others).append(other)
    others = others[:k]
    others.sort(key=lambda v: (v.date, v.id), reverse=True)
    return Related(view, same, others)
