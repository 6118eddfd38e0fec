"""registration matters and certificates (issue 13 §3: 事业单位登记 / 赋码)

Revision ID: rg01a1b2c3d4
Revises: da01c8e2f5b1
Create Date: 2026-11-30 19:11:50.836718

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'rg01a1b2c3d4'
down_revision = 'da01c8e2f5b1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('registration',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('matter', sa.String(length=20), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.Column('legal_rep', sa.String(length=50), nullable=True),
    sa.Column('change_item', sa.String(length=20), nullable=True),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.Column('funds_before', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('funds_after', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('clearing_report', sa.String(length=200), nullable=True),
    sa.Column('successor_id', sa.Integer(), nullable=True),
    sa.Column('undertaking_proof', sa.String(length=200), nullable=True),
    sa.Column('report_year', sa.Integer(), nullable=True),
    sa.Column('activities', sa.Text(), nullable=True),
    sa.Column('net_assets', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('staff_count', sa.Integer(), nullable=True),
    sa.Column('litigation', sa.Text(), nullable=True),
    sa.Column('complaints', sa.Text(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('materials', sa.Text(), nullable=True),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('tracking_in', sa.String(length=40), nullable=True),
    sa.Column('tracking_out', sa.String(length=40), nullable=True),
    sa.Column('step', sa.String(length=20), nullable=False),
    sa.Column('applied_at', sa.DateTime(), nullable=True),
    sa.Column('accepted_at', sa.DateTime(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(), nullable=True),
    sa.Column('approved_at', sa.DateTime(), nullable=True),
    sa.Column('issued_at', sa.DateTime(), nullable=True),
    sa.Column('announced_at', sa.DateTime(), nullable=True),
    sa.Column('turnaround_s', sa.Integer(), nullable=True),
    sa.Column('same_day', sa.Boolean(), nullable=True),
    sa.Column('uscc', sa.String(length=18), nullable=True),
    sa.Column('notice', sa.Text(), nullable=True),
    sa.CheckConstraint("(matter = 'annual_report') = (report_year IS NOT NULL)", name=op.f('ck_registration_report_year')),
    sa.CheckConstraint("(matter = 'change') = (change_item IS NOT NULL)", name=op.f('ck_registration_change_item_only_for_change')),
    sa.CheckConstraint("change_item IS NULL OR change_item IN ('name', 'legal_rep', 'purpose', 'address', 'funds', 'sponsor')", name=op.f('ck_registration_change_item')),
    sa.CheckConstraint("channel <> 'online' OR tracking_in IS NOT NULL", name=op.f('ck_registration_online_tracking_in')),
    sa.CheckConstraint("channel IN ('counter', 'online')", name=op.f('ck_registration_channel')),
    sa.CheckConstraint("matter <> 'simple_cancel' OR (successor_id IS NOT NULL AND undertaking_proof IS NOT NULL)", name=op.f('ck_registration_simple_cancel_successor')),
    sa.CheckConstraint("matter IN ('establish', 'change', 'cancel', 'simple_cancel', 'annual_report', 'renew', 'reissue', 'code_issue')", name=op.f('ck_registration_matter')),
    sa.CheckConstraint("step = 'applied' OR accepted_at IS NOT NULL", name=op.f('ck_registration_accepted_stamped')),
    sa.CheckConstraint("step IN ('applied', 'accepted', 'reviewed', 'approved', 'issued', 'announced')", name=op.f('ck_registration_step')),
    sa.CheckConstraint('turnaround_s IS NULL OR turnaround_s >= 0', name=op.f('ck_registration_turnaround_nonneg')),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_registration_institution_id_institution')),
    sa.ForeignKeyConstraint(['successor_id'], ['institution.id'], name=op.f('fk_registration_successor_id_institution')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registration'))
    )
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registration_announced_at'), ['announced_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_registration_approved_at'), ['approved_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_registration_institution_id'), ['institution_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_registration_issued_at'), ['issued_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_registration_successor_id'), ['successor_id'], unique=False)
        batch_op.create_index('uq_registration_annual_report', ['institution_id', 'report_year'], unique=True)

    op.create_table('registration_certificate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cert_no', sa.String(length=30), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.Column('uscc', sa.String(length=18), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind IN ('legal_person', 'code')", name=op.f('ck_registration_certificate_kind')),
    sa.CheckConstraint("status IN ('valid', 'replaced', 'cancelled')", name=op.f('ck_registration_certificate_status')),
    sa.CheckConstraint('valid_to > valid_from', name=op.f('ck_registration_certificate_dates')),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_registration_certificate_institution_id_institution')),
    sa.ForeignKeyConstraint(['registration_id'], ['registration.id'], name=op.f('fk_registration_certificate_registration_id_registration')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registration_certificate')),
    sa.UniqueConstraint('cert_no', name=op.f('uq_registration_certificate_cert_no'))
    )
    with op.batch_alter_table('registration_certificate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registration_certificate_institution_id'), ['institution_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_registration_certificate_registration_id'), ['registration_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_registration_certificate_valid_to'), ['valid_to'], unique=False)



def downgrade():
    with op.batch_alter_table('registration_certificate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registration_certificate_valid_to'))
        batch_op.drop_index(batch_op.f('ix_registration_certificate_registration_id'))
        batch_op.drop_index(batch_op.f('ix_registration_certificate_institution_id'))

    op.drop_table('registration_certificate')
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.drop_index('uq_registration_annual_report')
        batch_op.drop_index(batch_op.f('ix_registration_successor_id'))
        batch_op.drop_index(batch_op.f('ix_registration_issued_at'))
        batch_op.drop_index(batch_op.f('ix_registration_institution_id'))
        batch_op.drop_index(batch_op.f('ix_registration_approved_at'))
        batch_op.drop_index(batch_op.f('ix_registration_announced_at'))

    op.drop_table('registration')
