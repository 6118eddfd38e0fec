"""动态调整 — effectiveness evaluations of applied cases (SPEC §3).

Scheduled by applying a case (``app.approval.apply``), filled in by the office,
and able to open a new case prefilled from them (``app.approval.evaluations``).
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.model_base import Model
from app.justification.cases.models import AdjustmentCase
from app.quota.models import Institution

EVALUATION_KINDS = ("establishment", "duties", "quota_use")  # 设立运行 / 职责履行 / 编制使用
EVALUATION_CONCLUSIONS = ("good", "adequate", "poor")
EVALUATION_RECOMMENDATIONS = ("keep", "adjust")


class CaseEvaluation(Model):
    """动态调整: a follow-up effectiveness evaluation of an applied case."""

    __tablename__ = "case_evaluation"
    __table_args__ = (
        CheckConstraint(f"kind IN {EVALUATION_KINDS}", name="kind"),
        CheckConstraint(f"conclusion IS NULL OR conclusion IN {EVALUATION_CONCLUSIONS}", name="conclusion"),
        CheckConstraint(f"recommendation IS NULL OR recommendation IN {EVALUATION_RECOMMENDATIONS}",
                        name="recommendation"),
        CheckConstraint("score IS NULL OR (score >= 0 AND score <= 100)", name="score"),
        UniqueConstraint("case_id", "institution_id", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("adjustment_case.id", ondelete="CASCADE"), index=True)
    case: Mapped[AdjustmentCase] = relationship(foreign_keys=[case_id])
    institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id"), index=True)
    institution: Mapped[Institution] = relationship()
    kind: Mapped[str] = mapped_column(String(20))
    due_on: Mapped[dt.date] = mapped_column(Date)
    evaluated_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    score: Mapped[Optional[int]] = mapped_column(Integer)
    conclusion: Mapped[Optional[str]] = mapped_column(String(20))
    findings: Mapped[Optional[str]] = mapped_column(Text)
    recommendation: Mapped[Optional[str]] = mapped_column(String(20))
    # 编制使用: the institution's approved / occupied when evaluated (filled by the service).
    approved_at_evaluation: Mapped[Optional[int]] = mapped_column(Integer)
    occupied_at_evaluation: Mapped[Optional[int]] = mapped_column(Integer)
    # The case this evaluation opened (one link, evaluation → case: no cycle between the tables).
    follow_up_case_id: Mapped[Optional[int]] = mapped_column(ForeignKey("adjustment_case.id", ondelete="SET NULL"),
                                                             unique=True)
    follow_up_case: Mapped[Optional[AdjustmentCase]] = relationship(foreign_keys=[follow_up_case_id])

    def __repr__(self) -> str:
        return f"{self.kind} {self.institution}"

