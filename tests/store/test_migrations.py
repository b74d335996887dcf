"""Alembic migrations: they build exactly the models' schema, on SQLite and PostgreSQL, and a
database made before migrations existed is adopted without losing anything."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

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
    Base.metadata.create_all(legacy)  # what make_engine did before Alembic
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
