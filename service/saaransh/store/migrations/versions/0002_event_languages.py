"""Per-language event vectors, undated events, and an index for recently changed events.

Revision ID: 0002_event_languages
Revises: 0001
Create Date: 2025-11-30

- events.language_counts / language_centroids: members and mean embedding per language,
  so a report is compared with its own language's reports and, calibrated, with the
  other language's. Existing events keep working from `centroid` (read as language "*").
- events.first_seen / last_seen become nullable: an event whose members are all undated
  has no span, instead of the stream's clock at the time it was made.
- ix_events_updated_at: undated articles are compared with the most recently changed
  events.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_event_languages"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(
            sa.Column("language_counts", sa.JSON(), nullable=False, server_default="{}")
        )
        batch.add_column(sa.Column("language_centroids", sa.LargeBinary(), nullable=True))
        batch.alter_column("first_seen", existing_type=sa.Date(), nullable=True)
        batch.alter_column("last_seen", existing_type=sa.Date(), nullable=True)
    op.create_index("ix_events_updated_at", "events", ["updated_at"])


def downgrade() -> None:
    op.drop_index("ix_events_updated_at", table_name="events")
    # Undated events get a span again (their creation day) before the columns tighten.
    op.execute(
        "UPDATE events SET first_seen = CAST(created_at AS DATE), "
        "last_seen = CAST(created_at AS DATE) WHERE first_seen IS NULL"
    )
    with op.batch_alter_table("events") as batch:
        batch.alter_column("last_seen", existing_type=sa.Date(), nullable=False)
        batch.alter_column("first_seen", existing_type=sa.Date(), nullable=False)
        batch.drop_column("language_centroids")
        batch.drop_column("language_counts")
