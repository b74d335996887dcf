"""Cleaning: idempotent, never drops or invents a Han character, spaces only where they belong."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from retrieval.ingest.repair import clean_text, han_chars, join_lines, normalize_punctuation, terminal

damaged = st.text(
    alphabet=st.sampled_from(list("李志龙拱墅区 　,()\"“”：:;!?。，、DeepSeek 8U20245月日（）\t")) | st.characters(),
    max_size=200,
)


@given(damaged)
def test_clean_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


@given(damaged)
def test_clean_keeps_every_han_character_in_order(text: str) -> None:
    assert han_chars(clean_text(text)) == han_chars(text)


def test_spaces_inside_words_go_latin_spaces_stay() -> None:
    assert clean_text("李 志 龙 对孙哲 君一行") == "李志龙对孙哲君一行"
    assert clean_text("本 报 讯（记 者  林 韬") == "本报讯（记者林韬"
    assert clean_text("DeepSeek 大模型一体机") == "DeepSeek 大模型一体机"
    assert clean_text("4U OAM服务器") == "4U OAM服务器"


def test_punctuation_becomes_full_width_in_chinese() -> None:
    assert normalize_punctuation("本报讯(记者 林韬),6月11日") == "本报讯（记者 林韬），6月11日"
    assert clean_text('区"红茶议事会"工作') == "区“红茶议事会”工作"
    assert clean_text("增长13.6%；") == "增长13.6%；"
    assert clean_text("会议强调,要认真学习习近 平总书记在5月27日(下转2版)").endswith("（下转2版）")


def test_join_lines() -> None:
    assert join_lines(["李志龙表示，2023", "年是全面"]) == "李志龙表示，2023年是全面"
    assert join_lines(["发布了DeepSeek", "大模型"]) == "发布了DeepSeek 大模型"
    assert terminal("全力推动项目尽早落地达产。") and terminal("“稳”。”") and not terminal("区委书记")
