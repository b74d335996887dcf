"""Alembic migrations: they build exactly the models' schema, on SQLite and PostgreSQL, and a
database made before migrations existed is adopted without losing anything."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from retrieval.cli import run
from retrieval.store import Store, make_engine, migrate
from retrieval.store.models import Base
from tests.helpers.settings import make_settings


def test_migrations_build_exactly_the_models(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
        assert diff == [], "models changed without a migration: alembic revision --autogenerate"
        assert migrate.current_revision(engine) == migrate.head()
    finally:
        engine.dispose()


def test_the_written_down_head_is_the_scripts_head() -> None:
    """`migrate.HEAD` lets a database at the newest revision open without Alembic: it must
    name the newest script (a new migration updates it)."""
    assert migrate.HEAD == migrate.head()


def test_downgrade_to_base_and_up_again(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        Store(engine).set_meta("k", "v")
        assert migrate.downgrade(engine, "base") is None
        assert "issues" not in inspect(engine).get_table_names()
        assert migrate.upgrade(engine) == migrate.head()
        assert Store(engine).get_meta("k") is None
    finally:
        engine.dispose()


def test_a_database_from_before_migrations_is_adopted(database_url: str) -> None:
    legacy = create_engine(database_url)
    migrate.upgrade(legacy, migrate.BASELINE)  # the schema make_engine's create_all made before Alembic…
    with legacy.begin() as conn:
        conn.execute(text("DROP TABLE alembic_version"))  # …which kept no revision
    Store(legacy).set_meta("version", "old")
    legacy.dispose()
    engine = make_engine(database_url)
    try:
        assert migrate.current_revision(engine) == migrate.head()
        assert Store(engine).get_meta("version") == "old"
    finally:
        engine.dispose()


def test_migrate_command(tmp_path: Path, capsys: object) -> None:
    settings = make_settings(tmp_path)
    assert run(["migrate"], settings) == 0
    engine = make_engine(settings.database_url, migrate=False)
    assert migrate.current_revision(engine) == migrate.head()
    engine.dispose()


def test_bylines_are_copied_from_the_articles_stored_before_them(database_url: str) -> None:
    """Revision 0005 fills `bylines` from the articles already there (more than one batch)."""
    from datetime import date, datetime

    from sqlalchemy import insert

    from retrieval.store.models import Article, Issue

    engine = make_engine(database_url, migrate=False)
    try:
        migrate.upgrade(engine, "0004")
        day = date(2024, 3, 1)
        names = [["王蕾", "林韬"], [], ["林韬", "林韬"], None] * 3_000  # 12,000 articles: two batches
        with engine.begin() as conn:
            conn.execute(insert(Issue.__table__).values(id=1, source="a.txt", sha256="0" * 64, paper="东湖区报",
                                                        issue_date=day, page=1, ingested_at=datetime(2024, 3, 1)))
            conn.execute(insert(Article.__table__), [
                {"issue_id": 1, "position": i, "title": f"标题{i}", "text": "正文。", "authors": n, "paper": "东湖区报",
                 "date": day, "issue_date": day, "title_derived": False, "headline_lines": [], "continued_on": [],
                 "date_approximate": False} for i, n in enumerate(names)])
        assert migrate.upgrade(engine) == migrate.head()
        store = Store(engine)
        assert store.authors() == sorted(["王蕾", "林韬"])
        assert len(store.articles_by_author("林韬")) == 6_000
        assert len(store.articles_by_author("王蕾")) == 3_000
    finally:
        engine.dispose()


# -- a first migration that is interrupted, or raced (issue 12, class 10) -------------------------
class Killed(BaseException):
    """Stands for SIGKILL at one step of the first migration (a BaseException: nothing may catch it)."""


def _steps() -> int:
    from alembic.operations import Operations

    calls = 0
    original = Operations.invoke

    def count(self: Operations, operation: object) -> object:
        nonlocal calls
        calls += 1
        return original(self, operation)

    Operations.invoke = count  # type: ignore[method-assign]
    try:
        make_engine("sqlite://").dispose()
    finally:
        Operations.invoke = original  # type: ignore[method-assign]
    return calls


STEPS = _steps()


@pytest.mark.parametrize("kill_at", range(STEPS))
def test_a_first_migration_killed_at_any_step_leaves_nothing_half_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kill_at: int
) -> None:
    """Killed at every step of the first migration (each table, each index), the file holds
    no half-made schema: the next start migrates it whole, where it used to find some
    tables, assume the schema was there, and fail with "no such table"."""
    from alembic.operations import Operations

    url = f"sqlite:///{tmp_path / 'first.db'}"
    original = Operations.invoke
    step = 0

    def dying(self: Operations, operation: object) -> object:
        nonlocal step
        if step == kill_at:
            raise Killed
        step += 1
        return original(self, operation)

    monkeypatch.setattr(Operations, "invoke", dying)
    with pytest.raises(Killed):
        make_engine(url)
    monkeypatch.setattr(Operations, "invoke", original)
    engine = make_engine(url)
    try:
        assert migrate.current_revision(engine) == migrate.head()
        assert set(inspect(engine).get_table_names()) >= set(Base.metadata.tables)
        Store(engine).save_state({"q": "x"})
        assert Store(engine).stats().articles == 0
    finally:
        engine.dispose()


@pytest.mark.parametrize("run_no", range(10))
def test_two_processes_migrating_a_fresh_file_at_once_both_succeed(tmp_path: Path, run_no: int) -> None:
    """Two starts on a fresh SQLite file both saw no schema and both created it: one crashed."""
    url = f"sqlite:///{tmp_path / 'race.db'}"
    gate = threading.Barrier(2)
    errors: list[BaseException] = []

    def start() -> None:
        gate.wait()
        try:
            make_engine(url).dispose()
        except BaseException as exc:  # collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    engine = make_engine(url)
    assert migrate.current_revision(engine) == migrate.head()
    engine.dispose()
