"""A larger page benchmark: CCTV 新闻联播 items laid out as damaged newspaper pages.

    python -m benchmarks.pages --source ../shared/corpora/cctv-xwlb --pages 300 --seed 1

Each page takes 3-6 news items of one day and prints them the way the test pages do, with the
choices drawn at random per page and per article: a masthead, folio and editor lines; a lead
form (本报讯（记者 …）, 本报X月X日讯, 新华社[地名]X月X日电, a bare （记者 …）, a byline line over the
body, or no lead at all); a kicker or a `——` sub-title; the headline before its body or after
it; narrow columns cut every 12-15 characters with blank lines between them, or one line per
paragraph; spaces inside words; half-width punctuation. The gold of each page is known from
how it was made, and the pages are scored by `retrieval.ingest.gold.score_page`, the scorer of
`eval --pages`. The transcripts are research-only: they are read from `--source` and laid out
in memory, never written anywhere.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from benchmarks.cctv import Item, items
from retrieval.ingest.gold import GoldArticle, GoldPage, PageScore, han, score_page
from retrieval.ingest.segment import segment
from retrieval.types import IssueRecord

_NAMES = ["林晓", "陈思远", "周敏", "王一凡", "赵蕾", "孙浩然", "吴静", "郑凯", "冯雪", "何立"]
_PLACES = ["北京", "上海", "广州", "成都", "武汉", "西安"]
_PAPERS = ["青川日报", "海州晨报", "白河日报", "松林区报"]
_DESKS = ["要闻", "综合", "经济", "社会"]


def _damage(text: str, rng: random.Random, rate: float) -> str:
    """Spaces inside words, as the extractor leaves them (never inside a number)."""
    out = []
    for i, ch in enumerate(text):
        out.append(ch)
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if nxt and not (ch.isdigit() and nxt.isdigit()) and rng.random() < rate:
            out.append(" ")
    return "".join(out)


def _half_width(text: str) -> str:
    return text.replace("，", ",").replace("（", "(").replace("）", ")").replace("：", ":")


def _columns(paragraphs: list[str], rng: random.Random, narrow: bool) -> list[str]:
    if not narrow:
        return paragraphs
    width = rng.randint(12, 15)
    lines: list[str] = []
    for p in paragraphs:
        lines.extend(p[i : i + width] for i in range(0, len(p), width))
    return lines


def _paragraphs(item: Item, rng: random.Random) -> list[str]:
    text = re.sub(r"<!--.*?-->|\[查看原文\]\(\S*?\)|央视网消息[（(]新闻联播[)）][:：]?", "", item.text, flags=re.S)
    paras = [p.strip() for p in text.split("\n") if len(p.strip()) >= 20]
    out: list[str] = []
    for p in paras[: rng.randint(2, 4)]:
        out.append(p[:220] if p[:220].endswith("。") else (p[:220].rsplit("。", 1)[0] + "。" if "。" in p[:220] else p[:220] + "。"))
    return out


def _page(day_items: list[Item], rng: random.Random, n: int) -> tuple[str, GoldPage, date, str]:
    issue = day_items[0].day + timedelta(days=1)
    paper = rng.choice(_PAPERS)
    narrow = rng.random() < 0.5
    page_no = rng.randint(1, 8)
    lines: list[str] = [
        paper,
        f"{issue.year}年{issue.month}月{issue.day}日  星期{'一二三四五六日'[issue.weekday()]}  第{page_no}版  {rng.choice(_DESKS)}",
    ]
    furniture = list(lines)
    gold: list[GoldArticle] = []
    event = day_items[0].day
    for item in day_items:
        paras = _paragraphs(item, rng)
        if not paras:
            continue
        title = re.sub(r"\s+", " ", item.title).strip()[:40]
        kicker = subtitle = ""
        shape = rng.random()
        if shape < 0.2 and len(paras) > 1:  # a kicker in the article's own words, as kickers mostly are
            kicker = re.split(r"[，。；、：]", paras[1])[0][:12]
        elif shape < 0.35:
            subtitle = "——" + re.split(r"[，。；]", paras[0])[0][:16]
        reporter, helper = rng.sample(_NAMES, 2)
        lead = rng.random()
        authors = [reporter, helper]
        byline_line = ""
        vague = rng.random() < 0.2
        opening = "近日，" if vague else f"{event.month}月{event.day}日，"
        when = issue if vague else event
        if lead < 0.3:
            head = f"本报讯（记者 {reporter} 通讯员 {helper}）"
        elif lead < 0.45:
            head, authors = f"本报{issue.month}月{issue.day}日讯（记者 {reporter}）", [reporter]
            if vague:
                when = issue
        elif lead < 0.6:
            place = rng.choice(_PLACES)
            head, authors = f"新华社{place}{event.month}月{event.day}日电（记者 {reporter}）", [reporter]
            when = event
        elif lead < 0.7:
            head = f"（记者 {reporter} 通讯员 {helper}）"
        elif lead < 0.85:
            head, authors = "", [reporter]
            byline_line = f"本报记者  {reporter}"
        else:
            head, authors = "", [reporter]
            paras[-1] += f"（记者 {reporter}）"
        first = head + opening + paras[0]
        body = [first, *paras[1:]]
        if rng.random() < 0.15:
            body = [_half_width(p) for p in body]
        body = [_damage(p, rng, 0.06) for p in body]
        headline = [x for x in (kicker, title, subtitle) if x]
        block = _columns(body, rng, narrow)
        before = rng.random() < 0.75 or not head  # an item with no lead always has its headline on top
        article_lines = ([*headline, *([byline_line] if byline_line else []), *block] if before
                         else [*([byline_line] if byline_line else []), *block, *headline])
        lines.extend(article_lines)
        gold.append(GoldArticle(
            title=title, body_start=han(first)[:16], kicker=kicker, subtitle=subtitle, date=when.isoformat(),
            authors=tuple(authors),
        ))
    editor = f"责任编辑：{rng.choice(_NAMES)}  校对：{rng.choice(_NAMES)}"
    lines.append(editor)
    furniture.append(editor)
    raw = ("\n\n" if narrow else "\n").join(lines) + "\n"
    return raw, GoldPage(f"p{n:04d}", "narrow" if narrow else "wide", tuple(gold), tuple(furniture)), issue, paper


def pages(source: Path, count: int, seed: int) -> Iterator[tuple[str, GoldPage, date, str]]:
    """`count` laid-out pages: each from the news items of one day (in date order, every
    k-th day, so the pages spread over the corpus)."""
    rng = random.Random(seed)
    by_day: dict[date, list[Item]] = {}
    for it in items(source):
        if "快讯" in it.title or len(it.text) < 80:
            continue
        by_day.setdefault(it.day, []).append(it)
    days = sorted(by_day)
    step = max(1, len(days) // max(1, count))
    for n, d in enumerate(days[::step][:count]):
        chosen = by_day[d][: rng.randint(3, 6)]
        yield _page(chosen, rng, n)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.pages", description=__doc__.split("\n")[0])
    p.add_argument("--source", type=Path, required=True, help="the cctv-xwlb corpus folder")
    p.add_argument("--pages", type=int, default=300)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--misses", type=int, default=15, help="how many misses to print")
    args = p.parse_args(argv)
    total = PageScore()
    kinds: dict[str, PageScore] = {}
    for raw, gold, issue, paper in pages(args.source, args.pages, args.seed):
        seg = segment(raw, issue, paper)
        record = IssueRecord(source=gold.name, sha256=hashlib.sha256(raw.encode()).hexdigest(), paper=paper,
                             issue_date=issue, page=None, articles=seg.articles, furniture=seg.furniture)
        s = score_page(gold, record)
        total.add(s)
        kinds.setdefault(gold.kind, PageScore()).add(s)

    def share(n: int, d: int) -> str:
        return f"{n}/{d} = {n / d:.3f}" if d else "0/0"

    print(f"== CCTV items laid out as pages (seed {args.seed}): {total.pages} pages, {total.gold} articles")
    print(f"{'layout':<10} {'pages':>6} {'found':>16} {'headlines':>16} {'dates':>16} {'authors':>16} {'frag':>5} {'leak':>5}")
    for kind, s in [*sorted(kinds.items()), ("all", total)]:
        print(f"{kind:<10} {s.pages:>6} {share(s.found, s.gold):>16} {share(s.headline_exact, s.found):>16} "
              f"{share(s.dates, s.found):>16} {share(s.authors, s.found):>16} {s.fragments:>5} {s.leaked:>5}")
    for miss in total.misses[: args.misses]:
        print(f"  miss: {miss}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
