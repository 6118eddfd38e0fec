"""Results: the inspectors drawn to a task record it; the office publishes a draw's
recorded results, due within 20 working days of the draw (overdue is flagged);
a result with problems becomes a finding through the findings registry."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.core.counters import locked_state
from app.core.errors import Conflict, Forbidden, ValidationFailed
from app.extensions import db
from app.supervision.spot_checks.models import SpotDraw, SpotInspector, SpotTask, task_inspector

RECORDABLE = ("compliant", "problems")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def inspector_of(user) -> SpotInspector | None:
    if user is None:
        return None
    return db.session.scalar(select(SpotInspector).where(SpotInspector.user_id == user.id))


def is_drawn_to(task: SpotTask, inspector: SpotInspector | None) -> bool:
    if inspector is None:
        return False
    return db.session.execute(select(task_inspector.c.task_id).where(
        task_inspector.c.task_id == task.id, task_inspector.c.inspector_id == inspector.id)).first() is not None


def record_result(task: SpotTask, *, inspector: SpotInspector | None, outcome: str, notes: str) -> SpotTask:
    """One of the inspectors drawn to ``task`` records its outcome (until it is published);
    the web door passes the inspector of the logged-in user (``inspector_of``)."""
    if not is_drawn_to(task, inspector):
        raise Forbidden("spot.not_your_task", task=task.id)
    old = locked_state(task, ("published_at",))
    if old["published_at"] is not None:
        raise Conflict("spot.already_published", task=task.id)
    if outcome not in RECORDABLE:
        raise ValidationFailed("spot.bad_outcome", outcome=outcome)
    notes = (notes or "").strip()
    if outcome == "problems" and not notes:
        raise ValidationFailed("spot.problems_need_notes", task=task.id)
    task.outcome, task.notes = outcome, notes or None
    task.recorded_at, task.recorded_by = _now(), inspector.name
    db.session.flush()
    return task


def publish_results(draw: SpotDraw, *, today: dt.date | None = None) -> int:
    """Publish every recorded, unpublished result of ``draw``; refuse when there is none.
    A published result with problems becomes a finding (one per task, whatever the
    door or how often it is published: the findings service keys it)."""
    locked_state(draw, ("result_hash",))
    tasks = db.session.execute(select(SpotTask).where(
        SpotTask.draw_id == draw.id, SpotTask.outcome != "pending", SpotTask.published_at.is_(None))
        .with_for_update(of=SpotTask)).scalars().all()  # of=: the eager joins may not be locked (PostgreSQL)
    if not tasks:
        raise ValidationFailed("spot.nothing_to_publish", draw=draw.id)
    now = _now()
    for task in tasks:
        task.published_at = now
        if task.outcome == "problems":
            _finding(draw, task, today)
    db.session.flush()
    return len(tasks)


def _finding(draw: SpotDraw, task: SpotTask, today: dt.date | None) -> None:
    from app.supervision.findings.services import open_finding

    plan = draw.plan
    open_finding("spot_check", f"spot_task:{task.id}", title=f"{plan.spot_item.matter}: {task.institution.name}",
                 detail=f"{plan.code} {plan.name} — {task.notes}", institution_id=task.institution_id,
                 opened_by=task.recorded_by or "spot check", today=today)


def overdue_tasks(today: dt.date):
    """Tasks whose results are not published and whose deadline has passed (a query)."""
    return (select(SpotTask).join(SpotDraw, SpotDraw.id == SpotTask.draw_id)
            .where(SpotTask.published_at.is_(None), SpotDraw.publish_due_on < today))
