"""The exited persons' index (ix_person_exited): the persons no ``occupied`` counter
counts, so the dashboards count persons by region and quota type from the counters
plus these (issue 15, performance at province scale).

Revision ID: dash01e7c4b2
Revises: verify01a4c7
Create Date: 2026-11-30 23:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'dash01e7c4b2'
down_revision = 'verify01a4c7'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index('ix_person_exited', ['institution_id', 'quota_type_id', 'status'], unique=False,
                              sqlite_where=sa.text("status = 'exited'"), postgresql_where=sa.text("status = 'exited'"))


def downgrade():
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index('ix_person_exited', sqlite_where=sa.text("status = 'exited'"),
                            postgresql_where=sa.text("status = 'exited'"))
