"""逾期未公开 as a verification rule: a draw past its publication deadline (20 working
days) with results unpublished is one finding of the office, found once per period,
never twice, and resolved by the run that sees every result published."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from app.core import checks
from app.core.db import transaction
from app.extensions import db
from app.supervision.findings.models import Finding
from app.supervision.spot_checks import results
from app.supervision.spot_checks.models import SpotDraw, SpotTask
from app.supervision.verification import engine
from app.supervision.verification.models import VerificationRule, VerificationRun
from tests.core.workdays.fixtures import calendar_years  # noqa: F401  (re-exported fixture)
from tests.supervision.spot_checks.fixtures import frozen_and_drawn, spot  # noqa: F401


def _run(period: str, today: dt.date) -> VerificationRun:
    ids = engine.run_all(node="test", trigger="manual", period=period, today=today, codes=["overdue_publications"])
    db.session.expire_all()
    return db.session.get(VerificationRun, ids[0]) if ids else None


def _findings() -> list[Finding]:
    db.session.expire_all()
    return list(db.session.execute(select(Finding).where(
        Finding.source_key.startswith("overdue_publications:"))).scalars())


def test_an_unpublished_draw_past_its_deadline_is_found_once_and_resolved_when_published(app_ctx, spot):  # noqa: F811
    assert "overdue_publications" in checks.RULES
    with transaction():
        engine.sync_rules()
    draw_id, task_ids = frozen_and_drawn(spot["plan"])
    due = db.session.get(SpotDraw, draw_id).publish_due_on
    db.session.rollback()
    assert _run("on-the-day", due).problems == 0  # due that day: not late yet
    late = _run("next-day", due + dt.timedelta(days=1))
    assert (late.status, late.problems, late.opened) == ("ok", 1, 1)
    [finding] = _findings()
    assert (finding.source_kind, finding.source_key) == ("verification", f"overdue_publications:spot_draw:{draw_id}")
    assert finding.institution_id is None and f"{len(task_ids)} 项" in finding.title
    assert f"{len(task_ids)} 项抽查结果未公开, 应于 {due} 前公开" in finding.detail
    assert _run("next-day", due + dt.timedelta(days=1)) is None  # that period ran
    again = _run("next-day-2", due + dt.timedelta(days=1))
    assert (again.problems, again.opened) == (1, 0) and len(_findings()) == 1
    # the grace parameter is data: 10 days of grace sees nothing the day after
    with transaction():
        rule = db.session.scalar(select(VerificationRule).where(VerificationRule.code == "overdue_publications"))
        rule.params = '{"grace_days": 10}'
        engine.update_rule(rule, params=rule.params)
    graced = _run("graced", due + dt.timedelta(days=1))
    assert (graced.problems, graced.resolved) == (0, 1)
    with transaction():
        rule = db.session.scalar(select(VerificationRule).where(VerificationRule.code == "overdue_publications"))
        rule.params = "{}"
        engine.update_rule(rule, params=rule.params)
    reopened = _run("reopened", due + dt.timedelta(days=2))
    assert reopened.problems == 1 and len(_findings()) == 1 and _findings()[0].state == "open"
    # every result recorded and published: the next run resolves it
    with transaction():
        for task in db.session.execute(select(SpotTask).where(SpotTask.id.in_(task_ids))).scalars():
            results.record_result(task, inspector=task.inspectors[0], outcome="compliant", notes="")
        results.publish_results(db.session.get(SpotDraw, draw_id), today=due + dt.timedelta(days=3))
    gone = _run("published", due + dt.timedelta(days=4))
    assert (gone.problems, gone.resolved) == (0, 1)
    [finding] = _findings()
    assert finding.state == "rectified" and finding.resolved_by == f"verification_run:{gone.id}"
    assert db.session.scalar(select(func.count(Finding.id)).where(
        Finding.source_key.startswith("overdue_publications:"))) == 1
