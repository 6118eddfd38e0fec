"""代办 — delegations: a user hands the to-do of one of their roles to another
holder of that role for a period (while away).  The delegate then acts in their
own name "on behalf of" the delegator (``engine.fire`` / ``engine.countersign``
with ``on_behalf_of``), recorded in the history and the audit.

The rules, every one a refusal that changes nothing: not to oneself; the
delegator and the delegate both hold the role (a sign-off role, 一支笔, goes
only to another holder of that sign-off role: its own message); the end not
before the start; no two live delegations of one user's role over overlapping
periods — serialised per delegator (``xact_lock``; SQLite's write lock), so of
two parallel requests one is refused.  A user creates and revokes only their
own delegations; administrators all.  Revoking keeps the row (the history
still names it), marked ``revoked_at``.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from flask import current_app, has_app_context
from flask_appbuilder.security.sqla.models import Role, User
from sqlalchemy import or_, select, update

from app.core.api_safety import display_name
from app.core.db import xact_lock
from app.core.errors import Conflict, Forbidden, ValidationFailed
from app.core.orm import sync_foreign_keys
from app.core.scoping import current_user, role_names
from app.extensions import db
from app.office.services import divisions_of
from app.workflow.models import Delegation, Workflow, WorkflowTransition


def _s():
    return db.session


def _is_admin(user) -> bool:
    admin = current_app.config.get("AUTH_ROLE_ADMIN", "admin") if has_app_context() else "admin"
    return user is not None and admin in role_names(user)


def _name(user) -> str:
    return display_name(user) if user is not None else "—"


def _refuse_foreign(delegation: Delegation, acting) -> None:
    """A request's user manages their own delegations only (administrators, CLI and jobs all)."""
    if acting is not None and not _is_admin(acting) and delegation.delegator_id != acting.id:
        raise Forbidden("delegation.not_yours", user=acting.username)


def create_delegation(d: Delegation) -> Delegation:
    sync_foreign_keys(d)
    acting = current_user()
    if d.delegator_id is None and acting is not None:
        d.delegator_id = acting.id
    for value, field in ((d.delegator_id, "委托人 / delegator"), (d.delegate_id, "代办人 / delegate"),
                         (d.role_id, "角色 / role"), (d.start_on, "开始日期 / start"), (d.end_on, "结束日期 / end")):
        if value is None:
            raise ValidationFailed("write.required", field=field)
    _refuse_foreign(d, acting)
    if d.delegator_id == d.delegate_id:
        raise ValidationFailed("delegation.self")
    if d.end_on < d.start_on:
        raise ValidationFailed("delegation.end_before_start", start=d.start_on.isoformat(), end=d.end_on.isoformat())
    delegator, delegate, role = _s().get(User, d.delegator_id), _s().get(User, d.delegate_id), _s().get(Role, d.role_id)
    if role is None or delegator is None or delegate is None:
        raise ValidationFailed("write.required", field="委托人、代办人、角色 / delegator, delegate, role")
    if role.name not in role_names(delegator):
        raise ValidationFailed("delegation.delegator_lacks_role", user=_name(delegator), role=role.name)
    if role.name not in role_names(delegate):
        signoff = _s().execute(select(Workflow.name).where(Workflow.signoff_role_id == role.id).limit(1)).scalar()
        if signoff is not None:
            raise ValidationFailed("delegation.signoff_role", user=_name(delegate), role=role.name, workflow=signoff)
        raise ValidationFailed("delegation.delegate_lacks_role", user=_name(delegate), role=role.name)
    d.reason = (d.reason or "").strip()[:200] or None
    xact_lock(_s(), f"delegation:{d.delegator_id}")  # two parallel requests of one user: one at a time
    clash = _s().execute(
        select(Delegation).where(Delegation.delegator_id == d.delegator_id, Delegation.role_id == d.role_id,
                                 Delegation.revoked_at.is_(None), Delegation.start_on <= d.end_on,
                                 Delegation.end_on >= d.start_on)
        .limit(1)).scalar_one_or_none()
    if clash is not None:
        raise Conflict("delegation.overlap", role=role.name, start=clash.start_on.isoformat(),
                       end=clash.end_on.isoformat(), delegate=_name(clash.delegate))
    _s().add(d)
    _s().flush()
    return d


def revoke_delegation(d: Delegation) -> None:
    """Revoke (the row stays, for the history that names it)."""
    _refuse_foreign(d, current_user())
    done = _s().execute(update(Delegation).where(Delegation.id == d.id, Delegation.revoked_at.is_(None))
                        .values(revoked_at=dt.datetime.now().replace(microsecond=0))
                        .execution_options(synchronize_session=False)).rowcount
    if done != 1:
        raise Conflict("delegation.revoked", delegation=str(d.id))
    _s().expire(d, ["revoked_at"])
    _s().flush()


# ---------------------------------------------------------------------------
# Acting on behalf
# ---------------------------------------------------------------------------


def active_for(delegate_id: int, today: Optional[dt.date] = None):
    """The delegations ``delegate_id`` may act under today."""
    today = today or dt.date.today()
    return select(Delegation).where(Delegation.delegate_id == delegate_id, Delegation.revoked_at.is_(None),
                                    Delegation.start_on <= today, Delegation.end_on >= today)


def delegators_of(user, today: Optional[dt.date] = None) -> list[User]:
    """The users ``user`` stands in for today (distinct, by name)."""
    if user is None:
        return []
    rows = _s().execute(active_for(user.id, today)).scalars()
    return sorted({d.delegator_id: d.delegator for d in rows}.values(), key=lambda u: u.username)


def _principal(user, on_behalf_of) -> User:
    principal = on_behalf_of if isinstance(on_behalf_of, User) else _s().get(User, int(on_behalf_of))
    if principal is None or user is None:
        raise Forbidden("delegation.none_active", user=getattr(user, "username", "—"), delegator=str(on_behalf_of),
                        what="—")
    return principal


def check_transition(user, on_behalf_of, t: WorkflowTransition) -> User:
    """The delegator ``user`` may fire ``t`` for: a live delegation of a role that
    fires it (the sign-off role for a sign-off), still held by both."""
    principal = _principal(user, on_behalf_of)
    roles = {t.workflow.signoff_role_id} if t.is_signoff else {r.id for r in t.roles}
    held = {r.id for r in principal.roles} & {r.id for r in user.roles}
    live = _s().execute(active_for(user.id).where(Delegation.delegator_id == principal.id,
                                                   Delegation.role_id.in_(roles & held)).limit(1)).first()
    if live is None:
        raise Forbidden("delegation.none_active", user=user.username, delegator=_name(principal), what=t.name)
    return principal


def check_countersign(user, on_behalf_of, division) -> User:
    """The delegator ``user`` may countersign for: a live delegation, both members of the division."""
    principal = _principal(user, on_behalf_of)
    live = _s().execute(active_for(user.id).where(Delegation.delegator_id == principal.id).limit(1)).first()
    if live is None:
        raise Forbidden("delegation.none_active", user=user.username, delegator=_name(principal), what=division.name)
    if division.id not in divisions_of(principal.id):
        raise Forbidden("workflow.countersign_not_member", division=division.name, user=principal.username)
    return principal


def visible_to(user):
    """The criterion of the delegation pages: one's own (given or received); administrators all."""
    from sqlalchemy import false

    if user is None:
        return false()
    if _is_admin(user):
        return None
    return or_(Delegation.delegator_id == user.id, Delegation.delegate_id == user.id)
