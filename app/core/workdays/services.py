"""Writes to the holiday table, one use case each; every door (form, API, CLI,
seed) calls these inside ``app.core.db.transaction()``.

The rules: a known kind; a name; a date once (checked here for a clear
message, and by the unique index against two requests at once); a 班 day
(worked in exchange) falls on a Saturday or Sunday — on a weekday it would
change nothing and hide a typo.  A 休 day may fall on a weekend: the
arrangement lists its holidays whole.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.core.counters import locked_state
from app.core.errors import Conflict, ValidationFailed
from app.core.workdays.models import KINDS, Holiday
from app.extensions import db

UPDATABLE = frozenset({"day", "day_kind", "name"})


def _check_values(day, kind, name) -> None:
    if not isinstance(day, dt.date):
        raise ValidationFailed("workdays.bad_day", day=day)
    if kind not in KINDS:
        raise ValidationFailed("workdays.bad_kind", day=day.isoformat(), kind=kind)
    if not (name or "").strip():
        raise ValidationFailed("workdays.name_required", day=day.isoformat())
    if kind == "work" and day.weekday() < 5:
        raise ValidationFailed("workdays.work_on_weekday", day=day.isoformat())


def _check(day, kind, name, *, own_id=None) -> None:
    _check_values(day, kind, name)
    other = db.session.execute(select(Holiday.id).where(Holiday.day == day, Holiday.id != own_id)).first()
    if other is not None:
        raise ValidationFailed("workdays.duplicate_day", day=day.isoformat())


def _flush(day) -> None:
    # Two requests adding the same date at once: the unique index decides.
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:
        raise Conflict("workdays.duplicate_day", day=day.isoformat() if day else "") from None


def create_holiday(holiday: Holiday) -> Holiday:
    _check(holiday.day, holiday.day_kind, holiday.name)
    db.session.add(holiday)
    _flush(holiday.day)
    return holiday


def update_holiday(holiday: Holiday, **changes) -> Holiday:
    unknown = set(changes) - UPDATABLE
    if unknown:
        raise TypeError(f"update_holiday: not changeable here: {sorted(unknown)}")
    locked_state(holiday, ("day",))
    values = {key: changes.get(key, getattr(holiday, key)) for key in UPDATABLE}
    _check(values["day"], values["day_kind"], values["name"], own_id=holiday.id)
    for key, value in changes.items():
        setattr(holiday, key, value)
    _flush(holiday.day)
    return holiday


def delete_holiday(holiday: Holiday) -> None:
    db.session.delete(holiday)
    db.session.flush()


def load_from_package(years=None) -> int:
    """Add the rows the chinese-calendar package knows for ``years`` (all it
    knows when None) and that the table lacks; returns how many were added.
    Rows an administrator entered or changed are left as they are."""
    import chinese_calendar.constants as cc

    existing = set(db.session.execute(select(Holiday.day)).scalars())
    new = []
    for table, kind in ((cc.holidays, "off"), (cc.workdays, "work")):
        for day, english in sorted(table.items()):
            if (years is not None and day.year not in years) or day in existing:
                continue
            if kind == "work" and day.weekday() < 5:
                continue  # never in the package; the rule above would refuse it
            holiday = Holiday(day=day, day_kind=kind, name=_name(english, kind))
            _check_values(holiday.day, holiday.day_kind, holiday.name)  # the same rules, dates checked above
            new.append(holiday)
            existing.add(day)
    # One flush for some 900 rows: a row at a time made `flask demo` seconds slower.
    db.session.add_all(new)
    _flush(new[0].day if new else None)
    return len(new)


def _name(english: str, kind: str) -> str:
    """The Chinese name of a package entry (the package keys its days by English name)."""
    import chinese_calendar.constants as cc

    zh = next((h.chinese for h in cc.Holiday if h.value == english), english)
    return zh if kind == "off" else f"{zh}调休上班"
