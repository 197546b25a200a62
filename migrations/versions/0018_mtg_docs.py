"""mtg_docs: anslag dates on the meeting and the frozen protocol file

Revision ID: 0018_mtg_docs
Revises: 0017_calendar

The justerat protocol is posted on the anslagstavla (posted_on) and taken down
(taken_down_on); the appeal window runs three weeks from posting. At justering
the .docx is stored with its SHA-256 and served from then on.
"""

import sqlalchemy as sa
from alembic import op

import models.base

revision = "0018_mtg_docs"
down_revision = "0017_calendar"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("meeting") as batch:
        batch.add_column(sa.Column("posted_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("taken_down_on", sa.Date(), nullable=True))
    op.create_table(
        "protocol_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('protocol')", name=op.f("ck_protocol_file_kind")),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_protocol_file_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_protocol_file")),
        sa.UniqueConstraint("meeting_id", "kind", name=op.f("uq_protocol_file_meeting_id_kind")),
    )


def downgrade():
    op.drop_table("protocol_file")
    with op.batch_alter_table("meeting") as batch:
        batch.drop_column("taken_down_on")
        batch.drop_column("posted_on")
