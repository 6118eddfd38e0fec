"""Registration's scheduled verification rules (issue #14 §6), registered into
``app.core.checks`` from this package: missing annual reports and expiring
certificates.  Each is the registration report's own set-based query
(``queries.annual_report_base``, ``queries.expiring_query``), unscoped; each
problem is a finding of its unit, resolved by the run that no longer sees it
(the report filed, the certificate renewed or the unit deregistered)."""
from __future__ import annotations

import datetime as dt

from app.core import checks
from app.execution.registration import queries, rules
from app.execution.registration.models import Certificate
from app.quota.models import Institution


def due_report_years(today: dt.date, years: int) -> list[int]:
    """The ``years`` latest report years whose deadline (31 March of the next year) has passed."""
    last = today.year - 1 if today > rules.report_deadline(today.year - 1) else today.year - 2
    return [last - i for i in range(max(years, 1))]


def missing_annual_reports(session, params, today):
    """未报年度报告: a registered public institution with no report for a year whose deadline
    has passed (one statement per report year checked: ``years``, default the latest)."""
    for year in due_report_years(today - dt.timedelta(days=params.get("grace_days", 0)), params.get("years", 1)):
        base, report, _due_end = queries.annual_report_base(year)
        rows = session.execute(base.where(report.c.applied_at.is_(None)).order_by(Institution.id))
        for inst, name, uscc, _applied in rows:
            yield checks.Problem(
                key=f"{year}:{inst}", institution_id=inst,
                title=f"未报年度报告: {name} {year} 年度 (截止 {rules.report_deadline(year)})",
                detail=f"{name} ({uscc}): 未报送 {year} 年度报告, 截止日 {rules.report_deadline(year)}")


def expiring_certificates(session, params, today):
    """证书即将到期: a valid certificate whose validity ends within ``days`` (or has ended)."""
    rows = session.execute(queries.expiring_query(today, params.get("days", queries.EXPIRING_DAYS))
                           .order_by(Certificate.id))
    for cert_id, cert_no, valid_to, name, inst in rows:
        state = "已过期" if valid_to < today else "即将到期"
        yield checks.Problem(
            key=str(cert_id), institution_id=inst,
            title=f"证书{state}: {name} {cert_no} 有效期至 {valid_to}",
            detail=f"{name}: 证书 {cert_no} 有效期至 {valid_to}, 请办理证书换领")


RULES = (
    checks.Rule(code="missing_annual_reports", name="未报年度报告", name_en="Missing annual reports",
                check=missing_annual_reports, params={"years": 1, "grace_days": 0}, cron="0 3 * * *",
                description="已登记事业单位在年度报告截止日 (次年 3 月 31 日) 后仍未报送上一年度报告"),
    checks.Rule(code="expiring_certificates", name="证书即将到期", name_en="Expiring certificates",
                check=expiring_certificates, params={"days": queries.EXPIRING_DAYS}, cron="0 3 * * 1",
                description="有效的事业单位法人证书、统一社会信用代码证书在 days 天内到期或已过期"),
)


def register() -> None:
    from app.execution.registration.time_limits import RULE as OVERDUE

    for rule in (*RULES, OVERDUE):
        checks.register(rule)
