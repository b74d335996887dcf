"""Files → records: everything that turns source files into `IssueRecord`s for the store.

    paths ─▶ discover (files, manifest.csv) ─▶ readers[suffix].read ─▶ IssueRecord
                                                 │ text:  repair (undo extraction damage)
                                                 │        lines (furniture, leads, bylines, markers)
                                                 │        segment (articles, headline parts, dates)
                                                 │ jsonl: one article per line
             IssueRecord ─▶ passages.cut (each article's passages) ─▶ store.replace_issue

`ingest(paths, store, default_paper, progress)` runs it and returns an `IngestReport`;
the store only persists, the index is built afterwards from what the store holds.
`preview(path, default_paper)` reads one page the same way and stores nothing (the `page`
command); `gold` scores how a folder of pages is split against hand-made gold files.
"""

from retrieval.ingest.pipeline import IssueSink, ingest, preview, with_passages

__all__ = ["IssueSink", "ingest", "preview", "with_passages"]
