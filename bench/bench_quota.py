"""Benchmark of the quota foundation: prints figures and ratios, asserts nothing.

    python bench/bench_quota.py                       # SQLite file in a temp dir
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bianzhi_bench python bench/bench_quota.py

Measured side by side in one run:
1. ledger writes through the service (invariants + audit chain) against a
   baseline of the same rows written with plain ORM inserts/updates (no checks);
2. the same service from 8 threads against one regional cap, with p50/p95;
3. the person list page (a real request through FAB, scoped, with joined
   loading) against the bare SQL page query, with statements per request.
WARNING: on PostgreSQL the target database's public schema is dropped first.
"""
from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("BIANZHI_CONFIG", "testing")

from sqlalchemy import event, func, select, text  # noqa: E402

from app import create_app  # noqa: E402
from app.core import audit  # noqa: E402
from app.core.db import transaction  # noqa: E402
from app.extensions import db  # noqa: E402
from app.quota import services  # noqa: E402
from app.quota.models import (  # noqa: E402
    Institution, Person, QuotaAllocation, QuotaLedgerEntry, QuotaType, RegionalCap)
from config import TestingConfig  # noqa: E402

N_WRITES = int(os.environ.get("BENCH_WRITES", "1000"))
N_PERSONS = int(os.environ.get("BENCH_PERSONS", "20000"))
N_INSTITUTIONS = 400


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def setup_app():
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    if url.startswith("postgresql"):
        from sqlalchemy import create_engine

        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    app = create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        db.session.remove()
    return app, url.split(":")[0]


def seed(app):
    from seeds.reference import load_reference

    with app.app_context():
        audit.set_actor("bench")
        load_reference()
        qt = db.session.execute(select(QuotaType).where(QuotaType.code.like("admin%"))).scalars().first()
        cats = qt.allowed_categories
        from app.quota.models import Region

        city = db.session.execute(select(Region).where(Region.code == "370200")).scalar_one()
        with transaction():
            services.save_regional_cap(RegionalCap(region_id=city.id, quota_type_id=qt.id, total=10**7))
            ids = []
            for i in range(N_INSTITUTIONS):
                inst = services.create_institution(Institution(
                    name=f"基准单位{i:04d}", category_id=cats[0].id, region_id=city.id, within_cap=False))
                ids.append(inst.id)
        result = ids, qt.id, city.id
        db.session.remove()
        return result


def bench_service_writes(app, inst_ids, qt_id):
    with app.app_context():
        audit.set_actor("bench")
        qt = db.session.get(QuotaType, qt_id)
        insts = [db.session.get(Institution, i) for i in inst_ids[:50]]
        t0 = time.perf_counter()
        for i in range(N_WRITES):
            with transaction():
                services.adjust_quota(insts[i % 50], qt, 1, reason="bench")
        service = time.perf_counter() - t0
        db.session.remove()
    return service


def bench_baseline_writes(app, inst_ids, qt_id):
    """The same rows with plain ORM writes: no invariant, no audit, no cap counter."""
    with app.app_context():
        insts = [db.session.get(Institution, i) for i in inst_ids[:50]]
        db.session.info["audit_disabled"] = True
        alloc = {a.institution_id: a for a in db.session.execute(select(QuotaAllocation)).scalars()}
        t0 = time.perf_counter()
        for i in range(N_WRITES):
            inst = insts[i % 50]
            a = alloc[inst.id]
            a.approved += 1
            db.session.add(QuotaLedgerEntry(institution_id=inst.id, quota_type_id=qt_id, delta=1,
                                            balance_after=a.approved, reason="baseline"))
            db.session.commit()
        baseline = time.perf_counter() - t0
        db.session.info.pop("audit_disabled")
        db.session.remove()
    return baseline


def bench_parallel(app, inst_ids, qt_id, threads=8, per_thread=125):
    lat = []
    lock = threading.Lock()

    def worker(k):
        with app.app_context():
            audit.set_actor(f"bench-{k}")
            for j in range(per_thread):
                t = time.perf_counter()
                with transaction():
                    services.adjust_quota(db.session.get(Institution, inst_ids[50 + (k * per_thread + j) % 300]),
                                          db.session.get(QuotaType, qt_id), 1)
                with lock:
                    lat.append(time.perf_counter() - t)
            db.session.remove()

    t0 = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(worker, range(threads)))
    return time.perf_counter() - t0, lat


def seed_persons(app, inst_ids, qt_id):
    """Persons are bulk-inserted (counters set to match): the list page is what is measured."""
    from tests.factories import valid_id_number

    with app.app_context():
        db.session.info["audit_disabled"] = True
        per = N_PERSONS // len(inst_ids)
        import datetime as dt

        # Exited persons occupy no quota, so no counter has to match them.
        rows = [dict(name=f"人员{k}-{j}", id_number=valid_id_number(seq=j % 1000), gender="M",
                     institution_id=inst, quota_type_id=qt_id, status="exited",
                     exit_date=dt.date(2020, 1, 1), exit_reason="retired")
                for k, inst in enumerate(inst_ids) for j in range(per)]
        db.session.execute(Person.__table__.insert(), rows)
        db.session.commit()
        db.session.info.pop("audit_disabled")
        db.session.remove()


def time_page(app, username, url, repeats=30, follow_redirects=False):
    """Request ``url`` as ``username`` ``repeats`` times: (seconds each, SQL statements per request).
    ``follow_redirects``: the time and statements include the page a redirect leads to
    (the home page sends a leader to the cockpit)."""
    from tests.conftest import PASSWORD, login

    client = app.test_client()
    login(client, username, PASSWORD)
    statements = []
    with app.app_context():
        engine = db.engine

    def count(*_a, **_k):
        statements.append(1)

    event.listen(engine, "before_cursor_execute", count)
    times = []
    for _ in range(repeats):
        statements.clear()
        t = time.perf_counter()
        resp = client.get(url, follow_redirects=follow_redirects)
        times.append(time.perf_counter() - t)
        assert resp.status_code == 200
    event.remove(engine, "before_cursor_execute", count)
    return times, len(statements)


def bench_list(app, repeats=30):
    from tests.factories import make_user

    make_user(app, "benchadmin", "staff")
    times, per_page = time_page(app, "benchadmin", "/personview/list/?page_PersonView=40", repeats)

    with app.app_context():
        base = []
        for _ in range(repeats):
            t = time.perf_counter()
            db.session.execute(select(Person.id, Person.name, Person.id_number).order_by(Person.id)
                               .offset(1000).limit(25)).all()
            db.session.execute(select(func.count(Person.id))).scalar()
            base.append(time.perf_counter() - t)
        db.session.remove()
    return times, base, per_page


def main():
    app, dialect = setup_app()
    inst_ids, qt_id, _ = seed(app)
    print(f"machine: {os.cpu_count()} cores; database: {dialect}")

    service = bench_service_writes(app, inst_ids, qt_id)
    wall, lat = bench_parallel(app, inst_ids, qt_id)
    print(f"ledger writes, 8 threads × 125: {len(lat) / wall:8.0f} /s, "
          f"p50 {pct(lat, 50) * 1000:.1f} ms, p95 {pct(lat, 95) * 1000:.1f} ms")
    with app.app_context():
        cap = db.session.execute(select(RegionalCap.used)).scalar()
        total = db.session.execute(select(func.sum(QuotaAllocation.approved))).scalar()
        print(f"  regional cap used {cap} = Σ allocations {total}: {'consistent' if cap == total else 'BROKEN'}")
        db.session.remove()
    baseline = bench_baseline_writes(app, inst_ids, qt_id)
    print(f"ledger writes, sequential, {N_WRITES} transactions:")
    print(f"  service (invariants + audit chain): {N_WRITES / service:8.0f} /s")
    print(f"  baseline (plain ORM, no checks)   : {N_WRITES / baseline:8.0f} /s   ratio {service / baseline:.2f}x")

    seed_persons(app, inst_ids, qt_id)
    times, base, per_page = bench_list(app)
    print(f"person list page at {N_PERSONS} persons (page 40), {len(times)} requests:")
    print(f"  FAB list request : p50 {pct(times, 50) * 1000:6.1f} ms, p95 {pct(times, 95) * 1000:6.1f} ms, "
          f"{per_page} SQL statements")
    print(f"  bare SQL page+count: p50 {pct(base, 50) * 1000:6.1f} ms   ratio {pct(times, 50) / pct(base, 50):.1f}x")


if __name__ == "__main__":
    main()
