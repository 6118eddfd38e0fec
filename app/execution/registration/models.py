"""事业单位登记 / 赋码 (SPEC §4.3): registration matters and the certificates they issue.

A matter (设立, 变更, 注销, 简易注销, 年度报告, 证书换领, 补领, and 赋码发证 for 机关 and
群团) moves through its steps (申请 → 受理 → 审查 → 核准 → 发证 → 公告; an annual report
has no 核准/发证), each stamped with its time.  The time from receipt (受理) to issue
is kept as seconds, so the monthly report is plain SQL aggregates on both databases.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Optional

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.model_base import Model
from app.quota.models import Institution

MATTERS = ("establish", "change", "cancel", "simple_cancel", "annual_report", "renew", "reissue", "code_issue")
CHANGE_ITEMS = ("name", "legal_rep", "purpose", "address", "funds", "sponsor")
STEPS = ("applied", "accepted", "reviewed", "approved", "issued", "announced")
CHANNELS = ("counter", "online")
CERT_KINDS = ("legal_person", "code")  # 事业单位法人证书, 统一社会信用代码证书 (机关, 群团)
CERT_STATUSES = ("valid", "replaced", "cancelled")


class Registration(Model):
    __tablename__ = "registration"
    __table_args__ = (
        CheckConstraint(f"matter IN {MATTERS}", name="matter"),
        CheckConstraint(f"step IN {STEPS}", name="step"),
        CheckConstraint(f"channel IN {CHANNELS}", name="channel"),
        CheckConstraint(f"change_item IS NULL OR change_item IN {CHANGE_ITEMS}", name="change_item"),
        CheckConstraint("(matter = 'change') = (change_item IS NOT NULL)", name="change_item_only_for_change"),
        CheckConstraint("(matter = 'annual_report') = (report_year IS NOT NULL)", name="report_year"),
        CheckConstraint("matter <> 'simple_cancel' OR (successor_id IS NOT NULL AND undertaking_proof IS NOT NULL)",
                        name="simple_cancel_successor"),
        CheckConstraint("channel <> 'online' OR tracking_in IS NOT NULL", name="online_tracking_in"),
        CheckConstraint("turnaround_s IS NULL OR turnaround_s >= 0", name="turnaround_nonneg"),
        CheckConstraint("step = 'applied' OR accepted_at IS NOT NULL", name="accepted_stamped"),
        # One annual report per unit and year (NULL years of other matters never clash).
        Index("uq_registration_annual_report", "institution_id", "report_year", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    matter: Mapped[str] = mapped_column(String(20))
    institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id"), index=True)
    institution: Mapped[Institution] = relationship(foreign_keys=[institution_id], lazy="joined")
    legal_rep: Mapped[Optional[str]] = mapped_column(String(50))  # 法定代表人
    # 变更: what changes, from what to what; 开办资金 in 万元 with the amounts.
    change_item: Mapped[Optional[str]] = mapped_column(String(20))
    old_value: Mapped[Optional[str]] = mapped_column(Text)
    new_value: Mapped[Optional[str]] = mapped_column(Text)
    funds_before: Mapped[Optional[Decimal]] = mapped_column(Numeric(14, 2))
    funds_after: Mapped[Optional[Decimal]] = mapped_column(Numeric(14, 2))
    # 注销: the clearing report; 简易注销: the successor and the three-party proof instead.
    clearing_report: Mapped[Optional[str]] = mapped_column(String(200))
    successor_id: Mapped[Optional[int]] = mapped_column(ForeignKey("institution.id"), index=True)
    successor: Mapped[Optional[Institution]] = relationship(foreign_keys=[successor_id], lazy="joined")
    undertaking_proof: Mapped[Optional[str]] = mapped_column(String(200))  # 权利义务承接证明 (三方)
    # 年度报告 contents (事业单位登记管理暂行条例实施细则 第五十二条).
    report_year: Mapped[Optional[int]] = mapped_column(Integer)
    activities: Mapped[Optional[str]] = mapped_column(Text)  # 开展业务活动情况
    net_assets: Mapped[Optional[Decimal]] = mapped_column(Numeric(14, 2))  # 资产损益: 净资产 (万元)
    staff_count: Mapped[Optional[int]] = mapped_column(Integer)  # 从业人数
    litigation: Mapped[Optional[str]] = mapped_column(Text)  # 涉及诉讼情况
    complaints: Mapped[Optional[str]] = mapped_column(Text)  # 社会投诉情况
    reason: Mapped[Optional[str]] = mapped_column(Text)  # 补领: why (遗失, 损毁)
    materials: Mapped[Optional[str]] = mapped_column(Text)  # the materials handed in, one per line
    channel: Mapped[str] = mapped_column(String(10), default="counter")
    tracking_in: Mapped[Optional[str]] = mapped_column(String(40))  # express: materials to the office
    tracking_out: Mapped[Optional[str]] = mapped_column(String(40))  # express: certificate back
    step: Mapped[str] = mapped_column(String(20), default="applied")
    applied_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime)
    accepted_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime)
    reviewed_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime)
    approved_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime, index=True)
    issued_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime, index=True)
    announced_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime, index=True)
    turnaround_s: Mapped[Optional[int]] = mapped_column(Integer)  # 受理 → 发证, seconds
    same_day: Mapped[Optional[bool]] = mapped_column()  # 即时办结: issued on the day of receipt
    # 办结时限: the day the matter must be issued by, in working days from 受理
    # (``RegistrationTimeLimit``); None without a limit, or while its calendar year is missing.
    due_on: Mapped[Optional[dt.date]] = mapped_column(Date, index=True)
    uscc: Mapped[Optional[str]] = mapped_column(String(18))  # the code a 设立 / 赋码 issued
    notice: Mapped[Optional[str]] = mapped_column(Text)  # the public notice (公告)

    def __repr__(self) -> str:
        return f"{self.institution} · {self.matter} #{self.id}"


class RegistrationTimeLimit(Model):
    """办结时限 of a matter, in working days from 受理 (the same holiday calendar as every
    deadline); administrators edit it.  A matter without a row has no time limit."""

    __tablename__ = "registration_time_limit"
    __table_args__ = (CheckConstraint(f"matter IN {MATTERS}", name="matter"),
                      CheckConstraint("working_days BETWEEN 1 AND 365", name="working_days_range"))

    id: Mapped[int] = mapped_column(primary_key=True)
    matter: Mapped[str] = mapped_column(String(20), unique=True)
    working_days: Mapped[int] = mapped_column(Integer)
    basis: Mapped[Optional[str]] = mapped_column(String(200))  # 依据, e.g. 实施细则 第 X 条

    def __repr__(self) -> str:
        return f"{self.matter} {self.working_days}"


class Certificate(Model):
    """事业单位法人证书 or 统一社会信用代码证书: five years, replaced on 换领, voided on 注销."""

    __tablename__ = "registration_certificate"
    __table_args__ = (
        CheckConstraint(f"kind IN {CERT_KINDS}", name="kind"),
        CheckConstraint(f"status IN {CERT_STATUSES}", name="status"),
        CheckConstraint("valid_to > valid_from", name="dates"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cert_no: Mapped[str] = mapped_column(String(30), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id"), index=True)
    institution: Mapped[Institution] = relationship(lazy="joined")
    uscc: Mapped[str] = mapped_column(String(18))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[dt.date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(20), default="valid")
    registration_id: Mapped[int] = mapped_column(ForeignKey("registration.id"), index=True)
    registration: Mapped[Registration] = relationship()

    def __repr__(self) -> str:
        return self.cert_no
