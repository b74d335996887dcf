"""Files → records: everything that turns source files into `IssueRecord`s for the store.

    paths ─▶ discover (files, manifest.csv) ─▶ readers[suffix].read ─▶ IssueRecord
                                                 │ text:  repair (undo extraction damage)
                                                 │        segment (articles, headlines, dates)
                                                 │ jsonl: one article per line
             IssueRecord ─▶ passages.cut (each article's passages) ─▶ store.replace_issue

`ingest(paths, store, default_paper, progress)` runs it and returns an `IngestReport`;
the store only persists, the index is built afterwards from what the store holds.
"""

from retrieval.ingest.pipeline import IssueSink, ingest, preview, with_passages

__all__ = ["IssueSink", "ingest", "preview", "with_passages"]
