"""Issue 9 §7: an import batch keeps its dry run's parsed rows (kind 'parsed') for the commit.

Revision ID: im01k3ptpars
Revises: lc01s4v3dflt
Create Date: 2026-12-01 03:25:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'im01k3ptpars'
down_revision = 'lc01s4v3dflt'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('import_file', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_import_file_kind'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_import_file_kind'), "kind IN ('original', 'report', 'results', 'parsed')")


def downgrade():
    op.execute("DELETE FROM import_file WHERE kind = 'parsed'")
    with op.batch_alter_table('import_file', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_import_file_kind'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_import_file_kind'), "kind IN ('original', 'report', 'results')")
