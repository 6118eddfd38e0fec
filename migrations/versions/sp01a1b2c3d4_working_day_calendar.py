"""working-day calendar: the holiday table (休 / 班)

Revision ID: sp01a1b2c3d4
Revises: c6d1e2f3a4b7
Create Date: 2026-11-30 19:20:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'sp01a1b2c3d4'
down_revision = 'c6d1e2f3a4b7'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'workday_holiday',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('day_kind', sa.String(length=8), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.CheckConstraint("day_kind IN ('off', 'work')", name=op.f('ck_workday_holiday_day_kind')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_workday_holiday')),
        sa.UniqueConstraint('day', name=op.f('uq_workday_holiday_day')),
    )


def downgrade():
    op.drop_table('workday_holiday')
