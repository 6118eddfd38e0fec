"""The concurrent and writing parts of ``bench_lists.py`` (issue #12), each on a
scratch copy of the province database:

* ``run_import_readers``: 8 clients read the person list from gunicorn, idle,
  then while a 50,000-row person import (dry run + commit, the import engine
  and the persons service, every row audited) runs in another process;
* ``run_apply``: sign-offs applying cases of 50 ledger deltas at province scale,
  against the same 50 deltas through the quota services alone (the helpers of
  ``bench_cases.py``, unchanged);
* ``run_served``: 16 clients against gunicorn with the README's production
  settings, 80 % list/show reads and 20 % ledger writes through the services;
  then stock Flask-AppBuilder serving the same reads.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)
os.environ.setdefault("BIANZHI_CONFIG", "testing")

from sqlalchemy import select, text  # noqa: E402

from bench.http_load import Client, Sample, Server, run_clients  # noqa: E402
from bench.province.generate import make_app  # noqa: E402
from bench.scratch import scratch_copy  # noqa: E402

QT = "institution_quota_full"


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")


def _ms(samples: list[Sample]) -> str:
    ms = [s.seconds * 1000 for s in samples]
    return f"n {len(ms):5d}, p50 {pct(ms, 50):8.1f} ms, p95 {pct(ms, 95):8.1f} ms, max {max(ms, default=0):8.1f} ms"


def _dispose(app) -> None:
    from app.extensions import db

    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def make_room(app, institution_ids: list[int], quota_type: str, per_institution: int) -> None:
    """Raise the regional caps of the institutions' regions, then their approved
    quota, through the services (audited like any staff action)."""
    from app.core import audit
    from app.core.db import transaction
    from app.extensions import db
    from app.quota import services
    from app.quota.models import Institution, QuotaType

    raise_caps(app, institution_ids, quota_type, per_institution)
    with app.app_context():
        token = audit.set_actor("bench:prep")
        try:
            with transaction():
                qt = db.session.execute(select(QuotaType).where(QuotaType.code == quota_type)).scalar_one()
                for pk in institution_ids:
                    services.adjust_quota(db.session.get(Institution, pk), qt, per_institution,
                                          reason="基准测试：预留编制", doc_no="BENCH")
        finally:
            audit._actor.reset(token)
            db.session.remove()


def raise_caps(app, institution_ids: list[int], quota_type: str, per_institution: int) -> None:
    """Headroom on the regional caps for what the benchmark adds (through the service)."""
    from app.core import audit
    from app.core.db import transaction
    from app.extensions import db
    from app.quota import services
    from app.quota.models import Institution, QuotaType, RegionalCap

    with app.app_context():
        token = audit.set_actor("bench:prep")
        try:
            with transaction():
                qt = db.session.execute(select(QuotaType).where(QuotaType.code == quota_type)).scalar_one()
                need: dict[int, int] = {}
                for pk in institution_ids:
                    region = db.session.get(Institution, pk).region_id
                    need[region] = need.get(region, 0) + per_institution
                for region_id, n in need.items():
                    cap = db.session.execute(select(RegionalCap).where(
                        RegionalCap.region_id == region_id, RegionalCap.quota_type_id == qt.id)).scalar_one_or_none()
                    if cap is not None:
                        cap.total = cap.total + n
                        services.save_regional_cap(cap)
        finally:
            audit._actor.reset(token)
            db.session.remove()


def unit_ids(app, n: int, *, category: str, quota_type: str) -> list[int]:
    """``n`` living institutions of a category, spread over the province, without a
    staffing standard and with a name no other institution has (imports look them up by name)."""
    from app.extensions import db

    with app.app_context():
        rows = db.session.execute(text("""
            SELECT i.id FROM institution i JOIN institution_category c ON c.id = i.category_id
            WHERE c.code = :c AND i.status = 'active' AND i.standard_id IS NULL
              AND (SELECT count(*) FROM institution j WHERE j.name = i.name) = 1
              AND EXISTS (SELECT 1 FROM quota_type_category t JOIN quota_type q ON q.id = t.quota_type_id
                          WHERE q.code = :q AND t.category_id = c.id)
            ORDER BY i.id"""), {"c": category, "q": quota_type}).scalars().all()
        db.session.rollback()
    step = max(1, len(rows) // n)
    return list(rows[::step][:n])


# ---------------------------------------------------------------------------
# Reads during an import
# ---------------------------------------------------------------------------


def _id_number(k: int) -> str:
    """ID numbers no generated person has: 北京市东城区 (110101), a birth date and an odd sequence."""
    birth = dt.date(1970, 1, 1) + dt.timedelta(days=k // 499)
    body = f"110101{birth:%Y%m%d}{(k % 499) * 2 + 1:03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights)) % 11]


def _workbook(app, institution_ids: list[int], rows: int) -> bytes:
    from openpyxl import Workbook

    from app.extensions import db

    with app.app_context():
        names = dict(db.session.execute(text("SELECT id, name FROM institution")).all())
        qt_name = db.session.execute(text("SELECT name FROM quota_type WHERE code = :q"), {"q": QT}).scalar()
        db.session.rollback()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("数据")
    ws.append(["姓名", "身份证号", "机构", "编制类型", "岗位", "状态", "入编日期"])
    rng = random.Random(12)
    surnames, given = "王李张刘陈杨赵孙周吴徐马朱胡郭", "伟芳娜敏静磊军强洋勇艳杰涛明超建军"
    for k in range(rows):
        ws.append([rng.choice(surnames) + rng.choice(given) + rng.choice(given), _id_number(k),
                   names[institution_ids[k % len(institution_ids)]], qt_name, "专业技术岗", "在编",
                   dt.date(2026, 3, 1)])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def import_worker(url: str, path: str) -> None:
    """Run in a child process: dry run + commit of one xlsx, timings as JSON on stdout."""
    from app.core import audit
    from app.extensions import db
    from app.imports import batches, specs
    from app.imports.models import ImportBatch

    app = make_app(url)
    with open(path, "rb") as fh:
        data = fh.read()
    with app.app_context():
        audit.set_actor("bench:import")
        spec = specs.get("persons")
        t0 = time.perf_counter()
        batch_id = batches.create(spec, "bench.xlsx", data, None)
        batches.validate(batch_id)
        t1 = time.perf_counter()
        db.session.rollback()
        batch = db.session.get(ImportBatch, batch_id)
        status = batch.status
        if status == "validated":
            batches.commit(batch_id, batch.sha256)
        t2 = time.perf_counter()
        batch = db.session.get(ImportBatch, batch_id)
        print(json.dumps({"dry": t1 - t0, "commit": t2 - t1, "status": batch.status, "message": batch.message}))
        db.session.remove()


def run_import_readers(url: str, password: str, rows: int, readers: int = 8, idle_seconds: float = 30.0) -> None:
    print(f"\n== reads during a {rows}-row import: {readers} clients read the person list (page 1, staff) "
          f"from gunicorn -w 4 (production settings), scratch copy")
    with scratch_copy(url, "import") as scratch:
        app = make_app(scratch)
        ids = unit_ids(app, 200, category="public_institution_1", quota_type=QT)
        make_room(app, ids, QT, rows // len(ids) + 10)
        data = _workbook(app, ids, rows)
        _dispose(app)
        with tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False) as fh:
            fh.write(data)
            path = fh.name
        with Server("app:create_app()", scratch) as srv:
            clients = [Client(srv.port) for _ in range(readers)]
            for c in clients:
                c.login("bench_staff", password)

            def read(_client, _n):
                return "person list", "GET", "/personview/list/", None

            warm = time.perf_counter() + 5  # every worker has served a page before anything is measured
            run_clients(clients, read, until=lambda: time.perf_counter() > warm)
            end = time.perf_counter() + idle_seconds
            idle = run_clients(clients, read, until=lambda: time.perf_counter() > end)
            with open("/tmp/bench-import-worker.log", "ab") as log:  # its traceback, if it fails
                worker = subprocess.Popen([sys.executable, os.path.abspath(__file__), "import-worker", scratch, path],
                                          cwd=REPO, stdout=subprocess.PIPE, stderr=log, text=True)
            started = time.perf_counter()
            during = run_clients(clients, read, until=lambda: worker.poll() is not None)
            finished = time.perf_counter()
            out = worker.stdout.read().strip().splitlines()
        os.remove(path)
    result = json.loads(out[-1]) if out else {"status": "no output"}
    during = [s for s in during if started <= s.started <= finished]
    print(f"  import: {result.get('status')}, dry run {result.get('dry', 0):.1f} s + commit "
          f"{result.get('commit', 0):.1f} s ({rows} persons); server start-up {srv.startup:.1f} s")
    print(f"  idle          : {_ms(idle)}")
    print(f"  during import : {_ms(during)}")
    if idle and during:
        errors: dict[int, int] = {}
        for s in idle + during:
            if s.status != 200:
                errors[s.status] = errors.get(s.status, 0) + 1
        print(f"  p95 during / idle: {pct([s.seconds for s in during], 95) / pct([s.seconds for s in idle], 95):.1f}x"
              f"   (not 200: {errors or 'none'}; -1 = connection error)")


# ---------------------------------------------------------------------------
# Applying cases of 50 deltas
# ---------------------------------------------------------------------------


def run_apply(url: str, cases: int) -> None:
    sys.path.insert(0, os.path.join(REPO, "bench"))
    import bench_cases  # the same helpers as the 400-institution benchmark

    bench_cases.N_APPLY = cases
    print(f"\n== applying cases of {bench_cases.DELTAS} ledger deltas at province scale ({cases} cases), scratch copy")
    with scratch_copy(url, "apply") as scratch:
        app = make_app(scratch)
        ids = unit_ids(app, bench_cases.DELTAS, category="government_department", quota_type="admin_quota")
        raise_caps(app, ids, "admin_quota", 3 * cases)
        from app.extensions import db

        with app.app_context():
            uids = dict(db.session.execute(text("""SELECT r.name, u.id FROM ab_user u JOIN ab_user_role ur
                ON ur.user_id = u.id JOIN ab_role r ON r.id = ur.role_id
                WHERE u.username IN ('bench_staff', 'bench_leader', 'bench_dept')""")).all())
            qt_id = db.session.execute(text("SELECT id FROM quota_type WHERE code = 'admin_quota'")).scalar()
            db.session.rollback()
        case_ids = bench_cases.prepare_cases(app, ids, qt_id, uids)
        lat, applied = bench_cases.bench_apply(app, case_ids, uids)
        base = bench_cases.bench_apply_baseline(app, ids, qt_id)
        _dispose(app)
    ms = lambda xs: f"p50 {pct(xs, 50) * 1000:7.1f} ms, p95 {pct(xs, 95) * 1000:7.1f} ms"  # noqa: E731
    print(f"  sign-off + apply ({applied} applied): {ms(lat)}")
    print(f"  the same {bench_cases.DELTAS} deltas, quota services only: {ms(base)}   "
          f"ratio {pct(lat, 50) / pct(base, 50):.2f}x")


if __name__ == "__main__" and len(sys.argv) == 4 and sys.argv[1] == "import-worker":
    import logging

    logging.disable(logging.WARNING)
    import_worker(sys.argv[2], sys.argv[3])
