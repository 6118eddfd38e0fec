"""Every column accounted for (issue #9, 3-5): header synonyms, the column report of
the dry run, information given twice (a unit's name and USCC, a region's name and
code) checked to agree, and the quota-type hint."""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.core.db import transaction
from app.core.errors import DomainError
from app.extensions import db
from app.imports import batches, engine, specs
from app.quota import services
from app.quota.models import Institution, Person, QuotaType
from tests.factories import valid_id_number
from tests.imports.fixtures import PERSON_HEADER, csv_bytes, dry, person_rows, snapshot, verdicts, xlsx

DATA = Path(__file__).parent / "data"
SCHOOL_USCC = "123702000000000191"  # as in data/make_libreoffice_files.py
FIN_USCC = "11370200000000027Y"


@pytest.fixture()
def coded(world):
    with transaction():
        services.update_institution(db.session.get(Institution, world["school"]), uscc=SCHOOL_USCC)
        services.update_institution(db.session.get(Institution, world["fin"]), uscc=FIN_USCC)
    return world


def columns(batch) -> list[list]:
    return engine.load_columns(batches.file_of(batch.id, "results"))


def test_every_column_is_mapped_or_reported_as_ignored(world):
    header = [*PERSON_HEADER, "备注", None]
    rows = [[*r, "调入", "无表头的值"] for r in person_rows("青岛二中", 2)]
    batch = dry("persons", xlsx([header, *rows]))
    assert batch.status == "validated"
    report = {letter: (written, key) for letter, written, key in columns(batch)}
    assert report["A"] == ("姓名", "name") and report["B"] == ("身份证号", "id_number")
    assert report["J"] == ("备注", None)  # ignored, and said so
    assert report["K"] == ("", None)  # no header but values: reported as well
    assert sorted(report) == list("ABCDEFGHIJK")


def test_one_field_under_two_synonyms_is_refused_naming_both(world):
    """身份证号 and 公民身份号码 both present: neither is read silently in place of the other."""
    header = ["姓名", "身份证号", "公民身份号码", "机构", "编制类型"]
    number = valid_id_number()
    before = snapshot()
    batch = dry("persons", xlsx([header, ["甲", number, number, "青岛二中", "事业编制"]]))
    assert batch.status == "refused"
    assert batch.message == "列 公民身份号码 与列 身份证号 是同一项信息 (同义表头), 请只保留一列"
    assert snapshot() == before


def test_unit_name_and_uscc_are_both_checked(coded):
    header = ["姓名", "身份证号", "机构", "统一社会信用代码", "编制类型"]
    n = [valid_id_number() for _ in range(5)]
    rows = [header,
            ["一致", n[0], "青岛二中", SCHOOL_USCC, "事业编制"],
            ["不一致", n[1], "青岛二中", FIN_USCC, "事业编制"],
            ["代码不存在", n[2], "青岛二中", "91370200MA3C0000X1", "事业编制"],
            ["只有代码", n[3], None, SCHOOL_USCC, "事业编制"],
            ["代码是数字", n[4], "青岛二中", int(SCHOOL_USCC), "事业编制"]]
    before = snapshot()
    batch = dry("persons", xlsx(rows))
    v = verdicts(batch)
    assert v[2] == "" and v[5] == ""
    assert v[3] == f"机构 青岛二中 与 单位统一社会信用代码 {FIN_USCC} 不一致 (两列指的不是同一条记录), 请核对后重新导入"
    assert "单位统一社会信用代码 91370200MA3C0000X1 不存在" in v[4]
    assert "第 6 行 单位统一社会信用代码 是数字单元格" in v[6]
    report = {letter: (written, key) for letter, written, key in columns(batch)}
    assert report["D"] == ("统一社会信用代码", "institution_uscc")
    with pytest.raises(DomainError):
        batches.commit(batch.id, batch.sha256)
    assert snapshot() == before


def test_institutions_with_real_headers_and_a_region_code(world):
    """行政区划代码 alone is the region; beside 行政区划 it must name the same one."""
    header = ["单位名称", "机构类型", "行政区划代码", "上级单位", "是否限额内"]
    batch = dry("institutions", xlsx([header, ["区示例局", "政府工作部门", "370202", "市教育局", "是"]]))
    assert batch.status == "validated", batch.message
    report = {written: key for _, written, key in columns(batch)}
    assert report == {"单位名称": "name", "机构类型": "category", "行政区划代码": "region_code",
                      "上级单位": "parent", "是否限额内": "within_cap"}
    batches.commit(batch.id, batch.sha256)
    inst = db.session.execute(select(Institution).where(Institution.name == "区示例局")).scalar_one()
    assert inst.region.name == "市南区"

    header = ["机构名称", "机构类别", "行政区划", "行政区划代码"]
    rows = [header, ["甲局", "政府工作部门", "市南区", "370202"], ["乙局", "政府工作部门", "市南区", 370203],
            ["丙局", "政府工作部门", None, None]]
    before = snapshot()
    batch = dry("institutions", xlsx(rows))
    v = verdicts(batch)
    assert v[2] == ""
    assert v[3] == "行政区划 市南区 与 行政区划代码 370203 不一致 (两列指的不是同一条记录), 请核对后重新导入"
    assert v[4] == "行政区划 / 行政区划代码 为必填项"
    assert snapshot() == before


def test_a_file_without_either_region_column_is_refused(world):
    batch = dry("institutions", xlsx([["机构名称", "机构类别"], ["甲局", "政府工作部门"]]))
    assert batch.status == "refused" and batch.message == "缺少必需的列: 行政区划"


def test_quota_type_written_the_office_way_names_the_matching_entries(world):
    ref = world["ref"]
    with transaction():
        db.session.get(QuotaType, ref.inst_q).name = "事业编制（全额拨款）"
        db.session.add_all([QuotaType(code="inst_diff", name="事业编制（差额拨款）"),
                            QuotaType(code="inst_self", name="事业编制（自收自支）")])
    rows = [PERSON_HEADER, *person_rows("青岛二中", 1, quota="事业编制"),
            *person_rows("青岛二中", 1, quota="事业编制(全额拨款)", start=5),
            *person_rows("青岛二中", 1, quota="工勤编制", start=9)]
    batch = dry("persons", xlsx(rows))
    v = verdicts(batch)
    assert v[2] == ("编制类型 事业编制 不存在; 相近的有: 事业编制（全额拨款）、事业编制（差额拨款）、事业编制（自收自支）, "
                    "请写出完整名称")
    assert v[3] == ""  # half-width brackets fold to the dictionary's name
    assert v[4] == "编制类型 工勤编制 不存在"  # nothing alike: no hint
    english = engine.load_results(batches.file_of(batch.id, "results"))[0][3]
    assert "did you mean one of: 事业编制（全额拨款）" in english


def test_institution_names_are_never_hinted(world):
    """A hint from the institutions would show a department user units outside its scope."""
    rows = [PERSON_HEADER, *person_rows("青岛", 1)]
    assert verdicts(dry("persons", xlsx(rows)))[2] == "机构 青岛 不存在"


def test_the_template_lists_the_accepted_headers(app_ctx):
    rows = list(load_workbook(io.BytesIO(specs.get("institutions").template()))["说明"].iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[0] and str(row[0]).startswith("表头同义词"))
    end = next(i for i in range(start, len(rows)) if not rows[i][0])
    table = {row[0]: row[1] for row in rows[start + 2:end]}
    assert table["行政区划"] == "行政区划 / 区划 / 所属区划 / 行政区划名称 / 所在地区 / Region"
    assert "区划代码" in table["行政区划代码"] and "单位名称" in table["机构名称"]
    persons = load_workbook(io.BytesIO(specs.get("persons").template()))["说明"]
    text = "\n".join(str(c) for row in persons.iter_rows(values_only=True) for c in row if c)
    assert "公民身份号码" in text and "统一社会信用代码" in text and "忽略" in text


def test_a_libreoffice_file_with_real_headers(coded):
    """data/persons-synonyms-libreoffice.xlsx (make_libreoffice_files.py): synonyms,
    a 备注 column, the unit's USCC beside its name (wrong on row 3), 事业编 on row 4."""
    data = (DATA / "persons-synonyms-libreoffice.xlsx").read_bytes()
    before = snapshot()
    batch = dry("persons", data, "persons-synonyms-libreoffice.xlsx")
    v = verdicts(batch)
    assert v[2] == ""
    assert "不一致" in v[3] and FIN_USCC in v[3]
    assert v[4].startswith("编制类型 事业编 不存在; 相近的有: 事业编制")
    report = {written: key for _, written, key in columns(batch)}
    assert report == {"人员姓名": "name", "公民身份号码": "id_number", "工作单位": "institution",
                      "统一社会信用代码": "institution_uscc", "编制类别": "quota_type", "人员状态": "status",
                      "进编日期": "entry_date", "备注": None}
    with pytest.raises(DomainError):
        batches.commit(batch.id, batch.sha256)
    assert snapshot() == before


def test_the_batch_page_shows_the_column_report(app, world):
    from tests.conftest import login
    from tests.factories import make_user

    make_user(app, "staff9", "staff")
    client = app.test_client()
    login(client, "staff9")
    batch = dry("persons", csv_bytes([[*PERSON_HEADER, "备注"], [*person_rows("青岛二中", 1)[0], "x"]]), "p.csv")
    html = client.get(f"/imports/batch/{batch.id}").get_data(as_text=True)
    assert 'id="import-columns"' in html and 'data-column="J"' in html
    assert "备注" in html and "忽略, 不导入" in html and "身份证号 / ID number" in html


def test_no_header_is_a_synonym_of_two_fields(app_ctx):
    """Every registered list: a header names one field, or the file would be read by chance."""
    for spec in specs.SPECS.values():
        owner: dict[str, str] = {}
        for column in spec.columns:
            for header in column.headers():
                assert owner.setdefault(header, column.key) == column.key, (spec.name, header)
