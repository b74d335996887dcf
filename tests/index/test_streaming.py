"""index/streaming.py: the index built from a stream of passages, spilling runs and
merging them, is file for file the index the in-memory build makes of the same passages."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from retrieval.index import BM25Index, IndexHome, files, stored, streaming
from retrieval.index.days import spans
from retrieval.index.kernel import block_maxima
from retrieval.index.literal import UNIGRAM_LIMIT
from retrieval.index.postings import IndexBuilder
from retrieval.index.stored import Stored
from retrieval.index.workers import encode_all
from retrieval.tokenize import Tokenizer
from retrieval.types import PassageRow

WORDS = ["杭州", "拱墅", "运河", "新闻", "发展", "企业", "调研", "李志龙", "大会", "项目", "亚运", "数字", "经济",
         "ABC", "2024", "人民", "政府", "社区", "文化", "旅游"]


class Source:
    """The store's side of a rebuild, over rows in memory."""

    def __init__(self, rows: list[PassageRow]) -> None:
        self.rows = rows

    def version(self) -> str:
        return "v1"

    def iter_passages(self, batch: int = 20000, after: int = 0) -> Iterator[PassageRow]:
        return (r for r in self.rows if r.id > after)

    def leads(self) -> Iterator[str]:
        return (r.text for r in self.rows if r.position == 0)

    def passage_count(self) -> int:
        return len(self.rows)

    def authors(self) -> list[str]:
        return ["余文华"]


def _rows(rng: random.Random, n: int) -> list[PassageRow]:
    rows = []
    article = 0
    for i in range(n):
        if i == 0 or rng.random() < 0.3:
            article += 1
            position = 0
        else:
            position += 1
        common = "今天" if rng.random() < 0.8 else ""  # in most passages: dropped as common
        text = common + "，".join("".join(rng.choices(WORDS, k=rng.randint(1, 6))) for _ in range(rng.randint(1, 5)))
        rows.append(PassageRow(
            id=i + 1, article_id=article, text=text + "。", title=f"第{article}篇 " + rng.choice(WORDS),
            day=date(2024, 1, 1) + timedelta(days=article % 40), approximate=rng.random() < 0.1,
            position=position, issue_day=date(2024, 1, 2) + timedelta(days=article % 40),
            paper=rng.choice(["今日拱墅", "杭州日报"]), page=rng.choice([None, 1, 2]),
            kicker=rng.choice(["", "聚焦"]), subtitle=rng.choice(["", "副题"]),
        ))
    return rows


def _in_memory(rows: list[PassageRow], words: list[str], folder: Path, common: frozenset[str] | None = None) -> BM25Index:
    """The former way: every passage in memory, one IndexBuilder, one save (`common`: the
    dropped words fixed, as an extended index keeps them)."""
    builder = IndexBuilder()
    tokenizer = Tokenizer(words)
    for batch in encode_all([(r.headline, r.text) for r in rows], words, len(rows) < UNIGRAM_LIMIT, tokenizer):
        builder.add(batch)
    days, earliest = spans(rows)
    index = BM25Index.from_builder(builder, days, earliest, [r.id for r in rows], {"version": "v1", "user_words": words},
                                   common=common, stored=Stored.build(rows))
    files.save(index, folder)
    return files.load(folder)


def _same_postings(got: BM25Index, ref: BM25Index) -> None:
    assert got.words.vocab == ref.words.vocab
    for name in ["indptr", "heads", "widths", "offsets", "data"]:
        assert np.array_equal(getattr(got.words.lists, name), getattr(ref.words.lists, name)), name
    assert np.array_equal(got.words.freqs, ref.words.freqs) and got.words.freqs.dtype == ref.words.freqs.dtype
    for seg_got, seg_ref in zip(got.grams, ref.grams, strict=False):
        if len(got.grams) == len(ref.grams) == 1:  # one segment each: the same files
            assert np.array_equal(seg_got.codes, seg_ref.codes)
            for name in ["indptr", "heads", "widths", "offsets", "data"]:
                assert np.array_equal(getattr(seg_got.lists, name), getattr(seg_ref.lists, name)), name
    for name in ["doc_len", "days", "earliest", "passage_ids"]:
        assert np.array_equal(getattr(got, name), getattr(ref, name)), name
    assert np.array_equal(got.idf_values, ref.idf_values)
    assert got.header["avgdl"] == ref.header["avgdl"]
    # the bounds: each word's and each block's best tf ratio at the average length they were
    # computed for (an extension keeps its base's while the average stays below it), exactly
    bound_avgdl = float(got.header["bound_avgdl"])  # type: ignore[arg-type]
    assert got.header["avgdl"] <= bound_avgdl  # type: ignore[operator]
    norm = got.model.length_norm(got.doc_len, bound_avgdl)
    docs = ref.words.lists.lists(0, len(ref.words.lists))
    indptr, freqs = np.asarray(ref.words.indptr), np.asarray(ref.words.freqs)
    # each word's: its passages' best ratio (read here in NumPy), rounded up to a float32 as
    # its blocks' are (derived from them on load)
    tf = freqs.astype(np.float64)
    ratios = tf * (got.model.k1 + 1.0) / (tf + norm[docs])
    best = np.maximum.reduceat(ratios, indptr[:-1]) if len(ratios) else np.zeros(0)
    up = best.astype(np.float32)
    up = np.where(up.astype(np.float64) < best, np.nextafter(up, np.float32(np.inf)), up)
    assert np.array_equal(got.ratio_max, up.astype(np.float64)) and (got.ratio_max >= best).all()
    assert np.array_equal(got.block_max, block_maxima(indptr, docs, freqs, norm, got.model.k1))  # and each block's


def _small_dictionaries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stored strings packed with dictionaries trained on a few hundred passages (as an
    archive's first 20,000), so that small test archives take the packed path."""
    monkeypatch.setattr(stored, "TRAIN", 250)
    monkeypatch.setattr(stored, "MIN_TRAIN", 200)
    monkeypatch.setattr(stored, "DICT_BYTES", 2048)


def _loud(rows: list[PassageRow], at: int, word: str) -> None:
    """Passage `at` repeats `word` 300 times: a term frequency that needs two bytes."""
    rows[at] = replace(rows[at], text=word * 300 + rows[at].text)


@pytest.mark.parametrize("n, run, loud", [(15, 10**9, None), (300, 997, None), (1200, 5000, None), (300, 997, "运河"),
                                          (300, 997, "今天")])
def test_streaming_build_equals_the_in_memory_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, n: int,
                                                    run: int, loud: str | None) -> None:
    """(`loud`: one passage repeats a word past what one byte counts; "今天" is a dropped
    common word, whose frequencies still decide the width, as in the in-memory build.)"""
    monkeypatch.setattr(streaming, "RUN_POSTINGS", run)  # many runs, many merge ranges
    monkeypatch.setattr(streaming, "MERGE_POSTINGS", max(1, run // 3))
    monkeypatch.setattr(streaming._Spiller, "SAMPLE", 7)
    _small_dictionaries(monkeypatch)
    rows = _rows(random.Random(n), n)
    if loud:
        _loud(rows, n // 2, loud)
    home = IndexHome(tmp_path / "index", tmp_path / "userdict.txt")
    loaded = home.rebuild(Source(rows))
    words = list(loaded.index.header["user_words"])  # type: ignore[call-overload]
    ref = _in_memory(rows, words, tmp_path / "reference")
    got = files.load(tmp_path / "index")
    _same_postings(got, ref)
    assert got.words.freqs.dtype == (np.uint16 if loud else np.uint8)
    assert got.header["dropped_common"] == ref.header["dropped_common"]
    assert (n >= 20) == ("今天" in got.common)
    for d in range(n):
        assert got.passage(d) == ref.passage(d)
    assert (got.stored.texts.packer.dictionary is not None) == (n >= stored.MIN_TRAIN)  # type: ignore[union-attr]
    for name in ["texts", "titles"]:  # the same dictionary, trained on the same first strings
        assert np.array_equal(np.load(tmp_path / "index" / f"{name}.dict.npy"),
                              np.load(tmp_path / "reference" / f"{name}.dict.npy")), name
        assert np.array_equal(np.load(tmp_path / "index" / f"{name}.blob.npy"),
                              np.load(tmp_path / "reference" / f"{name}.blob.npy")), name
    for text in ["杭州", "李志龙", "运河发展", "abc", "今天杭州", "第3篇"]:
        assert got.literal_candidates(text).tolist() == ref.literal_candidates(text).tolist(), text
    rng = random.Random(1)
    for _ in range(30):
        query = rng.sample(WORDS, 2)
        assert got.top(query, 10) == ref.top(query, 10)
    saved = json.loads((tmp_path / "index" / "header.json").read_text("utf-8"))
    files.verify(tmp_path / "index", saved)  # every file's size and checksum recorded
    assert not (tmp_path / "index" / "runs").exists()  # the spilled runs are gone


def test_a_build_tokenised_by_worker_processes_equals_the_in_memory_build(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches tokenised in parallel (workers started from the fork server, each with its own
    tokenizer and the archive's words) come back in order: the same index."""
    from retrieval.index import lifecycle, workers

    monkeypatch.setattr(lifecycle, "PARALLEL_ABOVE", 10)
    monkeypatch.setattr(lifecycle, "BATCH", 60)
    pools: list[object] = []
    real = workers._pool

    def pool(count: int, words: list[str]) -> object:
        pools.append(real(count, words))
        return pools[-1]

    monkeypatch.setattr(workers, "_pool", pool)
    rows = _rows(random.Random(21), 700)
    home = IndexHome(tmp_path / "index", tmp_path / "userdict.txt")
    loaded = home.rebuild(Source(rows))
    words = list(loaded.index.header["user_words"])  # type: ignore[call-overload]
    assert "余文华" in words  # the archive's own words reach the workers
    assert len(pools) == 1  # the workers did the tokenising
    ref = _in_memory(rows, words, tmp_path / "reference")
    _same_postings(files.load(tmp_path / "index"), ref)


def test_a_failed_build_leaves_the_old_index_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _rows(random.Random(3), 200)
    home = IndexHome(tmp_path / "index", tmp_path / "userdict.txt")
    home.rebuild(Source(rows))
    before = (tmp_path / "index" / "header.json").read_text("utf-8")

    def broken(self: streaming.StreamingBuild) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(streaming.StreamingBuild, "finish", broken)
    with pytest.raises(OSError):
        home.rebuild(Source(rows + _rows(random.Random(4), 10)))
    assert (tmp_path / "index" / "header.json").read_text("utf-8") == before
    assert not (tmp_path / "index.new").exists()


@pytest.mark.parametrize("loud", [None, 120, 650])
def test_extending_equals_building_once_with_the_same_dropped_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    loud: int | None) -> None:
    """Issues added one by one to a saved index (its postings read as the first run, its
    literal segments linked, merged into one past MAX_SEGMENTS): the same index as one
    build over all the passages, keeping the first build's dropped words; an index loaded
    before an extension still answers from its own files. (`loud`: a passage whose term
    frequency needs two bytes, in the first build or in an extension.)"""
    monkeypatch.setattr(streaming, "RUN_POSTINGS", 700)
    monkeypatch.setattr(streaming, "MERGE_POSTINGS", 300)
    monkeypatch.setattr(streaming, "MAX_SEGMENTS", 3)
    _small_dictionaries(monkeypatch)
    rng = random.Random(8)
    rows = _rows(rng, 900)
    if loud is not None:
        _loud(rows, loud, "运河")
    home = IndexHome(tmp_path / "index", tmp_path / "userdict.txt", extend_above=100)
    first = home.rebuild(Source(rows[:500]))
    before = first.index.top(["杭州", "运河"], 10)
    joined = []  # extensions that joined the saved lists block for block (not merged again)
    real_join = streaming.StreamingBuild._join_words
    monkeypatch.setattr(streaming.StreamingBuild, "_join_words",
                        lambda self, *a: (joined.append(1), real_join(self, *a))[1])
    current, upto = first, 500
    segments: list[int] = []
    for size in [60, 90, 50, 100, 100]:
        current = home.update(Source(rows[: upto + size]), current, only_added=True)
        assert home.last_mode == "extend"
        upto += size
        segments.append(int(current.index.header["segments"]))  # type: ignore[call-overload]
    assert len(joined) == 5
    words = list(first.index.header["user_words"])  # type: ignore[call-overload]
    ref = _in_memory(rows, words, tmp_path / "reference", first.index.common)
    got = files.load(tmp_path / "index")  # checksums verified
    assert got.common == ref.common
    _same_postings(got, ref)
    for d in range(0, len(rows), 7):
        assert got.passage(d) == ref.passage(d)
    assert got.stored.texts.packer.dictionary is not None  # type: ignore[union-attr]
    for name in ["texts", "titles"]:  # new strings packed with the first build's dictionary
        assert np.array_equal(np.load(tmp_path / "index" / f"{name}.blob.npy"),
                              np.load(tmp_path / "reference" / f"{name}.blob.npy")), name
    for text in ["杭州", "李志龙", "运河发展", "abc", "第3篇", "副题"]:
        assert got.literal_candidates(text).tolist() == ref.literal_candidates(text).tolist(), text
    for _ in range(30):
        query = rng.sample(WORDS, 2)
        assert got.top(query, 10) == ref.top(query, 10)
    assert first.index.top(["杭州", "运河"], 10) == before  # the old mapping is intact


def test_an_extension_keeps_the_saved_bounds_until_the_average_length_outgrows_them(tmp_path: Path) -> None:
    """Bounds are computed at an average length a little above the archive's. Issues like
    the first ones keep them (only their own postings' bounds are computed); issues of much
    longer passages push the average past it, and every bound is computed again. Either
    way each bound is exactly its word's best tf ratio at the recorded average length, and
    the ranking is BM25Okapi's (the in-memory build over all the passages)."""
    rng = random.Random(12)
    rows = _rows(rng, 700)
    for i in range(600, 700):  # the last issues: passages ten times as long
        rows[i] = replace(rows[i], text=rows[i].text * 10)
    home = IndexHome(tmp_path / "index", tmp_path / "userdict.txt", extend_above=100)
    current = home.rebuild(Source(rows[:500]))
    first = float(current.index.header["bound_avgdl"])  # type: ignore[arg-type]
    seen = []
    for upto in (550, 600, 700):
        current = home.update(Source(rows[:upto]), current, only_added=True)
        assert home.last_mode == "extend"
        seen.append(float(current.index.header["bound_avgdl"]))  # type: ignore[arg-type]
    assert seen[0] == seen[1] == first  # like the first issues: the saved bounds hold
    assert seen[2] > first  # the long passages: computed again
    words = list(current.index.header["user_words"])  # type: ignore[call-overload]
    ref = _in_memory(rows, words, tmp_path / "reference", current.index.common)
    got = files.load(tmp_path / "index")
    _same_postings(got, ref)
    for _ in range(30):
        query = rng.sample(WORDS, 2)
        assert got.top(query, 10) == ref.top(query, 10)
