"""The archive's own words for the tokenizer's user dictionary.

jieba does not know 李志龙, 杭叉科创园 or 红茶议事会; split into single characters
they rank poorly and highlight badly. The archive names them itself: in bylines,
after titles in leads (`区委书记李志龙`), and as organisation names ending in
集团/公司/街道…. A small hand-kept file (`corpus/userdict.txt`) adds the rest.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

_PERSON_AFTER_TITLE = re.compile(
    r"(?:书记|区长|副区长|代区长|主任|董事长|总经理|局长|厅长|部长|主席|院长|校长|委员|负责人|区领导)"
    r"([\u4e00-\u9fff]{2,3}?)(?=[，、。；）\s]|主持|出席|参加|表示|指出|强调|要求|一行|带队|率|赴|在|与|和|等)"
)
_ORG = re.compile(
    r"([\u4e00-\u9fff]{2,8}?(?:集团|公司|街道|研究院|大学|学院|中心|医院|园区|科创园|科技城|小镇|基地|议事会))"
)
_SPLIT_ORG_PREFIX = re.compile(r"^(?:在|赴|与|和|到|及|为|是|由|了|对|向|走访|考察|调研|参观|前往|来到)+")


def harvest(texts: Iterable[str], authors: Iterable[str] = ()) -> list[str]:
    """Candidate words: byline names, names after titles, organisation names seen twice."""
    words: Counter[str] = Counter()
    for name in authors:
        if 2 <= len(name) <= 4:
            words[name] += 2
    for text in texts:
        for m in _PERSON_AFTER_TITLE.finditer(text):
            words[m.group(1)] += 1
        for m in _ORG.finditer(text):
            org = _SPLIT_ORG_PREFIX.sub("", m.group(1))
            if len(org) >= 4:
                words[org] += 1
    return sorted(w for w, c in words.items() if c >= 2)


def read_user_dict(path: Path) -> list[str]:
    """One word per line; `#` starts a comment."""
    if not path.exists():
        return []
    out = []
    for line in path.read_text("utf-8").splitlines():
        word = line.split("#", 1)[0].strip().split()
        if word:
            out.append(word[0])
    return out
