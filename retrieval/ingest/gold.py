"""Score how pages were split against hand-made gold files: the segmentation benchmark.

    folder of pages + manifest.csv ─▶ the real readers (no database) ─▶ IssueRecords
    NAME.gold.json (what the page holds, by hand) ───────────────────────┐
                                                       score_page ◀──────┘ ─▶ PageScore

A gold article is *found* when one article's body begins with the gold body's first Han
characters (`body_start`): a split that starts an article anywhere else, or glues it to its
neighbour, does not find it. Of the articles found the score counts exact headlines (the
whole headline, and the main title alone), dates and authors; over the whole page it counts
fragments (articles that match no gold article) and furniture (mastheads, folio and editor
lines) leaked into any title or body. The format of a gold file is in
`tests/data/pages/README.md`.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from retrieval.ingest.discover import discover
from retrieval.ingest.pipeline import read
from retrieval.ingest.readers import READERS
from retrieval.ingest.repair import alnum_only
from retrieval.types import ArticleRecord, IssueRecord

_HAN = re.compile(r"[\u4e00-\u9fff]")


def han(text: str) -> str:
    """The Han characters of `text`, in order: what survives any extraction damage."""
    return "".join(_HAN.findall(text))


@dataclass(frozen=True)
class GoldArticle:
    title: str
    body_start: str
    kicker: str = ""
    subtitle: str = ""
    date: str = ""
    authors: tuple[str, ...] = ()
    continued: str = ""

    @property
    def headline(self) -> str:
        """Kicker, main title and sub-title as one string of Han characters."""
        return han(self.kicker + self.title + self.subtitle)


@dataclass(frozen=True)
class GoldPage:
    name: str
    kind: str
    articles: tuple[GoldArticle, ...]
    furniture: tuple[str, ...]


@dataclass
class PageScore:
    """One page's counts (summed over a folder by `add`)."""

    pages: int = 0
    gold: int = 0
    found: int = 0
    fragments: int = 0
    headline_exact: int = 0
    title_exact: int = 0
    dates: int = 0
    authors: int = 0
    leaked: int = 0  # furniture strings found inside a title or a body
    failed: list[str] = field(default_factory=list)  # pages the reader refused, with why
    misses: list[str] = field(default_factory=list)

    def add(self, other: PageScore) -> None:
        for name in ("pages", "gold", "found", "fragments", "headline_exact", "title_exact", "dates", "authors",
                     "leaked"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.failed += other.failed
        self.misses += other.misses


def read_gold(path: Path) -> GoldPage:
    """A `NAME.gold.json` file; a malformed one raises ValueError naming it."""
    try:
        data = json.loads(path.read_text("utf-8"))
        articles = tuple(
            GoldArticle(
                title=str(a["title"]), body_start=han(str(a["body_start"])), kicker=str(a.get("kicker") or ""),
                subtitle=str(a.get("subtitle") or ""), date=str(a.get("date") or ""),
                authors=tuple(str(x) for x in a.get("authors") or ()), continued=str(a.get("continued") or ""),
            )
            for a in data["articles"]
        )
        furniture = tuple(str(f) for f in data.get("furniture") or ())
    except (KeyError, TypeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: not a gold file ({exc})") from exc
    return GoldPage(path.name.removesuffix(".gold.json"), str(data.get("kind") or ""), articles, furniture)


def read_pages(folder: Path, default_paper: str) -> dict[str, IssueRecord | str]:
    """Each page of `folder` as the ingest's readers make it (no database): name → record,
    or the reason the reader refused the page."""
    return {path.stem: record for path, record in read(discover([folder], READERS.keys()), default_paper)}


def _headline(a: ArticleRecord) -> str:
    """The printed headline; empty for an article whose title was made from its lead (the
    gold of an article printed without a usable headline has an empty title)."""
    return "" if a.title_derived else han(a.kicker + a.title + a.subtitle)


def score_page(gold: GoldPage, record: IssueRecord | str | None) -> PageScore:
    score = PageScore(pages=1, gold=len(gold.articles))
    if not isinstance(record, IssueRecord):
        score.failed.append(f"{gold.name}: {record or 'no such page'}")
        score.misses += [f"{gold.name}: not found: {g.title}" for g in gold.articles]
        return score
    bodies = [han(a.text) for a in record.articles]
    used: set[int] = set()
    for g in gold.articles:
        match = next((i for i, b in enumerate(bodies) if i not in used and b.startswith(g.body_start)), None)
        if match is None:
            score.misses.append(f"{gold.name}: not found: {g.title} ({g.body_start}…)")
            continue
        used.add(match)
        a = record.articles[match]
        score.found += 1
        if _headline(a) == g.headline:
            score.headline_exact += 1
        else:
            score.misses.append(f"{gold.name}: headline {a.kicker}|{a.title}|{a.subtitle}, gold {g.kicker}|{g.title}|{g.subtitle}")
        score.title_exact += (han(a.title) if not a.title_derived else "") == han(g.title)  # the main title alone (once kicker/sub-title are split)
        if g.date and a.date.isoformat() == g.date:
            score.dates += 1
        elif g.date:
            score.misses.append(f"{gold.name}: date {a.date.isoformat()}, gold {g.date}: {g.title}")
        if tuple(a.authors) == g.authors:
            score.authors += 1
        else:
            score.misses.append(f"{gold.name}: authors {a.authors}, gold {list(g.authors)}: {g.title}")
    score.fragments = len(record.articles) - len(used)
    # A line of figures (a data-box row `长川港务  6.82  +2.10%`) is matched with its digits:
    # by its Han alone it would "leak" into any article that names 长川港务. Other furniture
    # is matched by its Han, so a masthead's Chinese half in a title still counts.
    shown = [(("" if a.title_derived else a.headline) + "\n" + a.text) for a in record.articles]
    by_han, by_alnum = [han(t) for t in shown], [alnum_only(t) for t in shown]
    for f in gold.furniture:
        figures = sum(ch.isdigit() for ch in f) > len(han(f))
        bit, texts = (alnum_only(f), by_alnum) if figures else (han(f), by_han)
        if len(han(f)) >= 2 and any(bit in t for t in texts):
            score.leaked += 1
            score.misses.append(f"{gold.name}: furniture inside an article: {f}")
    return score


def score_folder(folder: Path, default_paper: str, names: Iterable[str] | None = None) -> tuple[PageScore, list[str]]:
    """The summed score of every gold file in `folder`, and one line per page."""
    records = read_pages(folder, default_paper)
    total = PageScore()
    lines: list[str] = []
    wanted = set(names) if names is not None else None
    for path in sorted(folder.glob("*.gold.json")):
        gold = read_gold(path)
        if wanted is not None and gold.name not in wanted:
            continue
        s = score_page(gold, records.get(gold.name))
        total.add(s)
        lines.append(f"{gold.name:<28} {gold.kind[:24]:<24} {s.found:>3}/{s.gold:<3} {s.headline_exact:>3} "
                     f"{s.dates:>3} {s.authors:>3} {s.fragments:>3} {s.leaked:>3}")
    return total, lines


def text_twin(folder: Path, out: Path) -> Path:
    """The folder's PDF pages as the text path sees them: each page's text as a plain
    extractor leaves it (`NAME.txt`, the way the seed pages were made), with the same gold
    files and manifest lines, written to `out`."""
    from retrieval.ingest.readers.pdf import page_texts

    out.mkdir(parents=True, exist_ok=True)
    for pdf in sorted(folder.glob("*.pdf")):
        texts = page_texts(pdf)
        (out / f"{pdf.stem}.txt").write_text(texts[0] if texts else "", encoding="utf-8")
    for gold in folder.glob("*.gold.json"):
        shutil.copyfile(gold, out / gold.name)
    manifest = folder / "manifest.csv"
    if manifest.exists():
        rows = manifest.read_text(encoding="utf-8-sig").splitlines()
        (out / "manifest.csv").write_text(
            "\n".join(re.sub(r"^([^,]*)\.pdf,", r"\1.txt,", r) for r in rows) + "\n", encoding="utf-8"
        )
    return out


def _share(n: int, d: int) -> str:
    return f"{n}/{d} = {n / d:.3f}" if d else "0/0"


def _figures(total: PageScore) -> list[tuple[str, str]]:
    return [
        ("articles found", _share(total.found, total.gold)),
        ("headlines exact", _share(total.headline_exact, total.found)),
        ("main titles exact", _share(total.title_exact, total.found)),
        ("dates", _share(total.dates, total.found)),
        ("authors", _share(total.authors, total.found)),
        ("fragments", str(total.fragments)),
        ("furniture leaked", str(total.leaked)),
    ]


def _print_scored(total: PageScore, lines: list[str]) -> None:
    print(f"{'page':<28} {'kind':<24} found hdl date auth frag leak")
    for line in lines:
        print(line)
    notes = {"headlines exact": " (kicker + title + sub-title)", "fragments": " (articles matching no gold article)"}
    for name, value in _figures(total):
        print(f"{name:<20} {value}{notes.get(name, '')}")
    for reason in total.failed:
        print(f"  failed: {reason}")
    for miss in total.misses:
        print(f"  miss: {miss}")


def report(folders: Sequence[Path], default_paper: str) -> None:
    """Print the segmentation figures of each folder of pages; for a folder of PDF pages,
    the text path on the same pages too (their extracted text), side by side."""
    for folder in folders:
        total, lines = score_folder(folder, default_paper)
        print(f"== pages: {folder} ({total.pages} pages, {total.gold} gold articles)")
        _print_scored(total, lines)
        if not any(folder.glob("*.pdf")):
            continue
        with tempfile.TemporaryDirectory() as tmp:
            text_total, text_lines = score_folder(text_twin(folder, Path(tmp)), default_paper)
        print(f"== the same pages as extracted text (the text path): {folder}")
        _print_scored(text_total, text_lines)
        print(f"== {folder}: PDF path beside text path")
        for (name, pdf_value), (_, text_value) in zip(_figures(total), _figures(text_total), strict=True):
            print(f"{name:<20} pdf {pdf_value:<16} text {text_value}")
