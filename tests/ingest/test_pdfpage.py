"""`retrieval.ingest.pdfpage` on hand-placed characters: gutters told from word spaces,
reading order across columns, vertical headlines, the masthead band, paragraph ends."""

from __future__ import annotations

from retrieval.ingest.pdfpage import Block, Glyph, layout

BODY = 10.0


def put(text: str, x: float, top: float, size: float = BODY, pitch: float | None = None) -> list[Glyph]:
    """One line of characters from (x, top), one em apart (or `pitch`); a space is a gap."""
    out, step = [], pitch or size
    for ch in text:
        if ch != " ":
            out.append(Glyph(ch, x, x + size, top, top + size, size))
        x += step
    return out


def column(lines: list[str], x: float, top: float, size: float = BODY, lead: float = 1.4) -> list[Glyph]:
    out: list[Glyph] = []
    for k, line in enumerate(lines):
        out += put(line, x, top + k * size * lead, size)
    return out


def texts(blocks: list[Block], kind: str | None = None) -> list[str]:
    return [b.text for b in blocks if kind is None or b.kind == kind]


# Two columns of one article, 8 characters wide, a one-em gutter: every row has a gap at
# the same place, so the rows are cut there and the left column is read first.
LEFT = ["  本报讯近日城", "东新开了一家社区", "食堂，每天供应午", "餐和晚餐。"]
RIGHT = ["  食堂由街道和", "一家企业合办，老", "人凭卡就餐享受八", "折优惠。"]


def test_a_gutter_that_runs_down_the_rows_parts_the_columns() -> None:
    glyphs = column(LEFT, 0, 100) + column(RIGHT, 9 * BODY, 100)
    blocks = layout(glyphs, 1000)
    assert texts(blocks) == ["本报讯近日城东新开了一家社区食堂，每天供应午餐和晚餐。",
                             "食堂由街道和一家企业合办，老人凭卡就餐享受八折优惠。"]


def test_a_word_space_in_one_row_does_not_part_it() -> None:
    lines = ["  本报讯 记者", "林韬城东新开了一", "家社区食堂，每天", "供应午餐和晚餐。", "食堂由街道合办。"]
    blocks = layout(column(lines, 0, 100), 1000)
    assert texts(blocks) == ["本报讯 记者林韬城东新开了一家社区食堂，每天供应午餐和晚餐。食堂由街道合办。"]


def test_paragraphs_end_at_a_short_line_and_open_at_an_indent() -> None:
    lines = ["  第一段开头的", "一句话写到这里，", "然后结束。", "  第二段从这里", "开始一直写下去。", "完。"]
    assert texts(layout(column(lines, 0, 100), 1000)) == ["第一段开头的一句话写到这里，然后结束。", "第二段从这里开始一直写下去。完。"]


def test_a_headline_spanning_two_columns_is_read_before_both() -> None:
    glyphs = put("城东社区食堂开业", 20, 60, size=24) + column(LEFT, 0, 100) + column(RIGHT, 9 * BODY, 100)
    blocks = layout(glyphs, 1000)
    assert blocks[0].kind == "head" and blocks[0].text == "城东社区食堂开业" and blocks[0].size == 24
    assert [b.kind for b in blocks[1:]] == ["para", "para"]


def test_side_by_side_headlines_over_a_gutter_stay_two() -> None:
    glyphs = put("食堂开业", 0, 60, size=16) + put("公园开放", 9 * BODY, 60, size=16)
    glyphs += column(LEFT, 0, 100) + column(RIGHT, 9 * BODY, 100)
    heads = texts(layout(glyphs, 1000), "head")
    assert heads[0] == "食堂开业" and "公园开放" in heads and len(heads) == 2


def test_a_vertical_headline_is_read_first_and_right_to_left() -> None:
    size = 22.0
    glyphs = column(LEFT, 0, 100)
    title = [Glyph(ch, 120, 120 + size, 100 + k * size, 100 + (k + 1) * size, size) for k, ch in enumerate("社区食堂")]
    kicker = [Glyph(ch, 150, 150 + 14, 100 + k * 14, 100 + (k + 1) * 14, 14.0) for k, ch in enumerate("城东")]
    blocks = layout(glyphs + title + kicker, 1000)
    assert texts(blocks)[:2] == ["城东", "社区食堂"]  # the right column (the kicker) first
    assert blocks[0].columns == ("城东",) and blocks[1].columns == ("社区食堂",)
    assert blocks[2].kind == "para"


def test_the_masthead_and_folio_band_is_furniture() -> None:
    glyphs = put("江澄日报", 0, 10, size=48) + put("2024年6月14日 星期五", 250, 20, size=8) + put("第1234期", 250, 40, size=8)
    glyphs += put("城东社区食堂开业", 0, 160, size=24) + column(LEFT, 0, 200)
    blocks = layout(glyphs, 1000)
    assert [b.kind for b in blocks[:3]] == ["furn", "furn", "furn"]
    assert "江澄日报" in texts(blocks, "furn")
    assert texts(blocks, "head") == ["城东社区食堂开业"]


def test_a_picture_holds_its_place_between_headline_and_caption() -> None:
    glyphs = put("荷塘初夏", 20, 60, size=24) + column(["图为游客赏荷拍照。"], 0, 300, size=8)
    glyphs += put("公园开放", 160, 60, size=20) + column(LEFT, 160, 100)
    blocks = layout(glyphs, 1000, figures=[(0.0, 90.0, 140.0, 290.0)])
    assert texts(blocks)[:2] == ["荷塘初夏", "图为游客赏荷拍照。"]


def test_nothing_to_lay_out() -> None:
    assert layout([], 1000) == []
    assert layout([Glyph(" ", 0, 5, 0, 10, 10)], 1000) == []


def test_a_number_set_at_the_width_of_chinese_characters_is_one_number() -> None:
    glyphs = [Glyph(ch, k * BODY, k * BODY + (BODY / 2 if ch.isdigit() else BODY), 100, 110, BODY) for k, ch in enumerate("共46台农机")]
    [text] = texts(layout(glyphs, 1000))
    assert "46" in text and "4 6" not in text  # (a space beside a Chinese character is repair's to drop)
