"""Use cases of the office's divisions and task forces.

Every door (form, REST API, seeds, tests) calls these inside
``core.db.transaction()``; they flush, never commit, and raise ``DomainError``.

``divisions_of(user_id)`` is what countersign (会签) asks: the ids of the
divisions a user belongs to.
"""
from __future__ import annotations

from typing import Optional

from sqlalchemy import exists, or_, select

from app.core.counters import locked_state
from app.core.db import without_autoflush
from app.core.errors import DomainError, NotFound, ValidationFailed
from app.core.messages import MESSAGES
from app.core.orm import check_choice, require, sync_foreign_keys
from app.extensions import db
from app.office.models import TASK_FORCE_STATUSES, DivisionMember, OfficeDivision, TaskForce, TaskForceMember

MESSAGES.update({
    "office.division_duplicate": {
        "zh": "处室{field} {value} 已被使用",
        "en": "An office division already has the {field} {value}",
    },
    "office.division_in_use": {
        "zh": "处室 {division} 仍被{what}引用, 不能删除",
        "en": "Office division {division} is still referred to by {what}; it cannot be deleted",
    },
    "office.member_duplicate": {
        "zh": "{user} 已是 {division} 的成员",
        "en": "{user} is already a member of {division}",
    },
    "office.member_in_task_force": {
        "zh": "{user} 以 {division} 成员身份在工作专班 {task_force} 中, 请先调整专班成员",
        "en": "{user} serves in task force {task_force} as a member of {division}; change the task force first",
    },
    "office.not_division_member": {
        "zh": "{user} 不是 {division} 的成员, 不能从该处室抽调进入工作专班",
        "en": "{user} is not a member of {division} and cannot be drawn from it into a task force",
    },
    "office.task_force_member_duplicate": {
        "zh": "{user} 已在工作专班 {task_force} 中",
        "en": "{user} already serves in task force {task_force}",
    },
    "office.task_force_dissolved": {
        "zh": "工作专班 {task_force} 已撤销, 不能调整成员",
        "en": "Task force {task_force} is dissolved; its members can no longer change",
    },
    "office.task_force_duplicate": {
        "zh": "工作专班 {name} 已存在",
        "en": "A task force named {name} already exists",
    },
    "office.task_force_in_use": {
        "zh": "工作专班 {task_force} 仍承担顶格协调事项 {item}, 不能删除",
        "en": "Task force {task_force} still works on the coordination item {item}; it cannot be deleted",
    },
})


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


def _division_users() -> list[tuple[str, object]]:
    """(label, SQL criterion "this division is referred to") for every referrer."""
    from app.justification.coordination.models import CoordinationItem, coordination_item_division
    from app.justification.hearings.models import Hearing

    return [
        ("成员 / members", lambda d: exists().where(DivisionMember.division_id == d)),
        ("工作专班 / task forces", lambda d: or_(exists().where(TaskForce.lead_division_id == d),
                                                 exists().where(TaskForceMember.division_id == d))),
        ("论证会 / hearings", lambda d: exists().where(Hearing.organiser_id == d)),
        ("顶格协调事项 / coordination items",
         lambda d: or_(exists().where(CoordinationItem.lead_division_id == d),
                       exists().where(coordination_item_division.c.division_id == d))),
    ]


@without_autoflush
def delete_division(div: OfficeDivision) -> None:
    for label, used in _division_users():
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
    from app.justification.coordination.models import CoordinationItem

    item = _s().execute(select(CoordinationItem.title).where(CoordinationItem.task_force_id == tf.id).limit(1)).scalar()
    if item is not None:
        raise DomainError("office.task_force_in_use", task_force=tf.name, item=item)
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
