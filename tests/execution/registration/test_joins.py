"""Registration joined to the other domains (issue #14 §3 and §6, README "Joins"):
a registered name change renames the institution in the quota database (same
transaction, audited; a refusal there refuses the step and changes nothing);
registration's registered units are the spot checks' target pool (a draw uses
them); missing annual reports and expiring certificates are verification rules
whose findings are resolved by the run that no longer sees the problem."""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.core import target_pools
from app.core.audit import AuditLog
from app.core.db import transaction
from app.core.errors import ValidationFailed
from app.execution.registration import pools
from app.execution.registration.models import Registration
from app.extensions import db
from app.quota.models import Institution
from app.supervision.findings.models import OPEN_STATES, Finding
from app.supervision.spot_checks import services as spot
from app.supervision.spot_checks.models import SpotInspector, SpotItem, SpotPlan
from app.supervision.verification import engine
from app.supervision.verification.models import VerificationRule, VerificationRun
from tests.core.workdays.fixtures import calendar_years  # noqa: F401  (re-exported fixture)
from tests.execution.registration.fixtures import T0, file, reload, walk
from tests.factories import new_institution


def _name_change(units, new_name: str) -> int:
    return file(units.school, "change", change_item="name", new_value=new_name)


# --- write-back -------------------------------------------------------------------------


def test_an_approved_name_change_renames_the_institution_audited(units):
    reg_id = _name_change(units, "市第一高级中学")
    walk(reg_id, "reviewed")
    assert reload(Institution, units.school).name == "市第一中学"  # not before 核准
    audits_before = db.session.scalar(select(func.count(AuditLog.id)).where(
        AuditLog.object_type == "Institution", AuditLog.object_id == str(units.school)))
    reg = walk(reg_id, "approved", start=T0 + dt.timedelta(hours=1))
    assert reload(Institution, units.school).name == "市第一高级中学"
    assert reg.old_value == "市第一中学"
    rows = db.session.execute(select(AuditLog).where(
        AuditLog.object_type == "Institution", AuditLog.object_id == str(units.school))
        .order_by(AuditLog.id)).scalars().all()
    assert len(rows) == audits_before + 1
    assert "市第一高级中学" in json.dumps(rows[-1].after, ensure_ascii=False)
    # the notice names the change, the institution its new name
    reg = walk(reg_id, "announced", start=T0 + dt.timedelta(hours=2))
    assert "市第一中学 → 市第一高级中学" in reg.notice and reg.notice.startswith("市第一高级中学")


def test_a_name_the_quota_database_refuses_refuses_the_step_and_changes_nothing(units):
    # 市教育服务中心 is under the same bureau: the name is taken there
    reg_id = _name_change(units, "市教育服务中心")
    walk(reg_id, "reviewed")
    audits = db.session.scalar(select(func.count(AuditLog.id)))
    with pytest.raises(ValidationFailed) as err:
        walk(reg_id, "approved", start=T0 + dt.timedelta(hours=1))
    assert err.value.key == "institution.duplicate_name"
    db.session.rollback()
    assert reload(Registration, reg_id).step == "reviewed"
    assert reload(Institution, units.school).name == "市第一中学"
    assert db.session.scalar(select(func.count(AuditLog.id))) == audits


def test_other_change_items_leave_the_institution_alone(units):
    reg_id = file(units.school, "change", change_item="address", new_value="青岛市市南区香港中路 1 号")
    before = reload(Institution, units.school).name
    walk(reg_id, "announced")
    assert reload(Institution, units.school).name == before


# --- the target pool -----------------------------------------------------------------------


def test_the_spot_checks_draw_from_the_registered_units(calendar_years, units):  # noqa: F811
    assert target_pools.active() == (pools.NAME, pools.registered_institutions)
    # the bureau and 市教育考试院 have no code: not registered; 简易注销 takes a unit out
    cancel = file(units.other, "simple_cancel", successor_id=units.successor, undertaking_proof="三方承接证明 2026-01")
    walk(cancel, "issued")
    with transaction():
        db.session.add(SpotItem(code="SJ-R", matter="登记事项检查", basis="《事业单位登记管理暂行条例》",
                                checked_subject="事业单位", check_content="登记事项", method="written"))
        for name in ("张建国", "李敏"):
            db.session.add(SpotInspector(name=name, active=True))
        db.session.flush()
        plan = SpotPlan(code="SC-R", name="登记事项抽查", year=2026, spot_item=db.session.scalar(select(SpotItem)),
                        sample_ratio=Decimal("3"), per_target=2, publicity_ends_on=dt.date(2026, 6, 30))
        spot.create_plan(plan)
        draw = spot.freeze_draw(plan, seed="r-1", seed_source="test meeting", today=dt.date(2026, 9, 15))
        candidates = json.loads(draw.candidates)
    assert candidates == sorted([[units.school, "市第一中学"], [units.successor, "市教育服务中心"]])
    with transaction():
        tasks = spot.run_draw(reload(type(draw), draw.id), today=dt.date(2026, 9, 15))
        drawn = {t.institution_id for t in tasks}
    assert len(drawn) == 1 and drawn <= {units.school, units.successor}
    # targeted (定向) at the bureau: the same two, the root itself has no code
    assert sorted(i for i, _ in pools.registered_institutions(2026, units.bureau)) == sorted(
        [units.school, units.successor])


# --- verification rules --------------------------------------------------------------------


def _run(code: str, period: str, today: dt.date) -> VerificationRun:
    ids = engine.run_all(node="test", trigger="manual", period=period, today=today, codes=[code])
    db.session.expire_all()
    return db.session.get(VerificationRun, ids[0]) if ids else None


def _open(code: str) -> dict[str, Finding]:
    db.session.expire_all()
    return {f.source_key.split(":", 1)[1]: f for f in db.session.execute(select(Finding).where(
        Finding.source_kind == "verification", Finding.source_key.startswith(code + ":"),
        Finding.state.in_(OPEN_STATES))).scalars()}


@pytest.fixture()
def rules_synced(units):
    with transaction():
        engine.sync_rules()
        db.session.execute(VerificationRule.__table__.update().values(deadline_days=0))
    return units


def test_missing_annual_reports_found_once_and_resolved_when_filed(rules_synced):
    units = rules_synced
    # established in May 2026: due for 2026, by 31 March 2027; not due for 2025
    assert _run("missing_annual_reports", "2027-03-31", dt.date(2027, 3, 31)).problems == 0
    first = _run("missing_annual_reports", "2027-04-01", dt.date(2027, 4, 1))
    assert (first.status, first.problems, first.opened) == ("ok", 3, 3)
    found = _open("missing_annual_reports")
    assert set(found) == {f"2026:{pk}" for pk in (units.school, units.successor, units.other)}
    assert found[f"2026:{units.school}"].institution_id == units.school
    assert "未报年度报告" in found[f"2026:{units.school}"].title
    assert "未报送 2026 年度报告, 截止日 2027-03-31" in found[f"2026:{units.school}"].detail
    assert _run("missing_annual_reports", "2027-04-01", dt.date(2027, 4, 1)) is None  # the period ran
    again = _run("missing_annual_reports", "2027-04-01T12", dt.date(2027, 4, 1))
    assert (again.problems, again.opened) == (3, 0)
    assert db.session.scalar(select(func.count(Finding.id)).where(
        Finding.source_key.startswith("missing_annual_reports:"))) == 3
    # a late report resolves its unit's finding, with the run that saw it gone
    file(units.school, "annual_report", report_year=2026, activities="教学", net_assets=Decimal("10"),
         staff_count=5, now=dt.datetime(2027, 4, 2, 9))
    later = _run("missing_annual_reports", "2027-04-03", dt.date(2027, 4, 3))
    assert (later.problems, later.opened, later.resolved) == (2, 0, 1)
    done = reload(Finding, found[f"2026:{units.school}"].id)
    assert done.state == "rectified" and done.resolved_by == f"verification_run:{later.id}"
    assert set(_open("missing_annual_reports")) == {f"2026:{units.successor}", f"2026:{units.other}"}


def test_expiring_certificates_by_the_days_parameter_and_resolved_on_renewal(rules_synced):
    units = rules_synced
    # the certificates of 2026-05-06 end on 2031-05-05
    assert _run("expiring_certificates", "a", dt.date(2031, 1, 1)).problems == 0
    run = _run("expiring_certificates", "b", dt.date(2031, 3, 1))
    assert (run.problems, run.opened) == (3, 3)
    assert {f.institution_id for f in _open("expiring_certificates").values()} == {
        units.school, units.successor, units.other}
    assert all("有效期至 2031-05-05, 请办理证书换领" in f.detail for f in _open("expiring_certificates").values())
    # renewed (证书换领): that certificate is replaced, its finding resolved
    walk(file(units.school, "renew"), "issued", start=dt.datetime(2031, 3, 2, 9))
    run = _run("expiring_certificates", "c", dt.date(2031, 3, 3))
    assert (run.problems, run.opened, run.resolved) == (2, 0, 1)
    # the parameter is data: 30 days sees none of them on 3 March
    with transaction():
        rule = db.session.scalar(select(VerificationRule).where(VerificationRule.code == "expiring_certificates"))
        rule.params = '{"days": 30}'
        engine.update_rule(rule, params=rule.params)
    run = _run("expiring_certificates", "d", dt.date(2031, 3, 3))
    assert (run.problems, run.resolved) == (0, 2)
    assert _open("expiring_certificates") == {}
