"""Persistence only: the archive's database, behind one `Store`.

    engine.make_engine(url)   SQLite (default) or PostgreSQL, schema migrated on open
    migrate                   Alembic: upgrade / downgrade, migrations/ holds the scripts
    models                    the tables: issues ─< articles ─< passages; page_tokens; meta
    store.Store               replace_issue(IssueRecord) in one transaction; reads that return
                              ArticleView / PassageRow / Stats; meta stamps; saved page state
    deadline.Deadlines        bounds a quick call's wait (frozen PostgreSQL, locked SQLite)
    spare.SpareStates         page tokens kept in the process while the database cannot take them

The store knows nothing of file formats (that is `retrieval.ingest`) nor of search (the
index is built from `Store.iter_passages`).
"""

from retrieval.store.engine import make_engine
from retrieval.store.spare import SpareStates
from retrieval.store.store import Store

__all__ = ["SpareStates", "Store", "make_engine"]
