"""Split one page of PDF-extracted newspaper text into articles with their headlines.

How a page comes out of the extractor (see shared/SEEDS.md): body paragraphs cut into lines
(often every 12-15 characters); headlines as lines that never end a sentence, standing
before, after or far from their article; a vertical headline one character a line, a blank
line between its columns; mastheads, folio and editor lines anywhere.

    raw text ─▶ _prepare_lines (vertical columns merged, a headline glued to a lead split)
             ─▶ _group_lines: units ─ para (lines up to a sentence end, a `下转` marker, an end
                byline) · head (lines that pile up without ending a sentence) · byline (a line
                that is only names) · furniture (`lines.furniture`) · verse (a run too long
                to be a headline)
             ─▶ _drafts: articles start at a lead form (`lines.lead`), `（上接…）`, a byline
                line before a body, the paragraph after a headline run, or after `下转`
             ─▶ _assign: each headline run is cut into parts, each given to the article whose
                text covers it best (character bigrams), the article right after it winning
                ties; what no article takes is furniture, with a warning
             ─▶ ArticleRecord: kicker / title / subtitle (`_headline_parts`), body, byline,
                authors, event date (lead sentence, else dateline, else issue date)

Every Han character of the page ends up in exactly one place: an article's body, its
headline fields, its byline, its continuation markers, or the page's furniture list (the
property test in tests/ingest/test_layout.py checks it on every test page).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from retrieval.dates import lead_date, real_date
from retrieval.ingest import lines as L
from retrieval.ingest.pdfpage import Block
from retrieval.ingest.repair import alnum_only, clean_text, han_bigrams, han_chars, join_lines, terminal
from retrieval.ingest.values import MAX_TITLE
from retrieval.types import ArticleRecord

MASTHEAD = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:星期|周)[一二三四五六日天]")

# A headline part scores its coverage (share of its character bigrams found in an article)
# minus MIN_COVERAGE, for each of its lines: a part covered less than that belongs to no
# article unless it stands right before one (ADJACENT, once for the part, makes up the
# difference there, so `稻田里唱响丰收歌` still heads the concert report that never uses the
# words, while a headline after its own article's body is not pulled onto the next one).
MIN_COVERAGE = 0.34
ADJACENT = 0.4
HEADLESS = 0.3  # what a part is worth more to a neighbour that would otherwise have no headline
FAR_PENALTY = 0.25  # a part given to an article other than its neighbours must fit far better
SEGMENT_COST = 0.02  # fewer parts when the scores tie
FAR_ARTICLES = 60  # above this many articles on one page, headlines go to neighbours only
MAX_RUN = 24  # lines of one run considered as headlines; the rest of a longer run is furniture
LONG_RUN = 8  # more lines than this without a sentence end are verse or a list, not a headline
MAX_HEAD_CHARS = 80  # a longer line is body text cut off, whatever its punctuation
_MARKER_REACH = 40  # characters before a new line that a `（下转N版）` marker can start in
_DASH = re.compile(r"^\s*[—－─―-]{1,2}")
_SAYING = re.compile(r"(强调|指出|要求|表示|提出|认为|号召|倡议|寄语|时说|致辞|讲话)\s*$|[:：]\s*$")
BOX_LINE = 40  # characters: a longer paragraph under a box's header is an article's text again
_WEATHER_BOX = re.compile(r"天气预报|天气[:：]|^\s*天气\s*$")  # the lines after it are the box's
_CLOSED_NOTE = re.compile(r"[。！？…!?][”’」』]?\s*[（(][^（）()]{1,80}[）)]\s*$")


@dataclass
class Segmented:
    articles: list[ArticleRecord]
    masthead_date: dt.date | None
    warnings: list[str]
    furniture: list[str] = field(default_factory=list)


@dataclass
class _Line:
    no: int
    text: str
    columns: list[str] = field(default_factory=list)  # a vertical headline's columns, as extracted


@dataclass
class _Unit:
    kind: str  # "para" | "head" | "byline" | "credit" | "furn" | "verse" | "sub"
    text: str
    line_no: int
    continued: str | None = None
    columns: list[str] = field(default_factory=list)
    scrambled: bool = False
    size: float = 0.0  # measured type size (a PDF page's headline), 0 when read from text


@dataclass
class _Draft:
    paragraphs: list[str] = field(default_factory=list)
    continued: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    lead: L.Lead | None = None
    closed: bool = False


@dataclass
class _Run:
    heads: list[_Unit]
    before: int | None
    adjacent: bool = False  # the run opens the next article (no lead form does): its headline
    after: int | None = None


def masthead_date(text: str) -> date | None:
    """The issue date printed in a masthead (`2024年6月14日 星期五`), if any."""
    m = MASTHEAD.search(text[:2000])
    return real_date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


_ONE_HAN = re.compile(r"[\u4e00-\u9fff]")


def _prepare_lines(raw: str) -> list[_Line]:
    """Non-empty lines; a vertical headline (three or more one-character lines, a blank line
    between its columns) becomes one line with its columns; a line holding the end of a
    headline and the start of an article (`…大赛落幕 本报讯 记者…`) is split in two."""
    rows = [(no, line.replace("\u3000", " ").strip()) for no, line in enumerate(raw.splitlines(), 1)]
    out: list[_Line] = []
    i = 0
    while i < len(rows):
        no, text = rows[i]
        if len(text) == 1 and _ONE_HAN.match(text):
            j, columns, column, gaps = i, [], "", 0
            while j < len(rows):
                t = rows[j][1]
                if len(t) == 1 and _ONE_HAN.match(t):
                    column += t
                    j += 1
                    continue
                if not t and j + 1 < len(rows) and len(rows[j + 1][1]) == 1 and _ONE_HAN.match(rows[j + 1][1]):
                    gaps += 1
                    columns.append(column)
                    column = ""
                    j += 1
                    continue
                break
            columns.append(column)
            if sum(len(c) for c in columns) >= 3:
                if gaps and all(len(c) == 1 for c in columns):
                    columns = ["".join(columns)]  # a blank after every character: one column
                out.append(_Line(no, "".join(reversed(columns)), columns=[c for c in columns if c]))
                i = j
                continue
        if text:
            m = L.GLUED_LEAD.search(text)
            if m and m.start() > 0 and not L.furniture(text[: m.start()]):
                out.append(_Line(no, text[: m.start()].strip()))
                out.append(_Line(no, text[m.start() :].strip()))
            else:
                out.append(_Line(no, text))
        i += 1
    return out




def _column_widths(lines: list[_Line], window: int = 8) -> list[float]:
    """Typical length of a body line around each line (columns differ within a page):
    the median length of the nearby lines that carry a comma, which are body text."""
    body = [len(L.squash(x.text)) if _PUNCT.search(x.text) else 0 for x in lines]
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


def _complete(tail: str, started_bracket: bool) -> bool:
    """Whether a paragraph ends here: a sentence end, a closing note after one
    (`…43.5%。（记者 赵然）`), a bracket opened at the paragraph's start and now closed, or a
    photo credit (`… 记者 顾远帆 摄`)."""
    if terminal(tail) and not tail.rstrip().endswith(("）", ")")):
        return True
    t = tail.rstrip()
    if t.endswith(("）", ")")):
        if _CLOSED_NOTE.search(t) or (started_bracket and t.count("（") + t.count("(") <= t.count("）") + t.count(")")):
            return True
        return terminal(t[:-1])
    credit = L.PHOTO_CREDIT.search(t)
    return bool(credit and (not t[: credit.start("credit")].strip() or terminal(t[: credit.start("credit")])))


_PUNCT = re.compile(r"[，。；：、！？,;:!?]")
_OPENING = re.compile(
    r"^(?:\d{1,2}月\d{1,2}日[^，,。]{0,6}[，,]|\d{1,2}日[^，,。]{0,4}[，,]|(?:据了解|据介绍|据悉|近日|日前|今年以来|近年来|目前|眼下|昨天|今天|连日来|去年以来|入[春夏秋冬]以来|近期)[，,])"
    r"|^[\u4e00-\u9fff]{1,6}[:：]$|^(?:本报)?记者(?:近日|日前|\d{1,2}日)?从"
)


_GLUE = set("于的了着过得地之其和与及或并而且也又还就都等性化者们")


def _reads_on(head: str, body: str, page: Counter[str]) -> bool:
    """Whether a line runs on into the next as one sentence cut by the column (`…信息产` +
    `业的基础…`, `…研究院创立` + `于2019年…`): the next line opens with a word that cannot
    open a sentence, or the two characters at the cut are a pair the page prints twice more."""
    if not head or not body:
        return False
    return body[0] in _GLUE or page[head[-1] + body[0]] >= 2


def _page_pairs(lines: list[_Line]) -> Counter[str]:
    """How often each pair of adjacent characters stands inside one line (never across lines)."""
    pairs: Counter[str] = Counter()
    for x in lines:
        t = L.squash(x.text)
        pairs.update(t[i : i + 2] for i in range(len(t) - 1))
    return pairs


def _leading_heads(pending: list[_Line], page: Counter[str], after_close: bool = False) -> int:
    """How many of a finished paragraph's first lines are a headline standing right before it
    (`县城第三水厂完成扩容改造` over `11月2日，县城第三水厂扩…`): lines with no sentence
    punctuation (a sub-title's dash excepted), followed by a line that opens a paragraph
    (`11月2日，`, `近日，`, `编辑同志：`), or after a paragraph that ended its article, or whose
    lengths differ from the column's lines below them (by max(4, 30%)) and whose words the
    paragraph repeats, as a fragment cut off a sentence's start does not; long runs of
    short lines over prose are verse."""
    ends = [len(L.squash(x.text)) for x in pending[-6:-1]]
    if len(ends) >= 2:  # verse over prose: many short lines, commas or not, then the column
        short = 0.75 * statistics.median(ends)
        v = 0
        while v < len(pending) - 1 and len(L.squash(pending[v].text)) <= short:
            v += 1
        if v > LONG_RUN:
            return v
    m = 0
    while m < len(pending) - 1 and (_DASH.match(pending[m].text) or not _PUNCT.search(pending[m].text)):
        if not _DASH.match(pending[m].text) and (L.lead(pending[m].text) is not None or re.search(r"[（(]", pending[m].text)):
            return m  # a lead form (`（记者 梁晓 …`) opens the paragraph after the headline
        m += 1
    if m == 0:
        return 0
    body_start = L.squash(pending[m].text)
    if _OPENING.match(body_start) or m > LONG_RUN:
        return m
    if after_close and m <= 4:
        return m  # the paragraph before ended its article (`…（记者 俞鹏）`): a new headline
    if _reads_on(L.squash(pending[m - 1].text), body_start, page):
        return 0
    inner = [len(L.squash(x.text)) for x in pending[m:-1]]  # the column's own lines, its last one aside
    local = statistics.median(inner) if inner else len(L.squash(pending[m].text))
    if not all(abs(len(L.squash(x.text)) - local) >= max(4.0, 0.3 * local) for x in pending[:m]):
        return 0
    if any(_DASH.match(x.text) for x in pending[1:m]):
        return m  # a title over its `——` sub-title: a headline, whatever the body repeats
    # A headline's words come back in its text; a fragment cut off a sentence's start does not.
    said = _bigrams(join_lines([x.text for x in pending[m:]]))
    return m if _coverage(join_lines([x.text for x in pending[:m]]), said) >= 0.3 else 0


def _body_like(pending: list[_Line]) -> bool:
    """Lines with a comma are a paragraph cut off; a `——` sub-title's comma does not count,
    nor do the `、` and `：` headlines print (`人民日报评论员文章：…`, `国务院、全国政协`)."""
    return any(re.search(r"[，；,;]", x.text) and not _DASH.match(x.text) for x in pending)


def _group_lines(lines: list[_Line], paper: str) -> list[_Unit]:
    widths = _column_widths(lines)
    page = _page_pairs(lines)
    units: list[_Unit] = []
    pending: list[_Line] = []
    tail = ""  # the last characters of the pending paragraph, joined
    weather = False
    closed = False  # the last paragraph ended its article (an end byline, `下转`)
    body_seen = False  # some pending line is body-like: kept as lines come, so a page of lines
    # that never end a sentence is not re-scanned at every line (linear, not quadratic)

    def flush() -> None:
        nonlocal body_seen
        body_seen = False
        if not pending:
            return
        texts = [x.text for x in pending]
        if all(re.search(r"[，。,]", t) for t in texts):
            units.append(_Unit("para", join_lines(texts), pending[0].no))  # a page cut off mid-paragraph
        elif len(pending) > LONG_RUN:
            units.extend(_Unit("verse", x.text, x.no) for x in pending)
        else:
            for x in pending:
                kind = "para" if len(alnum_only(x.text)) > MAX_HEAD_CHARS else "head"
                units.append(_Unit(kind, x.text, x.no, scrambled=_is_scrambled(x.text)))
        pending.clear()

    for line, width in zip(lines, widths, strict=True):
        text = line.text
        if line.columns:
            flush()
            units.append(_Unit("head", text, line.no, columns=line.columns))
            continue
        if weather and L.weather_line(text):
            units.append(_Unit("furn", text, line.no))
            continue
        weather = False
        open_body = bool(pending) and body_seen
        if L.furniture(text, paper, mid_paragraph=open_body):
            weather = bool(_WEATHER_BOX.search(text))
            if not open_body:  # furniture inside a paragraph leaves it open
                flush()
            units.append(_Unit("furn", text, line.no))
            continue
        if not pending and L.byline_line(text):
            units.append(_Unit("byline", text, line.no))
            continue
        if not pending and L.PHOTO_CREDIT.fullmatch(text.strip()) and len(L.squash(text)) <= 12:
            units.append(_Unit("credit", text, line.no))
            continue
        if L.SUBHEAD_MARK.match(text) and len(L.squash(text)) <= 40 and not re.search(r"[。！？]", text):
            flush()
            units.append(_Unit("sub", text, line.no))
            continue
        here = L.lead(text)
        starts = here is not None or L.CONTINUES_FROM.match(text) is not None
        if here is not None and not here.form and pending:
            # `新华社西安1月25日电` / `（记者 赵蕾）1月25日，…`: a column cut between a dateline and
            # its byline continues the lead; it opens no second article.
            before = L.lead(join_lines([x.text for x in pending]))
            if before is not None and before.form and not before.byline and not L.squash(before.rest):
                starts = False
        wide_headline = (
            width < 25
            and not pending
            and not starts
            and len(L.squash(text)) > width * 1.3
            and not re.search(r"[，。；：、,;:]", text)
        )
        if starts or wide_headline:
            flush()
            if wide_headline:
                units.append(_Unit("head", text, line.no, scrambled=_is_scrambled(text)))
                continue
        if pending and not open_body and L.byline_line(text):
            flush()
            units.append(_Unit("byline", text, line.no))
            continue
        pending.append(line)
        body_seen = body_seen or _body_like([line])
        # Only the end of the paragraph so far can complete it (a `下转` marker is at most a
        # few characters before the new line): look at that, not the whole paragraph again,
        # so a page of lines that never end a sentence costs linear time, not quadratic.
        tail = join_lines([tail[-_MARKER_REACH:], text]) if len(pending) > 1 else text.strip()
        cont = L.CONTINUED.search(tail)
        if cont or _complete(tail, pending[0].text.lstrip().startswith(("（", "("))):
            heads = _leading_heads(pending, page, closed)
            if heads:
                head_lines, rest = pending[:heads], pending[heads:]
                pending[:] = head_lines
                flush()
                pending[:] = rest
            unit = _para_unit(join_lines([x.text for x in pending]), pending[0].no, bool(cont))
            units.append(unit)
            closed = _closes(unit)
            pending.clear()
            body_seen = False
    flush()
    return units


def _para_unit(joined: str, no: int, marked: bool = True) -> _Unit:
    """A finished paragraph, its `（下转…）` marker (if `marked`) taken out into `continued`."""
    found = L.CONTINUED.search(joined) if marked else None
    para = (joined[: found.start()] + joined[found.end() :]).strip() if found else joined
    return _Unit("para", para, no, continued=L.squash(found.group(1)) if found else None)


def _closes(unit: _Unit) -> bool:
    """A paragraph that ends its article: a `下转` marker, an end byline, a closing note."""
    return bool(unit.continued or L.END_BYLINE.search(L.spaced_roles(unit.text[-90:])) or L.END_NOTE.match(unit.text))


def _block_units(blocks: Sequence[Block], paper: str) -> list[_Unit]:
    """A PDF page's measured blocks as units: headline lines by type size (furniture aside),
    paragraphs whole (indent and short lines ended them), bylines and credits as on a text page."""
    units: list[_Unit] = []
    sizes = Counter(round(b.size, 1) for b in blocks if b.kind == "para" for _ in range(len(b.text)))
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    box: float | None = None  # under a box's header (`导 读`, `天 气`, `征稿启事`): the box's type size
    for no, b in enumerate(blocks, 1):
        text = b.text.strip()
        if box is not None and b.kind != "head":
            # The box's lines: set in the box's own type (not the body's), or short.
            box = box or b.size
            if abs(b.size - box) < 0.03 * box and (abs(b.size - body) >= 0.03 * b.size or len(L.squash(text)) <= BOX_LINE):
                units.append(_Unit("furn", text, no))
                continue
        box = None
        if L.box_head(text):
            box = 0.0
            units.append(_Unit("furn", text, no))
        elif b.kind == "furn" or L.furniture(text, paper) or not text.strip(L.BULLETS + " "):
            units.append(_Unit("furn", text, no))  # (a bullet alone, a list's mark, is no text)
        elif b.kind == "head":
            units.append(_Unit("head", text, no, columns=list(b.columns), size=b.size))
        elif L.byline_line(text):
            units.append(_Unit("byline", text, no))
        elif L.PHOTO_CREDIT.fullmatch(text) and len(L.squash(text)) <= 12:
            units.append(_Unit("credit", text, no))
        elif L.SUBHEAD_MARK.match(text) and len(L.squash(text)) <= 40 and not re.search(r"[。！？]", text):
            units.append(_Unit("sub", text, no))
        else:
            units.append(_para_unit(text, no))
    return units


def _bigrams(text: str) -> set[str]:
    c = alnum_only(text)
    return {c[i : i + 2] for i in range(len(c) - 1)} or ({c} if c else set())


def _coverage(line: str, body: set[str]) -> float:
    grams = _bigrams(line)
    return len(grams & body) / len(grams) if grams else 0.0


def _verse_heads(units: list[_Unit]) -> None:
    """The last lines of a run of verse that the prose after it is about are that prose's
    headline (`夜市的灯` after a poem, before the essay on the night market)."""
    i = 0
    while i < len(units):
        if units[i].kind != "verse":
            i += 1
            continue
        j = i
        while j < len(units) and units[j].kind == "verse":
            j += 1
        after = []  # the prose under the verse, up to the next headline or byline
        for u in units[j : j + 60]:
            if u.kind != "para":
                break
            after.append(u.text)
        if after:  # prose, or a lead article whose headline closes the verse
            body = _bigrams("".join(after))
            # From the last line up, while each line is one the prose repeats (at most three).
            k = j
            while k > max(i + 1, j - 3) and _coverage(units[k - 1].text, body) >= 0.3:
                k -= 1
            for u in units[k:j]:
                u.kind = "head"
        i = j


def _next(units: list[_Unit], i: int) -> _Unit | None:
    for u in units[i + 1 :]:
        if u.kind != "furn":
            return u
    return None


def _drafts(units: list[_Unit], measured: bool = False) -> tuple[list[_Draft], list[_Run], list[str]]:
    """Articles in page order, the headline runs between them, and the page's furniture.
    `measured` (a PDF page, whose headlines are known by type size): a byline with no
    headline before it signs the article it stands in (an author line at the top of a
    column), it opens none."""
    drafts: list[_Draft] = []
    runs: list[_Run] = []
    furniture: list[str] = []
    run: list[_Unit] = []
    waiting: list[str] = []  # byline lines before the body they sign
    prev: _Unit | None = None

    def close_run(adjacent: bool = False) -> None:
        nonlocal run
        if run:
            runs.append(_Run(run, len(drafts) - 1 if drafts else None, adjacent))
            run = []

    for i, u in enumerate(units):
        if u.kind == "furn":
            furniture.append(u.text)
            close_run()
            continue
        if u.kind == "head":
            run.append(u)
            prev = u
            continue
        if u.kind in ("byline", "credit"):
            nxt = _next(units, i)
            signs_next = (
                u.kind == "byline"
                and not L.signature(u.text)
                and nxt is not None
                and nxt.kind in ("para", "verse")
                and L.lead(nxt.text) is None
                and not L.END_NOTE.match(nxt.text)
            )
            after_text = prev is not None and prev.kind in ("para", "verse", "sub", "byline", "credit")
            if drafts and not run and not waiting and (measured or (after_text and not signs_next)):
                drafts[-1].bylines.append(u.text)  # a signature after its article
            else:
                waiting.append(u.text)  # a byline over the body that follows
            prev = u
            continue
        # a paragraph of some kind
        lead = L.lead(u.text) if u.kind == "para" else None
        up = L.CONTINUES_FROM.match(u.text) if u.kind == "para" else None
        if drafts and not lead and not up and not waiting and L.END_NOTE.match(u.text) and not run:
            drafts[-1].paragraphs.append(u.text)  # `（记者 …）`, `（作者单位：…）` under its article
            prev = u
            continue
        new = (
            not drafts
            or lead is not None
            or up is not None
            or bool(waiting)
            or (bool(run) and u.kind != "sub")
            or drafts[-1].closed
        )
        if new:
            # Only an article that nothing else opens (no lead form, no `上接`) is known to
            # stand under the run before it; a lead article's headline may be anywhere.
            close_run(adjacent=lead is None and up is None)
            drafts.append(_Draft(lead=lead))
        elif run:
            close_run()
        d = drafts[-1]
        d.bylines += waiting
        waiting = []
        text = u.text
        if up:
            d.continued.append(L.squash(up.group(1)))
            text = text[up.end() :].strip()
        if text:
            d.paragraphs.append(text)
        if u.continued:
            d.continued.append(u.continued)
            d.closed = True
        prev = u
    if waiting:
        if drafts:
            drafts[-1].bylines += waiting
        else:
            furniture += waiting
    if run:
        runs.append(_Run(run, len(drafts) - 1 if drafts else None))
    for r in runs:
        following = (r.before + 1) if r.before is not None else 0
        r.after = following if following < len(drafts) else None
    return drafts, runs, furniture


@dataclass(frozen=True)
class _Part:
    run: int
    start: int
    end: int
    article: int
    score: float


def _assign(runs: list[_Run], bodies: list[set[str]], headless: frozenset[int] = frozenset()) -> list[_Part]:
    """Cut each run into parts and give each part to one article (or none), maximising the
    summed line scores: coverage by the article minus MIN_COVERAGE, minus FAR_PENALTY for an
    article that is not a neighbour; plus ADJACENT once for the part closing a run that
    stands right before its article. A part for the article before must open the run, one for the article after must
    close it, at most one other article takes the part between, a sub-title (`——…`) closes
    its headline and a kicker ending in a saying verb stays with its title. Every pair of
    cut points is tried: quadratic in the run's length (a run is at most LONG_RUN lines),
    linear in the number of articles."""
    parts: list[_Part] = []
    near_only = len(bodies) > FAR_ARTICLES
    for rid, r in enumerate(runs):
        parts.extend(_split_run(rid, r, bodies, near_only, headless))
    return parts


def _split_run(rid: int, r: _Run, bodies: list[set[str]], near_only: bool, headless: frozenset[int]) -> list[_Part]:
    """The best parts of one run (see `_assign`)."""
    heads = r.heads
    n = len(heads)
    if not n or not bodies:
        return []
    cands = [a for a in (r.before, r.after) if a is not None] if near_only else list(range(len(bodies)))
    grams = [_bigrams(h.text) for h in heads]
    breaks = {k + 1 for k, h in enumerate(heads) if _DASH.match(h.text) and k + 1 < n}
    memo: dict[tuple[int, int, int], float] = {}

    def seg_score(i: int, j: int, a: int) -> float:
        # The part's lines are judged together: a kicker the article never repeats
        # (`“江州造”加速出海`) rides on the title and sub-title it stands with.
        key = (i, j, a)
        if key not in memo:
            joined: set[str] = set().union(*grams[i:j])
            covered = len(joined & bodies[a]) / len(joined) if joined else 0.0
            s = (covered - MIN_COVERAGE) * (j - i) - SEGMENT_COST
            if a not in (r.before, r.after):
                s -= FAR_PENALTY * (j - i)
            if a == r.after and r.adjacent and j == n:
                s += ADJACENT
            if a in headless and a in (r.before, r.after):
                s += HEADLESS
            memo[key] = s
        return memo[key]

    # A kicker that ends in a saying verb (`…会上要求`) is never cut from the title after it.
    bonded = {k + 1 for k, h in enumerate(heads) if _SAYING.search(h.text) and k + 1 < n}

    def allowed(i: int, j: int) -> bool:
        return not any(i < b < j for b in breaks)

    def cut_ok(k: int) -> bool:
        return k not in bonded

    # The run as [part for the article before][part for one other article][part for the
    # article after], any of them empty or given to no article.
    best_total = 0.0
    best_parts: list[tuple[int, int, int, float]] = []
    for s_ in range(n + 1):
        if not cut_ok(s_) or (s_ > 0 and not allowed(0, s_)):
            continue
        head_score = seg_score(0, s_, r.before) if s_ and r.before is not None else None
        for t in range(s_, n + 1):
            if not cut_ok(t) or (t < n and not allowed(t, n)) or (t > s_ and not allowed(s_, t)):
                continue
            tail_score = seg_score(t, n, r.after) if t < n and r.after is not None and r.after != r.before else None
            middle: tuple[float, int] | None = None
            if t > s_:
                for a in cands:
                    if a in (r.before, r.after):
                        continue
                    sc = seg_score(s_, t, a)
                    if middle is None or sc > middle[0]:
                        middle = (sc, a)
            chosen_parts: list[tuple[int, int, int, float]] = []
            total = 0.0
            if head_score is not None and head_score > 0 and r.before is not None:
                chosen_parts.append((0, s_, r.before, head_score))
                total += head_score
            if middle is not None and middle[0] > 0:
                chosen_parts.append((s_, t, middle[1], middle[0]))
                total += middle[0]
            if tail_score is not None and tail_score > 0 and r.after is not None:
                chosen_parts.append((t, n, r.after, tail_score))
                total += tail_score
            if total > best_total:
                best_total, best_parts = total, chosen_parts
    return [_Part(rid, i, j, a, sc) for i, j, a, sc in best_parts]


def _widen(chosen: dict[int, _Part], runs: list[_Run]) -> dict[int, _Part]:
    """A headline's lines stand together: lines of the run that no article took join the part
    right below them first (a kicker its article never repeats, `坚持民生优先  补齐城市短板`,
    or a title over its sub-title), then the part right above (the rest of a sub-title); a
    sub-title's dash still ends a headline."""
    out = dict(chosen)
    for upward in (True, False):
        for a, part in sorted(out.items(), key=lambda x: (x[1].run, x[1].start)):
            heads = runs[part.run].heads
            taken = {k for p in out.values() if p.run == part.run for k in range(p.start, p.end)}
            start, end = part.start, part.end
            if upward:
                while start > 0 and start - 1 not in taken and not _DASH.match(heads[start - 1].text):
                    start -= 1
            else:
                while end < len(heads) and end not in taken and not _DASH.match(heads[end - 1].text):
                    end += 1
            out[a] = _Part(part.run, start, end, part.article, part.score)
    return out


def _choose(parts: list[_Part]) -> dict[int, _Part]:
    """Each article's headline: its best-scoring part (an article takes one place on the page)."""
    chosen: dict[int, _Part] = {}
    for p in parts:
        if p.article not in chosen or p.score > chosen[p.article].score:
            chosen[p.article] = p
    return chosen


def _vertical(columns: list[str], body: set[str]) -> list[str]:
    """A vertical headline's lines: columns read right to left (the extractor gives them left
    to right) unless the article's text joins them better the other way (`…总书记` +
    `重要讲话精神…`); a column that ends in a saying verb is a kicker line of its own, the
    others read on as one line."""
    if len(columns) == 1:
        return columns
    rtl, ltr = list(reversed(columns)), list(columns)

    def joins(order: list[str]) -> int:
        return sum(1 for x, y in itertools.pairwise(order) if x[-1] + y[0] in body)

    order = ltr if joins(ltr) > joins(rtl) else rtl
    out = [order[0]]
    for col in order[1:]:
        if _SAYING.search(out[-1]) or _DASH.match(col):
            out.append(col)  # a kicker column (`…学习会强调`) or a sub-title column stands apart
        else:
            out[-1] += col  # a headline too long for one column reads on into the next
    return out


def _unwrap(lines: list[str], body: str) -> list[str]:
    """Lines of one title wrapped by the column join again where the article's text reads on
    across the cut (`区委常委会召开会议传达学习` + `习近平总书记重要讲话精神`: the text prints
    `学习习近平`); a kicker that ends in a saying verb stays apart."""
    text = L.squash(body)  # punctuation kept: `赋能。拱墅` does not read on
    out: list[str] = []
    for line in lines:
        if out and not _SAYING.search(out[-1]):
            left, right = han_chars(out[-1])[-2:], han_chars(line)[:2]
            if len(left) == 2 and len(right) == 2 and left + right in text:
                out[-1] = f"{out[-1]}{line}"
                continue
        out.append(line)
    return out


def _measured_parts(heads: list[_Unit]) -> tuple[str, str, str]:
    """(kicker, main title, sub-title) of a PDF headline by type size: the main title is the
    biggest type (lines of it one after another are one title wrapped), what stands above it
    is the kicker, what stands below it (or opens with a dash) the sub-title."""
    lines = [(h.size, t) for h in heads for t in (h.columns or [_clean_head(h.text)])]
    top = max(size for size, _ in lines)
    i = next(k for k, (size, _) in enumerate(lines) if size >= 0.95 * top)
    j = i + 1
    while j < len(lines) and lines[j][0] >= 0.95 * top and not _DASH.match(lines[j][1]):
        j += 1
    return (
        " ".join(t for _, t in lines[:i]),
        "".join(t for _, t in lines[i:j]),
        " ".join(t for _, t in lines[j:]),
    )


def _headline_parts(lines: list[str], lead: str, body: str = "") -> tuple[str, str, str]:
    """(kicker, main title, sub-title) from a headline's lines, as papers print them: a line
    opening with a dash and all after it are the sub-title; a first line that ends in a
    saying verb (`…时强调`) is the kicker; otherwise the main title is the line whose words
    the lead repeats most, lines above it the kicker and lines below it the sub-title."""
    dash = next((k for k, t in enumerate(lines) if _DASH.match(t)), None)
    main, sub = (lines[:dash], lines[dash:]) if dash is not None else (lines, [])
    main = _unwrap(main, body)
    if not main:
        return "", " ".join(sub), ""
    if len(main) == 1:
        return "", main[0], " ".join(sub)
    if dash is not None or _SAYING.search(main[0]):
        return main[0], " ".join(main[1:]), " ".join(sub)
    grams = han_bigrams(lead)
    said = [len(han_bigrams(t) & grams) for t in main]
    t = said.index(max(said))
    return " ".join(main[:t]), main[t], " ".join(main[t + 1 :] + sub)


def canonical_lead(lead: L.Lead, paragraph: str) -> str:
    """The lead paragraph with its byline rebuilt (`本报讯（记者 林韬 通讯员 黄朝文）…`): roles
    and names set off by single spaces, whatever spaces the extractor left."""
    if not lead.byline:
        return clean_text(paragraph)
    words: list[str] = []
    for chunk in L.ROLE_SPLIT.split(L.spaced_roles(lead.byline)):
        if not chunk.strip():
            continue
        if L.ROLE_SPLIT.fullmatch(chunk.strip()):
            if words and words[-1] in L.ROLE_PREFIXES:
                words[-1] += L.squash(chunk)  # `本报` + `记者` is one role
            else:
                words.append(L.squash(chunk))
        else:
            words.extend(L.split_names(chunk) or [L.squash(chunk)])
    if not lead.bracketed:  # as printed, names set off: `本报讯 记者 罗清扬 通讯员 邵青 近日，…`
        return " ".join(p for p in (clean_text(lead.form), " ".join(words), clean_text(lead.rest)) if p)
    return f"{clean_text(lead.form)}（{' '.join(words)}）{clean_text(lead.rest)}"


def derive_title(lead: str) -> str:
    """A short title from the lead when the page has no usable headline: its first clause
    after the byline and the date phrase."""
    found = L.lead(lead)
    rest = clean_text(found.rest if found else lead)
    rest = re.sub(r"^[^，。]*?(\d{1,2}月\d{1,2}日(?:[上下]午|晚|早)?|近日|日前|连日来|近期)[，,]?", "", rest)
    title = ""
    for clause in re.split(r"[，。；！？]", rest):
        if title and len(title) + len(clause) > 30:
            break
        title = f"{title}，{clause}" if title else clause
        if len(title) >= 12:
            break
    return title[:40] or rest[:30]


def event_date(lead: L.Lead | None, first: str, issue_date: date) -> tuple[date, bool]:
    """The event date: the lead sentence's (`7月3日电 7月1日，…` → 7月1日), else the dateline's
    (`本报10月15日讯 今天上午…`), else the issue date (approximate)."""
    rest = clean_text(lead.rest if lead else first)[:120]
    dateline = (lead.month, lead.day) if lead and lead.month and lead.day else None
    return lead_date(rest, issue_date, dateline)


def _clean_head(line: str) -> str:
    """Clean a headline line but keep the wide gap between its two halves as one space
    (`建一流营商环境  拼一流经济业绩` is two phrases, not one)."""
    parts = re.split(r"\s{2,}", line.strip())
    if all(len(p) >= 4 for p in line.split()):
        parts = line.split()  # a wide column: single spaces separate phrases too
    return re.sub(r"\s+", " ", " ".join(clean_text(p) for p in parts if p.strip()))


def segment(raw: str, issue_date: date, paper: str = "") -> Segmented:
    """Articles of one page of extracted text, in page order, with headline parts, bylines,
    authors and dates."""
    units = _group_lines(_prepare_lines(raw), paper)
    _verse_heads(units)
    return _articles(units, issue_date, masthead_date(raw), measured=False)


def segment_blocks(blocks: Sequence[Block], issue_date: date, paper: str = "") -> Segmented:
    """Articles of one PDF page from its measured blocks (`pdfpage.layout`): a headline is the
    big type standing over its article, its parts are told apart by size."""
    units = _block_units(blocks, paper)
    return _articles(units, issue_date, masthead_date("\n".join(b.text for b in blocks)), measured=True)


def _measured_heads(runs: list[_Run], drafts: list[_Draft]) -> dict[int, _Part]:
    """A measured headline run heads the article under it (the next in reading order), or,
    at the page's end, the article before it when that one has none."""
    chosen: dict[int, _Part] = {}
    for rid, r in enumerate(runs):
        if not r.heads:
            continue
        nxt = runs[rid + 1] if rid + 1 < len(runs) else None
        if nxt is not None and nxt.heads and (nxt.before, nxt.after) == (r.before, r.after) and r.after is not None:
            # Headline lines parted only by furniture (a contents box read between a kicker and
            # its title) are one headline: the next run takes this one's lines first.
            nxt.heads[:0] = r.heads
            r.heads = []
            continue
        target = r.after if r.after is not None else r.before
        if target is not None and target not in chosen and target < len(drafts):
            chosen[target] = _Part(rid, 0, len(r.heads), target, 1.0)
    return chosen


def _articles(units: list[_Unit], issue_date: date, printed: date | None, measured: bool) -> Segmented:
    warnings: list[str] = []
    drafts, runs, furniture = _drafts(units, measured)
    bodies = [_bigrams("".join(d.paragraphs)) for d in drafts]
    for r in runs:
        usable = []
        for k, h in enumerate(r.heads):
            if k >= MAX_RUN:
                warnings.append(f"第{h.line_no}行：连续{len(r.heads)}行都不成句，不像标题，已归入版面杂项")
                furniture.extend(x.text for x in r.heads[k:])
                break
            if h.scrambled:
                warnings.append(f"第{h.line_no}行的标题无法还原，已归入版面杂项：{h.text[:20]}…")
                furniture.append(h.text)
            else:
                usable.append(h)
        r.heads = usable
    if measured:
        chosen = _measured_heads(runs, drafts)
    else:
        chosen = _choose(_assign(runs, bodies))
        headless = frozenset(k for k, d in enumerate(drafts) if k not in chosen and d.paragraphs)
        if headless and runs:
            chosen = _choose(_assign(runs, bodies, headless))
        chosen = _widen(chosen, runs)
    used = {(p.run, k) for p in chosen.values() for k in range(p.start, p.end)}
    for rid, r in enumerate(runs):
        for k, h in enumerate(r.heads):
            if (rid, k) not in used:
                furniture.append(h.text)
                warnings.append(f"第{h.line_no}行像标题，但找不到它的文章，已归入版面杂项：{L.squash(h.text)[:24]}")

    articles: list[ArticleRecord] = []
    for pos, d in enumerate(drafts):
        if not d.paragraphs:
            d.paragraphs.append("")
        lines: list[str] = []
        part = chosen.get(pos)
        heads = runs[part.run].heads[part.start : part.end] if part is not None else []
        if measured and _not_an_article(d):
            # Big type over a few words that never make a sentence: an advertisement, a
            # banner, a sponsor's line; furniture, said once.
            furniture.extend([h.text for h in heads] + d.paragraphs + d.bylines)
            warnings.append(f"不成文章的一块（像广告或栏头），已归入版面杂项：{L.squash(' '.join(h.text for h in heads) or d.paragraphs[0])[:24]}")
            continue
        for h in heads:
            if h.columns:
                lines.extend(h.columns if measured else _vertical(h.columns, bodies[pos]))
            else:
                lines.append(_clean_head(h.text))
        first = d.paragraphs[0]
        lead = d.lead
        paragraphs = [canonical_lead(lead, first) if lead else clean_text(first)]
        paragraphs += [clean_text(p) for p in d.paragraphs[1:]]
        text = "\n".join(p for p in paragraphs if p)
        if not lines:
            kicker, title, subtitle = "", "", ""
        elif measured:
            kicker, title, subtitle = _measured_parts(heads)
        else:
            kicker, title, subtitle = _headline_parts(lines, paragraphs[0], text)
        derived = not title
        if derived:
            title = derive_title(text) if text else "（无标题）"
        elif len(title) > MAX_TITLE:
            title = title[: MAX_TITLE - 1] + "…"
        authors: list[str] = []
        credits = ([lead.byline] if lead and lead.byline else []) + d.bylines + _end_bylines(d.paragraphs)
        for credit in credits:
            authors += [a for a in L.names_in(credit) if a not in authors]
        when, approximate = event_date(lead, first, issue_date)
        articles.append(
            ArticleRecord(
                title=title,
                kicker=kicker,
                subtitle=subtitle,
                byline=" ".join(re.sub(r"\s+", " ", b.strip()) for b in d.bylines),
                title_derived=derived,
                text=text,
                authors=authors,
                date=when,
                date_approximate=approximate,
                issue_date=issue_date,
                continued_on=d.continued,
                headline_lines=lines,
                position=pos,
            )
        )
    return Segmented(articles=articles, masthead_date=printed, warnings=warnings, furniture=furniture)


def _not_an_article(d: _Draft) -> bool:
    """A PDF block that has a headline's type but no article's text: no lead, no byline, no
    continuation, a few words (at most AD_CHARS Han characters) with no sentence mark."""
    text = "".join(d.paragraphs)
    return (
        d.lead is None and not d.bylines and not d.continued
        and len(han_chars(text)) <= AD_CHARS and not _SENTENCE.search(text)
    )


_SENTENCE = re.compile(r"[，。；！？,;!?]")
AD_CHARS = 60


def _end_bylines(paragraphs: list[str]) -> list[str]:
    """Bylines printed at the end of a paragraph (`…43.5%。（记者 赵然 通讯员 孙晓婷）`) or as a
    photo credit (`… 记者 顾远帆 摄`)."""
    out: list[str] = []
    for p in paragraphs:
        m = L.END_BYLINE.search(L.spaced_roles(p[-90:]))
        if m:
            out.append(m.group("inner"))
        c = L.PHOTO_CREDIT.search(p)
        if c:
            out.append(c.group("credit"))
    return out
