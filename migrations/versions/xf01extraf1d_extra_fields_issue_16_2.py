"""Issue 16 §2: extra fields (definitions and a typed side table of values).

Revision ID: xf01extraf1d
Revises: vc01v1ewc0nf
Create Date: 2026-12-01 08:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'xf01extraf1d'
down_revision = 'vc01v1ewc0nf'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('extra_field',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('resource', sa.String(length=64), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('label_zh', sa.String(length=100), nullable=False),
    sa.Column('label_en', sa.String(length=100), nullable=True),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('dictionary', sa.String(length=64), nullable=True),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.Column('min_value', sa.Numeric(precision=24, scale=6), nullable=True),
    sa.Column('max_value', sa.Numeric(precision=24, scale=6), nullable=True),
    sa.Column('min_date', sa.Date(), nullable=True),
    sa.Column('max_date', sa.Date(), nullable=True),
    sa.Column('min_length', sa.Integer(), nullable=True),
    sa.Column('max_length', sa.Integer(), nullable=True),
    sa.Column('pattern', sa.String(length=200), nullable=True),
    sa.Column('help_zh', sa.String(length=300), nullable=True),
    sa.Column('help_en', sa.String(length=300), nullable=True),
    sa.Column('read_roles', sa.JSON(), nullable=False),
    sa.Column('write_roles', sa.JSON(), nullable=False),
    sa.Column('sort', sa.Integer(), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.CheckConstraint("kind IN ('text', 'integer', 'decimal', 'date', 'choice', 'yesno')", name=op.f('ck_extra_field_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_extra_field')),
    sa.UniqueConstraint('resource', 'code', name=op.f('uq_extra_field_resource'))
    )
    op.create_table('extra_value',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('field_id', sa.Integer(), nullable=False),
    sa.Column('row_id', sa.Integer(), nullable=False),
    sa.Column('value_text', sa.String(length=2000), nullable=True),
    sa.Column('value_num', sa.Numeric(precision=24, scale=6), nullable=True),
    sa.Column('value_date', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['field_id'], ['extra_field.id'], name=op.f('fk_extra_value_field_id_extra_field')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_extra_value')),
    sa.UniqueConstraint('field_id', 'row_id', name=op.f('uq_extra_value_field_id'))
    )
    with op.batch_alter_table('extra_value', schema=None) as batch_op:
        batch_op.create_index('ix_extra_value_date', ['field_id', 'value_date', 'row_id'], unique=False)
        batch_op.create_index('ix_extra_value_num', ['field_id', 'value_num', 'row_id'], unique=False)
        batch_op.create_index('ix_extra_value_text', ['field_id', 'value_text', 'row_id'], unique=False)


def downgrade():
    with op.batch_alter_table('extra_value', schema=None) as batch_op:
        batch_op.drop_index('ix_extra_value_text')
        batch_op.drop_index('ix_extra_value_num')
        batch_op.drop_index('ix_extra_value_date')
    op.drop_table('extra_value')
    op.drop_table('extra_field')
