"""One database, several processes: SQLite and PostgreSQL alike (``database_url`` runs each test
on both; the PostgreSQL half needs TEST_POSTGRES_URL, which ``.ci/run`` always sets).

Two :class:`Archive` objects with their own index folders stand for two processes (two bots, or
a bot and an ingest): they share nothing but the database.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, select

from bot.html import strip_tags
from bot.render import NEXT
from bot.replies import Replier
from retrieval import Archive
from retrieval.ingest import ingest
from retrieval.store import Store, make_engine
from retrieval.store.models import Issue
from retrieval.types import ArticleRecord, IssueRecord
from tests.helpers.settings import CORPUS, NOW, make_settings

PAGE = "002_30cb9bfa44a51e07.txt"  # 2024-06-14: several articles
OTHER = "000_dc93311a83d8204f.txt"


def corpus_copy(tmp: Path, names: list[str]) -> Path:
    folder = tmp / "corpus"
    folder.mkdir(exist_ok=True)
    for n in names:
        shutil.copy(CORPUS / n, folder / n)
    shutil.copy(CORPUS / "manifest.csv", folder / "manifest.csv")
    return folder


def open_process(tmp: Path, url: str, corpus: Path, name: str) -> Archive:
    """An Archive as a separate process would have it: its own index folder."""
    settings = make_settings(tmp / name, database_url=url, corpus_dir=corpus)
    return Archive.open(settings, now=lambda: NOW)


@pytest.fixture
def two(tmp_path: Path, database_url: str) -> Iterator[tuple[Archive, Archive]]:
    corpus = corpus_copy(tmp_path, [PAGE])
    a = open_process(tmp_path, database_url, corpus, "a")
    a.ingest()
    b = open_process(tmp_path, database_url, corpus, "b")
    yield a, b
    a.store.engine.dispose()
    b.store.engine.dispose()


def test_schema_comes_from_migrations(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        tables = set(inspect(engine).get_table_names())
        assert {"issues", "articles", "passages", "page_tokens", "meta", "alembic_version"} <= tables
        make_engine(database_url).dispose()  # opening again is a no-op
    finally:
        engine.dispose()


def test_ingest_is_idempotent_and_replaces_changed_files(tmp_path: Path, database_url: str) -> None:
    corpus = corpus_copy(tmp_path, [PAGE, OTHER])
    a = open_process(tmp_path, database_url, corpus, "a")
    first = a.ingest()
    assert first.count("new") == 2 and first.articles == 16
    again = a.ingest()
    assert again.count("unchanged") == 2 and not again.changed
    text = (corpus / PAGE).read_text("utf-8")
    (corpus / PAGE).write_text(text[: text.index("区委网络安全和信息化委员会会议召开")], "utf-8")
    third = a.ingest()
    assert third.count("replaced") == 1
    assert not any("网络安全" in x.title for x in a.store.articles_between())
    gone = a.search("网络安全和信息化委员会")  # at most partial matches of other articles
    assert not any("网络安全和信息化委员会" in h.title + h.passage for h in gone.hits), gone.notice
    a.store.engine.dispose()


def test_a_file_failing_midway_leaves_the_old_issue_whole(two: tuple[Archive, Archive]) -> None:
    a, _ = two
    day = date(2024, 6, 14)
    before = [x.title for x in a.store.articles_of_issue(day)]
    good = ArticleRecord(title="新标题", text="正文。", date=day, issue_date=day, page=1, passages=["正文。"])
    bad = replace(good, position=1, text=None)  # type: ignore[arg-type]  # NOT NULL violated on the second article
    with pytest.raises(Exception, match=r"(?i)null"):
        a.store.replace_issue(IssueRecord(PAGE, "f" * 64, "今日拱墅", day, 1, [good, bad]))
    assert [x.title for x in a.store.articles_of_issue(day)] == before


def test_page_tokens_work_in_another_process(two: tuple[Archive, Archive]) -> None:
    a, b = two
    token = a.save_state({"k": "s", "q": "高质量发展"})
    assert b.load_state(token) == {"k": "s", "q": "高质量发展"}
    # the same through the bot: a question answered by one bot, "next page" pressed on another
    settings = make_settings(Path("unused"), results_per_page=1)
    [first] = Replier(a, settings).ask("高质量发展", user_id=1)
    data = next(b.data for row in first.buttons for b in row if b.text == NEXT)
    pressed = Replier(b, settings).press(data, user_id=2)
    assert pressed.edit is not None and "第 2/" in pressed.edit.text


def test_another_process_ingest_is_noticed_without_restart(
    tmp_path: Path, two: tuple[Archive, Archive]
) -> None:
    a, b = two
    assert not b.ensure_fresh()
    assert b.search("杭叉科创园").hits == []  # in the other page, not ingested yet
    shutil.copy(CORPUS / OTHER, a.corpus_dir / OTHER)
    a.ingest()
    assert b.ensure_fresh()  # the version stamp changed: b reloads its index
    assert b.search("杭叉科创园").hits
    assert not b.ensure_fresh()


def test_readers_never_see_half_an_issue(tmp_path: Path, two: tuple[Archive, Archive]) -> None:
    a, b = two
    day = date(2024, 6, 14)
    page = a.corpus_dir / PAGE
    whole = page.read_text("utf-8")
    cut = whole[: whole.index("区委网络安全和信息化委员会会议召开")]
    full_count = len(b.store.articles_of_issue(day))
    page.write_text(cut, "utf-8")
    ingest([a.corpus_dir], a.store, a.default_paper)
    cut_count = len(b.store.articles_of_issue(day))
    assert cut_count < full_count
    seen: set[int] = set()
    stop = threading.Event()
    errors: list[BaseException] = []

    def read() -> None:
        try:
            while not stop.is_set():
                seen.add(len(b.store.articles_of_issue(day)))
        except BaseException as exc:  # report in the main thread
            errors.append(exc)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for i in range(8):
            page.write_text(whole if i % 2 == 0 else cut, "utf-8")
            report = ingest([a.corpus_dir], a.store, a.default_paper)
            assert report.count("replaced") == 1
    finally:
        stop.set()
        reader.join()
    assert not errors
    assert seen <= {full_count, cut_count}, seen
    assert len(seen) == 2, "the reader ran during the ingests"


def _issue_ids(engine: Engine) -> list[int]:
    with engine.connect() as conn:
        return list(conn.scalars(select(Issue.id)))


def test_processes_migrating_at_once(postgres_url: str) -> None:
    """Two processes starting together on an empty PostgreSQL database: one migrates, the
    other waits for it (advisory lock) and finds the schema done."""
    engines: list[Engine] = []
    errors: list[BaseException] = []

    def start() -> None:
        try:
            engines.append(make_engine(postgres_url))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert _issue_ids(engines[0]) == []
    Store(engines[0]).set_meta("version", "x")
    for e in engines:
        e.dispose()


def test_bot_replier_over_postgres(tmp_path: Path, postgres_url: str) -> None:
    a = open_process(tmp_path, postgres_url, CORPUS, "bot")
    a.ingest()
    settings = make_settings(tmp_path, database_url=postgres_url)
    [out] = Replier(a, settings).ask("招商大会签约了多少项目", user_id=7)
    assert "37个重点项目" in strip_tags(out.text)
    a.store.engine.dispose()
