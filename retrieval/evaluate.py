"""`python -m retrieval eval FILE…`: question sets → figures.

Three measurements, each printed as a small table:
- question files (JSON Lines): `{"question", "answer", "date"}` lines count answer-in-excerpt
  at ranks 1 and 3; `{"lookup", "expect_titles_containing"}` lines check date lookups;
- literal recall: random 2-8 character strings drawn from the archive (found in at most
  10 passages), typed as queries: the share whose passage is in the top 10;
- CMRC 2018 (`--cmrc PATH`): its contexts cut by our passage cutter and indexed with our
  tokenizer and BM25, against a naive baseline (200-character windows, plain `jieba.lcut`,
  rank-bm25's BM25Okapi): the share of questions whose top-1 / top-3 passage holds the answer.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Sequence
from pathlib import Path

from retrieval.archive import Archive
from retrieval.errors import ArchiveError
from retrieval.index import BM25Index, has_literal_codes
from retrieval.ingest.passages import cut
from retrieval.tokenize import Tokenizer, without_spaces


def eval_questions(archive: Archive, path: Path) -> tuple[int, int, int, int, list[str]]:
    """(questions, found at rank 1, found within rank 3, date lookups passed/…) plus failure lines."""
    n = r1 = r3 = 0
    lookups = lookups_ok = 0
    failures: list[str] = []
    for line_no, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        case = json.loads(line)
        if "lookup" in case:
            lookups += 1
            try:
                titles = [a.title for a in archive.by_date(case["lookup"]).articles]
            except ArchiveError as exc:
                titles = []
                failures.append(f"{path.name}:{line_no} lookup {case['lookup']}: {exc}")
            missing = [f for f in case["expect_titles_containing"] if not any(f in t for t in titles)]
            if missing:
                failures.append(f"{path.name}:{line_no} lookup {case['lookup']}: missing {missing}")
            else:
                lookups_ok += 1
            continue
        n += 1
        answer = without_spaces(case["answer"])
        try:
            hits = archive.search(case["question"], k=3).hits
        except ArchiveError as exc:
            failures.append(f"{path.name}:{line_no} {case['question']}: {exc}")
            continue
        rank = next((i for i, h in enumerate(hits, 1) if answer in without_spaces(h.excerpt)), None)
        if rank == 1:
            r1 += 1
        if rank is not None:
            r3 += 1
        else:
            where = next((i for i, h in enumerate(hits, 1) if answer in without_spaces(h.passage)), None)
            why = f"in passage at rank {where} but not in its excerpt" if where else "not in the top 3"
            failures.append(f"{path.name}:{line_no} {case['question']} → {case['answer']}: {why}")
    return n, r1, r3, lookups, [f"{lookups_ok}", *failures]


def literal_recall(archive: Archive, samples: int, seed: int) -> tuple[int, int, float, list[str]]:
    """(asked, found in top 10, mean seconds per query, misses)."""
    rng = random.Random(seed)
    rows = list(archive.passages())
    tokenizer = archive.tokenizer
    asked = found = 0
    misses: list[str] = []
    elapsed = 0.0
    attempts = 0
    while asked < samples and attempts < samples * 20 and rows:
        attempts += 1
        row = rng.choice(rows)
        text = without_spaces(row.text)
        size = rng.randint(2, 8)
        if len(text) <= size:
            continue
        start = rng.randrange(0, len(text) - size)
        needle = text[start : start + size]
        if not has_literal_codes(tokenizer.fold(needle)):
            continue
        containing = [r.id for r in rows if needle in without_spaces(r.text)]
        if len(containing) > 10:
            continue
        asked += 1
        t0 = time.perf_counter()
        try:
            hits = archive.search(needle, k=10).hits
        except ArchiveError:
            hits = []
        elapsed += time.perf_counter() - t0
        if any(h.passage_id in containing for h in hits):
            found += 1
        else:
            misses.append(needle)
    return asked, found, (elapsed / asked if asked else 0.0), misses


def _load_cmrc(path: Path) -> list[dict[str, object]]:
    files = sorted(path.rglob("*dev*.json")) if path.is_dir() else [path]
    squad = [f for f in files if "squad" in str(f)] or files
    data = json.loads(squad[0].read_text("utf-8"))
    return list(data["data"])


def cmrc(path: Path, tokenizer: Tokenizer) -> dict[str, tuple[float, float, int, int]]:
    """{system: (top-1 share, top-3 share, questions, passages)} for ours and the baseline."""
    import jieba
    from rank_bm25 import BM25Okapi

    articles = _load_cmrc(path)
    ours_text: list[str] = []
    ours_tokens: list[list[str]] = []
    base_text: list[str] = []
    questions: list[tuple[str, list[str]]] = []
    for art in articles:
        title = str(art.get("title", ""))
        for para in art["paragraphs"]:  # type: ignore[attr-defined]
            context = para["context"]
            for p in cut(context):
                ours_text.append(p)
                ours_tokens.append(tokenizer.tokens(title) + tokenizer.tokens(p))
            base_text.extend(context[i : i + 200] for i in range(0, len(context), 200))
            for qa in para["qas"]:
                questions.append((qa["question"], [a["text"] for a in qa["answers"]]))
    index = BM25Index.build(ours_tokens, [""] * len(ours_tokens), [0] * len(ours_tokens), list(range(len(ours_tokens))))
    baseline = BM25Okapi([jieba.lcut(t) for t in base_text])
    out: dict[str, tuple[float, float, int, int]] = {}
    o1 = o3 = b1 = b3 = 0
    for question, answers in questions:
        top = [d for d, _ in index.top(tokenizer.tokens(question), 3)]
        holds = [any(a in ours_text[d] for a in answers) for d in top]
        o1 += bool(holds[:1] and holds[0])
        o3 += any(holds)
        scores = baseline.get_scores(jieba.lcut(question))
        btop = sorted(range(len(base_text)), key=lambda d: (-scores[d], d))[:3]
        bholds = [any(a in base_text[d] for a in answers) for d in btop]
        b1 += bool(bholds and bholds[0])
        b3 += any(bholds)
    q = len(questions)
    out["ours (sentence passages, stop words, search-mode jieba, title)"] = (o1 / q, o3 / q, q, len(ours_text))
    out["baseline (200-char windows, jieba.lcut, BM25Okapi)"] = (b1 / q, b3 / q, q, len(base_text))
    return out


def run_eval(archive: Archive, files: Sequence[Path], literal: int, cmrc_path: Path | None = None, seed: int = 7, **kw: object) -> int:
    cmrc_path = cmrc_path or kw.get("cmrc")  # type: ignore[assignment]
    for path in files:
        n, r1, r3, lookups, rest = eval_questions(archive, path)
        ok, failures = int(rest[0]), rest[1:]
        print(f"== {path}")
        if n:
            print(f"questions            {n}")
            print(f"answer in excerpt @1 {r1}/{n} = {r1 / n:.3f}")
            print(f"answer in excerpt @3 {r3}/{n} = {r3 / n:.3f}")
        if lookups:
            print(f"date lookups         {ok}/{lookups}")
        for f in failures:
            print(f"  miss: {f}")
    if literal:
        asked, found, mean, misses = literal_recall(archive, literal, seed)
        print("== literal recall (random archive substrings, 2-8 chars, ≤10 passages each)")
        print(f"queries              {asked}")
        print(f"found in top 10      {found}/{asked} = {found / asked if asked else 0:.3f}")
        print(f"mean search time     {mean * 1000:.1f} ms")
        if misses:
            print(f"  misses (first 10): {misses[:10]}")
    if cmrc_path:
        tokenizer = archive.tokenizer
        print(f"== CMRC 2018 dev ({cmrc_path}): share of questions whose top passage holds the answer")
        print(f"{'system':<64} {'top-1':>6} {'top-3':>6} {'questions':>9} {'passages':>8}")
        for name, (t1, t3, q, p) in cmrc(Path(cmrc_path), tokenizer).items():
            print(f"{name:<64} {t1:>6.3f} {t3:>6.3f} {q:>9} {p:>8}")
    return 0
