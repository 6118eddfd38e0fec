"""office divisions, task forces, hearings, opinions, coordination list (issue 3)

Revision ID: b5c1d2e3f4a6
Revises: a4b1c2d3e4f5
Create Date: 2026-11-26 00:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b5c1d2e3f4a6'
down_revision = 'a4b1c2d3e4f5'
branch_labels = None
depends_on = None


def upgrade():
    # office divisions, task forces, hearings, opinions, coordination list
    op.create_table('office_division',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('name_en', sa.String(length=100), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('sort', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_office_division')),
    sa.UniqueConstraint('code', name=op.f('uq_office_division_code')),
    sa.UniqueConstraint('name', name=op.f('uq_office_division_name'))
    )
    op.create_table('division_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('division_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['division_id'], ['office_division.id'], name=op.f('fk_division_member_division_id_office_division')),
    sa.ForeignKeyConstraint(['user_id'], ['ab_user.id'], name=op.f('fk_division_member_user_id_ab_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_division_member')),
    sa.UniqueConstraint('division_id', 'user_id', name='uq_division_member_pair')
    )
    op.create_index(op.f('ix_division_member_division_id'), 'division_member', ['division_id'], unique=False)
    op.create_index(op.f('ix_division_member_user_id'), 'division_member', ['user_id'], unique=False)
    op.create_table('hearing',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('location', sa.String(length=200), nullable=True),
    sa.Column('organiser_id', sa.Integer(), nullable=False),
    sa.Column('participants', sa.Text(), nullable=True),
    sa.Column('minutes', sa.Text(), nullable=True),
    sa.CheckConstraint("kind IN ('forum', 'defence', 'public_hearing')", name=op.f('ck_hearing_kind')),
    sa.ForeignKeyConstraint(['organiser_id'], ['office_division.id'], name=op.f('fk_hearing_organiser_id_office_division')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hearing')),
    sa.UniqueConstraint('title', name=op.f('uq_hearing_title'))
    )
    op.create_index(op.f('ix_hearing_organiser_id'), 'hearing', ['organiser_id'], unique=False)
    op.create_table('task_force',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=True),
    sa.Column('lead_division_id', sa.Integer(), nullable=False),
    sa.Column('established_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.CheckConstraint("status IN ('active', 'dissolved')", name=op.f('ck_task_force_status')),
    sa.ForeignKeyConstraint(['lead_division_id'], ['office_division.id'], name=op.f('fk_task_force_lead_division_id_office_division')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_force')),
    sa.UniqueConstraint('name', name=op.f('uq_task_force_name'))
    )
    op.create_index(op.f('ix_task_force_lead_division_id'), 'task_force', ['lead_division_id'], unique=False)
    op.create_table('coordination_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('lead_leader', sa.String(length=100), nullable=False),
    sa.Column('lead_division_id', sa.Integer(), nullable=False),
    sa.Column('task_force_id', sa.Integer(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('closing_note', sa.Text(), nullable=True),
    sa.CheckConstraint("(status = 'closed' AND closed_on IS NOT NULL AND closing_note IS NOT NULL) OR (status <> 'closed' AND closed_on IS NULL)", name=op.f('ck_coordination_item_closed_consistent')),
    sa.CheckConstraint("status IN ('in_progress', 'supervised', 'closed')", name=op.f('ck_coordination_item_status')),
    sa.ForeignKeyConstraint(['lead_division_id'], ['office_division.id'], name=op.f('fk_coordination_item_lead_division_id_office_division')),
    sa.ForeignKeyConstraint(['task_force_id'], ['task_force.id'], name=op.f('fk_coordination_item_task_force_id_task_force')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coordination_item')),
    sa.UniqueConstraint('title', name=op.f('uq_coordination_item_title'))
    )
    op.create_index(op.f('ix_coordination_item_lead_division_id'), 'coordination_item', ['lead_division_id'], unique=False)
    op.create_index(op.f('ix_coordination_item_task_force_id'), 'coordination_item', ['task_force_id'], unique=False)
    op.create_table('opinion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('hearing_id', sa.Integer(), nullable=True),
    sa.Column('source_kind', sa.String(length=20), nullable=False),
    sa.Column('source_name', sa.String(length=200), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('handling', sa.String(length=20), nullable=False),
    sa.Column('handling_note', sa.Text(), nullable=True),
    sa.Column('handled_on', sa.Date(), nullable=True),
    sa.CheckConstraint("(handling = 'pending') = (handled_on IS NULL)", name=op.f('ck_opinion_handled_on')),
    sa.CheckConstraint("handling IN ('pending', 'adopted', 'partly_adopted', 'not_adopted')", name=op.f('ck_opinion_handling')),
    sa.CheckConstraint("handling NOT IN ('partly_adopted', 'not_adopted') OR handling_note IS NOT NULL", name=op.f('ck_opinion_note')),
    sa.CheckConstraint("source_kind IN ('city_leader', 'department', 'district', 'npc', 'cppcc', 'expert', 'mayor_mailbox', 'hotline', 'conduct_online')", name=op.f('ck_opinion_source_kind')),
    sa.ForeignKeyConstraint(['hearing_id'], ['hearing.id'], name=op.f('fk_opinion_hearing_id_hearing')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opinion'))
    )
    op.create_index(op.f('ix_opinion_hearing_id'), 'opinion', ['hearing_id'], unique=False)
    op.create_table('task_force_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_force_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('division_id', sa.Integer(), nullable=False),
    sa.Column('is_lead', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['division_id'], ['office_division.id'], name=op.f('fk_task_force_member_division_id_office_division')),
    sa.ForeignKeyConstraint(['task_force_id'], ['task_force.id'], name=op.f('fk_task_force_member_task_force_id_task_force'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['ab_user.id'], name=op.f('fk_task_force_member_user_id_ab_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_force_member')),
    sa.UniqueConstraint('task_force_id', 'user_id', name='uq_task_force_member_pair')
    )
    op.create_index(op.f('ix_task_force_member_division_id'), 'task_force_member', ['division_id'], unique=False)
    op.create_index(op.f('ix_task_force_member_task_force_id'), 'task_force_member', ['task_force_id'], unique=False)
    op.create_index(op.f('ix_task_force_member_user_id'), 'task_force_member', ['user_id'], unique=False)
    op.create_table('coordination_item_division',
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('division_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['division_id'], ['office_division.id'], name=op.f('fk_coordination_item_division_division_id_office_division')),
    sa.ForeignKeyConstraint(['item_id'], ['coordination_item.id'], name=op.f('fk_coordination_item_division_item_id_coordination_item'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('item_id', 'division_id', name=op.f('pk_coordination_item_division'))
    )
    op.create_table('coordination_milestone',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['item_id'], ['coordination_item.id'], name=op.f('fk_coordination_milestone_item_id_coordination_item'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coordination_milestone'))
    )
    op.create_index(op.f('ix_coordination_milestone_item_id'), 'coordination_milestone', ['item_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_coordination_milestone_item_id'), table_name='coordination_milestone')
    op.drop_table('coordination_milestone')
    op.drop_table('coordination_item_division')
    op.drop_index(op.f('ix_task_force_member_user_id'), table_name='task_force_member')
    op.drop_index(op.f('ix_task_force_member_task_force_id'), table_name='task_force_member')
    op.drop_index(op.f('ix_task_force_member_division_id'), table_name='task_force_member')
    op.drop_table('task_force_member')
    op.drop_index(op.f('ix_opinion_hearing_id'), table_name='opinion')
    op.drop_table('opinion')
    op.drop_index(op.f('ix_coordination_item_task_force_id'), table_name='coordination_item')
    op.drop_index(op.f('ix_coordination_item_lead_division_id'), table_name='coordination_item')
    op.drop_table('coordination_item')
    op.drop_index(op.f('ix_task_force_lead_division_id'), table_name='task_force')
    op.drop_table('task_force')
    op.drop_index(op.f('ix_hearing_organiser_id'), table_name='hearing')
    op.drop_table('hearing')
    op.drop_index(op.f('ix_division_member_user_id'), table_name='division_member')
    op.drop_index(op.f('ix_division_member_division_id'), table_name='division_member')
    op.drop_table('division_member')
    op.drop_table('office_division')
