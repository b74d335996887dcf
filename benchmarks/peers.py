"""The peers the scale benchmark ranks beside: bm25s (numba backend) and tantivy, fed the
project's own tokens (read back from a saved index's postings, so every engine ranks the
same passages with the same words), timed one query at a time, single-threaded, top 10.

Benchmark-only: both come from the `bench` extra, never from the runtime dependencies.
Run in a child process per engine (`python -m benchmarks.peers`), so each one's memory is
its own.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

import numpy as np
import numpy.typing as npt

from benchmarks.measure import own_status
from retrieval.index import BM25Index, files

I64 = npt.NDArray[np.int64]


def by_passage(index: BM25Index) -> tuple[I64, I64, I64]:
    """The postings turned around: (passage pointer, term ids, term frequencies) in passage order."""
    words = index.words
    terms = np.repeat(np.arange(len(words.vocab), dtype=np.int64), np.diff(words.indptr))
    docs = words.lists.lists(0, len(words.vocab))
    order = np.argsort(docs, kind="stable")
    ptr = np.zeros(index.n + 1, dtype=np.int64)
    np.cumsum(np.bincount(docs, minlength=index.n), out=ptr[1:])
    return ptr, terms[order], np.asarray(words.freqs, dtype=np.int64)[order]


def _bm25s(index: BM25Index, work: Path) -> tuple[object, object]:
    import bm25s

    ptr, terms, tfs = by_passage(index)
    ids = [np.repeat(terms[a:b], tfs[a:b]).tolist() for a, b in zip(ptr[:-1].tolist(), ptr[1:].tolist(), strict=True)]
    del terms, tfs
    retriever = bm25s.BM25(method="robertson", k1=1.5, b=0.75, backend="numba")
    retriever.index((ids, dict(index.words.vocab)), show_progress=False)
    del ids
    retriever.save(str(work / "bm25s"))
    vocab = retriever.vocab_dict
    empty = vocab[""]

    def search(tokens: list[str]) -> list[int]:
        q = [vocab[t] for t in tokens if t in vocab] or [empty]
        docs, _ = retriever.retrieve([q], k=10, n_threads=1, show_progress=False, backend_selection="numba")
        return [int(d) for d in docs[0]]

    return search, work / "bm25s"


def _tantivy(index: BM25Index, work: Path) -> tuple[object, object]:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("body", stored=False, tokenizer_name="whitespace", index_option="freq")
    schema = builder.build()
    folder = work / "tantivy"
    folder.mkdir()
    engine = tantivy.Index(schema, path=str(folder))
    writer = engine.writer(heap_size=1_000_000_000, num_threads=1)
    names = list(index.words.vocab)
    ptr, terms, tfs = by_passage(index)
    for d in range(index.n):
        a, b = int(ptr[d]), int(ptr[d + 1])
        text = " ".join(names[t] for t, f in zip(terms[a:b].tolist(), tfs[a:b].tolist(), strict=True) for _ in range(f))
        writer.add_document(tantivy.Document(body=text))
    writer.commit()
    writer.wait_merging_threads()
    engine.reload()
    searcher = engine.searcher()

    def search(tokens: list[str]) -> list[int]:
        known = list(dict.fromkeys(t for t in tokens if t and not any(ch.isspace() for ch in t)))
        if not known:
            return []
        query = tantivy.Query.boolean_query(
            [(tantivy.Occur.Should, tantivy.Query.term_query(schema, "body", t)) for t in known]
        )
        return [addr.doc for _, addr in searcher.search(query, 10).hits]  # (segment-local numbers)

    return search, folder


PEERS = {"bm25s": _bm25s, "tantivy": _tantivy}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.peers")
    p.add_argument("--engine", choices=sorted(PEERS), required=True)
    p.add_argument("--index", required=True, help="a saved index folder (its postings are the tokens)")
    p.add_argument("--tokens", required=True, help="JSON list of each question's tokens")
    p.add_argument("--work", required=True, help="scratch folder for the peer's own index")
    args = p.parse_args(argv)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    index = files.load(Path(args.index), check=False)
    questions = json.loads(Path(args.tokens).read_text("utf-8"))
    t0 = time.perf_counter()
    search, folder = PEERS[args.engine](index, work)
    build = time.perf_counter() - t0
    del index
    search(questions[0])  # warm: the first call compiles or maps
    times = []
    for tokens in questions:
        t = time.perf_counter()
        search(tokens)  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    disk = sum(f.stat().st_size for f in Path(str(folder)).rglob("*") if f.is_file())
    print(json.dumps({"build_s": build, "times": times, "rss": own_status()["VmRSS"], "hwm": own_status()["VmHWM"],
                      "disk": disk}))
    shutil.rmtree(work / args.engine, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
