"""用编进人 — staffing-use plans and entry filing (SPEC §4.2).

A plan line reserves hires on one allocation (institution × quota type); its
``filled`` counter moves when a batch enters (入库), never beyond ``planned``.
Every row carries its institution so one scoping predicate covers each table.
CHECK constraints are the backstop of the services' rules.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import Boolean, CheckConstraint, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.model_base import Model
from app.quota.models import Institution, Person, QuotaType

CHANNELS = ("exam", "recruitment", "military", "transfer", "selection", "policy", "talent")
APPLICANT_KINDS = ("graduate", "public", "officer", "civil_servant", "institution_staff", "policy", "talent")
PLAN_STATUSES = ("draft", "submitted", "approved", "rejected")
# Plans whose lines still hold their unfilled hires against the vacancy.
HOLDING_PLAN_STATUSES = ("draft", "submitted", "approved")
MEETING_STATUSES = ("scheduled", "decided")
# 公示 → 申请 → 审核 → 入库
BATCH_STEPS = ("publicity", "application", "review", "entered")


def _in(values) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


class ApplicationType(Model):
    """进人申请类型: who applies through which channel, and the documents it needs
    (one document name a line; administrators edit them)."""

    __tablename__ = "staffing_application_type"
    __table_args__ = (CheckConstraint(f"channel IN {_in(CHANNELS)}", name="channel"),
                      CheckConstraint(f"applicant_kind IN {_in(APPLICANT_KINDS)}", name="applicant_kind"))

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    applicant_kind: Mapped[str] = mapped_column(String(30))
    channel: Mapped[str] = mapped_column(String(30))
    required_documents: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    def document_names(self) -> list[str]:
        return [line.strip() for line in (self.required_documents or "").splitlines() if line.strip()]

    def __repr__(self) -> str:
        return self.name


class ReviewMeeting(Model):
    """用编进人计划月专题会议: takes the plans put on it to a decision (文号)."""

    __tablename__ = "staffing_review_meeting"
    __table_args__ = (CheckConstraint(f"status IN {_in(MEETING_STATUSES)}", name="status"),
                      CheckConstraint("status <> 'decided' OR (doc_no IS NOT NULL AND decided_on IS NOT NULL)",
                                      name="decided_has_doc_no"))

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), unique=True)
    held_on: Mapped[dt.date] = mapped_column(Date)
    doc_no: Mapped[Optional[str]] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20), default="scheduled")
    decided_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    minutes: Mapped[Optional[str]] = mapped_column(Text)

    def __repr__(self) -> str:
        return self.title


class StaffingPlan(Model):
    """年度用编计划 of one institution."""

    __tablename__ = "staffing_plan"
    __table_args__ = (CheckConstraint(f"status IN {_in(PLAN_STATUSES)}", name="status"),
                      CheckConstraint("year BETWEEN 2000 AND 2100", name="year_range"))

    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id"), index=True)
    institution: Mapped[Institution] = relationship(lazy="joined")
    year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    meeting_id: Mapped[Optional[int]] = mapped_column(ForeignKey("staffing_review_meeting.id"), index=True)
    meeting: Mapped[Optional[ReviewMeeting]] = relationship(lazy="joined")
    decision_doc_no: Mapped[Optional[str]] = mapped_column(String(100))
    note: Mapped[Optional[str]] = mapped_column(Text)
    lines: Mapped[list["StaffingPlanLine"]] = relationship(back_populates="plan", order_by="StaffingPlanLine.id")

    def __repr__(self) -> str:
        return self.title


class StaffingPlanLine(Model):
    """Planned hires on one quota type through one channel; ``filled`` by entered batches."""

    __tablename__ = "staffing_plan_line"
    __table_args__ = (
        UniqueConstraint("plan_id", "quota_type_id", "channel", name="uq_staffing_plan_line_key"),
        CheckConstraint(f"channel IN {_in(CHANNELS)}", name="channel"),
        CheckConstraint("planned > 0", name="planned_positive"),
        CheckConstraint("filled >= 0 AND filled <= planned", name="filled_within_planned"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("staffing_plan.id"), index=True)
    plan: Mapped[StaffingPlan] = relationship(back_populates="lines", lazy="joined")
    institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id"), index=True)
    institution: Mapped[Institution] = relationship(lazy="joined")
    quota_type_id: Mapped[int] = mapped_column(ForeignKey("quota_type.id"))
    quota_type: Mapped[QuotaType] = relationship(lazy="joined")
    channel: Mapped[str] = mapped_column(String(30))
    planned: Mapped[int] = mapped_column(Integer)
    filled: Mapped[int] = mapped_column(Integer, default=0)
    # "plan · quota type · channel", written by the service: what the type-ahead searches
    label: Mapped[str] = mapped_column(String(300), default="")

    def __repr__(self) -> str:
        return f"{self.label} × {self.planned}"


class EntryBatch(Model):
    """入编备案 of a batch of persons on one plan line: 公示 → 申请 → 审核 → 入库."""

    __tablename__ = "staffing_entry_batch"
    __table_args__ = (
        CheckConstraint(f"step IN {_in(BATCH_STEPS)}", name="step"),
        CheckConstraint("publicity_end >= publicity_start", name="publicity_order"),
        CheckConstraint("step <> 'entered' OR (certificate_no IS NOT NULL AND entered_on IS NOT NULL)",
                        name="entered_has_certificate"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    plan_line_id: Mapped[int] = mapped_column(ForeignKey("staffing_plan_line.id"), index=True)
    plan_line: Mapped[StaffingPlanLine] = relationship(lazy="joined")
    institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id"), index=True)
    institution: Mapped[Institution] = relationship(lazy="joined")
    application_type_id: Mapped[int] = mapped_column(ForeignKey("staffing_application_type.id"))
    application_type: Mapped[ApplicationType] = relationship(lazy="joined")
    step: Mapped[str] = mapped_column(String(20), default="publicity", index=True)
    publicity_start: Mapped[dt.date] = mapped_column(Date)
    publicity_end: Mapped[dt.date] = mapped_column(Date)
    documents: Mapped[Optional[str]] = mapped_column(Text)  # the documents submitted, one name a line
    entered_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    certificate_no: Mapped[Optional[str]] = mapped_column(String(40), unique=True)
    candidates: Mapped[list["EntryCandidate"]] = relationship(back_populates="batch", order_by="EntryCandidate.id")

    def __repr__(self) -> str:
        return self.title


class EntryCandidate(Model):
    """A person of a batch; ``person`` once the batch has entered."""

    __tablename__ = "staffing_entry_candidate"
    __table_args__ = (UniqueConstraint("batch_id", "id_number", name="uq_staffing_candidate_batch_id_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("staffing_entry_batch.id"), index=True)
    batch: Mapped[EntryBatch] = relationship(back_populates="candidates", lazy="joined")
    institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    id_number: Mapped[str] = mapped_column(String(18))
    post: Mapped[Optional[str]] = mapped_column(String(100))
    person_id: Mapped[Optional[int]] = mapped_column(ForeignKey("person.id"), unique=True)
    person: Mapped[Optional[Person]] = relationship(lazy="joined")

    def __repr__(self) -> str:
        return self.name


class ExitFiling(Model):
    """出编备案: a person leaves the quota (its slot becomes vacant); append-only."""

    __tablename__ = "staffing_exit_filing"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    person: Mapped[Person] = relationship(lazy="joined")
    institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id"), index=True)
    institution: Mapped[Institution] = relationship(lazy="joined")
    exit_date: Mapped[dt.date] = mapped_column(Date)
    exit_reason: Mapped[str] = mapped_column(String(20))
    doc_no: Mapped[Optional[str]] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())

    def __repr__(self) -> str:
        return f"{self.person} 出编"
