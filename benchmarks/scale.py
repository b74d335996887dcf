"""Scale benchmark: `python -m benchmarks.scale --source ../shared/corpora/cctv-xwlb --passages 100000 1000000`

For each size N it builds an archive of N passages from a real corpus (converted to the
JSON Lines import format in a scratch folder, replicated with shifted dates), ingests it
through the whole pipeline in a child process, and prints, in one run:

- ranking alone (`BM25Index.top`, the question's own tokens, top 10) beside bm25s (numba
  backend) and tantivy fed the same tokens (`benchmarks.peers`, the `bench` extra), and
  rank-bm25's BM25Okapi on a sample: p50/p95 ms, build s, disk MB, serving RSS;
- the whole `Archive.search(q, k=10)` (parse, rank, literal recall, excerpts): p50/p95;
- how many of the project's top-10 lists equal rank-bm25's (or, past its memory, the
  NumPy reference scoring's);
- ingest: characters/s from files to a searchable index beside the workers' own encoding
  ceiling, its peak memory (the whole process tree, sampled), index build seconds;
- serving: load (opening the archive), start-up (imports until ready, as the bot starts: `Archive.warm`), peak RSS.

Speed is measured here, printed, never asserted in unit tests.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import percentile
from benchmarks.cctv import items, write_archive

QUESTION_TEMPLATES = ["{a}{b}", "{a} {b}", "{a}有哪些{b}", "{a}的{b}是什么", "关于{a}{b}的报道", "{a}"]


def make_questions(source: Path, count: int, seed: int = 11) -> list[str]:
    """A fixed set of realistic questions: words a reader would take from a headline or a
    sentence of the news, with and without question words."""
    from retrieval.tokenize import Tokenizer

    rng = random.Random(seed)
    tokenizer = Tokenizer()
    pool = list(items(source))
    questions: list[str] = []
    while len(questions) < count:
        item = rng.choice(pool)
        source_text = item.title if rng.random() < 0.5 else rng.choice(item.text.split("。"))
        words = [w for w in dict.fromkeys(tokenizer.tokens(source_text)) if len(w) >= 2]
        if len(words) < 2:
            continue
        a, b = rng.sample(words[:8], 2)
        questions.append(rng.choice(QUESTION_TEMPLATES).format(a=a, b=b))
    return questions


def _du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _settings(db: str, index: str) -> object:
    from retrieval import Settings

    return Settings(_env_file=None, database_url=db, index_dir=Path(index), corpus_dir=Path(index))  # type: ignore[call-arg]


def _ingest(args: argparse.Namespace) -> None:
    """Child process: ingest the files (the parent watches its memory), report seconds as JSON."""
    from retrieval import Archive

    t0 = time.perf_counter()
    archive = Archive.open(_settings(args.db, args.index))  # type: ignore[arg-type]
    report = archive.ingest([Path(args.corpus)])
    print(json.dumps({"seconds": time.perf_counter() - t0, "build_s": archive.last_index_build_seconds,
                      "failed": report.count("failed")}))


def _serve(args: argparse.Namespace) -> None:
    """Child process: open the archive, answer the questions (whole search, then ranking
    alone), report figures as JSON."""
    t0 = time.perf_counter()
    from retrieval import Archive

    imported = time.perf_counter()
    archive = Archive.open(_settings(args.db, args.index))  # type: ignore[arg-type]
    load = time.perf_counter() - imported
    archive.warm()  # as the bot starts: one search pays any lazy loading, the speller is prepared
    startup = time.perf_counter() - t0
    questions = json.loads(Path(args.questions).read_text("utf-8"))
    times = []
    for q in questions:
        t = time.perf_counter()
        archive.search(q, k=10)
        times.append(time.perf_counter() - t)
    index, tokenizer = archive.index, archive.tokenizer
    tokens = [tokenizer.tokens(q) for q in questions]
    rank_times, top10 = [], []
    for toks in tokens:
        t = time.perf_counter()
        top = index.top(toks, 10)
        rank_times.append(time.perf_counter() - t)
        top10.append([d for d, _ in top])
    from benchmarks.measure import own_status

    status = own_status()
    print(json.dumps({"startup": startup, "load": load, "times": times, "rank_times": rank_times,
                      "tokens": tokens, "top10": top10, "rss": status["VmRSS"], "hwm": status["VmHWM"],
                      "anon": status.get("RssAnon", 0)},
                     ensure_ascii=False))


def _reference(archive: object, tokens: list[list[str]], ours: list[list[int]], sample: int) -> tuple[list[float], int, int]:
    """rank-bm25 on the archive's passages, tokenised again: latencies, and how many of our
    top-10 lists it gives identically."""
    import numpy as np
    from rank_bm25 import BM25Okapi

    tokenizer, index = archive.tokenizer, archive.index  # type: ignore[attr-defined]
    common = index.common
    docs = []
    shared: dict[str, str] = {}  # one string object per distinct token: a million passages fit in memory
    for row in archive.passages():  # type: ignore[attr-defined]
        toks = tokenizer.tokens(row.title) + tokenizer.tokens(row.text)
        docs.append([shared.setdefault(t, t) for t in toks if t not in common])
    bm25 = BM25Okapi(docs)
    del docs
    times: list[float] = []
    same = 0
    for toks, got in list(zip(tokens, ours, strict=True))[:sample]:
        t = time.perf_counter()
        scores = bm25.get_scores(toks)
        top = np.argsort(scores)[::-1][:10]
        times.append(time.perf_counter() - t)
        del top
        held = np.zeros(len(scores), dtype=bool)
        for term in set(toks):
            held[index.words.docs_of(term)] = True
        ref = sorted(np.flatnonzero(held).tolist(), key=lambda d: (-scores[d], d))[:10]
        same += got == ref
    return times, same, min(sample, len(tokens))


def _numpy_reference(index: object, tokens: list[list[str]], ours: list[list[int]]) -> tuple[int, int]:
    """Past rank-bm25's memory: the engine's dense NumPy scoring (`BM25Index.scores`, tested
    bit-identical to rank-bm25) as the reference for every question."""
    import numpy as np

    same = 0
    for toks, got in zip(tokens, ours, strict=True):
        scores = index.scores(toks)  # type: ignore[attr-defined]
        held = np.zeros(len(scores), dtype=bool)
        for term in set(toks):
            held[index.words.docs_of(term)] = True  # type: ignore[attr-defined]
        docs = np.flatnonzero(held)
        best = docs[np.lexsort((docs, -scores[docs]))[:10]]  # score descending, then passage (no Python sort of millions)
        same += got == best.tolist()
    return same, len(tokens)


def _tokenizer_ceiling(corpus: Path, limit_chars: int = 20_000_000) -> float:
    """Characters/s the workers' own encoding reaches on every core (no database, no
    index): the ceiling an ingest can approach."""
    from retrieval.index import workers
    from retrieval.ingest.passages import cut

    rows: list[tuple[str, str]] = []
    chars = 0
    for path in sorted(corpus.rglob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            art = json.loads(line)
            for para in cut(str(art.get("text", ""))):
                rows.append((str(art.get("title", "")), para))
                chars += len(para)
            if chars >= limit_chars:
                break
        if chars >= limit_chars:
            break
    from retrieval.tokenize import Tokenizer

    t0 = time.perf_counter()
    for _ in workers.encode_all(rows, [], False, Tokenizer()):
        pass
    return chars / (time.perf_counter() - t0)


def run(args: argparse.Namespace) -> int:
    from benchmarks.measure import watched
    from retrieval import Archive

    source = Path(args.source)
    questions = make_questions(source, args.questions)
    rows = []
    peers_rows: list[dict[str, object]] = []
    if args.work:
        Path(args.work).mkdir(parents=True, exist_ok=True)  # a scratch folder named but not made yet
    for n in args.passages:
        work = Path(tempfile.mkdtemp(prefix=f"scale-{n}-", dir=args.work))
        try:
            corpus = work / "corpus"
            articles, passages, chars = write_archive(source, corpus, n)
            db, index_dir = f"sqlite:///{work / 'archive.db'}", work / "index"
            me = [sys.executable, "-m", "benchmarks.scale"]
            ingest = watched([*me, "ingest", "--db", db, "--index", str(index_dir), "--corpus", str(corpus)])
            ingested = json.loads(ingest.stdout.strip().splitlines()[-1])
            ingest_s = ingested["seconds"]
            print(json.dumps({"N": passages, "ingest_s": ingest_s, "build_s": ingested["build_s"],
                              "ingest_peak_mb": ingest.peak_rss / 2**20, "ingest_peak_pss_mb": ingest.peak_pss / 2**20}),
                  file=sys.stderr, flush=True)
            qfile = work / "questions.json"
            qfile.write_text(json.dumps(questions, ensure_ascii=False), "utf-8")
            out = subprocess.run([*me, "serve", "--db", db, "--index", str(index_dir), "--questions", str(qfile)],
                                 check=True, capture_output=True, text=True)
            served = json.loads(out.stdout.strip().splitlines()[-1])
            tfile = work / "tokens.json"
            tfile.write_text(json.dumps(served["tokens"], ensure_ascii=False), "utf-8")
            for engine in args.peers if passages <= args.peer_max else []:
                peer = watched([sys.executable, "-m", "benchmarks.peers", "--engine", engine, "--index",
                                str(index_dir), "--tokens", str(tfile), "--work", str(work / "peers")])
                got = json.loads(peer.stdout.strip().splitlines()[-1])
                peers_rows.append({"N": passages, "engine": engine, "build_s": got["build_s"],
                                   "rank_p50_ms": percentile(got["times"], 50) * 1000,
                                   "rank_p95_ms": percentile(got["times"], 95) * 1000,
                                   "rss_mb": got["rss"] / 2**20, "peak_mb": peer.peak_rss / 2**20,
                                   "disk_mb": got["disk"] / 2**20})
                print(json.dumps(peers_rows[-1]), file=sys.stderr)
            ceiling = _tokenizer_ceiling(corpus)

            ours = served["times"]
            row: dict[str, object] = {
                "N": passages,
                "articles": articles,
                "chars": chars,
                "ingest_cps": chars / ingest_s,
                "ingest_s": ingest_s,
                "build_s": ingested["build_s"],
                "index_mb": _du(index_dir) / 2**20,
                "startup_s": served["startup"],
                "load_s": served["load"],
                "rss_mb": served["rss"] / 2**20,
                "serve_peak_mb": served["hwm"] / 2**20,
                "serve_private_mb": served.get("anon", 0) / 2**20,
                "ingest_peak_mb": ingest.peak_rss / 2**20,
                "ingest_peak_pss_mb": ingest.peak_pss / 2**20,
                "p50_ms": percentile(ours, 50) * 1000,
                "p95_ms": percentile(ours, 95) * 1000,
                "rank_p50_ms": percentile(served["rank_times"], 50) * 1000,
                "rank_p95_ms": percentile(served["rank_times"], 95) * 1000,
                "tokenizer_cps": ceiling,
                "failed_files": ingested["failed"],
            }
            if passages <= args.reference_max:
                archive = Archive.open(_settings(db, str(index_dir)))  # type: ignore[arg-type]
                sample = args.questions if n <= args.full_reference_below else args.reference_sample
                ref_times, same, compared = _reference(archive, served["tokens"], served["top10"], sample)
                row.update({"ref_p50_ms": percentile(ref_times, 50) * 1000,
                            "ref_p95_ms": percentile(ref_times, 95) * 1000,
                            "ratio": statistics.median(ref_times) / statistics.median(ours),
                            "reference": "rank-bm25"})
                archive.close()
            else:
                from retrieval.index import files

                same, compared = _numpy_reference(files.load(index_dir, check=False), served["tokens"], served["top10"])
                row.update({"ref_p50_ms": float("nan"), "ref_p95_ms": float("nan"), "ratio": float("nan"),
                            "reference": "numpy"})
            row["same_top10"] = f"{same}/{compared}"
            # last: it changes the archive the figures above were taken on
            issue = json.loads(subprocess.run(
                [sys.executable, "-m", "benchmarks.issue", "--db", db, "--index", str(index_dir), "--source", str(source)],
                check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])
            row.update({"issue_s": issue["seconds"], "issue_mode": issue["mode"], "issue_found": issue["found"]})
            rows.append(row)
            print(json.dumps(row), file=sys.stderr)
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
    _print(rows, peers_rows, len(questions), args)
    return 0


def _print(rows: list[dict[str, object]], peers: list[dict[str, object]], questions: int, args: argparse.Namespace) -> None:
    print(f"{'passages':>9} {'engine':<22} {'rank p50':>8} {'rank p95':>8} {'search p50':>10} {'search p95':>10} "
          f"{'build s':>7} {'disk MB':>7} {'serve RSS MB':>12} {'top10 same':>10}")
    for r in rows:
        n = r["N"]
        print(f"{n:>9} {'project':<22} {r['rank_p50_ms']:>8.2f} {r['rank_p95_ms']:>8.2f} {r['p50_ms']:>10.2f} "
              f"{r['p95_ms']:>10.2f} {r['build_s']:>7.1f} {r['index_mb']:>7.0f} {r['rss_mb']:>12.0f} "
              f"{r['same_top10']:>10}")
        for p in (p for p in peers if p["N"] == n):
            label = "bm25s (numba)" if p["engine"] == "bm25s" else "tantivy"
            print(f"{n:>9} {label:<22} {p['rank_p50_ms']:>8.2f} {p['rank_p95_ms']:>8.2f} {'':>10} {'':>10} "
                  f"{p['build_s']:>7.1f} {p['disk_mb']:>7.0f} {p['rss_mb']:>12.0f} {'':>10}")
        if r["reference"] == "rank-bm25":
            print(f"{n:>9} {'rank-bm25 BM25Okapi':<22} {r['ref_p50_ms']:>8.1f} {r['ref_p95_ms']:>8.1f}")
    print()
    print(f"{'passages':>9} {'ingest c/s':>11} {'tokenizer c/s':>13} {'ingest s':>8} {'index s':>7} "
          f"{'ingest peak MB':>14} {'ingest PSS MB':>13} {'load s':>6} {'start s':>7} {'serve peak MB':>13} {'serve private MB':>16} "
          f"{'+1 issue s':>10}")
    for r in rows:
        print(f"{r['N']:>9} {r['ingest_cps']:>11,.0f} {r['tokenizer_cps']:>13,.0f} {r['ingest_s']:>8.1f} "
              f"{r['build_s']:>7.1f} {r['ingest_peak_mb']:>14.0f} {r['ingest_peak_pss_mb']:>13.0f} {r['load_s']:>6.2f} {r['startup_s']:>7.2f} "
              f"{r['serve_peak_mb']:>13.0f} {r['serve_private_mb']:>16.0f} "
              f"{r['issue_s']:>7.1f} {'✓' if r['issue_found'] else '✗'}{str(r['issue_mode'])[:1]}")
    print(f"questions: {questions}, top 10, one at a time on one thread; rank-bm25 timed on all of them up to "
          f"{args.full_reference_below} passages, on the first {args.reference_sample} above, not run past "
          f"{args.reference_max} (top 10 checked against the NumPy reference there); tokenizer c/s: the workers' "
          f"encoding alone on all {os.cpu_count()} cores; peers built up to {args.peer_max} passages; serve private MB: "
          f"resident memory not backed by the index files (the mapped files are the page cache's, shared); "
          "ingest peak MB / PSS MB: the process tree's largest sum of resident / proportional set sizes (a page "
          "a worker shares with its parent counts twice / once); +1 issue s: one day's news ingested into the built archive until searchable (✓: its headline finds it; "
          "e: the index extended, r: rebuilt)")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.scale", description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="command")
    s = sub.add_parser("serve")
    s.add_argument("--db", required=True)
    s.add_argument("--index", required=True)
    s.add_argument("--questions", required=True)
    i = sub.add_parser("ingest")
    i.add_argument("--db", required=True)
    i.add_argument("--index", required=True)
    i.add_argument("--corpus", required=True)
    p.add_argument("--source", default="../shared/corpora/cctv-xwlb")
    p.add_argument("--passages", type=int, nargs="+", default=[100_000, 1_000_000])
    p.add_argument("--questions", type=int, default=200)
    p.add_argument("--reference-sample", type=int, default=20)
    p.add_argument("--full-reference-below", type=int, default=200_000)
    p.add_argument("--reference-max", type=int, default=2_000_000,
                   help="largest archive rank-bm25 is built for (its memory grows past the machine's)")
    p.add_argument("--peers", nargs="*", default=["bm25s", "tantivy"], choices=["bm25s", "tantivy"])
    p.add_argument("--peer-max", type=int, default=2_000_000,
                   help="largest archive the peers are built for (bm25s's token lists outgrow the machine past it)")
    p.add_argument("--work", default=None, help="scratch folder (default: the system temp dir)")
    p.add_argument("--keep", action="store_true", help="keep the scratch archive")
    args = p.parse_args(argv)
    if args.command == "serve":
        _serve(args)
        return 0
    if args.command == "ingest":
        _ingest(args)
        return 0
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
