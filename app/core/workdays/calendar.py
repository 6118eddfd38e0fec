"""Working days from the holiday table: deadlines in working days (SPEC §5).

``add_working_days(start, n)`` is the day ``n`` working days after ``start``
(``start`` itself not counted: a notice served on a Friday with 1 working day
is due on the next working day).  ``working_days_between(a, b)`` counts the
working days after ``a`` up to and including ``b`` (negative when ``b`` is
before ``a``), so ``working_days_between(s, add_working_days(s, n)) == n``.

Each walk needs every year it touches to be in the table; a year that is not
raises ``CalendarYearMissing`` naming it — never a silent weekday count, which
would put a deadline on a day that turns out to be a holiday.  The rows of the
years a call needs are read once per call (one query), so a list of deadlines
costs one query per row at most, and the walk itself is in memory.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Optional

from sqlalchemy import extract, select, update

from app.core import audit
from app.core.errors import DomainError
from app.core.workdays.models import Holiday
from app.extensions import db

# A walk longer than this is a typo, not a deadline (about 40 years of working days).
MAX_WORKING_DAYS = 10_000
_ONE = dt.timedelta(days=1)


class CalendarYearMissing(DomainError):
    """A deadline runs into a year the holiday table does not hold yet."""


def years_held(session=None) -> set[int]:
    session = session or db.session
    year = extract("year", Holiday.day)
    return {int(y) for y in session.execute(select(year).distinct()).scalars()}


def missing_years(years: Iterable[int], session=None) -> list[int]:
    held = years_held(session)
    return sorted(set(years) - held)


class _Year:
    """The exceptions of the years one call needs, loaded in one query."""

    def __init__(self, first: int, last: int, session=None) -> None:
        session = session or db.session
        rows = session.execute(
            select(Holiday.day, Holiday.day_kind)
            .where(Holiday.day >= dt.date(first, 1, 1), Holiday.day <= dt.date(last, 12, 31))
        ).all()
        self.kinds = {day: kind for day, kind in rows}
        self.held = {day.year for day in self.kinds}

    def require(self, year: int) -> None:
        if year not in self.held:
            raise CalendarYearMissing("workdays.year_missing", year=year)

    def working(self, day: dt.date) -> bool:
        kind = self.kinds.get(day)
        if kind is not None:
            return kind == "work"
        return day.weekday() < 5


def _check_count(n: int) -> None:
    if not isinstance(n, int) or isinstance(n, bool) or not 0 <= n <= MAX_WORKING_DAYS:
        raise DomainError("workdays.bad_count", count=n, limit=MAX_WORKING_DAYS)


def is_working_day(day: dt.date, session=None) -> bool:
    year = _Year(day.year, day.year, session)
    year.require(day.year)
    return year.working(day)


def add_working_days(start: dt.date, n: int, session=None) -> dt.date:
    """The day ``n`` working days after ``start``; 0 gives ``start`` itself."""
    _check_count(n)
    if n == 0:
        return start
    # Enough years for any walk of n working days (≥ 200 working days a year).
    last_year = start.year + n // 200 + 1
    cal = _Year(start.year, last_year, session)
    day, left = start, n
    while left:
        day += _ONE
        cal.require(day.year)
        if cal.working(day):
            left -= 1
    return day


def working_days_between(a: dt.date, b: dt.date, session=None) -> int:
    """Working days in (a, b]; negative when ``b`` is before ``a``."""
    if b < a:
        return -working_days_between(b, a, session)
    if (b - a).days > MAX_WORKING_DAYS * 2:
        raise DomainError("workdays.bad_count", count=(b - a).days, limit=MAX_WORKING_DAYS)
    cal = _Year(a.year, b.year, session)
    if a == b:
        return 0
    for year in range((a + _ONE).year, b.year + 1):
        cal.require(year)
    count, day = 0, a
    while day < b:
        day += _ONE
        count += cal.working(day)
    return count


def years_wanted(today: Optional[dt.date] = None) -> list[int]:
    """The years the administrator should have entered by ``today``: this year,
    and from October on the next (the State Council publishes it in Oct–Dec)."""
    today = today or dt.date.today()
    wanted = [today.year]
    if today.month >= 10:
        wanted.append(today.year + 1)
    return wanted


def fill_due_days(session, model, rows, *, column: str = "due_on") -> int:
    """Deadlines left empty because their calendar year was missing, filled now if it
    has been entered since: ``rows`` are ``(id, start day, working days)`` of ``model``.
    Each fill is audited like any change; a year still missing leaves its row pending.
    The workflow's steps and the registrations both come here (a handful of rows at
    most, December's, so one walk each)."""
    filled = 0
    for row_id, start, days in rows:
        try:
            due = add_working_days(start, days, session)
        except CalendarYearMissing:
            continue
        session.execute(update(model).where(model.id == row_id).values({column: due}))
        audit.record(session, "update", model.__name__, row_id, before={column: None},
                     after={column: due.isoformat()})
        filled += 1
    return filled
