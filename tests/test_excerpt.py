"""The excerpt chooser on made-up text: which window of a passage the reader is shown."""

from __future__ import annotations

import re

from retrieval.excerpt import MAX_CHARS, choose, outside_adds


def _matches(text: str, weights: dict[str, float]) -> list[tuple[int, int, float]]:
    return sorted((m.start(), m.end(), w) for word, w in weights.items() for m in re.finditer(word, text))


def test_a_window_showing_more_of_the_question_beats_one_repeating_a_word() -> None:
    # 区领导 and 出席 in the first sentence; 美丽城区 (the headline's words) three times later
    text = ("区领导赵红、王一平、房雪峰出席。" + "会议总结了过去一年的工作，部署了今年的任务。" * 8
            + "要持续推进美丽城区建设，把美丽城区的目标落到实处，让美丽城区成为每个人的骄傲。")
    ex = choose(text, _matches(text, {"区领导": 2.5, "出席": 2.5, "美丽城区": 3.0}))
    assert "赵红、王一平、房雪峰" in ex.text


def test_what_follows_a_match_at_the_end_of_a_long_sentence_is_shown() -> None:
    before = "区领导带队分赴各地开展招商活动，走访重点企业，面对面宣传推介，点对点精准招引，积极寻求多领域合作，" * 4
    text = before + "以“开局即决战、起跑就冲刺”的奋斗姿态打好经济翻身仗，奋力夺取开门红、首季红。"
    assert len(before) > MAX_CHARS
    ex = choose(text, _matches(text, {"开局即决战": 5.0}))
    assert "起跑就冲刺" in ex.text


def test_what_precedes_a_match_is_shown_too() -> None:
    text = ("会议传达学习了各项精神，研究部署了贯彻落实意见。" * 3 + "传达学习省委副书记、市委书记刘捷在园区调研时的讲话精神，"
            + "研究部署我区贯彻落实意见。" * 12)
    ex = choose(text, _matches(text, {"刘捷": 4.0}))
    assert "省委副书记、市委书记刘捷" in ex.text


def test_of_equal_windows_the_first_is_shown() -> None:
    filler = "这是一段没有关键词的文字，用来把两处提及隔开。" * 4
    text = "张三是区长。" + filler + "张三出席。" + filler
    ex = choose(text, _matches(text, {"张三": 1.0}))
    assert "张三是区长" in ex.text


def test_outside_adds_keeps_only_the_words_the_passage_lacks() -> None:
    text = "5月8日，周海涛赴宁波。在集团，周海涛座谈。"
    core = (text.index("在"), len(text))
    matches = [(0, 4, 3.0), (5, 8, 1.0), (9, 11, 2.0), (13, 15, 1.0), (16, 19, 1.0)]
    kept = outside_adds(text, matches, core)
    assert (0, 4, 3.0) in kept and (9, 11, 2.0) in kept  # 5月8日 and 宁波: not in the passage
    assert (5, 8, 1.0) not in kept  # 周海涛: the passage has it


def test_choose_keeps_the_window_on_the_passage() -> None:
    before = "甲" * 150 + "。"
    passage = "乙" * 100 + "，" + "丙" * 100 + "。"
    text = before + passage
    ex = choose(text, [(10, 12, 5.0)], core=(len(before), len(text)))
    assert "乙" in ex.text or "丙" in ex.text  # weight outside alone does not move the window off the passage
