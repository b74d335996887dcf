"""Scale benchmark: `python -m benchmarks.scale --source ../shared/corpora/cctv-xwlb --passages 100000 1000000`

For each size N it builds an archive of N passages from a real corpus (converted to the
JSON Lines import format in a scratch folder, replicated with shifted dates), ingests it
through the whole pipeline, and prints one table row per N:

- ingest throughput (characters/s, from files to a searchable index), index build time
  and size on disk;
- start-up time of a fresh process that opens the archive (loads jieba and the index),
  its resident memory while serving, and the p50/p95 latency of `Archive.search()`
  (tokenize + score + top-k + excerpts) over a fixed set of 200 questions;
- in the same run, rank-bm25's BM25Okapi latency on the same questions and tokens
  (on a sample at large N), the ratio, and whether both engines return the same top 10.

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


def _serve(args: argparse.Namespace) -> None:
    """Child process: open the archive, answer the questions, report figures as JSON."""
    t0 = time.perf_counter()
    from retrieval import Archive, Settings

    settings = Settings(_env_file=None, database_url=args.db, index_dir=Path(args.index), corpus_dir=Path(args.index))  # type: ignore[call-arg]
    archive = Archive.open(settings)
    archive.search("开放")  # first query pays any lazy loading
    startup = time.perf_counter() - t0
    questions = json.loads(Path(args.questions).read_text("utf-8"))
    times = []
    for q in questions:
        t = time.perf_counter()
        archive.search(q, k=10)
        times.append(time.perf_counter() - t)
    rss = hwm = 0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1]) * 1024
        if line.startswith("VmHWM:"):
            hwm = int(line.split()[1]) * 1024
    print(json.dumps({"startup": startup, "times": times, "rss": rss, "hwm": hwm}))


def _reference(archive: object, questions: list[str], sample: int) -> tuple[list[float], int, int]:
    """rank-bm25 on the index's own tokens: latencies, and top-10 agreement."""
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
    times: list[float] = []
    same = 0
    for q in questions[:sample]:
        tokens = tokenizer.tokens(q)
        t = time.perf_counter()
        scores = bm25.get_scores(tokens)
        top = np.argsort(scores)[::-1][:10]
        times.append(time.perf_counter() - t)
        del top
        ref = sorted(np.flatnonzero(scores != 0).tolist(), key=lambda d: (-scores[d], d))[:10]
        same += [d for d, _ in index.top(tokens, 10)] == ref
    return times, same, min(sample, len(questions))


def run(args: argparse.Namespace) -> int:
    from retrieval import Archive, Settings

    source = Path(args.source)
    questions = make_questions(source, args.questions)
    rows = []
    for n in args.passages:
        work = Path(tempfile.mkdtemp(prefix=f"scale-{n}-", dir=args.work))
        try:
            corpus = work / "corpus"
            articles, passages, chars = write_archive(source, corpus, n)
            settings = Settings(  # type: ignore[call-arg]
                _env_file=None,
                database_url=f"sqlite:///{work / 'archive.db'}",
                index_dir=work / "index",
                corpus_dir=corpus,
            )
            archive = Archive.open(settings)
            t0 = time.perf_counter()
            report = archive.ingest([corpus])
            ingest_s = time.perf_counter() - t0
            build_s = archive.last_index_build_seconds
            failed = report.count("failed")
            qfile = work / "questions.json"
            qfile.write_text(json.dumps(questions, ensure_ascii=False), "utf-8")
            out = subprocess.run(
                [sys.executable, "-m", "benchmarks.scale", "serve", "--db", settings.database_url,
                 "--index", str(settings.index_dir), "--questions", str(qfile)],
                check=True, capture_output=True, text=True,
            )
            served = json.loads(out.stdout.strip().splitlines()[-1])
            sample = args.questions if n <= args.full_reference_below else args.reference_sample
            ref_times, same, compared = _reference(archive, questions, sample)
            ours = served["times"]
            rows.append(
                {
                    "N": passages,
                    "articles": articles,
                    "chars": chars,
                    "ingest_cps": chars / ingest_s,
                    "ingest_s": ingest_s,
                    "build_s": build_s,
                    "index_mb": _du(settings.index_dir) / 2**20,
                    "startup_s": served["startup"],
                    "rss_mb": served["rss"] / 2**20,
                    "p50_ms": percentile(ours, 50) * 1000,
                    "p95_ms": percentile(ours, 95) * 1000,
                    "ref_p50_ms": percentile(ref_times, 50) * 1000,
                    "ref_p95_ms": percentile(ref_times, 95) * 1000,
                    "ratio": statistics.median(ref_times) / statistics.median(ours),
                    "same_top10": f"{same}/{compared}",
                    "failed_files": failed,
                }
            )
            print(json.dumps(rows[-1]), file=sys.stderr)
            archive.close()
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
    head = (
        f"{'passages':>9} {'ingest c/s':>11} {'ingest s':>8} {'index s':>7} {'index MB':>8} {'start s':>7} "
        f"{'RSS MB':>7} {'p50 ms':>7} {'p95 ms':>7} {'bm25 p50':>9} {'bm25 p95':>9} {'ratio':>6} {'top10 same':>10}"
    )
    print(head)
    for r in rows:
        print(
            f"{r['N']:>9} {r['ingest_cps']:>11,.0f} {r['ingest_s']:>8.1f} {r['build_s']:>7.1f} {r['index_mb']:>8.0f} "
            f"{r['startup_s']:>7.2f} {r['rss_mb']:>7.0f} {r['p50_ms']:>7.2f} {r['p95_ms']:>7.2f} "
            f"{r['ref_p50_ms']:>9.1f} {r['ref_p95_ms']:>9.1f} {r['ratio']:>6.0f} {r['same_top10']:>10}"
        )
    print(f"questions: {len(questions)} (rank-bm25 timed on all of them up to {args.full_reference_below} passages, "
          f"on the first {args.reference_sample} above); machine: {os.cpu_count()} cores")
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.scale", description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="command")
    s = sub.add_parser("serve")
    s.add_argument("--db", required=True)
    s.add_argument("--index", required=True)
    s.add_argument("--questions", required=True)
    p.add_argument("--source", default="../shared/corpora/cctv-xwlb")
    p.add_argument("--passages", type=int, nargs="+", default=[100_000, 1_000_000])
    p.add_argument("--questions", type=int, default=200)
    p.add_argument("--reference-sample", type=int, default=20)
    p.add_argument("--full-reference-below", type=int, default=200_000)
    p.add_argument("--work", default=None, help="scratch folder (default: the system temp dir)")
    p.add_argument("--keep", action="store_true", help="keep the scratch archive")
    args = p.parse_args(argv)
    if args.command == "serve":
        _serve(args)
        return 0
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
