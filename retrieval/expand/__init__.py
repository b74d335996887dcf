"""Query expansion: the other ways a question's words are written in the archive.

    question text ─▶ Thesaurus ─┬─ synonyms.py  the editors' file (corpus/synonyms.txt): GDP ↔ 地区生产总值
                                ├─ numbers.py   三十七 ↔ 37, 2024年 ↔ 二〇二四年, 190亿 ↔ 190亿元 (cn2an)
                                ├─ abbrev.py    深改委 ↔ 全面深化改革委员会, learnt from the archive's articles
                                └─ typos.py     李志隆 → 李志龙 (pypinyin, rapidfuzz)
                 ─▶ [Expansion], [Correction] ─▶ search

Expansions are searched beside the typed words and shown (`已扩展：…`); quoting a word
turns them off for it. Corrections are applied only when the question as typed finds
nothing (or only part of it), and said (`你要找的是不是「李志龙」？`).
"""

from retrieval.expand.thesaurus import Thesaurus
from retrieval.types import Correction, Expansion

__all__ = ["Correction", "Expansion", "Thesaurus"]
