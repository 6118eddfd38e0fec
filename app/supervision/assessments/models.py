"""事业单位绩效考核 — public-institution performance assessment (SPEC §5, issue #14 §2).

A yearly plan is run by a professional committee (专业委员会); each institution
gets reviews (the committee's own, a cross review by a peer unit — 互评互审 —
and third-party spot checks) and then a grade from the grades of
``app.supervision.evaluations``.

The cap: among the institutions a supervising department (主管部门, the
institution's parent) has in one plan, the share graded 优秀 + 良好 (grades with
``is_top``) may not exceed what ``CapRule`` allows for that department's own
result — the grade of its 履职评估 in the same year, or the rule for "not
evaluated" (``department_grade_id`` NULL).  The table is data.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.model_base import Model
from app.justification.cases.models import AdjustmentCase
from app.quota.models import Institution
from app.supervision.evaluations.models import Grade

PLAN_STATUSES = ("open", "closed")
REVIEW_KINDS = ("committee", "cross_review", "third_party")  # 专业委员会评审 / 互评互审 / 第三方抽查
FOLLOW_UP_KINDS = ("staffing_increase", "staffing_decrease", "merge", "revoke")  # 增编 / 减编 / 合并 / 撤销


class CapRule(Model):
    """优良比例上限: the department's own result → the share of 优秀+良好 its institutions may get."""

    __tablename__ = "assessment_cap_rule"
    __table_args__ = (CheckConstraint("max_share >= 0 AND max_share <= 100", name="max_share"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # NULL: the rule for a department without a final evaluation that year.
    department_grade_id: Mapped[Optional[int]] = mapped_column(ForeignKey("evaluation_grade.id"), unique=True)
    department_grade: Mapped[Optional[Grade]] = relationship(lazy="joined")
    max_share: Mapped[int] = mapped_column(Integer)  # percent

    def __repr__(self) -> str:
        return f"{self.department_grade or '—'} → {self.max_share}%"


class AssessmentPlan(Model):
    """考核方案: one year's assessment, run by a professional committee."""

    __tablename__ = "assessment_plan"
    __table_args__ = (
        CheckConstraint(f"status IN {PLAN_STATUSES}", name="status"),
        CheckConstraint("year >= 2000 AND year <= 2100", name="year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    committee: Mapped[str] = mapped_column(String(200))  # 专业委员会
    third_party: Mapped[Optional[str]] = mapped_column(String(200))  # 第三方机构
    status: Mapped[str] = mapped_column(String(20), default="open")

    def __repr__(self) -> str:
        return self.name


class InstitutionAssessment(Model):
    """One institution's assessment in a plan; the grade is capped per supervising department."""

    __tablename__ = "institution_assessment"
    __table_args__ = (UniqueConstraint("plan_id", "institution_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("assessment_plan.id", ondelete="CASCADE"), index=True)
    plan: Mapped[AssessmentPlan] = relationship(lazy="joined")
    institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id"), index=True)
    institution: Mapped[Institution] = relationship(lazy="joined", foreign_keys=[institution_id])
    # 主管部门: the institution's parent when the assessment was filed (set by the service).
    supervisor_id: Mapped[int] = mapped_column(ForeignKey("institution.id"), index=True)
    supervisor: Mapped[Institution] = relationship(lazy="joined", foreign_keys=[supervisor_id])
    self_score: Mapped[Optional[int]] = mapped_column(Integer)
    grade_id: Mapped[Optional[int]] = mapped_column(ForeignKey("evaluation_grade.id"), index=True)
    grade: Mapped[Optional[Grade]] = relationship(lazy="joined")
    graded_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    opinion: Mapped[Optional[str]] = mapped_column(Text)
    # The adjustment case this result opened (once).
    follow_up_case_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("adjustment_case.id", ondelete="SET NULL"), unique=True)
    follow_up_case: Mapped[Optional[AdjustmentCase]] = relationship()

    def __repr__(self) -> str:
        return f"{self.plan.year if self.plan else ''} {self.institution}"


class AssessmentReview(Model):
    """A review of an assessment: the committee's, a peer unit's cross review, or a third-party spot check."""

    __tablename__ = "assessment_review"
    __table_args__ = (
        CheckConstraint(f"kind IN {REVIEW_KINDS}", name="kind"),
        CheckConstraint("score >= 0 AND score <= 100", name="score"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("institution_assessment.id", ondelete="CASCADE"),
                                               index=True)
    assessment: Mapped[InstitutionAssessment] = relationship(lazy="joined")
    kind: Mapped[str] = mapped_column(String(20))
    reviewer: Mapped[str] = mapped_column(String(200))
    # 互评互审: the peer unit that reviews (never the assessed institution itself).
    reviewer_institution_id: Mapped[Optional[int]] = mapped_column(ForeignKey("institution.id"), index=True)
    reviewer_institution: Mapped[Optional[Institution]] = relationship()
    score: Mapped[int] = mapped_column(Integer)
    opinion: Mapped[Optional[str]] = mapped_column(Text)
    reviewed_on: Mapped[dt.date] = mapped_column(Date)

    def __repr__(self) -> str:
        return f"{self.kind} {self.reviewer}"
