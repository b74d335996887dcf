"""A PDF page's characters → lines, columns and blocks in reading order, measured, not guessed.

    Glyph (char, box, type size) ─▶ _rows: glyphs on one baseline, cut at wide gaps
                                 ─▶ _verticals: single characters stacked in a column (a
                                    vertical headline), columns read right to left
                                 ─▶ _xy_order: recursive XY-cut (the widest gap that crosses
                                    the whole region, horizontal first for ties), a vertical
                                    headline before the block it heads
                                 ─▶ Block: a headline line (`head`, with its type size), a
                                    paragraph (lines joined up to an indented or short line:
                                    `para`), small type (`small`: captions, folio, masthead lines)

A line is a headline when its type is clearly bigger than the page's body type (the size most
characters are set in); what the text path must infer from words (which line is the title,
where a paragraph ends, which order a vertical headline reads in) is read off the geometry.
Everything here is pure: `layout(glyphs)` takes characters from any extractor.
"""

from __future__ import annotations

import bisect
import itertools
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from retrieval.ingest.lines import BULLETS, byline_line, furniture, paper_name
from retrieval.ingest.repair import join_lines

HEAD_RATIO = 1.2  # type this much bigger than the body's is a headline
SMALL_RATIO = 0.92  # type this much smaller is a caption, folio or masthead line
WORD_GAP = 0.35  # a gap wider than this (in ems) inside a line is a space
WIDE_GAP = 1.5  # a gap this wide (ems) inside a row is a gutter whatever the rows around it
HEAD_GAP = 3.2  # headline type keeps phrases this far apart on one line (`…环境  拼一流…`)
INDENT = 1.5  # a line indented this much (ems) opens a paragraph
SHORT = 2.0  # a line ending this far (ems) before its column's right edge closes a paragraph
PARA_GAP = 0.9  # ems of space above a line of the same column: a new paragraph
MASTHEAD_RATIO = 3.5  # a paper's name in the masthead: far bigger than any headline
HANG_REACH = 3.0  # ems: text hangs under a headline that reaches this near it
COLUMN_GAP = 0.5  # a vertical gap this wide (ems) through a whole region cuts it into columns first


@dataclass(frozen=True)
class Glyph:
    """One character as drawn: PDF text-space box with y growing downwards (top < bottom)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class Line:
    """Glyphs set on one baseline in one size, or a vertical headline's columns."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    glyphs: int
    columns: list[str] = field(default_factory=list)  # a vertical headline, read right to left


@dataclass(frozen=True)
class Block:
    """What the segmenter gets: one headline line or one paragraph, in reading order."""

    kind: Literal["head", "para", "small", "furn"]
    text: str
    size: float
    columns: tuple[str, ...] = ()  # a vertical headline's columns, right to left


def _rows(glyphs: Sequence[Glyph]) -> list[Line]:
    """Glyphs sharing a baseline and a size, cut into lines at the gutters between columns.

    A gap wider than WIDE_GAP ems is a gutter; a narrower one (but wider than a word space) is
    a gutter when a row just above or below, set in the same size, is also empty there: the
    gutter runs down the page, a space inside a sentence does not line up with another."""
    by_base = sorted(glyphs, key=lambda g: (round(g.bottom, 1), round(g.size, 1), g.x0))
    rows: list[list[Glyph]] = []
    for g in by_base:
        row = rows[-1] if rows else None
        if row and abs(g.bottom - row[-1].bottom) <= 0.25 * g.size and abs(g.size - row[-1].size) < 0.03 * g.size:
            row.append(g)
        else:
            rows.append([g])
    for row in rows:
        row.sort(key=lambda g: g.x0)
    starts = [[g.x0 for g in row] for row in rows]
    order = sorted(range(len(rows)), key=lambda k: rows[k][0].bottom)
    bases = [rows[k][0].bottom for k in order]

    def supports(j: int, left: float, right: float, size: float) -> bool:
        """Row j is empty where the gap is and a column's edge of it lines up with one of the
        gap's (a ragged right edge, an indented first line: within 0.6 em)."""
        row, xs = rows[j], starts[j]
        mid, q = (left + right) / 2, min(0.25 * size, (right - left) / 4)
        i = bisect.bisect_left(xs, mid + q)  # glyphs before i start left of the gap's middle's end
        if i and row[i - 1].x1 > mid - q:
            return False  # text runs through the middle of the gap
        before = row[i - 1].x1 if i else None
        after = row[i].x0 if i < len(row) else None
        return (before is not None and abs(before - left) <= 0.6 * size) or (
            after is not None and abs(after - right) <= 0.6 * size
        )

    def empty_nearby(k: int, left: float, right: float) -> bool:
        """Two rows near it (within six lines, in the same size) are empty there with a
        column's edge lined up: a gutter runs down the page; a word space does not line up
        with empty space twice, and a paragraph's short last line does not end at the edge."""
        size, base = rows[k][0].size, rows[k][0].bottom
        lo, hi = bisect.bisect_left(bases, base - 6 * size), bisect.bisect_right(bases, base + 6 * size)
        seen = 0
        for j in order[lo:hi]:
            other = rows[j]
            if j == k or abs(other[0].bottom - base) < 0.25 * size or abs(other[0].size - size) >= 0.1 * size:
                continue
            if supports(j, left, right, size):
                seen += 1
                if seen >= 2:
                    return True
        return False

    sizes: Counter[float] = Counter()
    for g in glyphs:
        sizes[round(g.size, 1)] += 1
    head = sizes.most_common(1)[0][0] * HEAD_RATIO if sizes else float("inf")
    lines: list[Line] = []
    for k, row in enumerate(rows):
        size = row[0].size
        wide = (1.0 if size >= head else WIDE_GAP) * size  # big type: `_join_phrases` decides
        piece: list[Glyph] = [row[0]]
        for g in row[1:]:
            gap = g.x0 - piece[-1].x1
            if gap > wide or (gap > WORD_GAP * size and empty_nearby(k, piece[-1].x1, g.x0)):
                lines.append(_line(piece))
                piece = [g]
            else:
                piece.append(g)
        lines.append(_line(piece))
    return lines


_FIGURE = set("0123456789.,%:-/")


def spaced(prev: Glyph, g: Glyph, gap: float) -> bool:
    """Whether a gap between two characters of one line is a space: wider than a word space,
    or than an em inside a number set at the width of Chinese characters (`4 6台` is 46)."""
    figure = prev.text in _FIGURE and g.text in _FIGURE
    return gap > (1.0 if figure else WORD_GAP) * g.size


def _line(glyphs: list[Glyph]) -> Line:
    """A line's text: a gap wider than a word space is a space, except inside a number set
    at the width of Chinese characters (`4 6台` in a justified line is 46)."""
    gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(glyphs)]
    # A justified line spreads every gap alike: a space is a gap wider than the line's own.
    usual = max(0.0, statistics.median(gaps)) if gaps else 0.0
    text = glyphs[0].text
    for prev, g, gap in zip(glyphs[:-1], glyphs[1:], gaps, strict=True):
        if spaced(prev, g, gap - usual):
            text += " "
        text += g.text
    return Line(
        text,
        min(g.x0 for g in glyphs),
        max(g.x1 for g in glyphs),
        min(g.top for g in glyphs),
        max(g.bottom for g in glyphs),
        statistics.median(g.size for g in glyphs),
        len(glyphs),
    )


def body_size(lines: Sequence[Line]) -> float:
    """The type size most characters of the page are set in."""
    count: Counter[float] = Counter()
    for x in lines:
        count[round(x.size, 1)] += x.glyphs
    return count.most_common(1)[0][0] if count else 10.0


def _join_phrases(lines: list[Line], head: float) -> list[Line]:
    """Headline type keeps the phrases of one line apart by a wide space: pieces of one
    baseline and size within HEAD_GAP ems are one line, the gap kept as two spaces."""
    text = sorted((x for x in lines if x.size < head), key=lambda x: x.top)
    tops = [x.top for x in text]

    heads = [x for x in lines if x.size >= head]

    def gutter_under(left: Line, right: Line) -> bool:
        """The text just under the gap leaves part of it empty all the way down: a gutter
        between two articles' columns under two headlines side by side, not two phrases of
        one headline over one block of text. A kicker or sub-title right above or below that
        spans the gap makes them one headline whatever the text under it."""
        mid = (left.x1 + right.x0) / 2
        for y in heads:
            if y is not left and y is not right and y.x0 < mid < y.x1 and (
                0 <= left.top - y.bottom <= 1.5 * left.size or 0 <= y.top - left.bottom <= 1.5 * left.size
            ):
                return False
        lo, hi = bisect.bisect_left(tops, left.bottom), bisect.bisect_right(tops, left.bottom + 6 * left.size)
        below = sorted((max(y.x0, left.x1), min(y.x1, right.x0)) for y in text[lo:hi] if y.x0 < right.x0 and y.x1 > left.x1)
        if not below:
            return False
        reach = left.x1
        for a, b in below:  # is [left.x1, right.x0] covered by the text below?
            if a > reach + 0.3 * left.size:
                return True
            reach = max(reach, b)
        return reach < right.x0 - 0.3 * left.size

    out: list[Line] = []
    for x in sorted(lines, key=lambda x: (round(x.bottom, 1), x.x0)):
        prev = out[-1] if out else None
        if (
            prev is not None
            and x.size >= head
            and abs(prev.size - x.size) < 0.05 * x.size
            and abs(prev.bottom - x.bottom) <= 0.25 * x.size
            and 0 <= x.x0 - prev.x1 <= HEAD_GAP * x.size
            and not prev.columns
            and not gutter_under(prev, x)
        ):
            out[-1] = Line(f"{prev.text}  {x.text}", prev.x0, x.x1, min(prev.top, x.top), max(prev.bottom, x.bottom),
                           x.size, prev.glyphs + x.glyphs)
        else:
            out.append(x)
    return out


def _verticals(lines: list[Line], head: float) -> list[Line]:
    """One-character pieces of headline type stacked in a column are a vertical headline;
    side-by-side columns of one headline become one element, read right to left."""
    singles = [x for x in lines if x.glyphs == 1 and len(x.text) == 1 and x.size >= head]
    rest = [x for x in lines if not (x.glyphs == 1 and len(x.text) == 1 and x.size >= head)]
    singles.sort(key=lambda x: (round((x.x0 + x.x1) / 2), x.top))
    columns: list[list[Line]] = []
    for x in singles:
        col = columns[-1] if columns else None
        if (
            col
            and abs((x.x0 + x.x1) / 2 - (col[-1].x0 + col[-1].x1) / 2) <= 0.3 * x.size
            and 0 <= x.top - col[-1].bottom <= 0.9 * x.size
        ):
            col.append(x)
        else:
            columns.append([x])
    keep: list[Line] = []
    stacks = []
    for col in columns:
        if len(col) >= 3 or (len(col) == 2 and any(_beside(col, other, True) for other in columns if len(other) >= 2 and other is not col)):
            stacks.append(col)
        else:
            keep.extend(col)
    # Columns of one headline stand side by side with overlapping heights.
    stacks.sort(key=lambda c: -c[0].x0)  # right to left
    groups: list[list[list[Line]]] = []
    for col in stacks:
        for group in groups:
            if _beside(col, group[-1]):
                group.append(col)
                break
        else:
            groups.append([col])
    for group in groups:
        cols = ["".join(x.text for x in col) for col in group]
        flat = [x for col in group for x in col]
        keep.append(
            Line(
                "".join(cols),
                min(x.x0 for x in flat),
                max(x.x1 for x in flat),
                min(x.top for x in flat),
                max(x.bottom for x in flat),
                max(x.size for x in flat),
                len(flat),
                columns=cols,
            )
        )
    return rest + keep


def _beside(a: list[Line], b: list[Line], any_size: bool = False) -> bool:
    """Two stacked columns of one vertical headline: next to each other, heights overlapping,
    in one size (a kicker column in smaller type stands apart, unless `any_size`)."""
    gap = min(abs(a[0].x0 - b[0].x1), abs(b[0].x0 - a[0].x1))
    overlap = min(a[-1].bottom, b[-1].bottom) - max(a[0].top, b[0].top)
    same = any_size or abs(a[0].size - b[0].size) < 0.05 * a[0].size
    return same and gap <= 1.5 * max(a[0].size, b[0].size) and overlap > 0


def _gaps(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Empty intervals between the union of the spans, widest first kept in order."""
    spans = sorted(spans)
    out: list[tuple[float, float]] = []
    end = spans[0][1]
    for s, e in spans[1:]:
        if s > end:
            out.append((end, s))
        end = max(end, e)
    return out


@dataclass
class _Stack:
    """Lines of one size set one under another in one column: a column's run of text, or a
    headline's lines; the XY-cut orders stacks, a stack's lines are read top to bottom."""

    lines: list[Line]
    x0: float
    x1: float
    top: float
    bottom: float
    columns: bool = False  # a vertical headline

    def add(self, x: Line) -> None:
        self.lines.append(x)
        self.x0, self.x1, self.bottom = min(self.x0, x.x0), max(self.x1, x.x1), max(self.bottom, x.bottom)


def _stacks(lines: list[Line]) -> list[_Stack]:
    """Each line joins the stack right above it (same size, the next line down, overlapping
    it across), else starts one: the page's grid of baselines becomes solid column runs, so
    the XY-cut sees the gaps between blocks, not between lines."""
    out: list[_Stack] = []
    for x in sorted(lines, key=lambda x: (x.top, x.x0)):
        if x.columns:
            out.append(_Stack([x], x.x0, x.x1, x.top, x.bottom, True))
            continue
        best: _Stack | None = None
        best_overlap = 0.0
        for st in reversed(out[-60:]):
            last = st.lines[-1]
            if st.columns or abs(last.size - x.size) >= 0.05 * x.size:
                continue
            if not -0.3 * x.size <= x.top - last.bottom <= 1.0 * x.size:
                continue
            overlap = min(last.x1, x.x1) - max(last.x0, x.x0)
            if overlap >= 0.5 * min(last.x1 - last.x0, x.x1 - x.x0) and overlap > best_overlap:
                best, best_overlap = st, overlap
        if best is None:
            out.append(_Stack([x], x.x0, x.x1, x.top, x.bottom))
        else:
            best.add(x)
    return out


def _reading_order(
    lines: list[Line], body: float, figures: Sequence[Box] = ()
) -> list[tuple[Line, float, float]]:
    """The page's lines in reading order, each with its column's left and right edge (its
    stack's): the stacks (and the figures, which hold a place but have no text) ordered by
    the XY-cut, each read down, and each vertical headline moved before the run of text
    just left of it that it heads."""
    pictures = [_Stack([], x0, x1, top, bottom) for x0, top, x1, bottom in figures]
    order = _xy_order(_stacks(lines) + pictures, body)
    order = [st for st in order if st.lines]
    for v in [st for st in order if st.columns]:
        i = order.index(v)
        size = v.lines[0].size
        j = i
        while (
            j > 0
            and not order[j - 1].columns
            and order[j - 1].x1 <= v.x0 + 0.5 * size
            and order[j - 1].top >= v.top - 2 * size
        ):
            j -= 1
        if j < i:
            order.insert(j, order.pop(i))
    # A column's right edge is where its lines usually end: lines set with natural widths
    # (no justification) end a little short or long, a paragraph's last line much shorter.
    return [(x, st.x0, statistics.median_high(y.x1 for y in st.lines)) for st in order for x in st.lines]


def _xy_order(items: list[_Stack], body: float, depth: int = 0) -> list[_Stack]:
    """Reading order by recursive XY-cut: split the region at every gap that is (nearly) the
    widest crossing it, vertically (left first) when a gutter crosses it, else horizontally
    (top first); a group that is only a vertical headline is read before the group to its
    left, the block it heads. A region no gap crosses is read top to bottom, left to right."""
    if len(items) <= 1 or depth > 200:
        return sorted(items, key=lambda x: (x.top, x.x0))
    h = _gaps([(x.top, x.bottom) for x in items])
    v = _gaps([(x.x0, x.x1) for x in items])
    # A gap right under a headline parts it from its own text: the weakest place to cut across.
    heads = [x.bottom for x in items if x.lines and not x.columns and x.lines[0].size >= body * HEAD_RATIO]
    weight = {g: (0.25 if any(abs(b - g[0]) < 0.5 for b in heads) else 1.0) for g in h}
    hw = max(((e - s) * weight[(s, e)] for s, e in h), default=0.0)
    vw = max((e - s for s, e in v), default=0.0)
    if hw <= 0 and vw <= 0:
        return sorted(items, key=lambda x: (x.top, x.x0))
    # Columns before rows: a gutter is narrower than the space between two articles, but a
    # vertical gap that crosses the whole region is never inside one block of text.
    horizontal = vw < body * COLUMN_GAP and hw >= vw
    if horizontal:
        cuts = [(s + e) / 2 for s, e in h if (e - s) * weight[(s, e)] >= 0.8 * hw]
    else:
        cuts = [(s + e) / 2 for s, e in v if e - s >= 0.8 * vw]
    groups: list[list[_Stack]] = [[] for _ in range(len(cuts) + 1)]
    for x in items:
        mid = (x.top + x.bottom) / 2 if horizontal else (x.x0 + x.x1) / 2
        groups[sum(1 for c in cuts if mid > c)].append(x)
    groups = [g for g in groups if g]
    if not horizontal:
        groups, under = _hanging(groups, h, body)
        if under is not None:  # text hanging under its neighbour's headline: the headline first
            groups = [[x for x in items if (x.top + x.bottom) / 2 < under], [x for x in items if (x.top + x.bottom) / 2 >= under]]
        else:
            groups = _verticals_first(groups)
    return [x for g in groups for x in _xy_order(g, body, depth + 1)]


def _hanging(
    groups: list[list[_Stack]], gaps: list[tuple[float, float]], body: float
) -> tuple[list[list[_Stack]], float | None]:
    """Columns cut apart that belong together: groups with no headline of their own that
    start below the headline topping a group beside them, when that headline is centred over
    all of them (a headline over a whole article, its text from column 1) or reaches close to
    them (an essay's second column), are merged with that group. When that leaves one group,
    the second value is where to cut across instead: the lowest full-width gap above the
    hanging text (the headline, and what stands with it, read first)."""
    n = len(groups)
    head = body * HEAD_RATIO

    def first(g: list[_Stack]) -> _Stack:
        return min(g, key=lambda x: x.top)

    def is_head(st: _Stack) -> bool:
        return bool(st.lines) and not st.columns and st.lines[0].size >= head

    join = [False] * n  # join[k]: group k is merged with group k - 1
    hang_at: list[float] = []
    for k, g in enumerate(groups):
        top = first(g)
        if not is_head(top):
            continue
        text_top = min((x.top for x in g if x.lines and not is_head(x)), default=float("inf"))
        heads = [x for x in g if is_head(x) and x.bottom <= text_top + 0.2 * body] or [top]
        h0, h1 = min(x.x0 for x in heads), max(x.x1 for x in heads)
        bottom = max(x.bottom for x in heads)

        def hangs(j: int, bottom: float = bottom) -> bool:
            f = first(groups[j])
            return bool(f.lines) and not is_head(f) and f.top >= bottom - 0.2 * body

        best: tuple[int, int] | None = None
        a = k
        while True:
            b = k
            while True:
                if (a, b) != (k, k):
                    u0 = min(x.x0 for g2 in groups[a : b + 1] for x in g2)
                    u1 = max(x.x1 for g2 in groups[a : b + 1] for x in g2)
                    if abs((h0 + h1) / 2 - (u0 + u1) / 2) <= 2 * body and (best is None or b - a > best[1] - best[0]):
                        best = (a, b)
                if b + 1 < n and hangs(b + 1):
                    b += 1
                else:
                    break
            if a - 1 >= 0 and hangs(a - 1):
                a -= 1
            else:
                break
        if best is None:  # no centring: a neighbour the headline reaches close to
            if k > 0 and hangs(k - 1) and h0 - max(x.x1 for x in groups[k - 1]) <= HANG_REACH * body:
                best = (k - 1, k)
            elif k + 1 < n and hangs(k + 1) and min(x.x0 for x in groups[k + 1]) - h1 <= HANG_REACH * body:
                best = (k, k + 1)
        if best is None:
            continue
        for j in range(best[0] + 1, best[1] + 1):
            join[j] = True
        hanging_top = min(first(groups[j]).top for j in range(best[0], best[1] + 1) if j != k)
        fits = [(s, e) for s, e in gaps if s >= bottom - 0.5 and e <= hanging_top + 0.5]
        if fits:
            hang_at.append((fits[-1][0] + fits[-1][1]) / 2)
    merged: list[list[_Stack]] = []
    for k, g in enumerate(groups):
        if join[k] and merged:
            merged[-1].extend(g)
        else:
            merged.append(list(g))
    if len(merged) == 1 and len(groups) > 1:
        if not hang_at:
            return groups, None  # nowhere to cut across: read the columns as they stand
        return groups, min(hang_at)
    return merged, None


def _verticals_first(groups: list[list[_Stack]]) -> list[list[_Stack]]:
    """Left-to-right groups with each run of vertical-headline groups moved, right to left
    (the order vertical text reads in), before the group on its left: the block it heads."""
    out: list[list[_Stack]] = []
    k = 0
    while k < len(groups):
        j = k
        while j < len(groups) and all(x.columns for x in groups[j]):
            j += 1
        if j > k:
            run = list(reversed(groups[k:j]))
            if out and not all(x.columns for x in out[-1]):
                out[-1:-1] = run
            else:
                out.extend(run)
            k = j
        else:
            out.append(groups[k])
            k += 1
    return out


def _rows_of(lines: list[Line], gap: float) -> list[list[Line]]:
    """The lines cut into rows across the whole page at horizontal gaps wider than `gap`."""
    rows: list[list[Line]] = []
    bottom = float("-inf")
    for x in sorted(lines, key=lambda x: x.top):
        if rows and x.top <= bottom + gap:
            rows[-1].append(x)
            bottom = max(bottom, x.bottom)
        else:
            rows.append([x])
            bottom = x.bottom
    return rows


def _band_row(row: list[Line], body: float, largest: bool) -> bool:
    """A row of the page's head or foot: furniture by its words (folio, date, editor line,
    page number, the paper's name), small type, or a short label in headline type (the
    section's name) standing among them; never a paragraph of several lines."""
    known: list[Line] = []
    labels: list[Line] = []
    for x in row:
        if x.columns:
            return False
        name = largest and (paper_name(x.text) or x.size >= MASTHEAD_RATIO * body)  # the masthead's
        # Furniture by its words, unless a bare label in big type (a weather box's `天 气`).
        worded = furniture(x.text) and (
            x.size < body * HEAD_RATIO or len(x.text.replace(" ", "")) >= 6 or x.text.strip().isdigit()  # a folio's page number
        )
        if x.size < body * SMALL_RATIO or name or worded:
            known.append(x)
        elif len(x.text.replace(" ", "")) > 8:
            return False
        else:
            labels.append(x)
    # A label stands beside the folio's lines (a section's name), not under them (a headline).
    beside = all(any(min(x.bottom, k.bottom) - max(x.top, k.top) > 0 for k in known) for x in labels)
    return bool(known) and beside and len(known) * 2 >= len(row)


def _bands(lines: list[Line], body: float, head: float, height: float) -> set[int]:
    """The page's furniture by place: the rows at the top of the page (within its top fifth:
    masthead, folio, section name) and at its foot (the last twentieth) that hold furniture
    and no paragraph (`_band_row`). The masthead's name is the page's biggest type."""
    rows = _rows_of(lines, 0.3 * body)
    biggest = max(x.size for x in lines)
    band: list[Line] = []
    # From the top: band rows, and rows of single short lines between band rows (a slogan under
    # the masthead's name); the first row with text of a paragraph's length ends the band.
    last = -1
    name: Line | None = None  # the masthead's name, once its row is in the band
    for k, row in enumerate(rows):
        if max(x.bottom for x in row) > 0.2 * height:
            break
        if _band_row(row, body, any(x.size == biggest for x in row)):
            last = k
            name = name or next((x for x in row if x.size == biggest and x.size >= 2 * body), None)
            continue
        under_name = name is not None and all(
            x.x0 >= name.x0 - 2 * body and x.x1 <= name.x1 + 2 * body and len(x.text.replace(" ", "")) <= 12 for x in row
        )
        if not under_name:
            break
        if name is not None and min(x.top for x in row) - name.bottom <= 1.5 * body and max(x.size for x in row) <= 1.5 * body:
            last = k  # a slogan set right under the name, in small type (a headline there is bigger)
    for row in rows[: last + 1]:
        band.extend(row)
    for row in reversed(rows):
        if min(x.top for x in row) < 0.95 * height or not _band_row(row, body, False) or row[0] in band:
            break
        band.extend(row)
    ids = {id(x) for x in band}
    return {k for k, x in enumerate(lines) if id(x) in ids}


Box = tuple[float, float, float, float]  # x0, top, x1, bottom


def layout(glyphs: Sequence[Glyph], height: float = 0.0, figures: Sequence[Box] = ()) -> list[Block]:
    """The page's blocks in reading order: headline lines and paragraphs, with type sizes;
    `height` (of the page) places the folio and masthead bands; `figures` (photos, drawn
    pictures) hold their place in the layout, so a photo news item's headline, picture and
    caption read as one block."""
    glyphs = [g for g in glyphs if g.text.strip() and g.size > 0]
    if not glyphs:
        return []
    lines = _rows(glyphs)
    body = body_size(lines)
    head = body * HEAD_RATIO
    lines = _verticals(_join_phrases(lines, head), head)
    height = height or max(x.bottom for x in lines)
    band = _bands(lines, body, head, height)
    furn = [x for k, x in enumerate(lines) if k in band]
    blocks: list[Block] = [Block("furn", x.text, x.size) for x in sorted(furn, key=lambda x: (x.top, x.x0))]
    order = _reading_order([x for k, x in enumerate(lines) if k not in band], body, figures)
    para: list[str] = []
    para_kind: Literal["para", "small"] = "para"
    para_size = body
    prev: Line | None = None
    prev_right = 0.0

    def flush() -> None:
        if para:
            blocks.append(Block(para_kind, join_lines(para), para_size))
            para.clear()

    for x, left, right in order:
        if x.columns or x.size >= head:
            flush()
            blocks.append(Block("head", x.text, x.size, tuple(x.columns)))
            prev = x
            continue
        kind: Literal["para", "small"] = "small" if x.size < body * SMALL_RATIO else "para"
        opens = (
            not para
            or kind != para_kind
            or prev is None
            or abs(prev.size - x.size) >= 0.1 * x.size
            or x.x0 - left >= INDENT * x.size
            or prev_right - prev.x1 >= SHORT * x.size
            or x.top - prev.bottom >= PARA_GAP * x.size  # paragraphs set apart by space, not indent
            or x.text[:1] in BULLETS  # an item of a list or a contents box
            or byline_line(x.text)
            or (prev is not None and byline_line(prev.text))  # a byline line stands alone
        )
        if opens:
            flush()
            para_kind, para_size = kind, x.size
        para.append(x.text)
        prev, prev_right = x, right
    flush()
    return blocks
