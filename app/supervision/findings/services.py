"""Use cases of findings (发现问题与整改).

Who may do what:
* every source (a verification run, a spot check, an evaluation…) calls
  ``open_finding``, idempotent on ``(source_kind, source_key)``, and
  ``resolve_finding`` when its problem is gone;
* the answering unit (a department user, within its subtree) starts the
  rectification with its answer (待整改 → 整改中) and attaches evidence;
* the office (unscoped users) confirms it (→ 已整改) or writes it off
  (→ 已核销, with a reason), keeps manual findings, and may open an adjustment
  case from a finding, once.

Concurrency: a state moves with one conditional ``UPDATE … WHERE state IN
(…)`` whose row count decides; ``open_finding`` serialises on its key
(``xact_lock``) before it looks, so two sources finding the same problem at
once make one row.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from typing import Optional

from flask import current_app, has_app_context
from sqlalchemy import select, update
from sqlalchemy.orm.attributes import set_committed_value

from app.core import audit, scoping
from app.core.counters import locked_state
from app.core.db import without_autoflush, xact_lock
from app.core.errors import DomainError, Forbidden, NotFound, ValidationFailed
from app.core.orm import check_choice, require, sync_foreign_keys
from app.extensions import db
from app.justification.cases.models import CASE_TYPES, AdjustmentCase
from app.justification.cases.services import create_case
from app.quota.models import Institution
from app.supervision.findings.models import (
    FINAL_STATES,
    OPEN_STATES,
    SOURCE_KINDS,
    STATES,
    TRANSITIONS,
    Finding,
    FindingEvidence,
)

STATE_TEXT = {"open": "待整改 open", "rectifying": "整改中 rectifying", "rectified": "已整改 rectified",
              "written_off": "已核销 written off"}
DEFAULT_DEADLINE_DAYS = 20  # working days to rectify, unless the source says otherwise
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024


def _s():
    return db.session


def _today(today: Optional[dt.date]) -> dt.date:
    return today or dt.date.today()


def deadline_after(start: dt.date, working_days: int) -> dt.date:
    """The rectification deadline: ``working_days`` working days after ``start``
    (the holiday calendar of app.core.workdays; a year it does not hold is its error)."""
    from app.core.workdays import add_working_days

    return add_working_days(start, working_days)


def _text(value: Optional[str], field: str, *, required: bool = True, limit: Optional[int] = None) -> Optional[str]:
    value = (value or "").strip() if isinstance(value, str) or value is None else str(value).strip()
    if required and not value:
        raise ValidationFailed("write.required", field=field)
    if limit and len(value) > limit:
        raise ValidationFailed("finding.too_long", field=field, limit=limit, length=len(value))
    return value or None


def _office_only(finding_label: str) -> None:
    if scoping.current_scope() is not None:
        raise Forbidden("finding.office_only", finding=finding_label)


def _refuse_outside(finding: Finding) -> None:
    scoping.refuse_outside(scoping.current_scope(), finding.institution_id, label=f"finding {finding.id}")


# ---------------------------------------------------------------------------
# The sources' side: open, resolve
# ---------------------------------------------------------------------------


def open_finding(source_kind: str, source_key: str, *, title: str, opened_by: str, detail: Optional[str] = None,
                 institution_id: Optional[int] = None, region_id: Optional[int] = None,
                 deadline: Optional[dt.date] = None, deadline_days: Optional[int] = DEFAULT_DEADLINE_DAYS,
                 reopen: bool = True, today: Optional[dt.date] = None) -> tuple[Finding, bool]:
    """The finding of ``(source_kind, source_key)``, made if new: ``(finding, created)``.

    Seen again while open: its detail is brought up to date.  Seen again after
    a source resolved it (已整改 by ``resolve_finding``): reopened when
    ``reopen``, counted in ``reopened``.  Written off (已核销): left alone, the
    office accepted it.  ``deadline`` wins over ``deadline_days`` (working days).
    """
    check_choice(source_kind, SOURCE_KINDS, "来源 / source kind")
    source_key = _text(source_key, "来源键 / source key", limit=200)
    title = _text(title, "问题 / title", limit=200)[:200]
    day = _today(today)
    xact_lock(_s(), f"finding:{source_kind}:{source_key}")
    found = _s().execute(select(Finding).where(Finding.source_kind == source_kind, Finding.source_key == source_key)
                         .with_for_update(of=Finding)).scalar_one_or_none()
    if deadline is None and deadline_days is not None:
        deadline = deadline_after(day, deadline_days)
    if found is not None:
        if found.state in OPEN_STATES:
            if found.detail != detail or found.title != title:
                found.detail, found.title = detail, title
        elif found.state == "rectified" and reopen and found.resolved_by and \
                not found.resolved_by.startswith("user:"):
            # the source had seen the problem gone; now it is back
            found.state, found.closed_on, found.resolved_by, found.review_note = "open", None, None, None
            found.reopened += 1
            found.opened_on, found.deadline, found.overdue_since = day, deadline, None
            found.detail, found.title = detail, title
        _s().flush()
        return found, False
    if institution_id is not None:
        require(Institution, institution_id, "机构 / institution")
    finding = Finding(source_kind=source_kind, source_key=source_key, title=title, detail=detail,
                      institution_id=institution_id, region_id=region_id, state="open", opened_on=day,
                      deadline=deadline, opened_by=_text(opened_by, "opened_by", limit=100), reopened=0)
    _s().add(finding)
    _s().flush()
    return finding, True


def _move(finding: Finding, target: str, allowed_from, values: dict) -> bool:
    row = _s().execute(
        update(Finding).where(Finding.id == finding.id, Finding.state.in_(list(allowed_from)))
        .values(state=target, **values).returning(Finding.id).execution_options(synchronize_session=False)
    ).first()
    if row is None:
        return False
    before = {"state": finding.state}
    for key, value in {"state": target, **values}.items():
        set_committed_value(finding, key, value)
    audit.record(_s(), "update", "Finding", finding.id, before=before,
                 after={k: str(v) if isinstance(v, dt.date) else v for k, v in {"state": target, **values}.items()})
    return True


def resolve_finding(finding: Finding, *, resolved_by: str, note: Optional[str] = None,
                    today: Optional[dt.date] = None) -> bool:
    """The source no longer sees the problem: 已整改, by ``resolved_by`` (e.g.
    ``verification_run:12``).  False when it was closed already."""
    return _move(finding, "rectified", OPEN_STATES,
                 {"closed_on": _today(today), "resolved_by": resolved_by[:100], "overdue_since": None,
                  "review_note": note or "问题已消除 / the problem is gone"})


def flag_overdue(today: Optional[dt.date] = None) -> list[int]:
    """Mark every open finding past its deadline (one UPDATE); returns the ids newly flagged."""
    day = _today(today)
    ids = list(_s().execute(
        update(Finding).where(Finding.state.in_(OPEN_STATES), Finding.deadline < day,
                              Finding.overdue_since.is_(None))
        .values(overdue_since=day).returning(Finding.id).execution_options(synchronize_session=False)).scalars())
    for fid in ids:
        audit.record(_s(), "update", "Finding", fid, before={"overdue_since": None}, after={"overdue_since": str(day)})
    return ids


# ---------------------------------------------------------------------------
# The answering unit's and the office's side
# ---------------------------------------------------------------------------


def transition(finding: Finding, target: str, *, note: Optional[str], user=None,
               today: Optional[dt.date] = None) -> Finding:
    """Move a finding by hand: 整改中 (the unit's answer, ``note`` required),
    已整改 (the office confirms an answered finding), 已核销 (the office, a reason required)."""
    check_choice(target, STATES, "状态 / state")
    _refuse_outside(finding)
    user = user if user is not None else scoping.current_user()
    label = f"#{finding.id} {finding.title}"
    values: dict = {}
    if target == "rectifying":
        values["response"] = _text(note, "整改情况 / response")
    elif target in FINAL_STATES:
        _office_only(label)
        values.update(closed_on=_today(today), overdue_since=None,
                      resolved_by=f"user:{getattr(user, 'username', None) or audit.current_actor()}"[:100])
        if target == "written_off":
            values["review_note"] = _text(note, "核销理由 / write-off reason")
        else:
            values["review_note"] = _text(note, "审核意见 / review note", required=False)
            current = _s().execute(select(Finding.response).where(Finding.id == finding.id)).scalar()
            if not (current or "").strip():
                raise DomainError("finding.no_response", finding=label)
    else:
        raise DomainError("finding.transition", finding=label, current=STATE_TEXT.get(finding.state, finding.state),
                          target=STATE_TEXT[target])
    allowed_from = [s for s, targets in TRANSITIONS.items() if target in targets]
    if not _move(finding, target, allowed_from, values):
        current = _s().execute(select(Finding.state).where(Finding.id == finding.id)).scalar()
        if current is None:
            raise NotFound("write.not_found", object=label)
        raise DomainError("finding.transition", finding=label, current=STATE_TEXT[current], target=STATE_TEXT[target])
    return finding


@without_autoflush
def create_finding(finding: Finding) -> Finding:
    """A finding the office records by hand (source ``manual``)."""
    _office_only(finding.title or "")
    sync_foreign_keys(finding)
    finding.title = _text(finding.title, "问题 / title", limit=200)
    finding.detail = _text(finding.detail, "detail", required=False)
    finding.source_kind = "manual"
    finding.source_key = f"manual:{uuid.uuid4().hex}"
    finding.state, finding.closed_on, finding.resolved_by, finding.overdue_since = "open", None, None, None
    finding.opened_on = finding.opened_on or dt.date.today()
    finding.opened_by = f"user:{audit.current_actor()}"[:100]
    finding.reopened = 0
    if finding.institution_id is not None:
        require(Institution, finding.institution_id, "机构 / institution")
    if finding.deadline is None:
        finding.deadline = deadline_after(finding.opened_on, DEFAULT_DEADLINE_DAYS)
    _check_deadline(finding)
    _s().add(finding)
    _s().flush()
    return finding


def _check_deadline(finding: Finding) -> None:
    if finding.deadline is not None and finding.deadline < finding.opened_on:
        raise ValidationFailed("finding.deadline_before_open", deadline=str(finding.deadline),
                               opened_on=str(finding.opened_on))


OFFICE_UPDATABLE = frozenset({"title", "detail", "deadline", "institution_id", "response"})
UNIT_UPDATABLE = frozenset({"response"})


@without_autoflush
def update_finding(finding: Finding, **changes) -> Finding:
    """An edit through the form or the API: the unit may word its answer, the
    office the finding itself; a closed finding is fixed, the state moves only by ``transition``."""
    old = locked_state(finding, ("state",), derived=("state",))
    label = f"#{finding.id} {finding.title}"
    allowed = UNIT_UPDATABLE if scoping.current_scope() is not None else OFFICE_UPDATABLE
    refused = set(changes) - allowed
    if refused:
        raise DomainError("finding.not_editable_fields", finding=label, fields=", ".join(sorted(refused)))
    if old["state"] in FINAL_STATES:
        raise DomainError("finding.closed", finding=label, state=STATE_TEXT[old["state"]])
    if "title" in changes:
        finding.title = _text(finding.title, "问题 / title", limit=200)
    if "institution_id" in changes and finding.institution_id is not None:
        require(Institution, finding.institution_id, "机构 / institution")
    _check_deadline(finding)
    _s().flush()
    return finding


@without_autoflush
def delete_finding(finding: Finding) -> None:
    """Only a manual finding still 待整改 may go (a mistaken entry); the rest is the record."""
    old = locked_state(finding, ("state",), derived=("state",))
    label = f"#{finding.id} {finding.title}"
    if finding.source_kind != "manual" or old["state"] != "open":
        raise DomainError("finding.delete_refused", finding=label, state=STATE_TEXT[old["state"]])
    _s().delete(finding)
    _s().flush()


@without_autoflush
def add_evidence(finding: Finding, file_name: str, content_type: str, data: bytes, user=None) -> FindingEvidence:
    _refuse_outside(finding)
    old = locked_state(finding, ("state",), derived=("state",))
    label = f"#{finding.id} {finding.title}"
    if old["state"] in FINAL_STATES:
        raise DomainError("finding.closed", finding=label, state=STATE_TEXT[old["state"]])
    limit = current_app.config.get("FINDING_EVIDENCE_MAX_BYTES", MAX_EVIDENCE_BYTES) if has_app_context() \
        else MAX_EVIDENCE_BYTES
    if not data:
        raise ValidationFailed("finding.evidence_empty")
    if len(data) > limit:
        raise ValidationFailed("finding.evidence_too_large", name=file_name, size=len(data), limit=limit)
    user = user if user is not None else scoping.current_user()
    ev = FindingEvidence(finding_id=finding.id, file_name=(file_name or "evidence")[:255],
                         content_type=(content_type or "application/octet-stream")[:100], size=len(data),
                         sha256=hashlib.sha256(data).hexdigest(), data=data,
                         uploaded_by=getattr(user, "username", None) or audit.current_actor()[:100])
    _s().add(ev)
    _s().flush()
    return ev


def open_case(finding: Finding, case_type: str, user=None) -> AdjustmentCase:
    """An adjustment case (草拟) prefilled from the finding, once per finding."""
    label = f"#{finding.id} {finding.title}"
    _office_only(label)
    check_choice(case_type, CASE_TYPES, "事项类型 / case type")
    locked = locked_state(finding, ("case_id", "state"), derived=("case_id", "state"))
    if locked["case_id"] is not None:
        number = _s().execute(select(AdjustmentCase.number).where(AdjustmentCase.id == locked["case_id"])).scalar()
        raise DomainError("finding.case_exists", finding=label, case=number)
    if finding.institution_id is None:
        raise DomainError("finding.case_needs_institution", finding=label)
    case = create_case(AdjustmentCase(
        title=f"整改: {finding.title}"[:200], case_type=case_type, applicant_kind="unit",
        institution_id=finding.institution_id,
        reasons=f"发现问题 #{finding.id} ({finding.source_kind}): {finding.detail or finding.title}"), user)
    finding.case_id = case.id
    _s().flush()
    return case
