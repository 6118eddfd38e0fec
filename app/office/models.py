"""Office divisions (处室), their members, task forces (工作专班) and their members.

"一处室牵头、多处室联动": a task force is led by one division and draws members
from several; each member is drawn from a division the user belongs to (a
service rule, see ``app.office.services``).  Nothing here commits.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from flask_appbuilder.security.sqla.models import User
from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.model_base import Model

TASK_FORCE_STATUSES = ("active", "dissolved")


class OfficeDivision(Model):
    """处室 of the staffing office (综合处, 机关编制处 …)."""

    __tablename__ = "office_division"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    name_en: Mapped[Optional[str]] = mapped_column(String(100))
    description: Mapped[Optional[str]] = mapped_column(Text)
    sort: Mapped[int] = mapped_column(Integer, default=0)

    def __repr__(self) -> str:
        return self.name


class DivisionMember(Model):
    """A login's membership of a division; a user may belong to several."""

    __tablename__ = "division_member"
    __table_args__ = (UniqueConstraint("division_id", "user_id", name="uq_division_member_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    division_id: Mapped[int] = mapped_column(ForeignKey("office_division.id"), index=True)
    division: Mapped[OfficeDivision] = relationship(lazy="joined")
    user_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"), index=True)
    user: Mapped[User] = relationship(lazy="joined")

    def __repr__(self) -> str:
        return f"{self.division} · {self.user}"


class TaskForce(Model):
    """工作专班: led by one division, staffed from several."""

    __tablename__ = "task_force"
    __table_args__ = (CheckConstraint(f"status IN {TASK_FORCE_STATUSES}", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    purpose: Mapped[Optional[str]] = mapped_column(Text)
    lead_division_id: Mapped[int] = mapped_column(ForeignKey("office_division.id"), index=True)
    lead_division: Mapped[OfficeDivision] = relationship(lazy="joined")
    established_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="active")
    members: Mapped[list["TaskForceMember"]] = relationship(
        back_populates="task_force", cascade="all, delete-orphan", passive_deletes=True
    )

    def __repr__(self) -> str:
        return self.name


class TaskForceMember(Model):
    """A user serving in a task force, drawn from one of the user's divisions."""

    __tablename__ = "task_force_member"
    __table_args__ = (UniqueConstraint("task_force_id", "user_id", name="uq_task_force_member_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_force_id: Mapped[int] = mapped_column(ForeignKey("task_force.id", ondelete="CASCADE"), index=True)
    task_force: Mapped[TaskForce] = relationship(back_populates="members", lazy="joined")
    user_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"), index=True)
    user: Mapped[User] = relationship(lazy="joined")
    division_id: Mapped[int] = mapped_column(ForeignKey("office_division.id"), index=True)
    division: Mapped[OfficeDivision] = relationship(lazy="joined")
    is_lead: Mapped[bool] = mapped_column(Boolean, default=False)

    def __repr__(self) -> str:
        return f"{self.task_force} · {self.user}"
