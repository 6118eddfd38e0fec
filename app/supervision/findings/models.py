"""发现问题与整改 — findings and their rectification (issue #14 §4).

A finding is one problem found by a check, an evaluation, a spot check or a
verification run.  It is keyed by where it came from, ``(source_kind,
source_key)`` (unique), so the source that finds the same problem twice finds
the same row.  States: 待整改 open → 整改中 rectifying → 已整改 rectified /
已核销 written_off (``TRANSITIONS``); a run that no longer sees the problem
resolves it, and one that sees it again reopens a rectified one.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text, \
    UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.model_base import Model
from app.justification.cases.models import AdjustmentCase
from app.quota.models import Institution, Region

STATES = ("open", "rectifying", "rectified", "written_off")  # 待整改, 整改中, 已整改, 已核销
OPEN_STATES = ("open", "rectifying")
FINAL_STATES = ("rectified", "written_off")
TRANSITIONS = {"open": ("rectifying", "rectified", "written_off"), "rectifying": ("rectified", "written_off"),
               "rectified": (), "written_off": ()}
# Where a finding comes from; the supervision packages name themselves here.
SOURCE_KINDS = ("verification", "spot_check", "evaluation", "assessment", "inspection", "manual")


class Finding(Model):
    __tablename__ = "finding"
    __table_args__ = (
        UniqueConstraint("source_kind", "source_key", name="uq_finding_source"),
        CheckConstraint(f"state IN {STATES}", name="state"),
        CheckConstraint(f"source_kind IN {SOURCE_KINDS}", name="source_kind"),
        CheckConstraint("(state IN ('rectified', 'written_off')) = (closed_on IS NOT NULL)", name="closed_consistent"),
        CheckConstraint("deadline IS NULL OR deadline >= opened_on", name="deadline_after_open"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_kind: Mapped[str] = mapped_column(String(20))
    source_key: Mapped[str] = mapped_column(String(200))
    institution_id: Mapped[Optional[int]] = mapped_column(ForeignKey("institution.id"), index=True)
    institution: Mapped[Optional[Institution]] = relationship(lazy="joined")
    region_id: Mapped[Optional[int]] = mapped_column(ForeignKey("region.id"), index=True)
    region: Mapped[Optional[Region]] = relationship(lazy="joined")
    title: Mapped[str] = mapped_column(String(200))
    detail: Mapped[Optional[str]] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(20), default="open", index=True)
    opened_on: Mapped[dt.date] = mapped_column(Date)
    deadline: Mapped[Optional[dt.date]] = mapped_column(Date, index=True)
    # set by the overdue check (the scheduler's rule), cleared when the finding closes
    overdue_since: Mapped[Optional[dt.date]] = mapped_column(Date)
    response: Mapped[Optional[str]] = mapped_column(Text)  # 整改情况: the department's answer
    review_note: Mapped[Optional[str]] = mapped_column(Text)  # the office's confirmation or write-off reason
    closed_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    # "verification_run:12", "spot_check:3", "user:staff": what opened / resolved it
    opened_by: Mapped[str] = mapped_column(String(100))
    resolved_by: Mapped[Optional[str]] = mapped_column(String(100))
    reopened: Mapped[int] = mapped_column(Integer, default=0)
    case_id: Mapped[Optional[int]] = mapped_column(ForeignKey("adjustment_case.id", ondelete="SET NULL"), index=True)
    case: Mapped[Optional[AdjustmentCase]] = relationship()
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())

    def is_overdue(self, today: dt.date) -> bool:
        return self.state in OPEN_STATES and self.deadline is not None and self.deadline < today

    @property
    def overdue(self) -> bool:
        return self.is_overdue(dt.date.today())

    def __repr__(self) -> str:
        return f"#{self.id} {self.title}"


class FindingEvidence(Model):
    """整改佐证材料: a file the answering unit attaches; kept in the database."""

    __tablename__ = "finding_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("finding.id", ondelete="CASCADE"), index=True)
    finding: Mapped[Finding] = relationship()
    file_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_by: Mapped[str] = mapped_column(String(100))
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())

    def __repr__(self) -> str:
        return self.file_name
