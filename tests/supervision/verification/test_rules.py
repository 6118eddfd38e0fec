"""Every built-in rule finds its planted problem and nothing on clean rows; a
run is once per (rule, period); re-runs make no duplicate finding; a run that
no longer sees a problem resolves its finding; a failing rule is recorded and
the others run on."""
from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import func, select, update

from app.core import checks
from app.core.db import transaction
from app.extensions import db
from app.quota.models import Person, QuotaAllocation
from app.supervision.findings.models import Finding
from app.supervision.verification import engine
from app.supervision.verification.models import VerificationRun
from tests.supervision.verification.fixtures import TODAY, rule_id, run_ids


def _findings(code):
    db.session.expire_all()
    return {f.source_key.split(":", 1)[1]: f for f in db.session.execute(
        select(Finding).where(Finding.source_kind == "verification",
                              Finding.source_key.startswith(code + ":"))).scalars()}


def test_every_rule_finds_its_planted_problem(planted):
    p, ref = planted, planted.ref
    runs = run_ids("2026-03-02")
    assert set(runs) == {rule.code for rule in checks.RULES.values()}
    assert {code: run.status for code, run in runs.items()} == {code: "ok" for code in runs}
    assert set(_findings("overstaffed")) == {f"{p.over}:{ref.admin_q}", f"{p.mixed}:{ref.inst_q}"}
    assert set(_findings("over_leadership")) == {f"{p.leaders}:{ref.chief}"}
    assert set(_findings("over_total")) == {f"{ref.shinan}:{ref.admin_q}"}
    assert set(_findings("over_limit")) == {str(ref.city)}
    assert set(_findings("mixed_quota")) == {f"{p.mixed}:{ref.inst_q}"}
    assert set(_findings("ledger_mismatch")) == {f"{p.over}:{ref.admin_q}"}
    assert set(_findings("child_above_parent")) == {f"{ref.city}:{ref.admin_q}"}
    assert set(_findings("out_of_cap_active")) == {str(p.out_of_cap)}
    assert len(_findings("overdue_coordination")) == 1
    # the counters the breakage left behind: the city's (12 kept, 11 recounted), 市南区's (5 / 10), the cap's (3 / 4)
    recount = _findings("cap_recount")
    assert set(recount) == {"regional:1", "regional:2", "institution:1"}
    assert "记为 12, 重算 11" in recount["regional:1"].title
    assert recount["regional:1"].detail == "总量 #1: 记为已用 12, 重算 11"
    over = _findings("overstaffed")[f"{p.over}:{ref.admin_q}"]
    assert (over.institution_id, over.state, over.opened_on, over.deadline) == (p.over, "open", TODAY, TODAY)
    assert "3" in over.title and "2" in over.title
    assert over.detail.endswith("在编 3 人, 核定 2 名, 超出 1 人")
    # the office reads every finding in Chinese: no English word in any detail (issue #11)
    details = db.session.execute(select(Finding.detail).where(Finding.source_kind == "verification")).scalars()
    assert [d for d in details if re.search("[A-Za-z]{3,}", d)] == []
    assert over.opened_by == f"verification_run:{runs['overstaffed'].id}"
    assert runs["overstaffed"].problems == 2 and runs["overstaffed"].opened == 2
    # the clean institution is in no finding
    assert not db.session.execute(select(Finding.id).where(Finding.institution_id == p.clean)).first()


def test_a_period_runs_once_and_reruns_add_no_finding(planted):
    run_ids("2026-03-02")
    count = db.session.execute(select(func.count(Finding.id))).scalar()
    assert run_ids("2026-03-02") == {}  # the same period: nothing runs again
    assert engine.run_rule(rule_id("overstaffed"), "2026-03-02", node="other") is None
    again = run_ids("2026-03-02T12:00")  # another period, the same day (overdue findings would be new tomorrow)
    assert all(run.opened == 0 and run.resolved == 0 for run in again.values())
    assert db.session.execute(select(func.count(Finding.id))).scalar() == count
    assert db.session.execute(select(func.count(VerificationRun.id))).scalar() == 2 * len(checks.RULES)


def test_a_run_resolves_what_is_gone_and_reopens_what_returns(planted):
    p, ref = planted, planted.ref
    run_ids("p1", codes=["overstaffed"])
    with transaction():  # one person leaves (出编 behind the system's back): no longer overstaffed
        victim = db.session.execute(select(Person.id).where(Person.institution_id == p.over).limit(1)).scalar()
        db.session.execute(update(Person).where(Person.id == victim).values(
            status="exited", exit_date=dt.date.today(), exit_reason=_exit_reason()))
    second = run_ids("p2", codes=["overstaffed"], today=TODAY + dt.timedelta(days=1))["overstaffed"]
    gone = _findings("overstaffed")[f"{p.over}:{ref.admin_q}"]
    assert (gone.state, gone.resolved_by, gone.closed_on) == ("rectified", f"verification_run:{second.id}",
                                                             TODAY + dt.timedelta(days=1))
    assert second.resolved == 1 and _findings("overstaffed")[f"{p.mixed}:{ref.inst_q}"].state == "open"
    with transaction():
        db.session.execute(update(Person).where(Person.id == victim).values(status="active", exit_date=None,
                                                                            exit_reason=None))
    third = run_ids("p3", codes=["overstaffed"], today=TODAY + dt.timedelta(days=2))["overstaffed"]
    back = _findings("overstaffed")[f"{p.over}:{ref.admin_q}"]
    assert (back.state, back.reopened, back.id, third.opened) == ("open", 1, gone.id, 1)


def _exit_reason():
    from app.quota.models import EXIT_REASONS

    return EXIT_REASONS[0]


def test_a_failing_rule_is_recorded_and_the_others_run(planted):
    def boom(session, params, today):
        raise RuntimeError("数据源不可用 / source unavailable")
        yield  # pragma: no cover

    checks.register(checks.Rule("boom", "故障规则", "Failing rule", boom))
    try:
        with transaction():
            engine.sync_rules()
        runs = run_ids("2026-03-02")
    finally:
        checks.RULES.pop("boom")
    assert runs["boom"].status == "failed" and "source unavailable" in runs["boom"].error
    assert runs["boom"].ended_at is not None
    assert all(run.status == "ok" for code, run in runs.items() if code != "boom")
    assert _findings("overstaffed")


def test_overdue_findings_rule_flags_and_reports(planted):
    run_ids("d1", codes=["overstaffed"])  # deadline = TODAY (0 working days)
    later = TODAY + dt.timedelta(days=3)
    run = run_ids("d2", codes=["overdue_findings"], today=later)["overdue_findings"]
    assert run.problems == 2
    flagged = [f for f in _findings("overstaffed").values() if f.overdue_since == later]
    assert len(flagged) == 2
    # no finding about a finding about a finding
    run_ids("d3", codes=["overdue_findings"], today=later + dt.timedelta(days=30))
    assert len(_findings("overdue_findings")) == 2


def test_allocation_fixed_resolves_the_ledger_finding(planted):
    p, ref = planted, planted.ref
    run_ids("l1", codes=["ledger_mismatch"])
    with transaction():
        db.session.execute(update(QuotaAllocation).where(QuotaAllocation.institution_id == p.over)
                           .values(approved=3, occupied=3))
    run = run_ids("l2", codes=["ledger_mismatch"])["ledger_mismatch"]
    assert run.resolved == 1 and _findings("ledger_mismatch")[f"{p.over}:{ref.admin_q}"].state == "rectified"
