"""Leadership positions (领导职数): invariant 5, 不得超职数配备.

``approved`` is set by the office (or moved by an approved case); ``used``
counts the leaders in post and moves when a person with a leadership rank
enters, moves or leaves.
"""
from __future__ import annotations

from typing import Optional

from sqlalchemy import func, select

from app.core.counters import move
from app.core.errors import InvariantViolation, QuotaExceeded, ValidationFailed
from app.core.orm import require, sync_foreign_keys
from app.extensions import db
from app.quota import rules
from app.quota.models import Institution, InternalDivision, LeadershipQuota, Person, Rank

# ---------------------------------------------------------------------------
# Leadership quotas: invariant 5
# ---------------------------------------------------------------------------


def _leaders_in_post(institution_id: int, division_id: Optional[int], rank_id: int) -> int:
    return db.session.execute(
        select(func.count(Person.id)).where(
            Person.institution_id == institution_id,
            Person.division_id.is_(None) if division_id is None else Person.division_id == division_id,
            Person.rank_id == rank_id,
            Person.status == "active",
        )
    ).scalar_one()


def save_leadership_quota(lq: LeadershipQuota) -> LeadershipQuota:
    sync_foreign_keys(lq)
    inst = require(Institution, lq.institution_id, "机构 / institution")
    rank = require(Rank, lq.rank_id, "职级 / rank")
    holder = inst.name
    if lq.division_id is not None:
        division = require(InternalDivision, lq.division_id, "内设机构 / division")
        if division.institution_id != inst.id:
            raise ValidationFailed("write.required", field="内设机构 / division")
        holder = f"{inst.name} {division.name}"
    used = _leaders_in_post(inst.id, lq.division_id, rank.id)
    if lq.approved is None or lq.approved < used:
        raise InvariantViolation("quota.leadership_below_used", holder=holder, rank=rank.name, used=used,
                                 total=lq.approved)
    lq.used = used
    db.session.add(lq)
    db.session.flush()
    return lq


def adjust_leadership_quota(institution_id: int, division_id: Optional[int], rank_id: int,
                            delta: int) -> LeadershipQuota:
    """Move approved 领导职数 by ``delta`` (relative, so parallel approvals add up);
    never below the leaders in post."""
    where = leadership_where(institution_id, division_id, rank_id)
    lq = db.session.execute(select(LeadershipQuota).where(*where)).scalar_one_or_none()
    if lq is None:
        lq = save_leadership_quota(LeadershipQuota(institution_id=institution_id, division_id=division_id,
                                                   rank_id=rank_id, approved=0))
    if not move(LeadershipQuota, [LeadershipQuota.id == lq.id], "approved", delta,
                 also=(LeadershipQuota.approved + delta >= LeadershipQuota.used,)):
        db.session.refresh(lq)
        holder = db.session.get(Institution, institution_id).name
        if division_id is not None:
            holder = f"{holder} {db.session.get(InternalDivision, division_id).name}"
        raise InvariantViolation("quota.leadership_below_used", holder=holder, rank=db.session.get(Rank, rank_id).name,
                                 used=lq.used, total=lq.approved + delta)
    db.session.refresh(lq)
    return lq


def delete_leadership_quota(lq: LeadershipQuota) -> None:
    lq.approved = 0
    save_leadership_quota(lq)  # refuses while leaders are in post
    db.session.delete(lq)
    db.session.flush()


def leadership_where(institution_id: int, division_id: Optional[int], rank_id: int) -> list:
    return [
        LeadershipQuota.institution_id == institution_id,
        LeadershipQuota.rank_id == rank_id,
        LeadershipQuota.division_id.is_(None) if division_id is None else LeadershipQuota.division_id == division_id,
    ]


def take_leadership(person: Person, rank: Rank, n: int = 1) -> None:
    """``n`` more leaders of ``rank`` where ``person`` sits, within the approved positions."""
    cond = leadership_where(person.institution_id, person.division_id, rank.id)
    if move(LeadershipQuota, cond, "used", n, also=(LeadershipQuota.used + n <= LeadershipQuota.approved,)):
        return
    row = db.session.execute(select(LeadershipQuota.approved, LeadershipQuota.used).where(*cond)).first()
    total, used = (row.approved, row.used) if row else (0, 0)
    inst = db.session.get(Institution, person.institution_id)
    holder = inst.name
    if person.division_id:
        holder = f"{inst.name} {db.session.get(InternalDivision, person.division_id).name}"
    raise QuotaExceeded(
        "quota.leadership_exceeded", holder=holder, rank=rank.name, total=total, used=used, requested=n,
        excess=rules.excess(total, used, n),
    )


def release_leadership(institution_id: int, division_id: Optional[int], rank_id: int) -> None:
    move(LeadershipQuota, leadership_where(institution_id, division_id, rank_id), "used", -1)
