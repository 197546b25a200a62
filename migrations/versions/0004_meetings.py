"""board, meetings, paragraphs, decisions

Revision ID: 0004_meetings
Revises: 0003_applications
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

import models.base  # noqa: F401

revision = "0004_meetings"
down_revision = "0003_applications"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
