"""Benchmark of adjustment cases: prints figures and ratios, asserts nothing.

    python bench/bench_cases.py                       # SQLite file in a temp dir
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bianzhi_bench python bench/bench_cases.py

Measured side by side in one run:
1. applying an approved case with 50 ledger deltas (the sign-off transition:
   workflow checks, history, audit, 50 ledger entries through the quota
   services, evaluations), p50/p95 over BENCH_APPLY cases, against the same 50
   deltas written through the quota services alone in one transaction;
2. the case pipeline list at BENCH_CASES cases (a real FAB request, page 40,
   as office staff and as a scoped department user) against the bare SQL
   page + count, with statements per request.
WARNING: on PostgreSQL the target database's public schema is dropped first.
"""
from __future__ import annotations

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench_quota import pct, seed, setup_app, time_page  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from app.core import audit  # noqa: E402
from app.core.db import transaction  # noqa: E402
from app.extensions import db  # noqa: E402
from app.justification.cases import services as cases  # noqa: E402
from app.justification.cases.models import AdjustmentCase, CaseChange  # noqa: E402
from app.quota import services  # noqa: E402
from app.quota.models import Institution, QuotaType  # noqa: E402
from app.workflow.models import WorkflowState  # noqa: E402

N_APPLY = int(os.environ.get("BENCH_APPLY", "20"))
N_CASES = int(os.environ.get("BENCH_CASES", "100000"))
DELTAS = 50
TO_COMMISSION = ("submit", "accept", "start_justification", "to_review", "review_pass", "to_commission_large")


def users(app, dept_inst):
    from tests.factories import make_user

    ids = {role: make_user(app, f"bench_{role}", role, dept_inst if role == "department" else None)
           for role in ("staff", "leader", "department")}
    return ids


def _user(uid):
    from flask_appbuilder.security.sqla.models import User

    return db.session.get(User, uid)


def prepare_cases(app, inst_ids, qt_id, uids):
    """N_APPLY cases of 50 deltas each, walked to the commission (over the office's 10)."""
    from seeds.workflow import load_default_workflow

    out = []
    with app.app_context():
        audit.set_actor("bench")
        with transaction():
            load_default_workflow(())
        for n in range(N_APPLY):
            with transaction():
                case = cases.create_case(AdjustmentCase(title=f"基准事项{n}", case_type="staffing_increase",
                                                        institution_id=inst_ids[0]), _user(uids["department"]))
                for k in range(DELTAS):
                    cases.save_change(CaseChange(case_id=case.id, kind="ledger_delta",
                                                 institution_id=inst_ids[k], quota_type_id=qt_id, amount=1))
                case_id = case.id
            for code in TO_COMMISSION:
                with transaction():
                    who = "department" if code == "submit" else "staff"
                    cases.transition(db.session.get(AdjustmentCase, case_id), code, _user(uids[who]))
            out.append(case_id)
        db.session.remove()
    return out


def bench_apply(app, case_ids, uids):
    lat = []
    with app.app_context():
        audit.set_actor("bench")
        for n, case_id in enumerate(case_ids):
            t = time.perf_counter()
            with transaction():
                cases.transition(db.session.get(AdjustmentCase, case_id), "commission_approve",
                                 _user(uids["leader"]), doc_no=f"BENCH-{n}")
            lat.append(time.perf_counter() - t)
        applied = db.session.execute(select(func.count()).where(AdjustmentCase.applied_at.is_not(None))).scalar()
        db.session.remove()
    return lat, applied


def bench_apply_baseline(app, inst_ids, qt_id):
    """The same 50 deltas through the quota services alone, one transaction each time."""
    lat = []
    with app.app_context():
        audit.set_actor("bench")
        qt = db.session.get(QuotaType, qt_id)
        for _ in range(N_APPLY):
            t = time.perf_counter()
            with transaction():
                for k in range(DELTAS):
                    services.adjust_quota(db.session.get(Institution, inst_ids[k]), qt, 1, doc_no="BASE")
            lat.append(time.perf_counter() - t)
        db.session.remove()
    return lat


def seed_pipeline(app, inst_ids, uids):
    """Bulk rows (the list is what is measured): spread over institutions and states."""
    with app.app_context():
        states = db.session.execute(select(WorkflowState.id, WorkflowState.workflow_id)).all()
        db.session.info["audit_disabled"] = True
        rows = [dict(number=f"B-{i:07d}", title=f"基准事项 {i}", case_type="staffing_increase",
                     applicant_kind="department", institution_id=inst_ids[i % len(inst_ids)],
                     annual_hours_per_fte=1760, workflow_id=states[i % len(states)][1],
                     state_id=states[i % len(states)][0], created_by_id=uids["department"])
                for i in range(N_CASES)]
        for start in range(0, len(rows), 10000):
            db.session.execute(AdjustmentCase.__table__.insert(), rows[start:start + 10000])
        db.session.commit()
        db.session.info.pop("audit_disabled")
        db.session.remove()


def bench_pipeline_sql(app, repeats=30):
    base = []
    with app.app_context():
        for _ in range(repeats):
            t = time.perf_counter()
            db.session.execute(select(AdjustmentCase.id, AdjustmentCase.number, AdjustmentCase.title,
                                      AdjustmentCase.state_id).order_by(AdjustmentCase.id.desc())
                               .offset(1000).limit(25)).all()
            db.session.execute(select(func.count(AdjustmentCase.id))).scalar()
            base.append(time.perf_counter() - t)
        db.session.remove()
    return base


def main():
    app, dialect = setup_app()
    inst_ids, qt_id, _ = seed(app)
    uids = users(app, inst_ids[0])
    print(f"machine: {os.cpu_count()} cores; database: {dialect}")

    case_ids = prepare_cases(app, inst_ids, qt_id, uids)
    lat, applied = bench_apply(app, case_ids, uids)
    base = bench_apply_baseline(app, inst_ids, qt_id)
    print(f"apply an approved case with {DELTAS} ledger deltas ({N_APPLY} cases, {applied} applied):")
    print(f"  sign-off + apply   : p50 {pct(lat, 50) * 1000:7.1f} ms, p95 {pct(lat, 95) * 1000:7.1f} ms")
    print(f"  {DELTAS} deltas, services only: p50 {pct(base, 50) * 1000:7.1f} ms, p95 {pct(base, 95) * 1000:7.1f} ms"
          f"   ratio {pct(lat, 50) / pct(base, 50):.2f}x")

    seed_pipeline(app, inst_ids, uids)
    sql = bench_pipeline_sql(app)
    print(f"case pipeline list at {N_CASES} cases (page 40):")
    for who in ("staff", "department"):
        times, per_page = time_page(app, f"bench_{who}", "/adjustmentcaseview/list/?page_AdjustmentCaseView=40")
        print(f"  FAB list as {who:<10}: p50 {pct(times, 50) * 1000:6.1f} ms, p95 {pct(times, 95) * 1000:6.1f} ms, "
              f"{per_page} SQL statements   ratio {pct(times, 50) / pct(sql, 50):.1f}x")
    print(f"  bare SQL page+count   : p50 {pct(sql, 50) * 1000:6.1f} ms")
    # The home page counts what waits for the user (待办) over every case, in SQL.
    print(f"home page with the to-do counts, {N_CASES} cases spread over every state:")
    for who in ("staff", "leader", "department"):
        times, per_page = time_page(app, f"bench_{who}", "/", follow_redirects=True)
        print(f"  home as {who:<10}: p50 {pct(times, 50) * 1000:6.1f} ms, p95 {pct(times, 95) * 1000:6.1f} ms, "
              f"{per_page} SQL statements")


if __name__ == "__main__":
    main()
