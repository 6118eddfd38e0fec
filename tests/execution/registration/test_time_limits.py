"""办结时限 (issue #14 §5): a matter's time limit in working days from 受理, as data an
administrator edits; each registration's due day set at receipt with the holiday
calendar; the overdue ones found by a scheduled rule (a finding of the unit,
resolved once issued); a due day in a year the calendar lacks left pending, not a
refused step; refusals that change nothing; only administrators edit the limits."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.core.db import transaction
from app.core.errors import DomainError
from app.core.workdays import add_working_days
from app.core.workdays.models import Holiday
from app.execution.registration import time_limits
from app.execution.registration.models import Registration, RegistrationTimeLimit
from app.extensions import db
from app.supervision.findings.models import OPEN_STATES, Finding
from app.supervision.verification import engine
from app.supervision.verification.models import VerificationRule
from tests.core.workdays.fixtures import calendar_years  # noqa: F401  (re-exported fixture)
from tests.execution.registration.fixtures import client_for, file, reload, users, walk  # noqa: F401

RECEIVED = dt.datetime(2026, 9, 28, 9, 0)  # the Monday before National Day (1–8 October off in 2026)


def _limit(matter: str, days: int) -> None:
    with transaction():
        time_limits.save_time_limit(RegistrationTimeLimit(matter=matter, working_days=days, basis="实施细则"))


def _overdue_findings() -> dict[str, Finding]:
    db.session.expire_all()
    return {f.source_key.split(":", 1)[1]: f for f in db.session.execute(select(Finding).where(
        Finding.source_key.startswith("registration_overdue:"), Finding.state.in_(OPEN_STATES))).scalars()}


def _run(period: str, today: dt.date) -> None:
    with transaction():
        engine.sync_rules()
        db.session.execute(VerificationRule.__table__.update().values(deadline_days=0))
    engine.run_all(node="test", trigger="manual", period=period, today=today, codes=["registration_overdue"])


def test_receipt_sets_the_due_day_across_national_day(calendar_years, units):
    _limit("change", 5)
    reg_id = file(units.school, "change", change_item="legal_rep", new_value="赵六", now=RECEIVED)
    reg = walk(reg_id, "accepted", start=RECEIVED)
    assert reg.due_on == add_working_days(dt.date(2026, 9, 28), 5)
    assert reg.due_on > dt.date(2026, 10, 8)  # the holiday week is not counted
    no_limit = walk(file(units.other, "reissue", reason="遗失", now=RECEIVED), "accepted", start=RECEIVED)
    assert no_limit.due_on is None


def test_an_overdue_registration_is_a_finding_until_it_is_issued(calendar_years, units):
    _limit("change", 3)
    reg_id = file(units.school, "change", change_item="legal_rep", new_value="赵六", now=RECEIVED)
    due = walk(reg_id, "accepted", start=RECEIVED).due_on
    _run("d0", due)  # on the due day: not overdue
    assert _overdue_findings() == {}
    for period in ("d1", "d2"):  # twice after it: one finding
        _run(period, due + dt.timedelta(days=1))
    found = _overdue_findings()
    assert list(found) == [str(reg_id)] and found[str(reg_id)].institution_id == units.school
    assert found[str(reg_id)].detail.endswith(f"登记 #{reg_id} (变更): 应于 {due.isoformat()} 前办结, 尚未发证")
    walk(reg_id, "issued", start=RECEIVED + dt.timedelta(days=20))
    _run("d3", due + dt.timedelta(days=2))
    assert _overdue_findings() == {}


def test_a_missing_calendar_year_leaves_the_due_day_pending(calendar_years, units):
    _limit("change", 5)
    late = dt.datetime(2026, 12, 28, 9, 0)  # 5 working days reach into 2027, which the calendar lacks
    reg_id = file(units.school, "change", change_item="legal_rep", new_value="赵六", now=late)
    reg = walk(reg_id, "accepted", start=late)
    assert reg.step == "accepted" and reg.due_on is None  # received all the same
    with transaction():
        db.session.add(Holiday(day=dt.date(2027, 1, 1), day_kind="off", name="元旦"))
    _run("p1", dt.date(2027, 1, 4))
    assert reload(Registration, reg_id).due_on == add_working_days(dt.date(2026, 12, 28), 5)


@pytest.mark.parametrize("matter, days, code", [("change", 0, "registration.time_limit_range"),
                                                ("change", 366, "registration.time_limit_range"),
                                                ("nonsense", 5, "write.choice")])
def test_bad_limits_are_refused_and_change_nothing(units, matter, days, code):
    _limit("establish", 20)
    before = db.session.execute(select(func.count(RegistrationTimeLimit.id))).scalar()
    with pytest.raises(DomainError) as err:
        _limit(matter, days)
    assert err.value.key == code and err.value.message("zh") and err.value.message("en")
    with pytest.raises(DomainError) as err:
        _limit("establish", 10)  # one limit per matter
    assert err.value.key == "registration.time_limit_duplicate" and "establish" in err.value.message("zh")
    assert db.session.execute(select(func.count(RegistrationTimeLimit.id))).scalar() == before
    assert db.session.execute(select(RegistrationTimeLimit.working_days)).scalars().all() == [20]


def test_only_administrators_edit_the_limits(app, users):
    _limit("establish", 20)
    limit_id = db.session.execute(select(RegistrationTimeLimit.id)).scalar_one()
    db.session.rollback()
    for who in ("reg_staff", "reg_dept"):
        c = client_for(app, who)
        assert c.get("/registrationtimelimitview/list/").status_code == 200
        assert c.get(f"/registrationtimelimitview/edit/{limit_id}").status_code in (302, 403)
