"""Races with real threads on SQLite and PostgreSQL: one registration advanced by 64
requests issues exactly one code and one certificate; 64 parallel filings of one
unit's annual report (or of one change) leave exactly one."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import func, select

from app.core import audit
from app.execution.registration import services
from app.execution.registration.models import Certificate, Registration
from app.extensions import db
from app.quota.models import Institution
from tests.execution.registration.fixtures import T0, file, materials, reload, walk
from tests.races import ATTEMPTS, assert_chain_intact, race


def count(model, *where) -> int:
    db.session.expire_all()
    return db.session.execute(select(func.count()).select_from(model).where(*where)).scalar()


def test_parallel_issue_gives_one_code_and_one_certificate(app, units):
    reg_id = file(units.new_pi, "establish", legal_rep="李四")
    walk(reg_id, "approved")

    def attempt(i):
        services.advance(db.session.get(Registration, reg_id), target="issued",
                         now=T0 + dt.timedelta(hours=1, seconds=i))

    assert race(app, attempt) == (1, ATTEMPTS - 1)
    reg = reload(Registration, reg_id)
    assert reg.step == "issued" and reg.uscc == reload(Institution, units.new_pi).uscc
    assert count(Certificate, Certificate.institution_id == units.new_pi) == 1
    steps = db.session.execute(select(audit.AuditLog.after).where(
        audit.AuditLog.object_type == "Registration", audit.AuditLog.object_id == str(reg_id))).scalars().all()
    assert sum(1 for after in steps if after and '"issued"' in after) == 1
    assert_chain_intact()


def test_parallel_establishments_of_different_units_get_distinct_codes(app, units):
    from tests.factories import new_institution

    ids = [new_institution(units.ref, f"市新设中心{i}", parent=units.bureau, category="pi", within_cap=False)
           for i in range(8)]
    regs = [file(pk, "establish", legal_rep="王五") for pk in ids]
    for reg_id in regs:
        walk(reg_id, "approved")

    def attempt(i):
        services.advance(db.session.get(Registration, regs[i % len(regs)]), target="issued",
                         now=T0 + dt.timedelta(hours=2))

    granted, _ = race(app, attempt, attempts=32)
    assert granted == len(regs)
    codes = [reload(Institution, pk).uscc for pk in ids]
    assert None not in codes and len(set(codes)) == len(codes)
    assert_chain_intact()


def test_parallel_filings_leave_one_annual_report_and_one_open_change(app, units):
    def report(i):
        services.create_registration(Registration(
            matter="annual_report", institution_id=units.school, report_year=2025, activities=f"第 {i} 次报送",
            net_assets=Decimal(100), staff_count=10, materials=materials("annual_report")),
            now=dt.datetime(2026, 3, 1, 9))

    assert race(app, report) == (1, ATTEMPTS - 1)
    assert count(Registration, Registration.matter == "annual_report") == 1

    def change(i):
        services.create_registration(Registration(
            matter="change", institution_id=units.school, change_item="address", new_value=f"香港中路 {i} 号",
            materials=materials("change")), now=T0)

    assert race(app, change) == (1, ATTEMPTS - 1)
    assert count(Registration, Registration.matter == "change") == 1
    assert_chain_intact()
