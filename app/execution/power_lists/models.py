"""权责清单 tables: types, code formats, catalogue items, per-level implementations
with their responsibility items and accountability cases (两单融合), the list
changes a case carries, and published snapshots (immutable, hashed)."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.model_base import Model
from app.justification.cases.models import AdjustmentCase
from app.quota.models import Institution

LEVELS = ("city", "district", "town")  # 市 / 区市 / 镇街
ITEM_STATUSES = ("active", "cancelled")
CHANGE_KINDS = ("add", "cancel", "devolve", "modify")  # 新增 / 取消 / 下放 / 变更


class PowerType(Model):
    """The type dictionary: the ten powers (01–10) and 公共服务事项 (20)."""

    __tablename__ = "power_type"
    __table_args__ = (CheckConstraint("length(code) = 2", name="code_len"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(2), unique=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    is_service: Mapped[bool] = mapped_column(Boolean, default=False)
    sort: Mapped[int] = mapped_column(Integer, default=0)

    def __repr__(self) -> str:
        return f"{self.code} {self.name}"


class CodeFormat(Model):
    """A code format as data: ``region:6,department:3,type:2,seq:3,sub:2``
    (``rules.parse_segments``); the active one validates and generates codes."""

    __tablename__ = "power_code_format"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    segments: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=False)

    def __repr__(self) -> str:
        return self.name


class PowerItem(Model):
    """A catalogue item, owned by the upper-level department that defines it."""

    __tablename__ = "power_item"
    __table_args__ = (CheckConstraint(f"status IN {ITEM_STATUSES}", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    type_id: Mapped[int] = mapped_column(ForeignKey("power_type.id"), index=True)
    type: Mapped[PowerType] = relationship(lazy="joined")
    sub_item: Mapped[Optional[str]] = mapped_column(String(200))
    legal_basis: Mapped[str] = mapped_column(Text)
    department_id: Mapped[int] = mapped_column(ForeignKey("institution.id"), index=True)
    department: Mapped[Institution] = relationship(lazy="joined")
    status: Mapped[str] = mapped_column(String(20), default="active")

    def __repr__(self) -> str:
        return f"{self.code} {self.name}"


class PowerImplementation(Model):
    """How one institution at one level implements an item.  Name, code, type and
    legal basis are its own copy: 三级四同 compares them with the catalogue."""

    __tablename__ = "power_implementation"
    __table_args__ = (
        CheckConstraint(f"level IN {LEVELS}", name="level"),
        CheckConstraint(f"status IN {ITEM_STATUSES}", name="status"),
        CheckConstraint("statutory_days IS NULL OR statutory_days >= 0", name="statutory_nonneg"),
        CheckConstraint("promised_days IS NULL OR promised_days >= 0", name="promised_nonneg"),
        UniqueConstraint("item_id", "institution_id", name="uq_power_impl_item_inst"),
        Index("ix_power_impl_inst_status", "institution_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("power_item.id"), index=True)
    item: Mapped[PowerItem] = relationship(lazy="joined")
    level: Mapped[str] = mapped_column(String(20), default="city")
    institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id"))
    institution: Mapped[Institution] = relationship(lazy="joined")
    name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str] = mapped_column(String(40))
    type_id: Mapped[int] = mapped_column(ForeignKey("power_type.id"))
    type: Mapped[PowerType] = relationship(lazy="joined")
    legal_basis: Mapped[str] = mapped_column(Text)
    handling_division: Mapped[Optional[str]] = mapped_column(String(100))  # 承办机构
    statutory_days: Mapped[Optional[int]] = mapped_column(Integer)  # 法定时限 (working days)
    promised_days: Mapped[Optional[int]] = mapped_column(Integer)  # 承诺时限
    fees: Mapped[Optional[str]] = mapped_column(String(200))
    flow: Mapped[Optional[str]] = mapped_column(Text)  # 运行流程
    status: Mapped[str] = mapped_column(String(20), default="active")
    responsibilities = relationship("ResponsibilityItem", back_populates="implementation",
                                    order_by="ResponsibilityItem.step", cascade="all, delete-orphan")
    accountabilities = relationship("AccountabilityCase", back_populates="implementation",
                                    order_by="AccountabilityCase.id", cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"{self.code} {self.name} ({self.institution.name if self.institution else ''})"


class ResponsibilityItem(Model):
    """责任事项: the duty of one step (受理, 审查, 决定, 送达, 事后监管 …)."""

    __tablename__ = "power_responsibility"

    id: Mapped[int] = mapped_column(primary_key=True)
    implementation_id: Mapped[int] = mapped_column(ForeignKey("power_implementation.id", ondelete="CASCADE"),
                                                   index=True)
    implementation: Mapped[PowerImplementation] = relationship(back_populates="responsibilities")
    step: Mapped[int] = mapped_column(Integer, default=1)
    step_name: Mapped[str] = mapped_column(String(50))
    content: Mapped[str] = mapped_column(Text)

    def __repr__(self) -> str:
        return f"{self.step}. {self.step_name}"


class AccountabilityCase(Model):
    """追责情形: a condition under which the implementing body is held accountable."""

    __tablename__ = "power_accountability"

    id: Mapped[int] = mapped_column(primary_key=True)
    implementation_id: Mapped[int] = mapped_column(ForeignKey("power_implementation.id", ondelete="CASCADE"),
                                                   index=True)
    implementation: Mapped[PowerImplementation] = relationship(back_populates="accountabilities")
    content: Mapped[str] = mapped_column(Text)

    def __repr__(self) -> str:
        return self.content[:40]


class PowerCaseChange(Model):
    """A list change an adjustment case carries, applied on sign-off (``apply.py``)."""

    __tablename__ = "power_case_change"
    __table_args__ = (
        CheckConstraint(f"kind IN {CHANGE_KINDS}", name="kind"),
        CheckConstraint(f"level IS NULL OR level IN {LEVELS}", name="level"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("adjustment_case.id", ondelete="CASCADE"), index=True)
    case: Mapped[AdjustmentCase] = relationship()
    kind: Mapped[str] = mapped_column(String(20))
    institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id"), index=True)
    institution: Mapped[Institution] = relationship(foreign_keys=[institution_id])
    item_id: Mapped[Optional[int]] = mapped_column(ForeignKey("power_item.id"))
    item: Mapped[Optional[PowerItem]] = relationship()
    level: Mapped[Optional[str]] = mapped_column(String(20))
    name: Mapped[Optional[str]] = mapped_column(String(200))
    code: Mapped[Optional[str]] = mapped_column(String(40))
    type_id: Mapped[Optional[int]] = mapped_column(ForeignKey("power_type.id"))
    type: Mapped[Optional[PowerType]] = relationship()
    legal_basis: Mapped[Optional[str]] = mapped_column(Text)
    handling_division: Mapped[Optional[str]] = mapped_column(String(100))
    statutory_days: Mapped[Optional[int]] = mapped_column(Integer)
    promised_days: Mapped[Optional[int]] = mapped_column(Integer)
    fees: Mapped[Optional[str]] = mapped_column(String(200))
    responsibilities_text: Mapped[Optional[str]] = mapped_column(Text)  # one per line: 步骤: 内容
    accountabilities_text: Mapped[Optional[str]] = mapped_column(Text)  # one per line
    target_id: Mapped[Optional[int]] = mapped_column(ForeignKey("institution.id"))  # devolve to
    target: Mapped[Optional[Institution]] = relationship(foreign_keys=[target_id])
    legality_note: Mapped[Optional[str]] = mapped_column(Text)  # 合法性审查意见
    result: Mapped[Optional[str]] = mapped_column(String(200))

    def __repr__(self) -> str:
        return f"{self.kind} {self.name or self.item or ''}".strip()


class PowerSnapshot(Model):
    """A dated, published list of one department: never edited, never deleted.
    ``content_hash`` covers every item's canonical JSON and the previous
    snapshot's hash of the same department (``publishing.content_hash``)."""

    __tablename__ = "power_snapshot"
    __table_args__ = (Index("ix_power_snapshot_inst_id", "institution_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id"))
    institution: Mapped[Institution] = relationship(lazy="joined")
    published_on: Mapped[dt.date] = mapped_column(Date, index=True)
    published_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    published_by: Mapped[Optional[str]] = mapped_column(String(100))
    item_count: Mapped[int] = mapped_column(Integer, default=0)
    prev_hash: Mapped[Optional[str]] = mapped_column(String(64))
    content_hash: Mapped[str] = mapped_column(String(64))

    def __repr__(self) -> str:
        return f"{self.institution.name if self.institution else self.institution_id} {self.published_on}"


class PowerSnapshotItem(Model):
    """One published item, frozen: the searchable columns and the whole item as JSON."""

    __tablename__ = "power_snapshot_item"
    __table_args__ = (Index("ix_power_snapshot_item_snap_seq", "snapshot_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("power_snapshot.id"))
    seq: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(40), index=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    # Indexed for the public search by type alone: its scan in id order stops at the page's 50th row.
    type_code: Mapped[str] = mapped_column(String(2), index=True)
    detail: Mapped[str] = mapped_column(Text)


def _refuse_rewrite(mapper, connection, target) -> None:
    raise RuntimeError(f"{type(target).__name__} rows are immutable (published snapshots)")


for _model in (PowerSnapshot, PowerSnapshotItem):
    event.listen(_model, "before_update", _refuse_rewrite)
    event.listen(_model, "before_delete", _refuse_rewrite)
