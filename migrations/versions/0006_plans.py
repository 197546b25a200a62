"""verksamhetsplan, goals, indicators, follow-up

Revision ID: 0006_plans
Revises: 0005_grants
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

import models.base  # noqa: F401

revision = "0006_plans"
down_revision = "0005_grants"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
