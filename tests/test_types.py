"""The ingest report's article lists (`types.ArticleSpill`, `FoundArticles`): what goes in
comes back, in order, from many files and threads, and the report's memory does not grow
with the articles it lists."""

from __future__ import annotations

import threading
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval.types import FileOutcome, FoundArticle, IngestReport

_ARTICLE = st.builds(
    FoundArticle,
    st.text(min_size=0, max_size=40),  # any title: emoji, quotes, control characters, empty
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    st.booleans(),
    st.booleans(),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_ARTICLE, max_size=12), min_size=1, max_size=6))
def test_every_files_articles_come_back_as_they_went_in(files: list[list[FoundArticle]]) -> None:
    report = IngestReport()
    for i, articles in enumerate(files):
        report.files.append(FileOutcome(Path(f"{i}.txt"), "new", articles=len(articles),
                                        found=report.keep_articles(iter(articles))))
    for outcome, articles in zip(report.files, files, strict=True):
        assert len(outcome.found) == len(articles)
        assert list(outcome.found) == articles and outcome.found == articles
        if articles:
            assert outcome.found[-1] == articles[-1] and list(outcome.found[:2]) == articles[:2]
    pages = report.to_json()["pages"]
    assert [[a["title"] for a in p["articles"]] for p in pages] == [[a.title for a in f] for f in files]  # type: ignore[index, union-attr]
    assert [[a["date"] for a in p["articles"]] for p in pages] == [[a.date.isoformat() for a in f] for f in files]  # type: ignore[index, union-attr]


def test_files_kept_from_many_threads_each_read_back_their_own() -> None:
    report = IngestReport()
    report.keep_articles([])  # the spill exists before the threads race for it
    kept: dict[int, object] = {}

    def work(t: int) -> None:
        for j in range(50):
            articles = [FoundArticle(f"线程{t}第{j}篇{k}", date(2024, 1, 1) + timedelta(days=k)) for k in range(j % 5)]
            kept[t * 100 + j] = (articles, report.keep_articles(articles))

    threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(kept) == 200
    for articles, found in kept.values():  # type: ignore[misc]
        assert list(found) == articles


def test_a_report_of_many_articles_holds_little_memory() -> None:
    """A hundred thousand articles in a thousand files: as objects they took ~25 MB; kept,
    the report holds only where each file's lie."""
    report = IngestReport()
    day = date(2024, 1, 1)
    tracemalloc.start()
    try:
        base, _ = tracemalloc.get_traced_memory()
        for i in range(1000):
            articles = (FoundArticle(f"习近平同越南共产党中央总书记举行会谈第{i}-{k}次", day) for k in range(100))
            report.files.append(FileOutcome(Path(f"{i}.jsonl"), "new", articles=100,
                                            found=report.keep_articles(articles)))
        held = tracemalloc.get_traced_memory()[0] - base
    finally:
        tracemalloc.stop()
    assert held < 2_000_000, held  # ~1 KB per file, nothing per article
    assert sum(len(f.found) for f in report.files) == 100_000
    assert report.files[500].found[7].title == "习近平同越南共产党中央总书记举行会谈第500-7次"
