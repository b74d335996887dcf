"""Bylines get a table of their own: a row per name an article is signed with.

An article's names stay in `articles.authors` (a JSON list, what other tools read); the
`bylines` rows, indexed by name, answer "which names sign articles" and "what did 林韬
write" without decoding every article's list: at millions of articles that scan took a
minute on the first one-word question after a start. Existing articles are copied over in
batches of ids.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None

NAME_SIZE = 500  # retrieval.store.models.NAME_SIZE when this revision was written
_BATCH = 10_000


def upgrade() -> None:
    bylines = op.create_table(
        "bylines",
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("name", sa.String(NAME_SIZE), primary_key=True),
    )
    op.create_index("ix_bylines_name", "bylines", ["name"])
    articles = sa.table("articles", sa.column("id", sa.Integer), sa.column("authors", sa.JSON))
    conn = op.get_bind()
    last = 0
    while True:
        rows = conn.execute(
            sa.select(articles.c.id, articles.c.authors).where(articles.c.id > last).order_by(articles.c.id).limit(_BATCH)
        ).all()
        if not rows:
            return
        values = [{"article_id": i, "name": n} for i, names in rows
                  for n in dict.fromkeys(n[:NAME_SIZE] for n in (names or []) if isinstance(n, str) and n)]
        if values:
            conn.execute(bylines.insert(), values)
        last = rows[-1][0]


def downgrade() -> None:
    op.drop_index("ix_bylines_name", table_name="bylines")
    op.drop_table("bylines")
