"""顶格协调事项清单: major reform items coordinated by the office head in person,
with milestones; status 在办 → 督办 → 销号 (SPEC §2)."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import CheckConstraint, Column, Date, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.model_base import Model
from app.office.models import OfficeDivision, TaskForce

ITEM_STATUSES = ("in_progress", "supervised", "closed")  # 在办, 督办, 销号
# allowed moves; closed is final (挂帐销号)
TRANSITIONS = {"in_progress": ("supervised", "closed"), "supervised": ("closed",), "closed": ()}

coordination_item_division = Table(
    "coordination_item_division",
    Model.metadata,
    Column("item_id", ForeignKey("coordination_item.id", ondelete="CASCADE"), primary_key=True),
    Column("division_id", ForeignKey("office_division.id"), primary_key=True),
)


class CoordinationItem(Model):
    __tablename__ = "coordination_item"
    __table_args__ = (
        CheckConstraint(f"status IN {ITEM_STATUSES}", name="status"),
        CheckConstraint(
            "(status = 'closed' AND closed_on IS NOT NULL AND closing_note IS NOT NULL) OR "
            "(status <> 'closed' AND closed_on IS NULL)",
            name="closed_consistent",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[Optional[str]] = mapped_column(Text)
    lead_leader: Mapped[str] = mapped_column(String(100))
    lead_division_id: Mapped[int] = mapped_column(ForeignKey("office_division.id"), index=True)
    lead_division: Mapped[OfficeDivision] = relationship(lazy="joined")
    co_divisions: Mapped[list[OfficeDivision]] = relationship(secondary=coordination_item_division,
                                                              lazy="selectin")
    task_force_id: Mapped[Optional[int]] = mapped_column(ForeignKey("task_force.id"), index=True)
    task_force: Mapped[Optional[TaskForce]] = relationship(lazy="joined")
    due_on: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="in_progress")
    closed_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    closing_note: Mapped[Optional[str]] = mapped_column(Text)
    milestones: Mapped[list["Milestone"]] = relationship(
        back_populates="item", cascade="all, delete-orphan", passive_deletes=True, order_by="Milestone.due_on"
    )

    def is_overdue(self, today: dt.date) -> bool:
        """Past its due date and not closed (销号)."""
        return self.status != "closed" and self.due_on is not None and self.due_on < today

    @property
    def overdue(self) -> bool:
        return self.is_overdue(dt.date.today())

    def __repr__(self) -> str:
        return self.title


class Milestone(Model):
    __tablename__ = "coordination_milestone"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("coordination_item.id", ondelete="CASCADE"), index=True)
    item: Mapped[CoordinationItem] = relationship(back_populates="milestones", lazy="joined")
    title: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    done_on: Mapped[Optional[dt.date]] = mapped_column(Date)

    def __repr__(self) -> str:
        return self.title
