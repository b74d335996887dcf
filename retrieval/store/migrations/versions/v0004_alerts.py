"""Alerts: chats' subscriptions, the chats alerts go to, and the queue of digests.

The queue lives in the database so that a digest survives a restart and several bot
processes share it: a digest is claimed by one compare-and-set update (`pending` →
`sending`), and a chat's next allowed send time is one row every process updates the same
way (Telegram's per-chat limits).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("chat_id", sa.BigInteger, nullable=False, index=True),
        sa.Column("query", sa.String(100), nullable=False),
        sa.Column("created_by", sa.BigInteger),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("chat_id", "query"),
    )
    op.create_table(
        "alert_chats",
        sa.Column("chat_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("next_at", sa.DateTime, nullable=False),
        sa.Column("paused_at", sa.DateTime),
        sa.Column("paused_why", sa.String(200)),
    )
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("chat_id", sa.BigInteger, nullable=False, index=True),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("paper", sa.String(200), nullable=False),
        sa.Column("issue_date", sa.Date, nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("state", sa.String(12), nullable=False, index=True),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("not_before", sa.DateTime, nullable=False),
        sa.Column("claimed_by", sa.String(64)),
        sa.Column("claimed_at", sa.DateTime),
        sa.Column("sent_at", sa.DateTime),
        sa.Column("message_id", sa.BigInteger),
        sa.Column("error", sa.String(300)),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("chat_id", "key"),
    )


def downgrade() -> None:
    op.drop_table("alerts")
    op.drop_table("alert_chats")
    op.drop_table("subscriptions")
