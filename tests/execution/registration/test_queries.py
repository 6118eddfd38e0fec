"""The report's SQL aggregates: monthly issue figures, late and missing annual reports
(deregistered and newly established units are not due), expiring certificates."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app.execution.registration import queries
from tests.execution.registration.fixtures import establish, file, walk
from tests.factories import new_institution


def report(pk, when):
    return file(pk, "annual_report", now=when, report_year=2026, activities="开展业务",
                net_assets=Decimal(10), staff_count=3)


def test_monthly_figures(units):
    # make_units issued three certificates on 2026-05-06, 9 minutes after receipt
    slow = file(units.school, "reissue", reason="遗失", now=dt.datetime(2026, 6, 1, 9))
    walk(slow, "issued", start=dt.datetime(2026, 6, 1, 9), minutes=20)  # 60 minutes: same day, not within 10
    late = file(units.successor, "reissue", reason="遗失", now=dt.datetime(2026, 6, 2, 16))
    walk(late, "issued", start=dt.datetime(2026, 6, 2, 16), minutes=300)  # issued the next day
    rows = {r["month"]: r for r in queries.monthly(2026)}
    assert rows[5]["issued"] == 3 and rows[5]["same_day_rate"] == 1 and rows[5]["within_10_rate"] == 1
    assert rows[5]["avg_min"] == 6  # 受理 → 发证: three steps of 2 minutes
    assert (rows[6]["issued"], rows[6]["same_day"], rows[6]["within_10"]) == (2, 1, 0)
    assert queries.monthly(2025) == []


def test_late_and_missing_annual_reports(units):
    older = new_institution(units.ref, "市教育技术中心", parent=units.bureau, category="pi", within_cap=False)
    establish(older, now=dt.datetime(2027, 1, 10, 9))  # established in 2027: no 2026 report due
    report(units.school, dt.datetime(2027, 3, 2, 10))  # on time
    report(units.successor, dt.datetime(2027, 4, 10, 10))  # late
    gone = new_institution(units.ref, "市教育后勤中心", parent=units.bureau, category="pi", within_cap=False)
    establish(gone, now=dt.datetime(2026, 2, 1, 9))
    walk(file(gone, "cancel", clearing_report="清算报告", now=dt.datetime(2027, 2, 1, 9)), "issued",
         start=dt.datetime(2027, 2, 1, 9))  # deregistered before the deadline: not due
    status = queries.annual_report_status(2026, today=dt.date(2027, 5, 1))
    assert [r.name for r in status["late"]] == ["市教育服务中心"]
    assert [r.name for r in status["missing"]] == ["市卫生监督所"]
    assert (status["filed_count"], status["late_count"], status["missing_count"]) == (2, 1, 1)
    assert queries.annual_report_status(2026, today=dt.date(2027, 3, 1))["missing"] == []  # window still open


def test_expiring_certificates(units):
    total, rows = queries.expiring_certificates(dt.date(2031, 3, 1))  # certificates of 2026-05-06 end 2031-05-05
    assert total == 3 and {r.name for r in rows} == {"市第一中学", "市教育服务中心", "市卫生监督所"}
    assert queries.expiring_certificates(dt.date(2031, 1, 1))[0] == 0
