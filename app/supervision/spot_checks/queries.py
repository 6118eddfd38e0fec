"""Reads of the spot checks: a plan's draw, an inspector's tasks, the public page's rows."""
from __future__ import annotations

import json

from flask import abort
from sqlalchemy import select

from app.extensions import db
from app.supervision.spot_checks.models import SpotDraw, SpotPlan, SpotTask, task_inspector


def draw_of(plan: SpotPlan) -> SpotDraw | None:
    return db.session.scalar(select(SpotDraw).where(SpotDraw.plan_id == plan.id))


def tasks_of(inspector) -> list[SpotTask]:
    if inspector is None:
        return []
    stmt = (select(SpotTask).join(task_inspector, task_inspector.c.task_id == SpotTask.id)
            .where(task_inspector.c.inspector_id == inspector.id).order_by(SpotTask.id.desc()))
    return list(db.session.scalars(stmt))


def public_plans() -> list[tuple[SpotPlan, SpotDraw | None]]:
    """Every plan with its draw (a plan is public from its creation: 一公开)."""
    rows = db.session.execute(select(SpotPlan, SpotDraw).outerjoin(SpotDraw, SpotDraw.plan_id == SpotPlan.id)
                              .order_by(SpotPlan.year.desc(), SpotPlan.id.desc()))
    return [tuple(r) for r in rows]


def public_draw(draw_id: int) -> SpotDraw:
    draw = db.session.get(SpotDraw, draw_id)
    if draw is None:
        abort(404)
    return draw


def published_tasks(draw: SpotDraw) -> list[SpotTask]:
    """The drawn targets (public once drawn) with their results once published."""
    return list(db.session.scalars(select(SpotTask).where(SpotTask.draw_id == draw.id).order_by(SpotTask.id)))


def draw_inputs(draw: SpotDraw) -> dict:
    """Everything needed to re-run the draw by hand (see ``rules``), and its result."""
    return {
        "algorithm": draw.algorithm, "seed": draw.seed, "seed_source": draw.seed_source,
        "frozen_at": draw.frozen_at.isoformat(), "target_count": draw.target_count,
        "per_target": draw.plan.per_target,
        "candidates": json.loads(draw.candidates), "candidates_hash": draw.candidates_hash,
        "inspectors": json.loads(draw.inspectors), "inspectors_hash": draw.inspectors_hash,
        "result": json.loads(draw.result) if draw.result else None, "result_hash": draw.result_hash,
        "hash_rule": "SHA-256 of the canonical JSON: sorted keys, no spaces, UTF-8",
    }
