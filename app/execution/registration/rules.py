"""Pure rules of registration: each matter's steps and required materials, the 20 %
开办资金 threshold, the annual-report window, certificate validity.  No database."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Optional

FULL_STEPS = ("applied", "accepted", "reviewed", "approved", "issued", "announced")
# An annual report is received, reviewed and published: nothing is approved or issued.
REPORT_STEPS = ("applied", "accepted", "reviewed", "announced")
STEPS_BY_MATTER = {matter: FULL_STEPS for matter in
                   ("establish", "change", "cancel", "simple_cancel", "renew", "reissue", "code_issue")}
STEPS_BY_MATTER["annual_report"] = REPORT_STEPS

# 登记管理机关 checklists (事业单位登记管理暂行条例实施细则); the applicant lists what it
# hands in, one per line, and a missing item is refused by name.
REQUIRED_MATERIALS = {
    "establish": ("登记申请书", "审批机关批准文件", "场所使用权证明", "经费来源证明", "开办资金确认证明",
                  "法定代表人任职文件", "章程草案"),
    "change": ("变更登记申请书", "举办单位同意变更文件", "变更事项证明文件"),
    "cancel": ("注销登记申请书", "举办单位同意注销文件", "清算报告", "法人证书正副本"),
    "simple_cancel": ("注销登记申请书", "举办单位同意注销文件", "权利义务承接证明", "法人证书正副本"),
    "annual_report": ("年度报告书", "资产负债表"),
    "renew": ("换领申请书", "法人证书正副本"),
    "reissue": ("补领申请书", "遗失声明"),
    "code_issue": ("赋码申请表", "机构设立批准文件"),
}
# 设立 is for 事业单位; 赋码发证 is for 机关 and 群团 (GB 32100 category codes).
CATEGORY_OF_MATTER = {"establish": ("2",), "code_issue": ("1", "3")}
ISSUING_MATTERS = ("establish", "code_issue", "renew", "reissue")
CANCELLING_MATTERS = ("cancel", "simple_cancel")
FUNDS_THRESHOLD = Decimal("0.20")  # a 开办资金 change above 20 % needs a 变更登记
CERT_YEARS = 5
SAME_DAY_TARGET_S = 600  # the 10-minute issue target


def steps_of(matter: str) -> tuple[str, ...]:
    return STEPS_BY_MATTER[matter]


def next_step(matter: str, step: str) -> Optional[str]:
    steps = steps_of(matter)
    i = steps.index(step)
    return steps[i + 1] if i + 1 < len(steps) else None


def missing_materials(matter: str, materials: Optional[str]) -> list[str]:
    given = {line.strip() for line in (materials or "").replace("；", "\n").replace(";", "\n").splitlines()}
    return [m for m in REQUIRED_MATERIALS[matter] if m not in given]


def funds_change_ratio(before: Decimal, after: Decimal) -> Decimal:
    """|after − before| / before; ``before`` is positive."""
    return abs(Decimal(after) - Decimal(before)) / Decimal(before)


def report_deadline(year: int) -> dt.date:
    """A year's annual report is due from 1 January to 31 March of the next year."""
    return dt.date(year + 1, 3, 31)


def report_window_opens(year: int) -> dt.date:
    return dt.date(year + 1, 1, 1)


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def cert_validity(start: dt.date) -> tuple[dt.date, dt.date]:
    """Five years, the last day included: 2026-05-01 → 2031-04-30."""
    return start, add_years(start, CERT_YEARS) - dt.timedelta(days=1)

# Refusals name matters and steps in both languages (one parameter for zh and en).
MATTER_TEXT = {"establish": "设立 establishment", "change": "变更 change", "cancel": "注销 cancellation",
               "simple_cancel": "简易注销 simplified cancellation", "annual_report": "年度报告 annual report",
               "renew": "证书换领 certificate renewal", "reissue": "补领 reissue", "code_issue": "赋码发证 code issue"}
STEP_TEXT = {"applied": "申请 applied", "accepted": "受理 accepted", "reviewed": "审查 reviewed",
             "approved": "核准 approved", "issued": "发证 issued", "announced": "公告 announced"}
