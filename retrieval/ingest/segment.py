"""Split one page of PDF-extracted newspaper text into articles with their headlines.

How a page comes out of the extractor (see shared/SEEDS.md):
- body paragraphs are cut into lines, often every 12-15 characters;
- headlines are lines that never end a sentence, standing before, after or far
  from their article; a vertical headline comes out one character a line;
- most articles start with `本报讯（记者 …）`; `（下转2版）` ends the part on this page.

The parse has three steps. (1) Lines are grouped into *units* (`_group_lines`): a paragraph runs
until a line ends a sentence; lines that pile up without ever ending a sentence
before an article starts (or before a line too wide for the column) are headline
lines. (2) Paragraphs become articles: `本报讯` starts one, and so does a paragraph
after an article that said `下转`; anything else continues the open article. (3)
Headline lines are given to articles by how much of each line's text the article
itself contains (character bigram coverage), with a bonus for the articles next
to it on the page. So a headline is never attached by position alone, which is
what keeps one article's headline off its neighbour.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from dataclasses import dataclass, field
from datetime import date

from retrieval.dates import lead_date, real_date
from retrieval.ingest.repair import alnum_only, clean_text, join_lines, terminal
from retrieval.ingest.values import MAX_TITLE
from retrieval.types import ArticleRecord

BAOXUN = re.compile(r"本\s*报\s*讯")
CONTINUED = re.compile(r"[（(]\s*下\s*转\s*(\d+|[一二三四五六七八九十]+)\s*版\s*[)）]")
MASTHEAD = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*星期[一二三四五六日天]")
_FURNITURE = [
    re.compile(r"https?://|www\.", re.I),
    MASTHEAD,
    re.compile(r"主办|数字报|门户网站|本期\s*\d+\s*版|总第\s*\d+\s*期|^第\s*\d+\s*版"),
]
PHOTO_CREDIT = re.compile(r"^\s*(?:(?:记者|通讯员)\s*)?(\S{2,4})\s*摄\s*$")
CAPTION_BYLINE = re.compile(r"^\s*(记者|通讯员)\s+(\S{2,4}(?:\s+\S{2,4})*)\s*$")
_BYLINE = re.compile(r"^本报讯\s*[（(]([^（）()]{0,60})[）)]")
_ROLES = re.compile(r"(见\s*习\s*记\s*者|记\s*者|通\s*讯\s*员|实\s*习\s*生|摄\s*影)")

# A headline line must share at least this share of its character bigrams with the
# article it is given to; below, it is page furniture or too damaged to use.
MIN_COVERAGE = 0.34
_MARKER_REACH = 40  # characters before a new line that a `（下转N版）` marker can start in
NEIGHBOUR_BONUS = 0.25
FAR_ARTICLES = 60  # above this many articles on one page, headlines go to neighbours only


@dataclass
class Segmented:
    articles: list[ArticleRecord]
    masthead_date: dt.date | None
    warnings: list[str]


@dataclass
class _Unit:
    kind: str  # "para" | "head"
    text: str
    line_no: int
    continued: str | None = None
    scrambled: bool = False


@dataclass
class _Draft:
    paragraphs: list[str] = field(default_factory=list)
    continued: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    heads: list[tuple[int, str, float]] = field(default_factory=list)  # (run id, line, coverage)
    closed: bool = False


def masthead_date(text: str) -> date | None:
    """The issue date printed in a masthead (`2024年6月14日 星期五`), if any."""
    m = MASTHEAD.search(text[:2000])
    return real_date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def _prepare_lines(raw: str) -> list[tuple[int, str, bool]]:
    """Non-empty lines as (line number, text, is_vertical); a vertical headline is merged
    into one line, and a line holding the end of a headline plus the start of an
    article (`…座谈交流 本报讯（记者`) is split in two."""
    lines: list[tuple[int, str, bool]] = []
    for no, line in enumerate(raw.splitlines(), 1):
        text = line.replace("\u3000", " ").strip()
        if text:
            lines.append((no, text, False))
    merged: list[tuple[int, str, bool]] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and len(lines[j][1]) == 1 and re.match(r"[\u4e00-\u9fff]", lines[j][1]):
            j += 1
        if j - i >= 3:
            merged.append((lines[i][0], "".join(t for _, t, _ in lines[i:j]), True))
            i = j
            continue
        merged.append(lines[i])
        i += 1
    out: list[tuple[int, str, bool]] = []
    for no, text, vertical in merged:
        m = BAOXUN.search(text)
        if m and m.start() > 0 and text[: m.start()].strip():
            out.append((no, text[: m.start()].strip(), vertical))
            out.append((no, text[m.start() :], False))
        else:
            out.append((no, text, vertical))
    return out


def _column_widths(lines: list[tuple[int, str, bool]], window: int = 8) -> list[float]:
    """Typical length of a body line around each line (columns differ within a page):
    the median length of the nearby lines that carry a comma, which are body text."""
    body = [len(alnum_only(t)) if ("，" in t or "," in t) else 0 for _, t, _ in lines]
    widths: list[float] = []
    for i in range(len(lines)):
        near = [n for n in body[max(0, i - window) : i + window + 1] if n]
        widths.append(statistics.median(near) if near else 40.0)
    return widths


def _is_scrambled(line: str) -> bool:
    """A headline torn into single characters by the extractor (`委常 实绩写好高新 会召 开 …`)."""
    parts = line.split()
    short = sum(1 for p in parts if len(p) <= 2)
    return len(parts) >= 6 and short / len(parts) > 0.5


def _group_lines(lines: list[tuple[int, str, bool]]) -> list[_Unit]:
    widths = _column_widths(lines)
    units: list[_Unit] = []
    pending: list[tuple[int, str]] = []
    tail = ""  # the last characters of the pending paragraph, joined

    def flush_as_headlines() -> None:
        # Lines that carry a comma are body text cut off (a truncated page); the rest are headlines.
        body = [(n, t) for n, t in pending if "，" in t or "," in t or "。" in t]
        if body and len(body) == len(pending):
            units.append(_Unit("para", join_lines([t for _, t in pending]), pending[0][0]))
        else:
            for n, t in pending:
                units.append(_Unit("head", t, n, scrambled=_is_scrambled(t)))
        pending.clear()

    for (no, text, vertical), width in zip(lines, widths, strict=True):
        if any(p.search(text) for p in _FURNITURE):
            continue
        if PHOTO_CREDIT.match(text) and len(alnum_only(text)) <= 7:
            continue
        cap = CAPTION_BYLINE.match(text)
        if cap and not pending:
            names = cap.group(2).split()
            if units:
                units.append(_Unit("byline", " ".join(names), no))
            continue
        starts_article = bool(BAOXUN.match(text))
        wide_headline = (
            width < 25
            and not pending
            and not starts_article
            and len(alnum_only(text)) > width * 1.3
            and not re.search(r"[，。；：、,;:]", text)
        )
        if starts_article or vertical or wide_headline:
            if pending:
                flush_as_headlines()
            if vertical or wide_headline:
                units.append(_Unit("head", text, no, scrambled=_is_scrambled(text)))
                continue
        pending.append((no, text))
        # Only the end of the paragraph so far can complete it (a `下转` marker is at most a
        # few characters before the new line): look at that, not the whole paragraph again,
        # so a page of lines that never end a sentence costs linear time, not quadratic.
        tail = join_lines([tail[-_MARKER_REACH:], text]) if len(pending) > 1 else text.strip()
        cont = CONTINUED.search(tail)
        if cont or terminal(tail):
            joined = join_lines([t for _, t in pending])
            para = CONTINUED.sub("", joined).strip() if cont else joined
            units.append(_Unit("para", para, pending[0][0], continued=f"{cont.group(1)}版" if cont else None))
            pending.clear()
    if pending:
        flush_as_headlines()
    return units


def _bigrams(text: str) -> set[str]:
    c = alnum_only(text)
    return {c[i : i + 2] for i in range(len(c) - 1)} or ({c} if c else set())


def _coverage(line: str, body_bigrams: set[str]) -> float:
    grams = _bigrams(line)
    return len(grams & body_bigrams) / len(grams) if grams else 0.0


def _assign_run(
    lines: list[str], before: int | None, after: int | None, bodies: list[set[str]]
) -> list[tuple[list[str], int, float]]:
    """Give a run of headline lines to articles: a prefix to the article before the run,
    the rest to the article after it (kicker, title and sub-title stay together), and a
    part that fits a distant article far better (a page-top banner over the last
    article) to that one. Returns (lines, article index, mean coverage) parts."""
    if not lines or not bodies:
        return []
    # Each line against every article (a banner may belong to a distant one); on a page of
    # more articles than a real page has, only against its neighbours, to stay linear.
    near_only = len(bodies) > FAR_ARTICLES
    considered = [a for a in (before, after) if a is not None] if near_only else range(len(bodies))
    cov = [{a: _coverage(line, bodies[a]) for a in considered} for line in lines]

    def mean(rows: range, article: int) -> float:
        return sum(cov[r].get(article, 0.0) for r in rows) / len(rows) if len(rows) else 0.0

    # Prefix sums: a split's score in constant time (a long run of lines would be quadratic).
    head = [0.0] * (len(lines) + 1)  # coverage of lines[:s] by the article before
    rest = [0.0] * (len(lines) + 1)  # coverage of lines[s:] by the article after
    for r in range(len(lines)):
        head[r + 1] = head[r] + (cov[r][before] if before is not None else 0.0)
    for r in range(len(lines) - 1, -1, -1):
        rest[r] = rest[r + 1] + (cov[r][after] if after is not None else 0.0)
    splits = []
    for s in range(len(lines) + 1):
        if (s > 0 and before is None) or (s < len(lines) and after is None):
            continue
        splits.append((head[s] + rest[s], s))
    if not splits:
        return []
    _, s = max(splits)
    parts: list[tuple[list[str], int, float]] = []
    for rows, near in ((range(0, s), before), (range(s, len(lines)), after)):
        if not len(rows) or near is None:
            continue
        target, score = near, mean(rows, near)
        far = near if near_only else max(range(len(bodies)), key=lambda a: mean(rows, a))
        if far != near and mean(rows, far) >= 0.75 and mean(rows, far) > score + NEIGHBOUR_BONUS:
            target, score = far, mean(rows, far)
        if score >= MIN_COVERAGE:
            parts.append(([lines[r] for r in rows], target, score))
    return parts


def parse_byline(lead: str) -> tuple[list[str], str]:
    """Authors from `本报讯（记者 林韬 通讯员 黄朝文）` and the lead without the byline.

    Spaces in the raw byline are unreliable (`黄 朝文`), so names are rebuilt as runs
    of 2-3 characters: fragments shorter than two characters are glued to the next one
    and a four-character run of two names (`林韬郑斌`) is split in half.
    """
    m = _BYLINE.match(lead)
    if not m:
        return [], lead
    inner = m.group(1)
    authors: list[str] = []
    for chunk in _ROLES.split(inner):
        if not chunk.strip() or _ROLES.fullmatch(chunk.strip()):
            continue
        frags = chunk.split()
        names: list[str] = []
        buf = ""
        for f in frags:
            buf += f
            if len(buf) >= 2:
                names.append(buf)
                buf = ""
        if buf:
            if names and len(names[-1]) == 2:
                names[-1] += buf
            else:
                names.append(buf)
        for n in names:
            if len(n) == 4:
                authors.extend([n[:2], n[2:]])
            elif len(n) == 6:
                authors.extend([n[:3], n[3:]])
            else:
                authors.append(n)
    return authors, lead[m.end() :]


def canonical_byline(lead: str) -> str:
    """`本报讯（记者 林韬 通讯员 黄朝文）…` with single spaces between roles and names."""
    m = _BYLINE.match(lead)
    if not m:
        return clean_text(lead)
    authors, rest = parse_byline(lead)
    words: list[str] = []
    for chunk in _ROLES.split(m.group(1)):
        if not chunk.strip():
            continue
        squashed = re.sub(r"\s+", "", chunk)
        if _ROLES.fullmatch(chunk.strip()):
            words.append(squashed)
        else:
            words.extend(a for a in authors if a in squashed)
    return f"本报讯（{' '.join(words)}）{clean_text(rest)}"


def derive_title(lead: str) -> str:
    """A short title from the lead when the page has no usable headline: its first clause
    after the byline and the date phrase."""
    _, rest = parse_byline(lead)
    rest = clean_text(rest)
    rest = re.sub(r"^[^，。]*?(\d{1,2}月\d{1,2}日(?:[上下]午|晚|早)?|近日|日前|连日来|近期)[，,]?", "", rest)
    title = ""
    for clause in re.split(r"[，。；！？]", rest):
        if title and len(title) + len(clause) > 30:
            break
        title = f"{title}，{clause}" if title else clause
        if len(title) >= 12:
            break
    return title[:40] or rest[:30]


def segment(raw: str, issue_date: date) -> Segmented:
    """Articles of one page, in page order, with titles, authors and dates."""
    warnings: list[str] = []
    lines = _prepare_lines(raw)
    units = _group_lines(lines)

    drafts: list[_Draft] = []
    runs: list[tuple[int, list[_Unit], int | None]] = []  # (run id, lines, index of article before)
    run_lines: list[_Unit] = []
    for unit in units:
        if unit.kind == "head":
            run_lines.append(unit)
            continue
        if run_lines:
            runs.append((len(runs), run_lines, len(drafts) - 1 if drafts else None))
            run_lines = []
        if unit.kind == "byline":
            if drafts:
                drafts[-1].authors.extend(unit.text.split())
            continue
        new = BAOXUN.match(unit.text) is not None or not drafts or drafts[-1].closed
        if new:
            drafts.append(_Draft())
        d = drafts[-1]
        d.paragraphs.append(unit.text)
        if unit.continued:
            d.continued.append(unit.continued)
            d.closed = True
    if run_lines:
        runs.append((len(runs), run_lines, len(drafts) - 1 if drafts else None))

    bodies = [_bigrams("".join(d.paragraphs)) for d in drafts]
    for run_id, heads, before in runs:
        usable = []
        for head in heads:
            if head.scrambled:
                warnings.append(f"第{head.line_no}行的标题无法还原，已忽略：{head.text[:20]}…")
            else:
                usable.append(head.text)
        after = (before + 1) if before is not None else 0
        for part, article, cov in _assign_run(usable, before, after if after < len(drafts) else None, bodies):
            drafts[article].heads.extend((run_id, line, cov) for line in part)

    articles: list[ArticleRecord] = []
    for pos, d in enumerate(drafts):
        chosen = d.heads
        if chosen:
            # An article takes its headline from one place on the page: the run that fits it best.
            totals: dict[int, float] = {}
            for run_id, _, cov in chosen:
                totals[run_id] = totals.get(run_id, 0.0) + cov
            best_run = max(totals, key=lambda r: totals[r])
            chosen = [h for h in chosen if h[0] == best_run]
        lead_raw = d.paragraphs[0]
        authors, lead_rest = parse_byline(re.sub(r"^本\s*报\s*讯", "本报讯", lead_raw))
        authors = authors + [a for a in d.authors if a not in authors]
        paragraphs = [canonical_byline(re.sub(r"^本\s*报\s*讯", "本报讯", lead_raw))]
        paragraphs += [clean_text(p) for p in d.paragraphs[1:]]
        text = "\n".join(p for p in paragraphs if p)
        headline_lines = [re.sub(r"\s+", " ", clean_text_keep_gaps(h)) for _, h, _ in chosen]
        title = " ".join(headline_lines)
        if len(title) > MAX_TITLE:  # lines that never end a sentence are not all a headline
            title = title[: MAX_TITLE - 1] + "…"
        derived = not title
        if derived:
            title = derive_title(paragraphs[0])
        event, approximate = lead_date(clean_text(lead_rest)[:120], issue_date)
        articles.append(
            ArticleRecord(
                title=title,
                title_derived=derived,
                text=text,
                authors=authors,
                date=event,
                date_approximate=approximate,
                issue_date=issue_date,
                continued_on=d.continued,
                headline_lines=headline_lines,
                position=pos,
            )
        )
    return Segmented(articles=articles, masthead_date=masthead_date(raw), warnings=warnings)


def clean_text_keep_gaps(headline: str) -> str:
    """Clean a headline line but keep the wide gap between its two halves as one space
    (`建一流营商环境  拼一流经济业绩` is two phrases, not one)."""
    parts = re.split(r"\s{2,}", headline.strip())
    if all(len(p) >= 4 for p in headline.split()):
        parts = headline.split()  # a wide column: single spaces separate phrases too
    return " ".join(clean_text(p) for p in parts if p.strip())
