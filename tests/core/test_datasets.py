"""The dataset executor (app/core/datasets.py): one GROUP BY over whitelisted
expressions, dates bucketed on both databases, filters, sorting, limits, a second
dimension; anything outside the whitelist refused by name."""
from __future__ import annotations

import datetime as dt

import pytest

from app.core import datasets
from app.core.datasets import Filter, Query
from app.core.db import transaction
from app.core.errors import DomainError
from app.extensions import db
from app.quota.models import Person
from tests.factories import give_quota, new_institution, new_person


@pytest.fixture()
def people(app_ctx, ref):
    edu = new_institution(ref, "市教育局")
    fin = new_institution(ref, "市财政局", region="shinan")
    give_quota(edu, ref.admin_q, 5)
    give_quota(fin, ref.admin_q, 5)
    school = new_institution(ref, "市南区实验小学", region="shinan", category="pi")
    give_quota(school, ref.inst_q, 1)
    ids = [new_person(edu, ref.admin_q, name=f"甲{i}") for i in range(3)] + [new_person(fin, ref.admin_q, name="乙")]
    with transaction():
        for pid, day in zip(ids, (dt.date(2025, 1, 5), dt.date(2025, 2, 5), dt.date(2025, 4, 1), dt.date(2026, 1, 1))):
            db.session.get(Person, pid).entry_date = day
    return ref


def _run(**kw):
    return datasets.run(db.session, Query(**kw))


def test_dates_bucket_by_month_quarter_and_year(people):
    by = {b: {r["key"]: r["values"][0] for r in _run(dataset="persons", dimension="entry_date", bucket=b)}
          for b in ("month", "quarter", "year")}
    assert by["month"] == {"2025-01": 1, "2025-02": 1, "2025-04": 1, "2026-01": 1}
    assert by["quarter"] == {"2025-Q1": 2, "2025-Q2": 1, "2026-Q1": 1}
    assert by["year"] == {"2025": 3, "2026": 1}


def test_sum_avg_filters_sort_and_limit(people):
    rows = _run(dataset="allocations", dimension="region", measures=(("sum", "approved"), ("avg", "approved")))
    assert {r["label"]: r["values"] for r in rows} == {"青岛市": [5, 5], "市南区": [6, 3]}
    rows = _run(dataset="persons", dimension="region", sort="-value", limit=1)
    assert [(r["label"], r["values"]) for r in rows] == [("青岛市", [3])]
    rows = _run(dataset="persons", dimension="region", filters=(Filter("entry_date", ">=", "2025-03-01"),))
    assert {r["label"]: r["values"][0] for r in rows} == {"青岛市": 1, "市南区": 1}


def test_a_second_dimension_splits_the_series(people):
    rows = _run(dataset="persons", dimension="region", split="gender")
    assert {(r["label"], r["split"]) for r in rows} <= {("青岛市", "M"), ("青岛市", "F"), ("市南区", "M"), ("市南区", "F")}
    assert sum(r["values"][0] for r in rows) == 4


@pytest.mark.parametrize("query,key", [
    (dict(dataset="persons", dimension="id_number"), "dataset.unknown_dimension"),
    (dict(dataset="persons", dimension="region", measures=(("sum", "id_number"),)), "dataset.unknown_measure"),
    (dict(dataset="persons", dimension="region", measures=(("max", None),)), "dataset.unknown_aggregate"),
    (dict(dataset="persons", dimension="region", filters=(Filter("name", "=", "x"),)), "dataset.unknown_dimension"),
    (dict(dataset="persons", dimension="region", filters=(Filter("region", "LIKE", "x"),)),
     "dataset.unknown_operator"),
    (dict(dataset="audit_log", dimension="actor"), "dataset.unknown"),
])
def test_nothing_outside_the_whitelist_runs(people, query, key):
    with pytest.raises(DomainError) as err:
        _run(**query)
    assert err.value.key == key
