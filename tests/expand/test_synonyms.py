"""`synonyms.read_groups` (the editors' file) and its live reload by the archive."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retrieval.expand.synonyms import read_groups
from retrieval.tokenize import Tokenizer
from tests.helpers.expansion import open_archive

Fold = Callable[[str], str]


@pytest.fixture(scope="module")
def fold() -> Fold:
    return Tokenizer().fold


def _groups(tmp_path: Path, fold: Fold, text: str | bytes) -> list[tuple[str, ...]]:
    path = tmp_path / "synonyms.txt"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, "utf-8")
    return read_groups(path, fold)


def test_comments_are_not_forms(tmp_path: Path, fold: Fold) -> None:
    text = "# 整行注释 GDP 国内生产总值\nGDP 地区生产总值  # 行尾注释：不是一个说法\n   # 缩进的注释\n"
    assert _groups(tmp_path, fold, text) == [("GDP", "地区生产总值")]


@pytest.mark.parametrize(
    "line",
    ["夜市 夜间经济", "夜市\t夜间经济", "夜市,夜间经济", "夜市，夜间经济", "夜市、夜间经济", "夜市=夜间经济",
     "夜市 = 夜间经济", "夜市＝夜间经济", "  夜市 ，、 夜间经济  "],
)
def test_every_separator_splits_a_group(tmp_path: Path, fold: Fold, line: str) -> None:
    assert _groups(tmp_path, fold, line + "\n") == [("夜市", "夜间经济")]


def test_a_group_keeps_its_forms_as_written(tmp_path: Path, fold: Fold) -> None:
    groups = _groups(tmp_path, fold, "GDP 地区生产总值 国内生产总值\nR&D、研究与试验发展\n")
    assert groups == [("GDP", "地区生产总值", "国内生产总值"), ("R&D", "研究与试验发展")]
    # a form repeated (as typed, or only in case or width) is one form, spelt as first written
    [dup] = _groups(tmp_path, fold, "GDP 地区生产总值 gdp 国内生产总值 地区生产总值 Ｇｄｐ\n")
    assert sorted(dup) == sorted(("GDP", "地区生产总值", "国内生产总值"))


@pytest.mark.parametrize("text", ["孤词\n", "孤词  # 只有一个说法\n", "GDP GDP\n", "GDP gdp Ｇｄｐ\n", "\n\n  \n", "#\n", ""])
def test_a_line_with_one_form_is_ignored(tmp_path: Path, fold: Fold, text: str) -> None:
    assert _groups(tmp_path, fold, text) == []


def test_a_missing_file_or_a_folder_is_no_groups(tmp_path: Path, fold: Fold) -> None:
    assert read_groups(tmp_path / "nowhere.txt", fold) == []
    assert read_groups(tmp_path, fold) == []  # a folder where the file should be


def test_undecodable_bytes_do_not_lose_the_file(tmp_path: Path, fold: Fold) -> None:
    raw = "GDP 地区生产总值\n".encode() + b"\xff\xfe\x80 \xc3\n" + "夜市 夜间经济\n".encode("gbk") + "CPI 居民消费价格指数\n".encode()
    groups = _groups(tmp_path, fold, raw)
    assert ("GDP", "地区生产总值") in groups and ("CPI", "居民消费价格指数") in groups


def test_a_byte_order_mark_is_not_part_of_the_first_form(tmp_path: Path, fold: Fold) -> None:
    assert _groups(tmp_path, fold, "\ufeffGDP 地区生产总值\n") == [("GDP", "地区生产总值")]


@given(st.text(st.sampled_from([*"GDP地区生产总值夜市 \t,，、=＝;；|#\n\r\x00", "\ufffd", "😀"]), max_size=60))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_file_gives_groups_of_two_or_more_distinct_forms(tmp_path: Path, fold: Fold, text: str) -> None:
    for group in _groups(tmp_path, fold, text):
        assert len(group) >= 2
        assert len({fold(f) for f in group}) == len(group)
        for form in group:
            assert form.strip() == form and form and "#" not in form and not any(s in form for s in ",，、=＝;；|")


def test_an_edited_file_takes_effect_with_the_next_question(tmp_path: Path) -> None:
    """No ingest, no reindex: the archive notices the file changed (its mtime and size)."""
    archive = open_archive(tmp_path, synonyms="GDP 地区生产总值\n")
    try:
        synonyms = archive.corpus_dir / "synonyms.txt"
        gdp = archive.search("GDP")
        assert [e.target for e in gdp.expansions] == ["地区生产总值"] and gdp.hits
        assert not archive.search("烟火气").hits  # nothing in the paper says 烟火气

        before = synonyms.stat()
        synonyms.write_text("GDP 国内生产总值\n烟火气 夜间经济\n", "utf-8")
        os.utime(synonyms, ns=(before.st_atime_ns, before.st_mtime_ns + 2_000_000_000))
        gdp = archive.search("GDP")
        assert [e.target for e in gdp.expansions] == ["国内生产总值"] and not gdp.hits
        night = archive.search("烟火气")
        assert [(e.source, e.target) for e in night.expansions] == [("烟火气", "夜间经济")]
        assert [h.title for h in night.hits] == ["滨江夜市开市 夜间经济点亮江岸"]

        synonyms.unlink()  # a deleted file is no synonyms
        assert archive.search("烟火气").expansions == []
    finally:
        archive.close()
