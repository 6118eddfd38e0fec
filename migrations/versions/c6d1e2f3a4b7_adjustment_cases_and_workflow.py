"""adjustment cases, workflow engine, evaluations (issue 3)

Revision ID: c6d1e2f3a4b7
Revises: b5c1d2e3f4a6
Create Date: 2026-11-26 00:40:00

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = 'c6d1e2f3a4b7'
down_revision = 'b5c1d2e3f4a6'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
