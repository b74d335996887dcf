"""One new issue added to a built archive, timed: `python -m benchmarks.issue --db … --index … --source …`

A child process of the scale benchmark. It opens the archive (loading its index), writes
one day's news items (the corpus's first day, dated the day after the archive's last
issue) as a JSONL file in a scratch folder, and times `Archive.ingest` of that file: from
the file to an index that answers with it (store, then the index extended or rebuilt).
Prints JSON: seconds, how the index changed, passages added, whether a search for the
new issue's first headline on its day returns a passage of that issue.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from benchmarks.cctv import items


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.issue")
    p.add_argument("--db", required=True)
    p.add_argument("--index", required=True)
    p.add_argument("--source", required=True)
    args = p.parse_args(argv)
    from retrieval import Archive, Settings

    settings = Settings(_env_file=None, database_url=args.db, index_dir=Path(args.index),  # type: ignore[call-arg]
                        corpus_dir=Path(args.index))
    archive = Archive.open(settings)
    before = archive.index.size
    last = archive.latest_issue().filter.start
    assert last is not None, "the archive has no issue"
    day = last + timedelta(days=1)
    source = list(items(Path(args.source)))
    first_day = [i for i in source if i.day == source[0].day]
    folder = Path(tempfile.mkdtemp(prefix="issue-"))
    lines = [json.dumps({"title": i.title, "date": day.isoformat(), "text": i.text, "url": i.url, "paper": "新闻联播"},
                        ensure_ascii=False) for i in first_day]
    (folder / f"xwlb-{day.isoformat()}.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    t0 = time.perf_counter()
    archive.ingest([folder])
    seconds = time.perf_counter() - t0
    # with the day in the question: the archive may print the same headline on other days
    hits = archive.search(f"{day.year}年{day.month}月{day.day}日 {first_day[0].title}", k=10).hits
    print(json.dumps({"seconds": seconds, "mode": archive.last_index_mode, "build_s": archive.last_index_build_seconds,
                      "passages": archive.index.size - before, "articles": len(first_day),
                      "found": any(h.issue_date == day for h in hits)}))
    archive.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
