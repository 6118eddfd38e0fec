"""报告: a period summary for the municipal and provincial committee (SPEC §3).

Three parts, all SQL aggregates: the cases approved in the period (by type),
the quota changes recorded in the period (by region and quota type), and the
headcount now (approved / occupied / vacant by quota type).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from app.core.errors import ValidationFailed
from app.core.excel import write_workbook
from app.extensions import db
from app.justification.cases.labels import CHOICES as CASE_CHOICES
from app.justification.cases.models import AdjustmentCase
from app.quota.models import Institution, QuotaAllocation, QuotaLedgerEntry, QuotaType, Region


@dataclass
class Table:
    title: str  # sheet title (bilingual, short)
    headers: list[str]
    rows: list[tuple]


def _check_period(start: dt.date, end: dt.date) -> None:
    if start is None or end is None or end < start:
        raise ValidationFailed("report.period", start=start, end=end)


def _case_type(code: str) -> str:
    """A case type by its label (增编), never its code (issue #11)."""
    return str(dict(CASE_CHOICES["case_type"]).get(code, code))


def approvals(start: dt.date, end: dt.date) -> Table:
    rows = db.session.execute(
        select(AdjustmentCase.case_type, func.count(AdjustmentCase.id))
        .where(AdjustmentCase.approved_on >= start, AdjustmentCase.approved_on <= end)
        .group_by(AdjustmentCase.case_type).order_by(AdjustmentCase.case_type)
    ).all()
    return Table("批复事项 Approvals", ["事项类型 Case type", "批复件数 Approved"],
                 [(_case_type(code), n) for code, n in rows])


def approved_cases(start: dt.date, end: dt.date) -> Table:
    rows = db.session.execute(
        select(AdjustmentCase.number, AdjustmentCase.title, AdjustmentCase.case_type, Institution.name,
               AdjustmentCase.approval_doc_no, AdjustmentCase.approved_on)
        .join(Institution, Institution.id == AdjustmentCase.institution_id)
        .where(AdjustmentCase.approved_on >= start, AdjustmentCase.approved_on <= end)
        .order_by(AdjustmentCase.approved_on, AdjustmentCase.id)
    ).all()
    return Table("事项清单 Cases", ["编号 No.", "标题 Title", "类型 Type", "申请单位 Applicant", "文号 Doc No.",
                                   "批复日期 Approved on"],
                 [(no, title, _case_type(kind), *rest) for no, title, kind, *rest in rows])


def quota_changes(start: dt.date, end: dt.date) -> Table:
    L = QuotaLedgerEntry
    rows = db.session.execute(
        select(Region.name, QuotaType.name,
               func.coalesce(func.sum(func.abs(L.delta) + L.delta), 0) / 2,  # increases
               func.coalesce(func.sum(func.abs(L.delta) - L.delta), 0) / 2,  # decreases
               func.coalesce(func.sum(L.delta), 0), func.count(L.id))
        .join(Institution, Institution.id == L.institution_id)
        .join(Region, Region.id == Institution.region_id)
        .join(QuotaType, QuotaType.id == L.quota_type_id)
        .where(L.effective_on >= start, L.effective_on <= end)
        .group_by(Region.name, QuotaType.name).order_by(Region.name, QuotaType.name)
    ).all()
    return Table("编制变动 Quota changes", ["区划 Region", "编制类型 Quota type", "核增 Increased", "核减 Decreased",
                                        "净变动 Net", "台账笔数 Entries"],
                 [(r[0], r[1], int(r[2]), int(r[3]), int(r[4]), int(r[5])) for r in rows])


def headcount() -> Table:
    A = QuotaAllocation
    rows = db.session.execute(
        select(QuotaType.name, func.sum(A.approved), func.sum(A.occupied))
        .join(QuotaType, QuotaType.id == A.quota_type_id)
        .group_by(QuotaType.name, QuotaType.id).order_by(QuotaType.id)
    ).all()
    return Table("实有人员 Headcount", ["编制类型 Quota type", "核定 Approved", "在编 Occupied", "空编 Vacant"],
                 [(r[0], int(r[1] or 0), int(r[2] or 0), int(r[1] or 0) - int(r[2] or 0)) for r in rows])


def summary(start: dt.date, end: dt.date) -> list[Table]:
    _check_period(start, end)
    return [approvals(start, end), approved_cases(start, end), quota_changes(start, end), headcount()]


def summary_xlsx(start: dt.date, end: dt.date) -> bytes:
    tables = summary(start, end)
    cover = Table("说明 About", ["项目 Item", "内容 Value"],
                  [("报告期间 Period", f"{start.isoformat()} — {end.isoformat()}"),
                   ("生成时间 Generated", dt.datetime.now().strftime("%Y-%m-%d %H:%M"))])
    return write_workbook((t.title, t.headers, t.rows) for t in [cover, *tables])
