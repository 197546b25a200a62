"""form_submission: used form-instance tokens, so a repeated post stores nothing twice

Revision ID: 0016_form_submission
Revises: 0015_session_version_throttle

Every form that creates a money row carries a one-time token. The first submit
stores it here in the same transaction as the money row; the unique token makes
a second submit of the same form (after or at the same moment) answer with the
first result. Rows older than the kept period are pruned when a token is stored.
"""

import sqlalchemy as sa
from alembic import op

import models.base

revision = "0016_form_submission"
down_revision = "0015_session_version_throttle"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "form_submission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("endpoint", sa.String(length=100), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("created_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_form_submission_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_submission")),
        sa.UniqueConstraint("token", name=op.f("uq_form_submission_token")),
    )
    with op.batch_alter_table("form_submission", schema=None) as batch_op:
        batch_op.create_index("ix_form_submission_created_at", ["created_at"], unique=False)


def downgrade():
    with op.batch_alter_table("form_submission", schema=None) as batch_op:
        batch_op.drop_index("ix_form_submission_created_at")
    op.drop_table("form_submission")
