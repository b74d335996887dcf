"""Short forms and the full forms they abbreviate: 深改委 ↔ 全面深化改革委员会, 杭钢 ↔
杭州钢铁集团, 进博会 ↔ 中国国际进口博览会.

A Chinese short form keeps the first character of some of the full form's words, in
order; its last character may come from inside the last word it draws on (进博会: 进口,
博览会). The full forms worth abbreviating are names of bodies, events and places, which
end in a small set of suffixes (委员会, 集团, 博览会, 示范区 …). An archive teaches itself
its pairs: a short form printed in the same article as a full form it abbreviates
(`thesaurus` looks for them when a question uses either form). These are pure functions
over strings; the word cuts come from the caller's tokenizer.
"""

from __future__ import annotations

import re
from collections.abc import Collection

SUFFIXES = (
    "委员会 领导小组 工作组 办公室 指挥部 联合会 协会 学会 商会 研究院 研究所 管理局 监督局 服务局 "
    "博览会 运动会 交易会 大会 论坛 峰会 集团 公司 大学 学院 医院 中心 示范区 开发区 高新区 "
    "自贸区 新区 三角洲 科技城 科创园 产业园 工程 行动 规划 战略 条例 政府 人民法院 人民检察院"
).split()
_SUFFIX = "|".join(sorted(SUFFIXES, key=len, reverse=True))
LONG_FORM = re.compile(rf"[\u4e00-\u9fff]{{2,14}}?(?:{_SUFFIX})")
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
MAX_SHORT = 5


# Words that begin a run of text but not the name in it: owners (区委全面深化改革委员会 is
# the district's 全面深化改革委员会), places, and the verbs and prepositions before a name.
OUTSIDE = frozenset(
    """
    区委 市委 省委 县委 党委 中央 区 市 省 县 镇 乡 村 街道 我区 全区 全市 全省 全国 本区 本市
    在 赴 与 和 到 及 为 是 由 了 对 向 将 把 从 走访 考察 调研 参观 前往 来到 召开 举行 出席 参加 主持 的
    """.split()
)
MAX_MODIFIERS = 2


def widened(run: str, at: int, words: list[str], names: frozenset[str] = frozenset()) -> str:
    """The full form that `run[at:]` begins, with up to two modifier words before it put back
    (全面 of 全面深化改革委员会, 中国国际 of 中国国际进口博览会): every word before `at` in
    `run`'s cut `words`, right to left, until one that is outside the name."""
    edges = []
    pos = 0
    for w in words:
        edges.append((pos, w))
        pos += len(w)
    start = at
    taken = 0
    for begin, w in reversed(edges):
        if begin + len(w) > start:
            continue
        if taken >= MAX_MODIFIERS or w in OUTSIDE or w in names or len(w) < 2 or begin + len(w) != start:
            break
        start = begin
        taken += 1
    return run[start:]


_BY_ORDER = sorted(SUFFIXES, key=len, reverse=True)  # as _SUFFIX lists them
_SHORTEST, _LONGEST = 2, 14  # Han characters before the suffix (LONG_FORM's quantifier)


def long_forms(text: str) -> list[str]:
    """Candidate full forms in `text`: runs of Han characters ending in a suffix. The same
    matches as `LONG_FORM.finditer` (a test compares them), found from the suffixes'
    places rather than by trying every length at every character: an article's text is
    read this way for each form a question learns, and the pattern's backtracking made it
    the largest cost of a question."""
    at: dict[int, str] = {}
    for suffix in _BY_ORDER:  # the pattern's alternation order: the first that matches wins
        i = text.find(suffix)
        while i >= 0:
            at.setdefault(i, suffix)
            i = text.find(suffix, i + 1)
    if not at:
        return []
    out: list[str] = []
    cursor = 0
    for q, suffix in sorted(at.items()):
        if q < cursor + _SHORTEST:
            continue
        begin = q  # walk back over the Han characters before q, as far as the pattern may
        floor = max(cursor, q - _LONGEST)
        while begin > floor and "\u4e00" <= text[begin - 1] <= "\u9fff":
            begin -= 1
        if begin <= q - _SHORTEST:  # the leftmost start that reaches q
            out.append(text[begin : q + len(suffix)])
            cursor = q + len(suffix)
    return out


def abbreviates(short: str, full: str, starts: Collection[int]) -> int | None:
    """Where in `full` the abbreviation `short` starts, or None when it is none. `starts`:
    the offsets in `full` where a word (any of the tokenizer's search-mode words) begins.
    Every character of `short` but the last must begin a word, in order; the last may sit
    anywhere after the one before (会 of 博览会). Not an abbreviation: a plain substring
    (改革 of 深化改革), or a full form barely longer than the short one."""
    if not (2 <= len(short) <= MAX_SHORT) or not _HAN.match(short):
        return None
    if short in full or len(full) < len(short) + 2:
        return None

    def place(i: int, after: int) -> int | None:
        """The offset of short[0] when short[i:] fits after offset `after`."""
        ch = short[i]
        for pos in range(after + 1, len(full)):
            if full[pos] != ch or (i < len(short) - 1 and pos not in starts):
                continue
            if i == len(short) - 1 or place(i + 1, pos) is not None:
                return pos
        return None

    return place(0, -1)
