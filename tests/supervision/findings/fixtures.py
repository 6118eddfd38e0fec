"""Findings made through the real services, and a snapshot of what a refusal must not change."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from app.core.audit import AuditLog
from app.core.db import transaction
from app.extensions import db
from app.justification.cases.models import AdjustmentCase
from app.supervision.findings import services
from app.supervision.findings.models import Finding, FindingEvidence

DAY = dt.date(2026, 3, 2)


def new_finding(institution_id, key="k1", *, kind="inspection", title="超编 3 名", deadline=DAY + dt.timedelta(days=28),
                today=DAY) -> int:
    with transaction():
        finding, _ = services.open_finding(kind, key, title=title, detail="实有 13, 核定 10",
                                           institution_id=institution_id, opened_by="inspection:1",
                                           deadline=deadline, today=today)
        return finding.id


def get(fid) -> Finding:
    db.session.expire_all()
    return db.session.get(Finding, fid)


def snapshot():
    db.session.expire_all()
    return {
        "findings": sorted(db.session.execute(select(Finding.id, Finding.state, Finding.title, Finding.detail,
                                                     Finding.response, Finding.deadline, Finding.case_id)).all()),
        "evidence": db.session.execute(select(func.count(FindingEvidence.id))).scalar(),
        "cases": db.session.execute(select(func.count(AdjustmentCase.id))).scalar(),
        "audit": db.session.execute(select(func.count(AuditLog.id))).scalar(),
    }
