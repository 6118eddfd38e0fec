"""Persons (实名制): entry, bulk entry (imports), update, exit, delete.

Invariants 4 (不得超编进人), 5 (不得超职数配备) and 6 (不得混用编制), and one
person in post per ID number.  An active person occupies one slot of its
allocation and, with a leadership rank, one leadership position.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import case, insert, select, text, update

from app.core import audit, idnumber
from app.core.counters import lock_in_order, locked_state, move
from app.core.errors import QuotaExceeded, ValidationFailed
from app.core.orm import check_choice, insert_many, require, sync_foreign_keys
from app.extensions import db
from app.quota import rules
from app.quota.models import (
    EXIT_REASONS,
    GENDERS,
    LIVE_STATUSES,
    PERSON_STATUSES,
    Institution,
    InternalDivision,
    LeadershipQuota,
    Person,
    QuotaAllocation,
    QuotaType,
    Rank,
)
from app.quota.services.leadership import leadership_where, release_leadership, take_leadership
from app.quota.services.ledger import allocation_where, check_quota_type_allowed

# What an edit may change: the form's and the API's edit columns.  The ID number
# is fixed once entered (实名制): it is corrected by an exit and a new entry.
UPDATABLE = frozenset({"name", "gender", "birth_date", "institution_id", "quota_type_id", "division_id", "post",
                       "rank_id", "status", "entry_date", "exit_date", "exit_reason"})
# What decides the counters an active person holds.
HOLDING = ("status", "institution_id", "quota_type_id", "division_id", "rank_id")


# ---------------------------------------------------------------------------
# The rules of entry, for one person or many: each rule is written once
# ---------------------------------------------------------------------------


def _validate_person(p: Person) -> tuple[Institution, QuotaType, Optional[Rank]]:
    sync_foreign_keys(p)
    if not (p.name or "").strip():
        raise ValidationFailed("write.required", field="姓名 / name")
    p.name = p.name.strip()
    p.id_number, born, sex = idnumber.facts(p.id_number or "")
    if p.gender is not None:
        check_choice(p.gender, GENDERS, "性别 / gender")
    # Given or derived, birth date and gender are the ID's: a contradiction is refused, never stored.
    contradiction = rules.id_contradiction(born, sex, p.birth_date, p.gender)
    if contradiction:
        raise ValidationFailed(contradiction[0], person=p.name, id_number=idnumber.mask(p.id_number),
                               given=contradiction[1], expected=contradiction[2])
    p.birth_date = p.birth_date or born
    p.gender = p.gender or sex
    p.status = p.status or "active"
    check_choice(p.status, PERSON_STATUSES, "状态 / status")
    if p.exit_reason is not None:
        check_choice(p.exit_reason, EXIT_REASONS, "出编原因 / exit reason")
    if p.status == "active" and (p.exit_date or p.exit_reason):
        raise ValidationFailed("person.exit_fields_when_active", person=p.name)
    if p.status == "exited" and not (p.exit_date and p.exit_reason):
        raise ValidationFailed("person.exit_reason_required", person=p.name)
    if p.exit_date and p.entry_date and p.exit_date < p.entry_date:
        raise ValidationFailed("person.dates_order", person=p.name, entry=p.entry_date, exit=p.exit_date)
    inst = require(Institution, p.institution_id, "机构 / institution")
    qt = require(QuotaType, p.quota_type_id, "编制类型 / quota type")
    rank = db.session.get(Rank, p.rank_id) if p.rank_id else None
    if p.division_id is not None:
        division = require(InternalDivision, p.division_id, "内设机构 / division")
        if division.institution_id != inst.id:
            raise ValidationFailed("write.required", field="内设机构 / division")
    return inst, qt, rank


def _check_entry(inst: Institution, qt: QuotaType) -> None:
    """A person enters only a living institution, on a quota type its category may hold."""
    if inst.status not in LIVE_STATUSES:
        raise ValidationFailed("person.institution_revoked", institution=inst.name, status=inst.status)
    check_quota_type_allowed(inst, qt)


def _admit(p: Person) -> Optional[tuple[Person, Institution, QuotaType, Optional[Rank]]]:
    """Validate a new person; for one entering the quota (在编), check the rules
    of entry and return what it will occupy (None for a person recorded as exited)."""
    inst, qt, rank = _validate_person(p)
    if p.status != "active":
        return None
    p.entry_date = p.entry_date or dt.date.today()
    _check_entry(inst, qt)
    return p, inst, qt, rank


def _check_unique_active(persons: list[Person]) -> None:
    """No ID number twice in post: not among ``persons``, not against the database
    (where a person being edited does not clash with itself)."""
    seen: dict[str, Person] = {}
    for p in persons:
        if p.id_number in seen:
            raise ValidationFailed("person.duplicate_active", id_number=idnumber.mask(p.id_number),
                                   institution=db.session.get(Institution, seen[p.id_number].institution_id).name)
        seen[p.id_number] = p
    for start in range(0, len(persons), 500):
        numbers = [p.id_number for p in persons[start:start + 500]]
        # By ID number only, the status filtered here: with a status condition
        # PostgreSQL (no statistics yet for the rows an import has just written)
        # walked every active person through the status index for each chunk.
        clash = next((row for row in db.session.execute(
            select(Person.id_number, Person.institution_id, Person.status, Person.id)
            .where(Person.id_number.in_(numbers))
        ) if row.status == "active" and row.id != seen[row.id_number].id), None)
        if clash:
            raise ValidationFailed("person.duplicate_active", id_number=idnumber.mask(clash[0]),
                                   institution=db.session.get(Institution, clash[1]).name)


def _refuse_entry(inst: Institution, qt: QuotaType, n: int) -> None:
    row = db.session.execute(select(QuotaAllocation.approved, QuotaAllocation.occupied)
                             .where(*allocation_where(inst.id, qt.id))).first()
    total, used = (row.approved, row.occupied) if row else (0, 0)
    raise QuotaExceeded(
        "quota.over_quota_entry", institution=inst.name, quota_type=qt.name, total=total, used=used, requested=n,
        excess=rules.excess(total, used, n),
    )


def _occupy(groups: dict[tuple[int, int], list]) -> None:
    """More persons on allocations, in one UPDATE: ``groups`` maps (institution
    id, quota type id) to [institution, quota type, n]; each allocation moves by
    its own n, each never beyond its own approved number."""
    A = QuotaAllocation
    insts = {k[0] for k in groups}
    types = {k[1] for k in groups}
    ids = {(i, q): pk for i, q, pk in db.session.execute(
        select(A.institution_id, A.quota_type_id, A.id).where(A.institution_id.in_(insts), A.quota_type_id.in_(types))
    ).all() if (i, q) in groups}
    for key in sorted(groups):
        if key not in ids:  # no allocation at all: nothing approved to enter
            _refuse_entry(*groups[key])
    n_of = {ids[key]: groups[key][2] for key in groups}
    lock_in_order(A, [[A.id == pk] for pk in sorted(n_of)])  # parallel imports lock in one order
    delta = case(n_of, value=A.id)
    moved = dict(db.session.execute(
        update(A).where(A.id.in_(n_of), A.occupied + delta <= A.approved)
        .values(occupied=A.occupied + delta).returning(A.id, A.occupied)
        .execution_options(synchronize_session=False)
    ).all())
    for pk, occupied in moved.items():
        audit.record(db.session, "update", "QuotaAllocation", pk, before={"occupied": occupied - n_of[pk]},
                     after={"occupied": occupied})
    for key in sorted(groups):
        if ids[key] not in moved:
            _refuse_entry(*groups[key])


def _enter(entering: list[tuple[Person, Institution, QuotaType, Optional[Rank]]]) -> None:
    """Occupy the quotas (and leadership positions) of persons entering: one ID
    number in post each, then one counter move per allocation and per position,
    whose condition is the invariant for the whole group."""
    if not entering:
        return
    _check_unique_active([p for p, *_ in entering])
    allocations: dict[tuple[int, int], list] = {}
    leaders: dict[tuple[int, Optional[int], int], list] = {}
    for p, inst, qt, rank in entering:
        allocations.setdefault((inst.id, qt.id), [inst, qt, 0])[2] += 1
        if rank is not None and rank.is_leadership:
            leaders.setdefault((inst.id, p.division_id, rank.id), [p, rank, 0])[2] += 1
    _occupy(allocations)
    # Sorted keys: two parallel imports lock the leadership rows in the same order.
    for key in sorted(leaders, key=lambda k: (k[0], k[1] or 0, k[2])):
        take_leadership(*leaders[key])


def _vacate(institution_id: int, quota_type_id: int) -> None:
    move(QuotaAllocation, allocation_where(institution_id, quota_type_id), "occupied", -1)


def _occupancy(status, institution_id, quota_type_id, division_id, rank_id):
    """What an active person holds: (allocation key, leadership key or None)."""
    if status != "active":
        return None, None
    leadership = None
    if rank_id is not None:
        rank = db.session.get(Rank, rank_id)
        if rank is not None and rank.is_leadership:
            leadership = (institution_id, division_id, rank_id)
    return (institution_id, quota_type_id), leadership


# ---------------------------------------------------------------------------
# Use cases
# ---------------------------------------------------------------------------


def create_person(p: Person) -> Person:
    """入编 of one person: the group of one of ``create_persons``, written by the ORM."""
    entering = _admit(p)
    _enter([entering] if entering else [])
    db.session.add(p)
    db.session.flush()
    return p


def create_persons(persons: list[Person]) -> list[Person]:
    """``create_person`` for many persons at once (imports): the same rules, set-based.

    Each person is validated and admitted as by ``create_person``; then one
    SELECT finds ID numbers already in post, and each allocation (and leadership
    position) moves once by the number of persons entering it.  All or nothing:
    the first refusal raises, and the caller's transaction (or savepoint) is
    rolled back; to know which person broke a group's limit, call
    ``create_person`` one by one.
    """
    entering = [admitted for admitted in map(_admit, persons) if admitted]
    _enter(entering)
    _insert_persons(persons)
    return persons


def _insert_persons(persons: list[Person]) -> None:
    """One multi-row INSERT: the ORM's unit of work costs more than the rest of an import."""
    insert_many(persons)


def update_person(p: Person, **changes) -> Person:
    """Change the named fields of ``p`` (``UPDATABLE``) under every rule of entry.

    The counters move from the row's committed state, read under a row lock,
    to the state after ``changes``: a transfer vacates one allocation and
    occupies another, an exit vacates, a new leadership rank takes a position.
    """
    unknown = set(changes) - UPDATABLE
    if unknown:
        raise TypeError(f"update_person: not changeable here: {sorted(unknown)}")
    old = locked_state(p, HOLDING, derived=HOLDING)
    for key, value in changes.items():
        setattr(p, key, value)
    inst, qt, rank = _validate_person(p)
    old_alloc, old_lead = _occupancy(*(old[k] for k in HOLDING))
    new_alloc, new_lead = _occupancy(*(getattr(p, k) for k in HOLDING))

    # A transfer touches two rows of each counter table; two opposite transfers
    # at once would lock them in opposite orders.  Lock both up front, by id.
    if old_alloc and new_alloc and old_alloc != new_alloc:
        lock_in_order(QuotaAllocation, [allocation_where(*old_alloc), allocation_where(*new_alloc)])
    if old_lead and new_lead and old_lead != new_lead:
        lock_in_order(LeadershipQuota, [leadership_where(*old_lead), leadership_where(*new_lead)])

    if old_alloc and old_alloc != new_alloc:
        _vacate(*old_alloc)
    if old_lead and old_lead != new_lead:
        release_leadership(*old_lead)
    if new_alloc and new_alloc != old_alloc:
        _check_entry(inst, qt)
        _check_unique_active([p])
        _occupy({new_alloc: [inst, qt, 1]})
    if new_lead and new_lead != old_lead:
        take_leadership(p, rank)
    db.session.flush()
    return p


def exit_person(p: Person, *, exit_date: dt.date, exit_reason: str) -> Person:
    """出编: the person leaves the quota; its slot becomes vacant again."""
    return update_person(p, status="exited", exit_date=exit_date, exit_reason=exit_reason)


def delete_person(p: Person) -> None:
    row = locked_state(p, HOLDING)
    alloc, lead = _occupancy(*row.values())
    if alloc:
        _vacate(*alloc)
    if lead:
        release_leadership(*lead)
    db.session.delete(p)
    db.session.flush()
