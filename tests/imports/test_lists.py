"""Institutions, ledger entries and regional caps through the same engine, and a
race: two threads committing one validated batch, exactly one imports."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from app.core.errors import DomainError
from app.extensions import db
from app.imports import batches, specs
from app.imports.models import ImportBatch
from app.quota.models import Institution, QuotaAllocation, RegionalCap
from tests.imports.fixtures import PERSON_HEADER, dry, person_rows, snapshot, verdicts, xlsx

LEDGER = ["机构", "编制类型", "增减数", "原因", "文号", "生效日期"]
INSTITUTIONS = ["机构名称", "机构类别", "行政区划", "上级机构", "限额内", "状态", "成立日期"]


def test_ledger_over_the_regional_cap_cumulatively(world):
    """Cap 100 for 行政编制 in 青岛市, 10 used: 60 + 30 fit, the next 1 does not."""
    rows = [LEDGER,
            ["市教育局", "行政编制", 60, "调整", "青编〔2024〕1号", "2024-03-01"],
            ["市财政局", "行政编制", "３０", "调整", "青编〔2024〕2号", "2024/3/1"],
            ["市财政局", "行政编制", 1, "调整", "青编〔2024〕3号", "2024/3/1"],
            ["市财政局", "行政编制", 1, "调整", "青编〔2024〕3号", "2024/3/1"],
            ["青岛二中", "行政编制", 1, "调整", "青编〔2024〕4号", None],
            ["市财政局", "行政编制", -40, "核减", "青编〔2024〕5号", None]]
    batch = dry("ledger", xlsx(rows))
    v = verdicts(batch)
    assert v[2] == "" and v[3] == ""
    assert "违反总量不突破: 青岛市 行政编制 总量 100, 已核定 100, 本次申请 1, 超出 1" in v[4]
    assert "与第 4 行重复" in v[5]
    assert "不得混用编制" in v[6]
    assert "核定 35" in v[7] and "低于在编人数" in v[7]  # 5 + the 30 of row 3: cumulative
    with pytest.raises(DomainError):
        batches.commit(batch.id, batch.sha256)


def test_ledger_commit(world):
    rows = [LEDGER, ["市教育局", "行政编制", 20, "调整", "青编〔2024〕1号", "2024-03-01"],
            ["市教育局", "行政编制", -3, "核减", "青编〔2024〕2号", "2024-03-02"]]
    batch = dry("ledger", xlsx(rows))
    batches.commit(batch.id, batch.sha256)
    alloc = db.session.execute(select(QuotaAllocation).where(QuotaAllocation.institution_id == world["edu"])).scalar_one()
    assert alloc.approved == 5 + 20 - 3
    cap = db.session.execute(select(RegionalCap)).scalar_one()
    assert cap.used == 10 + 17


def test_institutions_with_a_parent_created_earlier_in_the_same_file(world):
    rows = [INSTITUTIONS,
            ["市科技局", "政府工作部门", "370200", None, "是", "正常", "2019-03-01"],
            ["市科技局办公室", "公益一类事业单位", "青岛市", "市科技局", "否", "正常", None],
            ["市教育局", "政府工作部门", "370200", None, "是", "正常", None],
            ["市外星局", "外星机构", "370200", None, "是", "正常", None],
            ["市科技局", "政府工作部门", "370200", None, "是", "正常", None]]
    batch = dry("institutions", xlsx(rows))
    v = verdicts(batch)
    assert v[2] == "" and v[3] == ""
    assert "已有机构 市教育局" in v[4]
    assert "机构类别 外星机构 不存在" in v[5]
    assert "与第 2 行重复" in v[6]
    ok = dry("institutions", xlsx(rows[:3]))
    batches.commit(ok.id, ok.sha256)
    child = db.session.execute(select(Institution).where(Institution.name == "市科技局办公室")).scalar_one()
    assert child.parent.name == "市科技局" and child.path == f"{child.parent.path}{child.id}/"
    assert child.within_cap is False


def test_regional_caps_create_update_and_below_used(world):
    rows = [["行政区划", "编制类型", "总量"], ["370200", "行政编制", 200], ["市南区", "事业编制", 50],
            ["370200", "行政编制", 5]]
    v = verdicts(dry("regional-caps", xlsx(rows)))
    assert v[2] == "" and v[3] == ""
    assert "与第 2 行重复" in v[4]
    rows = [["行政区划", "编制类型", "总量"], ["370200", "行政编制", 5]]
    v = verdicts(dry("regional-caps", xlsx(rows)))
    assert "已核定 10, 总量不能调整为 5" in v[2]
    rows = [["区划", "编制类型", "总量"], ["370200", "行政编制", 300], ["370202", "事业编制", 40]]
    batch = dry("regional-caps", xlsx(rows))
    batches.commit(batch.id, batch.sha256)
    caps = {(c.region.code, c.quota_type.name): (c.total, c.used)
            for c in db.session.execute(select(RegionalCap)).scalars()}
    assert caps == {("370200", "行政编制"): (300, 10), ("370202", "事业编制"): (40, 0)}


def test_every_list_has_a_template_with_its_headers(app_ctx):
    from openpyxl import load_workbook
    import io

    assert {"persons", "institutions", "ledger", "regional-caps"} <= set(specs.SPECS)
    for spec in specs.SPECS.values():
        wb = load_workbook(io.BytesIO(spec.template()))
        assert [c.value for c in wb["数据"][1]] == [c.header for c in spec.columns]
        notes = [[c.value for c in row] for row in wb["说明"].iter_rows()]
        assert any(row[0] == spec.columns[0].header and row[1] == spec.columns[0].label for row in notes)


def test_two_threads_commit_one_batch_exactly_one_imports(app, world):
    batch = dry("persons", xlsx([PERSON_HEADER, *person_rows("青岛二中", 5)]))
    before = snapshot()
    batch_id, digest = batch.id, batch.sha256
    db.session.remove()
    outcomes, barrier = [], threading.Barrier(2)

    def commit():
        with app.app_context():
            barrier.wait()
            try:
                batches.commit(batch_id, digest)
                outcomes.append("committed")
            except DomainError as err:
                outcomes.append(err.key)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=commit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcomes) == ["committed", "import.not_validated"]
    after = snapshot()
    assert after["persons"] == before["persons"] + 5 and after["occupied"] == before["occupied"] + 5
    assert db.session.get(ImportBatch, batch_id).status == "committed"


def test_the_same_file_in_two_validated_batches_commits_once(world):
    data = xlsx([PERSON_HEADER, *person_rows("青岛二中", 2)])
    first, second = dry("persons", data), dry("persons", data)
    assert first.status == second.status == "validated"
    batches.commit(first.id, first.sha256)
    before = snapshot()
    with pytest.raises(DomainError) as err:
        batches.commit(second.id, second.sha256)
    assert err.value.key in ("import.already_imported", "import.commit_row_failed")
    assert snapshot() == before


def test_reference_names_with_full_width_brackets_and_codes_with_full_width_digits(world):
    from app.core.db import transaction
    from app.quota.models import QuotaType

    with transaction():
        db.session.add(QuotaType(code="full", name="事业编制（全额拨款）"))
    rows = [["行政区划", "编制类型", "总量"], ["３７０２００", "事业编制（全额拨款）", 9]]
    assert verdicts(dry("regional-caps", xlsx(rows))) == {2: ""}
