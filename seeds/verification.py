"""Demo of the scheduled verification: every rule as data, a few problems
planted on purpose in the demo database, and every rule run once — so the
runs page shows each rule's run and the findings page what they found.

The plants bypass the services on purpose (the invariants would refuse
them): they stand for data that went wrong outside the system.  Loading again
plants nothing new and runs nothing again (the runs are keyed on the period
``demo``).
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from app.core import audit
from app.core.db import transaction
from app.extensions import db
from app.quota.models import Institution, QuotaAllocation, QuotaLedgerEntry, RegionalCap
from app.supervision.verification import engine
from app.supervision.verification.models import VerificationRun

PLANT_REASON = "演示: 故意植入的问题 / demo: a planted problem"


def _plant() -> None:
    # 限额外机构仍在运行: a unit outside the cap set up beside a revoked one and never
    # revoked (bringing the revoked one back would change the seed's own figures of
    # cleaned-up units, 33 city and 184 district).
    model = db.session.execute(select(Institution).where(Institution.within_cap.is_(False),
                                                         Institution.status == "revoked")
                               .order_by(Institution.id).limit(1)).scalar_one_or_none()
    planted = f"{model.name}（延续）" if model is not None else None
    if planted and not db.session.execute(select(Institution.id).where(Institution.name == planted)).first():
        from app.quota import services as quota

        quota.create_institution(Institution(
            name=planted, category_id=model.category_id, region_id=model.region_id,
            level=model.level, within_cap=False, status="active"))
    # 核定编制与台账不符: a ledger entry written without moving its allocation
    alloc = db.session.execute(select(QuotaAllocation).where(QuotaAllocation.approved > 0)
                               .order_by(QuotaAllocation.id).limit(1)).scalar_one_or_none()
    if alloc is not None:
        db.session.add(QuotaLedgerEntry(institution_id=alloc.institution_id, quota_type_id=alloc.quota_type_id,
                                        delta=2, balance_after=alloc.approved + 2, reason=PLANT_REASON,
                                        actor="seed:verification"))
    # 总量已用数与重算不符: a regional cap's counter one off
    cap = db.session.execute(select(RegionalCap).where(RegionalCap.used > 0).order_by(RegionalCap.id).limit(1)) \
        .scalar_one_or_none()
    if cap is not None:
        db.session.execute(update(RegionalCap).where(RegionalCap.id == cap.id).values(used=RegionalCap.used - 1))
        audit.record(db.session, "update", "RegionalCap", cap.id, before={"used": cap.used},
                     after={"used": cap.used - 1, "reason": PLANT_REASON})
    _plant_overdue_publication()
    db.session.flush()


OVERDUE_PLAN = "SC-2026-02"
OVERDUE_DRAW_DAY = dt.date(2026, 10, 20)


def _plant_overdue_publication() -> None:
    """逾期未公开: a second 2026 plan drawn on 20 October, its results recorded but never
    published, so the 20 working days (due 17 November) have run out.  Through the
    services: only the publication is missing.  The missing annual reports (3 units for
    2025) and the expiring certificates (6 renewed at the turn of 2021/22) that the
    registration demo leaves are found as they are."""
    from decimal import Decimal

    from app.supervision.spot_checks import results, services
    from app.supervision.spot_checks.models import SpotItem, SpotPlan
    from seeds.spot_checks import ITEMS, task_inspectors

    item = db.session.scalar(select(SpotItem).where(SpotItem.code == ITEMS[1][0]))
    if item is None or db.session.scalar(select(SpotPlan.id).where(SpotPlan.code == OVERDUE_PLAN)) is not None:
        return
    plan = SpotPlan(code=OVERDUE_PLAN, name="2026 年度事业单位机构编制执行情况双随机抽查", year=2026, spot_item=item,
                    sample_ratio=Decimal("1"), per_target=2, publicity_ends_on=dt.date(2026, 6, 30))
    services.create_plan(plan)
    draw = services.freeze_draw(plan, seed="20261019-3877.42",
                                seed_source="2026-10-19 上证综合指数收盘点位, 于 2026-10-19 办务会上录入",
                                today=OVERDUE_DRAW_DAY)
    for task in services.run_draw(draw, today=OVERDUE_DRAW_DAY):
        results.record_result(task, inspector=task_inspectors(task)[0], outcome="compliant", notes="")


def load() -> None:
    token = audit.set_actor("seed:verification")
    try:
        with transaction():
            engine.sync_rules()
            if db.session.execute(select(VerificationRun.id).where(VerificationRun.period == "demo")).first():
                return
            _plant()
    finally:
        audit._actor.reset(token)
    engine.run_all(node="seed", trigger="manual", period="demo", today=dt.date.today())
