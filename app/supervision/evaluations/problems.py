"""Problems found by an evaluation or an assessment become findings (发现问题与整改).

A failed indicator (a leaf scored below ``PASS_SCORE``) and a result in the
lowest grade (不合格) each open a finding through ``app.supervision.findings``,
idempotent on (source, key): finalising or grading again never makes a second
one.  Re-grading an assessment out of the lowest grade resolves its finding,
recorded as resolved by that assessment.  The rectification deadline is the
findings' default (working days, from the holiday calendar).
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import select

from app.extensions import db
from app.supervision.evaluations.models import Grade
from app.supervision.findings import services as findings
from app.supervision.findings.models import Finding

PASS_SCORE = 60  # a leaf indicator scored below this is a failed indicator


def lowest_grade_id() -> Optional[int]:
    """不合格: the grade with the lowest minimum score (the grades are data)."""
    return db.session.execute(select(Grade.id).order_by(Grade.min_score).limit(1)).scalar()


def report(kind: str, key: str, *, title: str, detail: str, institution_id: int, today: Optional[dt.date]) -> Finding:
    finding, _created = findings.open_finding(kind, key, title=title[:200], detail=detail, opened_by=key[:100],
                                              institution_id=institution_id, today=today)
    return finding


def clear(kind: str, key: str, *, note: str, today: Optional[dt.date]) -> None:
    finding = db.session.execute(select(Finding).where(Finding.source_kind == kind, Finding.source_key == key)
                                 ).scalar_one_or_none()
    if finding is not None:
        findings.resolve_finding(finding, resolved_by=key[:100], note=note, today=today)
