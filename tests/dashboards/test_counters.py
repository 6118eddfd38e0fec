"""Counts of persons grouped by region and quota type are answered from the
quota core's ``occupied`` counters (plus the exited persons), and must equal a
recount of the person rows: for every user's scope, after entries, exits and
transfers made through the services, with and without filters."""
from __future__ import annotations

import collections
import datetime as dt

import pytest
from flask import g
from flask_login import login_user
from sqlalchemy import select

from app.core import datasets, scoping
from app.core.datasets import Filter, Query
from app.core.db import transaction
from app.extensions import db
from app.quota import services
from app.quota.models import Institution, Person
from tests.factories import new_person


def _user(name):
    from flask_appbuilder.security.sqla.models import User

    return db.session.query(User).filter_by(username=name).one()


def recount(query: Query) -> dict:
    """The oracle: every person row the scope reaches, grouped here, one by one."""
    regions = dict(db.session.execute(select(Institution.id, Institution.region_id)).all())
    counts = collections.Counter()
    for person in db.session.scalars(scoping.apply(Person, select(Person))):
        cell = {"region": regions[person.institution_id], "quota_type": person.quota_type_id,
                "status": person.status}
        if all(str(cell[f.column]) == f.value for f in query.filters):
            counts[(cell[query.dimension],) + ((cell[query.split],) if query.split else ())] += 1
    return dict(counts)


def answered(query: Query) -> dict:
    out = {}
    for row in datasets.run(db.session, query):
        out[(row["key"],) + ((row["split"],) if query.split else ())] = row["values"][0]
    return out


@pytest.fixture()
def moved(app, world):
    """More persons, one exited and one transferred, all through the person services."""
    ref = world["ref"]
    extra = [new_person(world["edu"], ref.admin_q, name=f"李{i}") for i in range(3)]
    new_person(world["school"], ref.inst_q, name="孙老师")
    with transaction():
        services.exit_person(db.session.get(Person, extra[0]), exit_date=dt.date.today(), exit_reason="retired")
    with transaction():
        person = db.session.get(Person, extra[1])
        services.update_person(person, institution_id=world["fin"])
    db.session.expire_all()
    return world


def _queries(ref):
    return [
        Query("persons", "region", split="quota_type"),
        Query("persons", "quota_type", split="region"),
        Query("persons", "quota_type"),
        Query("persons", "region"),
        Query("persons", "region", split="quota_type", filters=(Filter("status", "=", "active"),)),
        Query("persons", "quota_type", filters=(Filter("region", "=", str(ref.city)),)),
        Query("persons", "region", filters=(Filter("quota_type", "=", str(ref.admin_q)),)),
    ]


def test_the_counters_answer_exactly_what_a_recount_finds(app, moved):
    ref = moved["ref"]
    dataset = datasets.get("persons")
    assert db.session.scalar(select(db.func.count(Person.id)).where(Person.status == "exited")) == 1
    for query in _queries(ref):
        assert datasets._counter_for(dataset, query) is not None, query  # the counters answer it
        assert answered(query) == recount(query), query
    everyone = answered(Query("persons", "quota_type"))
    assert everyone == {(ref.admin_q,): 4, (ref.inst_q,): 2}  # the exited one is still a person row
    active = answered(Query("persons", "quota_type", filters=(Filter("status", "=", "active"),)))
    assert active == {(ref.admin_q,): 3, (ref.inst_q,): 2}
    # what the counters cannot say is counted row by row, and agrees too
    other = Query("persons", "quota_type", filters=(Filter("status", "=", "exited"),))
    assert datasets._counter_for(dataset, other) is None
    assert answered(other) == recount(other) == {(ref.admin_q,): 1}


def test_the_counters_keep_to_the_department_scope(app, moved):
    ref = moved["ref"]
    with app.test_request_context():
        g.user = _user("dept")
        login_user(g.user)
        scope = scoping.current_scope()
        assert scope is not None and scope.institution_id == ref_edu(moved)
        for query in _queries(ref):
            assert answered(query) == recount(query), query
        # 市财政局 (赵会计 and the transferred 李1) lies outside 市教育局's subtree
        assert answered(Query("persons", "quota_type")) == {(ref.admin_q,): 2, (ref.inst_q,): 2}
        assert answered(Query("persons", "quota_type", filters=(Filter("status", "=", "active"),))) == \
            {(ref.admin_q,): 1, (ref.inst_q,): 2}


def ref_edu(world) -> int:
    return world["edu"]
