"""board, meetings, paragraphs, decisions

Revision ID: 0004_meetings
Revises: 0003_applications
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

import models.base  # noqa: F401

revision = "0004_meetings"
down_revision = "0003_applications"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "board_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("position", sa.String(length=20), nullable=False),
        sa.Column("term_start", sa.Date(), nullable=False),
        sa.Column("term_end", sa.Date(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role IN ('ledamot', 'ersattare')", name=op.f("ck_board_member_role")),
        sa.CheckConstraint("term_end >= term_start", name=op.f("ck_board_member_term_order")),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_board_member_organisation_id_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_board_member_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_board_member")),
    )
    with op.batch_alter_table("board_member", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_board_member_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=True),
        sa.Column("end_time", sa.Time(), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("chair_id", sa.Integer(), nullable=True),
        sa.Column("justerare_id", sa.Integer(), nullable=True),
        sa.Column("secretary", sa.String(length=200), nullable=False),
        sa.Column("others_present", sa.Text(), nullable=False),
        sa.Column("kept_at", sa.String(length=300), nullable=False),
        sa.Column("agenda_fixed_at", models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("adjusted_on", sa.Date(), nullable=True),
        sa.Column("adjusted_by", sa.String(length=300), nullable=False),
        sa.Column("adjusted_place", sa.String(length=200), nullable=False),
        sa.Column("adjusted_recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('ordinary', 'extra')", name=op.f("ck_meeting_kind")),
        sa.CheckConstraint("number > 0", name=op.f("ck_meeting_positive_number")),
        sa.ForeignKeyConstraint(
            ["adjusted_recorded_by_id"],
            ["user_account.id"],
            name=op.f("fk_meeting_adjusted_recorded_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["chair_id"], ["board_member.id"], name=op.f("fk_meeting_chair_id_board_member")
        ),
        sa.ForeignKeyConstraint(
            ["justerare_id"], ["board_member.id"], name=op.f("fk_meeting_justerare_id_board_member")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
        sa.UniqueConstraint("year", "number", name=op.f("uq_meeting_year_number")),
    )
    op.create_table(
        "attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("serving_for_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("status IN ('present', 'absent')", name=op.f("ck_attendance_status")),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_attendance_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["board_member.id"], name=op.f("fk_attendance_member_id_board_member")
        ),
        sa.ForeignKeyConstraint(
            ["serving_for_id"],
            ["board_member.id"],
            name=op.f("fk_attendance_serving_for_id_board_member"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
        sa.UniqueConstraint(
            "meeting_id", "member_id", name=op.f("uq_attendance_meeting_id_member_id")
        ),
        sa.UniqueConstraint(
            "meeting_id", "serving_for_id", name=op.f("uq_attendance_meeting_id_serving_for_id")
        ),
    )
    op.create_table(
        "paragraph",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("underlag", sa.Text(), nullable=False),
        sa.Column("minutes", sa.Text(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.Column("created_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('application', 'information', 'plan', 'report', 'delegation', 'correction', 'other')",
            name=op.f("ck_paragraph_kind"),
        ),
        sa.CheckConstraint(
            "number IS NULL OR number > 0", name=op.f("ck_paragraph_positive_number")
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            name=op.f("fk_paragraph_application_id_application"),
        ),
        sa.ForeignKeyConstraint(
            ["corrects_id"], ["paragraph.id"], name=op.f("fk_paragraph_corrects_id_paragraph")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_paragraph_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_paragraph")),
        sa.UniqueConstraint("year", "number", name=op.f("uq_paragraph_year_number")),
    )
    with op.batch_alter_table("paragraph", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_paragraph_application_id"), ["application_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_paragraph_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("paragraph_id", sa.Integer(), nullable=True),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("conditions", sa.Text(), nullable=False),
        sa.Column("report_dates", sa.JSON(), nullable=False),
        sa.Column("over_budget_confirmed", sa.Boolean(), nullable=False),
        sa.Column("postponed_to_id", sa.Integer(), nullable=True),
        sa.Column("delegation_limit", models.base.Money(precision=14, scale=2), nullable=True),
        sa.Column("delegated", sa.Boolean(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("reported_in_id", sa.Integer(), nullable=True),
        sa.Column("acted_at", models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "outcome IN ('granted', 'partly_granted', 'rejected', 'referred_back', 'postponed', 'adopted', 'noted', 'withdrawn')",
            name=op.f("ck_decision_outcome"),
        ),
        sa.CheckConstraint(
            "paragraph_id IS NOT NULL OR delegated", name=op.f("ck_decision_board_or_delegated")
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            name=op.f("fk_decision_application_id_application"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["user_account.id"],
            name=op.f("fk_decision_decided_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["paragraph_id"],
            ["paragraph.id"],
            name=op.f("fk_decision_paragraph_id_paragraph"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["postponed_to_id"], ["meeting.id"], name=op.f("fk_decision_postponed_to_id_meeting")
        ),
        sa.ForeignKeyConstraint(
            ["reported_in_id"], ["paragraph.id"], name=op.f("fk_decision_reported_in_id_paragraph")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision")),
        sa.UniqueConstraint("paragraph_id", name=op.f("uq_decision_paragraph_id")),
    )
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_decision_application_id"), ["application_id"], unique=False
        )

    op.create_table(
        "recusal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("paragraph_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["board_member.id"], name=op.f("fk_recusal_member_id_board_member")
        ),
        sa.ForeignKeyConstraint(
            ["paragraph_id"],
            ["paragraph.id"],
            name=op.f("fk_recusal_paragraph_id_paragraph"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recusal")),
        sa.UniqueConstraint(
            "paragraph_id", "member_id", name=op.f("uq_recusal_paragraph_id_member_id")
        ),
    )
    op.create_table(
        "decision_year",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("amount", models.base.Money(precision=14, scale=2), nullable=False),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_decision_year_not_negative")),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["decision.id"],
            name=op.f("fk_decision_year_decision_id_decision"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision_year")),
        sa.UniqueConstraint("decision_id", "year", name=op.f("uq_decision_year_decision_id_year")),
    )


def downgrade():
    op.drop_table("decision_year")
    op.drop_table("recusal")
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_decision_application_id"))
    op.drop_table("decision")
    with op.batch_alter_table("paragraph", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_paragraph_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_paragraph_application_id"))
    op.drop_table("paragraph")
    op.drop_table("attendance")
    op.drop_table("meeting")
    with op.batch_alter_table("board_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_board_member_organisation_id"))
    op.drop_table("board_member")
