"""Initial schema: articles, events, event merges.

Revision ID: 0001
Revises:
Create Date: 2025-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Text(), primary_key=True),
        sa.Column("first_seen", sa.Date(), nullable=False),
        sa.Column("last_seen", sa.Date(), nullable=False),
        sa.Column("centroid", sa.LargeBinary(), nullable=True),
        sa.Column("entities", sa.JSON(), nullable=False),
        sa.Column("summaries", sa.JSON(), nullable=False),
        sa.Column("unavailable", sa.JSON(), nullable=False),
        sa.Column("summary_dirty", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("article_count", sa.Integer(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_index("ix_events_last_seen", "events", ["last_seen"])
    op.create_index("ix_events_summary_dirty", "events", ["summary_dirty"])
    op.create_table(
        "articles",
        sa.Column("id", sa.Text(), primary_key=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sentences", sa.JSON(), nullable=False),
        sa.Column("language", sa.JSON(), nullable=False),
        sa.Column("published_at", sa.Date(), nullable=True),
        sa.Column("summaries", sa.JSON(), nullable=False),
        sa.Column("unavailable", sa.JSON(), nullable=False),
        sa.Column("embedding", sa.LargeBinary(), nullable=True),
        sa.Column("entities", sa.JSON(), nullable=False),
        sa.Column(
            "event_id",
            sa.Text(),
            sa.ForeignKey("events.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_index("ix_articles_event_id", "articles", ["event_id"])
    op.create_index("ix_articles_published_at", "articles", ["published_at"])
    op.create_table(
        "event_merges",
        sa.Column("old_id", sa.Text(), primary_key=True),
        sa.Column(
            "into_id", sa.Text(), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("merged_at", TS, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("event_merges")
    op.drop_index("ix_articles_published_at", table_name="articles")
    op.drop_index("ix_articles_event_id", table_name="articles")
    op.drop_table("articles")
    op.drop_index("ix_events_summary_dirty", table_name="events")
    op.drop_index("ix_events_last_seen", table_name="events")
    op.drop_table("events")
