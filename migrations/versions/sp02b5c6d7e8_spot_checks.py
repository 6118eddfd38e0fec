"""spot checks (双随机、一公开): item list, inspector pool, plans, draws with frozen inputs, tasks

Revision ID: sp02b5c6d7e8
Revises: ve01f1nd1ng5
Create Date: 2026-11-30 19:36:59.062031

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'sp02b5c6d7e8'
down_revision = 've01f1nd1ng5'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('spot_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('matter', sa.String(length=200), nullable=False),
    sa.Column('basis', sa.Text(), nullable=False),
    sa.Column('checked_subject', sa.String(length=200), nullable=False),
    sa.Column('check_content', sa.Text(), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.CheckConstraint("method IN ('written', 'onsite', 'online')", name=op.f('ck_spot_item_method')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spot_item')),
    sa.UniqueConstraint('code', name=op.f('uq_spot_item_code'))
    )
    op.create_table('spot_inspector',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['ab_user.id'], name=op.f('fk_spot_inspector_user_id_ab_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spot_inspector')),
    sa.UniqueConstraint('user_id', name=op.f('uq_spot_inspector_user_id'))
    )
    op.create_table('spot_inspector_affiliation',
    sa.Column('inspector_id', sa.Integer(), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['inspector_id'], ['spot_inspector.id'], name=op.f('fk_spot_inspector_affiliation_inspector_id_spot_inspector'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_spot_inspector_affiliation_institution_id_institution')),
    sa.PrimaryKeyConstraint('inspector_id', 'institution_id', name=op.f('pk_spot_inspector_affiliation'))
    )
    op.create_table('spot_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('spot_item_id', sa.Integer(), nullable=False),
    sa.Column('sample_ratio', sa.Numeric(precision=4, scale=2), nullable=False),
    sa.Column('per_target', sa.Integer(), nullable=False),
    sa.Column('publicity_ends_on', sa.Date(), nullable=False),
    sa.Column('pool_root_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'frozen', 'drawn')", name=op.f('ck_spot_plan_status')),
    sa.CheckConstraint('per_target >= 2', name=op.f('ck_spot_plan_per_target')),
    sa.CheckConstraint('sample_ratio >= 1 AND sample_ratio <= 3', name=op.f('ck_spot_plan_sample_ratio')),
    sa.ForeignKeyConstraint(['pool_root_id'], ['institution.id'], name=op.f('fk_spot_plan_pool_root_id_institution')),
    sa.ForeignKeyConstraint(['spot_item_id'], ['spot_item.id'], name=op.f('fk_spot_plan_spot_item_id_spot_item')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spot_plan')),
    sa.UniqueConstraint('code', name=op.f('uq_spot_plan_code'))
    )
    with op.batch_alter_table('spot_plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_spot_plan_spot_item_id'), ['spot_item_id'], unique=False)

    op.create_table('spot_draw',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('algorithm', sa.String(length=40), nullable=False),
    sa.Column('seed', sa.String(length=200), nullable=False),
    sa.Column('seed_source', sa.Text(), nullable=False),
    sa.Column('frozen_at', sa.DateTime(), nullable=False),
    sa.Column('frozen_by', sa.String(length=150), nullable=False),
    sa.Column('candidates', sa.Text(), nullable=False),
    sa.Column('candidates_hash', sa.String(length=64), nullable=False),
    sa.Column('candidate_count', sa.Integer(), nullable=False),
    sa.Column('inspectors', sa.Text(), nullable=False),
    sa.Column('inspectors_hash', sa.String(length=64), nullable=False),
    sa.Column('target_count', sa.Integer(), nullable=False),
    sa.Column('drawn_at', sa.DateTime(), nullable=True),
    sa.Column('result', sa.Text(), nullable=True),
    sa.Column('result_hash', sa.String(length=64), nullable=True),
    sa.Column('publish_due_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['plan_id'], ['spot_plan.id'], name=op.f('fk_spot_draw_plan_id_spot_plan')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spot_draw')),
    sa.UniqueConstraint('plan_id', name=op.f('uq_spot_draw_plan_id'))
    )
    op.create_table('spot_task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('draw_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=True),
    sa.Column('recorded_by', sa.String(length=150), nullable=True),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("outcome IN ('pending', 'compliant', 'problems')", name=op.f('ck_spot_task_outcome')),
    sa.ForeignKeyConstraint(['draw_id'], ['spot_draw.id'], name=op.f('fk_spot_task_draw_id_spot_draw')),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_spot_task_institution_id_institution')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spot_task')),
    sa.UniqueConstraint('draw_id', 'institution_id', name=op.f('uq_spot_task_draw_id'))
    )
    with op.batch_alter_table('spot_task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_spot_task_draw_id'), ['draw_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_spot_task_institution_id'), ['institution_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_spot_task_year'), ['year'], unique=False)

    op.create_table('spot_task_inspector',
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('inspector_id', sa.Integer(), nullable=False),
    sa.Column('seat', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['inspector_id'], ['spot_inspector.id'], name=op.f('fk_spot_task_inspector_inspector_id_spot_inspector')),
    sa.ForeignKeyConstraint(['task_id'], ['spot_task.id'], name=op.f('fk_spot_task_inspector_task_id_spot_task'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('task_id', 'inspector_id', name=op.f('pk_spot_task_inspector'))
    )
    with op.batch_alter_table('spot_task_inspector', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_spot_task_inspector_inspector_id'), ['inspector_id'], unique=False)



def downgrade():
    with op.batch_alter_table('spot_task_inspector', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_spot_task_inspector_inspector_id'))

    op.drop_table('spot_task_inspector')
    with op.batch_alter_table('spot_task', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_spot_task_year'))
        batch_op.drop_index(batch_op.f('ix_spot_task_institution_id'))
        batch_op.drop_index(batch_op.f('ix_spot_task_draw_id'))

    op.drop_table('spot_task')
    op.drop_table('spot_draw')
    with op.batch_alter_table('spot_plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_spot_plan_spot_item_id'))

    op.drop_table('spot_plan')
    op.drop_table('spot_inspector_affiliation')
    op.drop_table('spot_inspector')
    op.drop_table('spot_item')
