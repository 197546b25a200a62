"""calendar_feed: each user's personal iCalendar feed, kept as the hash of its secret address

Revision ID: 0017_calendar
Revises: 0016_form_submission

A user's feed of meetings and report due dates is read at /calendar/<token>.ics by
calendar programs that cannot log in. Only the token's SHA-256 is stored; renewing
the address replaces it, so the old address stops working.
"""

import sqlalchemy as sa
from alembic import op

import models.base

revision = "0017_calendar"
down_revision = "0016_form_submission"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "calendar_feed",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_calendar_feed_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_feed")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_calendar_feed_token_hash")),
        sa.UniqueConstraint("user_id", name=op.f("uq_calendar_feed_user_id")),
    )


def downgrade():
    op.drop_table("calendar_feed")
