"""protocol_file: kind 'anslag' and the protocol data each file is built from

Revision ID: 0024_docs_followup
Revises: 0023_books

The file frozen at justering is never changed; when the anslag is recorded a second
file is stored (kind 'anslag'): the same protocol with the anslagsbevis filled in.
``data`` keeps the protocol's content as it stood at justering (JSON), so both files
are built from the same data. Files frozen before this revision have no data (NULL).
"""

import sqlalchemy as sa
from alembic import op

revision = "0024_docs_followup"
down_revision = "0023_books"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("protocol_file") as batch_op:
        batch_op.add_column(sa.Column("data", sa.JSON(), nullable=True))
        batch_op.drop_constraint(op.f("ck_protocol_file_kind"), type_="check")
        batch_op.create_check_constraint("kind", "kind IN ('protocol', 'anslag')")


def downgrade():
    op.execute("DELETE FROM protocol_file WHERE kind = 'anslag'")
    with op.batch_alter_table("protocol_file") as batch_op:
        batch_op.drop_constraint(op.f("ck_protocol_file_kind"), type_="check")
        batch_op.create_check_constraint("kind", "kind IN ('protocol')")
        batch_op.drop_column("data")
