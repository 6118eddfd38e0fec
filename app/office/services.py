"""Use cases of the office's divisions and task forces.

Every door (form, REST API, seeds, tests) calls these inside
``core.db.transaction()``; they flush, never commit, and raise ``DomainError``.

``divisions_of(user_id)`` is what countersign (会签) asks: the ids of the
divisions a user belongs to.

Registers above the office (hearings, the coordination list) refer to its
divisions and task forces; they declare those references here
(``register_division_referrer``, ``register_task_force_referrer``), so a delete
is refused while anything refers to the row and the office imports none of them.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from sqlalchemy import exists, or_, select

from app.core.counters import locked_state
from app.core.db import without_autoflush
from app.core.errors import DomainError, NotFound, ValidationFailed
from app.core.orm import check_choice, require, sync_foreign_keys
from app.extensions import db
from app.office.models import TASK_FORCE_STATUSES, DivisionMember, OfficeDivision, TaskForce, TaskForceMember

def _s():
    return db.session


def clean_text(obj, attr: str, field: str, *, required: bool = True) -> Optional[str]:
    """Strip a text attribute; empty becomes None, or a refusal when required."""
    value = (getattr(obj, attr) or "").strip() or None
    if required and value is None:
        raise ValidationFailed("write.required", field=field)
    setattr(obj, attr, value)
    return value


def _user_name(user_id: int) -> str:
    from flask_appbuilder.security.sqla.models import User

    user = _s().get(User, user_id)
    return user.username if user is not None else str(user_id)


def divisions_of(user_id: int) -> set[int]:
    """Ids of the office divisions ``user_id`` belongs to (countersign asks this)."""
    return set(_s().execute(select(DivisionMember.division_id).where(DivisionMember.user_id == user_id)).scalars())


# ---------------------------------------------------------------------------
# Divisions
# ---------------------------------------------------------------------------


@without_autoflush
def save_division(div: OfficeDivision) -> OfficeDivision:
    clean_text(div, "code", "代码 / code")
    clean_text(div, "name", "名称 / name")
    clean_text(div, "name_en", "英文名称 / English name", required=False)
    div.sort = div.sort or 0
    for attr, label in (("code", "代码 / code"), ("name", "名称 / name")):
        value = getattr(div, attr)
        clash = _s().execute(select(OfficeDivision.id).where(
            getattr(OfficeDivision, attr) == value, OfficeDivision.id != (div.id or 0))).first()
        if clash:
            raise ValidationFailed("office.division_duplicate", field=label, value=value)
    _s().add(div)
    _s().flush()
    return div


# label -> SQL criterion "division ``d`` is referred to", for every referrer
_DIVISION_REFERRERS: dict[str, Callable[[int], Any]] = {
    "成员 / members": lambda d: exists().where(DivisionMember.division_id == d),
    "工作专班 / task forces": lambda d: or_(exists().where(TaskForce.lead_division_id == d),
                                            exists().where(TaskForceMember.division_id == d)),
}
# name -> check(task force) that raises a refusal while something refers to it
_TASK_FORCE_REFERRERS: dict[str, Callable[[TaskForce], None]] = {}


def register_division_referrer(label: str, criterion: Callable[[int], Any]) -> None:
    """``criterion(division_id)``: an SQL EXISTS that is true while ``label`` refers to the division."""
    _DIVISION_REFERRERS[label] = criterion


def register_task_force_referrer(name: str, check: Callable[[TaskForce], None]) -> None:
    """``check(task_force)`` raises a ``DomainError`` while ``name``'s rows refer to the task force."""
    _TASK_FORCE_REFERRERS[name] = check


@without_autoflush
def delete_division(div: OfficeDivision) -> None:
    for label, used in _DIVISION_REFERRERS.items():
        if _s().execute(select(used(div.id))).scalar():
            raise DomainError("office.division_in_use", division=div.name, what=label)
    _s().delete(div)
    _s().flush()


# ---------------------------------------------------------------------------
# Division members
# ---------------------------------------------------------------------------


def _locked_membership(division_id: int, user_id: int) -> Optional[int]:
    """The membership row's id, locked until commit (PostgreSQL; SQLite serialises writers)."""
    return _s().execute(select(DivisionMember.id).where(
        DivisionMember.division_id == division_id, DivisionMember.user_id == user_id).with_for_update()).scalar()


def _refuse_if_drawn(division_id: int, user_id: int) -> None:
    """A membership that a task force member is drawn from must stay."""
    tf = _s().execute(select(TaskForce.name).join(TaskForceMember, TaskForceMember.task_force_id == TaskForce.id)
                      .where(TaskForceMember.division_id == division_id, TaskForceMember.user_id == user_id)
                      .limit(1)).scalar()
    if tf is not None:
        raise DomainError("office.member_in_task_force", user=_user_name(user_id),
                          division=_s().get(OfficeDivision, division_id).name, task_force=tf)


@without_autoflush
def save_division_member(m: DivisionMember) -> DivisionMember:
    from flask_appbuilder.security.sqla.models import User

    sync_foreign_keys(m)
    if m.id is not None:  # first: any query before would autoflush the edit
        old = locked_state(m, ("division_id", "user_id"))
        if (old["division_id"], old["user_id"]) != (m.division_id, m.user_id):
            _refuse_if_drawn(old["division_id"], old["user_id"])
    division = require(OfficeDivision, m.division_id, "处室 / division")
    require(User, m.user_id, "用户 / user")
    clash = _s().execute(select(DivisionMember.id).where(
        DivisionMember.division_id == m.division_id, DivisionMember.user_id == m.user_id,
        DivisionMember.id != (m.id or 0))).first()
    if clash:
        raise ValidationFailed("office.member_duplicate", user=_user_name(m.user_id), division=division.name)
    _s().add(m)
    _s().flush()
    return m


@without_autoflush
def delete_division_member(m: DivisionMember) -> None:
    if _locked_membership(m.division_id, m.user_id) is None:
        raise NotFound("write.not_found", object=str(m))
    _refuse_if_drawn(m.division_id, m.user_id)
    _s().delete(m)
    _s().flush()


# ---------------------------------------------------------------------------
# Task forces
# ---------------------------------------------------------------------------


@without_autoflush
def save_task_force(tf: TaskForce) -> TaskForce:
    sync_foreign_keys(tf)
    clean_text(tf, "name", "名称 / name")
    clean_text(tf, "purpose", "任务 / purpose", required=False)
    require(OfficeDivision, tf.lead_division_id, "牵头处室 / lead division")
    tf.status = tf.status or "active"
    check_choice(tf.status, TASK_FORCE_STATUSES, "状态 / status")
    clash = _s().execute(select(TaskForce.id).where(TaskForce.name == tf.name, TaskForce.id != (tf.id or 0))).first()
    if clash:
        raise ValidationFailed("office.task_force_duplicate", name=tf.name)
    _s().add(tf)
    _s().flush()
    return tf


@without_autoflush
def delete_task_force(tf: TaskForce) -> None:
    for check in _TASK_FORCE_REFERRERS.values():
        check(tf)
    _s().delete(tf)  # its members go with it
    _s().flush()


@without_autoflush
def save_task_force_member(m: TaskForceMember) -> TaskForceMember:
    from flask_appbuilder.security.sqla.models import User

    sync_foreign_keys(m)
    tf = require(TaskForce, m.task_force_id, "工作专班 / task force")
    require(User, m.user_id, "用户 / user")
    division = require(OfficeDivision, m.division_id, "抽调处室 / division drawn from")
    if tf.status != "active":
        raise DomainError("office.task_force_dissolved", task_force=tf.name)
    # 一处室牵头、多处室联动: members come from divisions they belong to.  The
    # membership row stays locked until commit, so it cannot vanish meanwhile.
    if _locked_membership(m.division_id, m.user_id) is None:
        raise ValidationFailed("office.not_division_member", user=_user_name(m.user_id), division=division.name)
    clash = _s().execute(select(TaskForceMember.id).where(
        TaskForceMember.task_force_id == m.task_force_id, TaskForceMember.user_id == m.user_id,
        TaskForceMember.id != (m.id or 0))).first()
    if clash:
        raise ValidationFailed("office.task_force_member_duplicate", user=_user_name(m.user_id), task_force=tf.name)
    m.is_lead = bool(m.is_lead)
    _s().add(m)
    _s().flush()
    return m


@without_autoflush
def delete_task_force_member(m: TaskForceMember) -> None:
    tf = _s().get(TaskForce, m.task_force_id)
    if tf is not None and tf.status != "active":
        raise DomainError("office.task_force_dissolved", task_force=tf.name)
    _s().delete(m)
    _s().flush()
