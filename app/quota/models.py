"""核心编制库 — the quota database (SPEC §1).

Counters (``used``/``occupied``/``approved``) are balances kept by the services in
``app.quota.services`` with relative conditional UPDATEs; CHECK constraints are
the backstop.  Nothing here commits.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from flask_appbuilder.security.sqla.models import User

from app.core.model_base import Model
from app.quota import rules

# ---------------------------------------------------------------------------
# Reference dictionaries (administrators edit them in the UI)
# ---------------------------------------------------------------------------

REGION_LEVELS = ("province", "city", "district", "function_zone", "street")


class Region(Model):
    """行政区划 (GB/T 2260)."""

    __tablename__ = "region"
    __table_args__ = (CheckConstraint(f"level IN {REGION_LEVELS}", name="level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(20), default="district")
    parent_id: Mapped[Optional[int]] = mapped_column(ForeignKey("region.id"), index=True)
    parent: Mapped[Optional["Region"]] = relationship(remote_side=[id])

    def __repr__(self) -> str:
        return self.name


class InstitutionCategory(Model):
    """机构类别; ``counts_toward_cap`` marks 党政机构 that count toward 机构限额."""

    __tablename__ = "institution_category"
    __table_args__ = (CheckConstraint("uscc_code IN ('1','2','3','9')", name="uscc_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[Optional[str]] = mapped_column(String(100))  # optional: English UI falls back to name
    counts_toward_cap: Mapped[bool] = mapped_column(Boolean, default=False)
    uscc_code: Mapped[str] = mapped_column(String(1), default="1")  # USCC position 2

    def __repr__(self) -> str:
        return self.name


quota_type_category = Table(
    "quota_type_category",
    Model.metadata,
    Column("quota_type_id", ForeignKey("quota_type.id", ondelete="CASCADE"), primary_key=True),
    Column("category_id", ForeignKey("institution_category.id", ondelete="CASCADE"), primary_key=True),
)


class QuotaType(Model):
    """编制类型; ``allowed_categories`` is who may hold it (else 混用编制)."""

    __tablename__ = "quota_type"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[Optional[str]] = mapped_column(String(100))  # optional: English UI falls back to name
    # Loaded when asked (the 混用编制 rule, the quota-type list, which FAB joins): every
    # page that shows a quota type (each person, allocation and ledger row, each filter
    # dropdown) read the categories of all of them with a statement of its own.
    allowed_categories: Mapped[list[InstitutionCategory]] = relationship(
        secondary=quota_type_category, lazy="select"
    )

    def __repr__(self) -> str:
        return self.name


class Rank(Model):
    """职级 for 领导职数; ``is_leadership`` ranks count against leadership quotas."""

    __tablename__ = "rank"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[Optional[str]] = mapped_column(String(100))  # optional: English UI falls back to name
    is_leadership: Mapped[bool] = mapped_column(Boolean, default=True)
    sort: Mapped[int] = mapped_column(Integer, default=0)

    def __repr__(self) -> str:
        return self.name


class StaffingStandard(Model):
    """行业编制标准: a rule table giving the maximum quota for a metric value."""

    __tablename__ = "staffing_standard"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[Optional[str]] = mapped_column(String(200))  # optional: English UI falls back to name
    metric_name: Mapped[str] = mapped_column(String(100))  # e.g. 在校学生数, 床位数
    quota_type_id: Mapped[int] = mapped_column(ForeignKey("quota_type.id"))
    quota_type: Mapped[QuotaType] = relationship()
    rows: Mapped[list["StaffingStandardRow"]] = relationship(
        back_populates="standard", cascade="all, delete-orphan", order_by="StaffingStandardRow.metric_from"
    )

    def __repr__(self) -> str:
        return self.name


class StaffingStandardRow(Model):
    """One band: for metric in [metric_from, metric_to), max = base + metric × ratio."""

    __tablename__ = "staffing_standard_row"
    __table_args__ = (
        CheckConstraint("metric_from >= 0", name="from_nonneg"),
        CheckConstraint("metric_to IS NULL OR metric_to > metric_from", name="band_order"),
        CheckConstraint("ratio >= 0 AND base >= 0", name="nonneg"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    standard_id: Mapped[int] = mapped_column(ForeignKey("staffing_standard.id", ondelete="CASCADE"), index=True)
    standard: Mapped[StaffingStandard] = relationship(back_populates="rows")
    metric_from: Mapped[int] = mapped_column(Integer, default=0)
    metric_to: Mapped[Optional[int]] = mapped_column(Integer)
    ratio: Mapped[float] = mapped_column(Numeric(10, 4), default=0)  # staff per metric unit
    base: Mapped[int] = mapped_column(Integer, default=0)

    def __repr__(self) -> str:
        return f"[{self.metric_from}, {self.metric_to or '∞'}) {self.base} + {self.ratio}/unit"


# ---------------------------------------------------------------------------
# Institutions
# ---------------------------------------------------------------------------

INSTITUTION_STATUSES = ("preparing", "active", "revoked", "merged")
LIVE_STATUSES = rules.LIVE_STATUSES


class Institution(Model):
    """机构.  ``path`` is the materialised tree path ``/1/5/23/`` used for scoping."""

    __tablename__ = "institution"
    __table_args__ = (
        CheckConstraint(f"status IN {INSTITUTION_STATUSES}", name="status"),
        CheckConstraint(
            "revoked_on IS NULL OR established_on IS NULL OR revoked_on >= established_on",
            name="dates",
        ),
        CheckConstraint("standard_metric IS NULL OR standard_metric >= 0", name="metric_nonneg"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[Optional[str]] = mapped_column(String(100))
    uscc: Mapped[Optional[str]] = mapped_column(String(18), unique=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("institution_category.id"), index=True)
    category: Mapped[InstitutionCategory] = relationship(lazy="joined")
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    region: Mapped[Region] = relationship(lazy="joined")
    level: Mapped[str] = mapped_column(String(20), default="city")
    parent_id: Mapped[Optional[int]] = mapped_column(ForeignKey("institution.id"), index=True)
    parent: Mapped[Optional["Institution"]] = relationship(remote_side=[id])
    path: Mapped[str] = mapped_column(String(400), default="/", index=True)
    within_cap: Mapped[bool] = mapped_column(Boolean, default=True)
    status: Mapped[str] = mapped_column(String(20), default="active")
    established_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    revoked_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    functions: Mapped[Optional[str]] = mapped_column(Text)
    standard_id: Mapped[Optional[int]] = mapped_column(ForeignKey("staffing_standard.id"))
    standard: Mapped[Optional[StaffingStandard]] = relationship()
    standard_metric: Mapped[Optional[int]] = mapped_column(Integer)

    @property
    def counts_toward_cap(self) -> bool:
        """Whether this institution uses a slot of its region's 机构限额."""
        return rules.counts_toward_cap(self.within_cap, self.status,
                                       bool(self.category and self.category.counts_toward_cap))

    def __repr__(self) -> str:
        return self.name


class InternalDivision(Model):
    """内设机构."""

    __tablename__ = "internal_division"
    __table_args__ = (UniqueConstraint("institution_id", "name", name="uq_division_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id"), index=True)
    institution: Mapped[Institution] = relationship(lazy="joined")
    name: Mapped[str] = mapped_column(String(200))
    functions: Mapped[Optional[str]] = mapped_column(Text)
    sort: Mapped[int] = mapped_column(Integer, default=0)

    def __repr__(self) -> str:
        return self.name


class ThreeDeterminations(Model):
    """三定规定, one row per version; a new version never rewrites an old one."""

    __tablename__ = "three_determinations"
    __table_args__ = (
        UniqueConstraint("institution_id", "version", name="uq_three_det_version"),
        CheckConstraint("version >= 1", name="version_pos"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id"), index=True)
    institution: Mapped[Institution] = relationship(lazy="joined")
    version: Mapped[int] = mapped_column(Integer, default=1)
    functions: Mapped[str] = mapped_column(Text, default="")
    divisions: Mapped[Optional[str]] = mapped_column(Text)
    staffing: Mapped[Optional[str]] = mapped_column(Text)
    approval_doc_no: Mapped[str] = mapped_column(String(100), default="")
    approved_on: Mapped[Optional[dt.date]] = mapped_column(Date)

    def __repr__(self) -> str:
        return f"{self.institution} v{self.version}"


# ---------------------------------------------------------------------------
# Quotas: ledger, allocations, caps, leadership
# ---------------------------------------------------------------------------


class QuotaAllocation(Model):
    """核定编制: the balance of the ledger per institution × quota type.

    ``occupied`` counts 在编 persons; vacancy (空编) is approved − occupied.
    """

    __tablename__ = "quota_allocation"
    __table_args__ = (
        UniqueConstraint("institution_id", "quota_type_id", name="uq_allocation_inst_type"),
        CheckConstraint("approved >= 0", name="approved_nonneg"),
        CheckConstraint("occupied >= 0", name="occupied_nonneg"),
        CheckConstraint("occupied <= approved", name="occupied_le_approved"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id"), index=True)
    institution: Mapped[Institution] = relationship(lazy="joined")
    quota_type_id: Mapped[int] = mapped_column(ForeignKey("quota_type.id"), index=True)
    quota_type: Mapped[QuotaType] = relationship(lazy="joined")
    approved: Mapped[int] = mapped_column(Integer, default=0)
    occupied: Mapped[int] = mapped_column(Integer, default=0)

    @property
    def vacant(self) -> int:
        return rules.vacancy(self.approved or 0, self.occupied or 0)

    def __repr__(self) -> str:
        return f"{self.institution} {self.quota_type}"


class QuotaLedgerEntry(Model):
    """编制台账: append-only; the allocation is the running sum of ``delta``."""

    __tablename__ = "quota_ledger"
    __table_args__ = (
        CheckConstraint("delta <> 0", name="delta_nonzero"),
        CheckConstraint("balance_after >= 0", name="balance_nonneg"),
        Index("ix_quota_ledger_inst_type", "institution_id", "quota_type_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id"))
    institution: Mapped[Institution] = relationship(lazy="joined")
    quota_type_id: Mapped[int] = mapped_column(ForeignKey("quota_type.id"))
    quota_type: Mapped[QuotaType] = relationship(lazy="joined")
    delta: Mapped[int] = mapped_column(Integer)
    balance_after: Mapped[int] = mapped_column(Integer, default=0)
    reason: Mapped[str] = mapped_column(String(500), default="")
    doc_no: Mapped[str] = mapped_column(String(100), default="")
    effective_on: Mapped[Optional[dt.date]] = mapped_column(Date)
    actor: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())

    def __repr__(self) -> str:
        return f"{self.institution} {self.quota_type} {self.delta:+d}"


class RegionalCap(Model):
    """总量控制: Σ approved quotas of a region's institutions, per type, ≤ total."""

    __tablename__ = "regional_cap"
    __table_args__ = (
        UniqueConstraint("region_id", "quota_type_id", name="uq_regional_cap_region_type"),
        CheckConstraint("total >= 0", name="total_nonneg"),
        CheckConstraint("used >= 0", name="used_nonneg"),
        CheckConstraint("used <= total", name="used_le_total"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    region: Mapped[Region] = relationship(lazy="joined")
    quota_type_id: Mapped[int] = mapped_column(ForeignKey("quota_type.id"))
    quota_type: Mapped[QuotaType] = relationship(lazy="joined")
    total: Mapped[int] = mapped_column(Integer, default=0)
    used: Mapped[int] = mapped_column(Integer, default=0)

    def __repr__(self) -> str:
        return f"{self.region} {self.quota_type}"


class InstitutionCap(Model):
    """机构限额: within-cap party-government institutions of a region ≤ total."""

    __tablename__ = "institution_cap"
    __table_args__ = (
        CheckConstraint("total >= 0", name="total_nonneg"),
        CheckConstraint("used >= 0", name="used_nonneg"),
        CheckConstraint("used <= total", name="used_le_total"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), unique=True)
    region: Mapped[Region] = relationship(lazy="joined")
    total: Mapped[int] = mapped_column(Integer, default=0)
    used: Mapped[int] = mapped_column(Integer, default=0)

    def __repr__(self) -> str:
        return f"{self.region}"


class LeadershipQuota(Model):
    """领导职数: institution (or one of its divisions) × rank → approved number."""

    __tablename__ = "leadership_quota"
    __table_args__ = (
        UniqueConstraint("institution_id", "division_id", "rank_id", name="uq_leadership_holder_rank"),
        CheckConstraint("approved >= 0", name="approved_nonneg"),
        CheckConstraint("used >= 0", name="used_nonneg"),
        CheckConstraint("used <= approved", name="used_le_approved"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id"), index=True)
    institution: Mapped[Institution] = relationship(lazy="joined")
    division_id: Mapped[Optional[int]] = mapped_column(ForeignKey("internal_division.id"))
    division: Mapped[Optional[InternalDivision]] = relationship()
    rank_id: Mapped[int] = mapped_column(ForeignKey("rank.id"))
    rank: Mapped[Rank] = relationship(lazy="joined")
    approved: Mapped[int] = mapped_column(Integer, default=0)
    used: Mapped[int] = mapped_column(Integer, default=0)

    def __repr__(self) -> str:
        return f"{self.division or self.institution} {self.rank}"


# ---------------------------------------------------------------------------
# Persons (实名制)
# ---------------------------------------------------------------------------

PERSON_STATUSES = ("active", "exited")
EXIT_REASONS = ("retired", "transferred_out", "resigned", "dismissed", "expelled", "deceased")
GENDERS = ("M", "F")


class Person(Model):
    """实名制人员.  ``active`` = 在编 (occupies a quota), ``exited`` = 出编."""

    __tablename__ = "person"
    __table_args__ = (
        CheckConstraint(f"status IN {PERSON_STATUSES}", name="status"),
        CheckConstraint(f"gender IN {GENDERS}", name="gender"),
        CheckConstraint(
            "(status = 'active' AND exit_date IS NULL AND exit_reason IS NULL) OR "
            "(status = 'exited' AND exit_date IS NOT NULL AND exit_reason IS NOT NULL)",
            name="exit_consistent",
        ),
        CheckConstraint(f"exit_reason IS NULL OR exit_reason IN {EXIT_REASONS}", name="exit_reason"),
        CheckConstraint("exit_date IS NULL OR entry_date IS NULL OR exit_date >= entry_date", name="dates"),
        # One person occupies one quota at a time (实名制).
        Index(
            "uq_person_active_id_number",
            "id_number",
            unique=True,
            sqlite_where=Column("status") == "active",
            postgresql_where=Column("status") == "active",
        ),
        Index("ix_person_inst_type_status", "institution_id", "quota_type_id", "status"),
        # The global search finds persons by the start of their name (app/search/queries.py).
        Index("ix_person_name", "name", postgresql_ops={"name": "varchar_pattern_ops"}),
        # 超职数 (scheduled verification) counts the few leadership ranks: a range of this index, not a scan.
        Index("ix_person_rank_inst_status", "rank_id", "institution_id", "status"),
        # The exited persons, the ones no ``occupied`` counter counts (the dashboards' persons counts);
        # with the status in it, the count reads the index alone.
        Index(
            "ix_person_exited",
            "institution_id",
            "quota_type_id",
            "status",
            sqlite_where=Column("status") == "exited",
            postgresql_where=Column("status") == "exited",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    id_number: Mapped[str] = mapped_column(String(18), index=True)
    gender: Mapped[str] = mapped_column(String(1))
    birth_date: Mapped[Optional[dt.date]] = mapped_column(Date)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id"))
    institution: Mapped[Institution] = relationship(lazy="joined")
    quota_type_id: Mapped[int] = mapped_column(ForeignKey("quota_type.id"))
    # Joined, like the institution: a list page read each distinct rank with a statement of its own.
    quota_type: Mapped[QuotaType] = relationship(lazy="joined")
    division_id: Mapped[Optional[int]] = mapped_column(ForeignKey("internal_division.id"))
    division: Mapped[Optional[InternalDivision]] = relationship()
    post: Mapped[Optional[str]] = mapped_column(String(100))
    rank_id: Mapped[Optional[int]] = mapped_column(ForeignKey("rank.id"))
    rank: Mapped[Optional[Rank]] = relationship(lazy="joined")
    status: Mapped[str] = mapped_column(String(10), default="active")
    entry_date: Mapped[Optional[dt.date]] = mapped_column(Date)
    exit_date: Mapped[Optional[dt.date]] = mapped_column(Date)
    exit_reason: Mapped[Optional[str]] = mapped_column(String(20))

    def __repr__(self) -> str:
        return self.name


# ---------------------------------------------------------------------------
# Account ↔ institution binding for department users (row scoping)
# ---------------------------------------------------------------------------


class UserInstitution(Model):
    """Binds a login to the institution whose subtree it may reach."""

    __tablename__ = "user_institution"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"), unique=True)
    user: Mapped[User] = relationship()
    institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id"))
    institution: Mapped[Institution] = relationship()
