"""retrieval/chart.py: a trend chart is a real PNG drawn in a font that holds every
character it drew (matplotlib warns of a missing glyph, and warnings are errors here)."""

from __future__ import annotations

import io
from datetime import date

from matplotlib.ft2font import FT2Font
from PIL import Image

from retrieval.chart import trend_chart
from retrieval.mentions import Mention
from retrieval.trend import trend, trend_title
from retrieval.types import IssueRow

WORDS = ["亚运会", "運河", "数字经济", "鬱"]  # a traditional form and a rare character among them


def test_the_chart_is_a_png_in_a_cjk_font_holding_each_character() -> None:
    days = [date(2023, m, 10) for m in range(1, 13)] + [date(2024, 5, 3)]
    issues = [IssueRow("某报", d, 4, 20) for d in days]
    words = [(w, [Mention(k, "某报", d, d, "题", k + 1, (0,)) for k, d in enumerate(days[::3])]) for w in WORDS]
    t = trend(words, issues)
    chart = trend_chart(t, trend_title(t))
    image = Image.open(io.BytesIO(chart.png))
    assert image.format == "PNG" and image.size[0] >= 800 and image.size[1] >= 400
    font = FT2Font(str(chart.font))
    drawn = {ch for text in chart.texts for ch in text if not ch.isspace()}
    assert any("\u4e00" <= ch <= "\u9fff" for ch in drawn)
    missing = sorted(ch for ch in drawn if font.get_char_index(ord(ch)) == 0)
    assert not missing, f"the chart's font lacks {missing}"
    assert all(w in " ".join(chart.texts) for w in WORDS)


def test_the_line_is_drawn() -> None:
    days = [date(2024, m, 1) for m in range(1, 7)]
    t = trend([("甲乙", [Mention(1, "某报", d, d, "题", 3, (0,)) for d in days])],
              [IssueRow("某报", d, 1, 1) for d in days])
    image = Image.open(io.BytesIO(trend_chart(t, trend_title(t)).png)).convert("RGB")
    colours = {image.getpixel((x, y)) for x in range(image.size[0]) for y in range(image.size[1])}
    assert (31, 119, 180) in colours  # the first line's colour (matplotlib's C0)
