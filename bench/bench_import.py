"""Benchmark of the import engine: prints figures and ratios, asserts nothing.

    python bench/bench_import.py                       # SQLite file in a temp dir
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bianzhi_bench python bench/bench_import.py
    BENCH_ROWS=5000 python bench/bench_import.py       # a smaller file (over 100,000: set IMPORT_MAX_ROWS)

One xlsx of BENCH_ROWS (default 50,000) person rows over 200 institutions is
imported as a user would: dry run (every row through ``create_person`` with
the invariants, rolled back), then commit (the same rows again, one
transaction, audited).  Measured side by side in the same run: the bare read of
the same file with pandas (``read_excel``, its default openpyxl engine, and
calamine, the engine this importer reads with).  Peak memory is the process's
peak resident set (``ru_maxrss``) growth over the import, and Python's own peak
(``tracemalloc``) in a separate, smaller pass.
WARNING: on PostgreSQL the target database's public schema is dropped first.
"""
from __future__ import annotations

import datetime as dt
import io
import os
import resource
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("BIANZHI_CONFIG", "testing")

from sqlalchemy import func, select  # noqa: E402

from app.core import audit  # noqa: E402
from app.core.db import transaction  # noqa: E402
from app.extensions import db  # noqa: E402
from app.imports import batches, specs  # noqa: E402
from app.imports.models import ImportBatch  # noqa: E402
from app.quota import services  # noqa: E402
from app.quota.models import Institution, Person, QuotaType, Region  # noqa: E402
from bench_quota import setup_app  # noqa: E402  (same app and database set-up)

N_ROWS = int(os.environ.get("BENCH_ROWS", "50000"))
N_INSTITUTIONS = 200
HEADER = ["姓名", "身份证号", "机构", "编制类型", "岗位", "状态", "入编日期"]


def seed(app) -> tuple[list[str], str]:
    """200 public institutions with room for every row; returns their names and the quota type."""
    from seeds.reference import load_reference

    with app.app_context():
        audit.set_actor("bench")
        load_reference()
        qt = db.session.execute(select(QuotaType).where(QuotaType.code.like("pi%"))).scalars().first() \
            or db.session.execute(select(QuotaType).where(QuotaType.name.like("事业%"))).scalars().first()
        category = qt.allowed_categories[0]
        city = db.session.execute(select(Region).where(Region.code == "370200")).scalar_one()
        names = []
        with transaction():
            for i in range(N_INSTITUTIONS):
                inst = services.create_institution(Institution(
                    name=f"基准事业单位{i:04d}", category_id=category.id, region_id=city.id, within_cap=False))
                services.adjust_quota(inst, qt, N_ROWS // N_INSTITUTIONS + 10, reason="bench")
                names.append(inst.name)
        result = names, qt.name
        db.session.remove()
        return result


def id_number(k: int) -> str:
    body = f"370202{dt.date(1960, 1, 1) + dt.timedelta(days=k // 900):%Y%m%d}{k % 900:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights)) % 11]


def workbook(names: list[str], qt_name: str) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("数据")
    ws.append(HEADER)
    for k in range(N_ROWS):
        ws.append([f"人员{k}", id_number(k), names[k % len(names)], qt_name, "科员", "在编", dt.date(2024, 3, 1)])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def bare_reads(data: bytes) -> dict[str, float]:
    import pandas as pd

    out = {}
    for engine in ("openpyxl", "calamine"):
        t, cpu = time.perf_counter(), time.process_time()
        frame = pd.read_excel(io.BytesIO(data), engine=engine, dtype=str)
        out[engine], out[engine + "_cpu"] = time.perf_counter() - t, time.process_time() - cpu
        assert len(frame) == N_ROWS
    return out


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def import_file(app, data: bytes) -> dict[str, float]:
    with app.app_context():
        spec = specs.get("persons")
        t0 = time.perf_counter()
        batch_id = batches.create(spec, "bench.xlsx", data, None)
        batches.validate(batch_id)
        t1 = time.perf_counter()
        db.session.rollback()
        batch = db.session.get(ImportBatch, batch_id)
        if batch.status != "validated":
            from app.imports import engine

            bad = [r for r in engine.load_results(batches.file_of(batch_id, "results")) if not r[1]]
            raise SystemExit(f"dry run refused rows: {bad[:3]} {batch.message}")
        batches.commit(batch_id, batch.sha256)
        t2 = time.perf_counter()
        persons = db.session.execute(select(func.count(Person.id))).scalar()
        assert persons == N_ROWS, persons
        db.session.remove()
    return {"dry": t1 - t0, "commit": t2 - t1}


def main() -> None:
    app, dialect = setup_app()
    names, qt_name = seed(app)
    data = workbook(names, qt_name)
    reads = bare_reads(data)
    rss0 = rss_mib()
    cpu = time.process_time()
    times = import_file(app, data)
    cpu = time.process_time() - cpu
    rss1 = rss_mib()
    whole = times["dry"] + times["commit"]
    print(f"[{dialect.split('+')[0]}] {N_ROWS} person rows, xlsx {len(data) / 1e6:.1f} MB, {os.cpu_count()} cores")
    print(f"  bare read, pandas + openpyxl : {reads['openpyxl']:6.2f} s")
    print(f"  bare read, pandas + calamine : {reads['calamine']:6.2f} s")
    print(f"  dry run                      : {times['dry']:6.2f} s  ({N_ROWS / times['dry']:.0f} rows/s)")
    print(f"  commit                       : {times['commit']:6.2f} s  ({N_ROWS / times['commit']:.0f} rows/s)")
    print(f"  dry run + commit             : {whole:6.2f} s  ({N_ROWS / whole:.0f} rows/s)")
    print(f"  ratio to the bare read       : {whole / reads['openpyxl']:.1f}x (openpyxl), "
          f"{whole / reads['calamine']:.1f}x (calamine)")
    # On a loaded machine wall times stretch unevenly; this process's CPU time does
    # not (on PostgreSQL the server's own work is not in it: there the wall ratio counts).
    print(f"  CPU time of this process     : {cpu:.2f} s against {reads['calamine_cpu']:.2f} s for the calamine read: "
          f"{cpu / reads['calamine_cpu']:.1f}x; load average {os.getloadavg()[0]:.1f}")
    print(f"  peak RSS growth during import: {max(0.0, rss1 - rss0):.0f} MiB (process peak {rss1:.0f} MiB)")


if __name__ == "__main__":
    main()
