"""The first schema: issues, articles, passages, page tokens, meta.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "issues",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source", sa.String(500), nullable=False, unique=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("paper", sa.String(200), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=True),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("ingested_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_issues_issue_date", "issues", ["issue_date"])
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("issue_id", sa.Integer(), sa.ForeignKey("issues.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("title_derived", sa.Boolean(), nullable=False),
        sa.Column("headline_lines", sa.JSON(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("authors", sa.JSON(), nullable=False),
        sa.Column("paper", sa.String(200), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("date_approximate", sa.Boolean(), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("continued_on", sa.JSON(), nullable=False),
        sa.Column("url", sa.String(1000), nullable=True),
    )
    op.create_index("ix_articles_issue_id", "articles", ["issue_id"])
    op.create_index("ix_articles_date", "articles", ["date"])
    op.create_index("ix_articles_issue_date", "articles", ["issue_date"])
    op.create_table(
        "passages",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("article_id", sa.Integer(), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
    )
    op.create_index("ix_passages_article_id", "passages", ["article_id"])
    op.create_table(
        "page_tokens",
        sa.Column("token", sa.String(32), primary_key=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_page_tokens_created_at", "page_tokens", ["created_at"])
    op.create_table(
        "meta",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("meta")
    op.drop_table("page_tokens")
    op.drop_table("passages")
    op.drop_table("articles")
    op.drop_table("issues")
