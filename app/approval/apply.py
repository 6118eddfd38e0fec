"""Applying an approval (批复执行): every structured change of a case, at once.

Runs as the workflow hook of a transition that ``applies_changes``, inside the
transaction that moved the case.  Each change goes through the quota services
of ``app.quota.services`` — the same rules as a manual entry, all six
invariants included.  The first refusal aborts everything: the caller's
transaction rolls back, the case stays in its state, and the refusal names the
change, the rule and the numbers.
"""
from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from typing import Callable, Optional

from sqlalchemy import select

from app.core.errors import DomainError
from app.core.orm import insert_many
from app.core.messages import render
from app.extensions import db
from app.approval.models import EVALUATION_KINDS, CaseEvaluation
from app.justification.cases.models import AdjustmentCase, CaseChange
from app.justification.cases.services import validate_change
from app.quota import services as quota
from app.quota.models import (
    LIVE_STATUSES,
    Institution,
    InternalDivision,
    Person,
    QuotaAllocation,
    QuotaLedgerEntry,
    ThreeDeterminations,
)

EVALUATION_DELAY_DAYS = 365


class ApplyFailed(DomainError):
    """A change was refused: wraps the service's own error with the change's place."""

    def __init__(self, change: CaseChange, cause: DomainError) -> None:
        self.cause = cause
        self.http_status = cause.http_status
        super().__init__("case.apply_failed", seq=change.seq, kind=change.kind)

    def message(self, lang: str | None = None) -> str:
        return render(self.key, lang, reason=self.cause.message(lang), **self.params)


def _s():
    return db.session


class _Context:
    def __init__(self, case: AdjustmentCase, doc_no: str, today: dt.date) -> None:
        self.case, self.doc_no, self.today = case, doc_no, today
        self.created: Optional[Institution] = None
        self.touched: list[int] = []

    @property
    def reason(self) -> str:
        return f"{self.case.number} {self.case.title}"[:500]

    def institution_id(self, change: CaseChange) -> int:
        if change.institution_id is not None:
            return change.institution_id
        if self.created is None:
            raise DomainError("case.no_created_institution", seq=change.seq)
        return self.created.id

    def entry(self, institution_id: int, quota_type_id: int, delta: int) -> QuotaLedgerEntry:
        return QuotaLedgerEntry(institution_id=institution_id, quota_type_id=quota_type_id, delta=delta,
                                reason=self.reason, doc_no=self.doc_no, effective_on=self.today)

    def ledger(self, institution_id: int, quota_type_id: int, delta: int) -> QuotaLedgerEntry:
        return quota.record_ledger_entry(self.entry(institution_id, quota_type_id, delta))


def _ledger_delta(ctx: _Context, c: CaseChange) -> str:
    entry = ctx.ledger(ctx.institution_id(c), c.quota_type_id, c.amount)
    ctx.touched.append(entry.institution_id)
    return f"quota_ledger:{entry.id}"


def _institution_create(ctx: _Context, c: CaseChange) -> str:
    parent = _s().get(Institution, c.institution_id) if c.institution_id else None
    inst = quota.create_institution(Institution(
        name=c.new_name.strip(), category_id=c.category_id, region_id=c.region_id, parent_id=c.institution_id,
        level=parent.level if parent else "city", status="active", within_cap=True, established_on=ctx.today,
        functions=c.functions))
    ctx.created = ctx.created or inst
    ctx.touched.append(inst.id)
    return f"institution:{inst.id}"


def _approved_quota(inst: Institution) -> list[tuple[int, int]]:
    return _s().execute(
        select(QuotaAllocation.quota_type_id, QuotaAllocation.approved)
        .where(QuotaAllocation.institution_id == inst.id, QuotaAllocation.approved > 0)
        .order_by(QuotaAllocation.quota_type_id)
    ).all()


def _move_people(source: Institution, target: Institution, quota_type_id: int) -> None:
    people = _s().execute(
        select(Person).where(Person.institution_id == source.id, Person.quota_type_id == quota_type_id,
                             Person.status == "active").order_by(Person.id)
    ).scalars().all()
    for p in people:
        quota.update_person(p, institution_id=target.id, division_id=None)


def _close(inst: Institution, status: str, today: dt.date) -> None:
    quota.update_institution(inst, status=status, revoked_on=today)


def _institution_revoke(ctx: _Context, c: CaseChange) -> str:
    inst = _s().get(Institution, c.institution_id)
    _close(inst, "revoked", ctx.today)  # refused while persons are in post
    for quota_type_id, approved in _approved_quota(inst):  # 核销: its quota returns to the region
        ctx.ledger(inst.id, quota_type_id, -approved)
    return f"institution:{inst.id}:revoked"


def _institution_merge(ctx: _Context, c: CaseChange) -> str:
    inst, target = _s().get(Institution, c.institution_id), _s().get(Institution, c.target_id)
    # The target takes the quota first, then the people, so no step is over quota.
    for quota_type_id, approved in _approved_quota(inst):
        ctx.ledger(target.id, quota_type_id, approved)
        _move_people(inst, target, quota_type_id)
        ctx.ledger(inst.id, quota_type_id, -approved)
    _close(inst, "merged", ctx.today)
    ctx.touched.append(target.id)
    return f"institution:{inst.id}:merged_into:{target.id}"


def _institution_rename(ctx: _Context, c: CaseChange) -> str:
    inst = _s().get(Institution, c.institution_id)
    quota.update_institution(inst, name=c.new_name.strip())
    ctx.touched.append(inst.id)
    return f"institution:{inst.id}:renamed"


def _leadership_delta(ctx: _Context, c: CaseChange) -> str:
    lq = quota.adjust_leadership_quota(ctx.institution_id(c), c.division_id, c.rank_id, c.amount)
    return f"leadership_quota:{lq.id}"


def _division_create(ctx: _Context, c: CaseChange) -> str:
    div = quota.create_division(InternalDivision(institution_id=ctx.institution_id(c), name=c.new_name,
                                               functions=c.functions))
    return f"internal_division:{div.id}"


def _division_rename(ctx: _Context, c: CaseChange) -> str:
    div = _s().get(InternalDivision, c.division_id)
    quota.update_division(div, name=c.new_name)
    return f"internal_division:{div.id}:renamed"


def _division_delete(ctx: _Context, c: CaseChange) -> str:
    div = _s().get(InternalDivision, c.division_id)
    result = f"internal_division:{div.id}:removed ({div.name})"
    # The change itself refers to the division (a foreign key): its trail is
    # the result written here, the link goes with the division.
    c.division_id = None
    _s().flush()
    quota.delete_division(div)
    return result


def _three_determinations(ctx: _Context, c: CaseChange) -> str:
    td = quota.create_three_determinations(ThreeDeterminations(
        institution_id=ctx.institution_id(c), functions=c.functions, divisions=c.divisions_text,
        staffing=c.staffing_text, approval_doc_no=ctx.doc_no, approved_on=ctx.today))
    return f"three_determinations:{td.id}"


APPLY = {
    "ledger_delta": _ledger_delta,
    "institution_create": _institution_create,
    "institution_revoke": _institution_revoke,
    "institution_merge": _institution_merge,
    "institution_rename": _institution_rename,
    "leadership_delta": _leadership_delta,
    "division_create": _division_create,
    "division_rename": _division_rename,
    "division_delete": _division_delete,
    "three_determinations": _three_determinations,
}


# Changes of the domains above (the power lists' 权责清单 changes …), kept in
# their own tables: name -> (count(case) -> int, apply(case, doc_no, today)).
# They run after the case's own changes, in the same transaction; a refusal
# (a DomainError naming its change) rolls back everything, like the others.
_EXTRA_CHANGES: dict[str, tuple[Callable, Callable]] = {}


def register_changes(name: str, count: Callable, apply: Callable) -> None:
    _EXTRA_CHANGES[name] = (count, apply)


def apply_case(case: AdjustmentCase, entry, *, today: Optional[dt.date] = None) -> None:
    """The engine's hook: apply every change in order, or raise and change nothing."""
    today = today or dt.date.today()
    if not case.changes and not any(count(case) for count, _ in _EXTRA_CHANGES.values()):
        raise DomainError("case.no_changes", case=case.number)
    ctx = _Context(case, entry.doc_no or case.number, today)
    for run in _runs(case.changes):
        if len(run) > 1 and _ledger_run(ctx, run):
            continue
        for change in run:
            with _naming(change):
                validate_change(change)
                change.result = APPLY[change.kind](ctx, change)
    for _, apply in _EXTRA_CHANGES.values():
        apply(case, ctx.doc_no, today)
    case.approval_doc_no = entry.doc_no
    case.approved_on = today
    case.applied_at = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    _schedule_evaluations(ctx)
    _s().flush()


@contextmanager
def _naming(change: CaseChange):
    """A refusal names the change it stopped at."""
    try:
        yield
    except ApplyFailed:
        raise
    except DomainError as err:
        raise ApplyFailed(change, err) from err


def _runs(changes: list[CaseChange]):
    """Consecutive ledger deltas together (one set-based move), every other change alone."""
    run: list[CaseChange] = []
    for change in changes:
        if change.kind == "ledger_delta":
            run.append(change)
            continue
        if run:
            yield run
            run = []
        yield [change]
    if run:
        yield run


def _ledger_run(ctx: _Context, run: list[CaseChange]) -> bool:
    """Apply a run of ledger deltas set-based (``try_record_ledger_entries``).

    False when one of them would be refused: nothing was moved, and the caller
    applies them one at a time, which refuses that change with its numbers."""
    entries = []
    for change in run:
        with _naming(change):
            validate_change(change)
            entries.append(ctx.entry(ctx.institution_id(change), change.quota_type_id, change.amount))
    recorded = quota.try_record_ledger_entries(entries)
    if recorded is None:
        return False
    for change, entry in zip(run, recorded):
        change.result = f"quota_ledger:{entry.id}"
        ctx.touched.append(entry.institution_id)
    return True


def _schedule_evaluations(ctx: _Context) -> None:
    """动态调整: each living institution the case touched gets the three evaluations."""
    due = ctx.today + dt.timedelta(days=EVALUATION_DELAY_DAYS)
    touched = list(dict.fromkeys(ctx.touched))
    living = set(_s().execute(select(Institution.id).where(
        Institution.id.in_(touched), Institution.status.in_(LIVE_STATUSES))).scalars())
    insert_many([CaseEvaluation(case_id=ctx.case.id, institution_id=inst_id, kind=kind, due_on=due)
                 for inst_id in touched if inst_id in living for kind in EVALUATION_KINDS])
