"""Reads of registration, in SQL aggregates scoped to the user: the monthly figures
(receipt-to-issue time, 即时办结率, share within 10 minutes), late or missing annual
reports, expiring certificates, and the public notices."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import and_, case, extract, func, select

from app.core import scoping
from app.execution.registration import rules
from app.execution.registration.models import Certificate, Registration
from app.extensions import db
from app.quota.models import Institution, InstitutionCategory

EXPIRING_DAYS = 90
LIST_LIMIT = 500  # rows shown on the page; the counts are complete


def _scoped(query, column):
    scope = scoping.current_scope()
    if scope is None:
        return query
    if scope.empty:
        return query.where(False)
    return query.where(column.in_(scoping.institution_ids_in(scope)))


def monthly(year: int) -> list[dict]:
    """Per month of issue: issued, same-day, within 10 minutes, mean and max minutes."""
    month = extract("month", Registration.issued_at)
    one = lambda cond: func.sum(case((cond, 1), else_=0))  # noqa: E731
    query = (select(month.label("month"), func.count(Registration.id).label("issued"),
                    one(Registration.same_day.is_(True)).label("same_day"),
                    one(Registration.turnaround_s <= rules.SAME_DAY_TARGET_S).label("within_10"),
                    func.avg(Registration.turnaround_s).label("avg_s"), func.max(Registration.turnaround_s)
                    .label("max_s"))
             .where(Registration.issued_at >= dt.datetime(year, 1, 1),
                    Registration.issued_at < dt.datetime(year + 1, 1, 1))
             .group_by(month).order_by(month))
    rows = db.session.execute(_scoped(query, Registration.institution_id)).all()
    return [{"month": int(r.month), "issued": r.issued, "same_day": int(r.same_day or 0),
             "within_10": int(r.within_10 or 0),
             "same_day_rate": (r.same_day or 0) / r.issued, "within_10_rate": (r.within_10 or 0) / r.issued,
             "avg_min": float(r.avg_s or 0) / 60, "max_min": float(r.max_s or 0) / 60} for r in rows]


def annual_report_base(year: int):
    """The registered public institutions due to report for ``year`` (unscoped), each
    with the time its report was filed (NULL: none); the report subquery and the
    first instant after the deadline.  Not due: a unit deregistered before the
    deadline, or established after the report year."""
    due_end = dt.datetime.combine(rules.report_deadline(year) + dt.timedelta(days=1), dt.time())
    deregistered = (select(Registration.id).where(
        Registration.institution_id == Institution.id, Registration.matter.in_(rules.CANCELLING_MATTERS),
        Registration.issued_at < due_end).exists())
    established_later = (select(Registration.id).where(
        Registration.institution_id == Institution.id, Registration.matter == "establish",
        Registration.issued_at >= dt.datetime(year + 1, 1, 1)).exists())
    report = (select(Registration.institution_id, Registration.applied_at)
              .where(Registration.report_year == year).subquery())
    base = (select(Institution.id, Institution.name, Institution.uscc, report.c.applied_at)
            .join(InstitutionCategory, InstitutionCategory.id == Institution.category_id)
            .outerjoin(report, report.c.institution_id == Institution.id)
            .where(InstitutionCategory.uscc_code == "2", Institution.uscc.is_not(None),
                   Institution.status == "active", ~deregistered, ~established_later))
    return base, report, due_end


def annual_report_status(year: int, today: Optional[dt.date] = None) -> dict:
    """Registered public institutions whose report for ``year`` is late (filed after
    31 March) or missing; empty lists before the window opens."""
    today = today or dt.date.today()
    deadline = rules.report_deadline(year)
    base, report, due_end = annual_report_base(year)
    base = _scoped(base, Institution.id)
    late_cond = report.c.applied_at >= due_end
    missing_cond = and_(report.c.applied_at.is_(None), today > deadline)

    def rows(cond):
        return db.session.execute(base.where(cond).order_by(Institution.name).limit(LIST_LIMIT)).all()

    def count(cond):
        return db.session.execute(select(func.count()).select_from(base.where(cond).subquery())).scalar()

    return {"year": year, "deadline": deadline, "late": rows(late_cond), "missing": rows(missing_cond),
            "late_count": count(late_cond), "missing_count": count(missing_cond),
            "filed_count": count(report.c.applied_at.is_not(None))}


def expiring_query(today: dt.date, days: int = EXPIRING_DAYS):
    """Valid certificates whose validity ends within ``days`` of ``today`` (or has ended), unscoped."""
    return (select(Certificate.id, Certificate.cert_no, Certificate.valid_to, Institution.name, Institution.id)
            .join(Institution, Institution.id == Certificate.institution_id)
            .where(Certificate.status == "valid", Certificate.valid_to <= today + dt.timedelta(days=days)))


def expiring_certificates(today: Optional[dt.date] = None, days: int = EXPIRING_DAYS) -> tuple[int, list]:
    today = today or dt.date.today()
    query = _scoped(expiring_query(today, days), Certificate.institution_id)
    total = db.session.execute(select(func.count()).select_from(query.subquery())).scalar()
    return total, db.session.execute(query.order_by(Certificate.valid_to).limit(LIST_LIMIT)).all()


def public_notices(q: str = "", page: int = 0, size: int = 50) -> tuple[int, list]:
    """Announced registrations, newest first; anonymous visitors read these."""
    query = (select(Registration.id, Registration.matter, Registration.announced_at, Registration.notice,
                    Institution.name)
             .join(Institution, Institution.id == Registration.institution_id)
             .where(Registration.step == "announced"))
    if q:
        query = query.where(Institution.name.contains(q, autoescape=True))
    total = db.session.execute(select(func.count()).select_from(query.subquery())).scalar()
    rows = db.session.execute(query.order_by(Registration.announced_at.desc(), Registration.id.desc())
                              .offset(page * size).limit(size)).all()
    return total, rows
