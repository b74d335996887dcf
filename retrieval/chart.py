"""Charts as PNG bytes: a `Trend` as lines of mentions per issue (`/trend`, `trend --out`).

matplotlib draws with its Agg backend (no screen needed) in the CJK font the install
provides (Noto Sans SC, from the `pylopdf-fonts-zh-cn` wheel, SIL OFL), so Chinese labels
never come out as boxes; `Chart.font` names the font file, and `Chart.texts` every string
drawn, so a test can check the font holds each character.
"""

from __future__ import annotations

import io
import math
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from matplotlib import font_manager
from matplotlib.figure import Figure  # (not pyplot: no backend to choose, no display, no global figures)

from retrieval.trend import Trend

WIDTH, HEIGHT, DPI = 9.0, 4.8, 120  # 1080 x 576 pixels: sharp in a chat, far under Telegram's limits
MAX_TICKS = 14
_DRAW = threading.Lock()  # matplotlib's font cache is not thread-safe; charts are rare


@dataclass(frozen=True)
class Chart:
    png: bytes
    font: Path
    texts: tuple[str, ...]


@cache
def cjk_font() -> Path:
    """The CJK font file charts are drawn in, registered with matplotlib once."""
    import pylopdf_fonts_zh_cn

    path = Path(pylopdf_fonts_zh_cn.sans_path())
    font_manager.fontManager.addfont(str(path))
    return path


def _ticks(n: int) -> list[int]:
    step = max(1, math.ceil(n / MAX_TICKS))
    return list(range(0, n, step))


def trend_chart(t: Trend, title: str) -> Chart:
    """Each word's mentions per issue over `t.periods`; a period without issues is a gap."""
    font = cjk_font()
    family = font_manager.FontProperties(fname=str(font)).get_name()
    unit = "月" if t.unit == "month" else "年"
    texts: list[str] = [title, f"每期提及次数（按{unit}）"]
    with _DRAW:
        fig = Figure(figsize=(WIDTH, HEIGHT), dpi=DPI)
        ax = fig.add_subplot()
        xs = list(range(len(t.periods)))
        for s in t.series:
            ys = [math.nan if v is None else v for v in t.per_issue(s)]
            label = f"{s.word}（{s.total}次）"
            texts.append(label)
            ax.plot(xs, ys, marker="o", markersize=4, linewidth=1.8, label=label)
        ticks = _ticks(len(t.periods))
        labels = [t.periods[i] for i in ticks]
        texts += labels
        ax.set_xticks(ticks, labels, rotation=45 if t.unit == "month" else 0, ha="right" if t.unit == "month" else "center",
                      fontfamily=family, fontsize=8)
        ax.set_ylabel(texts[1], fontfamily=family)
        ax.set_title(title, fontfamily=family)
        ax.set_ylim(bottom=0)
        ax.grid(alpha=0.3)
        if t.series:
            ax.legend(prop=font_manager.FontProperties(fname=str(font)), loc="upper left")
        missing = sum(1 for n in t.issues if n == 0)
        if missing:
            note = f"空白处：档案中没有该{unit}的报纸（{missing}个{unit}）"
            texts.append(note)
            fig.text(0.99, 0.01, note, ha="right", va="bottom", fontsize=7, color="#666", fontfamily=family)
        fig.tight_layout()
        out = io.BytesIO()
        fig.savefig(out, format="png")
    return Chart(out.getvalue(), font, tuple(texts))
