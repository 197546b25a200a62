"""books: the förbund's cost accounts for SIE and its PO-pålägg per year

Revision ID: 0023_books
Revises: 0022_mtg_jav

* cost_account: the BAS account per cost category of the förbund's own insatser
  (categories without a row use the defaults of app/services/money/ledger.py).
* po_rate: PO-pålägg per year and kind of employer (source "skr" or "forbund"); a year
  without a row has no rate ("ej angivet"). The table starts empty, like every table
  (a backup is restored into an empty migrated database): SKR's published rates are
  added by app/services/money/po_rates.seed_skr_rates (the demo, and the button on
  Inställningar → PO-pålägg).
* payment.date_confirmed / date_reason: an unusual payment date, confirmed with a reason.
* outcome.month: an outcome is an entry per period (month, or NULL for the whole year)
  and category; the old one-row-per-category rule gives way to one per month.
"""

import sqlalchemy as sa
from alembic import op

import models.base

revision = "0023_books"
down_revision = "0022_mtg_jav"
branch_labels = None
depends_on = None

def upgrade():
    op.create_table(
        "cost_account",
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("account", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("created_at", models.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", models.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("category", name=op.f("pk_cost_account")),
    )
    op.create_table(
        "po_rate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("employer", sa.String(length=10), nullable=False),
        sa.Column("rate", models.base.Percent(precision=14, scale=2), nullable=False),
        sa.Column("source", sa.String(length=10), server_default="forbund", nullable=False),
        sa.Column("created_at", models.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", models.base.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "employer IN ('kommun', 'region', 'state')", name=op.f("ck_po_rate_employer_known")
        ),
        sa.CheckConstraint("source IN ('skr', 'forbund')", name=op.f("ck_po_rate_source_known")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_po_rate")),
        sa.UniqueConstraint("year", "employer", name="uq_po_rate_year_employer"),
    )
    with op.batch_alter_table("payment") as batch_op:
        batch_op.add_column(
            sa.Column("date_confirmed", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("date_reason", sa.Text(), server_default="", nullable=False))
    with op.batch_alter_table("outcome") as batch_op:
        batch_op.add_column(sa.Column("month", sa.Integer(), nullable=True))
        batch_op.drop_constraint("uq_outcome_grant_id_year_category", type_="unique")
        batch_op.create_unique_constraint(
            "uq_outcome_grant_id_year_category_month", ["grant_id", "year", "category", "month"]
        )
        batch_op.create_check_constraint(
            op.f("ck_outcome_month_range"), "month IS NULL OR (month >= 1 AND month <= 12)"
        )


def downgrade():
    with op.batch_alter_table("outcome") as batch_op:
        batch_op.drop_constraint(op.f("ck_outcome_month_range"), type_="check")
        batch_op.drop_constraint("uq_outcome_grant_id_year_category_month", type_="unique")
        batch_op.create_unique_constraint(
            "uq_outcome_grant_id_year_category", ["grant_id", "year", "category"]
        )
        batch_op.drop_column("month")
    with op.batch_alter_table("payment") as batch_op:
        batch_op.drop_column("date_reason")
        batch_op.drop_column("date_confirmed")
    op.drop_table("po_rate")
    op.drop_table("cost_account")
