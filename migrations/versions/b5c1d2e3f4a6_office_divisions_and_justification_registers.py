"""office divisions, task forces, hearings, opinions, coordination list (issue 3)

Revision ID: b5c1d2e3f4a6
Revises: a4b1c2d3e4f5
Create Date: 2026-11-26 00:40:00

"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


# revision identifiers, used by Alembic.
revision = 'b5c1d2e3f4a6'
down_revision = 'a4b1c2d3e4f5'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
