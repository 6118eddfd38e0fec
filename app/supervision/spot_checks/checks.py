"""Overdue publications (逾期未公开) as a scheduled verification rule (issue #14 §6),
registered into ``app.core.checks`` from this package.

The publications that carry a deadline are the spot checks' results: a draw's
results are due within 20 working days (``SpotDraw.publish_due_on``).  One
problem per draw whose deadline has passed with results still unpublished
(pending or recorded), counted in one GROUP BY; the finding is the office's own
(no institution), and the run that sees every result published resolves it.
Power-list snapshots are published on demand and carry no deadline, so they are
not checked here."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from app.core import checks
from app.supervision.spot_checks.models import SpotDraw, SpotPlan, SpotTask


def overdue_publications(session, params, today):
    """逾期未公开: a draw past its publication deadline with results not yet published."""
    cutoff = today - dt.timedelta(days=params.get("grace_days", 0))
    rows = session.execute(
        select(SpotDraw.id, SpotPlan.code, SpotPlan.name, SpotDraw.publish_due_on, func.count(SpotTask.id))
        .join(SpotPlan, SpotPlan.id == SpotDraw.plan_id).join(SpotTask, SpotTask.draw_id == SpotDraw.id)
        .where(SpotTask.published_at.is_(None), SpotDraw.publish_due_on < cutoff)
        .group_by(SpotDraw.id, SpotPlan.code, SpotPlan.name, SpotDraw.publish_due_on).order_by(SpotDraw.id))
    for draw, code, name, due, n in rows:
        yield checks.Problem(
            key=f"spot_draw:{draw}", title=f"抽查结果逾期未公开: {code} {name} {n} 项, 应于 {due} 前公开"[:200],
            detail=f"{code} {name}: {n} 项抽查结果未公开, 应于 {due} 前公开 (抽取后 20 个工作日)")


RULE = checks.Rule(code="overdue_publications", name="逾期未公开", name_en="Overdue publications",
                   check=overdue_publications, params={"grace_days": 0}, cron="0 7 * * *",
                   description="双随机抽查结果超过公开期限 (抽取后 20 个工作日) 仍未公开")


def register() -> None:
    checks.register(RULE)
