"""Issues remember the ingest rules that made their articles.

A file whose bytes are unchanged was never read again, so a better segmenter or passage
cutter never reached the files already stored. With `issues.rules` the store tells a file
read by other rules from one read by the current rules, and the next ingest reads it again.
Issues stored before this revision have no rules and are read again once.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column("issues", sa.Column("rules", sa.String(40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("issues") as batch:
        batch.drop_column("rules")
