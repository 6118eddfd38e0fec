"""Issue 14 §5: time limits on workflow states, the lead leader, step deadlines,
escalations once per step, delegations (代办) and acting on behalf.

Revision ID: dl01d3ad1n35
Revises: pp01s3arch1dx
Create Date: 2026-11-30 22:48:11.753890

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'dl01d3ad1n35'
down_revision = 'pp01s3arch1dx'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('workflow_delegation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('delegator_id', sa.Integer(), nullable=False),
    sa.Column('delegate_id', sa.Integer(), nullable=False),
    sa.Column('role_id', sa.Integer(), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('end_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=True),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint('delegator_id <> delegate_id', name=op.f('ck_workflow_delegation_not_self')),
    sa.CheckConstraint('end_on >= start_on', name=op.f('ck_workflow_delegation_period')),
    sa.ForeignKeyConstraint(['delegate_id'], ['ab_user.id'], name=op.f('fk_workflow_delegation_delegate_id_ab_user'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['delegator_id'], ['ab_user.id'], name=op.f('fk_workflow_delegation_delegator_id_ab_user'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['role_id'], ['ab_role.id'], name=op.f('fk_workflow_delegation_role_id_ab_role'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workflow_delegation'))
    )
    with op.batch_alter_table('workflow_delegation', schema=None) as batch_op:
        batch_op.create_index('ix_workflow_delegation_delegate', ['delegate_id', 'start_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_workflow_delegation_delegator_id'), ['delegator_id'], unique=False)

    op.create_table('workflow_escalation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('subject_type', sa.String(length=50), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('state_id', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('leader_id', sa.Integer(), nullable=True),
    sa.Column('escalated_on', sa.Date(), nullable=False),
    sa.Column('at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['workflow_history.id'], name=op.f('fk_workflow_escalation_entry_id_workflow_history'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['leader_id'], ['ab_user.id'], name=op.f('fk_workflow_escalation_leader_id_ab_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['state_id'], ['workflow_state.id'], name=op.f('fk_workflow_escalation_state_id_workflow_state')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workflow_escalation')),
    sa.UniqueConstraint('entry_id', name='uq_workflow_escalation_entry')
    )
    with op.batch_alter_table('workflow_escalation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workflow_escalation_leader_id'), ['leader_id'], unique=False)
        batch_op.create_index('ix_workflow_escalation_subject', ['subject_type', 'subject_id'], unique=False)

    with op.batch_alter_table('countersignature', schema=None) as batch_op:
        batch_op.add_column(sa.Column('on_behalf_of_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_countersignature_on_behalf_of_id_ab_user'), 'ab_user', ['on_behalf_of_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('workflow', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lead_leader_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_workflow_lead_leader_id_ab_user'), 'ab_user', ['lead_leader_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('workflow_history', schema=None) as batch_op:
        batch_op.add_column(sa.Column('on_behalf_of_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('on_behalf_of_name', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('due_on', sa.Date(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_workflow_history_on_behalf_of_id_ab_user'), 'ab_user', ['on_behalf_of_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('workflow_state', schema=None) as batch_op:
        batch_op.add_column(sa.Column('time_limit_days', sa.Integer(), nullable=True))
        batch_op.create_check_constraint(batch_op.f('ck_workflow_state_time_limit_days'),
                                         'time_limit_days IS NULL OR time_limit_days BETWEEN 1 AND 365')



def downgrade():
    with op.batch_alter_table('workflow_state', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_workflow_state_time_limit_days'), type_='check')
        batch_op.drop_column('time_limit_days')

    with op.batch_alter_table('workflow_history', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_workflow_history_on_behalf_of_id_ab_user'), type_='foreignkey')
        batch_op.drop_column('due_on')
        batch_op.drop_column('on_behalf_of_name')
        batch_op.drop_column('on_behalf_of_id')

    with op.batch_alter_table('workflow', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_workflow_lead_leader_id_ab_user'), type_='foreignkey')
        batch_op.drop_column('lead_leader_id')

    with op.batch_alter_table('countersignature', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_countersignature_on_behalf_of_id_ab_user'), type_='foreignkey')
        batch_op.drop_column('on_behalf_of_id')

    with op.batch_alter_table('workflow_escalation', schema=None) as batch_op:
        batch_op.drop_index('ix_workflow_escalation_subject')
        batch_op.drop_index(batch_op.f('ix_workflow_escalation_leader_id'))

    op.drop_table('workflow_escalation')
    with op.batch_alter_table('workflow_delegation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workflow_delegation_delegator_id'))
        batch_op.drop_index('ix_workflow_delegation_delegate')

    op.drop_table('workflow_delegation')
