"""Persons (实名制): entry, bulk entry (imports), update, exit, delete.

Invariants 4 (不得超编进人), 5 (不得超职数配备) and 6 (不得混用编制), and one
person in post per ID number.  An active person occupies one slot of its
allocation and, with a leadership rank, one leadership position.
"""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Optional

from sqlalchemy import bindparam, select, update
from sqlalchemy import inspect as sa_inspect

from app.core import audit, idnumber
from app.core.counters import lock_in_order, locked_state, move
from app.core.errors import QuotaExceeded, ValidationFailed
from app.core.orm import check_choice, insert_rows, require, sync_foreign_keys
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


# The values of a person row, as the bulk path (imports) passes them in plain dicts.
FIELDS = ("name", "id_number", "gender", "birth_date", "institution_id", "quota_type_id", "division_id", "post",
          "rank_id", "status", "entry_date", "exit_date", "exit_reason")


def person_rules(v: dict, known: Optional[dict] = None) -> tuple[Institution, QuotaType, Optional[Rank]]:
    """Every rule of a person's own values, on a plain row ``v`` (normalised in
    place: name trimmed, ID normalised, birth date, gender and status filled),
    then its references.  The one rule of the form, the API, the case moves
    (through ``_validate_person``) and the bulk path.  ``known`` holds the
    reference rows a bulk call loaded for its whole chunk, by (model, id)."""
    name = (v.get("name") or "").strip()
    if not name:
        raise ValidationFailed("write.required", field="姓名 / name")
    v["name"] = name
    v["id_number"], born, sex = idnumber.facts(v.get("id_number") or "")
    gender, birth_date = v.get("gender"), v.get("birth_date")
    if gender is not None:
        check_choice(gender, GENDERS, "性别 / gender")
    # Given or derived, birth date and gender are the ID's: a contradiction is refused, never stored.
    contradiction = rules.id_contradiction(born, sex, birth_date, gender)
    if contradiction:
        raise ValidationFailed(contradiction[0], person=name, id_number=idnumber.mask(v["id_number"]),
                               given=contradiction[1], expected=contradiction[2])
    v["birth_date"] = birth_date or born
    v["gender"] = gender or sex
    status = v["status"] = v.get("status") or "active"
    check_choice(status, PERSON_STATUSES, "状态 / status")
    exit_date, exit_reason, entry_date = v.get("exit_date"), v.get("exit_reason"), v.get("entry_date")
    if exit_reason is not None:
        check_choice(exit_reason, EXIT_REASONS, "出编原因 / exit reason")
    if status == "active" and (exit_date or exit_reason):
        raise ValidationFailed("person.exit_fields_when_active", person=name)
    if status == "exited" and not (exit_date and exit_reason):
        raise ValidationFailed("person.exit_reason_required", person=name)
    if exit_date and entry_date and exit_date < entry_date:
        raise ValidationFailed("person.dates_order", person=name, entry=entry_date, exit=exit_date)
    return _references(v, known or {})


def _references(v: dict, known: dict) -> tuple[Institution, QuotaType, Optional[Rank]]:
    def row(model, pk, field):
        return known.get((model, pk)) or require(model, pk, field)

    inst = row(Institution, v.get("institution_id"), "机构 / institution")
    qt = row(QuotaType, v.get("quota_type_id"), "编制类型 / quota type")
    rank = row(Rank, v["rank_id"], "职级 / rank") if v.get("rank_id") else None
    if v.get("division_id") is not None:
        division = row(InternalDivision, v["division_id"], "内设机构 / division")
        if division.institution_id != inst.id:
            raise ValidationFailed("write.required", field="内设机构 / division")
    return inst, qt, rank


def _load_references(rows: list[dict]) -> dict:
    """The reference rows of a chunk, one query per table: (model, id) -> row."""
    known: dict = {}
    session = db.session
    for model, key in ((Institution, "institution_id"), (QuotaType, "quota_type_id"), (Rank, "rank_id"),
                       (InternalDivision, "division_id")):
        missing = set()
        for pk in {row.get(key) for row in rows} - {None}:
            # Rows this transaction has loaded already (an import's units, chunk after chunk) are current.
            obj = session.identity_map.get(session.identity_key(model, pk))
            if obj is not None and not sa_inspect(obj).expired:
                known[(model, pk)] = obj
            else:
                missing.add(pk)
        if missing:
            known.update(((model, obj.id), obj) for obj in
                         session.execute(select(model).where(model.id.in_(missing))).unique().scalars())
    return known


def _validate_person(p: Person) -> tuple[Institution, QuotaType, Optional[Rank]]:
    """``person_rules`` on an ORM person: its normalised values are written back."""
    sync_foreign_keys(p)
    values = _values(p)
    refs = person_rules(values)
    _write_back(p, values)
    return refs


def _check_entry(inst: Institution, qt: QuotaType) -> None:
    """A person enters only a living institution, on a quota type its category may hold."""
    if inst.status not in LIVE_STATUSES:
        raise ValidationFailed("person.institution_revoked", institution=inst.name, status=inst.status)
    check_quota_type_allowed(inst, qt)


def _admit(v: dict, known: Optional[dict] = None, checked: Optional[set] = None):
    """Validate a new person row; for one entering the quota (在编), check the rules
    of entry and return what it will occupy (None for a person recorded as exited).
    ``checked``: the (institution, quota type) pairs a bulk call has already checked."""
    inst, qt, rank = person_rules(v, known)
    if v["status"] != "active":
        return None
    v["entry_date"] = v.get("entry_date") or dt.date.today()
    if checked is None or (inst.id, qt.id) not in checked:
        _check_entry(inst, qt)
        if checked is not None:
            checked.add((inst.id, qt.id))
    return v, inst, qt, rank


def _check_unique_active(persons: list[tuple[str, Optional[int], int]]) -> None:
    """No ID number twice in post: not among ``persons`` ((ID number, own id or
    None, institution id), all entering), not against the database (where a
    person being edited does not clash with itself)."""
    seen: dict[str, tuple[Optional[int], int]] = {}
    for number, own, institution_id in persons:
        if number in seen:
            raise ValidationFailed("person.duplicate_active", id_number=idnumber.mask(number),
                                   institution=db.session.get(Institution, seen[number][1]).name)
        seen[number] = (own, institution_id)
    numbers = list(seen)
    for start in range(0, len(numbers), 500):
        # By ID number only, the status filtered here: with a status condition
        # PostgreSQL (no statistics yet for the rows an import has just written)
        # walked every active person through the status index for each chunk.
        clash = next((row for row in db.session.execute(
            select(Person.id_number, Person.institution_id, Person.status, Person.id)
            .where(Person.id_number.in_(numbers[start:start + 500]))
        ) if row.status == "active" and row.id != seen[row.id_number][0]), None)
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
    lock_in_order(A, [[A.id.in_(n_of)]])  # in id order: parallel imports lock in one order
    # One UPDATE per distinct n (a chunk's allocations mostly take the same few):
    # a statement SQLAlchemy compiles once, where a CASE of every id was compiled per chunk.
    by_n: dict[int, list[int]] = {}
    for pk, n in n_of.items():
        by_n.setdefault(n, []).append(pk)
    moved = {}
    for n, pks in sorted(by_n.items()):
        moved.update(db.session.execute(
            update(A).where(A.id.in_(pks), A.occupied + bindparam("n") <= A.approved)
            .values(occupied=A.occupied + bindparam("n")).returning(A.id, A.occupied)
            .execution_options(synchronize_session=False), {"n": n}
        ).all())
    for pk, occupied in moved.items():
        audit.record(db.session, "update", "QuotaAllocation", pk, before={"occupied": occupied - n_of[pk]},
                     after={"occupied": occupied})
    for key in sorted(groups):
        if ids[key] not in moved:
            _refuse_entry(*groups[key])


def _enter(entering: list[tuple[dict, Institution, QuotaType, Optional[Rank]]]) -> None:
    """Occupy the quotas (and leadership positions) of person rows entering: one
    ID number in post each, then one counter move per allocation and per
    position, whose condition is the invariant for the whole group."""
    if not entering:
        return
    _check_unique_active([(v["id_number"], v.get("id"), inst.id) for v, inst, *_ in entering])
    allocations: dict[tuple[int, int], list] = {}
    leaders: dict[tuple[int, Optional[int], int], list] = {}
    for v, inst, qt, rank in entering:
        allocations.setdefault((inst.id, qt.id), [inst, qt, 0])[2] += 1
        if rank is not None and rank.is_leadership:
            place = SimpleNamespace(institution_id=inst.id, division_id=v.get("division_id"))
            leaders.setdefault((inst.id, place.division_id, rank.id), [place, rank, 0])[2] += 1
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
    """入编 of one person: the group of one of ``create_person_rows``, written by the ORM."""
    sync_foreign_keys(p)
    values = _values(p)
    entering = _admit(values)
    _write_back(p, values)
    _enter([entering] if entering else [])
    db.session.add(p)
    db.session.flush()
    return p


def create_persons(persons: list[Person]) -> list[Person]:
    """``create_person_rows`` for new ``Person`` objects, which get their ids and
    normalised values (they stay outside the session)."""
    rows = []
    for p in persons:
        sync_foreign_keys(p)
        rows.append(_values(p))
    for p, values, pk in zip(persons, rows, create_person_rows(rows)):
        _write_back(p, values)
        p.id = pk
    return persons


def create_person_rows(rows: list[dict]) -> list[int]:
    """``create_person`` for many person rows at once (imports): the same rules, set-based.

    ``rows`` are plain dicts of ``FIELDS`` (normalised in place).  Each row goes
    through ``person_rules`` with the chunk's reference rows loaded by one query
    per table; the rules of entry are checked once per (institution, quota
    type); then one SELECT finds ID numbers already in post, each allocation
    (and leadership position) moves once by the number of persons entering it,
    and one executemany inserts the rows.  All or nothing: the first refusal
    raises, and the caller's transaction (or savepoint) is rolled back; to know
    which person broke a group's limit, call ``create_person`` one by one.
    Returns the new ids in the rows' order.
    """
    known, checked = _load_references(rows), set()
    entering = [admitted for admitted in (_admit(v, known, checked) for v in rows) if admitted]
    _enter(entering)
    # One multi-row INSERT: the ORM's unit of work costs more than the rest of an import.
    return insert_rows(Person, rows)


def _values(p: Person) -> dict:
    return {key: getattr(p, key) for key in FIELDS}


def _write_back(p: Person, values: dict) -> None:
    for key, value in values.items():
        if getattr(p, key) != value:
            setattr(p, key, value)


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
        _check_unique_active([(p.id_number, p.id, p.institution_id)])
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
