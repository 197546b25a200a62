"""indexes on mostly-NULL links hold only the rows that have a value

Revision ID: 0011_sparse_indexes
Revises: 0010_data_version

A decision reported in a §, a decision postponed to a meeting, a § or payment that
corrects another: these links are NULL on nearly every row. Once ANALYZE has run,
SQLite's planner counts the NULLs as one value shared by almost the whole table
and reads the table instead of the plain index (the protocol's delegation lookups
took 1–2 ms on the large data set of bench/). Partial indexes of the non-NULL rows
are small and counted right; ``= ?`` and ``IN (…)`` use them on SQLite and
PostgreSQL alike (models/base.sparse_index).
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_sparse_indexes"
down_revision = "0010_data_version"
branch_labels = None
depends_on = None

SPARSE = [
    ("decision", "reported_in_id"),
    ("decision", "postponed_to_id"),
    ("paragraph", "corrects_id"),
    ("payment", "corrects_id"),
]


def upgrade():
    for table, column in SPARSE:
        name = f"ix_{table}_{column}"
        present = sa.column(column).is_not(None)
        op.drop_index(name, table_name=table)
        op.create_index(name, table, [column], sqlite_where=present, postgresql_where=present)


def downgrade():
    for table, column in reversed(SPARSE):
        name = f"ix_{table}_{column}"
        op.drop_index(name, table_name=table)
        op.create_index(name, table, [column])
