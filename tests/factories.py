"""Factories for tests: reference data, institutions, quotas, persons, users.

Everything is created through the real services inside ``transaction()``.
"""
from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from app.core.db import transaction
from app.extensions import db
from app.quota import services
from app.quota.models import (
    Institution,
    InstitutionCap,
    InstitutionCategory,
    LeadershipQuota,
    Person,
    QuotaType,
    Rank,
    Region,
    RegionalCap,
    UserInstitution,
)

_serial = itertools.count(1)


def valid_id_number(region="370202", birth=dt.date(1980, 1, 1), seq=None, gender=None) -> str:
    """A resident ID number with a correct checksum (ISO 7064 mod 11-2); with
    ``gender`` ('M' / 'F'), one whose 17th digit agrees with it (odd for men)."""
    drawn = seq is None
    seq = next(_serial) % 1000 if drawn else seq
    while gender is not None and (seq % 2 == 1) != (gender == "M"):
        seq = next(_serial) % 1000 if drawn else (seq + 1) % 1000  # drawn: never the number just handed out
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body, weights)) % 11]
    return body + check


@dataclass
class Ref:
    city: int
    shinan: int
    shibei: int
    party: int  # 党委工作机关, counts toward cap
    gov: int  # 政府工作部门, counts toward cap
    pi: int  # 事业单位 (公益一类), no cap
    admin_q: int  # 行政编制
    inst_q: int  # 事业编制
    chief: int  # 正职 (leadership)
    deputy: int  # 副职 (leadership)
    clerk: int  # 科员 (not leadership)


def make_reference() -> Ref:
    with transaction():
        city = Region(code="370200", name="青岛市", level="city")
        db.session.add(city)
        db.session.flush()
        shinan = Region(code="370202", name="市南区", level="district", parent_id=city.id)
        shibei = Region(code="370203", name="市北区", level="district", parent_id=city.id)
        party = InstitutionCategory(code="party", name="党委工作机关", counts_toward_cap=True, uscc_code="1")
        gov = InstitutionCategory(code="gov", name="政府工作部门", counts_toward_cap=True, uscc_code="1")
        pi = InstitutionCategory(code="pi1", name="公益一类事业单位", counts_toward_cap=False, uscc_code="2")
        db.session.add_all([shinan, shibei, party, gov, pi])
        db.session.flush()
        admin_q = QuotaType(code="admin", name="行政编制", allowed_categories=[party, gov])
        inst_q = QuotaType(code="inst", name="事业编制", allowed_categories=[pi])
        chief = Rank(code="chief", name="正职", is_leadership=True, sort=1)
        deputy = Rank(code="deputy", name="副职", is_leadership=True, sort=2)
        clerk = Rank(code="clerk", name="科员", is_leadership=False, sort=9)
        db.session.add_all([admin_q, inst_q, chief, deputy, clerk])
        db.session.flush()
        ref = Ref(city.id, shinan.id, shibei.id, party.id, gov.id, pi.id, admin_q.id, inst_q.id, chief.id,
                  deputy.id, clerk.id)
    return ref


@pytest.fixture()
def ref(app_ctx) -> Ref:
    return make_reference()


def new_institution(ref: Ref, name: str, *, parent: int | None = None, category: str = "gov",
                    region: str = "city", within_cap: bool = True, status: str = "active") -> int:
    with transaction():
        inst = services.create_institution(
            Institution(name=name, category_id=getattr(ref, category), region_id=getattr(ref, region),
                        parent_id=parent, within_cap=within_cap, status=status)
        )
        return inst.id


def give_quota(inst_id: int, quota_type_id: int, delta: int, reason: str = "test") -> None:
    with transaction():
        services.adjust_quota(db.session.get(Institution, inst_id), db.session.get(QuotaType, quota_type_id),
                              delta, reason=reason)


def set_regional_cap(region_id: int, quota_type_id: int, total: int) -> int:
    with transaction():
        cap = services.save_regional_cap(RegionalCap(region_id=region_id, quota_type_id=quota_type_id, total=total))
        return cap.id


def set_institution_cap(region_id: int, total: int) -> int:
    with transaction():
        return services.save_institution_cap(InstitutionCap(region_id=region_id, total=total)).id


def set_leadership(inst_id: int, rank_id: int, approved: int, division_id=None) -> int:
    with transaction():
        return services.save_leadership_quota(
            LeadershipQuota(institution_id=inst_id, rank_id=rank_id, approved=approved, division_id=division_id)
        ).id


def new_person(inst_id: int, quota_type_id: int, *, name="张三", rank_id=None, id_number=None) -> int:
    with transaction():
        p = services.create_person(
            Person(name=name, id_number=id_number or valid_id_number(), institution_id=inst_id,
                   quota_type_id=quota_type_id, rank_id=rank_id)
        )
        return p.id


def make_user(app, username: str, role: str, institution_id: int | None = None):
    from flask import has_app_context

    from tests.conftest import PASSWORD

    if has_app_context():
        db.session.rollback()  # the caller's read transaction would hold the SQLite write lock
    with app.app_context():
        sm = app.appbuilder.sm
        user = sm.add_user(username, username, "test", f"{username}@example.org", sm.find_role(role), PASSWORD)
        assert user, f"could not create {username}"
        if institution_id is not None:
            with transaction():
                db.session.add(UserInstitution(user_id=user.id, institution_id=institution_id))
        uid = user.id
        db.session.remove()
        return uid


def counts(model, **where):
    stmt = select(model)
    for key, value in where.items():
        stmt = stmt.where(getattr(model, key) == value)
    return db.session.execute(stmt).scalars().all()
