"""Bad values fail their file, never the run, with one rule on both database backends."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval.errors import CorpusFormatError
from retrieval.ingest import ingest
from retrieval.ingest.readers.jsonl import parse_line
from retrieval.ingest.values import MAX_PAGE
from retrieval.store import Store, make_engine
from tests.helpers.settings import CORPUS

GOOD = {"title": "标题一", "date": "2024-06-14", "text": "第一句。第二句。", "authors": ["张三"], "page": 2}

# (what, the bad line's JSON object or raw text, True when the file must still go in, cleaned)
BAD_LINES = [
    ("superscript page", {**GOOD, "page": "²"}, False),
    ("huge page", {**GOOD, "page": 10**23}, False),
    ("negative page", {**GOOD, "page": -3}, False),
    ("page as object", {**GOOD, "page": {"n": 1}}, False),
    ("authors a number", {**GOOD, "authors": 5}, False),
    ("authors of numbers", {**GOOD, "authors": [1, 2]}, False),
    ("title an object", {**GOOD, "title": {"a": 1}}, False),
    ("bad date", {**GOOD, "date": "2024-02-30"}, False),
    ("not an object", [1, 2, 3], False),
    ("nested deep", "[" * 100_000 + "]" * 100_000, False),
    ("NUL in text", {**GOOD, "text": "正文\u0000里有零字节。"}, True),
    ("lone surrogate", '{"title": "标题\\ud800", "date": "2024-06-14", "text": "正文\\udfff。"}', True),
    ("NUL in title", {**GOOD, "title": "标\u0000题"}, True),
]


def _write(folder: Path, name: str, line: object) -> None:
    raw = line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)
    (folder / name).write_text(raw + "\n", "utf-8")


@pytest.mark.parametrize(("what", "line", "goes_in"), BAD_LINES, ids=[c[0] for c in BAD_LINES])
def test_a_bad_jsonl_value_fails_only_its_file(
    tmp_path: Path, database_url: str, what: str, line: object, goes_in: bool
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    _write(folder, "a_good.jsonl", GOOD)
    _write(folder, "b_bad.jsonl", line)
    engine = make_engine(database_url)
    store = Store(engine)
    report = ingest([folder], store, "测试报")
    outcome = {f.path.name: f for f in report.files}
    assert outcome["a_good.jsonl"].status == "new"
    if goes_in:
        assert outcome["b_bad.jsonl"].status == "new", outcome["b_bad.jsonl"].reason
        assert any("b_bad.jsonl:1" in w and "�" in w for w in report.warnings), report.warnings
        texts = [a.title + a.text for a in store.articles_between()]
        assert all("\x00" not in t and "\ud800" not in t and "\udfff" not in t for t in texts)
    else:
        assert outcome["b_bad.jsonl"].status == "failed"
        assert "b_bad.jsonl:1" in (outcome["b_bad.jsonl"].reason or ""), outcome["b_bad.jsonl"].reason
    engine.dispose()


MANIFEST_CASES = [
    ("superscript page", "file,paper,issue_date,page\n{name},今日拱墅,2024-06-14,²\n", True),
    ("huge page", "file,paper,issue_date,page\n{name},今日拱墅,2024-06-14,100000000000000000000000\n", True),
    ("bad date", "file,paper,issue_date,page\n{name},今日拱墅,2024-13-40,1\n", True),
]


@pytest.mark.parametrize(("what", "manifest", "only_that_file"), MANIFEST_CASES, ids=[c[0] for c in MANIFEST_CASES])
def test_a_bad_manifest_line_fails_only_its_file(tmp_path: Path, what: str, manifest: str, only_that_file: bool) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    pages = sorted(CORPUS.glob("*.txt"))[:2]
    for page in pages:
        shutil.copy(page, folder / page.name)
    good = (CORPUS / "manifest.csv").read_text("utf-8").splitlines()
    line_for_second = next(line for line in good if line.startswith(pages[1].name))
    (folder / "manifest.csv").write_text(manifest.format(name=pages[0].name) + line_for_second + "\n", "utf-8")
    report = ingest([folder], Store(make_engine("sqlite://")), "今日拱墅")
    status = {f.path.name: (f.status, f.reason or "") for f in report.files}
    assert status[pages[0].name][0] == "failed" and "manifest.csv:2" in status[pages[0].name][1]
    assert status[pages[1].name][0] == "new"


def test_an_unreadable_manifest_fails_its_folder_with_a_reason(tmp_path: Path) -> None:
    for manifest in [b"file,paper\n\xff\xfe\x00bad", b'file,paper,issue_date\n"' + b"x" * 200_000 + b'"\n']:
        folder = tmp_path / f"c{len(manifest)}"
        folder.mkdir()
        shutil.copy(sorted(CORPUS.glob("*.txt"))[0], folder / "2024-03-22.txt")
        (folder / "manifest.csv").write_bytes(manifest)
        report = ingest([folder], Store(make_engine("sqlite://")), "今日拱墅")
        assert [f.status for f in report.files] == ["failed"]
        assert "manifest.csv" in (report.files[0].reason or "")


def test_not_regular_files_and_oversized_files_are_reported(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    (folder / "a_folder.txt").mkdir(parents=True)
    os.mkfifo(folder / "b_pipe.txt")
    (folder / "c_dead.txt").symlink_to(folder / "nowhere")
    with (folder / "d_huge.txt").open("wb") as fh:
        fh.truncate(9 * 2**20)  # sparse: 9 MB of nothing
    report = ingest([folder], Store(make_engine("sqlite://")), "今日拱墅")
    reasons = {f.path.name: f.reason or "" for f in report.files}
    assert set(reasons) == {"a_folder.txt", "b_pipe.txt", "c_dead.txt", "d_huge.txt"}
    assert all(f.status == "failed" for f in report.files)
    assert "not a regular file" in reasons["a_folder.txt"] and "not a regular file" in reasons["b_pipe.txt"]
    assert "MB" in reasons["d_huge.txt"]


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries({}, optional={k: JSON_VALUES for k in ("title", "date", "text", "authors", "page", "url",
                                                                  "paper", "issue_date", "kicker", "subtitle",
                                                                  "byline")}))
def test_any_json_value_in_any_field_is_validated_or_refused(obj: dict[str, object]) -> None:
    warnings: list[str] = []
    try:
        record = parse_line(json.dumps({**GOOD, **obj}), Path("x.jsonl"), 1, "测试报", warnings)
    except CorpusFormatError as exc:
        assert "x.jsonl:1" in str(exc)
        return
    for text in [record.title, record.text, record.url or "", record.paper or "", *record.authors, record.kicker,
                 record.subtitle, record.byline]:
        assert isinstance(text, str) and "\x00" not in text
        text.encode("utf-8")  # no lone surrogates
    assert record.page is None or 1 <= record.page <= MAX_PAGE


def test_a_cms_export_may_give_the_headline_parts() -> None:
    line = {**GOOD, "kicker": "坚持民生优先", "subtitle": "——今年首批37个小区年底前完工", "byline": "本报记者 王蕾"}
    record = parse_line(json.dumps(line, ensure_ascii=False), Path("x.jsonl"), 1, "测试报", [])
    assert (record.kicker, record.title, record.subtitle, record.byline) == (
        "坚持民生优先", "标题一", "——今年首批37个小区年底前完工", "本报记者 王蕾"
    )
    assert record.headline == "坚持民生优先 标题一 ——今年首批37个小区年底前完工"
