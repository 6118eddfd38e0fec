"""双随机、一公开 tables: the item list, the inspector pool, plans, draws (their
frozen inputs and result) and the tasks a draw gives inspectors."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Optional

from sqlalchemy import (CheckConstraint, Column, Date, DateTime, ForeignKey, Integer, Numeric, String, Table,
                        Text, UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from flask_appbuilder.security.sqla.models import User

from app.core.model_base import Model
from app.quota.models import Institution

METHODS = ("written", "onsite", "online")  # 书面审查 / 实地核查 / 网络监测
PLAN_STATES = ("draft", "frozen", "drawn")
OUTCOMES = ("pending", "compliant", "problems")

inspector_affiliation = Table(
    "spot_inspector_affiliation", Model.metadata,
    Column("inspector_id", ForeignKey("spot_inspector.id", ondelete="CASCADE"), primary_key=True),
    Column("institution_id", ForeignKey("institution.id"), primary_key=True),
)


class SpotItem(Model):
    """One line of the spot-check item list (抽查事项清单)."""
    __tablename__ = "spot_item"
    __table_args__ = (CheckConstraint("method IN ('written', 'onsite', 'online')", name="method"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    matter: Mapped[str] = mapped_column(String(200))  # 事项
    basis: Mapped[str] = mapped_column(Text)  # 依据
    checked_subject: Mapped[str] = mapped_column(String(200))  # 主体
    check_content: Mapped[str] = mapped_column(Text)  # 内容
    method: Mapped[str] = mapped_column(String(20))  # 方式

    def __repr__(self) -> str:
        return f"{self.code} {self.matter}"


class SpotInspector(Model):
    """An inspector in the pool, with the institutions they are affiliated with (recusal)."""
    __tablename__ = "spot_inspector"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("ab_user.id", ondelete="SET NULL"), unique=True)
    user: Mapped[Optional[User]] = relationship()  # the login that records this inspector's results
    active: Mapped[bool] = mapped_column(default=True)
    affiliations: Mapped[list[Institution]] = relationship(secondary=inspector_affiliation, lazy="selectin")

    def __repr__(self) -> str:
        return self.name


class SpotPlan(Model):
    __tablename__ = "spot_plan"
    __table_args__ = (
        CheckConstraint("sample_ratio >= 1 AND sample_ratio <= 3", name="sample_ratio"),
        CheckConstraint("per_target >= 2", name="per_target"),
        CheckConstraint("status IN ('draft', 'frozen', 'drawn')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    year: Mapped[int] = mapped_column(Integer)
    spot_item_id: Mapped[int] = mapped_column(ForeignKey("spot_item.id"), index=True)
    spot_item: Mapped[SpotItem] = relationship(lazy="joined")
    sample_ratio: Mapped[Decimal] = mapped_column(Numeric(4, 2))  # % of the pool a year
    per_target: Mapped[int] = mapped_column(Integer, default=2)
    publicity_ends_on: Mapped[dt.date] = mapped_column(Date)  # 年报公示期结束
    # 定向: only this institution and those under it; empty = the whole register
    pool_root_id: Mapped[Optional[int]] = mapped_column(ForeignKey("institution.id"))
    pool_root: Mapped[Optional[Institution]] = relationship()
    status: Mapped[str] = mapped_column(String(20), default="draft")

    def __repr__(self) -> str:
        return f"{self.code} {self.name}"


class SpotDraw(Model):
    """A draw's inputs, frozen and hashed before it runs, and its result."""
    __tablename__ = "spot_draw"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("spot_plan.id"), unique=True)
    plan: Mapped[SpotPlan] = relationship(lazy="joined")
    algorithm: Mapped[str] = mapped_column(String(40))
    seed: Mapped[str] = mapped_column(String(200))
    seed_source: Mapped[str] = mapped_column(Text)  # where the seed comes from (public value, meeting)
    frozen_at: Mapped[dt.datetime] = mapped_column(DateTime)
    frozen_by: Mapped[str] = mapped_column(String(150))
    candidates: Mapped[str] = mapped_column(Text)  # canonical JSON [[id, name], …]
    candidates_hash: Mapped[str] = mapped_column(String(64))
    candidate_count: Mapped[int] = mapped_column(Integer)
    inspectors: Mapped[str] = mapped_column(Text)  # canonical JSON [[id, name, [affiliations]], …]
    inspectors_hash: Mapped[str] = mapped_column(String(64))
    target_count: Mapped[int] = mapped_column(Integer)
    drawn_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime)
    result: Mapped[Optional[str]] = mapped_column(Text)  # canonical JSON of the outcome
    result_hash: Mapped[Optional[str]] = mapped_column(String(64))
    publish_due_on: Mapped[Optional[dt.date]] = mapped_column(Date)  # 20 working days after the draw

    def __repr__(self) -> str:
        return f"{self.plan.code} #{self.id}"


task_inspector = Table(
    "spot_task_inspector", Model.metadata,
    Column("task_id", ForeignKey("spot_task.id", ondelete="CASCADE"), primary_key=True),
    Column("inspector_id", ForeignKey("spot_inspector.id"), primary_key=True, index=True),
    Column("seat", Integer, nullable=False),  # the order the draw seated them in
)


class SpotTask(Model):
    """One drawn target with its inspectors; they record the result, the office publishes it."""
    __tablename__ = "spot_task"
    __table_args__ = (
        UniqueConstraint("draw_id", "institution_id"),
        CheckConstraint("outcome IN ('pending', 'compliant', 'problems')", name="outcome"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    draw_id: Mapped[int] = mapped_column(ForeignKey("spot_draw.id"), index=True)
    draw: Mapped[SpotDraw] = relationship(lazy="joined")
    year: Mapped[int] = mapped_column(Integer, index=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id"), index=True)
    institution: Mapped[Institution] = relationship(lazy="joined")
    inspectors: Mapped[list[SpotInspector]] = relationship(secondary="spot_task_inspector", lazy="selectin",
                                                            viewonly=True)
    outcome: Mapped[str] = mapped_column(String(20), default="pending")
    notes: Mapped[Optional[str]] = mapped_column(Text)
    recorded_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime)
    recorded_by: Mapped[Optional[str]] = mapped_column(String(150))
    published_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime)

    def __repr__(self) -> str:
        return f"{self.draw.plan.code} {self.institution.name}"

    @property
    def inspector_names(self) -> str:
        return "、".join(i.name for i in self.inspectors)

    @property
    def overdue(self) -> bool:
        """Not published by the deadline (20 working days after the draw)."""
        due = self.draw.publish_due_on
        return self.published_at is None and due is not None and dt.date.today() > due
