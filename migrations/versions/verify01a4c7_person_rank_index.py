"""person (rank, institution, status) index: 超职数 reads the leadership ranks'
persons as an index range, not a scan of every person (issue 14 §6, speed)

Revision ID: verify01a4c7
Revises: st01a7c3e9d2
Create Date: 2026-11-30 23:10:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'verify01a4c7'
down_revision = 'st01a7c3e9d2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index('ix_person_rank_inst_status', ['rank_id', 'institution_id', 'status'], unique=False)


def downgrade():
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index('ix_person_rank_inst_status')
