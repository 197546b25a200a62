"""accounts for the SIE export of payments

Revision ID: 0007_sie_accounts
Revises: 0006_plans
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_sie_accounts"
down_revision = "0006_plans"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("forbund") as batch_op:
        batch_op.add_column(
            sa.Column("grant_account", sa.String(length=10), server_default="4990", nullable=False)
        )
        batch_op.add_column(
            sa.Column("bank_account", sa.String(length=10), server_default="1930", nullable=False)
        )


def downgrade():
    with op.batch_alter_table("forbund") as batch_op:
        batch_op.drop_column("bank_account")
        batch_op.drop_column("grant_account")
