"""A small world for evaluation and assessment tests: three departments (one
with public institutions under it), the four grades, a published two-level
indicator system, the cap table, one user per role and the default workflow."""
from __future__ import annotations

from dataclasses import dataclass

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.core.audit import AuditLog
from app.core.db import transaction
from app.extensions import db
from app.supervision.evaluations import services as ev_svc
from app.supervision.evaluations.models import (DepartmentEvaluation, EvaluationPlan, Grade, Indicator,
                                                IndicatorScore, IndicatorSystem)
from app.core.workdays.services import load_from_package
from seeds.workflow import load_default_workflow
from tests.factories import Ref, give_quota, make_reference, make_user, new_institution

DAY = dt.date(2026, 6, 30)  # "today" of the service calls here
GRADES = (("excellent", "优秀", 90, True), ("good", "良好", 80, True), ("pass", "合格", 60, False),
          ("fail", "不合格", 0, False))
# A two-level tree: A (60) = A1 (50) + A2 (50); B (40), computed from quota use.
TREE = (("A", "依法履职", None, 60, "manual"), ("A1", "权责清单执行", "A", 50, "power_list"),
        ("A2", "重点任务完成", "A", 50, "manual"), ("B", "编制使用", None, 40, "quota_use"))


@dataclass
class World:
    ref: Ref
    edu: int  # 市教育局, with public institutions under it
    civil: int  # 市民政局
    health: int  # 市卫健委
    schools: list  # public institutions under 市教育局
    grades: dict  # code -> id
    system: int
    indicators: dict  # code -> id
    users: dict  # role -> user id


def make_grades() -> dict:
    with transaction():
        ids = {}
        for code, name, minimum, top in GRADES:
            ids[code] = ev_svc.save_grade(Grade(code=code, name=name, min_score=minimum, is_top=top)).id
        return ids


def make_system(name="2026 履职评估指标体系", tree=TREE, publish=True) -> tuple[int, dict]:
    with transaction():
        system = ev_svc.save_system(IndicatorSystem(name=name))
        ids: dict = {}
        for code, title, parent, weight, source in tree:
            ids[code] = ev_svc.save_indicator(Indicator(system_id=system.id, code=code, name=title,
                                                        parent_id=ids.get(parent), weight=weight,
                                                        data_source=source, scoring_rule=f"{title} 按完成情况评分")).id
        if publish:
            ev_svc.publish(system)
        return system.id, ids


def make_world(app, *, schools: int = 8) -> World:
    ref = make_reference()
    edu = new_institution(ref, "市教育局")
    civil = new_institution(ref, "市民政局")
    health = new_institution(ref, "市卫健委")
    units = [new_institution(ref, f"青岛第{i + 1}中学", parent=edu, category="pi") for i in range(schools)]
    give_quota(edu, ref.admin_q, 20)
    for unit in units[:2]:
        give_quota(unit, ref.inst_q, 30)
    grades = make_grades()
    system, indicators = make_system()
    users = {
        "admin": make_user(app, "ev_admin", "admin"),
        "staff": make_user(app, "ev_staff", "staff"),
        "leader": make_user(app, "ev_leader", "leader"),
        "inspector": make_user(app, "ev_inspector", "inspector"),
        "department": make_user(app, "ev_dept", "department", edu),
        "foreign": make_user(app, "ev_foreign", "department", civil),
    }
    with transaction():
        load_default_workflow()
        load_from_package({2025, 2026})  # the holiday calendar: findings' deadlines are in working days
    return World(ref, edu, civil, health, units, grades, system, indicators, users)


@pytest.fixture()
def world(app, app_ctx) -> World:
    return make_world(app)


def user(world: World, role: str):
    from flask_appbuilder.security.sqla.models import User

    return db.session.get(User, world.users[role])


def make_plan(world: World, *, year=2026, size=3, seed="2026-编委会-001", name=None) -> int:
    with transaction():
        return ev_svc.save_plan(EvaluationPlan(year=year, name=name or f"{year} 年度履职评估", system_id=world.system,
                                               sample_size=size, seed=seed)).id


def evaluate(world: World, plan_id: int, institution_id: int, scores: dict, *, finalize=True) -> int:
    """File a department in a plan, score the manual leaves, finalise."""
    with transaction():
        plan = db.session.get(EvaluationPlan, plan_id)
        ev = ev_svc.add_department(plan, institution_id)
        for code, score in scores.items():
            ev_svc.save_score(IndicatorScore(evaluation_id=ev.id, indicator_id=world.indicators[code], score=score))
        if finalize:
            ev_svc.finalize(ev, today=DAY)
        return ev.id


def snapshot():
    """What a refused write must leave as it was."""
    db.session.expire_all()
    return {
        "indicators": sorted(db.session.execute(select(Indicator.id, Indicator.parent_id, Indicator.weight,
                                                       Indicator.code)).all()),
        "systems": sorted(db.session.execute(select(IndicatorSystem.id, IndicatorSystem.status)).all()),
        "plans": sorted(db.session.execute(select(EvaluationPlan.id, EvaluationPlan.seed,
                                                  EvaluationPlan.sampled_at)).all()),
        "evaluations": sorted(db.session.execute(select(DepartmentEvaluation.id, DepartmentEvaluation.status,
                                                        DepartmentEvaluation.total,
                                                        DepartmentEvaluation.grade_id)).all()),
        "scores": sorted(db.session.execute(select(IndicatorScore.id, IndicatorScore.score)).all()),
        "audit": db.session.execute(select(func.count(AuditLog.id))).scalar(),
    }


LOGINS = {"admin": "ev_admin", "staff": "ev_staff", "leader": "ev_leader", "inspector": "ev_inspector",
          "department": "ev_dept", "foreign": "ev_foreign"}


def client_for(app, role):
    from tests.conftest import login

    client = app.test_client()
    assert login(client, LOGINS[role]).status_code == 302
    return client


def api_for(app, role):
    from tests.conftest import api_token

    client = app.test_client()
    return client, {"Authorization": f"Bearer {api_token(client, LOGINS[role])}"}


def refused(work, snapshot_of=None):
    """Run ``work`` in a transaction; it must be refused and change nothing
    (``snapshot_of``: what to compare, this package's ``snapshot`` by default)."""
    from app.core.errors import DomainError

    snap = snapshot_of or snapshot
    before = snap()
    with pytest.raises(DomainError) as exc:
        with transaction():
            work()
    assert snap() == before
    return exc.value
