"""bot/render.py: valid Telegram HTML, escaping, the 4096 limit, splitting, callback_data."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from bot import html, messages, render
from bot.console import show
from bot.html import LIMIT
from bot.messages import Outgoing
from retrieval.dates import DateFilter
from retrieval.mentions import Mention
from retrieval.trend import trend
from retrieval.types import DateLookup, IssueRow, Stats
from tests.fake_telegram import parse_html, utf16_len
from tests.helpers.values import article, hit, result

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=6000)


def check(out: Outgoing) -> str:
    """Parse as Telegram would; the plain text must fit; every callback_data ≤ 64 bytes, a
    copy-text button's text ≤ 256 characters."""
    plain, _ = parse_html(out.text)
    assert utf16_len(out.text) <= LIMIT
    assert plain.strip(), "Telegram refuses empty messages"
    for row in out.buttons:
        for b in row:
            if b.kind == "callback":
                assert 1 <= len(b.data.encode()) <= 64
            elif b.kind == "copy":
                assert 1 <= len(b.data) <= 256
            assert b.text.strip()
    return plain


def test_results_bold_highlights_answer_and_buttons() -> None:
    out = render.render_results(result([hit(), hit(article_id=8), hit(article_id=9)], total=9), 0, 3, "tok123")
    plain = check(out)
    assert "<b>杭叉科创园</b>" in out.text
    assert plain.startswith("💡 李志龙考察了杭叉科创园项目。")
    assert "今日拱墅 · 2024年3月22日 · 第1版" in plain
    datas = [b.data for row in out.buttons for b in row]
    assert datas == ["a:7", "a:8", "a:9", "p:tok123:1"]
    assert out.buttons[-1][0].text == render.NEXT


def test_second_page_has_back_and_no_answer() -> None:
    out = render.render_results(result([hit()], total=4), 1, 3, "tok")
    plain = check(out)
    assert not plain.startswith("💡")
    assert "4. 杭叉科创园项目" in plain
    assert [b.text for b in out.buttons[-1]] == [render.PREV]


def test_user_and_archive_text_is_escaped() -> None:
    nasty = "<script>alert('x')</script> & <b>"
    out = render.render_results(result([hit(title=nasty, excerpt=nasty, highlights=[(0, 8)])]), 0, 3, None)
    plain = check(out)
    assert "&lt;script&gt;" in out.text and "&amp;" in out.text
    assert "<script>" in plain  # shown literally, not interpreted
    nothing = render.render_nothing_found(nasty)
    assert "档案中没有找到" in check(nothing)


def test_highlights_out_of_range_or_overlapping_are_safe() -> None:
    text = html.marked("abcdef", [(4, 99), (-3, 2), (1, 3), (5, 5)], 100)
    assert text == "<b>abc</b>d<b>ef</b>"
    parse_html(text)


def test_clip_respects_budget_even_when_escaping_expands() -> None:
    s = html.clip("&" * 1000, 50)
    assert utf16_len(s) <= 50 and s.endswith("…")
    parse_html(s)


def test_long_article_is_split_at_paragraph_boundaries() -> None:
    paragraphs = [f"第{i}段" + "内容" * 300 + "。" for i in range(12)]  # ~600 chars each
    outs = render.render_article(article("\n".join(paragraphs)))
    assert len(outs) > 1
    plains = [check(o) for o in outs]
    for p in paragraphs:  # no paragraph is cut between two messages
        assert sum(p in plain for plain in plains) == 1
    assert "林韬, 黄朝文. 拱墅与省二轻集团开展座谈交流[N]. 今日拱墅, 2024-03-22(1)." in plains[-1]
    assert plains[0].startswith("拱墅与省二轻集团开展座谈交流")
    assert "作者：林韬、黄朝文" in plains[0]


def test_one_huge_paragraph_is_split_at_sentences() -> None:
    text = "".join(f"这是第{i}句话，讲拱墅的发展。" for i in range(800))
    outs = render.render_article(article(text))
    plains = [check(o) for o in outs]
    assert len(outs) >= 3
    assert all(p.split("\n")[-2].endswith(("。", "）")) or "引用" in p for p in plains[:-1])


def test_listing_and_nearest_dates() -> None:
    f = DateFilter(start=date(2024, 6, 20), end=date(2024, 6, 20), label="2024-06-20")
    empty = render.render_lookup(DateLookup(f, [], [date(2024, 6, 14)]), 0, None)
    assert "没有" in check(empty)
    assert empty.buttons[0][0].data == "d:2024-06-14"
    many = [article(id=i, title=f"标题{i}" * 20) for i in range(25)]
    out = render.render_listing("2024年6月", many, 1, "tok")
    check(out)
    assert out.buttons[0][0].data == "a:10"
    assert [b.data for b in out.buttons[-1]] == ["p:tok:0", "p:tok:2"]
    assert len(out.buttons[0][0].text) <= render.BUTTON_TEXT + 4


def test_stats_and_inline() -> None:
    check(render.render_stats(Stats(5, 33, 119, ["今日拱墅"], date(2023, 2, 15), date(2025, 4, 25), None)))
    item = render.render_inline(hit(), article())
    parse_html(item.message)
    assert "[N]. 今日拱墅, 2024-03-22(1)." in item.message
    assert len(item.id.encode()) <= 64


def test_callback_data_fits_with_longest_token() -> None:
    out = render.render_results(result([hit(article_id=2**62)], total=10**9), 10**8, 3, "x" * 16)
    check(out)


def test_console_shows_bold_and_buttons() -> None:
    out = render.render_results(result([hit()], total=5), 0, 3, "tok")
    text = show(out)
    assert "**杭叉科创园**" in text and "<b>" not in text
    assert f"[{render.NEXT}]" in text


@settings(max_examples=150, deadline=None)
@given(title=TEXT, excerpt=TEXT, query=TEXT, spans=st.lists(st.tuples(st.integers(-5, 7000), st.integers(-5, 7000))))
def test_any_text_renders_as_valid_html_under_the_limit(
    title: str, excerpt: str, query: str, spans: list[tuple[int, int]]
) -> None:
    hits = [hit(title=title, excerpt=excerpt, answer=excerpt, highlights=spans, answer_highlights=spans)] * 3
    check(render.render_results(result(hits, total=50, query=query), 0, 3, "tok"))
    check(render.render_nothing_found(query))
    check(messages.note(query + "x"))
    for out in render.render_article(article(text=excerpt + "\n" + title, title=title or "t")):
        check(out)
    check(render.render_listing(title, [article(title=title)] * 12, 0, "tok"))
    parse_html(render.render_inline(hit(title=title, excerpt=excerpt, highlights=spans), article()).message)


def test_article_headline_as_printed_main_title_bold() -> None:
    view = article(kicker="合力推动<更多>业务落地", subtitle="——今年首批37个", byline="本报记者 王蕾")
    [out] = render.render_article(view)
    head = out.text.split("\n")
    assert head[:3] == ["合力推动&lt;更多&gt;业务落地", "<b>拱墅与省二轻集团开展座谈交流</b>", "——今年首批37个"]
    assert "本报记者 王蕾" in out.text
    assert "拱墅与省二轻集团开展座谈交流：今年首批37个[N]" in out.text  # 题名 主题：副题
    parse_html(out.text)  # strict Telegram HTML


def test_a_trend_caption_fits_with_four_long_words_and_a_button_per_period() -> None:
    days = [date(2020 + k // 12, k % 12 + 1, 1) for k in range(40)]
    words = [(f"<b>{k}</b>" + "很长的词" * 4, [Mention(1, "某报", d, d, "题", 2, (0,)) for d in days]) for k in range(4)]
    t = trend(words, [IssueRow("某报", d, 1, 1) for d in days])
    periods = [(p, "tok" + str(i)) for i, p in enumerate(t.active_periods()[-render.TREND_BUTTONS:])]
    out = render.render_trend(t, b"\x89PNG", periods)
    assert out.attachment is not None and out.attachment.kind == "photo"
    assert "&lt;b&gt;0&lt;/b&gt;" in out.text  # words are escaped
    assert sum(len(row) for row in out.buttons) == render.TREND_BUTTONS
