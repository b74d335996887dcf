"""People and organisations as the archive prints them (`/who 名字`).

    find_mentions(name) ─▶ roles_in(text, folded, name) per mention, with its issue date
                           └▶ names_in(article texts) (jieba.posseg `nr`) ─▶ Person

A role is what a paper prints right before a name (`区委书记李志龙`, `区委副书记、代区长敖煜新`:
two roles) or right after it (`李志龙书记`): a run of words back to punctuation or to a word
that cannot be part of a title (a verb of two characters or more, a preposition, a
particle, a pronoun, a time word), cut at 、, each part ending in a title word (书记, 区长,
主任…). The dates a role was seen are the issue dates of the articles it was printed in.

What this misses: a role printed apart from the name (`李志龙同志，时任区委书记`); two people
of one name (counted as one); names jieba's part-of-speech model does not tag as person
names (`nr`), which the co-occurring names then lack, while some place or common words it
does tag as names slip in.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from retrieval.mentions import Mention
from retrieval.tokenize import in_dictionary, pos_tags

TITLE_WORDS = (
    "总书记", "书记", "区长", "市长", "省长", "县长", "州长", "镇长", "乡长", "村长", "局长", "处长", "科长", "部长",
    "厅长", "司长", "署长", "主任", "主席", "委员", "常委", "代表", "秘书长", "院长", "校长", "所长", "站长",
    "馆长", "台长", "社长", "总编辑", "主编", "经理", "董事长", "董事", "总裁", "总监", "理事长", "会长",
    "队长", "组长", "行长", "检察长", "庭长", "政委", "司令员", "主持人", "记者", "教授", "院士", "研究员",
    "负责人", "团长", "指挥长", "网格员", "民警", "警官", "医生", "律师", "老师", "教练", "总工程师",
    "工程师", "创始人", "合伙人", "专员", "干事", "党委书记", "大使", "总理", "总统", "首相",
)
_TITLE_AFTER = re.compile("|".join(sorted(TITLE_WORDS, key=len, reverse=True)))
WINDOW = 24  # characters before a name read for its roles
_CUT = re.compile(r"[^\u3400-\u9fff\uf900-\ufaffA-Za-z0-9、]")  # punctuation and spaces end a role (not 、)
_STOP_FLAGS = ("p", "c", "u", "r", "d", "y", "e", "o", "t")
MAX_COMPANION_ARTICLES = 200  # the latest articles whose other names are counted


@dataclass(frozen=True)
class Role:
    title: str
    first: date
    last: date
    seen: int  # articles it was printed in


@dataclass(frozen=True)
class Person:
    name: str
    mentions: int
    articles: int
    first: date | None
    last: date | None
    roles: list[Role]
    companions: list[tuple[str, int]]  # other names, with the articles they share
    latest: list[Mention]  # newest first

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "mentions": self.mentions,
            "articles": self.articles,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "roles": [
                {"title": r.title, "first": r.first.isoformat(), "last": r.last.isoformat(), "seen": r.seen}
                for r in self.roles
            ],
            "companions": [{"name": n, "articles": k} for n, k in self.companions],
            "latest": [
                {"article_id": m.article_id, "title": m.title, "issue_date": m.issue_date.isoformat(), "paper": m.paper}
                for m in self.latest
            ],
        }


def _is_title(part: str) -> bool:
    return len(part) >= 2 and part.endswith(TITLE_WORDS)


def _trim(part: str) -> str:
    """The title at the end of `part`: its words back to one that cannot be in a title."""
    words = pos_tags(part)
    kept: list[str] = []
    for word, flag in reversed(words):
        if flag.startswith(_STOP_FLAGS) or (flag.startswith("v") and len(word) >= 2 and kept):
            break
        kept.insert(0, word)
    return "".join(kept)


def roles_around(text: str, at: int, name: str) -> list[str]:
    """The roles printed around the name found at `text[at:]`, as printed."""
    before = text[max(0, at - WINDOW) : at]
    cut = [m.end() for m in _CUT.finditer(before)]
    before = before[cut[-1] :] if cut else before
    roles: list[str] = []
    parts = before.split("、")
    for k, part in enumerate(reversed(parts)):
        if k == 0 and not part:
            break  # `李志龙、敖煜新`: a list of names, not a title
        title = _trim(part) if k == 0 or _is_title(part) else ""
        if not _is_title(title):
            break
        roles.insert(0, title)
        if title != part:
            break  # the run began inside this part (`听取了区委常委`)
    after = _TITLE_AFTER.match(text, at + len(name))
    if after is not None and not roles:
        roles.append(after.group())
    return roles


def roles_in(text: str, folded: str, name: str) -> list[str]:
    """Every role printed beside `name` (folded) in `text` (`folded` is its folded form)."""
    out: list[str] = []
    start = folded.find(name)
    while start >= 0:
        out += roles_around(text, start, name)
        start = folded.find(name, start + len(name))
    return out


def names_in(texts: Iterable[str]) -> Counter[str]:
    """Person names (jieba's `nr`, two to four characters) in each text, once per text. A
    name jieba's dictionary holds (where some common words are tagged as names: 高水平)
    counts only if these texts print a role beside it somewhere; a name found by jieba's
    model alone (an unknown name, as most local people are) counts as found."""
    seen: Counter[str] = Counter()
    kept = list(texts)
    for text in kept:
        seen.update({w for w, f in pos_tags(text) if f == "nr" and 2 <= len(w) <= 4})
    for w in [w for w in seen if in_dictionary(w)]:
        if not any(roles_in(t, t, w) for t in kept if w in t):
            del seen[w]
    return seen


def person(
    name: str, found: list[Mention], roles: list[tuple[str, date]], others: Counter[str], latest: int = 5,
    companions: int = 8,
) -> Person:
    """`/who`'s answer from the name's mentions, the roles seen beside it (with the issue
    date of each article they were printed in) and the names of its articles."""
    by_role: dict[str, list[date]] = {}
    for title, day in roles:
        by_role.setdefault(title, []).append(day)
    role_list = [Role(t, min(ds), max(ds), len(ds)) for t, ds in by_role.items()]
    role_list.sort(key=lambda r: (-r.seen, r.first))
    mates = [(n, k) for n, k in others.most_common() if name not in n and n not in name][:companions]
    newest = sorted(found, key=lambda m: (m.issue_date, m.article_id), reverse=True)
    dates = [m.issue_date for m in found]
    return Person(
        name, sum(m.count for m in found), len(found), min(dates, default=None), max(dates, default=None),
        role_list, mates, newest[:latest],
    )


def person_lines(p: Person) -> list[str]:
    """`/who`'s answer as text (the CLI's `who`)."""
    if not p.articles:
        return [f"档案中没有“{p.name}”。"]
    span = f"最早 {p.first}，最近 {p.last}" if p.first != p.last else f"只在 {p.first}"
    lines = [f"{p.name}：{p.articles} 篇文章提到，共 {p.mentions} 次；{span}"]
    if p.roles:
        lines.append("身份（报上印在名字旁的，及见于哪些日期）：")
        for r in p.roles:
            when = f"{r.first} 至 {r.last}" if r.first != r.last else f"{r.first}"
            lines.append(f"  {r.title}  {when}（{r.seen} 篇）")
    if p.companions:
        lines.append("常在同一篇中出现：" + "、".join(f"{n}（{k} 篇）" for n, k in p.companions))
    lines.append("最近的文章：")
    lines += [f"  [{m.article_id}] {m.issue_date}  {m.title}" for m in p.latest]
    return lines
