"""Use cases of the top-level coordination list (顶格协调事项清单).

Status machine (``models.TRANSITIONS``): 在办 → 督办 → 销号, 在办 → 销号; 销号 is
final (挂帐销号), and a closed item can no longer be edited or deleted.  Closing
needs a closing note and every milestone done — an item is 销号 when its work is
finished, so an open milestone must be done (or removed, which is audited) first.

Concurrency: ``transition`` moves the status with one conditional
``UPDATE … WHERE id = :id AND status IN (:allowed_from)``; the row count decides,
so of two parallel closes exactly one wins.  Edits through the generic doors read
the committed status under a row lock (``locked_state``) before deciding.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import func, select, update
from sqlalchemy.orm.attributes import set_committed_value

from app.core import audit
from app.core.counters import locked_state
from app.core.db import without_autoflush
from app.core.errors import DomainError, NotFound, ValidationFailed
from app.core.orm import check_choice, require, sync_foreign_keys
from app.extensions import db
from app.justification.coordination.models import ITEM_STATUSES, TRANSITIONS, CoordinationItem, Milestone
from app.office.models import OfficeDivision, TaskForce
from app.office.services import clean_text

STATUS_TEXT = {"in_progress": "在办 in progress", "supervised": "督办 supervised", "closed": "销号 closed"}


def _s():
    return db.session


def _validate(item: CoordinationItem) -> None:
    sync_foreign_keys(item)
    clean_text(item, "title", "事项 / title")
    clean_text(item, "lead_leader", "牵头领导 / lead leader")
    clean_text(item, "description", "description", required=False)
    if item.due_on is None:
        raise ValidationFailed("write.required", field="完成时限 / due on")
    require(OfficeDivision, item.lead_division_id, "牵头处室 / lead division")
    if item.task_force_id is not None:
        require(TaskForce, item.task_force_id, "工作专班 / task force")
    clash = _s().execute(select(CoordinationItem.id).where(
        CoordinationItem.title == item.title, CoordinationItem.id != (item.id or 0))).first()
    if clash:
        raise ValidationFailed("coordination.duplicate", title=item.title)


def _open_milestones(item_id: int) -> list[str]:
    return list(_s().execute(select(Milestone.title).where(Milestone.item_id == item_id, Milestone.done_on.is_(None))
                             .order_by(Milestone.due_on, Milestone.id)).scalars())


def _check_closing(item_id: int, title: str, note: Optional[str]) -> None:
    if not (note or "").strip():
        raise ValidationFailed("coordination.closing_note_required", item=title)
    open_ = _open_milestones(item_id)
    if open_:
        raise DomainError("coordination.open_milestones", item=title, count=len(open_), titles="; ".join(open_[:5]))


def _check_move(title: str, current: str, target: str) -> None:
    if current == "closed":
        raise DomainError("coordination.closed", item=title)
    if target not in TRANSITIONS[current]:
        raise DomainError("coordination.transition", item=title, current=STATUS_TEXT[current],
                          target=STATUS_TEXT[target])


@without_autoflush
def create_item(item: CoordinationItem) -> CoordinationItem:
    _validate(item)
    item.status = item.status or "in_progress"
    if item.status != "in_progress":
        raise ValidationFailed("coordination.new_status", status=STATUS_TEXT.get(item.status, item.status))
    item.closed_on = item.closing_note = None
    _s().add(item)
    _s().flush()
    return item


@without_autoflush
def update_item(item: CoordinationItem, *, today: Optional[dt.date] = None) -> CoordinationItem:
    """An edit through a form or the API; a status change follows the machine."""
    old = locked_state(item, ("status", "closed_on", "closing_note"))
    check_choice(item.status, ITEM_STATUSES, "状态 / status")
    if old["status"] == "closed":
        raise DomainError("coordination.closed", item=item.title)
    _validate(item)
    if item.status != old["status"]:
        _check_move(item.title, old["status"], item.status)
    if item.status == "closed":
        _check_closing(item.id, item.title, item.closing_note)
        item.closing_note = item.closing_note.strip()
        item.closed_on = item.closed_on or today or dt.date.today()
    else:
        item.closed_on = None
        clean_text(item, "closing_note", "closing_note", required=False)
    _s().flush()
    return item


@without_autoflush
def delete_item(item: CoordinationItem) -> None:
    old = locked_state(item, ("status",))
    if old["status"] == "closed":
        raise DomainError("coordination.closed", item=item.title)
    _s().delete(item)
    _s().flush()


@without_autoflush
def transition(item: CoordinationItem, target: str, *, note: Optional[str] = None,
               today: Optional[dt.date] = None) -> CoordinationItem:
    """Move ``item`` to ``target`` in one conditional UPDATE (the row count decides)."""
    check_choice(target, ITEM_STATUSES, "状态 / status")
    allowed_from = [s for s, targets in TRANSITIONS.items() if target in targets]
    values: dict = {"status": target}
    if target == "closed":
        _check_closing(item.id, item.title, note)
        values.update(closed_on=today or dt.date.today(), closing_note=note.strip())
    row = _s().execute(
        update(CoordinationItem)
        .where(CoordinationItem.id == item.id, CoordinationItem.status.in_(allowed_from))
        .values(values)
        .returning(CoordinationItem.id)
        .execution_options(synchronize_session=False)
    ).first()
    if row is None:
        current = _s().execute(select(CoordinationItem.status).where(CoordinationItem.id == item.id)).scalar()
        if current is None:
            raise NotFound("write.not_found", object=item.title)
        _check_move(item.title, current, target)
        raise DomainError("coordination.transition", item=item.title, current=STATUS_TEXT[current],
                          target=STATUS_TEXT[target])  # pragma: no cover - _check_move raised
    before = {"status": item.status}
    for key, value in values.items():
        set_committed_value(item, key, value)
    audit.record(_s(), "update", "CoordinationItem", item.id, before=before,
                 after={k: str(v) if isinstance(v, dt.date) else v for k, v in values.items()})
    return item


def overdue_items(today: dt.date) -> list[CoordinationItem]:
    return list(_s().execute(select(CoordinationItem).where(
        CoordinationItem.status != "closed", CoordinationItem.due_on < today).order_by(CoordinationItem.due_on))
        .scalars())


def flag_overdue(today: dt.date) -> list[CoordinationItem]:
    """Move every overdue 在办 item to 督办; returns the items moved (each audited).

    Run by the scheduled job and by ``flask coordination flag-overdue``; a second
    run the same day moves nothing.
    """
    moved = []
    for item in overdue_items(today):
        if item.status != "in_progress":
            continue
        try:
            moved.append(transition(item, "supervised", today=today))
        except DomainError:
            continue  # moved or closed by someone else meanwhile
    return moved


def count_by_status() -> dict[str, int]:
    return dict(_s().execute(select(CoordinationItem.status, func.count(CoordinationItem.id))
                             .group_by(CoordinationItem.status)).all())


# ---------------------------------------------------------------------------
# Milestones: fixed once their item is closed
# ---------------------------------------------------------------------------


def _refuse_closed_item(item_id: Optional[int]) -> None:
    if item_id is None:
        return
    row = _s().execute(select(CoordinationItem.title, CoordinationItem.status)
                       .where(CoordinationItem.id == item_id).with_for_update()).first()
    if row is not None and row.status == "closed":
        raise DomainError("coordination.closed", item=row.title)


@without_autoflush
def save_milestone(m: Milestone) -> Milestone:
    sync_foreign_keys(m)
    if m.id is not None:  # first: any query before would autoflush the edit
        old = locked_state(m, ("item_id",))
        _refuse_closed_item(old["item_id"])
    require(CoordinationItem, m.item_id, "事项 / item")
    clean_text(m, "title", "节点 / title")
    _refuse_closed_item(m.item_id)
    _s().add(m)
    _s().flush()
    return m


@without_autoflush
def delete_milestone(m: Milestone) -> None:
    _refuse_closed_item(m.item_id)
    _s().delete(m)
    _s().flush()
