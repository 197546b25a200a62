"""indexes for sums per year and the application year filter

Revision ID: 0008_year_sum_indexes
Revises: 0007_sie_accounts

The grant register's totals, the dashboard and the plan follow-up sum payments,
outcomes, grant years and budget lines per year; (year, amount) lets the database
read the index instead of the table. min(period_start) and max(period_end) give the
application list its year filter.
"""

from alembic import op

revision = "0008_year_sum_indexes"
down_revision = "0007_sie_accounts"
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_payment_year_amount", "payment", ["year", "amount"]),
    ("ix_outcome_year_amount", "outcome", ["year", "amount"]),
    ("ix_grant_year_year_amount", "grant_year", ["year", "amount"]),
    ("ix_grant_budget_year_amount", "grant_budget", ["year", "amount"]),
    ("ix_application_period_start", "application", ["period_start"]),
    ("ix_application_period_end", "application", ["period_end"]),
]


def upgrade():
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade():
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
