"""data_version: the number every committed write moves on, for cached pages

Revision ID: 0010_data_version
Revises: 0009_lookup_indexes

Pages that are costly to build are cached under the version they were built at
(app/page_cache.py); models/data_version.py bumps it in every transaction that
writes. The epoch is random so that a new database never reuses a version.
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0010_data_version"
down_revision = "0009_lookup_indexes"
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("epoch", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_version")),
    )
    op.bulk_insert(table, [{"id": 1, "version": 1, "epoch": secrets.token_hex(8)}])


def downgrade():
    op.drop_table("data_version")
