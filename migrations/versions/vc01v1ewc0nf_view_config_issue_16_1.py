"""Issue 16 §1: list views configured as data, per resource and role.

Revision ID: vc01v1ewc0nf
Revises: im01k3ptpars
Create Date: 2026-12-01 03:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'vc01v1ewc0nf'
down_revision = 'im01k3ptpars'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('view_config',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('resource', sa.String(length=64), nullable=False),
    sa.Column('role_id', sa.Integer(), nullable=False),
    sa.Column('list_columns', sa.JSON(), nullable=False),
    sa.Column('search_columns', sa.JSON(), nullable=True),
    sa.Column('order_column', sa.String(length=100), nullable=True),
    sa.Column('order_direction', sa.String(length=4), nullable=True),
    sa.Column('page_size', sa.Integer(), nullable=True),
    sa.Column('filters', sa.JSON(), nullable=False),
    sa.Column('labels', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("order_direction IS NULL OR order_direction IN ('asc', 'desc')", name=op.f('ck_view_config_order_direction')),
    sa.CheckConstraint('page_size IS NULL OR page_size BETWEEN 1 AND 100', name=op.f('ck_view_config_page_size_range')),
    sa.ForeignKeyConstraint(['role_id'], ['ab_role.id'], name=op.f('fk_view_config_role_id_ab_role'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_view_config')),
    sa.UniqueConstraint('resource', 'role_id', name=op.f('uq_view_config_resource'))
    )
    with op.batch_alter_table('view_config', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_view_config_role_id'), ['role_id'], unique=False)


def downgrade():
    with op.batch_alter_table('view_config', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_view_config_role_id'))
    op.drop_table('view_config')
