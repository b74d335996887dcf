"""`python -m retrieval …`: a thin edge over the library.

It parses arguments, builds the one `Settings`, calls `Archive`, prints, and turns
the library's exceptions into one line on stderr with a non-zero exit code:

    0  success (including a search with no results)
    1  a library error (bad corpus file, impossible date, empty query, unknown id)
    2  bad command-line usage (argparse)
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import faulthandler
import json
import logging
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TypeVar

from tqdm import tqdm
from wcwidth import wcswidth

from retrieval.archive import Archive
from retrieval.coverage import coverage_lines
from retrieval.errors import ArchiveError, CorpusFormatError, DateError
from retrieval.people import person_lines
from retrieval.settings import Settings
from retrieval.trend import trend_lines, trend_title
from retrieval.types import ArticleView, DateLookup, Hit, IngestReport, IssueRecord, Progress

T = TypeVar("T")


def _progress(desc: str) -> Progress:
    def wrap(items: list[T], /) -> Iterable[T]:
        if len(items) < 20 or not sys.stderr.isatty():
            return items
        bar: Iterable[T] = tqdm(items, desc=desc, unit="项", file=sys.stderr)
        return bar

    return wrap


def _pad(text: str, width: int) -> str:
    """Pad by display width: a Chinese character takes two columns."""
    w = wcswidth(text)
    if w < 0:
        w = len(text)
    if w > width:
        out = ""
        for ch in text:
            if wcswidth(out + ch + "…") > width:
                return out + "…" + " " * (width - wcswidth(out + "…"))
            out += ch
    return text + " " * (width - w)


def _bold(text: str, spans: Sequence[tuple[int, int]], tty: bool) -> str:
    if not spans:
        return text
    on, off = ("\033[1m", "\033[0m") if tty else ("**", "**")
    out, last = [], 0
    for s, e in spans:
        out += [text[last:s], on, text[s:e], off]
        last = e
    out.append(text[last:])
    return "".join(out)


def _print_json(obj: object) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2))


def _print_either(as_json: bool, obj: Callable[[], object], lines: Callable[[], Iterable[str]]) -> None:
    """A command's answer: its JSON object with --json, else its lines of text."""
    if as_json:
        _print_json(obj())
    else:
        print("\n".join(lines()))


def _article_table(arts: Sequence[ArticleView]) -> None:
    print(f"{_pad('编号', 6)} {_pad('日期', 12)} {_pad('版', 4)} 标题")
    for a in arts:
        mark = "≈" if a.date_approximate else " "
        page = str(a.page) if a.page else "-"
        title = a.title + ("（据导语拟）" if a.title_derived else "")
        print(f"{_pad(str(a.id), 6)} {_pad(a.date.isoformat() + mark, 12)} {_pad(page, 4)} {title}")


def _print_page(record: IssueRecord) -> None:
    """One page as the segmenter split it, for an editor to check before ingesting."""
    where = f"第{record.page}版" if record.page else "版次未知"
    day = record.issue_date.isoformat() if record.issue_date else "日期未知"
    print(f"{record.source} · {record.paper} · {day} · {where} · {len(record.articles)} 篇文章")
    for n, a in enumerate(record.articles, 1):
        print()
        if a.kicker:
            print(f"   引题  {a.kicker}")
        print(f"{n:>2}. 主题  {a.title}" + ("（无标题，据导语拟）" if a.title_derived else ""))
        if a.subtitle:
            print(f"   副题  {a.subtitle}")
        approx = "（约）" if a.date_approximate else ""
        facts = [f"日期 {a.date.isoformat()}{approx}", f"作者 {'、'.join(a.authors) or '—'}"]
        if a.byline:
            facts.append(f"署名 {a.byline}")
        if a.continued_on:
            facts.append(f"转版 {'、'.join(a.continued_on)}")
        print("    " + " · ".join(facts))
        body = a.text.replace("\n", " ")
        print(f"    正文 {body[:60]}{'…' if len(body) > 60 else ''}（{len(a.text)} 字）")
    print()
    print(f"版面杂项（不属于任何文章）：{len(record.furniture)} 行")
    for line in record.furniture:
        print(f"  · {' '.join(line.split())}")
    if record.warnings:
        print(f"提示：{len(record.warnings)} 条")
        for w in record.warnings:
            print(f"  ! {w}")


def _print_report(report: IngestReport) -> None:
    j = report.to_json()
    print(
        f"文件 {j['files']} 个：新增 {j['new']}，更新 {j['replaced']}，未变 {j['unchanged']}，"
        f"失败 {len(j['failed'])}（共 {j['articles']} 篇文章写入）"  # type: ignore[arg-type]
    )
    if not report.changed and not j["failed"]:
        print("没有变化：所有文件都已导入过。")
    for f in report.files:
        if f.status == "failed":
            print(f"  失败 {f.path}: {f.reason}", file=sys.stderr)
        elif f.found or f.warnings:
            print(f"  {f.path.name}：{len(f.found)} 篇")
            for a in f.found:
                approx = "（约）" if a.date_approximate else ""
                print(f"    · {a.title}{'（据导语拟）' if a.title_derived else ''}　{a.date.isoformat()}{approx}")
            for w in f.warnings:
                print(f"    注意 {w}")
    if report.alerts:
        print(f"订阅提醒：{report.alerts} 条已排队，由运行中的机器人发出。")


def _print_hits(hits: Sequence[Hit], tty: bool) -> None:
    for n, h in enumerate(hits, 1):
        page = f" 第{h.page}版" if h.page else ""
        approx = "（约）" if h.date_approximate else ""
        print(f"{n}. {h.headline}")
        print(f"   {h.paper} {h.issue_date.isoformat()}{page} · 事件日期 {h.date.isoformat()}{approx} · 文章 {h.article_id}")
        print(f"   {_bold(h.excerpt, h.highlights, tty)}")


def _print_lookup(lookup: DateLookup) -> None:
    if lookup.articles:
        print(f"{lookup.filter.describe()}：{len(lookup.articles)} 篇")
        _article_table(lookup.articles)
    else:
        near = "、".join(d.isoformat() for d in lookup.nearest) or "（档案为空）"
        print(f"{lookup.filter.describe()}没有文章。最近有文章的日期：{near}")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m retrieval", description="今日拱墅 newspaper archive: ingest and search")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("ingest", help="ingest issue files (default: corpus/)")
    s.add_argument("paths", nargs="*", type=Path)
    s.add_argument("--json", action="store_true")
    s = sub.add_parser("reindex", help="rebuild the search index from the database")
    s = sub.add_parser("articles", help="list articles")
    s.add_argument("--date", type=date.fromisoformat, help="YYYY-MM-DD: only articles of that event date")
    s.add_argument("--json", action="store_true")
    s = sub.add_parser("article", help="show one article")
    s.add_argument("id", type=int)
    s.add_argument("--json", action="store_true")
    c = sub.add_parser("coverage", help="issues per paper, year and month; missing issues; pages per issue")
    c.add_argument("--json", action="store_true")
    s = sub.add_parser("trend", help="mentions per issue of up to 4 words, per month or year: a PNG chart and/or JSON")
    s.add_argument("words", nargs="+")
    s.add_argument("--out", type=Path, help="write the chart here (PNG)")
    s.add_argument("--json", action="store_true")
    s = sub.add_parser("who", help="a person or organisation: mentions, roles with dates, names in the same articles")
    s.add_argument("name")
    s.add_argument("--json", action="store_true")
    s = sub.add_parser("stats", help="archive coverage")
    s.add_argument("--json", action="store_true")
    s = sub.add_parser("search", help="search passages")
    s.add_argument("query")
    s.add_argument("-k", type=_positive, default=10, help="how many results (1 to 50)")
    s.add_argument("--per-article", type=_positive, default=None,
                   help="at most this many passages of one article (default 2)")
    s.add_argument("--from", dest="date_from", type=date.fromisoformat)
    s.add_argument("--to", dest="date_to", type=date.fromisoformat)
    s.add_argument("--json", action="store_true")
    s = sub.add_parser("date", help="articles of a date expression (2024-06-14, 6月14日, 今天, 2024年6月…)")
    s.add_argument("expr")
    s.add_argument("--json", action="store_true")
    s = sub.add_parser("page", help="show how one page file is split (articles, headline parts, furniture), writing nothing")
    s.add_argument("file", type=Path)
    s.add_argument("--date", type=date.fromisoformat, help="YYYY-MM-DD: the issue date, when no manifest or file name gives it")
    s.add_argument("--json", action="store_true")
    s = sub.add_parser("migrate", help="bring the database schema up to date (Alembic migrations)")
    s.add_argument("--revision", default="head", help="target revision (default: the newest)")
    s = sub.add_parser("eval", help="run question sets through the bot's query path and print figures beside a baseline")
    s.add_argument("files", nargs="*", type=Path, help="question files (JSON Lines: question/answer/date or lookup lines)")
    s.add_argument("--literal", type=int, default=1000, help="random literal substrings to test (0: skip)")
    s.add_argument("--cmrc", type=Path,
                   help="CMRC 2018 JSON file, or a folder: each dev/trial file in it on its own, as a temporary archive")
    s.add_argument("--seed", type=int, default=7)
    s.add_argument("--pages", type=Path, action="append", default=[],
                   help="a folder of pages with NAME.gold.json files: score how they are split (repeatable)")
    return p


def _positive(value: str) -> int:
    """`-k 0` and `-k -1` are mistakes, not requests for nothing: argparse says so."""
    try:
        k = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"不是整数：{value}") from None
    if k < 1:
        raise argparse.ArgumentTypeError(f"结果数至少为 1（收到 {k}）")
    return k


def run(argv: Sequence[str] | None = None, settings: Settings | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = settings or Settings()
    tty = sys.stdout.isatty()
    if args.command == "migrate":
        from retrieval.store import make_engine
        from retrieval.store.migrate import upgrade

        engine = make_engine(settings.database_url, migrate=False)
        try:
            print(f"数据库结构已是最新：版本 {upgrade(engine, args.revision)}")
        finally:
            engine.dispose()
        return 0
    if args.command == "page":
        try:
            records = Archive.preview_page(args.file, settings, args.date)
        except CorpusFormatError as exc:
            hint = "; or give it with --date YYYY-MM-DD" if "no issue date" in str(exc) else ""
            raise CorpusFormatError(f"{exc}{hint}") from exc
        if args.json:
            # One page: its object, as always; an issue PDF: the first page's, with all of them in "pages".
            out = records[0].to_json()
            if len(records) > 1:
                out["pages"] = [r.to_json() for r in records]
            _print_json(out)
        else:
            for k, record in enumerate(records):
                if k:
                    print()
                _print_page(record)
        return 0
    archive = Archive.open(settings)
    if args.command == "ingest":
        report = archive.ingest(args.paths or [settings.corpus_dir], progress=_progress("导入"))
        if args.json:
            _print_json(report.to_json())
        else:
            _print_report(report)
        return 1 if report.count("failed") else 0
    if args.command == "reindex":
        archive.rebuild_index(progress=_progress("索引"))
        print(f"索引已重建：{archive.stats().passages} 段")
        return 0
    if args.command == "articles":
        arts = archive.articles(args.date)
        if args.json:
            _print_json([a.to_json() for a in arts])
        else:
            _article_table(arts)
        return 0
    if args.command == "article":
        a = archive.article(args.id)
        if args.json:
            _print_json(a.to_json())
        else:
            if a.kicker:
                print(a.kicker)
            print(a.title + ("（标题据导语拟）" if a.title_derived else ""))
            if a.subtitle:
                print(a.subtitle)
            if a.byline:
                print(a.byline)
            approx = "（约）" if a.date_approximate else ""
            print(f"{a.paper} {a.issue_date.isoformat()} · 事件日期 {a.date.isoformat()}{approx} · 作者 {'、'.join(a.authors) or '—'} · 版面 {a.page or '—'}")
            print()
            print(a.text)
            if a.continued_on:
                print(f"（{'、'.join(a.continued_on)}）")
            print()
            print(a.citation())
        return 0
    if args.command == "coverage":
        cov = archive.coverage()
        _print_either(args.json, cov.to_json, lambda: coverage_lines(cov))
        return 0
    if args.command == "trend":
        from retrieval.chart import trend_chart

        found = archive.trend(args.words)
        if args.out is not None:
            args.out.write_bytes(trend_chart(found, trend_title(found)).png)
        written = [f"图表已写入 {args.out}"] if args.out is not None else []
        _print_either(args.json, found.to_json, lambda: [*trend_lines(found), *written])
        return 0
    if args.command == "who":
        found_person = archive.who(args.name)
        _print_either(args.json, found_person.to_json, lambda: person_lines(found_person))
        return 0
    if args.command == "stats":
        st = archive.stats()
        if args.json:
            _print_json(st.to_json())
        else:
            print(f"报纸 {'、'.join(st.papers) or '—'}；{st.issues} 期，{st.articles} 篇文章，{st.passages} 段")
            stamp = f"{st.last_ingest:%Y-%m-%d %H:%M %Z}" if st.last_ingest else "—"
            print(f"日期范围 {st.first_date} 至 {st.last_date}；最近导入 {stamp}")
        return 0
    if args.command == "search":
        if args.date_from or args.date_to:
            result = archive.search_between(args.query, args.date_from, args.date_to, k=args.k,
                                            per_article=args.per_article)
        else:
            result = archive.search(args.query, k=args.k, per_article=args.per_article)
        if args.json:
            _print_json(
                {
                    "query": result.query,
                    "filters": result.filters_json(),
                    "notice": result.notice,
                    "results": [h.to_json() for h in result.hits],
                    "lookup": result.lookup.to_json() if result.lookup else None,
                    "expansions": [e.to_json() for e in result.expansions],
                    "corrections": [c.to_json() for c in result.corrections],
                    "per_article": result.per_article,
                    "capped": result.capped,
                    "author": result.author.to_json() if result.author else None,
                }
            )
        elif result.lookup is not None:  # only a date was asked: what `date` would print
            _print_lookup(result.lookup)
        elif result.author is not None:  # an author was asked for: their articles, newest first
            if result.author.articles:
                print(f"{result.author.describe()}：{len(result.author.articles)} 篇（最新的在前）")
                _article_table(result.author.articles)
            else:
                print(f"档案里没有{result.author.describe()}。去掉日期可以看全部。")
        else:
            if result.notice:
                print(result.notice)
            if not result.hits:
                print("档案中没有找到相关内容。试试更少的关键词，或换一个日期。")
            _print_hits(result.hits, tty)
            if result.capped and len(result.hits) < args.k:
                print(f"（每篇文章最多列出 {result.per_article} 段，另有 {result.capped} 段因此未列出；"
                      "用 --per-article N 调整）")
        return 0
    if args.command == "date":
        lookup = archive.by_date(args.expr)
        if args.json:
            _print_json(lookup.to_json())
        else:
            _print_lookup(lookup)
        return 0
    if args.command == "eval":
        from retrieval.evaluate import run_eval

        return run_eval(
            archive, args.files, literal=args.literal, cmrc_path=args.cmrc, seed=args.seed, progress=_progress,
            pages=args.pages,
        )
    raise AssertionError(args.command)


def main(argv: Sequence[str] | None = None) -> int:
    with contextlib.suppress(ValueError, AttributeError, OSError):  # stderr without a file (tests)
        faulthandler.enable()  # a fatal signal (SIGBUS from a file truncated under a mapping) is logged
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return run(argv)
    except DateError as exc:
        print(f"日期错误：{exc}", file=sys.stderr)
        return 1
    except ArchiveError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `… | head`: the reader went away, nothing to report
        return 0
    except OSError as exc:  # a full or read-only disk under the index: one line, not a traceback
        where = f"（{exc.filename}）" if exc.filename else ""
        hint = "：磁盘空间不足" if exc.errno == errno.ENOSPC else ""
        print(f"错误：无法写入文件{hint}{where}：{exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130
