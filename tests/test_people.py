"""retrieval/people.py and Archive.who: the roles a paper prints beside a name, with the
dates each was seen, and the names in the same articles."""

from __future__ import annotations

import pytest

from retrieval import Archive
from retrieval.people import names_in, roles_in

CASES = [
    ("会上，区委书记张明远指出，要抓好落实。", "张明远", ["区委书记"]),
    ("区委副书记、代区长周慧敏主持会议。", "周慧敏", ["区委副书记", "代区长"]),
    ("会议听取了市委常委、常务副市长郭晓峰的汇报。", "郭晓峰", ["市委常委", "常务副市长"]),
    ("郭晓峰书记强调，要守住底线。", "郭晓峰", ["书记"]),
    ("出席活动的有张明远、周慧敏等。", "周慧敏", []),
    ("区委书记张明远、区长周慧敏参加。", "周慧敏", ["区长"]),
    ("公司董事长林小川介绍了新产品。", "林小川", ["公司董事长"]),
    ("记者从区卫健局获悉，今年共接种五万人次。", "卫健局", []),
    ("浙江大学教授沈一鸣作报告。", "沈一鸣", ["浙江大学教授"]),
    ("“我们很满意，”村民王阿姨说。", "王阿姨", []),
]


@pytest.mark.parametrize(("text", "name", "roles"), CASES)
def test_roles_printed_beside_a_name(text: str, name: str, roles: list[str]) -> None:
    assert roles_in(text, text, name) == roles


def test_every_occurrence_is_read() -> None:
    text = "区委书记张明远调研。随后，省委常委张明远到场。"
    assert roles_in(text, text, "张明远") == ["区委书记", "省委常委"]


def test_names_in_counts_a_name_once_per_article() -> None:
    seen = names_in(["王翔指出，王翔强调。", "王翔和杨国琴参加。"])
    assert seen["王翔"] == 2 and seen["杨国琴"] == 1


def test_a_dictionary_word_tagged_as_a_name_needs_a_role_beside_it() -> None:
    """jieba's dictionary tags 高水平 and 周慧敏 alike as names: only a printed role tells."""
    assert "高水平" not in names_in(["推动高水平发展，周慧敏出席。"])
    assert "周慧敏" in names_in(["区长周慧敏出席。"])


def test_who_gives_roles_with_dates_and_companions(archive: Archive) -> None:
    p = archive.who("李志龙")
    assert p.articles == len(archive.mentions("李志龙")) and p.mentions >= p.articles
    top = p.roles[0]
    assert top.title == "区委书记" and top.first <= top.last and top.seen >= 2
    assert p.first == min(m.issue_date for m in archive.mentions("李志龙"))
    assert "李志龙" not in dict(p.companions)
    assert [m.issue_date for m in p.latest] == sorted((m.issue_date for m in p.latest), reverse=True)
    assert set(p.to_json()) >= {"name", "mentions", "articles", "first", "last", "roles", "companions", "latest"}


def test_who_of_a_name_never_printed(archive: Archive) -> None:
    p = archive.who("欧阳不存在")
    assert p.articles == 0 and p.roles == [] and p.latest == []
