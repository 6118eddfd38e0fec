"""Use cases of adjustment cases: file, edit, propose changes, analyse, move.

Workflow moves go through ``app.workflow.engine``; applying an approval is in
``app.approval.apply`` (the engine's hook for transitions that apply changes).
"""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Optional

from flask import current_app, has_app_context
from sqlalchemy import func, select

from app.core import scoping
from app.core.counters import locked_state
from app.core.db import without_autoflush
from app.core.errors import DomainError, ScopeViolation, ValidationFailed
from app.core.orm import check_choice, require, sync_foreign_keys
from app.extensions import db
from app.justification.cases import rules
from app.justification.cases.models import (
    APPLICANT_KINDS,
    CASE_TYPES,
    CHANGE_KINDS,
    AdjustmentCase,
    CaseAttachment,
    CaseChange,
    CasePost,
)
from app.quota import services as quota
from app.quota.models import Institution, QuotaAllocation, QuotaLedgerEntry, RegionalCap
from app.workflow import engine
from app.workflow.models import Workflow

SUBJECT = "adjustment_case"


def _s():
    return db.session


def facts(case: AdjustmentCase) -> tuple[str, int]:
    return case.case_type, case.amount


# ---------------------------------------------------------------------------
# The case itself
# ---------------------------------------------------------------------------


def default_workflow() -> Workflow:
    wf = _s().execute(
        select(Workflow).where(Workflow.subject == SUBJECT, Workflow.active.is_(True)).order_by(Workflow.id).limit(1)
    ).scalar_one_or_none()
    if wf is None:
        raise ValidationFailed("case.no_workflow")
    return wf


def _validate(case: AdjustmentCase) -> None:
    sync_foreign_keys(case)
    check_choice(case.case_type, CASE_TYPES, "事项类型 / case type")
    check_choice(case.applicant_kind or "department", APPLICANT_KINDS, "申请主体 / applicant")
    case.title = (case.title or "").strip()
    if not case.title:
        raise ValidationFailed("write.required", field="标题 / title")
    require(Institution, case.institution_id, "申请单位 / applicant unit")
    hours = case.annual_hours_per_fte if case.annual_hours_per_fte is not None else rules.DEFAULT_HOURS_PER_FTE
    if not 1 <= hours <= 8784:
        raise ValidationFailed("case.hours_per_fte", value=hours)
    case.annual_hours_per_fte = hours


def create_case(case: AdjustmentCase, user=None) -> AdjustmentCase:
    """File a case: it enters the workflow's initial state (申请/草稿) with a history row."""
    user = user if user is not None else scoping.current_user()
    _validate(case)
    case.applicant_kind = case.applicant_kind or "department"
    case.created_by_id = getattr(user, "id", None)
    engine.start(case, default_workflow(), user)
    case.number = f"{dt.date.today().year}-{case.id:06d}"
    _s().flush()
    return case


def locked_reason(case: AdjustmentCase) -> Optional[DomainError]:
    """Why the request can no longer change, or None.

    The applicant edits while the state is ``editable`` (draft, returned); the
    office (unscoped users, CLI) may complete the analysis until the approval
    is applied.
    """
    if case.applied_at is not None:
        return DomainError("case.applied", case=case.number)
    state = engine.state_of(case)
    if state.is_final or (scoping.current_scope() is not None and not state.editable):
        return DomainError("case.locked", case=case.number, state=state.name)
    return None


def row_refusal(case: AdjustmentCase, op: str) -> Optional[DomainError]:
    """Why the request's ``op`` ("edit" / "delete") is refused now, or None: what the
    edit and delete doors ask before they show anything (``app.core.resources.RowLocks``)."""
    reason = locked_reason(case)
    if reason is None and op == "delete" and not engine.state_of(case).is_initial:
        reason = DomainError("case.delete_started", case=case.number)
    return reason


def _case_states(key, pks: list, *, via=None):
    """(pk, whether the case is closed as ``locked_reason`` says, whether it is at its initial
    state) for the rows ``key`` names — the cases themselves, or a part's rows joined to their
    case ``via`` its ``case_id`` — in one query."""
    from app.workflow.models import WorkflowState as S

    stmt = select(key, AdjustmentCase.applied_at, S.is_final, S.editable, S.is_initial)
    if via is not None:
        stmt = stmt.select_from(via).join(AdjustmentCase, AdjustmentCase.id == via.case_id)
    stmt = stmt.join(S, S.id == AdjustmentCase.state_id).where(key.in_(pks))
    scoped = scoping.current_scope() is not None
    return [(pk, applied_at is not None or final or (scoped and not editable), initial)
            for pk, applied_at, final, editable, initial in _s().execute(stmt)]


def locked_rows(pks: list) -> dict:
    """The same as ``row_refusal`` for a list page's rows, in one query: pk -> the ops refused."""
    out = {}
    for pk, closed, initial in _case_states(AdjustmentCase.id, pks):
        ops = {"edit", "delete"} if closed else set()
        if not initial:
            ops.add("delete")
        if ops:
            out[pk] = ops
    return out


def part_refusal(part, op: str) -> Optional[DomainError]:
    """A case's part (a proposed change, a post) closes with its case: editing or deleting
    it is refused for the case's reason (approved, applied, out of the applicant's hands)."""
    return locked_reason(part.case)


def locked_parts(model, pks: list) -> dict:
    """``part_refusal`` for a list page of ``model``'s rows (a case's changes or posts), in one query."""
    return {pk: {"edit", "delete"} for pk, closed, _initial in _case_states(model.id, pks, via=model) if closed}


def check_editable(case: AdjustmentCase) -> None:
    reason = locked_reason(case)
    if reason is not None:
        raise reason


@without_autoflush
def update_case(case: AdjustmentCase) -> AdjustmentCase:
    # The state as committed now, not as this request loaded it.
    locked_state(case, ("state_id", "applied_at"), derived=("state_id", "applied_at"))
    check_editable(case)
    _validate(case)
    _s().flush()
    return case


@without_autoflush
def delete_case(case: AdjustmentCase) -> None:
    locked_state(case, ("state_id", "applied_at"), derived=("state_id", "applied_at"))
    check_editable(case)
    if not engine.state_of(case).is_initial:
        raise DomainError("case.delete_started", case=case.number)
    _s().delete(case)
    _s().flush()


def transition(case: AdjustmentCase, transition, user, *, comment=None, doc_no=None, on_behalf_of=None):
    """Fire a workflow transition on a case the user may reach (perhaps as a delegate, 代办)."""
    if scoping.current_scope() is not None:
        scoping.check_write(case)
    return engine.fire(case, transition, user, comment=comment, doc_no=doc_no, on_behalf_of=on_behalf_of)


def countersign(case: AdjustmentCase, division_id: int, user, *, agree: bool, comment=None, on_behalf_of=None):
    return engine.countersign(case, division_id, user, agree=agree, comment=comment, on_behalf_of=on_behalf_of)


# ---------------------------------------------------------------------------
# Structured changes, posts, attachments (part of the request)
# ---------------------------------------------------------------------------

# kind -> fields that must be filled (besides the amount rule)
REQUIRED = {
    "ledger_delta": ("quota_type_id",),
    "institution_create": ("new_name", "category_id", "region_id"),
    "institution_revoke": ("institution_id",),
    "institution_merge": ("institution_id", "target_id"),
    "institution_rename": ("institution_id", "new_name"),
    "leadership_delta": ("rank_id",),
    "division_create": ("new_name",),
    "division_rename": ("division_id", "new_name"),
    "division_delete": ("division_id",),
    "three_determinations": (),
}
WITH_AMOUNT = ("ledger_delta", "leadership_delta")
# The form's fields per kind of change (what ``app.approval.apply`` reads); the
# change form shows these only.  ``REQUIRED`` says which of them must be filled.
FIELDS_BY_KIND = {
    "ledger_delta": ["institution", "quota_type", "amount"],
    "institution_create": ["institution", "new_name", "category", "region", "functions"],
    "institution_revoke": ["institution"],
    "institution_merge": ["institution", "target"],
    "institution_rename": ["institution", "new_name"],
    "leadership_delta": ["institution", "division", "rank", "amount"],
    "division_create": ["institution", "new_name", "functions"],
    "division_rename": ["division", "new_name"],
    "division_delete": ["division"],
    "three_determinations": ["institution", "functions", "divisions_text", "staffing_text"],
}
# These may leave the institution empty: they then mean the institution this case creates.
MAY_REFER_TO_NEW = ("ledger_delta", "leadership_delta", "division_create", "three_determinations")
FIELD_LABELS = {
    "institution_id": "机构 / institution", "quota_type_id": "编制类型 / quota type", "new_name": "名称 / name",
    "category_id": "机构类别 / category", "region_id": "行政区划 / region", "target_id": "并入机构 / merge into",
    "rank_id": "职级 / rank", "division_id": "内设机构 / division", "amount": "数量 / amount",
    "functions": "三定内容 / 3-determinations text",
}


def _referenced_institutions(change: CaseChange) -> list[int]:
    ids = [change.institution_id, change.target_id]
    if change.division_id is not None:
        from app.quota.models import InternalDivision

        div = _s().get(InternalDivision, change.division_id)
        ids.append(div.institution_id if div else None)
    return [i for i in ids if i is not None]


def validate_change(change: CaseChange) -> None:
    sync_foreign_keys(change)
    check_choice(change.kind, CHANGE_KINDS, "变更类型 / change kind")
    seq = change.seq or "?"
    for key in REQUIRED[change.kind]:
        value = getattr(change, key)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise ValidationFailed("case.change_field_required", seq=seq, kind=change.kind, field=FIELD_LABELS[key])
    if change.kind in WITH_AMOUNT and not change.amount:
        raise ValidationFailed("case.change_zero_amount", seq=seq, kind=change.kind)
    if change.kind == "institution_merge" and change.institution_id == change.target_id:
        raise ValidationFailed("case.merge_into_itself", seq=seq, institution=str(change.institution))
    if change.kind == "three_determinations" and not any(
            (change.functions, change.divisions_text, change.staffing_text)):
        raise ValidationFailed("case.change_field_required", seq=seq, kind=change.kind,
                               field=FIELD_LABELS["functions"])
    if change.kind not in WITH_AMOUNT:
        change.amount = None
    scope = scoping.current_scope()
    if scope is not None:
        for inst_id in _referenced_institutions(change):
            if not scoping.institution_in_scope(inst_id, scope):
                raise ScopeViolation("scope.forbidden", object=str(_s().get(Institution, inst_id)))


def _case_of(obj) -> AdjustmentCase:
    sync_foreign_keys(obj)
    case = obj.case if obj.case is not None else _s().get(AdjustmentCase, obj.case_id)
    if case is None:
        raise ValidationFailed("write.required", field="事项 / case")
    return case


@without_autoflush
def save_change(change: CaseChange) -> CaseChange:
    case = _case_of(change)
    check_editable(case)
    if not change.seq:
        last = _s().execute(select(func.max(CaseChange.seq)).where(CaseChange.case_id == case.id)).scalar()
        change.seq = (last or 0) + 1
    validate_change(change)
    _s().add(change)
    _s().flush()
    return change


@without_autoflush
def delete_part(obj) -> None:
    """Remove a change, post or attachment while the request may still change."""
    check_editable(_case_of(obj))
    _s().delete(obj)
    _s().flush()


@without_autoflush
def save_post(post: CasePost) -> CasePost:
    check_editable(_case_of(post))
    post.name = (post.name or "").strip()
    if not post.name:
        raise ValidationFailed("write.required", field="岗位 / post")
    if post.annual_hours is None or post.annual_hours < 0:
        raise ValidationFailed("write.required", field="年工作量(小时) / annual hours")
    post.headcount_requested = post.headcount_requested or 0
    _s().add(post)
    _s().flush()
    return post


@without_autoflush
def add_attachment(case: AdjustmentCase, file_name: str, content_type: str, data: bytes, user) -> CaseAttachment:
    check_editable(case)
    limit = current_app.config.get("CASE_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024) if has_app_context() \
        else 10 * 1024 * 1024
    if not data:
        raise ValidationFailed("case.attachment_empty")
    if len(data) > limit:
        raise ValidationFailed("case.attachment_too_large", name=file_name, size=len(data), limit=limit)
    att = CaseAttachment(case_id=case.id, file_name=(file_name or "attachment")[:255],
                         content_type=(content_type or "application/octet-stream")[:100], size=len(data),
                         sha256=hashlib.sha256(data).hexdigest(), data=data,
                         uploaded_by=getattr(user, "username", None) or "system")
    _s().add(att)
    _s().flush()
    return att


def _applied_balances(changes) -> dict[int, int]:
    """change id -> the approved number its ledger entry left (``result`` = ``quota_ledger:<id>``),
    in one query."""
    entry_of = {int(c.result.split(":")[1]): c.id for c in changes
                if c.result and c.result.startswith("quota_ledger:") and c.result.split(":")[1].isdigit()}
    rows = _s().execute(select(QuotaLedgerEntry.id, QuotaLedgerEntry.balance_after)
                        .where(QuotaLedgerEntry.id.in_(entry_of))) if entry_of else []
    return {entry_of[pk]: balance for pk, balance in rows}


# ---------------------------------------------------------------------------
# 定量分析: shown beside every request
# ---------------------------------------------------------------------------


def analysis(case: AdjustmentCase) -> dict:
    """Post decomposition and standard-based sizing, with the gap to the request."""
    per_fte = case.annual_hours_per_fte or rules.DEFAULT_HOURS_PER_FTE
    posts = [
        {"name": p.name, "tasks": p.tasks, "hours": p.annual_hours, "fte": rules.fte(p.annual_hours, per_fte),
         "requested": p.headcount_requested}
        for p in case.posts
    ]
    required = rules.required_headcount([p.annual_hours for p in case.posts], per_fte)
    requested = sum(c.amount for c in case.changes if c.kind == "ledger_delta" and (c.amount or 0) > 0)
    deltas = [c for c in case.changes
              if c.kind == "ledger_delta" and c.institution_id is not None and c.quota_type_id is not None]
    # One query each for the allocations and the caps of all changes, not two per change.
    insts = {c.institution_id for c in deltas}
    types = {c.quota_type_id for c in deltas}
    allocated = {(i, q): n for i, q, n in _s().execute(
        select(QuotaAllocation.institution_id, QuotaAllocation.quota_type_id, QuotaAllocation.approved)
        .where(QuotaAllocation.institution_id.in_(insts), QuotaAllocation.quota_type_id.in_(types)))}
    caps = {(cap.region_id, cap.quota_type_id): cap for cap in _s().execute(
        select(RegionalCap).where(RegionalCap.region_id.in_({c.institution.region_id for c in deltas}),
                                  RegionalCap.quota_type_id.in_(types))).scalars()}
    balances = _applied_balances(deltas) if case.applied_at is not None else {}
    sizing = []
    for c in deltas:
        inst, qt = c.institution, c.quota_type
        applied = c.id in balances
        # Applied: the numbers as the sign-off left them (39 + 3 = 42), not today's allocation plus
        # the change once more; pending: today's allocation and what the change would make of it.
        approved = balances[c.id] - c.amount if applied else allocated.get((inst.id, qt.id), 0)
        maximum, standard = quota.standard_limit(inst, qt)
        cap = caps.get((inst.region_id, qt.id))
        cap_used = (cap.used - c.amount if applied else cap.used) if cap else None
        sizing.append({
            "institution": inst.name, "quota_type": qt.name, "approved": approved, "delta": c.amount,
            "after": approved + c.amount, "applied": applied, "standard": standard, "maximum": maximum,
            "standard_headroom": rules.headroom(maximum, approved, c.amount),
            "cap_total": cap.total if cap else None, "cap_used": cap_used,
            "cap_headroom": rules.headroom(cap.total, cap_used, c.amount) if cap else None,
        })
    return {
        "hours_per_fte": per_fte, "posts": posts, "total_hours": sum(p["hours"] for p in posts),
        "total_fte": sum((p["fte"] for p in posts), rules.fte(0, per_fte)), "required": required,
        "requested": requested, "gap": requested - required if posts else None, "sizing": sizing,
    }
