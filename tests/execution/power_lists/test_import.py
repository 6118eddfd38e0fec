"""The power list through the import engine: a verdict per row from the dry run
(the same services as the form), all or nothing at commit, the template."""
from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.core.errors import DomainError
from app.extensions import db
from app.execution.power_lists.models import PowerImplementation, PowerItem
from app.imports import batches, specs
from tests.execution.power_lists.fixtures import state_of_lists
from tests.imports.fixtures import dry, verdicts, xlsx

HEADER = ["实施主体", "层级", "事项编码", "事项名称", "事项类型", "子项", "设定依据", "承办机构", "法定时限", "承诺时限",
          "收费", "责任事项", "追责情形"]


def row(inst="市教育局", level="市", code=None, name="中小学校设立审批", type_="行政许可", basis="《教育法》第二十七条",
        statutory=20, promised=10, duties="受理: 一次性告知\n决定: 按时办结", cases="未在法定期限内作出决定的"):
    return [inst, level, code, name, type_, None, basis, "审批处", statutory, promised, "不收费", duties, cases]


def test_rows_get_verdicts_and_a_bad_file_changes_nothing(pw):
    item_code = db.session.get(PowerItem, pw.item).code
    rows = [HEADER, row(), row(inst="市南区教育和体育局", level="区市", code=item_code, name="民办学校设立审批"),
            row(code="12345"), row(promised=30, name="校车使用许可"), row(type_="行政许可许可", name="学历认证"),
            row(inst="不存在的局"),
            row(inst="市南区教育和体育局", level="区市", code=item_code, name="民办学校设立审批")]
    before = state_of_lists()
    batch = dry("power_lists", xlsx(rows))
    v = verdicts(batch)
    assert v[2] == "" and v[3] == ""
    assert "不符合编码格式" in v[4]
    assert "承诺时限 30 日超过法定时限 20 日" in v[5]
    assert "行政许可许可" in v[6] and "不存在的局" in v[7]
    assert "重复" in v[8]
    with pytest.raises(DomainError):
        batches.commit(batch.id, batch.sha256)
    db.session.rollback()
    assert state_of_lists()["items"] == before["items"] and state_of_lists()["impls"] == before["impls"]


def test_a_good_file_commits_every_row_with_its_duties(pw):
    item_code = db.session.get(PowerItem, pw.item).code
    batch = dry("power_lists", xlsx([HEADER, row(), row(inst="市南区教育和体育局", level="区市", code=item_code,
                                                         name="民办学校设立审批(区)")]))
    assert set(verdicts(batch).values()) == {""}
    batches.commit(batch.id, batch.sha256)
    db.session.expire_all()
    new = db.session.execute(select(PowerItem).where(PowerItem.name == "中小学校设立审批")).scalar_one()
    impl = db.session.execute(select(PowerImplementation).where(PowerImplementation.item_id == new.id)).scalar_one()
    assert new.code[9:11] == "01" and [r.step_name for r in impl.responsibilities] == ["受理", "决定"]
    district = db.session.execute(select(PowerImplementation).where(
        PowerImplementation.institution_id == pw.district)).scalar_one()
    assert (district.item_id, district.level, district.name) == (pw.item, "district", "民办学校设立审批(区)")


def test_the_template_has_the_list_headers(app_ctx):
    book = load_workbook(io.BytesIO(specs.get("power_lists").template()))
    assert [c.value for c in book["数据"][1]] == HEADER
