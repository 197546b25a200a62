"""sessions that end and exact log-in throttling

Revision ID: 0015_session_version_throttle
Revises: 0013_application_created_at

``user_account.session_version`` is part of the id kept in the session cookie;
raising it (log-out, new password, role change, deactivation) ends every session
of the user. ``login_throttle`` holds one counter per throttle key (account and
client address, or address), taken with an atomic UPDATE so parallel tries are
counted exactly.
"""

import sqlalchemy as sa
from alembic import op

from models.base import UTCDateTime

revision = "0015_session_version_throttle"
down_revision = "0013_application_created_at"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("user_account") as batch_op:
        batch_op.add_column(
            sa.Column("session_version", sa.Integer(), server_default="0", nullable=False)
        )
    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("tries", sa.Integer(), nullable=False),
        sa.Column("window_start", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_login_throttle")),
    )


def downgrade():
    op.drop_table("login_throttle")
    with op.batch_alter_table("user_account") as batch_op:
        batch_op.drop_column("session_version")
