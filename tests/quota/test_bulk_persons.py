"""``create_persons``: the rules of ``create_person`` for many persons at once
(the persons import), with the counters moved once per allocation."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.core.audit import AuditLog
from app.core.db import transaction
from app.core.errors import DomainError, QuotaExceeded, ValidationFailed
from app.extensions import db
from app.quota import services
from app.quota.models import LeadershipQuota, Person, QuotaAllocation
from tests.factories import give_quota, new_institution, new_person, set_leadership, valid_id_number
from tests.races import assert_chain_intact, race


def people(inst, qt, n, **kw):
    return [Person(name=f"批量{i}", id_number=valid_id_number(), institution_id=inst, quota_type_id=qt, **kw)
            for i in range(n)]


def state():
    db.session.expire_all()
    return (db.session.execute(select(func.count(Person.id))).scalar(),
            sorted(db.session.execute(select(QuotaAllocation.id, QuotaAllocation.occupied)).all()),
            sorted(db.session.execute(select(LeadershipQuota.id, LeadershipQuota.used)).all()),
            db.session.execute(select(func.count(AuditLog.id))).scalar())


def test_many_persons_enter_and_every_one_is_audited(ref):
    a, b = new_institution(ref, "甲局"), new_institution(ref, "乙局")
    give_quota(a, ref.admin_q, 5)
    give_quota(b, ref.admin_q, 5)
    audit_before = state()[3]
    with transaction():
        services.create_persons(people(a, ref.admin_q, 5) + people(b, ref.admin_q, 3))
    count, allocations, _, audits = state()
    assert count == 8 and [o for _, o in allocations] == [5, 3]
    created = db.session.execute(select(func.count(AuditLog.id)).where(AuditLog.object_type == "Person",
                                                                        AuditLog.action == "create")).scalar()
    assert created == 8 and audits > audit_before + 8  # the counter moves are audited too
    # keys drawn for the bulk INSERT (PostgreSQL: from the sequence) leave no clash for the next row
    assert new_person(b, ref.admin_q, name="单个") > max(p.id for p in db.session.execute(select(Person)).scalars()
                                                       if p.name != "单个")
    assert_chain_intact()


@pytest.mark.parametrize("case", ["over_quota", "duplicate_in_batch", "duplicate_in_post", "leadership", "bad_id"])
def test_one_refusal_refuses_all_and_changes_nothing(ref, case):
    a = new_institution(ref, "甲局")
    give_quota(a, ref.admin_q, 5)
    existing = valid_id_number()
    new_person(a, ref.admin_q, id_number=existing)
    set_leadership(a, ref.chief, 1)
    batch = people(a, ref.admin_q, 3)
    if case == "over_quota":
        batch += people(a, ref.admin_q, 2)  # 1 + 5 > 5
    elif case == "duplicate_in_batch":
        batch[2].id_number = batch[0].id_number
    elif case == "duplicate_in_post":
        batch[1].id_number = existing
    elif case == "leadership":
        batch[0].rank_id = batch[1].rank_id = ref.chief  # two chiefs, one position
    else:
        batch[1].id_number = "370202198001011230"
    before = state()
    with pytest.raises(DomainError) as err:
        with transaction():
            services.create_persons(batch)
    assert state() == before
    message = err.value.message("zh")
    if case == "over_quota":
        assert isinstance(err.value, QuotaExceeded) and "核定 5, 在编 1, 本次进人 5, 超出 1" in message
    elif case == "leadership":
        assert err.value.key == "quota.leadership_exceeded" and "本次" in message
    else:
        assert isinstance(err.value, ValidationFailed)


def test_parallel_batches_never_overshoot_an_allocation(app, ref):
    a = new_institution(ref, "甲局")
    give_quota(a, ref.admin_q, 10)
    qt = ref.admin_q

    def attempt(i):
        services.create_persons(people(a, qt, 3))

    granted, refused = race(app, attempt, attempts=16)
    assert (granted, refused) == (3, 13)  # 3 batches of 3 fit in 10
    db.session.expire_all()
    alloc = db.session.execute(select(QuotaAllocation).where(QuotaAllocation.institution_id == a)).scalar_one()
    assert alloc.occupied == 9 == db.session.execute(select(func.count(Person.id))).scalar()
    assert_chain_intact()
