"""staff_line.annual_cost: a staff line entered as its annual cost

Revision ID: 0020_records_check
Revises: 0019_mail

A förbund's document often gives a staff line as its cost per year ("12 timmar,
30 procent tjänstgöring till 156 000 kronor per år") rather than salary × share ×
PO-pålägg. When ``annual_cost`` is set, the line costs that amount per year
(× months / 12); NULL keeps the salary calculation.
"""

import sqlalchemy as sa
from alembic import op

import models.base

revision = "0020_records_check"
down_revision = "0019_mail"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("staff_line") as batch_op:
        batch_op.add_column(sa.Column("annual_cost", models.base.Money(), nullable=True))
        batch_op.create_check_constraint(
            "annual_cost_not_negative", "annual_cost IS NULL OR annual_cost >= 0"
        )


def downgrade():
    with op.batch_alter_table("staff_line") as batch_op:
        batch_op.drop_constraint("ck_staff_line_annual_cost_not_negative", type_="check")
        batch_op.drop_column("annual_cost")
