"""Every engine must rank exactly as rank-bm25's BM25Okapi on the same tokens (the postings
engine, and the in-memory reference behind the same SearchIndex protocol)."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rank_bm25 import BM25Okapi

from retrieval import Archive
from retrieval.index import OKAPI, BM25Index, files
from retrieval.index.kernel import block_maxima
from retrieval.index.literal import GramSegment
from retrieval.index.packed import BLOCK
from tests.helpers.engines import ENGINES


def _reference_top(bm25: BM25Okapi, query: list[str], k: int) -> list[int]:
    scores = bm25.get_scores(query)
    hit = {i for i in range(len(scores)) for t in set(query) if t in bm25.doc_freqs[i]}
    return sorted(hit, key=lambda d: (-scores[d], d))[:k]


def _engine(docs: list[list[str]]) -> BM25Index:
    return BM25Index.build(docs, [""] * len(docs), [0] * len(docs), list(range(len(docs))))


vocab = [f"w{i}" for i in range(40)]


CORPORA = st.lists(st.lists(st.sampled_from(vocab), min_size=1, max_size=30), min_size=1, max_size=60)
QUERIES = st.lists(st.sampled_from(vocab), min_size=1, max_size=5)


@settings(max_examples=40, deadline=None)
@given(CORPORA, QUERIES)
def test_same_scores_as_bm25okapi_on_random_corpora(docs: list[list[str]], query: list[str]) -> None:
    engine = _engine(docs)
    kept = [[t for t in d if t not in engine.common] for d in docs]
    if not any(kept):
        return
    reference = BM25Okapi(kept)
    assert np.array_equal(engine.scores(query), reference.get_scores(query))


@pytest.mark.parametrize("engine_name", sorted(ENGINES))
@settings(max_examples=40, deadline=None)
@given(docs=CORPORA, query=QUERIES)
def test_same_top10_as_bm25okapi_on_random_corpora(engine_name: str, docs: list[list[str]], query: list[str]) -> None:
    engine = ENGINES[engine_name](docs)
    kept = [[t for t in d if t not in engine.common] for d in docs]
    if not any(kept):
        return
    reference = BM25Okapi(kept)
    scores = reference.get_scores(query)
    got = engine.top(query, 10)
    assert [d for d, _ in got] == _reference_top(reference, query, 10)
    assert all(s == scores[d] for d, s in got)  # bit for bit


def test_common_tokens_never_reach_the_index() -> None:
    rng = random.Random(1)
    docs = [["的", f"w{rng.randrange(50)}", f"w{rng.randrange(50)}"] for _ in range(100)]
    engine = _engine(docs)
    assert "的" in engine.header["dropped_common"]  # type: ignore[operator]
    assert engine.words.df("的") == 0


def test_same_top10_on_the_seed_archive(archive: Archive) -> None:
    tokenizer, engine = archive.tokenizer, archive.index
    rows = list(archive.store.iter_passages())
    docs = [tokenizer.tokens(r.headline) + tokenizer.tokens(r.text) for r in rows]
    common = set(engine.header["dropped_common"])  # type: ignore[arg-type]
    reference = BM25Okapi([[t for t in d if t not in common] for d in docs])
    for q in ["招商大会签约项目", "李志龙 走访 企业", "安全生产 治本攻坚", "共同富裕 示范区", "杭钢 半山 算力"]:
        tokens = tokenizer.tokens(q)
        assert np.array_equal(engine.scores(tokens), reference.get_scores(tokens))
        assert [d for d, _ in engine.top(tokens, 10)] == _reference_top(reference, tokens, 10)


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    docs = [["a", "b"], ["b", "c", "c"], ["d"]]
    engine = _engine(docs)
    files.save(engine, tmp_path / "idx")
    loaded = files.load(tmp_path / "idx")
    assert np.array_equal(loaded.scores(["c", "b"]), engine.scores(["c", "b"]))
    assert loaded.top(["c"], 2) == engine.top(["c"], 2)


def test_adding_an_issue_extends_the_index_like_bm25okapi(tmp_path: Path) -> None:
    """A new issue is tokenised alone and merged in; the result still ranks exactly as
    BM25Okapi over all passages' tokens (with the dropped common words of the first build)."""
    import shutil

    from tests.helpers.settings import CORPUS, NOW, make_settings

    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(CORPUS / "manifest.csv", folder)
    for name in ["000_dc93311a83d8204f.txt", "002_30cb9bfa44a51e07.txt"]:
        shutil.copy(CORPUS / name, folder)
    archive = Archive.open(make_settings(tmp_path, corpus_dir=folder), now=lambda: NOW)
    archive.extend_above = 0
    archive.ingest()
    assert archive.last_index_mode == "rebuild"
    shutil.copy(CORPUS / "001_3e1904aefa3dd74a.txt", folder)
    archive.ingest()
    assert archive.last_index_mode == "extend"
    tokenizer, engine = archive.tokenizer, archive.index
    rows = list(archive.store.iter_passages())
    assert engine.n == len(rows) and list(engine.passage_ids) == [r.id for r in rows]
    reference = BM25Okapi(
        [[t for t in tokenizer.tokens(r.headline) + tokenizer.tokens(r.text) if t not in engine.common] for r in rows]
    )
    for q in ["招商大会签约项目", "李志龙 走访 企业", "区委常委会 学习"]:
        tokens = tokenizer.tokens(q)
        assert np.array_equal(engine.scores(tokens), reference.get_scores(tokens))
        assert [d for d, _ in engine.top(tokens, 10)] == _reference_top(reference, tokens, 10)
    assert archive.search("招商大会签约了多少项目").hits[0].title.startswith("拱墅区2025年招商大会召开")


def _zipf_corpus(
    rng: random.Random, vocabulary: int, size: int, longest: int
) -> tuple[list[str], list[list[str]], BM25Index, BM25Okapi]:
    """Word frequencies like a language's: a few very common words, a long tail of rare ones."""
    words = [f"w{i}" for i in range(vocabulary)]
    weights = [1 / (i + 1) for i in range(len(words))]
    docs = [rng.choices(words, weights, k=rng.randint(5, longest)) for _ in range(size)]
    engine = _engine(docs)
    common = set(engine.header["dropped_common"])  # type: ignore[arg-type]
    return words, docs, engine, BM25Okapi([[t for t in d if t not in common] for d in docs])


def test_pruned_top10_equals_bm25okapi_on_a_zipf_corpus() -> None:
    """Large enough for MaxScore pruning to engage (rare terms decide, common ones are only
    looked up): the top 10 must still be BM25Okapi's, scores bit for bit."""
    rng = random.Random(5)
    words, _docs, engine, reference = _zipf_corpus(rng, 3000, 4000, 60)
    pruned = 0
    for _ in range(150):
        query = rng.sample(words[:20], 1) + rng.sample(words[100:3000], rng.randint(1, 3))
        got = engine.top(query, 10)
        assert [d for d, _ in got] == _reference_top(reference, query, 10), query
        scores = reference.get_scores(query)
        assert all(s == scores[d] for d, s in got)
        pruned += engine.last_pruned  # the pruned path was really taken for most queries
    assert pruned > 20  # (pruning is taken only where the lookups cost less than reading the lists)


@pytest.mark.parametrize("engine_name", sorted(ENGINES))
def test_pruned_top10_with_a_date_mask_and_a_boost(engine_name: str) -> None:
    rng = random.Random(9)
    words, docs, _, reference = _zipf_corpus(rng, 2000, 3000, 50)
    engine = ENGINES[engine_name](docs)
    allowed = np.zeros(len(docs), dtype=bool)
    allowed[::3] = True
    for _ in range(60):
        query = rng.sample(words[:10], 1) + rng.sample(words[200:2000], 2)
        boosted = {rng.randrange(len(docs)): 100.0}
        scores = reference.get_scores(query)
        for d, b in boosted.items():
            scores[d] += b
        holding = {i for i in range(len(docs)) if any(t in reference.doc_freqs[i] for t in query)} | set(boosted)
        want = sorted((d for d in holding if allowed[d]), key=lambda d: (-scores[d], d))[:10]
        assert [d for d, _ in engine.top(query, 10, allowed=allowed, boost=boosted)] == want


@pytest.mark.parametrize("engine_name", sorted(ENGINES))
def test_pruned_top_k_keeps_ties_masks_boosts_and_repeats(engine_name: str) -> None:
    """Many identical passages (ties at every cut), any k, a random mask, boosts equal to
    a passage's own score or none, a token typed twice: the same list as BM25Okapi sorted
    by (score desc, passage asc), scores bit for bit; pruning engages on some queries."""
    rng = random.Random(17)
    words, base, _, _ = _zipf_corpus(rng, 600, 1500, 40)
    docs = [list(d) for d in base for _ in range(rng.choice([1, 1, 3]))]  # copies tie exactly
    engine = ENGINES[engine_name](docs)
    common = engine.common
    reference = BM25Okapi([[t for t in d if t not in common] for d in docs])
    pruned = 0
    for round_ in range(120):
        query = rng.sample(words[:15], rng.randint(0, 1)) + rng.sample(words[50:1500], rng.randint(1, 3))
        if round_ % 5 == 0:
            query.append(query[0])  # typed twice: counts twice, as in rank-bm25
        k = rng.choice([1, 3, 10, 50])
        allowed = None
        if round_ % 3 == 0:
            allowed = np.asarray([rng.random() < 0.4 for _ in docs])
        scores = reference.get_scores(query)
        boost: dict[int, float] = {}
        if round_ % 4 == 0:
            d = rng.randrange(len(docs))
            boost = {d: float(rng.choice([0.0, 1.0, 50.0]))}
        holding = {i for i in range(len(docs)) if any(t in reference.doc_freqs[i] for t in query)} | set(boost)
        total = scores.copy()
        for d, b in boost.items():
            total[d] += b
        want = sorted((d for d in holding if allowed is None or allowed[d]), key=lambda d: (-total[d], d))[:k]
        got = engine.top(query, k, allowed=allowed, boost=boost or None)
        assert [d for d, _ in got] == want, (query, k)
        assert all(s == total[d] for d, s in got)
        pruned += bool(getattr(engine, "last_pruned", True))
    assert pruned > 10


@settings(max_examples=40, deadline=None)
@given(
    counts=st.lists(st.integers(0, 400), min_size=1, max_size=6),
    seed=st.integers(0, 2**16),
    avgdl=st.floats(2.0, 60.0),
)
def test_block_maxima_bound_every_posting_of_their_block(counts: list[int], seed: int, avgdl: float) -> None:
    """Each block's saved maximum is its passages' best tf ratio, rounded up to a float32
    (never below a ratio it stands for): blocks are cut as `pack` cuts them, 128 postings
    from each list's start, a list's last block shorter."""
    rng = np.random.default_rng(seed)
    n = 3000
    lengths = rng.integers(1, 200, n).astype(np.int32)
    norm = OKAPI.length_norm(lengths, avgdl)
    indptr = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    docs = np.concatenate([np.sort(rng.choice(n, c, replace=False)) for c in counts]).astype(np.int32)
    freqs = rng.integers(1, 30, len(docs)).astype(np.uint16)
    got = block_maxima(indptr, docs, freqs, norm, OKAPI.k1)
    want = []
    for t in range(len(counts)):
        for lo in range(int(indptr[t]), int(indptr[t + 1]), BLOCK):
            hi = min(lo + BLOCK, int(indptr[t + 1]))
            tf = freqs[lo:hi].astype(np.float64)
            ratios = tf * (OKAPI.k1 + 1.0) / (tf + norm[docs[lo:hi]])
            best = ratios.max()
            assert float(got[len(want)]) >= best
            want.append(np.float32(best) if float(np.float32(best)) >= best
                        else np.nextafter(np.float32(best), np.float32(np.inf)))
    assert got.dtype == np.float32 and got.tolist() == want


def test_a_block_of_long_passages_is_skipped_and_the_short_ones_still_win() -> None:
    """A common word held by long passages, in block after block, and by a few short ones
    far apart: the blocks that hold only long passages cannot reach the tenth best and are
    skipped unread, and the top 10 is still BM25Okapi's, scores bit for bit."""
    rng = random.Random(4)
    filler = [f"f{i}" for i in range(300)]  # each in few passages: they make a passage long
    docs = []
    for i in range(6000):
        if i % 300 == 0:
            docs.append(["港口", "运河"])  # short: a high ratio
        elif i % 3 == 0:
            docs.append(["港口", *rng.choices(filler, k=80)])
        else:
            docs.append(["其他", *rng.choices(filler, k=5)])
    engine = _engine(docs)
    assert "港口" not in engine.common and "运河" not in engine.common
    reference = BM25Okapi([[t for t in d if t not in engine.common] for d in docs])
    for query in (["港口"], ["港口", "运河"], ["运河", "港口", "港口"]):
        got = engine.top(query, 10)
        assert [d for d, _ in got] == _reference_top(reference, query, 10), query
        scores = reference.get_scores(query)
        assert all(s == scores[d] for d, s in got)
        assert engine.last_pruned, query


def test_more_tied_candidates_than_the_first_room_holds() -> None:
    """Two thousand passages tie exactly: every one stays a candidate, far more than the
    room the ranking loop starts with for k=1 (it grows); the first passage wins the tie."""
    docs = [["港口", "运河"] for _ in range(2000)] + [["其他"] for _ in range(2500)]
    engine = _engine(docs)
    reference = BM25Okapi(docs)
    for k in (1, 3, 1999, 2001):
        assert [d for d, _ in engine.top(["港口"], k)] == _reference_top(reference, ["港口"], k)


def test_a_rare_words_long_holders_do_not_hide_the_common_words_short_ones() -> None:
    """The best holder of the rare word is short, the other ten are long: the tenth best
    holder of the rare word scores below what the common word alone gives a short passage,
    so pruning must not stop at the rare word, or passages holding only the common word
    would be lost."""
    docs = [["R"]] + [["R", *["y"] * 1000] for _ in range(11)]  # one short holder, long ones
    docs += [["C"] for _ in range(500)] + [["z"] for _ in range(3600)]
    engine = _engine(docs)
    reference = BM25Okapi([[t for t in d if t not in engine.common] for d in docs])
    got = engine.top(["R", "C"], 10)
    assert [d for d, _ in got] == _reference_top(reference, ["R", "C"], 10)
    assert [d for d, _ in got][1:] == list(range(12, 21))  # the common word's short passages


def _numpy_candidates(segments: list[GramSegment], text: str) -> np.ndarray:
    """The NumPy reference for literal candidates: per segment, the intersection of the
    posting lists of every code of `text`."""
    from retrieval.index.literal import query_codes

    found = []
    for seg in segments:
        lists = sorted((seg.docs_of(c) for c in query_codes(text)), key=len)
        result = np.asarray(lists[0]) if lists else np.zeros(0, dtype=np.int32)
        for other in lists[1:]:
            result = np.intersect1d(result, other, assume_unique=True)
        if len(result):
            found.append(result.astype(np.int32))
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int32)


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(st.text(alphabet="新闻北京联播上海市ab1", min_size=0, max_size=12), min_size=1, max_size=80),
    query=st.text(alphabet="新闻北京联播上海市ab1", min_size=1, max_size=5),
    batch=st.integers(min_value=1, max_value=30),
)
def test_compiled_literal_candidates_equal_the_numpy_reference(texts: list[str], query: str, batch: int) -> None:
    """Over several literal segments (one per batch of passages), the compiled lookup gives
    exactly the reference's candidates: every passage holding all the string's codes."""
    from retrieval.index.literal import literal_codes

    engine = BM25Index.build([["x"]] * len(texts), texts, [0] * len(texts), list(range(len(texts))))
    segments = []
    for lo in range(0, len(texts), batch):
        codes, docs = literal_codes(texts[lo : lo + batch], with_unigrams=True)
        if len(codes):
            segments.append(GramSegment.build(codes, docs + lo))
    engine.grams, engine._gram_parts = segments, None
    got = engine.literal_candidates(query).tolist()
    assert got == _numpy_candidates(segments, query).tolist()
    assert got == sorted(got)
    for limit in {0, 1, 2, batch - 1, batch, batch + 1, len(got) - 1, len(got), len(got) + 5}:
        if limit >= 0:  # the first `limit`, across segments
            assert engine.literal_candidates(query, limit).tolist() == got[:limit], limit
    holding = [i for i, t in enumerate(texts) if query in t]
    assert set(holding) <= set(got)  # a superset of the passages that print it
    asked = np.asarray([(i * 7) % len(texts) for i in range(len(texts) + 3)][::-1], dtype=np.int64)  # any order, repeats
    assert engine.literal_holding(query, asked).tolist() == np.isin(asked, got).tolist()


def test_literal_holding_over_long_lists_equals_the_candidates() -> None:
    """Pairs held by most of 6,000 passages (lists of many blocks) and rare ones, in three
    segments: which of a few asked passages hold a string, found for them alone, is what
    the whole candidate list says."""
    rng = random.Random(31)
    texts = ["".join(rng.choice("新闻联播北京上海天津") for _ in range(rng.randint(2, 30))) for _ in range(6000)]
    engine = BM25Index.build([["x"]] * len(texts), texts, [0] * len(texts), list(range(len(texts))))
    from retrieval.index.literal import literal_codes

    segments = []
    for lo in (0, 2500, 4000):
        hi = {0: 2500, 2500: 4000, 4000: 6000}[lo]
        codes, docs = literal_codes(texts[lo:hi], with_unigrams=False)
        segments.append(GramSegment.build(codes, docs + lo))
    engine.grams, engine._gram_parts = segments, None
    for query in ["新闻", "新闻联播", "北京上海", "天津天津天", "播北", "海上"]:
        got = engine.literal_candidates(query)
        for limit in (1, 129, 401, 2600, len(got)):  # block edges of the shortest list, and segments'
            assert engine.literal_candidates(query, limit).tolist() == got[:limit].tolist(), (query, limit)
        for _ in range(5):
            asked = np.asarray(rng.choices(range(len(texts)), k=rng.choice([1, 10, 80, 500])), dtype=np.int64)
            assert engine.literal_holding(query, asked).tolist() == np.isin(asked, got).tolist(), query


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="新闻北京a1Zб ，。\U0001F600", max_size=20))
def test_query_codes_are_the_indexed_codes_of_the_string(text: str) -> None:
    """A query's codes are those the index gives the same string: its pairs, else its characters."""
    from retrieval.index.literal import literal_codes, query_codes

    pairs, _ = literal_codes([text], with_unigrams=False)
    want = np.unique(pairs) if len(pairs) else np.unique(literal_codes([text], with_unigrams=True)[0])
    assert query_codes(text).tolist() == want.tolist()
    assert query_codes(text).dtype == np.uint64


def test_an_archive_whose_every_word_is_common_builds_and_answers() -> None:
    """25 passages of one word: it is dropped as common, no passage has a length, and the
    engine still builds and answers (nothing) without dividing by zero."""
    engine = _engine([["同一"]] * 25)
    assert engine.common == frozenset({"同一"}) and engine.top(["同一"], 10) == []


@settings(max_examples=300, deadline=None)
@given(
    docs=st.lists(st.lists(st.sampled_from(["甲", "乙", "丙", "丁"]), min_size=1, max_size=6), min_size=1, max_size=7),
    query=st.lists(st.sampled_from(["甲", "乙", "丙", "丁", "戊"]), min_size=1, max_size=4),
    boost=st.one_of(st.none(), st.tuples(st.integers(0, 6), st.sampled_from([-2.0, 0.0, 0.5, 3.0]))),
    k=st.integers(1, 8),
)
def test_tiny_archives_with_negative_and_zero_idf_rank_as_bm25okapi(
    docs: list[list[str]], query: list[str], boost: tuple[int, float] | None, k: int
) -> None:
    """A word in most passages of a tiny archive has an idf of zero or below (BM25Okapi's
    floor), and a boost may be zero or negative: where a term adds nothing the ranking loop
    cannot tell a touched passage by its score, and must still list every passage holding a
    query word, in BM25Okapi's order with its scores."""
    engine = _engine(docs)
    reference = BM25Okapi([[t for t in d if t not in engine.common] for d in docs])
    lift = {} if boost is None or boost[0] >= len(docs) else {boost[0]: boost[1]}
    scores = reference.get_scores(query)
    for d, b in lift.items():
        scores[d] += b
    holding = {i for i in range(len(docs)) if any(t in reference.doc_freqs[i] for t in query)} | set(lift)
    want = sorted(holding, key=lambda d: (-scores[d], d))[:k]
    got = engine.top(query, k, boost=lift or None)
    assert [d for d, _ in got] == want
    assert all(s == scores[d] for d, s in got)
