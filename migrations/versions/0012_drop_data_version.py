"""drop data_version: pages are built afresh, nothing is keyed on a version any more

Revision ID: 0012_drop_data_version
Revises: 0011_sparse_indexes

The table held the one number every committed write moved on, which the page
cache keyed its pages on. The cache is gone, so the table goes too. A downgrade
makes it again as 0010_data_version made it, with its single row.
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0012_drop_data_version"
down_revision = "0011_sparse_indexes"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_table("data_version")


def downgrade():
    table = op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("epoch", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_version")),
    )
    op.bulk_insert(table, [{"id": 1, "version": 1, "epoch": secrets.token_hex(8)}])
