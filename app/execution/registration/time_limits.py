"""办结时限 (issue #14 §5): each matter's time limit in working days from 受理, kept as
data administrators edit (``RegistrationTimeLimit``), and each registration's due day.

The due day is computed once, when the registration is received (``advance`` to
受理), with the working-day calendar every deadline uses, and stored on the row,
so the overdue check is one SQL condition (``due_on < today``) over every open
registration.  A due day that runs into a year the calendar does not hold yet is
left pending and filled by the next verification run once the year is entered —
never a weekday guess, never a refused step.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import select

from app.core import checks
from app.core.errors import Conflict, ValidationFailed
from app.core.orm import check_choice
from app.core.workdays import CalendarYearMissing, add_working_days, fill_due_days
from app.execution.registration.models import MATTERS, Registration, RegistrationTimeLimit
from app.execution.registration.rules import MATTER_TEXT
from app.extensions import db
from app.quota.models import Institution

DONE_STEPS = ("issued", "announced")  # issued (or, for an annual report, announced): the clock stops


def _check(limit: RegistrationTimeLimit) -> None:
    check_choice(limit.matter, MATTERS, "登记事项 / matter")
    days = limit.working_days
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 365:
        raise ValidationFailed("registration.time_limit_range", days=days)
    clash = db.session.execute(select(RegistrationTimeLimit.id).where(
        RegistrationTimeLimit.matter == limit.matter, RegistrationTimeLimit.id != (limit.id or 0))).first()
    if clash:
        raise Conflict("registration.time_limit_duplicate", matter=limit.matter)


def save_time_limit(limit: RegistrationTimeLimit) -> RegistrationTimeLimit:
    """Create or change a matter's limit (registrations already received keep their due day)."""
    _check(limit)
    db.session.add(limit)
    db.session.flush()
    return limit


def due_on(matter: str, received_on: dt.date) -> Optional[dt.date]:
    """The due day of a matter received on ``received_on``; None without a limit or
    while the calendar lacks a year the count runs into."""
    days = db.session.execute(select(RegistrationTimeLimit.working_days)
                              .where(RegistrationTimeLimit.matter == matter)).scalar()
    if days is None:
        return None
    try:
        return add_working_days(received_on, days)
    except CalendarYearMissing:
        return None


def fill_pending(session) -> int:
    """Open registrations received without a due day (its year was missing) get it now."""
    rows = session.execute(
        select(Registration.id, Registration.accepted_at, RegistrationTimeLimit.working_days)
        .join(RegistrationTimeLimit, RegistrationTimeLimit.matter == Registration.matter)
        .where(Registration.due_on.is_(None), Registration.accepted_at.is_not(None),
               Registration.step.not_in(DONE_STEPS))).all()
    return fill_due_days(session, Registration, [(reg_id, at.date(), days) for reg_id, at, days in rows])


def overdue_registrations(session, params, today):
    """办理超期: a received registration not issued by its due day (one query); each a
    finding of its unit, resolved by the run after it is issued."""
    fill_pending(session)
    rows = session.execute(
        select(Registration.id, Registration.matter, Registration.due_on, Institution.id, Institution.name)
        .join(Institution, Institution.id == Registration.institution_id)
        .where(Registration.due_on < today, Registration.step.not_in(DONE_STEPS)).order_by(Registration.id))
    for reg_id, matter, due, inst_id, name in rows:
        yield checks.Problem(key=str(reg_id), institution_id=inst_id,
                             title=f"登记办理超期: {name} 登记 #{reg_id} 应于 {due.isoformat()} 前办结"[:200],
                             # MATTER_TEXT reads "设立 establishment": its Chinese word
                             detail=f"{name} 登记 #{reg_id} ({MATTER_TEXT.get(matter, matter).split()[0]}): "
                                    f"应于 {due.isoformat()} 前办结, 尚未发证")


RULE = checks.Rule(code="registration_overdue", name="登记办理超期", name_en="Overdue registrations",
                   check=overdue_registrations, cron="0 8 * * 1-5",
                   description="受理后超过该事项办结时限 (工作日) 仍未发证的登记事项")
