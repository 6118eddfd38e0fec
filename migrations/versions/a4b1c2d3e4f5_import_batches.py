"""import batches (issue 4)

Revision ID: a4b1c2d3e4f5
Revises: 09ec9cd680de
Create Date: 2026-11-26 00:40:00

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = 'a4b1c2d3e4f5'
down_revision = '09ec9cd680de'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
