"""jäv and who acts; votes, reservations and protokollsanteckningar

Revision ID: 0022_mtg_jav
Revises: 0021_mtg_core

- forbund.jav_ersattare_steps_in: whether a present ersättare of the same party steps
  in for a jävig ledamot on an item (default on, common Finsam practice);
- recusal.replaced_by_id: the ersättare who steps in; paragraph.chair_id: who chairs a §
  when the meeting's chair is jävig;
- decision_vote, decision_reservation, protocol_note.
"""

import sqlalchemy as sa
from alembic import op

import models.base

revision = "0022_mtg_jav"
down_revision = "0021_mtg_core"
branch_labels = None
depends_on = None


def _add_member_column(table: str, column: str) -> None:
    """A nullable reference to board_member, added without rebuilding the table.

    A batch rebuild on SQLite drops and recreates the table; with foreign keys on, dropping
    paragraph fails (or cascades to the decisions), as 0021_mtg_core found. SQLite adds a
    column with an inline REFERENCES in place.
    """
    name = f"fk_{table}_{column}_board_member"
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN {column} INTEGER"
            f" CONSTRAINT {name} REFERENCES board_member (id)"
        )
    else:
        op.add_column(table, sa.Column(column, sa.Integer(), nullable=True))
        op.create_foreign_key(name, table, "board_member", [column], ["id"])


def _drop_member_column(table: str, column: str) -> None:
    """SQLite cannot drop a column used in a foreign key without a rebuild (see above): the
    unused column stays there; elsewhere the constraint and the column go."""
    if op.get_bind().dialect.name == "sqlite":
        return
    op.drop_constraint(f"fk_{table}_{column}_board_member", table, type_="foreignkey")
    op.drop_column(table, column)


def upgrade():
    with op.batch_alter_table("forbund", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "jav_ersattare_steps_in", sa.Boolean(), server_default=sa.true(), nullable=False
            )
        )
    _add_member_column("recusal", "replaced_by_id")
    _add_member_column("paragraph", "chair_id")
    op.create_table(
        "decision_vote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("vote", sa.String(length=10), nullable=False),
        sa.CheckConstraint("vote IN ('yes', 'no', 'abstain')", name=op.f("ck_decision_vote_vote")),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["decision.id"],
            name=op.f("fk_decision_vote_decision_id_decision"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["board_member.id"], name=op.f("fk_decision_vote_member_id_board_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision_vote")),
        sa.UniqueConstraint(
            "decision_id", "member_id", name=op.f("uq_decision_vote_decision_id_member_id")
        ),
    )
    with op.batch_alter_table("decision_vote", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_decision_vote_member_id"), ["member_id"], unique=False)
    op.create_table(
        "decision_reservation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["decision.id"],
            name=op.f("fk_decision_reservation_decision_id_decision"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["board_member.id"],
            name=op.f("fk_decision_reservation_member_id_board_member"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision_reservation")),
        sa.UniqueConstraint(
            "decision_id", "member_id", name=op.f("uq_decision_reservation_decision_id_member_id")
        ),
    )
    with op.batch_alter_table("decision_reservation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_decision_reservation_member_id"), ["member_id"], unique=False
        )
    op.create_table(
        "protocol_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("paragraph_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["board_member.id"], name=op.f("fk_protocol_note_member_id_board_member")
        ),
        sa.ForeignKeyConstraint(
            ["paragraph_id"],
            ["paragraph.id"],
            name=op.f("fk_protocol_note_paragraph_id_paragraph"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_protocol_note")),
    )
    with op.batch_alter_table("protocol_note", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_protocol_note_member_id"), ["member_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_protocol_note_paragraph_id"), ["paragraph_id"], unique=False
        )


def downgrade():
    op.drop_table("protocol_note")
    op.drop_table("decision_reservation")
    op.drop_table("decision_vote")
    _drop_member_column("paragraph", "chair_id")
    _drop_member_column("recusal", "replaced_by_id")
    with op.batch_alter_table("forbund", schema=None) as batch_op:
        batch_op.drop_column("jav_ersattare_steps_in")
