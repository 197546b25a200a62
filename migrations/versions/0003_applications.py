"""applications for funds

Revision ID: 0003_applications
Revises: 0002_money
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

import models.base  # noqa: F401

revision = "0003_applications"
down_revision = "0002_money"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
