"""Persons through the engine: dry run verdicts, cumulative invariants, commit all or nothing."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.core.audit import AuditLog, verify_chain
from app.core.errors import DomainError
from app.extensions import db
from app.imports import batches
from app.imports.models import ImportBatch
from app.quota.models import Person, QuotaAllocation
LATER = (dt.date.today() + dt.timedelta(days=30)).isoformat()  # after the factories' entry dates (today)

from tests.imports.fixtures import PERSON_HEADER, csv_bytes, dry, ids, person_rows, snapshot, verdicts, xlsx


def test_clean_file_dry_run_changes_nothing_then_commit_imports_every_row(world):
    before = snapshot()
    batch = dry("persons", xlsx([PERSON_HEADER, *person_rows("青岛二中", 4)]))
    assert (batch.status, batch.total_rows, batch.ok_rows, batch.error_rows) == ("validated", 4, 4, 0)
    assert set(verdicts(batch).values()) == {""}
    assert snapshot() == before  # the dry run left nothing behind

    batches.commit(batch.id, batch.sha256)
    after = snapshot()
    assert after["persons"] == before["persons"] + 4 and after["occupied"] == before["occupied"] + 4
    db.session.refresh(batch)
    assert batch.status == "committed" and batch.committed_at is not None
    # every imported row is audited, and the chain is intact
    created = db.session.execute(select(AuditLog).where(AuditLog.object_type == "Person",
                                                        AuditLog.action == "create")).scalars().all()
    assert len(created) == 4
    assert db.session.execute(select(AuditLog).where(AuditLog.object_type == "ImportBatch",
                                                     AuditLog.action == "import")).scalar_one()
    assert verify_chain(db.session) is None


def test_over_quota_is_evaluated_cumulatively_across_the_file(world):
    """10 free 事业编制 slots at 青岛二中: rows 2-11 pass, rows 12-13 are over quota."""
    rows = person_rows("青岛二中", 12)
    batch = dry("persons", xlsx([PERSON_HEADER, *rows]))
    v = verdicts(batch)
    assert batch.status == "invalid" and batch.error_rows == 2
    assert all(v[n] == "" for n in range(2, 12))
    assert "不得超编进人" in v[12] and "核定 10, 在编 10" in v[12] and "超出 1" in v[12]
    assert "不得超编进人" in v[13]
    before = snapshot()
    with pytest.raises(DomainError):
        batches.commit(batch.id, batch.sha256)
    assert snapshot() == before


def test_in_file_duplicates_and_duplicates_of_the_database(world):
    ref = world["ref"]
    number = ids(1)[0]
    from tests.factories import new_person

    existing = ids(1, start=500)[0]
    new_person(world["school"], ref.inst_q, id_number=existing)
    rows = [PERSON_HEADER,
            ["甲", number, "青岛二中", "事业编制", None, "在编", None, None, None],
            ["乙", number, "青岛二中", "事业编制", None, "在编", None, None, None],
            ["丙", existing, "青岛二中", "事业编制", None, "在编", None, None, None]]
    v = verdicts(dry("persons", xlsx(rows)))
    assert v[2] == ""
    assert "与第 2 行重复" in v[3]
    assert "已在 青岛二中 在编" in v[4]


def test_trailing_spaces_full_width_digits_and_dates_as_text(world):
    numbers = ids(5)
    full_width = numbers[0].translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    rows = [PERSON_HEADER,
            ["张三  ", full_width + " ", " 青岛二中\u3000", "事业编制 ", None, "在编", "2024/3/1", None, None],
            ["李四", numbers[1], "青岛二中", "事业编制", None, "在编", "2024年3月1日", None, None],
            ["王五", numbers[2], "青岛二中", "事业编制", None, "在编", "20240301", None, None],
            ["赵六", numbers[3], "青岛二中", "事业编制", None, "在编", 45352, None, None],
            ["钱七", numbers[4], "青岛二中", "事业编制", None, "在编", "2024-02-30", None, None]]
    batch = dry("persons", xlsx(rows))
    v = verdicts(batch)
    assert [v[n] for n in (2, 3, 4, 5)] == ["", "", "", ""]
    assert "入编日期" in v[6] and "2024-02-30" in v[6]
    bad = rows[:-1]
    batch = dry("persons", xlsx(bad))
    batches.commit(batch.id, batch.sha256)
    people = db.session.execute(select(Person).order_by(Person.id)).scalars().all()
    assert {p.entry_date for p in people} == {dt.date(2024, 3, 1)}
    assert people[0].name == "张三" and people[0].id_number == numbers[0]


def test_exit_rows_free_the_slot_for_later_rows(world):
    """A full allocation: a 出编 row first, then a 在编 row takes the freed slot."""
    ref = world["ref"]
    from tests.factories import new_person

    numbers = ids(11)
    for n in numbers[:10]:
        new_person(world["school"], ref.inst_q, id_number=n)
    rows = [PERSON_HEADER,
            ["新人", numbers[10], "青岛二中", "事业编制", None, "在编", None, None, None],
            ["老人", numbers[0], "青岛二中", "事业编制", None, "出编", None, LATER, "退休"],
            ["新人", numbers[10], "青岛二中", "事业编制", None, "在编", None, None, None]]
    v = verdicts(dry("persons", xlsx(rows)))
    assert "不得超编进人" in v[2]
    assert v[3] == "" and "与第 2 行重复" in v[4]  # same ID, same status: a duplicate row

    rows = [rows[0], rows[2], rows[1]]
    batch = dry("persons", xlsx(rows))
    assert verdicts(batch) == {2: "", 3: ""}
    batches.commit(batch.id, batch.sha256)
    exited = db.session.execute(select(Person).where(Person.id_number == numbers[0])).scalar_one()
    assert (exited.status, exited.exit_reason) == ("exited", "retired")
    alloc = db.session.execute(select(QuotaAllocation).where(
        QuotaAllocation.institution_id == world["school"])).scalar_one()
    assert alloc.occupied == 10


def test_exit_at_the_wrong_institution_is_a_row_error(world):
    ref = world["ref"]
    from tests.factories import new_person

    number = ids(1)[0]
    new_person(world["school"], ref.inst_q, id_number=number)
    rows = [PERSON_HEADER, ["某人", number, "市财政局", "行政编制", None, "出编", None, LATER, "调出"]]
    v = verdicts(dry("persons", xlsx(rows)))
    assert "在 青岛二中 在编, 不在 市财政局" in v[2]


def test_unknown_references_and_bad_choices_are_named(world):
    number = ids(1)[0]
    rows = [PERSON_HEADER,
            ["甲", number, "不存在的单位", "事业编制", None, "在编", None, None, None],
            ["乙", ids(1, 9)[0], "青岛二中", "神秘编制", None, "在编", None, None, None],
            ["丙", ids(1, 19)[0], "青岛二中", "事业编制", None, "在岗", None, None, None],
            ["丁", "370202198001011230", "青岛二中", "事业编制", None, "在编", None, None, None],
            ["", ids(1, 29)[0], "青岛二中", "事业编制", None, "在编", None, None, None]]
    v = verdicts(dry("persons", xlsx(rows)))
    assert "机构 不存在的单位 不存在" in v[2]
    assert "编制类型 神秘编制 不存在" in v[3]
    assert "状态 的值 在岗 无效" in v[4]
    assert "身份证号" in v[5] and "校验码" in v[5]
    assert "姓名 为必填项" in v[6]


def test_formula_like_text_is_stored_verbatim(world):
    number = ids(1)[0]
    rows = [PERSON_HEADER, ["=1+1", number, "青岛二中", "事业编制", "\t@SUM(A1)", "在编", None, None, None]]
    batch = dry("persons", csv_bytes(rows), "persons.csv")
    batches.commit(batch.id, batch.sha256)
    person = db.session.execute(select(Person)).scalar_one()
    assert (person.name, person.post) == ("=1+1", "\t@SUM(A1)")


def test_second_commit_and_second_upload_of_the_same_file_are_refused(world):
    data = xlsx([PERSON_HEADER, *person_rows("青岛二中", 2)])
    batch = dry("persons", data)
    batches.commit(batch.id, batch.sha256)
    before = snapshot()
    with pytest.raises(DomainError) as err:
        batches.commit(batch.id, batch.sha256)
    assert err.value.key == "import.not_validated"
    again = dry("persons", data)
    assert again.status == "refused" and "不能重复导入" in again.message
    assert snapshot() == before


def test_a_changed_file_is_refused(world):
    batch = dry("persons", xlsx([PERSON_HEADER, *person_rows("青岛二中", 2)]))
    before = snapshot()
    other = xlsx([PERSON_HEADER, *person_rows("青岛二中", 3)])
    with pytest.raises(DomainError) as err:
        batches.check_committable(batch, batch.sha256, data=other)
    assert err.value.key == "import.hash_mismatch"
    with pytest.raises(DomainError) as err:
        batches.commit(batch.id, batches.sha256(other))
    assert err.value.key == "import.hash_mismatch"
    # the stored bytes altered behind the engine's back
    from sqlalchemy import update

    from app.imports.models import ImportFile

    db.session.execute(update(ImportFile).where(ImportFile.batch_id == batch.id, ImportFile.kind == "original")
                       .values(data=other))
    db.session.commit()
    with pytest.raises(DomainError) as err:
        batches.commit(batch.id, batch.sha256)
    assert err.value.key == "import.hash_mismatch"
    assert snapshot() == before
    assert db.session.get(ImportBatch, batch.id).status == "failed"


def test_a_commit_that_no_longer_fits_imports_nothing(world):
    """Validated against 10 free slots; 2 are taken before the commit: nothing is imported."""
    ref = world["ref"]
    from tests.factories import new_person

    batch = dry("persons", xlsx([PERSON_HEADER, *person_rows("青岛二中", 9)]))
    assert batch.status == "validated"
    new_person(world["school"], ref.inst_q, id_number=ids(1, 700)[0])
    new_person(world["school"], ref.inst_q, id_number=ids(1, 701)[0])
    before = snapshot()
    with pytest.raises(DomainError) as err:
        batches.commit(batch.id, batch.sha256)
    assert "第 10 行" in err.value.message("zh") and "不得超编进人" in err.value.message("zh")
    assert snapshot() == before
    db.session.rollback()
    failed = db.session.get(ImportBatch, batch.id)
    assert failed.status == "failed" and "第 10 行" in failed.message


def test_gbk_csv_imports_names_that_gb2312_lacks(world):
    """Chinese Excel saves CSV as GBK; 镕 and 喆 are not in GB2312, 䶮 only in GB18030."""
    rows = [PERSON_HEADER, *person_rows("青岛二中", 3)]
    rows[1][0], rows[2][0], rows[3][0] = "朱镕基", "陶喆", "刘䶮"
    batch = dry("persons", csv_bytes(rows, "gb18030"), "人员.csv")
    assert batch.status == "validated", verdicts(batch)
    batches.commit(batch.id, batch.sha256)
    names = set(db.session.execute(select(Person.name)).scalars())
    assert names == {"朱镕基", "陶喆", "刘䶮"}
    gbk_only = [PERSON_HEADER, *person_rows("青岛二中", 1, start=50)]
    gbk_only[1][0] = "朱镕基"
    assert dry("persons", csv_bytes(gbk_only, "gbk"), "gbk.csv").status == "validated"


def test_utf8_with_and_without_bom(world):
    rows = [PERSON_HEADER, *person_rows("青岛二中", 1)]
    assert dry("persons", b"\xef\xbb\xbf" + csv_bytes(rows), "bom.csv").status == "validated"
    rows = [PERSON_HEADER, *person_rows("青岛二中", 1, start=40)]
    assert dry("persons", csv_bytes(rows), "plain.csv").status == "validated"


def test_a_workbook_saved_by_libreoffice_calc(world):
    """tests/imports/data/persons-libreoffice.xlsx: written by LibreOffice Calc 7.4
    (shared strings, styled date serials, a merged title row above the header)."""
    from pathlib import Path

    data = (Path(__file__).parent / "data" / "persons-libreoffice.xlsx").read_bytes()
    assert b"LibreOffice" in __import__("zipfile").ZipFile(__import__("io").BytesIO(data)).read("docProps/app.xml")
    batch = dry("persons", data, "persons-libreoffice.xlsx")
    assert verdicts(batch) == {3: "", 4: "", 5: ""}
    batches.commit(batch.id, batch.sha256)
    people = db.session.execute(select(Person.name, Person.entry_date).order_by(Person.id)).all()
    assert people == [("朱镕基", dt.date(2024, 3, 1)), ("陶喆", dt.date(2024, 3, 2)), ("王 五", dt.date(2024, 3, 3))]


def test_the_error_report_neutralises_formulas(world):
    import io

    from openpyxl import load_workbook

    rows = [PERSON_HEADER, ["=HYPERLINK(\"http://x\")", "12345", "青岛二中", "事业编制", "+1", "在编", None, None, None]]
    batch = dry("persons", csv_bytes(rows), "persons.csv")  # in an xlsx "=…" would be a formula cell
    report = load_workbook(io.BytesIO(batches.file_of(batch.id, "report"))).active
    values = [c.value for c in next(report.iter_rows(min_row=2, max_row=2))]
    assert values[1] == "'=HYPERLINK(\"http://x\")" and values[5] == "'+1"
    assert "身份证号" in values[-2]
