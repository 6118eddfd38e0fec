"""Throw-away copies of the province database for the parts that write
(imports, case applies, the mixed workload), so the measured lists always run
on the data as generated.

SQLite: the file is copied next to it (after a WAL checkpoint).  PostgreSQL:
``CREATE DATABASE … TEMPLATE …`` (the source must have no other connection).
"""
from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


@contextmanager
def scratch_copy(url: str, name: str = "scratch") -> Iterator[str]:
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        target = f"{parsed.database}_{name}"
        admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{target}"'))
            conn.execute(text(f'CREATE DATABASE "{target}" TEMPLATE "{parsed.database}"'))
        try:
            yield parsed.set(database=target).render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)'))
            admin.dispose()
        return
    source = parsed.database
    engine = create_engine(url)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    root, ext = os.path.splitext(source)
    target = f"{root}-{name}{ext}"
    shutil.copyfile(source, target)
    try:
        yield parsed.set(database=target).render_as_string(hide_password=False)
    finally:
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(target + suffix):
                os.remove(target + suffix)
