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


def _every_window(pieces: list[tuple[int, int]], found: list[list[tuple[str, float]]], lo: int, hi: int,
                  max_chars: int) -> tuple[int, int]:
    """The rule of `choose` written plainly: every window within the budget that touches the
    core and does not start on a piece before it without words, scored, the best kept."""
    from retrieval.excerpt import REPEAT

    best: tuple[tuple[float, int, int], int, int] | None = None
    for i in range(len(pieces)):
        if pieces[i][1] <= lo and not found[i]:
            continue
        for j in range(i, len(pieces)):
            if j > i and pieces[j][1] - pieces[i][0] > max_chars:
                break
            if pieces[j][1] <= lo or pieces[i][0] >= hi:
                continue
            seen: set[str] = set()
            total = 0.0
            for x in range(i, j + 1):
                for word, w in found[x]:
                    total += w if word not in seen else REPEAT * w
                    seen.add(word)
            key = (round(total, 9), -(pieces[j][1] - pieces[i][0]), -i)
            if best is None or key > best[0]:
                best = (key, i, j)
    assert best is not None
    return best[1], best[2]


def test_the_window_chosen_is_the_best_of_every_window() -> None:
    """Windows that cannot win are not scored (those starting or ending on a piece without
    the question's words); the one chosen is still the best of all, on random passages,
    matches (weights of zero among them: none is negative), cores and budgets."""
    import random

    from retrieval.excerpt import _PIECE, _best_window, _spans_of

    rng = random.Random(5)
    for _ in range(3000):
        text = "".join(rng.choice(["甲乙", "丙丁戊", "己", "庚辛壬癸", "子丑寅"]) + rng.choice("，。、！：")
                       for _ in range(rng.randint(1, 25)))
        pieces = _spans_of(text, _PIECE)
        lo = rng.randint(0, len(text) - 1)
        hi = rng.randint(lo + 1, len(text))
        weights = {w: rng.choice([0.0, 0.5, 1.0, 2.5]) for w in ["甲乙", "丁", "辛壬", "寅"] if rng.random() < 0.6}
        matches = _matches(text, weights)
        found: list[list[tuple[str, float]]] = [[] for _ in pieces]
        for s, e, w in matches:
            for i, (ps, pe) in enumerate(pieces):
                if ps <= s < pe:
                    found[i].append((text[s:e], w))
                    break
        budget = rng.choice([3, 8, 20, 60])
        if not any(pieces[j][1] > lo and pieces[i][0] < hi for i in range(len(pieces)) for j in range(i, len(pieces))):
            continue
        want = _every_window(pieces, found, lo, hi, budget)
        assert _best_window(pieces, found, lo, hi, budget) == want, (text, lo, hi, weights, budget)
