"""retrieval/related.py and Archive.related: the other articles about an article's event
or people, newest first, the same item printed twice told apart, the article itself never."""

from __future__ import annotations

from datetime import date

from retrieval import Archive
from retrieval.related import related, related_query, same_item
from tests.helpers.values import article

OPENING = "本报讯（记者 林韬）3月18日，区委书记李志龙率队赴省二轻集团座谈交流，双方围绕产业合作深入交流。"


def test_the_query_leaves_out_dates_and_figures() -> None:
    q = related_query(article(title="全市中考6月20日开考", kicker="2025年"))
    assert "6月20日" not in q and "2025" not in q and "全市中考" in q and "开考" in q


def test_the_same_item_printed_twice_is_told_apart_and_the_rest_is_newest_first() -> None:
    me = article(OPENING, id=1)
    again = article(OPENING.replace("座谈交流，", "座谈，"), id=2, date=date(2024, 3, 22))
    old = article("区委常委会召开会议。", id=3, date=date(2023, 2, 1))
    new = article("李志龙调研企业。", id=4, date=date(2025, 4, 1))
    part = article("下转的部分。", id=5)
    rel = related(article(OPENING, id=1, joined=[5]), [me, again, old, part, new, old], k=8)
    assert [v.id for v in rel.same] == [2]
    assert [v.id for v in rel.others] == [4, 3]
    assert same_item(me, again) and not same_item(me, old)


def test_archive_related_never_lists_the_article_itself(archive: Archive) -> None:
    first = archive.articles()[0]
    rel = archive.related(first.id)
    ids = [v.id for v in [*rel.same, *rel.others]]
    assert first.id not in ids and len(ids) == len(set(ids)) and ids
    assert [v.date for v in rel.others] == sorted((v.date for v in rel.others), reverse=True)
