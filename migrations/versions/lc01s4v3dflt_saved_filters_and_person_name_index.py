"""saved filters (收藏的筛选) and the person name index of the global search (issue 16 §3)

Revision ID: lc01s4v3dflt
Revises: rg02t1mel1m1
Create Date: 2026-12-01 03:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'lc01s4v3dflt'
down_revision = 'rg02t1mel1m1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('saved_filter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('view_name', sa.String(length=100), nullable=False),
    sa.Column('args', sa.Text(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('shared_role_id', sa.Integer(), nullable=True),
    sa.Column('created_on', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['ab_user.id'], name=op.f('fk_saved_filter_owner_id_ab_user'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['shared_role_id'], ['ab_role.id'], name=op.f('fk_saved_filter_shared_role_id_ab_role'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_saved_filter')),
    sa.UniqueConstraint('owner_id', 'view_name', 'name', name=op.f('uq_saved_filter_owner_id'))
    )
    with op.batch_alter_table('saved_filter', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_saved_filter_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_saved_filter_shared_role_id'), ['shared_role_id'], unique=False)
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index('ix_person_name', ['name'], unique=False,
                              postgresql_ops={'name': 'varchar_pattern_ops'})


def downgrade():
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index('ix_person_name')
    with op.batch_alter_table('saved_filter', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_saved_filter_shared_role_id'))
        batch_op.drop_index(batch_op.f('ix_saved_filter_owner_id'))
    op.drop_table('saved_filter')
