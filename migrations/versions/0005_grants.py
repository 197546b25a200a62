"""grants, payments, outcomes, reports

Revision ID: 0005_grants
Revises: 0004_meetings
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

import models.base  # noqa: F401

revision = "0005_grants"
down_revision = "0004_meetings"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
