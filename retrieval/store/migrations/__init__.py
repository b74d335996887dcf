"""Alembic migrations of the archive's schema (applied by :mod:`retrieval.store.migrate`)."""
