"""履职评估 — department performance evaluation (SPEC §5, issue #14 §1).

An indicator system (指标体系) is a tree of weighted indicators that
administrators edit while it is a draft; publishing it checks that the weights
under every node sum to 100 and freezes it.  A yearly plan samples departments
(reproducibly, from a recorded seed) and evaluates each on a published system:
one score per leaf indicator, a weighted total and a grade.

Grades (优秀 / 良好 / 合格 / 不合格) are data: each has the lowest total that
earns it and a flag for "counts toward the 优秀+良好 share" that the
public-institution assessment caps (``app.supervision.assessments``).
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Optional

from sqlalchemy import (Boolean, CheckConstraint, Date, DateTime, ForeignKey, Integer, Numeric, String, Text,
                        UniqueConstraint, func)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.model_base import Model
from app.quota.models import Institution

SYSTEM_STATUSES = ("draft", "published")
DATA_SOURCES = ("manual", "quota_use", "power_list")  # 人工评分 / 编制使用(计算) / 权责清单执行
EVALUATION_STATUSES = ("open", "final")


class Grade(Model):
    """等级: the grade a total earns (the highest ``min_score`` not above it)."""

    __tablename__ = "evaluation_grade"
    __table_args__ = (CheckConstraint("min_score >= 0 AND min_score <= 100", name="min_score"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    min_score: Mapped[int] = mapped_column(Integer, unique=True)
    is_top: Mapped[bool] = mapped_column(Boolean, default=False)  # counts toward the 优秀+良好 share

    def __repr__(self) -> str:
        return self.name


class IndicatorSystem(Model):
    """指标体系: a tree of indicators; edited as a draft, frozen once published."""

    __tablename__ = "indicator_system"
    __table_args__ = (CheckConstraint(f"status IN {SYSTEM_STATUSES}", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[Optional[str]] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    published_on: Mapped[Optional[dt.date]] = mapped_column(Date)

    def __repr__(self) -> str:
        return self.name


class Indicator(Model):
    """One indicator: its weight among its siblings (percent), how it is scored, where the data comes from."""

    __tablename__ = "evaluation_indicator"
    __table_args__ = (
        UniqueConstraint("system_id", "code"),
        CheckConstraint("weight > 0 AND weight <= 100", name="weight"),
        CheckConstraint(f"data_source IN {DATA_SOURCES}", name="data_source"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    system_id: Mapped[int] = mapped_column(ForeignKey("indicator_system.id", ondelete="CASCADE"), index=True)
    system: Mapped[IndicatorSystem] = relationship(lazy="joined")
    parent_id: Mapped[Optional[int]] = mapped_column(ForeignKey("evaluation_indicator.id"), index=True)
    parent: Mapped[Optional["Indicator"]] = relationship(remote_side=[id])
    code: Mapped[str] = mapped_column(String(30))
    name: Mapped[str] = mapped_column(String(200))
    weight: Mapped[int] = mapped_column(Integer)
    scoring_rule: Mapped[Optional[str]] = mapped_column(Text)
    data_source: Mapped[str] = mapped_column(String(20), default="manual")

    def __repr__(self) -> str:
        return f"{self.code} {self.name}"


class EvaluationPlan(Model):
    """年度履职评估计划: the departments sampled in a year, on one published system."""

    __tablename__ = "evaluation_plan"
    __table_args__ = (
        CheckConstraint("sample_size > 0 AND sample_size <= 100", name="sample_size"),
        CheckConstraint("year >= 2000 AND year <= 2100", name="year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    system_id: Mapped[int] = mapped_column(ForeignKey("indicator_system.id"), index=True)
    system: Mapped[IndicatorSystem] = relationship(lazy="joined")
    sample_size: Mapped[int] = mapped_column(Integer, default=3)
    # The draw's input, recorded before the draw: anyone can re-run it (rules.sample).
    seed: Mapped[Optional[str]] = mapped_column(String(64))
    sampled_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime)

    def __repr__(self) -> str:
        return self.name


class DepartmentEvaluation(Model):
    """One department's evaluation in a plan: a weighted total and a grade once final."""

    __tablename__ = "department_evaluation"
    __table_args__ = (
        UniqueConstraint("plan_id", "institution_id"),
        CheckConstraint(f"status IN {EVALUATION_STATUSES}", name="status"),
        CheckConstraint("(status = 'final' AND total IS NOT NULL AND grade_id IS NOT NULL) OR "
                        "(status = 'open' AND total IS NULL AND grade_id IS NULL)", name="final_consistent"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("evaluation_plan.id", ondelete="CASCADE"), index=True)
    plan: Mapped[EvaluationPlan] = relationship(lazy="joined")
    institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id"), index=True)
    institution: Mapped[Institution] = relationship(lazy="joined")
    status: Mapped[str] = mapped_column(String(20), default="open")
    total: Mapped[Optional[Decimal]] = mapped_column(Numeric(5, 2))
    grade_id: Mapped[Optional[int]] = mapped_column(ForeignKey("evaluation_grade.id"), index=True)
    grade: Mapped[Optional[Grade]] = relationship(lazy="joined")
    finalized_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    conclusion: Mapped[Optional[str]] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())

    def __repr__(self) -> str:
        return f"{self.plan.year if self.plan else ''} {self.institution}"


class IndicatorScore(Model):
    """The score (0–100) of one leaf indicator in one evaluation."""

    __tablename__ = "indicator_score"
    __table_args__ = (
        UniqueConstraint("evaluation_id", "indicator_id"),
        CheckConstraint("score >= 0 AND score <= 100", name="score"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("department_evaluation.id", ondelete="CASCADE"),
                                               index=True)
    evaluation: Mapped[DepartmentEvaluation] = relationship(lazy="joined")
    indicator_id: Mapped[int] = mapped_column(ForeignKey("evaluation_indicator.id"), index=True)
    indicator: Mapped[Indicator] = relationship(lazy="joined")
    score: Mapped[int] = mapped_column(Integer)
    note: Mapped[Optional[str]] = mapped_column(Text)

    def __repr__(self) -> str:
        return f"{self.indicator}: {self.score}"
