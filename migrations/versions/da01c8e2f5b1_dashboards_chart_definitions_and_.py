"""dashboards: chart definitions and dashboards

Revision ID: da01c8e2f5b1
Revises: sp02b5c6d7e8
Create Date: 2026-11-30 19:13:54.639322

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'da01c8e2f5b1'
down_revision = 'sp02b5c6d7e8'  # re-chained onto main's head after merging it (was c6d1e2f3a4b7)
branch_labels = None
depends_on = None


def upgrade():
    # the chart builder (issue 15): definitions and dashboards, as data
    op.create_table('chart_definition',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('dataset', sa.String(length=50), nullable=False),
    sa.Column('dimension', sa.String(length=50), nullable=False),
    sa.Column('bucket', sa.String(length=10), nullable=True),
    sa.Column('split', sa.String(length=50), nullable=True),
    sa.Column('aggregate', sa.String(length=10), nullable=False),
    sa.Column('measure', sa.String(length=50), nullable=True),
    sa.Column('chart_type', sa.String(length=20), nullable=False),
    sa.Column('filters', sa.Text(), nullable=True),
    sa.Column('sort', sa.String(length=10), nullable=False),
    sa.Column('row_limit', sa.Integer(), nullable=True),
    sa.CheckConstraint("aggregate IN ('count', 'sum', 'avg')", name=op.f('ck_chart_definition_aggregate')),
    sa.CheckConstraint("bucket IS NULL OR bucket IN ('month', 'quarter', 'year')", name=op.f('ck_chart_definition_bucket')),
    sa.CheckConstraint("chart_type IN ('bar', 'stacked_bar', 'line', 'pie', 'table', 'number')", name=op.f('ck_chart_definition_chart_type')),
    sa.CheckConstraint("sort IN ('key', 'value', '-value')", name=op.f('ck_chart_definition_sort')),
    sa.CheckConstraint('row_limit IS NULL OR (row_limit >= 1 AND row_limit <= 500)', name=op.f('ck_chart_definition_row_limit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chart_definition')),
    sa.UniqueConstraint('name', name=op.f('uq_chart_definition_name'))
    )
    op.create_table('dashboard',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('landing', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dashboard')),
    sa.UniqueConstraint('name', name=op.f('uq_dashboard_name'))
    )
    op.create_table('dashboard_chart',
    sa.Column('dashboard_id', sa.Integer(), nullable=False),
    sa.Column('chart_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['chart_id'], ['chart_definition.id'], name=op.f('fk_dashboard_chart_chart_id_chart_definition'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['dashboard_id'], ['dashboard.id'], name=op.f('fk_dashboard_chart_dashboard_id_dashboard'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('dashboard_id', 'chart_id', name=op.f('pk_dashboard_chart'))
    )
    op.create_table('dashboard_role',
    sa.Column('dashboard_id', sa.Integer(), nullable=False),
    sa.Column('role_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['dashboard_id'], ['dashboard.id'], name=op.f('fk_dashboard_role_dashboard_id_dashboard'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['role_id'], ['ab_role.id'], name=op.f('fk_dashboard_role_role_id_ab_role'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('dashboard_id', 'role_id', name=op.f('pk_dashboard_role'))
    )


def downgrade():
    # the chart builder (issue 15): definitions and dashboards, as data
    op.drop_table('dashboard_role')
    op.drop_table('dashboard_chart')
    op.drop_table('dashboard')
    op.drop_table('chart_definition')
