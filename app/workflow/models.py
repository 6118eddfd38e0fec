"""Workflow definitions as data (SPEC §3) and the trail every instance leaves.

A ``Workflow`` has states and transitions; each transition names the roles that
may fire it, optional conditions on the subject (its type, its amount) and two
flags: ``is_signoff`` (一支笔: only the workflow's designated sign-off role, no one
else, administrators included) and ``applies_changes`` (the subject's structured
changes are executed in the same transaction).  A state may require a
countersign (会签) by several office divisions before anything leaves it.

Administrators edit all of this in the UI; ``app.workflow.engine`` interprets it.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from flask_appbuilder.security.sqla.models import Role, User
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.model_base import Model
from app.office.models import OfficeDivision

transition_role = Table(
    "workflow_transition_role",
    Model.metadata,
    Column("transition_id", ForeignKey("workflow_transition.id", ondelete="CASCADE"), primary_key=True),
    Column("role_id", ForeignKey("ab_role.id", ondelete="CASCADE"), primary_key=True),
)

state_countersign = Table(
    "workflow_state_countersign",
    Model.metadata,
    Column("state_id", ForeignKey("workflow_state.id", ondelete="CASCADE"), primary_key=True),
    Column("division_id", ForeignKey("office_division.id", ondelete="CASCADE"), primary_key=True),
)


class Workflow(Model):
    __tablename__ = "workflow"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[Optional[str]] = mapped_column(String(100))
    subject: Mapped[str] = mapped_column(String(50), default="adjustment_case")
    # 一支笔: the one role that may fire sign-off transitions.
    signoff_role_id: Mapped[int] = mapped_column(ForeignKey("ab_role.id"))
    signoff_role: Mapped[Role] = relationship()
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # 分管领导: overdue steps are escalated to this user (app.workflow.deadlines).
    lead_leader_id: Mapped[Optional[int]] = mapped_column(ForeignKey("ab_user.id", ondelete="SET NULL"))
    lead_leader: Mapped[Optional[User]] = relationship()

    def __repr__(self) -> str:
        return self.name


class WorkflowState(Model):
    __tablename__ = "workflow_state"
    __table_args__ = (UniqueConstraint("workflow_id", "code"),
                      CheckConstraint("time_limit_days IS NULL OR time_limit_days BETWEEN 1 AND 365",
                                      name="time_limit_days"))

    id: Mapped[int] = mapped_column(primary_key=True)
    workflow_id: Mapped[int] = mapped_column(ForeignKey("workflow.id", ondelete="CASCADE"), index=True)
    workflow: Mapped[Workflow] = relationship()
    code: Mapped[str] = mapped_column(String(50))
    name: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[Optional[str]] = mapped_column(String(100))
    sort: Mapped[int] = mapped_column(Integer, default=0)
    is_initial: Mapped[bool] = mapped_column(Boolean, default=False)
    is_final: Mapped[bool] = mapped_column(Boolean, default=False)
    # The applicant may still edit the request and its proposed changes.
    editable: Mapped[bool] = mapped_column(Boolean, default=False)
    # 会签: every one of these divisions must agree before the subject leaves the state.
    countersign_divisions = relationship(OfficeDivision, secondary=state_countersign)
    # 办理时限: working days a subject may stay here (app.core.workdays); empty: no limit.
    time_limit_days: Mapped[Optional[int]] = mapped_column(Integer)

    def __repr__(self) -> str:
        return self.name


class WorkflowTransition(Model):
    __tablename__ = "workflow_transition"
    __table_args__ = (
        UniqueConstraint("workflow_id", "code"),
        CheckConstraint("min_amount IS NULL OR max_amount IS NULL OR min_amount <= max_amount", name="amounts"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workflow_id: Mapped[int] = mapped_column(ForeignKey("workflow.id", ondelete="CASCADE"), index=True)
    workflow: Mapped[Workflow] = relationship()
    code: Mapped[str] = mapped_column(String(50))
    name: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[Optional[str]] = mapped_column(String(100))
    from_state_id: Mapped[int] = mapped_column(ForeignKey("workflow_state.id"), index=True)
    from_state: Mapped[WorkflowState] = relationship(foreign_keys=[from_state_id])
    to_state_id: Mapped[int] = mapped_column(ForeignKey("workflow_state.id"))
    to_state: Mapped[WorkflowState] = relationship(foreign_keys=[to_state_id])
    roles = relationship(Role, secondary=transition_role)
    is_signoff: Mapped[bool] = mapped_column(Boolean, default=False)
    applies_changes: Mapped[bool] = mapped_column(Boolean, default=False)
    # False for ways back (退回 / 撤回), which need no completed countersign.
    requires_countersign: Mapped[bool] = mapped_column(Boolean, default=True)
    requires_comment: Mapped[bool] = mapped_column(Boolean, default=False)
    requires_doc_no: Mapped[bool] = mapped_column(Boolean, default=False)
    # Conditions: comma-separated subject types (empty = any) and an amount range.
    case_types: Mapped[Optional[str]] = mapped_column(String(500))
    min_amount: Mapped[Optional[int]] = mapped_column(Integer)
    max_amount: Mapped[Optional[int]] = mapped_column(Integer)
    sort: Mapped[int] = mapped_column(Integer, default=0)

    @property
    def case_type_list(self) -> list[str]:
        return [t.strip() for t in (self.case_types or "").split(",") if t.strip()]

    def matches(self, subject_type: str, amount: int) -> bool:
        """Whether the conditions hold for a subject of this type and amount."""
        types = self.case_type_list
        if types and subject_type not in types:
            return False
        if self.min_amount is not None and amount < self.min_amount:
            return False
        if self.max_amount is not None and amount > self.max_amount:
            return False
        return True

    def __repr__(self) -> str:
        return self.name


class WorkflowHistory(Model):
    """One row per transition: who, when, from, to, comment, document number."""

    __tablename__ = "workflow_history"
    __table_args__ = (Index("ix_workflow_history_subject", "subject_type", "subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_type: Mapped[str] = mapped_column(String(50))
    subject_id: Mapped[int] = mapped_column(Integer)
    transition_id: Mapped[Optional[int]] = mapped_column(ForeignKey("workflow_transition.id", ondelete="SET NULL"))
    transition: Mapped[Optional[WorkflowTransition]] = relationship()
    from_state_id: Mapped[Optional[int]] = mapped_column(ForeignKey("workflow_state.id"))
    from_state: Mapped[Optional[WorkflowState]] = relationship(foreign_keys=[from_state_id])
    to_state_id: Mapped[int] = mapped_column(ForeignKey("workflow_state.id"))
    to_state: Mapped[WorkflowState] = relationship(foreign_keys=[to_state_id])
    actor_id: Mapped[Optional[int]] = mapped_column(ForeignKey("ab_user.id", ondelete="SET NULL"))
    actor: Mapped[Optional[User]] = relationship(foreign_keys=[actor_id])
    actor_name: Mapped[str] = mapped_column(String(100))
    at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    comment: Mapped[Optional[str]] = mapped_column(Text)
    doc_no: Mapped[Optional[str]] = mapped_column(String(100))
    # 代办: the actor acted for this user (an active Delegation); the name as it was then.
    on_behalf_of_id: Mapped[Optional[int]] = mapped_column(ForeignKey("ab_user.id", ondelete="SET NULL"))
    on_behalf_of_name: Mapped[Optional[str]] = mapped_column(String(100))
    # The step's deadline: the entry day + the state's time limit in working days.
    due_on: Mapped[Optional[dt.date]] = mapped_column(Date)

    @property
    def actor_label(self) -> str:
        """张三（代 李四）: display names, never login names (issue #11)."""
        from app.core.actors import login_label

        actor = login_label(self.actor_name)
        return f"{actor}（代 {login_label(self.on_behalf_of_name)}）" if self.on_behalf_of_name else actor


class Countersignature(Model):
    """会签: one division's opinion on a subject while it sits in a state.

    ``entry_id`` is the history row by which the subject entered the state:
    entering it again (after a return) starts a new round of countersigning.
    """

    __tablename__ = "countersignature"
    __table_args__ = (UniqueConstraint("entry_id", "division_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("workflow_history.id", ondelete="CASCADE"), index=True)
    entry: Mapped[WorkflowHistory] = relationship()
    division_id: Mapped[int] = mapped_column(ForeignKey("office_division.id"))
    division: Mapped[OfficeDivision] = relationship()
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("ab_user.id", ondelete="SET NULL"))
    user: Mapped[Optional[User]] = relationship(foreign_keys=[user_id])
    agree: Mapped[bool] = mapped_column(Boolean)
    comment: Mapped[Optional[str]] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    on_behalf_of_id: Mapped[Optional[int]] = mapped_column(ForeignKey("ab_user.id", ondelete="SET NULL"))


class WorkflowEscalation(Model):
    """督办: an overdue step escalated to the workflow's lead leader, once per step
    (unique on the history row by which the subject entered the state)."""

    __tablename__ = "workflow_escalation"
    __table_args__ = (UniqueConstraint("entry_id", name="uq_workflow_escalation_entry"),
                      Index("ix_workflow_escalation_subject", "subject_type", "subject_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("workflow_history.id", ondelete="CASCADE"))
    entry: Mapped[WorkflowHistory] = relationship()
    subject_type: Mapped[str] = mapped_column(String(50))
    subject_id: Mapped[int] = mapped_column(Integer)
    state_id: Mapped[int] = mapped_column(ForeignKey("workflow_state.id"))
    state: Mapped[WorkflowState] = relationship()
    due_on: Mapped[dt.date] = mapped_column(Date)
    leader_id: Mapped[Optional[int]] = mapped_column(ForeignKey("ab_user.id", ondelete="SET NULL"), index=True)
    leader: Mapped[Optional[User]] = relationship()
    escalated_on: Mapped[dt.date] = mapped_column(Date)
    at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())

    def __repr__(self) -> str:
        return f"{self.subject_type} #{self.subject_id} {self.state} {self.due_on}"


class Delegation(Model):
    """代办委托: ``delegator`` hands the to-do of one of their roles to ``delegate``
    (who holds it too) from ``start_on`` to ``end_on`` inclusive, until revoked."""

    __tablename__ = "workflow_delegation"
    __table_args__ = (CheckConstraint("end_on >= start_on", name="period"),
                      CheckConstraint("delegator_id <> delegate_id", name="not_self"),
                      Index("ix_workflow_delegation_delegate", "delegate_id", "start_on"))

    id: Mapped[int] = mapped_column(primary_key=True)
    delegator_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"), index=True)
    delegator: Mapped[User] = relationship(foreign_keys=[delegator_id])
    delegate_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"))
    delegate: Mapped[User] = relationship(foreign_keys=[delegate_id])
    role_id: Mapped[int] = mapped_column(ForeignKey("ab_role.id", ondelete="CASCADE"))
    role: Mapped[Role] = relationship()
    start_on: Mapped[dt.date] = mapped_column(Date)
    end_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[Optional[str]] = mapped_column(String(200))
    revoked_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())

    def active_on(self, day: dt.date) -> bool:
        return self.revoked_at is None and self.start_on <= day <= self.end_on

    def __repr__(self) -> str:
        return f"{self.delegator} → {self.delegate} {self.start_on}–{self.end_on}"
