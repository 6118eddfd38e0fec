"""Writing the plan: bulk SQL on one connection, one transaction.

PostgreSQL gets ``COPY … FROM STDIN``; SQLite a DBAPI ``executemany`` of
positional rows.  Nothing goes through the ORM's unit of work (the
services would take hours for a million persons); the plan is consistent
by construction and ``bench.province.verify`` recounts it.  Keys are
assigned here (the target tables are empty), and PostgreSQL's sequences are
moved past them afterwards.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Iterator

from sqlalchemy import text
from sqlalchemy.engine import Connection

SEQUENCE_TABLES = ("region", "institution", "internal_division", "quota_allocation", "quota_ledger",
                   "leadership_quota", "regional_cap", "institution_cap", "person", "ab_user", "ab_user_role",
                   "user_institution")


def _sqlite_value(value):
    # The text formats SQLAlchemy's SQLite Date/DateTime types read back.
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _chunks(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    chunk: list[tuple] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class BulkWriter:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.postgres = conn.dialect.name == "postgresql"
        self.raw = conn.connection.driver_connection
        self.counts: dict[str, int] = {}

    def insert(self, table: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> int:
        n = 0
        if self.postgres:
            with self.raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    n += 1
        else:
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
            cur = self.raw.cursor()
            for chunk in _chunks(rows, 20_000):
                cur.executemany(sql, [tuple(_sqlite_value(v) for v in row) for row in chunk])
                n += len(chunk)
            cur.close()
        self.counts[table] = self.counts.get(table, 0) + n
        return n

    def next_id(self, table: str) -> int:
        return (self.conn.execute(text(f"SELECT max(id) FROM {table}")).scalar() or 0) + 1

    def move_sequences(self) -> None:
        if not self.postgres:
            return  # SQLite's INTEGER PRIMARY KEY takes max(id) + 1 by itself
        for table in SEQUENCE_TABLES:
            seq = self.conn.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table}).scalar()
            if seq:
                self.conn.execute(text(f"SELECT setval('{seq}', (SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"))
