"""Annual reports by import: a verdict per row from the same service (window, one per
year, materials, unknown unit), then all or nothing."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.execution.registration.models import Registration
from app.extensions import db
from app.imports import batches
from tests.execution.registration.fixtures import reload, uscc_of
from tests.imports.fixtures import dry, verdicts, xlsx

HEADER = ["单位", "报告年度", "开展业务活动情况", "净资产(万元)", "从业人数", "提交材料"]


def test_annual_reports_imported_row_by_row_then_all_or_nothing(units):
    good = [uscc_of(units.school), 2025, "开展教学", "1,234.5", 150, "年度报告书;资产负债表"]
    rows = [HEADER, good,
            ["市教育服务中心", 2025, "开展服务", "abc", 10, "年度报告书;资产负债表"],  # not a number
            ["市卫生监督所", 2025, "监督执法", "300", 40, "年度报告书"],  # material missing
            ["不存在的单位", 2025, "x", "1", 1, "年度报告书;资产负债表"],
            ["市教育考试院", 2025, "x", "1", 1, "年度报告书;资产负债表"],  # not registered
            [uscc_of(units.school), 2025, "再报一次", "1", 1, "年度报告书;资产负债表"]]  # twice in the file
    batch = dry("annual-reports", xlsx(rows))
    found = verdicts(batch)
    assert found[2] == ""
    assert "不是数字" in found[3] and "资产负债表" in found[4] and "不存在的单位" in found[5]
    assert "尚未登记" in found[6] and found[7]
    assert db.session.execute(select(Registration.id).where(Registration.matter == "annual_report")).all() == []

    batch = dry("annual-reports", xlsx([HEADER, good]))
    assert verdicts(batch) == {2: ""}
    batches.commit(batch.id, batch.sha256)
    db.session.expire_all()
    reg = db.session.execute(select(Registration).where(Registration.matter == "annual_report")).scalar_one()
    assert (reg.institution_id, reg.report_year, str(reg.net_assets), reg.step) == (
        units.school, 2025, "1234.50", "applied")
    assert reg.applied_at.date() == dt.date.today() and reload(Registration, reg.id) is not None
