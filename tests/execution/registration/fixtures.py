"""Shared helpers of the registration tests: units in each state, filing, walking steps."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from app.core.db import transaction
from app.execution.registration import rules, services
from app.execution.registration.models import Registration
from app.extensions import db
from app.quota.models import Institution
from tests.factories import make_reference, new_institution

T0 = dt.datetime(2026, 5, 6, 9, 0, 0)


@dataclass
class Units:
    ref: object
    bureau: int  # 机关, no code yet (赋码发证)
    school: int  # 事业单位 under the bureau, registered with a certificate
    new_pi: int  # 事业单位 under the bureau, not registered (设立)
    successor: int  # 事业单位 under the bureau, registered
    other: int  # 事业单位 outside the bureau, registered


def materials(matter: str) -> str:
    return "\n".join(rules.REQUIRED_MATERIALS[matter])


def file(institution_id: int, matter: str, *, now=T0, **values) -> int:
    values.setdefault("materials", materials(matter))
    with transaction():
        reg = services.create_registration(Registration(matter=matter, institution_id=institution_id, **values),
                                           now=now)
        return reg.id


def walk(reg_id: int, to: str, *, start=T0, minutes: int = 2, tracking_out=None) -> Registration:
    """Advance step by step to ``to``, ``minutes`` apart."""
    now = start
    while True:
        db.session.expire_all()
        reg = db.session.get(Registration, reg_id)
        if reg.step == to:
            return reg
        now += dt.timedelta(minutes=minutes)
        with transaction():
            services.advance(reg, now=now, tracking_out=tracking_out)


def establish(institution_id: int, *, now=T0) -> int:
    reg_id = file(institution_id, "establish", legal_rep="王五", now=now)
    walk(reg_id, "issued", start=now)
    return reg_id


def make_units() -> Units:
    ref = make_reference()
    bureau = new_institution(ref, "市教育局", category="gov")
    school = new_institution(ref, "市第一中学", parent=bureau, category="pi", within_cap=False)
    new_pi = new_institution(ref, "市教育考试院", parent=bureau, category="pi", within_cap=False)
    successor = new_institution(ref, "市教育服务中心", parent=bureau, category="pi", within_cap=False)
    other = new_institution(ref, "市卫生监督所", category="pi", within_cap=False)
    for pk in (school, successor, other):
        establish(pk)
    return Units(ref, bureau, school, new_pi, successor, other)


@pytest.fixture()
def units(app_ctx) -> Units:
    return make_units()


def reload(model, pk):
    db.session.expire_all()
    return db.session.get(model, pk)


def uscc_of(pk: int) -> str:
    return reload(Institution, pk).uscc




def client_for(app, username: str):
    from tests.conftest import login

    c = app.test_client()
    resp = login(c, username)
    assert resp.status_code in (200, 302)
    return c


@pytest.fixture()
def users(app, units):
    """A department account bound to 市教育局 (the bureau) and an office account."""
    from tests.factories import make_user

    make_user(app, "reg_dept", "department", units.bureau)
    make_user(app, "reg_staff", "staff")
    return units
