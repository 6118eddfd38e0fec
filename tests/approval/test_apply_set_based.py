"""A case's ledger deltas are applied set-based (issue #12 item 5) with exactly
the outcome of applying them one after another: the same balances step by
step, the same counter audit records, the same refusals in the same place —
including when only the order of the deltas makes one of them illegal."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.approval.apply import ApplyFailed
from app.core import audit
from app.core.audit import AuditLog
from app.extensions import db
from app.quota.models import QuotaLedgerEntry, RegionalCap
from tests.factories import give_quota, new_person
from tests.justification.cases.fixtures import approved, file_case, fire, snapshot, state, walk_to_office_meeting


def _delta(world, inst, amount):
    return {"kind": "ledger_delta", "institution_id": inst, "quota_type_id": world.ref.admin_q, "amount": amount}


def _counter_audit(after_id, object_type, column):
    rows = db.session.execute(select(AuditLog).where(
        AuditLog.id > after_id, AuditLog.object_type == object_type, AuditLog.action == "update")
        .order_by(AuditLog.id)).scalars()
    return [(row.object_id, json.loads(row.before)[column], json.loads(row.after)[column]) for row in rows]


def test_deltas_on_one_allocation_move_step_by_step(world):
    dept, foreign, qt = world.dept, world.foreign, world.ref.admin_q  # 10 each, city cap 20 of 40 used
    steps = [(dept, 3), (foreign, 2), (dept, -1), (dept, 2), (foreign, -2)]
    case_id = file_case(world, changes=[_delta(world, i, n) for i, n in steps], delta=0)
    walk_to_office_meeting(world, case_id)
    last_audit = db.session.execute(select(AuditLog.id).order_by(AuditLog.id.desc()).limit(1)).scalar()
    fire(world, case_id, "office_approve", "leader", doc_no="青编办〔2026〕9号")

    assert state(case_id) != "office_meeting"
    entries = db.session.execute(select(QuotaLedgerEntry).where(QuotaLedgerEntry.doc_no == "青编办〔2026〕9号")
                                 .order_by(QuotaLedgerEntry.id)).scalars().all()
    assert [(e.institution_id, e.delta, e.balance_after) for e in entries] == [
        (dept, 3, 13), (foreign, 2, 12), (dept, -1, 12), (dept, 2, 14), (foreign, -2, 10)]
    assert approved(dept, qt) == 14 and approved(foreign, qt) == 10
    assert db.session.get(RegionalCap, world.cap).used == 24
    # The counters' audit trail is the one-at-a-time trail: one record per delta and counter.
    assert [(b, a) for _, b, a in _counter_audit(last_audit, "RegionalCap", "used")] == [
        (20, 23), (23, 25), (25, 24), (24, 26), (26, 24)]
    allocation = [(b, a) for _, b, a in _counter_audit(last_audit, "QuotaAllocation", "approved")]
    assert allocation == [(10, 13), (10, 12), (13, 12), (12, 14), (12, 10)]
    created = db.session.execute(select(AuditLog.object_id).where(
        AuditLog.id > last_audit, AuditLog.object_type == "QuotaLedgerEntry", AuditLog.action == "create")).scalars()
    assert sorted(map(int, created)) == sorted(e.id for e in entries)
    assert audit.verify_chain(db.session) is None


def test_a_delta_refused_only_by_its_place_in_the_order_is_refused(world):
    """−2 then +2 on an allocation whose persons fill it: the net is 0, but the
    first step would leave persons without quota, so the case is refused at change 1."""
    dept, qt = world.dept, world.ref.admin_q
    for n in range(10):
        new_person(dept, qt, name=f"在编{n}")
    case_id = file_case(world, changes=[_delta(world, dept, -2), _delta(world, dept, 2)], delta=0)
    walk_to_office_meeting(world, case_id)
    before = snapshot(world)
    with pytest.raises(ApplyFailed) as err:
        fire(world, case_id, "office_approve", "leader", doc_no="X-3")
    assert "第 1 项变更" in err.value.message("zh") and "Change 1" in err.value.message("en")
    assert snapshot(world) == before
    assert state(case_id) == "office_meeting"


def test_the_cap_is_checked_at_every_step_not_on_the_net(world):
    """+5 then −5 on the city's 行政编制 (36 of 40 used): the net is 0, but the
    first step takes the city over its cap."""
    case_id = file_case(world, changes=[_delta(world, world.foreign, 5), _delta(world, world.foreign, -5)],
                        delta=0)
    walk_to_office_meeting(world, case_id)
    give_quota(world.foreign, world.ref.admin_q, 16)
    before = snapshot(world)
    with pytest.raises(ApplyFailed) as err:
        fire(world, case_id, "office_approve", "leader", doc_no="X-4")
    zh = err.value.message("zh")
    assert "第 1 项变更" in zh and "总量 40" in zh and "超出 1" in zh
    assert snapshot(world) == before
