"""Issue 12 item 2: the cache generation a list page checks with its user.

Revision ID: cg01gen5stmt
Revises: xf01extraf1d
Create Date: 2026-12-01 08:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'cg01gen5stmt'
down_revision = 'xf01extraf1d'
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table('cache_generation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cache_generation'))
    )
    op.bulk_insert(table, [{'id': 1, 'value': 0}])


def downgrade():
    op.drop_table('cache_generation')
