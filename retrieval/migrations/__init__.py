"""Alembic migrations of the archive's schema (applied by :mod:`retrieval.migrate`)."""
