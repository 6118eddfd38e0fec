"""power and responsibility lists: types, code formats, catalogue, implementations, duties, case changes, snapshots (issue 13 §1)

Revision ID: pw01a7c3e9d2
Revises: as01e7a2b3c4
Create Date: 2026-11-30 19:12:33.732273

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'pw01a7c3e9d2'
down_revision = 'as01e7a2b3c4'
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('power_code_format',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('segments', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_power_code_format')),
    sa.UniqueConstraint('name', name=op.f('uq_power_code_format_name'))
    )
    op.create_table('power_type',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=2), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('is_service', sa.Boolean(), nullable=False),
    sa.Column('sort', sa.Integer(), nullable=False),
    sa.CheckConstraint('length(code) = 2', name=op.f('ck_power_type_code_len')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_power_type')),
    sa.UniqueConstraint('code', name=op.f('uq_power_type_code')),
    sa.UniqueConstraint('name', name=op.f('uq_power_type_name'))
    )
    op.create_table('power_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('type_id', sa.Integer(), nullable=False),
    sa.Column('sub_item', sa.String(length=200), nullable=True),
    sa.Column('legal_basis', sa.Text(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.CheckConstraint("status IN ('active', 'cancelled')", name=op.f('ck_power_item_status')),
    sa.ForeignKeyConstraint(['department_id'], ['institution.id'], name=op.f('fk_power_item_department_id_institution')),
    sa.ForeignKeyConstraint(['type_id'], ['power_type.id'], name=op.f('fk_power_item_type_id_power_type')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_power_item')),
    sa.UniqueConstraint('code', name=op.f('uq_power_item_code'))
    )
    with op.batch_alter_table('power_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_power_item_department_id'), ['department_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_power_item_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_power_item_type_id'), ['type_id'], unique=False)

    op.create_table('power_snapshot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=False),
    sa.Column('published_at', sa.DateTime(), server_default=sa.func.now(), nullable=False),
    sa.Column('published_by', sa.String(length=100), nullable=True),
    sa.Column('item_count', sa.Integer(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=True),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_power_snapshot_institution_id_institution')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_power_snapshot'))
    )
    with op.batch_alter_table('power_snapshot', schema=None) as batch_op:
        batch_op.create_index('ix_power_snapshot_inst_id', ['institution_id', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_power_snapshot_published_on'), ['published_on'], unique=False)

    op.create_table('power_case_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('level', sa.String(length=20), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('code', sa.String(length=40), nullable=True),
    sa.Column('type_id', sa.Integer(), nullable=True),
    sa.Column('legal_basis', sa.Text(), nullable=True),
    sa.Column('handling_division', sa.String(length=100), nullable=True),
    sa.Column('statutory_days', sa.Integer(), nullable=True),
    sa.Column('promised_days', sa.Integer(), nullable=True),
    sa.Column('fees', sa.String(length=200), nullable=True),
    sa.Column('responsibilities_text', sa.Text(), nullable=True),
    sa.Column('accountabilities_text', sa.Text(), nullable=True),
    sa.Column('target_id', sa.Integer(), nullable=True),
    sa.Column('legality_note', sa.Text(), nullable=True),
    sa.Column('result', sa.String(length=200), nullable=True),
    sa.CheckConstraint("kind IN ('add', 'cancel', 'devolve', 'modify')", name=op.f('ck_power_case_change_kind')),
    sa.CheckConstraint("level IS NULL OR level IN ('city', 'district', 'town')", name=op.f('ck_power_case_change_level')),
    sa.ForeignKeyConstraint(['case_id'], ['adjustment_case.id'], name=op.f('fk_power_case_change_case_id_adjustment_case'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_power_case_change_institution_id_institution')),
    sa.ForeignKeyConstraint(['item_id'], ['power_item.id'], name=op.f('fk_power_case_change_item_id_power_item')),
    sa.ForeignKeyConstraint(['target_id'], ['institution.id'], name=op.f('fk_power_case_change_target_id_institution')),
    sa.ForeignKeyConstraint(['type_id'], ['power_type.id'], name=op.f('fk_power_case_change_type_id_power_type')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_power_case_change'))
    )
    with op.batch_alter_table('power_case_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_power_case_change_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_power_case_change_institution_id'), ['institution_id'], unique=False)

    op.create_table('power_implementation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('type_id', sa.Integer(), nullable=False),
    sa.Column('legal_basis', sa.Text(), nullable=False),
    sa.Column('handling_division', sa.String(length=100), nullable=True),
    sa.Column('statutory_days', sa.Integer(), nullable=True),
    sa.Column('promised_days', sa.Integer(), nullable=True),
    sa.Column('fees', sa.String(length=200), nullable=True),
    sa.Column('flow', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.CheckConstraint("level IN ('city', 'district', 'town')", name=op.f('ck_power_implementation_level')),
    sa.CheckConstraint("status IN ('active', 'cancelled')", name=op.f('ck_power_implementation_status')),
    sa.CheckConstraint('promised_days IS NULL OR promised_days >= 0', name=op.f('ck_power_implementation_promised_nonneg')),
    sa.CheckConstraint('statutory_days IS NULL OR statutory_days >= 0', name=op.f('ck_power_implementation_statutory_nonneg')),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_power_implementation_institution_id_institution')),
    sa.ForeignKeyConstraint(['item_id'], ['power_item.id'], name=op.f('fk_power_implementation_item_id_power_item')),
    sa.ForeignKeyConstraint(['type_id'], ['power_type.id'], name=op.f('fk_power_implementation_type_id_power_type')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_power_implementation')),
    sa.UniqueConstraint('item_id', 'institution_id', name='uq_power_impl_item_inst')
    )
    with op.batch_alter_table('power_implementation', schema=None) as batch_op:
        batch_op.create_index('ix_power_impl_inst_status', ['institution_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_power_implementation_item_id'), ['item_id'], unique=False)

    op.create_table('power_snapshot_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('type_code', sa.String(length=2), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['snapshot_id'], ['power_snapshot.id'], name=op.f('fk_power_snapshot_item_snapshot_id_power_snapshot')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_power_snapshot_item'))
    )
    with op.batch_alter_table('power_snapshot_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_power_snapshot_item_code'), ['code'], unique=False)
        batch_op.create_index(batch_op.f('ix_power_snapshot_item_name'), ['name'], unique=False)
        batch_op.create_index('ix_power_snapshot_item_snap_seq', ['snapshot_id', 'seq'], unique=False)

    op.create_table('power_accountability',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('implementation_id', sa.Integer(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['implementation_id'], ['power_implementation.id'], name=op.f('fk_power_accountability_implementation_id_power_implementation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_power_accountability'))
    )
    with op.batch_alter_table('power_accountability', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_power_accountability_implementation_id'), ['implementation_id'], unique=False)

    op.create_table('power_responsibility',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('implementation_id', sa.Integer(), nullable=False),
    sa.Column('step', sa.Integer(), nullable=False),
    sa.Column('step_name', sa.String(length=50), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['implementation_id'], ['power_implementation.id'], name=op.f('fk_power_responsibility_implementation_id_power_implementation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_power_responsibility'))
    )
    with op.batch_alter_table('power_responsibility', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_power_responsibility_implementation_id'), ['implementation_id'], unique=False)




def downgrade():

    with op.batch_alter_table('power_responsibility', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_power_responsibility_implementation_id'))

    op.drop_table('power_responsibility')
    with op.batch_alter_table('power_accountability', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_power_accountability_implementation_id'))

    op.drop_table('power_accountability')
    with op.batch_alter_table('power_snapshot_item', schema=None) as batch_op:
        batch_op.drop_index('ix_power_snapshot_item_snap_seq')
        batch_op.drop_index(batch_op.f('ix_power_snapshot_item_name'))
        batch_op.drop_index(batch_op.f('ix_power_snapshot_item_code'))

    op.drop_table('power_snapshot_item')
    with op.batch_alter_table('power_implementation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_power_implementation_item_id'))
        batch_op.drop_index('ix_power_impl_inst_status')

    op.drop_table('power_implementation')
    with op.batch_alter_table('power_case_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_power_case_change_institution_id'))
        batch_op.drop_index(batch_op.f('ix_power_case_change_case_id'))

    op.drop_table('power_case_change')
    with op.batch_alter_table('power_snapshot', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_power_snapshot_published_on'))
        batch_op.drop_index('ix_power_snapshot_inst_id')

    op.drop_table('power_snapshot')
    with op.batch_alter_table('power_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_power_item_type_id'))
        batch_op.drop_index(batch_op.f('ix_power_item_name'))
        batch_op.drop_index(batch_op.f('ix_power_item_department_id'))

    op.drop_table('power_item')
    op.drop_table('power_type')
    op.drop_table('power_code_format')

