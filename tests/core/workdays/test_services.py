"""Writes to the holiday table: every refusal names the rule and changes nothing;
two requests adding one date at once give one row."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.core.db import transaction
from app.core.errors import DomainError
from app.core.workdays.models import Holiday
from app.core.workdays.services import create_holiday, load_from_package, update_holiday
from app.extensions import db
from tests.races import race

D = dt.date


def rows():
    return [tuple(r) for r in db.session.execute(
        select(Holiday.day, Holiday.day_kind, Holiday.name).order_by(Holiday.day))]


def add(day, kind="off", name="节日"):
    with transaction():
        return create_holiday(Holiday(day=day, day_kind=kind, name=name))


@pytest.mark.parametrize("day, kind, name, key", [
    (D(2027, 1, 1), "holiday", "元旦", "workdays.bad_kind"),
    (D(2027, 1, 1), "off", "  ", "workdays.name_required"),
    (D(2027, 2, 3), "work", "调休", "workdays.work_on_weekday"),  # a Wednesday
    (D(2026, 10, 1), "off", "国庆节", "workdays.duplicate_day"),
    ("2027-01-01", "off", "元旦", "workdays.bad_day"),
])
def test_refusals_name_the_rule_and_change_nothing(app_ctx, day, kind, name, key):
    add(D(2026, 10, 1), name="国庆节")
    before = rows()
    with pytest.raises(DomainError) as err:
        add(day, kind, name)
    assert err.value.key == key
    assert err.value.message("zh") and err.value.message("en")
    db.session.rollback()
    assert rows() == before


def test_update_checks_the_new_values(app_ctx):
    add(D(2026, 10, 1), name="国庆节")
    add(D(2026, 10, 2), name="国庆节")
    holiday = db.session.scalar(select(Holiday).where(Holiday.day == D(2026, 10, 2)))
    before = rows()
    with pytest.raises(DomainError) as err, transaction():
        update_holiday(holiday, day=D(2026, 10, 1))
    assert err.value.key == "workdays.duplicate_day"
    db.session.rollback()
    assert rows() == before
    holiday = db.session.scalar(select(Holiday).where(Holiday.day == D(2026, 10, 2)))
    with transaction():
        update_holiday(holiday, name="国庆节假期")
    assert (D(2026, 10, 2), "off", "国庆节假期") in rows()
    with pytest.raises(TypeError):
        update_holiday(holiday, id=5)


def test_load_from_package_is_idempotent_and_keeps_edits(app_ctx):
    with transaction():
        first = load_from_package({2026})
    assert first > 20
    holiday = db.session.scalar(select(Holiday).where(Holiday.day == D(2026, 10, 1)))
    with transaction():
        update_holiday(holiday, name="国庆节 (本地)")
    with transaction():
        assert load_from_package({2026}) == 0
    assert (D(2026, 10, 1), "off", "国庆节 (本地)") in rows()
    assert (D(2026, 2, 14), "work", "春节调休上班") in rows()


def test_one_date_added_at_once_by_many_gives_one_row(app_ctx):
    app = app_ctx
    def attempt(i):
        create_holiday(Holiday(day=D(2027, 1, 1), day_kind="off", name=f"元旦 {i}"))

    granted, refused = race(app, attempt)
    assert (granted, refused) == (1, 63)
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(Holiday)) == 1
