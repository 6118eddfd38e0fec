"""Invariants under parallel requests: real threads, real database (SQLite file or
PostgreSQL), 16 threads making 64 attempts against 10 free slots."""
from __future__ import annotations

from sqlalchemy import func, select

from app.core.db import transaction
from app.core.errors import NotFound
from app.extensions import db
from app.quota import services
from app.quota.models import (
    Institution,
    InstitutionCap,
    LeadershipQuota,
    Person,
    QuotaAllocation,
    QuotaLedgerEntry,
    QuotaType,
    RegionalCap,
)
from tests.races import ATTEMPTS, FREE, assert_chain_intact, race
from tests.factories import (
    give_quota,
    new_institution,
    set_institution_cap,
    set_leadership,
    set_regional_cap,
    valid_id_number,
)

def test_regional_cap_race(app, ref):
    a = new_institution(ref, "甲局")
    b = new_institution(ref, "乙局")
    set_regional_cap(ref.city, ref.admin_q, 100)
    give_quota(a, ref.admin_q, 90)  # 10 slots left in the region

    def attempt(i):
        services.adjust_quota(db.session.get(Institution, b), db.session.get(QuotaType, ref.admin_q), 1)

    assert race(app, attempt) == (FREE, ATTEMPTS - FREE)
    db.session.expire_all()
    cap = db.session.execute(select(RegionalCap)).scalar_one()
    total = db.session.execute(select(func.sum(QuotaAllocation.approved))).scalar_one()
    assert (cap.used, total) == (100, 100)
    ledger = db.session.execute(select(func.sum(QuotaLedgerEntry.delta))).scalar_one()
    assert ledger == 100
    assert_chain_intact()


def test_allocation_race_for_persons(app, ref):
    a = new_institution(ref, "市教育局")
    give_quota(a, ref.admin_q, FREE)
    ids = [valid_id_number(seq=i) for i in range(ATTEMPTS)]

    def attempt(i):
        services.create_person(Person(name=f"人员{i}", id_number=ids[i], institution_id=a, quota_type_id=ref.admin_q))

    assert race(app, attempt) == (FREE, ATTEMPTS - FREE)
    db.session.expire_all()
    alloc = db.session.execute(select(QuotaAllocation)).scalar_one()
    active = db.session.execute(select(func.count(Person.id)).where(Person.status == "active")).scalar_one()
    assert (alloc.approved, alloc.occupied, active) == (FREE, FREE, FREE)
    assert_chain_intact()


def test_institution_cap_race(app, ref):
    for i in range(5):
        new_institution(ref, f"既有局{i}")
    set_institution_cap(ref.city, 5 + FREE)

    def attempt(i):
        services.create_institution(
            Institution(name=f"新设局{i}", category_id=ref.gov, region_id=ref.city, within_cap=True)
        )

    assert race(app, attempt) == (FREE, ATTEMPTS - FREE)
    db.session.expire_all()
    cap = db.session.execute(select(InstitutionCap)).scalar_one()
    live = services.count_capped_institutions(ref.city)
    assert (cap.used, live) == (5 + FREE, 5 + FREE)
    assert_chain_intact()


def test_leadership_race(app, ref):
    a = new_institution(ref, "市民政局")
    give_quota(a, ref.admin_q, ATTEMPTS)
    set_leadership(a, ref.deputy, FREE)
    ids = [valid_id_number(seq=i) for i in range(ATTEMPTS)]

    def attempt(i):
        services.create_person(Person(name=f"副职{i}", id_number=ids[i], institution_id=a,
                                      quota_type_id=ref.admin_q, rank_id=ref.deputy))

    assert race(app, attempt) == (FREE, ATTEMPTS - FREE)
    db.session.expire_all()
    lq = db.session.execute(select(LeadershipQuota)).scalar_one()
    alloc = db.session.execute(select(QuotaAllocation)).scalar_one()
    assert (lq.used, alloc.occupied) == (FREE, FREE)
    assert_chain_intact()


def test_opposite_transfers_do_not_deadlock(app, ref):
    """Persons moving A→B and B→A at the same time: all succeed, counts stay exact."""
    a = new_institution(ref, "甲局")
    b = new_institution(ref, "乙局")
    give_quota(a, ref.admin_q, 40)
    give_quota(b, ref.admin_q, 40)
    movers = []
    with app.app_context():
        for i in range(16):
            home = a if i % 2 == 0 else b
            with transaction():
                p = services.create_person(Person(name=f"调动{i}", id_number=valid_id_number(seq=i),
                                                  institution_id=home, quota_type_id=ref.admin_q))
                movers.append((p.id, b if home == a else a))
        db.session.remove()

    def attempt(i):
        pid, target = movers[i % 16]
        person = db.session.get(Person, pid)
        services.update_person(
            person, institution_id=target if person.institution_id != target else (a if target == b else b))

    granted, refused = race(app, attempt)
    assert (granted, refused) == (ATTEMPTS, 0)
    db.session.expire_all()
    occupied = dict(db.session.execute(select(QuotaAllocation.institution_id, QuotaAllocation.occupied)).all())
    actual = dict(db.session.execute(select(Person.institution_id, func.count(Person.id))
                                     .where(Person.status == "active").group_by(Person.institution_id)).all())
    assert occupied == actual and sum(occupied.values()) == 16
    assert_chain_intact()


def test_same_institution_revoked_by_many_at_once_frees_one_slot(app, ref):
    set_institution_cap(ref.city, 20)
    target = new_institution(ref, "待撤销局")
    for i in range(4):
        new_institution(ref, f"保留局{i}")

    def attempt(i):
        inst = db.session.get(Institution, target)
        services.update_institution(inst, status="revoked" if i % 2 == 0 else "active")

    granted, refused = race(app, attempt)
    assert granted == ATTEMPTS
    db.session.expire_all()
    cap = db.session.execute(select(InstitutionCap)).scalar_one()
    assert cap.used == services.count_capped_institutions(ref.city)
    assert_chain_intact()


def test_stale_copy_cannot_write_back_an_old_tree_path(app, ref):
    """A subtree moved by one request is not undone by another holding an old copy."""
    root = new_institution(ref, "根")
    child = new_institution(ref, "子", parent=root, within_cap=False)
    other = new_institution(ref, "新根")
    with app.app_context():
        stale = db.session.get(Institution, child)  # loaded before the move
        assert stale.path == f"/{root}/{child}/"
        db.session.expunge(stale)  # keep the old copy, release the (SQLite) write lock
        db.session.rollback()
        with app.app_context():  # another request moves the institution
            with transaction():
                inst = db.session.get(Institution, child)
                services.update_institution(inst, parent_id=other)
            db.session.remove()
        with transaction():  # the stale request goes on after the move committed
            db.session.add(stale)
            services.update_institution(stale, functions="只改职能")
        db.session.remove()
    db.session.expire_all()
    assert db.session.get(Institution, child).path == f"/{other}/{child}/"


def test_one_person_deleted_by_many_at_once_frees_one_slot(app, ref):
    a = new_institution(ref, "甲局")
    give_quota(a, ref.admin_q, 3)
    with app.app_context():
        with transaction():
            pid = services.create_person(Person(name="重复删除", id_number=valid_id_number(), institution_id=a,
                                                quota_type_id=ref.admin_q)).id
        db.session.remove()

    def attempt(i):
        person = db.session.get(Person, pid)
        if person is None:
            raise NotFound("write.not_found", object=pid)
        services.delete_person(person)

    assert race(app, attempt) == (1, ATTEMPTS - 1)
    db.session.expire_all()
    assert db.session.execute(select(QuotaAllocation.occupied)).scalar_one() == 0
    assert_chain_intact()
