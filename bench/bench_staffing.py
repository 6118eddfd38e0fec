"""Benchmark of 用编进人 entry (issue 13 §5): prints figures and ratios, asserts nothing.

    python bench/bench_staffing.py                    # SQLite file in a temp dir
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bianzhi_bench python bench/bench_staffing.py

Measured side by side in one run, BENCH_REPS times each (default 20), each in
its own transaction with its commit:
1. 入库 of a 100-person batch (``enter_batch``: the step's conditional UPDATE,
   the allocation lock, the plan line's counter, the quota domain's bulk person
   service with every invariant, the certificate);
2. the baseline the issue names: the bare person service (``create_person``)
   called 100 times for 100 persons;
3. for reference, the quota domain's bulk person service alone (``create_persons``).
WARNING: on PostgreSQL the target database's public schema is dropped first.
"""
from __future__ import annotations

import datetime as dt
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench_quota import pct, seed, setup_app  # noqa: E402

from app.core import audit  # noqa: E402
from app.core.db import transaction  # noqa: E402
from app.execution.staffing_use import services as staffing  # noqa: E402
from app.execution.staffing_use.models import (  # noqa: E402
    ApplicationType,
    EntryBatch,
    EntryCandidate,
    ReviewMeeting,
    StaffingPlan,
    StaffingPlanLine,
)
from app.extensions import db  # noqa: E402
from app.quota import services  # noqa: E402
from app.quota.models import Institution, Person, QuotaType  # noqa: E402

REPS = int(os.environ.get("BENCH_REPS", "20"))
# The one-by-one baseline takes 20–400× the entry: BENCH_BASE_REPS runs of it (default REPS).
BASE_REPS = int(os.environ.get("BENCH_BASE_REPS", str(REPS)))
SIZE = 100
_k = iter(range(10**7))


def id_number() -> str:
    k = next(_k)
    birth = dt.date(1985, 1, 1) + dt.timedelta(days=k // 998)
    body = f"370202{birth:%Y%m%d}{k % 998 + 1:03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights)) % 11]


def prepare(app, inst_ids, qt_id):
    """An approved plan line of REPS × 100 on the first unit, REPS batches of 100 at 审核."""
    with app.app_context():
        audit.set_actor("bench")
        with transaction():
            for inst in inst_ids[:3]:
                services.adjust_quota(db.session.get(Institution, inst), db.session.get(QuotaType, qt_id),
                                      REPS * SIZE, reason="bench")
            t = staffing.save_application_type(ApplicationType(code="B1", name="基准考录", applicant_kind="graduate",
                                                               channel="exam", required_documents="报名登记表"))
            m = staffing.save_meeting(ReviewMeeting(title="基准月专题会议", held_on=dt.date(2026, 1, 5)))
            plan = staffing.create_plan(StaffingPlan(institution_id=inst_ids[0], year=2026, title="",
                                                     meeting_id=m.id))
            line = staffing.create_line(StaffingPlanLine(plan_id=plan.id, quota_type_id=qt_id, channel="exam",
                                                         planned=REPS * SIZE))
            staffing.submit_plan(plan)
            staffing.decide_meeting(m, doc_no="基准〔2026〕1号")
            type_id, line_id = t.id, line.id
        batches = []
        for n in range(REPS):
            with transaction():
                b = staffing.create_batch(EntryBatch(title=f"基准批次{n}", plan_line_id=line_id,
                                                     application_type_id=type_id, publicity_start=dt.date(2026, 2, 1),
                                                     publicity_end=dt.date(2026, 2, 7), documents="报名登记表"))
                for i in range(SIZE):
                    staffing.save_candidate(EntryCandidate(batch_id=b.id, name=f"基准{n}-{i}", id_number=id_number()))
                staffing.apply_batch(b)
                staffing.review_batch(b)
                batches.append(b.id)
        db.session.remove()
    return batches


def timed(app, work) -> float:
    with app.app_context():
        audit.set_actor("bench")
        t0 = time.perf_counter()
        with transaction():
            work()
        elapsed = time.perf_counter() - t0
        db.session.remove()
    return elapsed * 1000


def main():
    app, dialect = setup_app()
    inst_ids, qt_id, _city = seed(app)
    batches = prepare(app, inst_ids, qt_id)

    def people(inst):
        return [Person(name=f"对照{i}", id_number=id_number(), institution_id=inst, quota_type_id=qt_id)
                for i in range(SIZE)]

    entry = [timed(app, lambda b=b: staffing.enter_batch(db.session.get(EntryBatch, b))) for b in batches]
    one_by_one = [timed(app, lambda: [services.create_person(p) for p in people(inst_ids[1])])
                  for _ in range(BASE_REPS)]
    bulk = [timed(app, lambda: services.create_persons(people(inst_ids[2]))) for _ in range(REPS)]

    print(f"用编进人 entry benchmark on {dialect}: {REPS} runs of {SIZE} persons each "
          f"({BASE_REPS} of the one-by-one baseline)")
    print(f"{'measure':58} {'p50 ms':>9} {'p95 ms':>9} {'ratio p95':>10}")
    base = pct(one_by_one, 95)
    for label, values in (("入库 of a 100-person batch (enter_batch)", entry),
                          ("baseline: create_person called 100 times", one_by_one),
                          ("reference: create_persons (bulk) alone", bulk)):
        print(f"{label:58} {pct(values, 50):9.1f} {pct(values, 95):9.1f} {pct(values, 95) / base:9.2f}×")


if __name__ == "__main__":
    main()
