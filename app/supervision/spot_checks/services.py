"""双随机、一公开 use cases: every rule here, inside the writing transaction.

A draw is two steps, each recorded (audited) on its own: ``freeze_draw`` fixes
the seed and freezes and hashes the candidate and inspector lists; only then
``run_draw`` computes the result from those stored inputs (``rules.draw``) and
creates the tasks.  ``verify_draw`` re-runs it from the stored inputs alone.
"""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal, InvalidOperation

from sqlalchemy import select

from app.core import target_pools
from app.core.audit import current_actor
from app.core.counters import locked_state
from app.core.errors import Conflict, ValidationFailed
from app.core.workdays import add_working_days
from app.extensions import db
from app.quota.models import Institution
from app.supervision.spot_checks import rules
from app.supervision.spot_checks.models import (METHODS, SpotDraw, SpotInspector, SpotItem, SpotPlan, SpotTask,
                                                task_inspector)

PUBLISH_WITHIN = 20  # working days from the draw to the published results
# The generic doors hand related rows over as their ids (``app.core.orm.sync_foreign_keys``).
PLAN_UPDATABLE = frozenset({"code", "name", "year", "spot_item_id", "sample_ratio", "per_target",
                            "publicity_ends_on", "pool_root_id"})


# --- the item list ----------------------------------------------------------

def _check_item(item: SpotItem) -> None:
    if item.method not in METHODS:
        raise ValidationFailed("spot.bad_method", method=item.method)
    for key in ("code", "matter", "basis", "checked_subject", "check_content"):
        if not (getattr(item, key) or "").strip():
            raise ValidationFailed("spot.item_field_required", field=key)


def create_item(item: SpotItem) -> None:
    _check_item(item)
    db.session.add(item)
    db.session.flush()


def update_item(item: SpotItem) -> None:
    _check_item(item)
    db.session.flush()


# --- plans --------------------------------------------------------------------

def _check_plan(values: dict) -> None:
    try:
        ratio = Decimal(str(values["sample_ratio"]))
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationFailed("spot.bad_ratio", ratio=values["sample_ratio"]) from None
    if not Decimal(1) <= ratio <= Decimal(3):
        raise ValidationFailed("spot.bad_ratio", ratio=values["sample_ratio"])
    if not isinstance(values["per_target"], int) or values["per_target"] < 2:
        raise ValidationFailed("spot.per_target", count=values["per_target"])
    year, ends = values["year"], values["publicity_ends_on"]
    if not isinstance(ends, dt.date) or not isinstance(year, int) or ends.year != year:
        raise ValidationFailed("spot.publicity_year", year=year, date=ends)
    if values.get("spot_item_id") is None:
        raise ValidationFailed("spot.item_required")


def create_plan(plan: SpotPlan) -> None:
    plan.per_target = 2 if plan.per_target is None else plan.per_target
    if plan.spot_item is not None:
        plan.spot_item_id = plan.spot_item.id
    _check_plan({k: getattr(plan, k) for k in PLAN_UPDATABLE})
    plan.status = "draft"
    db.session.add(plan)
    db.session.flush()


def update_plan(plan: SpotPlan, **changes) -> None:
    unknown = set(changes) - PLAN_UPDATABLE
    if unknown:
        raise TypeError(f"update_plan: not changeable here: {sorted(unknown)}")
    old = locked_state(plan, ("status",))
    if old["status"] != "draft":
        raise Conflict("spot.plan_not_draft", plan=plan.code)
    values = {key: changes.get(key, getattr(plan, key)) for key in PLAN_UPDATABLE}
    _check_plan(values)
    for key, value in changes.items():
        setattr(plan, key, value)
    db.session.flush()


def delete_plan(plan: SpotPlan) -> None:
    old = locked_state(plan, ("status",))
    if old["status"] != "draft":
        raise Conflict("spot.plan_not_draft", plan=plan.code)
    db.session.delete(plan)
    db.session.flush()


# --- the pools ------------------------------------------------------------------

def institution_register(year: int, root_id) -> list:
    """The default target pool: active institutions (under ``root_id`` when targeted)."""
    stmt = select(Institution.id, Institution.name).where(Institution.status == "active")
    if root_id is not None:
        root = db.session.get(Institution, root_id)
        stmt = stmt.where(Institution.path.startswith(root.path)) if root is not None else stmt.where(False)
    return [tuple(r) for r in db.session.execute(stmt)]


def _checked_this_year(year: int) -> set[int]:
    return set(db.session.execute(select(SpotTask.institution_id).where(SpotTask.year == year)).scalars())


def candidate_list(plan: SpotPlan) -> list:
    """The pool now: the provider's units, less those already checked this year."""
    _name, provider = target_pools.active()
    checked = _checked_this_year(plan.year)
    return sorted([int(i), name] for i, name in provider(plan.year, plan.pool_root_id) if i not in checked)


def inspector_list() -> list:
    rows = db.session.execute(select(SpotInspector).where(SpotInspector.active.is_(True))).scalars()
    return sorted([i.id, i.name, sorted(a.id for a in i.affiliations)] for i in rows)


# --- the draw ---------------------------------------------------------------------

def freeze_draw(plan: SpotPlan, *, seed: str, seed_source: str, today: dt.date) -> SpotDraw:
    """Fix the seed and freeze the inputs; nothing is drawn yet."""
    old = locked_state(plan, ("status",))
    if old["status"] != "draft":
        raise Conflict("spot.plan_not_draft", plan=plan.code)
    if today <= plan.publicity_ends_on:
        raise ValidationFailed("spot.before_publicity_end", plan=plan.code, date=plan.publicity_ends_on.isoformat())
    seed, seed_source = (seed or "").strip(), (seed_source or "").strip()
    if not seed or not seed_source:
        raise ValidationFailed("spot.seed_required", plan=plan.code)
    candidates, inspectors = candidate_list(plan), inspector_list()
    count = rules.sample_size(len(candidates), plan.sample_ratio)
    if count == 0:
        raise ValidationFailed("spot.empty_pool", plan=plan.code)
    if len(inspectors) < plan.per_target:
        raise ValidationFailed("spot.too_few_inspectors", plan=plan.code, count=len(inspectors),
                               needed=plan.per_target)
    draw = SpotDraw(plan=plan, algorithm=rules.ALGORITHM, seed=seed, seed_source=seed_source,
                    frozen_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None), frozen_by=current_actor(),
                    candidates=rules.canonical(candidates), candidates_hash=rules.digest(candidates),
                    candidate_count=len(candidates), inspectors=rules.canonical(inspectors),
                    inspectors_hash=rules.digest(inspectors), target_count=count)
    plan.status = "frozen"
    db.session.add(draw)
    db.session.flush()
    return draw


def compute(draw: SpotDraw) -> rules.Outcome:
    """The draw from its stored inputs alone (what ``run_draw`` and ``verify`` share)."""
    if draw.algorithm != rules.ALGORITHM:
        raise ValidationFailed("spot.unknown_algorithm", algorithm=draw.algorithm)
    candidates, inspectors = json.loads(draw.candidates), json.loads(draw.inspectors)
    if rules.digest(candidates) != draw.candidates_hash or rules.digest(inspectors) != draw.inspectors_hash:
        raise ValidationFailed("spot.inputs_altered", draw=draw.id)
    try:
        return rules.draw(draw.seed, candidates, inspectors, draw.target_count, draw.plan.per_target)
    except rules.NotEnoughInspectors as err:
        raise ValidationFailed("spot.too_few_free_inspectors", target=err.target_id, count=err.available,
                               needed=err.needed) from None


def run_draw(draw: SpotDraw, *, today: dt.date) -> list[SpotTask]:
    plan = draw.plan
    old = locked_state(plan, ("status",))
    if old["status"] != "frozen" or draw.result is not None:
        raise Conflict("spot.not_frozen", plan=plan.code)
    outcome = compute(draw)
    draw.publish_due_on = add_working_days(today, PUBLISH_WITHIN)  # a year not in the calendar: refused
    draw.result = rules.canonical(outcome.as_json())
    draw.result_hash = rules.digest(outcome.as_json())
    draw.drawn_at = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    plan.status = "drawn"
    tasks = []
    for target_id, inspector_ids in outcome.targets:
        task = SpotTask(draw=draw, year=plan.year, institution_id=target_id, outcome="pending")
        db.session.add(task)
        tasks.append((task, inspector_ids))
    db.session.flush()
    db.session.execute(task_inspector.insert(), [
        {"task_id": task.id, "inspector_id": iid, "seat": seat}
        for task, ids in tasks for seat, iid in enumerate(ids, 1)])
    db.session.flush()
    return [task for task, _ids in tasks]


def verify_draw(draw: SpotDraw) -> tuple[bool, str, str]:
    """Re-run the draw from its recorded inputs: (identical?, the stored hash, the recomputed one)."""
    if draw.result_hash is None:
        raise ValidationFailed("spot.not_drawn", draw=draw.id)
    outcome = compute(draw)
    again = rules.digest(outcome.as_json())
    return again == draw.result_hash, draw.result_hash, again
