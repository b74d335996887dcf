"""A second, independent set of generated e-paper pages of made-up Chinese newspapers, with known articles.

One PDF per printed page, drawn with reportlab's built-in CID font (STSong-Light), in habits that change
from page to page on purpose: page sizes, grids, body sizes, gutters and leading; one string a line, one
glyph at a time, or text objects justified with character spacing; drawing order (bottom article first,
headlines after bodies, right-hand blocks first); centred or left-aligned headlines, vertical headlines at the
left or right of their block; bylines and leads of many forms; photos, boxes, contents boxes, folios,
mastheads and an article continued to another page.  ``gold(name)`` is how the page splits into articles;
it comes from the same data the page is drawn from.  All papers, places, people and prose are made up.

    python -m tests.helpers.pdfpages_blind OUT_DIR
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

# ---------------------------------------------------------------------------------------------------------
# text measuring and line breaking

_WIDTHS: dict[str, float] = {}
_TOKEN = re.compile(r"[A-Za-z0-9.%:/+\-]+|——|……|.")
_NO_START = frozenset("，。、；：？！）》」』”’…%％")
_NO_END = frozenset("（《「『“‘")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_WEEKDAYS = "一二三四五六日"


def _cw(ch: str) -> float:
    """The advance of one character at 1 pt."""
    w = _WIDTHS.get(ch)
    if w is None:
        w = _WIDTHS[ch] = pdfmetrics.stringWidth(ch, FONT, 1000) / 1000
    return w


def _width(s: str, size: float) -> float:
    return sum(_cw(ch) for ch in s) * size


def han(s: str, n: int | None = None) -> str:
    """The Han characters of ``s`` (the first ``n`` of them when given)."""
    chars = _HAN.findall(s)
    return "".join(chars if n is None else chars[:n])


@dataclass
class _Line:
    toks: list[str]
    size: float
    indent: float = 0.0
    justify: bool = False
    gap: float = 0.0  # extra space above a paragraph's first line; dropped at the top of a column

    @property
    def text(self) -> str:
        return "".join(self.toks)


def _break(text: str, width: float, size: float, indent: float = 0.0, justify: bool = True) -> list[_Line]:
    """Greedy CJK line breaking with the usual rules: no closing mark at a line's start, no opening mark at
    its end, runs of Latin letters and digits kept whole."""
    out: list[_Line] = []
    cur: list[str] = []
    used = indent
    for tok in _TOKEN.findall(text):
        tw = _width(tok, size)
        if cur and used + tw > width + 0.01:
            carry: list[str] = []
            head = tok
            while head[0] in _NO_START and len(cur) > 1:
                head = cur.pop()
                carry.insert(0, head)
            while len(cur) > 1 and cur[-1][-1] in _NO_END:
                carry.insert(0, cur.pop())
            out.append(_Line(cur, size, indent if not out else 0.0, justify))
            cur = carry
            used = sum(_width(t, size) for t in cur)
        cur.append(tok)
        used += tw
    if cur:
        out.append(_Line(cur, size, indent if not out else 0.0, False))
    return out


# ---------------------------------------------------------------------------------------------------------
# what a page holds


@dataclass
class Art:
    """One article as printed.  ``title`` is a tuple when it is printed on several lines."""

    title: str | tuple[str, ...]
    paras: tuple[str, ...]
    date: str
    authors: tuple[str, ...]
    kicker: str = ""
    subtitle: str = ""
    byline: str = ""  # an author line printed under the headline (not part of the body)
    caption: str = ""  # a photo's caption inside the article
    continued: str = ""  # 下转第N版 (printed at the end of the body) or 上接第N版 (printed before it)
    photo_news: bool = False  # title + photo + caption only: the caption is the body
    poem: bool = False  # lines set as printed, never justified; "" is a stanza break

    @property
    def title_text(self) -> str:
        return self.title if isinstance(self.title, str) else "".join(self.title)

    @property
    def title_lines(self) -> tuple[str, ...]:
        return (self.title,) if isinstance(self.title, str) else self.title

    def gold(self) -> dict[str, object]:
        body = self.caption if self.photo_news else "".join(self.paras)
        return {
            "kicker": self.kicker,
            "title": self.title_text,
            "subtitle": self.subtitle,
            "date": self.date,
            "authors": list(self.authors),
            "body_start": han(body, 12),
            "continued": self.continued,
        }


@dataclass
class Photo:
    """A grey photo in an article's body columns ``cols`` (relative, end exclusive), at the top or bottom."""

    cols: tuple[int, int]
    height: float
    where: str = "top"


@dataclass
class _Op:
    phase: str  # furniture | head | body | graphic
    art: int  # index of the article it belongs to, -1 for furniture
    seq: int
    fn: Callable[[Canvas], None]


@dataclass
class _Page:
    name: str
    paper: str
    issue: date
    page_no: int
    kind: str
    note: str
    size: tuple[float, float]
    cols: int
    chars: int  # characters per column line
    body: float  # body size, pt
    leading: float  # line spacing as a multiple of the body size
    gutter: float  # in em of the body size
    mode: str  # string | chars | textline | textout
    order: str = "reading"  # reading | reverse | heads_last | right_first
    indent: int = 2  # first-line indent, characters
    para_gap: float = 0.0  # extra space between paragraphs, em
    margin: float | None = None  # left margin; centred grid when None
    caption_size: float = 0.0
    ops: list[_Op] = field(default_factory=list)
    arts: list[tuple[float, float, int, dict[str, object]]] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)

    # -- grid -------------------------------------------------------------------------------------------

    @property
    def lead(self) -> float:
        return self.body * self.leading

    @property
    def cw(self) -> float:
        return self.chars * self.body

    @property
    def g(self) -> float:
        return self.gutter * self.body

    @property
    def x0(self) -> float:
        if self.margin is not None:
            return self.margin
        return (self.size[0] - self.cols * self.cw - (self.cols - 1) * self.g) / 2

    @property
    def right(self) -> float:
        return self.x0 + self.cols * self.cw + (self.cols - 1) * self.g

    def col_x(self, i: int) -> float:
        return self.x0 + i * (self.cw + self.g)

    def span(self, c0: int, c1: int) -> float:
        return (c1 - c0) * self.cw + (c1 - c0 - 1) * self.g

    def y(self, top: float) -> float:
        """reportlab's y for a distance from the top of the page."""
        return self.size[1] - top

    # -- low-level drawing --------------------------------------------------------------------------------

    def _op(self, phase: str, art: int, fn: Callable[[Canvas], None]) -> None:
        self.ops.append(_Op(phase, art, len(self.ops), fn))

    def _run(self, c: Canvas, x: float, base: float, s: str, size: float, bold: bool = False,
             track: float = 0.0) -> None:
        """One line of display type at baseline ``base`` (from the top)."""
        if self.mode == "chars":
            c.setFont(FONT, size)
            pos = x
            for ch in s:
                if ch != "　":
                    c.drawString(pos, self.y(base), ch)
                pos += _cw(ch) * size + track
            return
        if bold or track:
            t = c.beginText()
            t.setFont(FONT, size)
            if bold:
                c.setLineWidth(size * 0.03)
                t.setTextRenderMode(2)
            t.setCharSpace(track)
            t.setTextOrigin(x, self.y(base))
            t.textOut(s)
            t.setCharSpace(0)
            t.setTextRenderMode(0)
            c.drawText(t)
            return
        c.setFont(FONT, size)
        c.drawString(x, self.y(base), s)

    def text(self, x: float, top: float, s: str, size: float, align: str = "left", *, art: int = -1,
             bold: bool = False, track: float = 0.0, furniture: bool = True) -> float:
        """A line of text with its top at ``top``; ``x`` is its left, centre or right by ``align``.
        Returns the bottom of its line box."""
        w = _width(s, size) + track * (len(s) - 1)
        left = x if align == "left" else x - w / 2 if align == "center" else x - w
        base = top + size * 0.86
        phase = "furniture" if furniture else "head"
        self._op(phase, art, lambda c: self._run(c, left, base, s, size, bold, track))
        if furniture:
            self.furniture.append(s)
        return top + size * 1.2

    def vtext(self, xc: float, top: float, s: str, size: float, step: float = 1.08, *, art: int = -1,
              furniture: bool = False) -> float:
        """Characters one under the other, centred on ``xc``.  Returns the bottom."""
        def draw(c: Canvas) -> None:
            c.setFont(FONT, size)
            for i, ch in enumerate(s):
                c.drawString(xc - _cw(ch) * size / 2, self.y(top + i * size * step + size * 0.86), ch)
        self._op("furniture" if furniture else "head", art, draw)
        if furniture:
            self.furniture.append(s)
        return top + len(s) * size * step

    def hrule(self, x0: float, x1: float, top: float, width: float = 0.5) -> None:
        def draw(c: Canvas) -> None:
            c.setLineWidth(width)
            c.line(x0, self.y(top), x1, self.y(top))
        self._op("graphic", -1, draw)

    def vrule(self, x: float, top: float, bottom: float, width: float = 0.4) -> None:
        def draw(c: Canvas) -> None:
            c.setLineWidth(width)
            c.line(x, self.y(top), x, self.y(bottom))
        self._op("graphic", -1, draw)

    def box(self, x0: float, top: float, x1: float, bottom: float, width: float = 0.7, art: int = -1,
            grey: float | None = None) -> None:
        def draw(c: Canvas) -> None:
            if grey is None:
                c.setLineWidth(width)
                c.rect(x0, self.y(bottom), x1 - x0, bottom - top, stroke=1, fill=0)
            else:
                c.setFillGray(grey)
                c.rect(x0, self.y(bottom), x1 - x0, bottom - top, stroke=0, fill=1)
                c.setFillGray(0)
        self._op("graphic", art, draw)

    def _lines(self, placed: list[tuple[float, float, float, _Line]], art: int) -> None:
        """Body lines: (left, baseline from the top, measure, line)."""
        mode = self.mode

        def spacing(width: float, ln: _Line) -> tuple[str, float]:
            s = ln.text
            spare = width - ln.indent - _width(s, ln.size)
            return s, (spare / (len(s) - 1) if ln.justify and len(s) > 1 and spare > 0 else 0.0)

        def draw(c: Canvas) -> None:
            if mode == "string":
                for x, base, _w, ln in placed:
                    c.setFont(FONT, ln.size)
                    c.drawString(x + ln.indent, self.y(base), ln.text)
            elif mode == "chars":
                for x, base, w, ln in placed:
                    c.setFont(FONT, ln.size)
                    nat = sum(_width(t, ln.size) for t in ln.toks)
                    spare = w - ln.indent - nat
                    gap = spare / (len(ln.toks) - 1) if ln.justify and len(ln.toks) > 1 and spare > 0 else 0
                    pos = x + ln.indent
                    for tok in ln.toks:
                        for ch in tok:
                            c.drawString(pos, self.y(base), ch)
                            pos += _cw(ch) * ln.size
                        pos += gap
            else:
                t = c.beginText()
                expect: tuple[float, float] | None = None
                for x, base, w, ln in placed:
                    t.setFont(FONT, ln.size, ln.size * self.leading)
                    s, cs = spacing(w, ln)
                    t.setCharSpace(cs)
                    if mode == "textline":
                        if expect != (x, base):
                            t.setTextOrigin(x + ln.indent, self.y(base))
                        t.textLine(s)
                        expect = (x, base + ln.size * self.leading)
                    else:
                        t.setTextOrigin(x + ln.indent, self.y(base))
                        t.textOut(s)
                t.setCharSpace(0)
                c.drawText(t)

        self._op("body", art, draw)

    # -- flowing text into columns ------------------------------------------------------------------------

    def _flow(self, lines: list[_Line], cols: list[tuple[float, float, float]], lead: float,
              bottom: float | None, min_bottom: float = 0.0) -> tuple[float, list[tuple[int, float]]]:
        """Lines into columns (left, top, space kept free at the bottom).  Balanced when ``bottom`` is None.
        Returns the bottom and each line's (column, top)."""

        def fit(h: float) -> list[tuple[int, float]] | None:
            out: list[tuple[int, float]] = []
            ci = 0
            y = cols[0][1]
            for ln in lines:
                while True:
                    top = cols[ci][1]
                    need = (ln.gap if y > top else 0.0) + lead
                    if y + need <= h - cols[ci][2] + 0.01:
                        out.append((ci, y + need - lead))
                        y += need
                        break
                    ci += 1
                    if ci == len(cols):
                        return None
                    y = cols[ci][1]
            return out

        if bottom is not None:
            got = fit(bottom)
            if got is None:
                raise ValueError(f"{self.name}: text does not fit above {bottom}")
            return bottom, got
        h = max(min_bottom, max(t for _x, t, _r in cols) + lead)
        while (got := fit(h)) is None:
            h += 0.5
        return h, got

    def paragraphs(self, paras: tuple[str, ...] | list[str], width: float, size: float | None = None,
                   first_noindent: bool = False, poem: bool = False) -> list[_Line]:
        size = size or self.body
        out: list[_Line] = []
        pending_gap = 0.0
        for i, para in enumerate(paras):
            if poem:
                if not para:
                    pending_gap += size * self.leading * 0.8
                    continue
                lines = _break(para, width, size, size * 2, justify=False)
                for extra in lines[1:]:
                    extra.indent = size * 3
            else:
                indent = 0 if (first_noindent and i == 0) else self.indent
                if self.mode == "textline":
                    lines = _break("　" * indent + para, width, size)
                else:
                    lines = _break(para, width, size, indent * size)
            lines[0].gap = pending_gap or (self.para_gap * size if i else 0.0)
            pending_gap = 0.0
            out.extend(lines)
        return out

    # -- articles ------------------------------------------------------------------------------------------

    def _add_art(self, art: Art, top: float, left: float) -> int:
        self.arts.append((top, left, len(self.arts), art.gold()))
        return len(self.arts) - 1

    def headline(self, art: Art, idx: int, x: float, width: float, top: float, align: str,
                 sizes: tuple[float, float, float], bold: bool = True) -> float:
        """Kicker, title lines, subtitle and author line.  Returns the bottom."""
        ks, ts, ss = sizes
        y = top
        cx = x + width / 2
        at = cx if align == "center" else x

        def line(s: str, size: float, b: bool = False, step: float = 1.25) -> None:
            nonlocal y
            if _width(s, size) > width + 0.01:
                raise ValueError(f"{self.name}: headline line too wide: {s}")
            self.text(at, y, s, size, align, art=idx, bold=b, furniture=False)
            y += size * step

        if art.kicker:
            line(art.kicker, ks, step=1.45)
        for tl in art.title_lines:
            line(tl, ts, bold, step=1.18)
        if art.subtitle:
            y += ss * 0.25
            line(art.subtitle, ss, step=1.4)
        if art.byline:
            y += self.body * 0.3
            line(art.byline, self.body + 0.5, step=1.5)
        return y + self.body * 0.5

    def article(self, art: Art, c0: int, c1: int, top: float, *, align: str = "center",
                sizes: tuple[float, float, float] = (14, 26, 13), bottom: float | None = None,
                photo: Photo | None = None, boxed: bool = False, vhead: str = "", bold: bool = True,
                body_cols: int | None = None, x: float | None = None, width: float | None = None) -> float:
        """An article over grid columns c0..c1 (or over ``x``, ``width``).  Returns its bottom."""
        left = self.col_x(c0) if x is None else x
        w = self.span(c0, c1) if width is None else width
        idx = self._add_art(art, top, left)
        outer_left, outer_w, outer_top = left, w, top
        if boxed:
            pad = self.body * 0.9
            left, w, top = left + pad, w - 2 * pad, top + pad
        n = body_cols or (c1 - c0)
        ks, ts, _ss = sizes
        min_bottom = 0.0
        body_left, body_w = left, w
        if vhead == "left":
            strip = ts * 1.55
            self.vtext(left + ts * 0.6, top, art.title_text, ts, art=idx)
            min_bottom = top + len(art.title_text) * ts * 1.08 + self.body
            body_left, body_w = left + strip, w - strip
            btop = top
        elif vhead == "right2":
            kstrip, tstrip = ks * 1.6, ts * 1.45
            xr = left + w
            self.vtext(xr - kstrip / 2, top, art.kicker, ks, art=idx)
            self.vtext(xr - kstrip - tstrip / 2, top + ks * 2.2, art.title_text, ts, art=idx)
            min_bottom = max(top + len(art.kicker) * ks * 1.08,
                             top + ks * 2.2 + len(art.title_text) * ts * 1.08) + self.body
            body_w = w - kstrip - tstrip - self.g
            btop = top
        else:
            btop = self.headline(art, idx, left, w, top, align, sizes, bold)
        colw = (body_w - (n - 1) * self.g) / n
        chars = []
        if art.continued.startswith("上接"):
            chars = [_Line([f"（{art.continued}）"], self.body)]
        lines = chars + self.paragraphs(
            [*art.paras[:-1], art.paras[-1] + (f"（{art.continued}）" if art.continued.startswith("下转") else "")],
            colw, first_noindent=bool(chars), poem=art.poem)
        cols = [[body_left + i * (colw + self.g), btop, 0.0] for i in range(n)]
        cap_lines: list[_Line] = []
        cap_h = 0.0
        if photo is not None:
            a, b = photo.cols
            pw = (b - a) * colw + (b - a - 1) * self.g
            cs = self.caption_size or self.body * 0.82
            cap_lines = _break(art.caption, pw, cs)
            cap_h = photo.height + self.body * 0.4 + len(cap_lines) * cs * 1.35 + self.body * 0.6
            for i in range(a, b):
                if photo.where == "top":
                    cols[i][1] += cap_h
                else:
                    cols[i][2] += cap_h
        h, where = self._flow(lines, [(cx, t, r) for cx, t, r in cols], self.lead, bottom, min_bottom)
        placed = [(cols[ci][0], y + self.lead * 0.5 + self.body * 0.36, colw, ln)
                  for (ci, y), ln in zip(where, lines, strict=True)]
        self._lines(placed, idx)
        if photo is not None:
            a, b = photo.cols
            px = cols[a][0]
            pw = (b - a) * colw + (b - a - 1) * self.g
            ptop = btop if photo.where == "top" else h - cap_h + self.body * 0.3
            self.box(px, ptop, px + pw, ptop + photo.height, art=idx, grey=0.62)
            cs = self.caption_size or self.body * 0.82
            cy = ptop + photo.height + self.body * 0.4
            cap_placed = []
            for ln in cap_lines:
                cap_placed.append((px, cy + cs * 0.9, pw, ln))
                cy += cs * 1.35
            self._lines(cap_placed, idx)
        if boxed:
            h += self.body * 0.6
            self.box(outer_left, outer_top, outer_left + outer_w, h, art=idx)
        return h

    def photo_news(self, art: Art, c0: int, c1: int, top: float, height: float = 0.0, *, align: str = "left",
                   size: float = 18, bottom: float | None = None) -> float:
        """Title, photo and caption only; the photo's height is what is left above ``bottom`` when given."""
        left, w = self.col_x(c0), self.span(c0, c1)
        idx = self._add_art(art, top, left)
        y = self.headline(art, idx, left, w, top, align, (12, size, 12))
        cs = self.caption_size or self.body * 0.85
        caption = _break(art.caption, w, cs)
        if bottom is not None:
            height = bottom - y - self.body * 0.45 - len(caption) * cs * 1.4
        self.box(left, y, left + w, y + height, art=idx, grey=0.55)
        y += height + self.body * 0.45
        placed = []
        for ln in caption:
            placed.append((left, y + cs * 0.9, w, ln))
            y += cs * 1.4
        self._lines(placed, idx)
        return y + self.body * 0.3

    # -- output --------------------------------------------------------------------------------------------

    def _sorted_ops(self) -> list[_Op]:
        phase_rank = {"graphic": 0, "body": 1, "head": 2, "furniture": 3}
        if self.order == "reading":
            return list(self.ops)
        if self.order == "reverse":  # the bottom article first, each body before its headline
            return sorted(self.ops, key=lambda o: (o.art < 0, -o.art, phase_rank[o.phase], o.seq))
        if self.order == "heads_last":
            return sorted(self.ops, key=lambda o: (phase_rank[o.phase], o.seq))
        if self.order == "right_first":  # blocks by their left edge, right to left
            lefts = {i: left for i, (_t, left, _s, _g) in enumerate(self.arts)}
            return sorted(self.ops, key=lambda o: (o.art < 0, -lefts.get(o.art, 0.0), o.art, o.seq))
        raise ValueError(self.order)

    def pdf(self) -> bytes:
        buf = io.BytesIO()
        c = Canvas(buf, pagesize=self.size, invariant=1)
        c.setTitle(f"{self.paper} {self.issue.isoformat()} 第{self.page_no}版")
        c.setAuthor(self.paper)
        for op in self._sorted_ops():
            op.fn(c)
        c.showPage()
        c.save()
        return buf.getvalue()

    def gold(self) -> dict[str, object]:
        ordered = sorted(self.arts, key=lambda a: (round(a[0]), round(a[1]), a[2]))
        return {"kind": self.kind, "articles": [g for *_k, g in ordered], "furniture": list(self.furniture)}


def _date_line(d: date, lunar: bool = True) -> str:
    s = f"{d.year}年{d.month}月{d.day}日 星期{_WEEKDAYS[d.weekday()]}"
    return f"{s} 农历{_lunar(d)}" if lunar else s


# first days of lunar months around the issues below (the last row only closes the table)
_LUNAR_MONTHS = [
    (date(2024, 10, 3), "甲辰", "九月"),
    (date(2024, 11, 1), "甲辰", "十月"),
    (date(2024, 12, 1), "甲辰", "冬月"),
    (date(2024, 12, 31), "甲辰", "腊月"),
    (date(2025, 1, 29), "乙巳", "正月"),
    (date(2025, 2, 28), "乙巳", "二月"),
    (date(2025, 3, 29), "乙巳", "三月"),
    (date(2025, 4, 28), "乙巳", "四月"),
    (date(2025, 5, 27), "乙巳", "五月"),
    (date(2025, 6, 25), "乙巳", "六月"),
    (date(2025, 7, 25), "乙巳", "闰六月"),
]
_LUNAR_DAYS = ["初" + d for d in "一二三四五六七八九十"] + ["十" + d for d in "一二三四五六七八九"] + \
    ["二十"] + ["廿" + d for d in "一二三四五六七八九"] + ["三十"]


def _lunar(d: date) -> str:
    if not _LUNAR_MONTHS[0][0] <= d < _LUNAR_MONTHS[-1][0]:
        raise ValueError(f"no lunar date known for {d}")
    start, year, month = max((m for m in _LUNAR_MONTHS if m[0] <= d), key=lambda m: m[0])
    return f"{year}年{month}{_LUNAR_DAYS[(d - start).days]}"


# ---------------------------------------------------------------------------------------------------------
# 岫川日报, 2025-06-14: 第1版 (g01), 第3版 (g02), 第8版 副刊 (g06)

XC = "岫川日报"
XC_DAY = date(2025, 6, 14)

XC_LEAD = Art(
    kicker="第二批86个重大项目集中开工　总投资412亿元",
    title="建强先进制造集群　　跑出项目建设加速度",
    date="2025-06-13",
    authors=("方知远", "葛岚", "詹牧"),
    caption="图为云栖区智造产业园开工现场。 记者 詹牧 摄",
    paras=(
        "本报讯（记者 方知远 通讯员 葛岚）6月13日，岫川市2025年第二批重大项目集中开工活动在云栖区智造产业园"
        "举行。此次集中开工项目共86个，总投资412亿元，涵盖先进制造、新能源、现代物流、城市更新和民生保障等领域，"
        "其中投资10亿元以上的项目有11个。",
        "活动现场，挖掘机、塔吊依次启动，一派繁忙景象。记者了解到，本批项目中产业类项目占比超过六成，新型储能电池、"
        "精密轴承、功能性薄膜材料等一批补链强链项目集中落地，将进一步拉长全市先进制造产业链条。",
        "“从签约到开工只用了四个多月。”岫川恒锐新材料有限公司负责人告诉记者，项目建设期间，园区专门成立服务专班，"
        "帮助企业办理用地、规划、施工许可等手续，“有问题当天就有人来对接，这让我们对在岫川发展更有信心了。”",
        "据介绍，今年以来，全市坚持把项目建设作为稳增长的重要抓手，实行重点项目“一个项目、一名领导、一个专班”"
        "推进机制，建立问题清单和销号制度。1至5月，全市重点项目累计完成投资286亿元，同比增长9.4%。",
        "市发展改革委相关负责人表示，下一步将强化要素保障，加快推动已开工项目形成实物工作量，确保项目早投产、"
        "早见效，为全年经济社会发展目标任务的完成提供有力支撑。",
    ),
)

XC_LANE_1 = Art(
    title="老街巷里的“微更新”",
    subtitle="——北湖区螺蛳巷改造见闻",
    byline="□ 本报记者 陶一苇 实习生 邝珂",
    date="2025-06-14",
    authors=("陶一苇", "邝珂"),
    continued="下转第3版",
    paras=(
        "清晨六点半，北湖区螺蛳巷的早点铺已经排起了长队。刚出锅的油饼冒着热气，老街坊们端着豆浆坐在新修的木凳上"
        "拉家常。就在半年前，这条长不足四百米的老巷还是另一番模样：路面坑洼、管线凌乱，一到雨天，巷口就积起一汪水。",
        "去年秋天，螺蛳巷被列入全市首批老旧街巷“微更新”试点。与以往大拆大建不同，这次改造没有拓宽道路，也没有"
        "拆除一栋老房子，而是从居民最关心的小事做起：雨污管网重新铺设，架空线缆全部入地，破损的青石板按原样修补，"
        "沿街墙面只做清洗和局部修缮。",
        "“改造方案是我们一户一户商量出来的。”螺蛳巷社区党委书记聂晓雯说，方案公示前，社区先后召开了十七次居民"
        "议事会，收集意见二百三十多条。巷尾那棵百年皂角树要不要留、晾衣架装在哪里、店铺招牌用什么颜色，都由居民"
        "投票决定。",
        "在巷子中段，一处闲置多年的老粮站被改造成了邻里中心，一楼是老年食堂和理发室，二楼是儿童阅览室。七十六岁的"
        "居民钟老伯每天中午都来这里吃饭，“一荤两素一个汤，才十二块钱，比自己做还省事。”",
        "改造带来的变化，不只在看得见的地方。巷子里的老手艺人重新开张，竹编、修伞、",
    ),
)

XC_LANE_2 = Art(
    title="老街巷里的“微更新”",
    date="2025-06-14",
    authors=(),
    continued="上接第1版",
    paras=(
        "配钥匙的小摊有了统一规划的摊位；几家外地游客慕名而来的老字号，也在街道帮助下办齐了证照。今年“五一”"
        "假期，螺蛳巷日均客流量超过一万人次，比改造前增长了近三倍。",
        "人多了，新的问题也随之而来。有居民反映，游客增多后，巷子里的噪声和垃圾也多了。对此，街道和社区组建了由"
        "居民、商户和志愿者组成的“巷长”队伍，每天分时段巡查，商户门前实行“三包”责任制，晚上十点以后不再开展"
        "经营性演出。",
        "“老街改造不是一锤子买卖，后续的管理更考验功夫。”北湖区住建局相关负责人表示，螺蛳巷的经验将在全区其余"
        "十一条老街巷推广，改造中将坚持“留房、留树、留人、留记忆”，让老街既有烟火气，又有新活力。",
    ),
)

XC_DRONE = Art(
    title="桐坪开通首条低空物流航线",
    date="2025-06-12",
    authors=("乔楠", "孔令溪"),
    paras=(
        "本报讯 记者 乔楠 通讯员 孔令溪 6月12日，一架满载山区鲜果的物流无人机从桐坪县石门镇起飞，二十多分钟后"
        "平稳降落在县城物流分拨中心，标志着我市首条县域低空物流航线正式开通。",
        "据了解，该航线全长31公里，单架次最大载重50公斤，主要服务山区农产品进城和快递下乡。以往从石门镇运送杨梅"
        "到县城，走盘山公路需要一个多小时，如今时间缩短了三分之二，鲜果损耗率明显下降。桐坪县计划年内再开通3条"
        "航线，覆盖全县主要产果乡镇。",
    ),
)

XC_BOAT = Art(
    title="“岫水夜游”新增三条暑期线路",
    date="2025-06-13",
    authors=("骆青禾",),
    paras=(
        "本报6月13日讯（记者 骆青禾）记者从市文化广电和旅游局获悉，岫水夜游项目将于本月下旬新增三条暑期线路，"
        "串联古渡口、老城墙和滨江湿地公园等沿岸景点，游船班次由每晚8班增至14班。",
        "新线路将推出“一票通游”，游客凭一张船票可在沿线五个码头自由上下船。同时，沿岸将增设灯光秀和非遗展演点位，"
        "每周五、周六晚间举办水上民乐演出。相关负责人介绍，去年岫水夜游全年接待游客68万人次，今年以来客流量同比"
        "增长两成以上。",
    ),
)

XC_CHARGE = Art(
    title="中心城区新增公共充电桩1200个",
    date="2025-06-14",
    authors=("韦一鸣",),
    paras=(
        "本报讯（记者 韦一鸣）记者从市城市管理局了解到，今年以来，我市中心城区新建公共充电桩1200个，其中快充桩"
        "超过七成，主要布局在商圈、医院、交通枢纽和老旧小区周边。",
        "目前，市民通过“岫川停车”小程序即可查询附近充电桩的位置和空闲状态，并可在线预约充电。按照计划，到今年"
        "年底，中心城区将基本实现公共充电服务半径不超过一公里。",
    ),
)


XC_EXAM = Art(
    title="全市中考6月20日开考",
    subtitle="——考生可于6月19日下午查看考场",
    date="2025-06-13",
    authors=("钱蔚",),
    paras=(
        "本报讯（记者 钱蔚）记者6月13日从市教育局获悉，2025年岫川市初中学业水平考试将于6月20日至22日举行，"
        "全市共有4.3万名考生报名参加，设考点58个、考场1460个。",
        "为保障考试顺利进行，市教育、公安、交通、卫健等部门将联合开展考点周边环境整治，考试期间考点周边200米范围内"
        "禁止鸣笛，建筑工地夜间停止高噪声作业。考生可于6月19日下午到考点查看考场，熟悉进出路线。",
        "市教育局提醒，考生应按规定时间提前到达考点，携带准考证和身份证件，严禁携带手机、智能手表等电子设备进入"
        "考场。考试成绩预计于7月上旬公布，考生可通过市教育局官方网站或“岫川教育”公众号查询。",
    ),
)

XC_RAIN = Art(
    title="我市启动防汛四级应急响应",
    date="2025-06-13",
    authors=("闵秋池",),
    paras=(
        "本报讯（记者 闵秋池）受强对流天气影响，6月13日16时，市防汛抗旱指挥部启动防汛四级应急响应。气象部门预计，"
        "14日至16日，我市大部分地区将出现中到大雨，局部暴雨，并伴有短时强降水和雷暴大风。",
        "市防指要求各地加强值班值守，提前转移危险区域群众，做好城市内涝、山洪和地质灾害防范工作。市民出行请关注"
        "天气预报，雨天尽量避开低洼路段和地下通道。",
    ),
)

XC_LOTUS = Art(
    title="岫水湿地荷花初绽",
    date="2025-06-13",
    authors=("俞晓帆",),
    photo_news=True,
    paras=(),
    caption="6月13日，游客在岫水湿地公园赏荷拍照。连日来，公园内千余亩荷花陆续绽放，吸引不少市民前来观赏。"
    " 记者 俞晓帆 摄",
)

XC_JOBS = Art(
    kicker="“岫才回家”招聘月启动",
    title="提供就业岗位1.2万个",
    date="2025-06-12",
    authors=("蔺楚",),
    paras=(
        "本报讯（记者 蔺楚）6月12日，2025年“岫才回家”高校毕业生招聘月活动在市人力资源市场启动。招聘月期间，"
        "全市将举办线上线下招聘会40余场，320家用人单位提供就业岗位1.2万个，涉及智能制造、电子商务、医疗卫生、"
        "教育培训等行业。",
        "现场，不少企业开出了“住房补贴+安家费”等优惠条件吸引人才。市人社局相关负责人介绍，今年全市将通过就业见习、"
        "创业扶持、技能培训等措施，帮助更多高校毕业生在家乡就业创业。",
    ),
)

XC_CONTENTS = (
    "● 全市首批“零碳社区”年底前建成投用　3版",
    "● 守护岫水二十年　3版",
    "● 少儿编程大赛决出38个一等奖　3版",
    "● 上半年消费市场稳中有升　2版",
    "● 外婆的竹床　8版",
    "● 夏至前夜（诗）　8版",
)


def _g01() -> _Page:
    p = _Page("g01", XC, XC_DAY, 1, "front page", "front page: masthead, lead with photo, continued to 3",
              (842, 1191), cols=6, chars=12, body=10, leading=1.45, gutter=1.2, mode="textline")
    x0, x1 = p.x0, p.right
    p.text(x0, 34, XC, 64, bold=True, track=8)
    p.text(x0 + 4, 112, "XIUCHUAN DAILY", 11, track=3)
    mid = x0 + 330
    y = 40.0
    for s in ("中共岫川市委主办　岫川日报社出版", "国内统一连续出版物号 CN 37-0162", "邮发代号 23-85",
              "第9127期　今日8版"):
        y = p.text(mid, y, s, 9) + 3
    p.box(x1 - 120, 38, x1, 118)
    y = 44.0
    for s, size in (("岫川天气", 10.5), ("多云转晴", 9), ("22℃～31℃", 9), ("东南风3级", 9)):
        y = p.text(x1 - 60, y, s, size, "center") + 4
    p.text(x0, 134, _date_line(XC_DAY), 10.5)
    p.text(x1, 134, "岫川日报网 www.xcrb.com.cn", 9, "right")
    p.hrule(x0, x1, 152, 2.2)
    p.hrule(x0, x1, 155.5, 0.5)
    y = p.article(XC_LEAD, 0, 6, 166, sizes=(15, 34, 13), photo=Photo((4, 6), 150))
    p.hrule(x0, x1, y + 6, 0.8)
    top = y + 16
    foot = 1191 - 44
    # the contents box along the bottom, three entries a row
    box_top = foot - 62
    p.box(x0, box_top, x1, foot, 0.9)
    p.text(x0 + 10, box_top + 10, "本期导读", 12, bold=True)
    cw = (x1 - x0 - 90) / 2
    for i, s in enumerate(XC_CONTENTS):
        p.text(x0 + 86 + (i % 2) * cw, box_top + 8 + (i // 2) * 16, s, 9.5)
    yl = p.article(XC_LANE_1, 0, 4, top, sizes=(13, 26, 14))
    p.hrule(x0, p.col_x(4) - p.g, yl + 6, 0.4)
    ye = p.article(XC_EXAM, 0, 4, yl + 16, sizes=(12, 20, 12))
    p.hrule(x0, p.col_x(4) - p.g, ye + 6, 0.4)
    p.photo_news(XC_LOTUS, 0, 2, ye + 16, size=17, bottom=box_top - 10)
    p.vrule(p.col_x(2) - p.g / 2, ye + 16, box_top - 10)
    p.article(XC_JOBS, 2, 4, ye + 16, sizes=(12, 16, 12), align="left", bottom=box_top - 10)
    p.vrule(p.col_x(4) - p.g / 2, top, box_top - 10)
    yr = top
    for art in (XC_DRONE, XC_BOAT, XC_CHARGE):
        yr = p.article(art, 4, 6, yr, sizes=(12, 17, 12), align="left")
        yr += 10
        p.hrule(p.col_x(4), x1, yr - 5, 0.4)
    p.article(XC_RAIN, 4, 6, yr, sizes=(12, 17, 12), align="left", bottom=box_top - 10)
    return p


XC_ZERO = Art(
    kicker="云栖区兰亭社区探索居民低碳生活新模式",
    title=("全市首批“零碳社区”", "年底前建成投用"),
    subtitle="——屋顶光伏、积分兑换、旧物循环成为社区新风尚",
    date="2025-06-14",
    authors=("沈砚舟", "阮晴"),
    caption="图为兰亭社区工作人员检查屋顶光伏设备。 记者 阮晴 摄",
    paras=(
        "记者 沈砚舟 报道 走进云栖区兰亭社区，一栋栋住宅楼顶上整齐排列着深蓝色的光伏板，小区广场旁的智能回收柜前，"
        "居民们正把分好类的纸箱和饮料瓶投进不同的箱口。这个建成于上世纪九十年代的老小区，正在成为全市首批“零碳"
        "社区”试点之一。",
        "据介绍，我市今年启动“零碳社区”建设，首批确定8个试点社区，通过建筑节能改造、分布式光伏、绿色出行和垃圾"
        "资源化利用等措施，力争年底前试点社区碳排放强度比2020年下降30%以上。",
        "兰亭社区是首批试点中房龄最老的一个。社区党委书记杭雨舟告诉记者，改造之初，不少居民担心屋顶装光伏会漏水、"
        "影响采光。为此，社区请来技术人员逐栋勘察，先在两栋楼试点，“发电收益用于补贴公共照明和电梯电费，大家看到了"
        "实实在在的好处，后来都主动要求安装。”目前，社区已有23栋楼安装了光伏板，年发电量预计可达56万千瓦时。",
        "在社区的“碳积分”兑换点，退休教师林阿姨刚用积分换了一袋大米。“步行买菜、旧衣回收、节约用电都能攒积分，"
        "一个月下来能换不少东西。”据统计，兰亭社区已有1800多户居民注册“碳积分”账户，占常住户数的七成以上。",
        "市生态环境局相关负责人表示，下一步将总结试点经验，制定“零碳社区”建设评价标准，力争到2027年全市建成"
        "“零碳社区”50个。",
    ),
)

XC_RIVER = Art(
    title="守护岫水二十年",
    date="2025-06-11",
    authors=("邵临川",),
    paras=(
        "本报讯（记者 邵临川）6月11日清晨，岫水北岸的薄雾还没散去，六十八岁的柏守义已经划着小船出发了。船上放着"
        "长柄网兜、垃圾袋和一本磨破了边的巡河日志。这是他巡护岫水的第二十个年头。",
        "2005年，在岫水边打了半辈子鱼的柏守义发现，河里的鱼越来越少，岸边的垃圾却越来越多。那年夏天，他和几位"
        "老渔民自发组成护河队，每天沿河巡查，捡拾漂浮垃圾，劝阻电鱼、网鱼行为。",
        "二十年来，护河队从最初的5个人发展到现在的120多人，队员中既有退休职工、个体商户，也有大学生和中小学教师。"
        "巡河日志写满了46本，记录下发现并上报的排污口、违规采砂等问题线索三百余条。",
        "“以前是我们追着问题跑，现在河长制落实了，反映的问题很快就有人来处理。”柏守义说。如今的岫水，水质常年"
        "保持在二类以上，消失多年的中华秋沙鸭又回来了。去年冬天，护河队员在北岸滩涂上一次就观测到了十一只。",
        "今年，北湖区在沿河设立了3个护河驿站，为巡河队员提供休息、饮水和物资存放场所。柏守义说，他最大的心愿是"
        "让更多年轻人加入进来，“这条河养育了我们，我们也得把它守好，交给下一代。”",
    ),
)

XC_BOOKS = Art(
    title=("市民公园新增", "12处“口袋书屋”"),
    date="2025-06-14",
    authors=("庞晓川", "牛嘉禾"),
    paras=(
        "近日，岫川市民公园、滨江绿道和北湖湿地公园等处新增12处“口袋书屋”，每处配备图书300余册，市民扫码即可"
        "免费借阅，借阅的图书可在全市任意一处公共图书馆或书屋归还。",
        "“口袋书屋”由集装箱改造而成，内设空调和阅读座椅，每天开放时间为早上7点至晚上9点。市图书馆还将定期更新"
        "书目，并在周末举办亲子阅读、读书分享等活动。（记者 庞晓川 通讯员 牛嘉禾）",
    ),
)

XC_CODE = Art(
    title="少儿编程大赛决出38个一等奖",
    date="2025-06-13",
    authors=("姬宁",),
    paras=(
        "本报讯 6月13日，岫川市第三届少儿编程大赛决赛在市青少年宫举行，来自全市62所中小学的480名选手参加图形化"
        "编程、智能机器人和算法设计三个组别的比赛，最终决出一等奖38个。",
        "本届大赛首次设立“智慧城市”主题赛，选手们用编程设计了垃圾分类提醒、校园节水管理等小程序。组委会负责人说，"
        "希望通过比赛激发孩子们用科技解决身边问题的兴趣。（见习记者 姬宁）",
    ),
)


XC_NIGHT = Art(
    kicker="“夜经济”点亮消费新场景",
    title="岫水北岸夜市首周客流超20万人次",
    date="2025-06-14",
    authors=("庄宜", "柳叶青"),
    paras=(
        "本报讯（记者 庄宜 通讯员 柳叶青）记者从北湖区商务局获悉，岫水北岸夜市开市首周累计接待市民游客超过"
        "20万人次，带动消费1600余万元。",
        "夜市于6月6日开市，位于北湖区滨江路，全长约800米，设置特色小吃、文创手作、潮流市集和露天演艺四个区域，"
        "共有摊位260个，其中近三成由本地大学生和返乡青年经营。每天傍晚六点，摊主们陆续支起摊位，灯串亮起，整条街"
        "很快热闹起来。",
        "在一处卖手工皂的摊位前，摊主卓小曼正在给顾客介绍产品。她大学毕业后回到岫川，在网上开了一家小店，“夜市"
        "人气旺，一晚上能卖出去一百多块，还认识了不少回头客。”",
        "为保障夜市有序运行，北湖区组建了由城管、市场监管、公安等部门组成的联合服务队，每晚在现场巡查，并在夜市"
        "两端设置临时停车场和公共厕所。区商务局相关负责人介绍，夜市将持续至10月底，其间还将举办啤酒节、非遗市集"
        "等主题活动。",
    ),
)

XC_ROAD = Art(
    title="滨江路快速化改造主线贯通",
    date="2025-06-12",
    authors=("屠思远", "鄢青"),
    caption="图为6月12日，施工人员在滨江路高架进行箱梁吊装作业。 记者 鄢青 摄",
    paras=(
        "本报讯（记者 屠思远）6月12日，随着最后一片预制箱梁吊装到位，滨江路快速化改造工程主线高架全线贯通。工程"
        "全长9.6公里，主线为双向六车道城市快速路，设计时速80公里，预计今年9月底建成通车。",
        "滨江路是连接中心城区和云栖区的重要通道，早晚高峰拥堵问题突出。工程建成后，两地之间的通行时间将由目前的"
        "40分钟左右缩短至15分钟以内。施工单位介绍，为减少对周边居民和交通的影响，工程大量采用工厂预制、现场拼装"
        "的施工工艺，高架桥墩、箱梁均在预制厂内生产。",
    ),
)


XC_BUS = Art(
    title="市区至桐坪城际公交开通",
    date="2025-06-10",
    authors=("房小青",),
    paras=(
        "本报讯（通讯员 房小青）6月10日，岫川市区至桐坪县的城际公交K8路正式开通，全程票价12元，单程约需70分钟。",
        "该线路起点为市汽车客运中心，终点为桐坪县汽车站，沿途设站9个，每天首班6时30分发车，末班19时发车，发车"
        "间隔30分钟。城际公交开通后，沿线群众往返两地将更加方便。",
    ),
)


def _g02() -> _Page:
    p = _Page("g02", XC, XC_DAY, 3, "continued", "inner page 3: continuation from 1, vertical title at left",
              (842, 1191), cols=7, chars=11, body=9.5, leading=1.35, gutter=0.8, mode="chars", order="reverse")
    x0, x1 = p.x0, p.right
    p.text(x0, 30, _date_line(XC_DAY, lunar=False), 9.5)
    p.text((x0 + x1) / 2, 26, "城市新闻", 15, "center")
    p.text(x1, 24, "3", 20, "right")
    p.text(x1 - 26, 30, "责任编辑 何砚　校对 黎小禾", 9, "right")
    p.hrule(x0, x1, 50, 1.4)
    top = 62.0
    y1 = p.article(XC_ZERO, 0, 4, top, align="left", sizes=(13, 28, 12.5), photo=Photo((2, 4), 110, "bottom"))
    y2 = p.article(XC_RIVER, 4, 7, top, vhead="left", sizes=(0, 30, 0))
    p.hrule(p.col_x(4), x1, y2 + 6, 0.4)
    y2 = p.article(XC_BUS, 4, 7, y2 + 14, align="left", sizes=(12, 17, 12))
    p.vrule(p.col_x(4) - p.g / 2, top, max(y1, y2))
    top = max(y1, y2) + 8
    p.hrule(x0, x1, top, 0.8)
    top += 12
    ya = p.article(XC_LANE_2, 0, 3, top, align="left", sizes=(12, 18, 12))
    yb = p.article(XC_BOOKS, 3, 5, top, align="left", sizes=(12, 16, 12))
    yc = p.article(XC_CODE, 5, 7, top, align="left", sizes=(12, 16, 12))
    bottom = max(ya, yb, yc)
    p.vrule(p.col_x(3) - p.g / 2, top, bottom)
    p.vrule(p.col_x(5) - p.g / 2, top, bottom)
    top = bottom + 8
    p.hrule(x0, x1, top, 0.8)
    top += 12
    yn = p.article(XC_NIGHT, 0, 4, top, align="left", sizes=(12, 20, 12))
    yr = p.article(XC_ROAD, 4, 7, top, align="left", sizes=(12, 18, 12), photo=Photo((1, 3), 120, "top"))
    p.vrule(p.col_x(4) - p.g / 2, top, max(yn, yr))
    # an advertisement fills the foot of the page
    ad_top, ad_bottom = max(yn, yr) + 14, 1191 - 40
    mid = (ad_top + ad_bottom) / 2
    p.box(x0, ad_top, x1, ad_bottom, 1.2)
    p.text(x0 + 6, ad_top + 6, "广告", 8)
    p.box(x0 + 14, ad_top + 22, x0 + 150, ad_bottom - 14, grey=0.8)
    p.text((x0 + x1) / 2, mid - 48, "滨江一号　江景洋房火热认购中", 28, "center", bold=True)
    p.text((x0 + x1) / 2, mid, "建面约98-143平方米　一线江景　地铁上盖", 14, "center")
    p.text((x0 + x1) / 2, mid + 30, "营销中心：岫川市滨江路88号　咨询热线：0530-86668888", 11, "center")
    return p


XC_BAMBOO = Art(
    title="外婆的竹床",
    byline="文/晏小山",
    date="2025-06-14",
    authors=("晏小山",),
    caption="",
    paras=(
        "外婆家的竹床，是外公年轻时亲手编的。",
        "那时候乡下还没有电扇，夏天的夜晚闷热难耐。吃过晚饭，外公就把竹床从堂屋里搬出来，放在院子里那棵老枣树下。"
        "外婆打来一桶井水，用毛巾把竹床擦得发亮。井水凉，竹子也凉，躺上去，一身的暑气就消了大半。",
        "我是在外婆家长大的。记忆里的夏夜，总是从竹床开始的。我躺在竹床中间，外婆坐在床头，手里摇着一把蒲扇，"
        "一下一下，风不大，却很匀。天上的星星密密麻麻，外婆指着它们教我认：那是牛郎，那是织女，中间那条白茫茫的，"
        "是天河。",
        "外婆不识字，却会讲很多故事。她讲田螺姑娘，讲狼外婆，讲村东头那口老井里住着一条白龙。讲着讲着，她的声音"
        "越来越低，蒲扇也越摇越慢，我迷迷糊糊地睡着了，醒来时已经躺在屋里的床上，身上盖着一条薄薄的毛巾被。",
        "竹床用久了，竹篾磨得油光发亮，颜色也从青绿变成了深红。有一年，竹床的一角裂开了，扎破了我的腿。外公找来"
        "新竹篾，坐在门槛上修了整整一个下午。修好的地方颜色浅，像一块新补的补丁。外婆说，这床跟人一样，老了，就得"
        "缝缝补补。",
        "后来我到城里读书，工作，一年也难得回去几次。外公走后的第三年，老屋翻修，家里的旧物件送人的送人，扔掉的"
        "扔掉，那张竹床却被外婆留了下来，靠墙立在杂物间里。",
        "去年夏天，我带着女儿回去看外婆。晚饭后，外婆颤巍巍地要去搬竹床，我赶紧接过来。擦干净，放在院子里，枣树"
        "还在，只是更粗了。女儿躺上去，新奇地拍着竹篾，问这是什么床，怎么凉凉的。",
        "外婆坐在床头，拿起那把旧蒲扇，一下一下地摇着。女儿很快就睡着了。我抬头看天，城里难得一见的星星，又密密"
        "麻麻地挂满了夜空。",
        "那一刻我忽然明白，有些东西，是会一代一代传下去的。比如一张竹床，比如一把蒲扇，比如夏夜里那一阵不大却很匀"
        "的风。",
    ),
)

XC_POEM = Art(
    title="夏至前夜",
    byline="□ 苏棹",
    date="2025-06-14",
    authors=("苏棹",),
    poem=True,
    paras=(
        "麦子收进了仓，", "晒场空出来，", "月亮就落在上面，", "像一枚刚磨亮的镰刀。", "",
        "蛙声从稻田那边涌来，", "一阵高，一阵低，", "母亲在灯下数着新钞，", "数着数着，就笑了。", "",
        "白天最长的那一天，", "还没有到来，", "可我已经听见", "风从南边赶路的声音。",
    ),
)

XC_STALL = Art(
    title="旧书摊",
    byline="文/沐青",
    date="2025-06-14",
    authors=("沐青",),
    paras=(
        "老城区的文庙街上，有一个旧书摊，摆了快三十年了。",
        "摊主姓甘，六十出头，戴一副老花镜，整天坐在一把竹椅上看书。书摊不大，一张旧门板架在两条长凳上，摆着几百本"
        "旧书：泛黄的小说、缺页的字典、七八十年代的杂志，还有不知谁家散出来的线装族谱。",
        "我第一次去，是在读高中的时候，花两块钱买了一本没有封面的《唐诗三百首》。老甘找零时说：“书没封面不要紧，"
        "里头的字一个不少。”这句话，我记了很多年。",
        "这些年，街上的店铺换了一茬又一茬，网上买书也越来越方便，老甘的书摊却一直在。有人劝他开个网店，他摇摇头："
        "“书是要翻的，要闻的，隔着屏幕，闻不到墨香。”",
        "前些日子路过文庙街，书摊还在老地方。老甘的头发全白了，依旧坐在竹椅上看书。我蹲下来翻了半天，挑了一本"
        "旧版的《岫川风物志》。付钱时，老甘抬头看了我一眼，笑着说：“是你啊，好些年没来了。”",
    ),
)

XC_CICADA = Art(
    title="蝉鸣时节",
    byline="文/芦苇",
    date="2025-06-14",
    authors=("芦苇",),
    paras=(
        "入夏以后，院子里的那棵老槐树上，蝉就一天比一天叫得欢了。",
        "小时候，我最喜欢捉蝉。午后大人们都在歇晌，我和几个伙伴扛着绑了面筋的竹竿，蹑手蹑脚地溜到树下，仰着脖子"
        "找蝉。蝉很机灵，竹竿还没靠近，它就“吱”的一声飞走了，往往忙活一个下午，也捉不到几只。",
        "有一年暑假，我在树下捡到一只刚刚蜕壳的蝉，翅膀还是嫩绿色的，湿漉漉地贴在背上。我把它放在窗台上，看着它的"
        "翅膀一点点舒展、变硬，颜色慢慢变深。天快黑的时候，它忽然振翅飞走了，只留下一只空空的蝉蜕。那只蝉蜕，我在"
        "文具盒里放了好久。",
        "父亲说，蝉在地下要待上好几年，才能爬出来，在树上唱一个夏天。那时我不懂，只觉得它们吵。后来读书多了，才知道"
        "古人常借蝉来咏志，说它栖于高枝、饮露而生。",
        "如今住在城里，楼下的行道树上也有蝉。每到傍晚，下班回家的路上，蝉声一阵紧似一阵，把白天的燥热都唱了出来。"
        "有时候我会停下脚步，站在树下听一会儿，恍惚间，好像又回到了那个扛着竹竿、满头大汗的午后。",
        "蝉声还是那样的蝉声，听蝉的人，却已经走了很远的路。",
    ),
)

XC_ANNALS = Art(
    title="《岫水志略》点校本出版",
    date="2025-06-14",
    authors=("鲁乔",),
    paras=(
        "本报讯（记者 鲁乔）由市地方志办公室组织整理的《岫水志略》点校本近日出版发行。",
        "《岫水志略》成书于清代中期，共十二卷，记载了岫水流域的山川形胜、物产风俗和人物掌故，是研究岫川地方历史"
        "的重要文献。此次点校历时三年，参照了现存的四种版本，对原书进行了标点、校勘和注释，并附有地名索引。",
    ),
)


def _g06() -> _Page:
    p = _Page("g06", XC, XC_DAY, 8, "副刊", "page 8 副刊: essays and a poem, indents made of spaces",
              (842, 1191), cols=5, chars=13, body=10.5, leading=1.7, gutter=2.0, mode="textline")
    x0, x1 = p.x0, p.right
    p.text(x0, 30, _date_line(XC_DAY, lunar=False), 9.5)
    p.text(x1, 26, "8", 22, "right")
    p.text(x1 - 30, 30, "责任编辑 鲁小禾　版式 蔡韵　校对 黎小禾", 9, "right")
    p.hrule(x0, x1, 52, 0.8)
    # the section's banner
    p.text(x0, 66, "岫水", 46, bold=True, track=10)
    p.text(x0 + 118, 76, "副刊", 20)
    p.text(x0 + 118, 104, "第1286期", 10)
    p.text(x1, 96, "文学　艺术　生活", 12, "right", track=2)
    p.hrule(x0, x1, 124, 2.4)
    top = 140.0
    y1 = p.article(XC_BAMBOO, 0, 3, top, sizes=(12, 26, 12), photo=Photo((2, 3), 150, "bottom"))
    y2 = p.article(XC_POEM, 3, 5, top, sizes=(12, 22, 12), body_cols=1, x=p.col_x(3) + 40,
                   width=p.span(3, 5) - 80)
    p.hrule(p.col_x(3), x1, y2 + 8, 0.4)
    y2 = p.article(XC_STALL, 3, 5, y2 + 20, sizes=(12, 22, 12))
    p.vrule(p.col_x(3) - p.g / 2, top, max(y1, y2))
    top = max(y1, y2) + 10
    p.hrule(x0, x1, top, 0.8)
    y3 = p.article(XC_CICADA, 0, 3, top + 12, sizes=(12, 22, 12))
    y4 = p.article(XC_ANNALS, 3, 5, top + 12, sizes=(12, 16, 12), align="left", bold=False)
    p.vrule(p.col_x(3) - p.g / 2, top + 12, y3)
    # a call for contributions, boxed, under the news item
    bx, by = p.col_x(3), y4 + 14
    p.box(bx, by, x1, by + 92, 0.6)
    y = by + 10
    for s in ("本版征稿", "散文、诗歌、随笔、书评均可，", "散文一般不超过2500字。",
              "来稿请发 fukan@xcrb.com.cn"):
        y = p.text(bx + 12, y, s, 12 if s == "本版征稿" else 9.5, bold=s == "本版征稿") + 4
    return p


# ---------------------------------------------------------------------------------------------------------
# 珞岑日报, 2025-03-21: 第4版 国内 (g07), 第5版 经济 (g03)

LC = "珞岑日报"
LC_DAY = date(2025, 3, 21)

LC_TRAIN = Art(
    kicker="从内陆腹地到开放前沿",
    title="一列班列串起万里商路",
    date="2025-03-19",
    authors=("蒲云帆", "贾澍", "柯远"),
    caption="图为3月19日，中欧班列从珞岑国际陆港驶出。 记者 柯远 摄",
    paras=(
        "本报讯（记者 蒲云帆 见习记者 贾澍）3月19日上午，一列满载笔记本电脑、汽车配件和小家电的中欧班列从珞岑"
        "国际陆港缓缓驶出。这趟班列将从西部口岸出境，约16天后抵达欧洲。至此，珞岑中欧班列累计开行突破3000列。",
        "十年前，珞岑还是一座“不沿边、不靠海”的内陆城市，本地企业的货物出口，要先用汽车运到一千多公里外的港口，"
        "再装船出海，路上就要耽搁一个多月。“那时候接欧洲的订单，最怕的就是交货期。”珞岑明拓电子有限公司物流经理"
        "尹嘉树回忆说。",
        "2015年，首趟珞岑中欧班列开行，当年只开出了23列，回程几乎空载。为了稳住货源，陆港公司的业务员挨家挨户"
        "跑企业，一个集装箱一个集装箱地揽货。“最难的时候，一列车凑不齐41个箱子，只能等。”陆港公司总经理阮东升说。",
        "转机出现在2019年前后。随着本地电子信息和装备制造产业集群逐步成型，越来越多的企业开始选择铁路运输。班列"
        "开行从“一周一列”增加到“一天一列”，线路从最初的1条拓展到现在的12条，通达欧洲和中亚的26个国家、80多个"
        "城市。",
        "回程班列也不再“空跑”。在陆港进口商品展销中心，来自欧洲的红酒、奶粉和中亚的坚果、蜂蜜摆满了货架。“以前"
        "买进口商品要托人从外地带，现在家门口就能买到，价格还实惠。”正在选购的市民褚晓菡说。",
        "班列带来的不只是货物。依托陆港，珞岑先后设立了综合保税区和跨境电商综合试验区，吸引了200多家外贸和物流"
        "企业落户。去年，全市外贸进出口总额达到1186亿元，比十年前增长了近五倍。",
        "“今年我们计划开行中欧班列800列以上，同时加快建设多式联运中心，让铁路、公路、航空更好衔接。”珞岑市商务局"
        "相关负责人表示，要让这支“钢铁驼队”走得更远、更稳。",
    ),
)

LC_LOAN = Art(
    kicker="金融活水精准滴灌实体经济",
    title="小微企业首贷户同比增长三成",
    date="2025-03-20",
    authors=("米禾",),
    paras=(
        "本报3月20日讯（记者 米禾）记者从市地方金融管理局获悉，今年前两个月，全市新增小微企业首贷户2140户，同比"
        "增长31.6%；普惠小微贷款余额达到1392亿元，较年初增加87亿元。",
        "今年以来，我市持续开展“千企万户”走访活动，组织银行机构深入园区、商圈和专业市场，摸排企业融资需求。针对"
        "小微企业缺少抵押物的难题，多家银行推出了基于纳税、用电和订单数据的信用贷款产品，最快当天审批放款。",
        "在珞岑经开区经营一家精密模具厂的龙海川告诉记者，今年初工厂接到一笔大订单，急需资金采购原材料，“银行客户"
        "经理上门了解情况后，一周内就放了300万元信用贷款，没要一分钱抵押。”",
    ),
)

LC_TEA = Art(
    kicker="明前茶陆续开采上市",
    title="茶乡迎来“春忙”",
    byline="□ 本报记者 景澜 通讯员 甘露",
    date="2025-03-21",
    authors=("景澜", "甘露"),
    paras=(
        "3月以来，珞岑市南部山区的茶园陆续开采明前茶。在云雾镇的一处茶园里，采茶工们腰挎竹篓，指尖在茶垄间上下"
        "翻飞。茶园负责人阙春生介绍，今年气温回升早，明前茶比往年提前了一周左右开采，预计产量比去年增加一成。",
        "近年来，云雾镇引导茶农发展生态种植，推广茶叶精深加工，并借助电商平台拓宽销路。目前，全镇茶园面积达到"
        "3.2万亩，带动4000多户茶农增收。今年，镇里还将举办首届春茶文化节，推出采茶体验、制茶研学等乡村旅游项目。",
    ),
)

LC_PARTS = Art(
    title="新能源汽车零部件产业园开工",
    subtitle="——全部建成后可年配套50万辆新能源汽车",
    date="2025-03-18",
    authors=("龚一川",),
    paras=(
        "本报讯（记者 龚一川）3月18日，珞岑新能源汽车零部件产业园在高新区开工建设。项目总投资68亿元，规划建设"
        "电驱系统、热管理系统和轻量化车身部件等生产线。",
        "近年来，珞岑依托整车龙头企业，加快引进上下游配套企业，新能源汽车产业链本地配套率已由三年前的不足三成"
        "提高到52%。高新区相关负责人介绍，产业园将采用“标准厂房+定制厂房”模式，最快可实现企业“拎包入驻”，"
        "预计明年上半年首批企业投产。",
        "产业园规划用地1200亩，分两期建设。一期工程包括标准厂房、研发中心和职工公寓，目前已有11家企业签约入驻，"
        "其中电驱系统项目由本地整车企业与一家零部件企业合资建设，达产后年产值预计超过40亿元。",
        "“过去很多零部件要从外地采购，运输成本高，供货周期也长。”一家整车企业采购负责人说，配套企业在本地集聚后，"
        "不少零部件当天下单、当天就能送到生产线。",
    ),
)

LC_SEA = Art(
    title="首趟铁海联运班列开行",
    date="2025-03-17",
    authors=("严小蕾", "席默"),
    paras=(
        "本报讯（通讯员 严小蕾 记者 席默）3月17日，珞岑首趟铁海联运集装箱班列从珞岑东站发车，货物将经铁路运抵"
        "东海港后装船，发往东南亚市场。",
        "与传统公路运输相比，铁海联运每个标准箱可节约物流成本约800元，运输时间也更有保障。据悉，该班列今后将"
        "实现每周两列常态化开行。珞岑东站相关负责人介绍，车站已完成集装箱堆场扩建，新增装卸线两条，可满足日均"
        "300个标准箱的装卸需求。",
    ),
)


LC_FAIR = Art(
    kicker="“春风行动”招聘会开进园区",
    title="岗位送到家门口",
    subtitle="——我市春季招聘活动帮助1.6万人实现就业",
    date="2025-03-16",
    authors=("郦北辰", "蒙小禾", "樊星"),
    caption="图为招聘会现场，求职者在企业展位前咨询。 记者 樊星 摄",
    paras=(
        "本报讯（记者 郦北辰 通讯员 蒙小禾）3月16日，珞岑经开区2025年春季招聘会在园区服务中心举行，86家企业"
        "现场提供岗位4300多个。招聘会开始不到一个小时，服务中心的两层展厅里就挤满了前来求职的人。",
        "“我们厂今年新上了两条生产线，普工、技术员、质检员都缺。”一家电子企业的人事主管介绍，公司为新员工提供免费"
        "住宿和工作餐，技术岗位月薪可达七千元以上，“上午已经收到八十多份简历，当场就初步录用了二十多人。”",
        "来自云雾镇的付长松今年四十二岁，过去一直在外省打工。今年春节后，他听说家门口的园区正在招人，便来碰碰运气。"
        "“在这边干，一个月工资少不了多少，还能照顾家里老人孩子。”当天，他和一家汽车配件企业签下了劳动合同。",
        "据市人力资源和社会保障局介绍，今年“春风行动”期间，全市已举办各类招聘活动132场，帮助1.6万名农村劳动力"
        "和高校毕业生实现就业。针对部分企业招工难、部分求职者技能不足的问题，人社部门还联合职业院校开设了电工、焊工、"
        "数控车工等订单式培训班，学员结业后可直接到合作企业上岗。",
        "“下一步，我们将把招聘会开到乡镇、开进社区，让求职者少跑路，让企业早用工。”该局相关负责人表示。",
    ),
)

LC_PRICE = Art(
    title=("2月份居民消费价格", "同比上涨0.8%"),
    date="2025-03-19",
    authors=("邬佳",),
    paras=(
        "本报讯（记者 邬佳）记者3月19日从市统计部门了解到，2月份，全市居民消费价格同比上涨0.8%，环比下降0.3%。"
        "八大类商品和服务价格同比“六涨两降”。",
        "从主要商品看，受春节后消费需求回落影响，鲜菜、鲜果价格环比分别下降4.2%和2.7%；猪肉价格同比上涨6.5%，"
        "涨幅比上月有所收窄。服务价格方面，家政服务、美容美发等价格保持稳定，交通工具用燃料价格同比下降3.1%。",
        "统计部门分析认为，当前全市市场供应充足，物价运行总体平稳，预计后期价格将继续保持在合理区间。",
    ),
)


LC_EXPO = Art(
    title="农机展销会签约额超5亿元",
    date="2025-03-17",
    authors=("鄂远舟",),
    paras=(
        "本报讯（记者 鄂远舟）3月17日，为期三天的2025珞岑春季农机展销会在市会展中心闭幕。展会吸引了180余家农机"
        "生产和销售企业参展，展出拖拉机、插秧机、植保无人机、烘干设备等各类农机具1200多台（套），累计签约额达"
        "5.3亿元。",
        "本届展会突出智能化和丘陵山区适用机型，不少企业带来了适合小地块作业的微耕机和履带式收割机。来自珞岑南部"
        "山区的种粮大户阎满仓一口气订购了两台插秧机和一台烘干机，“山里地块小，以前机器进不去，现在这些小型机械"
        "正合用。”",
        "据了解，今年我市将继续落实农机购置与应用补贴政策，重点支持粮食生产薄弱环节和丘陵山区急需机具，预计全年"
        "补贴资金超过8000万元。",
    ),
)


def _folio(p: _Page, section: str, editors: str, top: float = 26.0, page_label: str = "") -> float:
    x0, x1 = p.x0, p.right
    p.text(x0, top + 6, _date_line(p.issue, lunar=False), 9.5)
    p.text(x0 + 150, top + 6, p.paper, 9.5)
    p.text((x0 + x1) / 2, top, section, 16, "center")
    p.text(x1, top - 2, page_label or str(p.page_no), 22, "right")
    p.text(x1 - 36, top + 6, editors, 9, "right")
    p.hrule(x0, x1, top + 26, 1.6)
    p.hrule(x0, x1, top + 29, 0.4)
    return top + 40


def _g03() -> _Page:
    p = _Page("g03", LC, LC_DAY, 5, "vertical headline", "inner page 5: two-column vertical headline at right",
              (900, 1300), cols=8, chars=11, body=8.5, leading=1.6, gutter=1.5, mode="string")
    x0, x1 = p.x0, p.right
    top = _folio(p, "经　济", "责任编辑：岳凌　美术编辑：葛青　校对：卫兰")
    y1 = p.article(LC_TRAIN, 0, 5, top, vhead="right2", sizes=(15, 30, 0), body_cols=4,
                   photo=Photo((0, 2), 150, "bottom"))
    p.vrule(p.col_x(5) - p.g / 2, top, y1)
    y2 = p.article(LC_LOAN, 5, 8, top, sizes=(12, 20, 12))
    p.hrule(p.col_x(5), x1, y2 + 6, 0.4)
    y2 = p.article(LC_TEA, 5, 8, y2 + 16, sizes=(12, 22, 12), bottom=y1)
    top = max(y1, y2) + 10
    p.hrule(x0, x1, top, 0.9)
    top += 12
    y3 = p.article(LC_PARTS, 0, 4, top, sizes=(12, 20, 11.5))
    y4 = p.article(LC_SEA, 4, 6, top, sizes=(12, 16, 12))
    y5 = p.article(LC_PRICE, 6, 8, top, sizes=(12, 16, 12))
    bottom = max(y3, y4, y5)
    p.vrule(p.col_x(4) - p.g / 2, top, bottom)
    p.vrule(p.col_x(6) - p.g / 2, top, bottom)
    top = bottom + 10
    p.hrule(x0, x1, top, 0.9)
    top += 12
    y6 = p.article(LC_FAIR, 0, 5, top, sizes=(13, 26, 13), photo=Photo((3, 5), 170, "top"))
    p.vrule(p.col_x(5) - p.g / 2, top, y6)
    p.article(LC_EXPO, 5, 8, top, sizes=(12, 18, 12), align="center")
    # a full-width advertisement down to the foot line
    ad_top, ad_bottom = y6 + 14, 1300 - 48
    mid = (x0 + x1) / 2
    p.box(x0, ad_top, x1, ad_bottom, 1.0)
    p.text(x0 + 5, ad_top + 5, "广告", 7.5)
    p.box(x0 + 20, ad_top + 20, x0 + 260, ad_bottom - 20, grey=0.78)
    p.text(mid + 120, ad_top + 40, "珞岑农商银行", 30, "center", bold=True)
    p.text(mid + 120, ad_top + 92, "春耕专项贷款　利率优惠　最快当日放款", 15, "center")
    p.text(mid + 120, ad_top + 124, "服务热线：0873-96518", 12, "center")
    foot = 1300 - 34
    p.hrule(x0, x1, foot - 4, 0.6)
    p.text(x0, foot, "珞岑日报社地址：珞岑市文昌路18号　邮编：661000", 8)
    p.text(x1, foot, "新闻热线：0873-6315880　网址：www.lcrb.cn　零售价：1.50元", 8, "right")
    return p


LC_SPRING = Art(
    kicker="各地抢抓农时推进春耕春播",
    title="春耕春播由南向北陆续展开",
    date="2025-03-19",
    authors=("黄予安", "郁森"),
    paras=(
        "新华社北京3月20日电（记者 黄予安 郁森）3月19日，记者从有关部门了解到，当前春耕春播正由南向北陆续展开，"
        "各地抢抓有利天气，加快推进冬小麦春季田间管理和早稻育秧等农事活动。",
        "农业技术人员介绍，今年冬小麦苗情总体好于常年，一、二类苗比例较上年有所提高。各地组织农技人员深入田间地头，"
        "指导农民因地因苗开展追肥浇水和病虫害防治。",
        "在南方一些早稻主产区，工厂化育秧、无人机撒播等技术应用范围进一步扩大，育秧效率明显提升。一些地方还搭建了"
        "农资线上供应平台，种子、化肥可以直接配送到村。",
        "在北方一些冬小麦产区，返青水浇灌和镇压划锄正在有序进行。一些农业合作社通过“土地托管”方式，为周边农户"
        "提供耕、种、管、收全程服务，既降低了种植成本，也提高了农机利用效率。",
        "农资供应方面，各地加强种子、化肥、农药等农资市场监管，开展农资打假专项行动，确保农民用上放心农资。不少地方"
        "还组织农资企业送货下乡，方便农民就近购买。",
        "专家提醒，近期部分地区可能出现倒春寒天气，农户要密切关注天气变化，提前做好防冻保苗工作，确保春播作物安全"
        "出苗。",
    ),
)

LC_FLOWERS = Art(
    title="油菜花开春意浓",
    date="2025-03-19",
    authors=("单晓阳",),
    photo_news=True,
    paras=(),
    caption="3月19日，游客在一处油菜花田间游玩拍照。眼下正值油菜花盛花期，田野里一片金黄。 新华社记者 单晓阳 摄",
)

LC_ROPEWAY = Art(
    title=("碧霞峡观光索道", "进入整体联调阶段"),
    date="2025-03-20",
    authors=("窦启明",),
    paras=(
        "新华社珞岑3月20日电（记者 窦启明）记者20日从珞岑市文化和旅游部门获悉，全长4.2公里的碧霞峡跨峡谷观光索道"
        "已完成主体工程建设，进入整体联调阶段，预计今年5月投入试运营。",
        "碧霞峡索道设计运力为每小时2400人次，沿线设三座站房，游客乘坐索道可在20分钟内横跨峡谷，俯瞰瀑布群和原始"
        "森林景观。建设期间，施工方采用无人机牵引导引绳等方式架设钢索，最大限度减少了对峡谷植被的破坏。",
    ),
)

LC_PAPERCUT = Art(
    title="珞岑剪纸艺术展在京开幕",
    date="2025-03-20",
    authors=("万里鹏",),
    paras=(
        "本报北京3月20日电（记者 万里鹏）“指尖上的山河——珞岑剪纸艺术展”3月20日在北京开幕，展出珞岑剪纸作品"
        "160余件。作品题材涵盖山水、花鸟、民俗和节令，其中长达12米的《岑江百里图》由五位传承人历时两年合作完成。",
        "近年来，珞岑通过开设剪纸传习所、推动剪纸进校园等方式培养年轻传承人，全市从事剪纸创作的人员已超过两千人。"
        "展览将持续至4月20日。",
    ),
)

LC_SURVEY = Art(
    title="青少年科学调查体验活动启动",
    date="2025-03-19",
    authors=("甄如意",),
    paras=(
        "据新华社北京3月19日电（记者 甄如意）记者从有关方面获悉，2025年青少年科学调查体验活动日前启动，活动面向"
        "中小学生，设置“节约用水”“校园植物”“身边的空气”等调查主题，鼓励学生走出教室，在真实情境中开展探究学习。",
        "组织方介绍，活动将持续到今年10月，学生可通过线上平台提交调查报告，优秀成果将在年底集中展示。",
    ),
)

LC_BLOSSOM = Art(
    title=("多地迎来", "赏花旅游热"),
    date="2025-03-21",
    authors=(),
    paras=(
        "进入3月，各地春花次第开放，赏花游持续升温。在线旅游平台数据显示，近一周“赏花”相关搜索量环比增长超过两倍，"
        "油菜花、樱花、桃花等成为热门关键词。",
        "不少景区推出夜间赏花、花海音乐会等活动，带动周边餐饮、住宿消费增长。（据新华社）",
    ),
)

LC_RAIL = Art(
    title="多地推出春季“铁路+旅游”线路",
    date="2025-03-20",
    authors=("郑一可", "韦岸"),
    caption="图为3月18日，一列旅游专列行驶在山间铁路上。 新华社记者 韦岸 摄",
    paras=(
        "新华社北京3月20日电（记者 郑一可）记者从铁路部门获悉，为满足春季出游需求，多地铁路部门陆续推出赏花、踏青、"
        "研学等主题旅游列车，并优化车票预订和接驳服务。",
        "今年以来，“铁路+旅游”产品持续受到游客欢迎。一些线路将列车运行与沿线景区门票、住宿打包销售，游客下车即可"
        "乘坐接驳大巴前往景区。铁路部门提醒，春季客流较为集中，旅客可通过官方渠道提前购票，合理安排出行时间。",
    ),
)

LC_WIND = Art(
    title="海上风电场首批机组并网发电",
    date="2025-03-18",
    authors=("潘海生",),
    paras=(
        "新华社青屿3月19日电（记者 潘海生）3月18日，位于青屿海域的一座海上风电场首批12台机组并网发电。该风电场"
        "总装机容量50万千瓦，全部建成后每年可提供清洁电能约16亿千瓦时，可满足约70万户家庭一年的用电需求。",
        "项目建设单位介绍，风电场离岸距离约30公里，所在海域水深较大，施工难度高。建设团队采用大直径单桩基础和整体"
        "吊装等技术，有效缩短了海上作业时间。",
    ),
)


LC_READING = Art(
    title="多地公共图书馆延长开放时间",
    date="2025-03-20",
    authors=("柴文博",),
    paras=(
        "新华社北京3月20日电（记者 柴文博）记者近日走访发现，为满足群众夜间阅读需求，多地公共图书馆延长开放时间，"
        "部分城市还推出“24小时自助图书馆”和“城市书房”，让市民下班后也能找到读书的去处。",
        "在一些城市的街区书房，市民刷身份证即可入内，借还图书、自助打印、在线查阅等服务一应俱全。不少书房还定期"
        "举办读书会、讲座和展览，成为社区居民交流的新空间。",
        "业内人士表示，公共阅读空间向基层延伸，有助于推动优质文化资源共享，下一步还应在图书更新、专业管理和服务"
        "品质上下功夫。",
    ),
)

LC_FIRE = Art(
    title="北岭林区进入春季防火期",
    date="2025-03-20",
    authors=("海日汗",),
    paras=(
        "新华社北岭3月20日电（记者 海日汗）3月20日起，北岭林区进入春季森林防火期，防火期将持续至6月中旬。林区"
        "各地加强野外火源管控，在重点路口设立检查站，并利用无人机、视频监控等手段开展全天候巡查。",
        "当地林业部门提醒，防火期内严禁在林区野外吸烟、烧荒、上坟烧纸等违规用火行为，进入林区的人员要自觉接受"
        "检查。今年以来，北岭已组织扑火队员集中培训和实战演练12次，储备各类扑火物资3万余件。",
    ),
)


def _g07() -> _Page:
    p = _Page("g07", LC, LC_DAY, 4, "inner page", "inner page 4: wire copy, no indents, space between paragraphs",
              (900, 1300), cols=6, chars=11, body=11, leading=1.25, gutter=1.0, mode="chars",
              order="right_first", indent=0, para_gap=0.5)
    x0, x1 = p.x0, p.right
    top = _folio(p, "国　内", "本版编辑：施文澜　校对：卫兰")
    y1 = p.article(LC_SPRING, 0, 4, top, sizes=(14, 30, 12), align="left", bold=False)
    y2 = p.photo_news(LC_FLOWERS, 4, 6, top, size=20, bottom=y1)
    p.vrule(p.col_x(4) - p.g / 2, top, max(y1, y2))
    top = max(y1, y2) + 8
    p.hrule(x0, x1, top, 0.8)
    top += 12
    ya = p.article(LC_ROPEWAY, 0, 2, top, sizes=(12, 18, 12), align="left", bold=False)
    yb = p.article(LC_PAPERCUT, 2, 4, top, sizes=(12, 18, 12), align="left", bold=False)
    yc = p.article(LC_WIND, 4, 6, top, sizes=(12, 18, 12), align="left", bold=False)
    bottom = max(ya, yb, yc)
    p.vrule(p.col_x(2) - p.g / 2, top, bottom)
    p.vrule(p.col_x(4) - p.g / 2, top, bottom)
    top = bottom + 8
    p.hrule(x0, x1, top, 0.8)
    top += 12
    ya = p.article(LC_RAIL, 0, 3, top, sizes=(12, 18, 12), photo=Photo((1, 3), 120, "top"), align="left", bold=False)
    yb = p.article(LC_SURVEY, 3, 5, top, sizes=(12, 16, 12), align="left", bold=False)
    yc = p.article(LC_BLOSSOM, 5, 6, top, sizes=(12, 17, 12), align="left", bold=False)
    bottom = max(ya, yb, yc)
    p.vrule(p.col_x(3) - p.g / 2, top, bottom)
    p.vrule(p.col_x(5) - p.g / 2, top, bottom)
    top = bottom + 8
    p.hrule(x0, x1, top, 0.8)
    top += 12
    ya = p.article(LC_READING, 0, 4, top, sizes=(12, 20, 12), align="left", bold=False)
    yb = p.article(LC_FIRE, 4, 6, top, sizes=(12, 17, 12), align="left", bold=False)
    bottom = max(ya, yb)
    p.vrule(p.col_x(4) - p.g / 2, top, bottom)
    ad_top, ad_bottom = bottom + 14, 1300 - 50
    mid = (x0 + x1) / 2
    p.box(x0, ad_top, x1, ad_bottom, 1.0)
    p.text(x0 + 5, ad_top + 5, "广告", 7.5)
    p.box(x0 + 20, ad_top + 20, x0 + 230, ad_bottom - 20, grey=0.8)
    p.box(x1 - 230, ad_top + 20, x1 - 20, ad_bottom - 20, grey=0.7)
    p.text(mid, ad_top + 60, "岑江春茶", 34, "center", bold=True)
    p.text(mid, ad_top + 110, "山水珞岑　一叶知春", 16, "center")
    p.text(mid, ad_top + 150, "珞岑市茶叶协会", 12, "center")
    p.text(mid, ad_top + 170, "珞岑市文化和旅游局", 12, "center")
    foot = 1300 - 34
    p.hrule(x0, x1, foot - 4, 0.6)
    p.text(x0, foot, "珞岑日报社出版　地址：珞岑市文昌路18号", 8)
    p.text(x1, foot, "新闻热线：0873-6315880　网址：www.lcrb.cn", 8, "right")
    return p


# ---------------------------------------------------------------------------------------------------------
# 鸥港晚报, 2024-11-15: A01 (g05), A06 城事 (g04)

OG = "鸥港晚报"
OG_DAY = date(2024, 11, 15)

OG_BIRDS = Art(
    title="海晏湾迎来首批越冬候鸟",
    date="2024-11-14",
    authors=("孟帆",),
    photo_news=True,
    paras=(),
    caption="11月14日，数百只红嘴鸥在鸥港市海晏湾湿地上空盘旋觅食。随着气温下降，首批越冬候鸟已陆续飞抵海晏湾，"
    "预计今冬来此越冬的候鸟将超过两万只。 记者 孟帆 摄",
)

OG_MARKET = Art(
    title="灯塔路菜市场“变身”记",
    date="2024-11-13",
    authors=("谷雨桐", "蓝沁"),
    caption="图为改造后的灯塔路菜市场。 实习生 蓝沁 摄",
    paras=(
        "本报讯（记者 谷雨桐）11月13日，经过三个多月的提升改造，海晏区灯塔路菜市场重新开门迎客。记者在现场看到，"
        "改造后的菜市场地面干爽整洁，摊位按照蔬菜、肉禽、水产、熟食等分区排列，每个摊位上方都挂着统一制作的价格"
        "公示屏。",
        "灯塔路菜市场建于1998年，是附近几个老小区居民买菜的主要去处。由于设施老化，过去市场里常年“脚下湿、头上暗、"
        "鼻子难受”。此次改造重新铺设了排水系统，加装了新风设备和照明灯具，还增设了公平秤、农残快检室和便民服务台。",
        "“现在进来买菜心情都好了。”家住附近的钱阿婆拎着一袋青菜说。市场管理方介绍，改造期间原有128户经营户全部在"
        "附近临时市场过渡经营，改造后全部回迁，摊位租金保持不变。",
    ),
)

OG_BUS = Art(
    title=("渔湾镇开通", "首条夜间公交"),
    date="2024-11-14",
    authors=("欧阳晓",),
    paras=(
        "本报11月14日讯（记者 欧阳晓）记者从市公交集团获悉，鸥港市区至渔湾镇的夜间公交线路N12路开通运营，末班车"
        "时间延长至晚上11点半，解决了渔湾镇务工人员和学生晚归乘车难的问题。",
        "该线路全程23公里，沿途设站17个，票价2元，市民可使用公交卡或手机扫码乘车。",
    ),
)

OG_CANTEEN = Art(
    kicker="全市已建成长者食堂142家",
    title="家门口的“幸福食堂”香了",
    byline="□ 本报记者 雷小溪",
    date="2024-11-15",
    authors=("雷小溪",),
    paras=(
        "中午十一点，海晏区望潮社区的长者食堂里已经坐满了前来就餐的老人。红烧鱼块、清炒时蔬、番茄蛋汤，一份两荤"
        "一素的套餐只要10元，80岁以上的老人还能再享受半价优惠。",
        "“老伴走了以后，我一个人做饭总是凑合。现在天天来这里吃，菜的口味也清淡。”82岁的居民姚阿公说。据了解，"
        "望潮社区60岁以上的老人占常住人口的三成以上，食堂开业半年来，日均就餐人数稳定在200人左右。",
        "市民政局相关负责人介绍，截至目前，全市已建成长者食堂142家，覆盖所有街道。明年，将推动长者食堂向农村地区"
        "延伸，并探索为行动不便的老人提供送餐上门服务。",
    ),
)


OG_METRO = Art(
    kicker="全长18.6公里　设站12座",
    title="地铁2号线东延段今起试运营",
    subtitle="——东部新城到市中心通勤时间缩至40分钟以内",
    date="2024-11-14",
    authors=("芮晴", "邬海", "秦岸"),
    caption="图为11月14日，地铁2号线东延段列车在东部新城站进行运行演练。 记者 秦岸 摄",
    paras=(
        "本报讯（记者 芮晴 通讯员 邬海）11月14日，记者从鸥港地铁集团获悉，地铁2号线东延段已通过初期运营前安全"
        "评估，将于11月15日上午10时开通试运营。东延段全长18.6公里，设站12座，其中换乘站3座，线路贯通海晏区和"
        "东部新城。",
        "试运营初期，东延段列车最小行车间隔为6分钟，首班车6时发车，末班车22时30分发车。东延段开通后，从东部新城"
        "到市中心的通勤时间将由过去的一个多小时缩短至40分钟以内。",
        "为方便市民出行，地铁集团同步优化了沿线12条公交线路，在东延段各车站出入口周边设置共享单车停放点，实现地铁"
        "与地面公交、慢行交通的无缝接驳。",
    ),
)

OG_NOTE = Art(
    kicker="记者手记",
    title="地铁修到了家门口",
    byline="□ 闻舟",
    date="2024-11-15",
    authors=("闻舟",),
    paras=(
        "东部新城的居民盼地铁，盼了整整六年。六年里，围挡一段段竖起又一段段拆除，工地旁的早餐店换了三任老板，"
        "附近小学的孩子从一年级读到了毕业。",
        "试运营前一天，记者在新城站遇到了来“踩点”的居民郁大姐。她在市中心一家商场上班，每天早上六点就得出门"
        "挤公交。“以后能多睡半个小时了。”她笑着说。",
        "一条地铁线，连起的是通勤路，也是一座城市对民生的承诺。",
    ),
)

OG_SHOP = Art(
    title="冬季消费季启动　发放3000万元消费券",
    date="2024-11-14",
    authors=("岑一帆",),
    paras=(
        "本报讯（记者 岑一帆）11月14日，2024鸥港冬季消费季在海晏区星海广场启动。本次消费季持续至明年2月，将推出"
        "商贸、餐饮、文旅、汽车等四大类120余项促销活动，发放总额3000万元的消费券。",
        "消费券分三批发放，市民可通过“鸥港惠生活”小程序领取，在全市参与活动的商超、餐馆和景区使用。启动仪式上，"
        "30多家商家现场推出冬装、年货和家电促销，不少市民一早就赶来选购。",
    ),
)

OG_MUSEUM = Art(
    title="海洋科技馆调整冬季开放时间",
    date="2024-11-15",
    authors=("仲夏", "米芮"),
    paras=(
        "即日起，鸥港海洋科技馆冬季开放时间调整为每天9时至17时，16时停止入馆，周一闭馆，法定节假日照常开放。",
        "馆方同时推出“海洋小讲堂”系列公益课程，每周六、周日下午开讲，内容涵盖海洋生物、极地科考和船舶知识，"
        "市民可通过科技馆官方公众号提前预约。（记者 仲夏 实习生 米芮）",
    ),
)

OG_HEAT = Art(
    title="城区集中供暖提前5天开始",
    date="2024-11-15",
    authors=("司马玥",),
    paras=(
        "本报讯（记者 司马玥）11月15日起，我市城区集中供暖正式开始，比往年提前了5天。记者从市住建局了解到，目前"
        "全市38座供热站已全部完成点火调试，供热管网完成注水升压。",
        "住建部门提醒，供暖初期部分居民家中可能出现暖气不热等情况，可拨打供热服务热线反映，供热企业将在24小时内"
        "上门处理。",
    ),
)

OG_SCAM = Art(
    title="七旬老人险被骗　民警上门拦下8万元",
    date="2024-11-13",
    authors=("卞晓光", "聂平"),
    paras=(
        "11月13日下午，海晏区灯塔派出所接到反诈中心预警：辖区一名七旬老人正在与自称“公检法工作人员”的人通话，"
        "可能遭遇电信诈骗。民警立即赶到老人家中，此时老人已按照对方要求，准备将8万元存款转入所谓的“安全账户”。",
        "民警当场向老人揭穿了骗局。“我还以为真是自己的银行卡出了问题，"
        "多亏你们来得及时。”老人连声道谢。警方提醒，公检法机关不会通过电话办案，更不存在所谓的“安全账户”，接到"
        "此类电话要立即挂断，并拨打110咨询。（记者 卞晓光 通讯员 聂平）",
    ),
)

OG_CONTENTS = (
    "● 海晏湾迎来首批越冬候鸟　A06",
    "● 灯塔路菜市场“变身”记　A06",
    "● 家门口的“幸福食堂”香了　A06",
    "● 冬季流感进入高发期　A08",
    "● 港城中学生足球联赛开赛　A15",
)


def _g05() -> _Page:
    p = _Page("g05", OG, OG_DAY, 1, "sidebar", "A01 front page: contents box and a boxed sidebar",
              (612, 870), cols=5, chars=10, body=9.5, leading=1.3, gutter=1.5, mode="string",
              order="heads_last")
    x0, x1 = p.x0, p.right
    p.text(x0, 26, OG, 48, bold=True, track=4)
    p.text(x0 + 2, 84, "OUGANG EVENING NEWS", 9, track=2)
    y = 30.0
    for s in ("鸥港日报社主管主办", "国内统一连续出版物号 CN 21-0087", "第6372期　今日24版", "零售价：1.00元"):
        y = p.text(x1, y, s, 8.5, "right") + 2.5
    p.text(x0, 104, _date_line(OG_DAY), 9.5)
    p.text(x1, 104, "今日天气　阴转小雨　9℃～15℃", 9.5, "right")
    p.hrule(x0, x1, 120, 1.0)
    p.hrule(x0, x1, 123, 3.0)
    y = p.article(OG_METRO, 0, 5, 134, align="left", sizes=(13, 28, 12), photo=Photo((3, 5), 120, "top"))
    p.hrule(x0, x1, y + 4, 0.8)
    top = y + 14
    foot = 870 - 28
    # the contents box at the right, the sidebar under it, a forecast at the foot
    bx = p.col_x(3)
    box_bottom = top + 30 + len(OG_CONTENTS) * 15
    p.box(bx, top, x1, box_bottom, 1.4)
    p.text(bx + 8, top + 7, "今日导读", 12, bold=True)
    for i, s in enumerate(OG_CONTENTS):
        p.text(bx + 8, top + 27 + i * 15, s, 8.5)
    yl = p.article(OG_SHOP, 0, 3, top, align="left", sizes=(12, 15, 12))
    p.hrule(x0, p.col_x(3) - p.g, yl + 4, 0.5)
    yl = p.article(OG_HEAT, 0, 3, yl + 12, align="left", sizes=(12, 15, 12))
    p.hrule(x0, p.col_x(3) - p.g, yl + 4, 0.5)
    yl = p.article(OG_MUSEUM, 0, 3, yl + 12, align="left", sizes=(12, 15, 12))
    p.hrule(x0, p.col_x(3) - p.g, yl + 4, 0.5)
    p.article(OG_SCAM, 0, 3, yl + 12, align="left", sizes=(12, 15, 12))
    ys = p.article(OG_NOTE, 3, 5, box_bottom + 10, align="center", sizes=(10.5, 16, 12), boxed=True)
    p.vrule(bx - p.g / 2, top, foot - 12)
    fy = ys + 12
    p.text(bx, fy, "鸥港天气", 11, bold=True)
    for i, s in enumerate(("15日　阴转小雨　9℃～15℃", "16日　小雨转多云　7℃～13℃", "17日　多云　6℃～14℃")):
        p.text(bx, fy + 18 + i * 14, s, 8.5)
    p.hrule(x0, x1, foot - 6, 0.5)
    p.text(x0, foot, "新闻热线：966 5678　广告热线：8810 2233　发行热线：8810 3344", 8)
    p.text(x1, foot, "鸥港新闻网 www.ougangwb.com", 8, "right")
    return p


def _g04() -> _Page:
    p = _Page("g04", OG, OG_DAY, 6, "photo", "A06: photo news item and an article with a photo",
              (612, 870), cols=4, chars=11, body=11, leading=1.5, gutter=2.0, mode="textout")
    x0, x1 = p.x0, p.right
    p.text(x0, 22, "A06", 24, bold=True)
    p.text(x0 + 62, 30, "城事", 15)
    p.text(x1, 22, _date_line(OG_DAY, lunar=False) + "　" + OG, 9, "right")
    p.text(x1, 38, "编辑 苗蓁　美编 沙沙　校对 邹小桥", 8, "right")
    p.hrule(x0, x1, 56, 2.0)
    y = p.photo_news(OG_BIRDS, 0, 4, 66, 200, size=22)
    p.hrule(x0, x1, y + 2, 0.6)
    top = y + 12
    ya = p.article(OG_MARKET, 0, 3, top, align="left", sizes=(12, 20, 12), bold=False,
                   photo=Photo((1, 3), 112, "top"))
    p.vrule(p.col_x(3) - p.g / 2, top, ya)
    yb = p.article(OG_BUS, 3, 4, top, align="left", sizes=(12, 16, 12), bold=False)
    top = max(ya, yb) + 6
    p.hrule(x0, x1, top, 0.6)
    foot = 870 - 26
    p.article(OG_CANTEEN, 0, 4, top + 10, align="left", sizes=(12, 20, 12), bold=False, bottom=foot - 12)
    p.hrule(x0, x1, foot - 6, 0.5)
    p.text(x0, foot, "鸥港晚报新闻热线：966 5678", 8)
    p.text(x1, foot, "www.ougangwb.com", 8, "right")
    return p


_BUILDERS: dict[str, Callable[[], _Page]] = {
    "g01": _g01,
    "g02": _g02,
    "g03": _g03,
    "g04": _g04,
    "g05": _g05,
    "g06": _g06,
    "g07": _g07,
}
NAMES: list[str] = list(_BUILDERS)


@cache
def _page(name: str) -> _Page:
    if name not in _BUILDERS:
        raise KeyError(name)
    return _BUILDERS[name]()


def page_pdf(name: str) -> bytes:
    """The page's PDF (deterministic bytes)."""
    return _pdf(name)


@cache
def _pdf(name: str) -> bytes:
    return _page(name).pdf()


def gold(name: str) -> dict[str, object]:
    """How the page splits into articles (see the module's gold format)."""
    fresh: dict[str, object] = json.loads(json.dumps(_page(name).gold(), ensure_ascii=False))
    return fresh  # a fresh copy each call


def manifest_row(name: str) -> tuple[str, str, int]:
    """(paper, issue date ISO, page number)."""
    p = _page(name)
    return p.paper, p.issue.isoformat(), p.page_no


def write_set(folder: Path) -> list[Path]:
    """NAME.pdf and NAME.gold.json for every page and a manifest.csv; returns the PDF paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "paper", "issue_date", "page", "note"])
        for name in NAMES:
            pdf = folder / f"{name}.pdf"
            pdf.write_bytes(page_pdf(name))
            (folder / f"{name}.gold.json").write_text(
                json.dumps(gold(name), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            paper, issue, page = manifest_row(name)
            w.writerow([pdf.name, paper, issue, page, _page(name).note])
            paths.append(pdf)
    return paths


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m tests.helpers.pdfpages_blind OUT_DIR")
    for path in write_set(Path(sys.argv[1])):
        print(path)
