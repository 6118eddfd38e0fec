"""机构编制事项申请 — adjustment cases and what they propose (SPEC §2).

A case carries its reasons and assessments, a list of structured changes the
system can apply (``CaseChange``), a post decomposition for the quantitative
analysis (``CasePost``), attachments, and its place in a workflow
(``workflow_id``/``state_id``, moved only by ``app.workflow.engine``).
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from flask_appbuilder.security.sqla.models import User
from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.model_base import Model
from app.justification.hearings.models import Hearing
from app.office.models import TaskForce
from app.quota.models import Institution, InstitutionCategory, InternalDivision, QuotaType, Rank, Region
from app.workflow.models import Workflow, WorkflowState

CASE_TYPES = (
    "establish",  # 设立
    "revoke",  # 撤销
    "merge",  # 合并
    "rename",  # 更名
    "function_change",  # 职能调整
    "staffing_increase",  # 增编
    "staffing_decrease",  # 减编
    "leadership_change",  # 调整领导职数
    "division_change",  # 内设机构调整
    "three_determinations",  # 三定修订
)
APPLICANT_KINDS = ("district", "department", "unit")
CHANGE_KINDS = (
    "ledger_delta",  # 编制增减: institution × quota type ± amount
    "institution_create",
    "institution_revoke",
    "institution_merge",  # institution merged into target
    "institution_rename",
    "leadership_delta",  # 领导职数增减: institution (× division) × rank ± amount
    "division_create",  # 内设机构: new division
    "division_rename",
    "division_delete",
    "three_determinations",  # a new 三定 version
)

case_task_force = Table(
    "case_task_force",
    Model.metadata,
    Column("case_id", ForeignKey("adjustment_case.id", ondelete="CASCADE"), primary_key=True),
    Column("task_force_id", ForeignKey("task_force.id", ondelete="CASCADE"), primary_key=True),
)
case_hearing = Table(
    "case_hearing",
    Model.metadata,
    Column("case_id", ForeignKey("adjustment_case.id", ondelete="CASCADE"), primary_key=True),
    Column("hearing_id", ForeignKey("hearing.id", ondelete="CASCADE"), primary_key=True),
)


class AdjustmentCase(Model):
    __tablename__ = "adjustment_case"
    __table_args__ = (
        CheckConstraint(f"case_type IN {CASE_TYPES}", name="case_type"),
        CheckConstraint(f"applicant_kind IN {APPLICANT_KINDS}", name="applicant_kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[Optional[str]] = mapped_column(String(30), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    case_type: Mapped[str] = mapped_column(String(30))
    applicant_kind: Mapped[str] = mapped_column(String(20), default="department")
    # The unit that files (its subtree's department users see and act on the case).
    institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id"), index=True)
    institution: Mapped[Institution] = relationship(lazy="joined")
    reasons: Mapped[Optional[str]] = mapped_column(Text)
    necessity: Mapped[Optional[str]] = mapped_column(Text)  # 必要性
    reasonableness: Mapped[Optional[str]] = mapped_column(Text)  # 合理性
    feasibility: Mapped[Optional[str]] = mapped_column(Text)  # 可行性
    annual_hours_per_fte: Mapped[int] = mapped_column(Integer, default=1760)
    workflow_id: Mapped[int] = mapped_column(ForeignKey("workflow.id"), index=True)
    workflow: Mapped[Workflow] = relationship()
    state_id: Mapped[int] = mapped_column(ForeignKey("workflow_state.id"), index=True)
    state: Mapped[WorkflowState] = relationship(lazy="joined")
    created_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("ab_user.id", ondelete="SET NULL"))
    created_by: Mapped[Optional[User]] = relationship()
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now(), index=True)
    approval_doc_no: Mapped[Optional[str]] = mapped_column(String(100))
    approved_on: Mapped[Optional[dt.date]] = mapped_column(Date, index=True)
    applied_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime)
    changes = relationship("CaseChange", back_populates="case", order_by="CaseChange.seq",
                           cascade="all, delete-orphan")
    posts = relationship("CasePost", back_populates="case", order_by="CasePost.id", cascade="all, delete-orphan")
    task_forces = relationship(TaskForce, secondary=case_task_force)
    hearings = relationship(Hearing, secondary=case_hearing)

    @property
    def amount(self) -> int:
        """The size of the request: the sum of its ledger deltas' magnitudes."""
        return sum(abs(c.amount or 0) for c in self.changes if c.kind == "ledger_delta")

    def __repr__(self) -> str:
        return f"{self.number or '#' + str(self.id)} {self.title}"


class CaseChange(Model):
    """One structured change, applied by ``app.approval.apply`` on approval."""

    __tablename__ = "case_change"
    __table_args__ = (CheckConstraint(f"kind IN {CHANGE_KINDS}", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("adjustment_case.id", ondelete="CASCADE"), index=True)
    case: Mapped[AdjustmentCase] = relationship(back_populates="changes")
    seq: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(30))
    institution_id: Mapped[Optional[int]] = mapped_column(ForeignKey("institution.id"), index=True)
    institution: Mapped[Optional[Institution]] = relationship(foreign_keys=[institution_id])
    quota_type_id: Mapped[Optional[int]] = mapped_column(ForeignKey("quota_type.id"))
    quota_type: Mapped[Optional[QuotaType]] = relationship()
    amount: Mapped[Optional[int]] = mapped_column(Integer)
    rank_id: Mapped[Optional[int]] = mapped_column(ForeignKey("rank.id"))
    rank: Mapped[Optional[Rank]] = relationship()
    division_id: Mapped[Optional[int]] = mapped_column(ForeignKey("internal_division.id"))
    division: Mapped[Optional[InternalDivision]] = relationship()
    target_id: Mapped[Optional[int]] = mapped_column(ForeignKey("institution.id"))  # merge into
    target: Mapped[Optional[Institution]] = relationship(foreign_keys=[target_id])
    new_name: Mapped[Optional[str]] = mapped_column(String(200))
    category_id: Mapped[Optional[int]] = mapped_column(ForeignKey("institution_category.id"))
    category: Mapped[Optional[InstitutionCategory]] = relationship()
    region_id: Mapped[Optional[int]] = mapped_column(ForeignKey("region.id"))
    region: Mapped[Optional[Region]] = relationship()
    functions: Mapped[Optional[str]] = mapped_column(Text)  # 三定: 职能; new institution: functions
    divisions_text: Mapped[Optional[str]] = mapped_column(Text)  # 三定: 内设机构
    staffing_text: Mapped[Optional[str]] = mapped_column(Text)  # 三定: 编制
    note: Mapped[Optional[str]] = mapped_column(String(500))
    # What applying it produced (the new institution, division, ledger entry…), for the trail.
    result: Mapped[Optional[str]] = mapped_column(String(200))

    def __repr__(self) -> str:
        return f"{self.kind} {self.institution or self.new_name or ''} {self.amount or ''}".strip()


class CasePost(Model):
    """岗位分解: a post with its annual workload; FTE = hours / the case's hours per FTE."""

    __tablename__ = "case_post"
    __table_args__ = (
        CheckConstraint("annual_hours >= 0", name="hours_nonneg"),
        CheckConstraint("headcount_requested >= 0", name="requested_nonneg"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("adjustment_case.id", ondelete="CASCADE"), index=True)
    case: Mapped[AdjustmentCase] = relationship(back_populates="posts")
    name: Mapped[str] = mapped_column(String(100))
    tasks: Mapped[Optional[str]] = mapped_column(Text)
    annual_hours: Mapped[int] = mapped_column(Integer)
    headcount_requested: Mapped[int] = mapped_column(Integer, default=0)


class CaseAttachment(Model):
    __tablename__ = "case_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("adjustment_case.id", ondelete="CASCADE"), index=True)
    case: Mapped[AdjustmentCase] = relationship()
    file_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_by: Mapped[str] = mapped_column(String(100))
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
