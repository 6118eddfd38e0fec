"""定时核查 — scheduled verification (issue #14 §6): each rule's parameters and
schedule (data, editable), each run's record, and the scheduler's lock row.

``VerificationRun`` is unique on (rule, period): whatever the schedulers do,
one period of one rule runs once.  ``SchedulerLock`` is the one row the
scheduler processes compete for (a lease renewed by heartbeat), on SQLite and
PostgreSQL alike.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.model_base import Model

RUN_STATUSES = ("running", "ok", "failed")
TRIGGERS = ("schedule", "manual")


class VerificationRule(Model):
    __tablename__ = "verification_rule"
    __table_args__ = (CheckConstraint("deadline_days >= 0", name="deadline_days_nonneg"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(50), unique=True)  # the registry's key (app.core.checks)
    name: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[Optional[str]] = mapped_column(String(100))
    description: Mapped[Optional[str]] = mapped_column(Text)
    params: Mapped[str] = mapped_column(Text, default="{}")  # a JSON object of integers
    cron: Mapped[str] = mapped_column(String(100))  # [second] minute hour day month weekday
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    deadline_days: Mapped[int] = mapped_column(Integer, default=20)  # working days to rectify a finding

    def __repr__(self) -> str:
        return self.name


class VerificationRun(Model):
    __tablename__ = "verification_run"
    __table_args__ = (
        UniqueConstraint("rule_id", "period", name="uq_verification_run_rule_period"),
        CheckConstraint(f"status IN {RUN_STATUSES}", name="status"),
        CheckConstraint(f"trigger IN {TRIGGERS}", name="trigger"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("verification_rule.id", ondelete="CASCADE"), index=True)
    rule: Mapped[VerificationRule] = relationship(lazy="joined")
    period: Mapped[str] = mapped_column(String(40))  # the scheduled fire time, or manual:<time>
    trigger: Mapped[str] = mapped_column(String(10), default="schedule")
    node: Mapped[str] = mapped_column(String(100))  # the scheduler process (host:pid) or user that ran it
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    ended_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(10), default="running")
    problems: Mapped[int] = mapped_column(Integer, default=0)
    opened: Mapped[int] = mapped_column(Integer, default=0)
    resolved: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[Optional[str]] = mapped_column(Text)

    def __repr__(self) -> str:
        return f"{self.rule} {self.period}"


class SchedulerLock(Model):
    """The lease of the active scheduler: ``holder`` until ``expires_at``."""

    __tablename__ = "scheduler_lock"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    holder: Mapped[Optional[str]] = mapped_column(String(100))
    expires_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime)
