"""import batches (issue 4)

Revision ID: a4b1c2d3e4f5
Revises: 09ec9cd680de
Create Date: 2026-11-26 00:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a4b1c2d3e4f5'
down_revision = '09ec9cd680de'
branch_labels = None
depends_on = None

STATUSES = "('queued', 'validating', 'validated', 'invalid', 'refused', 'committed', 'failed')"


def upgrade():
    op.create_table('import_batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('list_name', sa.String(length=40), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('username', sa.String(length=150), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('total_rows', sa.Integer(), nullable=False),
    sa.Column('ok_rows', sa.Integer(), nullable=False),
    sa.Column('error_rows', sa.Integer(), nullable=False),
    sa.Column('message', sa.Text(), nullable=True),
    sa.Column('message_en', sa.Text(), nullable=True),
    sa.Column('validated_at', sa.DateTime(), nullable=True),
    sa.Column('committed_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint(f'status IN {STATUSES}', name=op.f('ck_import_batch_status')),
    sa.CheckConstraint('total_rows >= 0 AND ok_rows >= 0 AND error_rows >= 0',
                       name=op.f('ck_import_batch_counts_nonneg')),
    sa.ForeignKeyConstraint(['user_id'], ['ab_user.id'], name=op.f('fk_import_batch_user_id_ab_user'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_batch'))
    )
    with op.batch_alter_table('import_batch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_batch_list_name'), ['list_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_import_batch_sha256'), ['sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_import_batch_user_id'), ['user_id'], unique=False)
        batch_op.create_index('uq_import_batch_committed_file', ['list_name', 'sha256'], unique=True,
                              sqlite_where=sa.text("status = 'committed'"),
                              postgresql_where=sa.text("status = 'committed'"))

    op.create_table('import_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.CheckConstraint("kind IN ('original', 'report', 'results')", name=op.f('ck_import_file_kind')),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batch.id'], name=op.f('fk_import_file_batch_id_import_batch'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_file')),
    sa.UniqueConstraint('batch_id', 'kind', name='uq_import_file_batch_kind')
    )
    with op.batch_alter_table('import_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_file_batch_id'), ['batch_id'], unique=False)


def downgrade():
    op.drop_table('import_file')
    op.drop_table('import_batch')
