"""mtg-core: elected justerare per meeting, the förbund's justerare count, standard items
and omedelbar justering of a single §

Revision ID: 0021_mtg_core
Revises: 0020_records_check

The single ``meeting.justerare_id`` becomes the table ``meeting_justerare`` (a meeting
may elect several justerare; ``signed`` marks those who justerade the protocol). Existing
rows move into it: a justerat meeting's justerare is recorded as having signed. The old
column is emptied but kept (see the note in ``upgrade``). The
"Val av justerare" items of existing meetings are flagged by their title once, so the
protocol writes their minutes from the elected justerare from now on.
"""

import sqlalchemy as sa
from alembic import op

revision = "0021_mtg_core"
down_revision = "0020_records_check"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "meeting_justerare",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("signed", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_meeting_justerare_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["board_member.id"],
            name=op.f("fk_meeting_justerare_member_id_board_member"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_justerare")),
        sa.UniqueConstraint(
            "meeting_id", "member_id", name=op.f("uq_meeting_justerare_meeting_id_member_id")
        ),
    )
    with op.batch_alter_table("meeting_justerare", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_justerare_member_id"), ["member_id"], unique=False
        )
    op.execute(
        "INSERT INTO meeting_justerare (meeting_id, member_id, signed)"
        " SELECT id, justerare_id, adjusted_on IS NOT NULL FROM meeting"
        " WHERE justerare_id IS NOT NULL"
    )
    # The old column stays (emptied, never written again): dropping it would rebuild the
    # meeting table on SQLite, and with foreign keys on, that rebuild's DROP TABLE cascades
    # to every paragraph, decision and attendance.
    op.execute("UPDATE meeting SET justerare_id = NULL")
    # Plain ALTER TABLE … ADD COLUMN, never a batch rebuild: on SQLite the rebuild's DROP
    # TABLE paragraph would cascade to every decision and jäv.
    op.add_column(
        "paragraph", sa.Column("standard", sa.String(length=20), server_default="", nullable=False)
    )
    op.add_column(
        "paragraph",
        sa.Column("adjusted_at_meeting", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.execute(
        "UPDATE paragraph SET standard = 'justerare'"
        " WHERE title IN ('Val av justerare', 'Choice of justerare')"
        " OR title LIKE 'Val av justerare %'"
    )
    op.add_column(
        "forbund", sa.Column("justerare_count", sa.Integer(), server_default="1", nullable=False)
    )


def downgrade():
    # Plain ALTER TABLE … DROP COLUMN (SQLite 3.35+): a batch rebuild of paragraph would
    # cascade its DROP TABLE to the decisions.
    op.drop_column("forbund", "justerare_count")
    op.drop_column("paragraph", "adjusted_at_meeting")
    op.drop_column("paragraph", "standard")
    op.execute(
        "UPDATE meeting SET justerare_id = (SELECT min(member_id) FROM meeting_justerare"
        " WHERE meeting_justerare.meeting_id = meeting.id)"
    )
    with op.batch_alter_table("meeting_justerare", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_justerare_member_id"))
    op.drop_table("meeting_justerare")
