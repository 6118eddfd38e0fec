"""A small quota database with one planted problem per rule, made through the
real services and then broken on purpose with plain UPDATEs (the invariants
would refuse the breakage through any door)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import select, update

from app.core.db import transaction
from app.extensions import db
from app.justification.coordination.models import CoordinationItem
from app.office.models import OfficeDivision
from app.quota.models import InstitutionCap, LeadershipQuota, Person, QuotaAllocation, RegionalCap
from app.supervision.verification import engine
from app.supervision.verification.models import VerificationRule, VerificationRun
from tests.factories import (
    give_quota,
    make_reference,
    new_institution,
    new_person,
    set_institution_cap,
    set_leadership,
    set_regional_cap,
)

TODAY = dt.date(2026, 3, 2)


@dataclass
class Planted:
    ref: object
    over: int  # 超编 (3 persons on 2 approved)
    leaders: int  # 超职数
    mixed: int  # 混用编制 (a 事业编制 person in a 政府部门)
    out_of_cap: int  # out of the cap and still active
    clean: int  # nothing wrong
    district: int  # its region's total exceeded


def plant(app) -> Planted:
    ref = make_reference()
    set_regional_cap(ref.city, ref.admin_q, 100)
    set_regional_cap(ref.shinan, ref.admin_q, 60)
    set_regional_cap(ref.shibei, ref.admin_q, 99)  # with 市南区 (5 below): 104 > 100, 下级总量超过上级
    set_institution_cap(ref.city, 5)
    over = new_institution(ref, "市超编局")
    leaders = new_institution(ref, "市超职数局")
    mixed = new_institution(ref, "市混编局")
    clean = new_institution(ref, "市守规局")
    out = new_institution(ref, "市限额外中心", category="pi", within_cap=False)  # 限额外 and active
    district = new_institution(ref, "市南区超总量局", region="shinan")
    for inst in (over, leaders, mixed, clean):
        give_quota(inst, ref.admin_q, 3)
    give_quota(district, ref.admin_q, 10)
    for i in range(3):
        new_person(over, ref.admin_q, name=f"超编{i}")
    new_person(clean, ref.admin_q, name="守规")
    set_leadership(leaders, ref.chief, 2)
    new_person(leaders, ref.admin_q, name="正职甲", rank_id=ref.chief)
    new_person(leaders, ref.admin_q, name="正职乙", rank_id=ref.chief)
    mixed_person = new_person(mixed, ref.admin_q, name="混编")
    with transaction():
        # The breakage, behind the invariants' back (counters and rows disagree):
        db.session.execute(update(QuotaAllocation).where(QuotaAllocation.institution_id == over)
                           .values(approved=2, occupied=2))  # 超编: 3 persons on 2; ledger says 3
        db.session.execute(update(LeadershipQuota).where(LeadershipQuota.institution_id == leaders)
                           .values(approved=1, used=1))  # 超职数: 2 chiefs on 1
        db.session.execute(update(Person).where(Person.id == mixed_person).values(quota_type_id=ref.inst_q))
        db.session.execute(update(RegionalCap).where(RegionalCap.region_id == ref.shinan)
                           .values(total=5, used=5))  # 超总量: 10 approved on 5
        db.session.execute(update(InstitutionCap).where(InstitutionCap.region_id == ref.city)
                           .values(total=3, used=3))  # 超限额: 4 counting institutions on 3
        lead = OfficeDivision(code="zhc", name="综合处", sort=1)
        db.session.add(lead)
        db.session.flush()
        db.session.add(CoordinationItem(title="逾期事项", lead_leader="办主任", lead_division_id=lead.id,
                                        due_on=TODAY - dt.timedelta(days=1), status="in_progress"))
        engine.sync_rules()
        # Rules under test give 0 working days to rectify (the calendar is tested on its own).
        db.session.execute(update(VerificationRule).values(deadline_days=0))
    return Planted(ref, over, leaders, mixed, out, clean, district)


@pytest.fixture()
def planted(app, app_ctx) -> Planted:
    return plant(app)


def run_ids(period: str, today=TODAY, codes=None) -> dict[str, VerificationRun]:
    ids = engine.run_all(node="test", trigger="manual", period=period, today=today, codes=codes)
    db.session.expire_all()
    runs = [db.session.get(VerificationRun, i) for i in ids]
    return {run.rule.code: run for run in runs}


def rule_id(code: str) -> int:
    return db.session.execute(select(VerificationRule.id).where(VerificationRule.code == code)).scalar_one()
