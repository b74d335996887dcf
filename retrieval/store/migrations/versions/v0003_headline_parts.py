"""Articles keep their headline as newspapers print it: kicker, main title, sub-title, byline.

`title` stays the column other tools read and now holds the main title (主题) alone; the
引题 (`kicker`) and 副题 (`subtitle`) get their own columns, and so does a byline printed on
its own line (`本报记者 王蕾`), which is not part of the body. Rows stored before this
revision get empty strings; the rules stamp (revision 0002) makes the next ingest read their
files again with the segmenter that fills them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

_COLUMNS = (("kicker", 500), ("subtitle", 500), ("byline", 500))


def upgrade() -> None:
    for name, size in _COLUMNS:
        op.add_column("articles", sa.Column(name, sa.String(size), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        for name, _ in _COLUMNS:
            batch.drop_column(name)
