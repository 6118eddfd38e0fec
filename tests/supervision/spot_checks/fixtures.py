"""A spot-check world: 市教育局 with 青岛二中 below it, 市财政局 and 20 more units
(23 in the pool, each coded: registration's pool of registered units), six inspectors (李敏 affiliated with 市教育局; 张建国 is the
login ``insp``), the item list, a 2026 plan at 3 %, the 2025–2026 calendar; a
department user of 市教育局 (logged in) and a staff user (logged in)."""
from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.core.db import transaction
from app.extensions import db
from app.quota.models import Institution
from app.quota.services import assign_uscc
from app.supervision.spot_checks import services
from app.supervision.spot_checks.models import SpotInspector, SpotItem, SpotPlan
from tests.conftest import login
from tests.factories import make_user, new_institution

INSPECTORS = ["张建国", "李敏", "王海涛", "刘芳", "陈立新", "杨雪"]
AFTER_PUBLICITY = dt.date(2026, 9, 15)


def make_plan(code="SC-T-1", *, ratio="3", root=None, year=2026) -> int:
    with transaction():
        item = db.session.scalar(select(SpotItem))
        plan = SpotPlan(code=code, name=f"计划 {code}", year=year, spot_item=item, sample_ratio=Decimal(ratio),
                        per_target=2, publicity_ends_on=dt.date(year, 6, 30), pool_root_id=root)
        services.create_plan(plan)
        return plan.id


def frozen_and_drawn(plan_id: int, seed="seed-1"):
    with transaction():
        plan = db.session.get(SpotPlan, plan_id)
        draw = services.freeze_draw(plan, seed=seed, seed_source="test meeting", today=AFTER_PUBLICITY)
    with transaction():
        tasks = services.run_draw(draw, today=AFTER_PUBLICITY)
        ids = draw.id, [t.id for t in tasks]
    db.session.rollback()  # a read left open would hold SQLite's write lock against the next request
    return ids


@contextmanager
def fresh(app):
    """A context of its own (as a request has), the test's own session closed first."""
    db.session.rollback()
    with app.app_context():
        yield


@pytest.fixture()
def spot(app, ref, calendar_years):
    edu = new_institution(ref, "市教育局")
    school = new_institution(ref, "青岛二中", parent=edu, category="pi")
    fin = new_institution(ref, "市财政局")
    others = [new_institution(ref, f"单位{i:02d}") for i in range(20)]
    with transaction():  # coded (赋码): registered, so in registration's target pool
        for pk in (edu, school, fin, *others):
            assign_uscc(db.session.get(Institution, pk))
    insp_user = make_user(app, "insp", "inspector")
    make_user(app, "insp2", "inspector")
    make_user(app, "dept", "department", institution_id=edu)
    make_user(app, "staff1", "staff")
    with transaction():
        db.session.add(SpotItem(code="SJ-1", matter="登记事项检查", basis="《事业单位登记管理暂行条例》",
                                checked_subject="事业单位", check_content="登记事项与实际是否一致", method="written"))
        for i, name in enumerate(INSPECTORS):
            row = SpotInspector(name=name, active=True, user_id=insp_user if i == 0 else None)
            if i == 1:
                row.affiliations = [db.session.get(Institution, edu)]
            db.session.add(row)
    plan = make_plan()
    staff, dept = app.test_client(), app.test_client()
    assert login(staff, "staff1").status_code == 302
    assert login(dept, "dept").status_code == 302
    return dict(ref=ref, edu=edu, school=school, fin=fin, others=others, plan=plan, staff=staff, dept=dept)
