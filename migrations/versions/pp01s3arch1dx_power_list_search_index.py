"""the public power-list search's text index (issue 13 §5): SQLite FTS5 (trigram;
characters and pairs for 1-2 character queries), PostgreSQL pg_trgm GIN; an index
on the snapshot items' type code (search by type alone)

See app/execution/power_lists/search_index.py.  Dialect-specific DDL, no model:
tests/test_migrations.py leaves these objects out of its comparison.

Revision ID: pp01s3arch1dx
Revises: dash01e7c4b2
Create Date: 2026-11-30 23:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'pp01s3arch1dx'
down_revision = 'dash01e7c4b2'
branch_labels = None
depends_on = None

CHUNK = 5000


def _grams(name):
    # Frozen copy of search_index.grams (a migration does not follow later code).
    return " ".join(sorted(set(name) | {name[i:i + 2] for i in range(len(name) - 1)}))


def upgrade():
    with op.batch_alter_table('power_snapshot_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_power_snapshot_item_type_code'), ['type_code'], unique=False)
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE power_snapshot_item_fts USING fts5(name, code, "
                   "content='power_snapshot_item', content_rowid='id', tokenize='trigram')")
        op.execute("CREATE VIRTUAL TABLE power_snapshot_item_short USING fts5(grams, code_head, "
                   "content='', tokenize='ascii')")
        # What is already published.
        op.execute("INSERT INTO power_snapshot_item_fts(rowid, name, code) SELECT id, name, code "
                   "FROM power_snapshot_item")
        rows = bind.execute(sa.text("SELECT id, name, code FROM power_snapshot_item ORDER BY id")).all()
        insert = sa.text("INSERT INTO power_snapshot_item_short(rowid, grams, code_head) VALUES (:id, :g, :h)")
        for i in range(0, len(rows), CHUNK):
            bind.execute(insert, [{"id": r[0], "g": _grams(r[1]), "h": f"{r[2][:1]} {r[2][:2]}"}
                                  for r in rows[i:i + CHUNK]])
    elif bind.dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute("CREATE INDEX ix_power_snapshot_item_name_trgm ON power_snapshot_item "
                   "USING gin (name gin_trgm_ops)")
        op.execute("CREATE INDEX ix_power_snapshot_item_code_trgm ON power_snapshot_item "
                   "USING gin (code gin_trgm_ops)")


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE power_snapshot_item_short")
        op.execute("DROP TABLE power_snapshot_item_fts")
    elif bind.dialect.name == "postgresql":
        op.execute("DROP INDEX ix_power_snapshot_item_code_trgm")
        op.execute("DROP INDEX ix_power_snapshot_item_name_trgm")
    with op.batch_alter_table('power_snapshot_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_power_snapshot_item_type_code'))
