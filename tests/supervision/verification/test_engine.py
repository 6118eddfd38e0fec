"""Rules as data: parameters and cron edited through the service (every door
uses it) and refused with the reason when wrong; deadlines in working days."""
from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from sqlalchemy import select

from app.core.db import transaction
from app.core.errors import DomainError
from app.extensions import db
from app.supervision.findings.models import Finding
from app.supervision.verification import engine
from app.supervision.verification.models import VerificationRule
from tests.supervision.verification.fixtures import run_ids


def _rule(code) -> VerificationRule:
    db.session.expire_all()
    return db.session.execute(select(VerificationRule).where(VerificationRule.code == code)).scalar_one()


def _state(code):
    r = _rule(code)
    return (r.cron, r.params, r.enabled, r.deadline_days, r.name)


@pytest.mark.parametrize("changes,key", [
    ({"cron": "61 * * * *"}, "verification.cron"),
    ({"cron": "every day"}, "verification.cron"),
    ({"params": "{not json"}, "verification.params_json"),
    ({"params": "[1, 2]"}, "verification.params_json"),
    ({"params": '{"tolerance": -1}'}, "verification.params_value"),
    ({"params": '{"tolerance": "2"}'}, "verification.params_value"),
    ({"params": '{"tolernce": 1}'}, "verification.params_unknown"),
    ({"deadline_days": 400}, "verification.deadline_days"),
    ({"code": "renamed"}, "verification.not_editable"),
])
def test_bad_edits_are_refused_with_the_reason(planted, changes, key):
    before = _state("overstaffed")
    with pytest.raises(DomainError) as err:
        with transaction():
            rule = _rule("overstaffed")
            for name, value in changes.items():
                setattr(rule, name, value)
            engine.update_rule(rule, **changes)
    assert err.value.key == key and err.value.message("zh") and err.value.message("en")
    assert _state("overstaffed") == before


def test_parameters_and_schedule_are_data(planted):
    with transaction():
        rule = _rule("overstaffed")
        rule.params, rule.cron = '{"tolerance": 1}', "30  6 * * 1-5"
        engine.update_rule(rule, params=rule.params, cron=rule.cron)
    assert (_rule("overstaffed").params, _rule("overstaffed").cron) == ('{"tolerance": 1}', "30 6 * * 1-5")
    run = run_ids("t1", codes=["overstaffed"])["overstaffed"]
    assert run.problems == 0  # 3 on 2 and 1 on 0 are both within a tolerance of 1 (2 problems at 0)
    trigger = engine.parse_cron("30 6 * * 1-5")
    fire = trigger.get_next_fire_time(None, dt.datetime(2026, 3, 7, 0, 0, tzinfo=trigger.timezone))
    assert (fire.weekday(), fire.hour, fire.minute) == (0, 6, 30)  # Saturday → Monday 06:30
    assert engine.parse_cron("*/5 * * * * *").fields[-1].name == "second"


def _expected_after(start: dt.date, n: int) -> dt.date:
    day = start
    while n:
        day += dt.timedelta(days=1)
        n -= chinese_calendar.is_workday(day)
    return day


def test_findings_get_their_deadline_in_working_days_across_national_day(planted):
    from app.core.workdays.services import load_from_package

    with transaction():
        load_from_package({2026})
        db.session.execute(VerificationRule.__table__.update().values(deadline_days=20))
    day = dt.date(2026, 9, 28)
    run_ids("n1", codes=["out_of_cap_active"], today=day)
    finding = db.session.execute(select(Finding).where(Finding.source_key.startswith("out_of_cap_active:"))) \
        .scalar_one()
    expected = _expected_after(day, 20)
    assert finding.deadline == expected and expected > dt.date(2026, 10, 26)  # the holiday week adds days


def test_a_year_the_calendar_lacks_is_a_visible_failed_run(planted):
    with transaction():
        db.session.execute(VerificationRule.__table__.update().values(deadline_days=20))
    run = run_ids("y1", codes=["out_of_cap_active"], today=dt.date(2031, 12, 20))["out_of_cap_active"]
    assert run.status == "failed" and "2031" in run.error
    assert not db.session.execute(select(Finding.id).where(Finding.source_key.startswith("out_of_cap_active:"))) \
        .first()
