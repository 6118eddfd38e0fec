"""用编进人 (issue 13 §2): application types, review meetings, staffing-use plans and
lines, entry batches and their persons, exit filings.

Revision ID: st01a7c3e9d2
Revises: ve02ver1f1ca
Create Date: 2026-11-30 19:12:12.393000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'st01a7c3e9d2'
down_revision = 've02ver1f1ca'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('staffing_application_type',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('applicant_kind', sa.String(length=30), nullable=False),
    sa.Column('channel', sa.String(length=30), nullable=False),
    sa.Column('required_documents', sa.Text(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.CheckConstraint("applicant_kind IN ('graduate', 'public', 'officer', 'civil_servant', 'institution_staff', 'policy', 'talent')", name=op.f('ck_staffing_application_type_applicant_kind')),
    sa.CheckConstraint("channel IN ('exam', 'recruitment', 'military', 'transfer', 'selection', 'policy', 'talent')", name=op.f('ck_staffing_application_type_channel')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staffing_application_type')),
    sa.UniqueConstraint('code', name=op.f('uq_staffing_application_type_code')),
    sa.UniqueConstraint('name', name=op.f('uq_staffing_application_type_name'))
    )
    op.create_table('staffing_review_meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('doc_no', sa.String(length=100), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('minutes', sa.Text(), nullable=True),
    sa.CheckConstraint("status <> 'decided' OR (doc_no IS NOT NULL AND decided_on IS NOT NULL)", name=op.f('ck_staffing_review_meeting_decided_has_doc_no')),
    sa.CheckConstraint("status IN ('scheduled', 'decided')", name=op.f('ck_staffing_review_meeting_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staffing_review_meeting')),
    sa.UniqueConstraint('title', name=op.f('uq_staffing_review_meeting_title'))
    )
    op.create_table('staffing_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('decision_doc_no', sa.String(length=100), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.CheckConstraint("status IN ('draft', 'submitted', 'approved', 'rejected')", name=op.f('ck_staffing_plan_status')),
    sa.CheckConstraint('year BETWEEN 2000 AND 2100', name=op.f('ck_staffing_plan_year_range')),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_staffing_plan_institution_id_institution')),
    sa.ForeignKeyConstraint(['meeting_id'], ['staffing_review_meeting.id'], name=op.f('fk_staffing_plan_meeting_id_staffing_review_meeting')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staffing_plan'))
    )
    with op.batch_alter_table('staffing_plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staffing_plan_institution_id'), ['institution_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_staffing_plan_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_staffing_plan_status'), ['status'], unique=False)

    op.create_table('staffing_plan_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.Column('quota_type_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=30), nullable=False),
    sa.Column('planned', sa.Integer(), nullable=False),
    sa.Column('filled', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=300), nullable=False),
    sa.CheckConstraint("channel IN ('exam', 'recruitment', 'military', 'transfer', 'selection', 'policy', 'talent')", name=op.f('ck_staffing_plan_line_channel')),
    sa.CheckConstraint('filled >= 0 AND filled <= planned', name=op.f('ck_staffing_plan_line_filled_within_planned')),
    sa.CheckConstraint('planned > 0', name=op.f('ck_staffing_plan_line_planned_positive')),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_staffing_plan_line_institution_id_institution')),
    sa.ForeignKeyConstraint(['plan_id'], ['staffing_plan.id'], name=op.f('fk_staffing_plan_line_plan_id_staffing_plan')),
    sa.ForeignKeyConstraint(['quota_type_id'], ['quota_type.id'], name=op.f('fk_staffing_plan_line_quota_type_id_quota_type')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staffing_plan_line')),
    sa.UniqueConstraint('plan_id', 'quota_type_id', 'channel', name='uq_staffing_plan_line_key')
    )
    with op.batch_alter_table('staffing_plan_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staffing_plan_line_institution_id'), ['institution_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_staffing_plan_line_plan_id'), ['plan_id'], unique=False)

    op.create_table('staffing_entry_batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('plan_line_id', sa.Integer(), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.Column('application_type_id', sa.Integer(), nullable=False),
    sa.Column('step', sa.String(length=20), nullable=False),
    sa.Column('publicity_start', sa.Date(), nullable=False),
    sa.Column('publicity_end', sa.Date(), nullable=False),
    sa.Column('documents', sa.Text(), nullable=True),
    sa.Column('entered_on', sa.Date(), nullable=True),
    sa.Column('certificate_no', sa.String(length=40), nullable=True),
    sa.CheckConstraint("step <> 'entered' OR (certificate_no IS NOT NULL AND entered_on IS NOT NULL)", name=op.f('ck_staffing_entry_batch_entered_has_certificate')),
    sa.CheckConstraint("step IN ('publicity', 'application', 'review', 'entered')", name=op.f('ck_staffing_entry_batch_step')),
    sa.CheckConstraint('publicity_end >= publicity_start', name=op.f('ck_staffing_entry_batch_publicity_order')),
    sa.ForeignKeyConstraint(['application_type_id'], ['staffing_application_type.id'], name=op.f('fk_staffing_entry_batch_application_type_id_staffing_application_type')),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_staffing_entry_batch_institution_id_institution')),
    sa.ForeignKeyConstraint(['plan_line_id'], ['staffing_plan_line.id'], name=op.f('fk_staffing_entry_batch_plan_line_id_staffing_plan_line')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staffing_entry_batch')),
    sa.UniqueConstraint('certificate_no', name=op.f('uq_staffing_entry_batch_certificate_no'))
    )
    with op.batch_alter_table('staffing_entry_batch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staffing_entry_batch_institution_id'), ['institution_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_staffing_entry_batch_plan_line_id'), ['plan_line_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_staffing_entry_batch_step'), ['step'], unique=False)

    op.create_table('staffing_exit_filing',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.Column('exit_date', sa.Date(), nullable=False),
    sa.Column('exit_reason', sa.String(length=20), nullable=False),
    sa.Column('doc_no', sa.String(length=100), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_staffing_exit_filing_institution_id_institution')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_staffing_exit_filing_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staffing_exit_filing'))
    )
    with op.batch_alter_table('staffing_exit_filing', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staffing_exit_filing_institution_id'), ['institution_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_staffing_exit_filing_person_id'), ['person_id'], unique=False)

    op.create_table('staffing_entry_candidate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('id_number', sa.String(length=18), nullable=False),
    sa.Column('post', sa.String(length=100), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['staffing_entry_batch.id'], name=op.f('fk_staffing_entry_candidate_batch_id_staffing_entry_batch')),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_staffing_entry_candidate_institution_id_institution')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_staffing_entry_candidate_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staffing_entry_candidate')),
    sa.UniqueConstraint('batch_id', 'id_number', name='uq_staffing_candidate_batch_id_number'),
    sa.UniqueConstraint('person_id', name=op.f('uq_staffing_entry_candidate_person_id'))
    )
    with op.batch_alter_table('staffing_entry_candidate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staffing_entry_candidate_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_staffing_entry_candidate_institution_id'), ['institution_id'], unique=False)



def downgrade():
    with op.batch_alter_table('staffing_entry_candidate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staffing_entry_candidate_institution_id'))
        batch_op.drop_index(batch_op.f('ix_staffing_entry_candidate_batch_id'))

    op.drop_table('staffing_entry_candidate')
    with op.batch_alter_table('staffing_exit_filing', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staffing_exit_filing_person_id'))
        batch_op.drop_index(batch_op.f('ix_staffing_exit_filing_institution_id'))

    op.drop_table('staffing_exit_filing')
    with op.batch_alter_table('staffing_entry_batch', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staffing_entry_batch_step'))
        batch_op.drop_index(batch_op.f('ix_staffing_entry_batch_plan_line_id'))
        batch_op.drop_index(batch_op.f('ix_staffing_entry_batch_institution_id'))

    op.drop_table('staffing_entry_batch')
    with op.batch_alter_table('staffing_plan_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staffing_plan_line_plan_id'))
        batch_op.drop_index(batch_op.f('ix_staffing_plan_line_institution_id'))

    op.drop_table('staffing_plan_line')
    with op.batch_alter_table('staffing_plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staffing_plan_status'))
        batch_op.drop_index(batch_op.f('ix_staffing_plan_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_staffing_plan_institution_id'))

    op.drop_table('staffing_plan')
    op.drop_table('staffing_review_meeting')
    op.drop_table('staffing_application_type')
