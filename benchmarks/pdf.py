"""How long an e-paper issue PDF takes to become searchable, stage by stage.

    python -m benchmarks.pdf [--pages 4] [--repeat 3]

Builds one multi-page issue PDF from the generated test pages (`tests/helpers/pdfpages.py`,
run from the repository's root), then, into a fresh archive in a temporary folder: reads the
characters (pdfplumber), lays them out (`ingest.pdfpage`), segments them, and runs the whole
`Archive.ingest` of the file (store and index included). Prints each stage's seconds (the
best of `--repeat` runs) beside the text path on the same pages' extracted text.
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from retrieval import Archive
from retrieval.ingest.pdfpage import layout
from retrieval.ingest.readers.pdf import glyphs, page_texts
from retrieval.ingest.segment import segment, segment_blocks
from retrieval.settings import Settings


def _best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.pdf", description=__doc__.split("\n")[0])
    p.add_argument("--pages", type=int, default=4, help="pages in the issue PDF")
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args(argv)

    import pdfplumber

    from tests.helpers.pdfpages import NAMES, issue_pdf

    names = [NAMES[k % len(NAMES)] for k in range(args.pages)]
    data = issue_pdf(names)
    day = date(2024, 6, 14)
    print(f"issue PDF: {args.pages} pages ({', '.join(names)}), {len(data) / 1024:.0f} KB")

    def chars() -> list[object]:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [glyphs(page) for page in pdf.pages]

    pages = chars()
    n_chars = sum(len(g) for g in pages)  # type: ignore[arg-type]
    blocks = [layout(g) for g in pages]  # type: ignore[arg-type]
    t_chars = _best(chars, args.repeat)
    t_layout = _best(lambda: [layout(g) for g in pages], args.repeat)  # type: ignore[arg-type]
    t_segment = _best(lambda: [segment_blocks(b, day) for b in blocks], args.repeat)

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "pdf").write_bytes(data)
        texts = page_texts(root / "pdf")
        t_text = _best(lambda: [segment(t, day) for t in texts], args.repeat)
        t_extract = _best(lambda: page_texts(root / "pdf"), args.repeat)
        totals = []
        for k in range(args.repeat):
            corpus = root / f"corpus{k}"
            corpus.mkdir()
            issue = corpus / f"{day.isoformat()}.pdf"
            issue.write_bytes(data)
            settings = Settings(_env_file=None, database_url=f"sqlite:///{root / f'a{k}.db'}",  # type: ignore[call-arg]
                                index_dir=root / f"index{k}", corpus_dir=corpus)
            archive = Archive.open(settings)
            t = time.perf_counter()
            report = archive.ingest([issue])
            totals.append(time.perf_counter() - t)
            articles = report.articles
            archive.close()
    print(f"characters: {n_chars:,}; articles: {articles}")
    print(f"{'stage':<44} {'seconds':>8}")
    print(f"{'PDF: characters with boxes (pdfplumber)':<44} {t_chars:>8.3f}")
    print(f"{'PDF: layout (lines, XY-cut, blocks)':<44} {t_layout:>8.3f}")
    print(f"{'PDF: segmentation of the blocks':<44} {t_segment:>8.3f}")
    print(f"{'PDF: Archive.ingest of the file (all, + store, index)':<44} {min(totals):>8.3f}")
    print(f"{'text: extraction (characters in drawing order)':<44} {t_extract:>8.3f}")
    print(f"{'text: segmentation of the extracted text':<44} {t_text:>8.3f}")
    print(f"issue of {args.pages} pages searchable in {min(totals):.2f} s (target: under 5 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
