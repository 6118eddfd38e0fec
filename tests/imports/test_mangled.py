"""Values Excel has mangled are refused, never repaired (issue #9, 1-2).

An 18-digit ID number typed into a numeric cell keeps 15 significant digits; a
birth date or gender beside the ID that contradicts it is refused as well, by
the quota person rule every door shares (the API and form doors are tested in
tests/quota/test_person_rules.py)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.core import idnumber
from app.core.errors import DomainError
from app.extensions import db
from app.imports import batches
from app.quota.models import Person
from tests.factories import valid_id_number
from tests.imports.fixtures import PERSON_HEADER, csv_bytes, dry, snapshot, verdicts, xlsx

DATA = Path(__file__).parent / "data"


def fabricated_valid_id() -> str:
    """A checksum-valid ID whose last three digits are 0: what int(3.70202…E+17)
    would have produced — the silent substitution of the issue."""
    for days in range(2000):
        for seq in range(0, 1000, 100):
            number = valid_id_number(birth=dt.date(1975, 1, 1) + dt.timedelta(days=days), seq=seq)
            if number.endswith("000"):
                return number
    raise AssertionError("no such ID number")


def row(name, number, **extra):
    values = {"gender": None, "birth": None, **extra}
    return [name, number, "青岛二中", "事业编制", "科员", "在编", "2024-03-01", None, None,
            values["gender"], values["birth"]]


HEADER = [*PERSON_HEADER, "性别", "出生日期"]


def no_person_stored():
    db.session.rollback()
    return db.session.execute(select(func.count(Person.id))).scalar() == 0


def test_numeric_id_cells_written_by_openpyxl_are_refused_naming_the_row(world):
    good = valid_id_number()
    exact = valid_id_number()
    fabricated = fabricated_valid_id()
    rows = [HEADER,
            row("正常", good),
            row("科学计数", float(f"{float(exact):.15G}")),  # what Excel keeps of a number typed in a numeric cell
            row("整数单元格", int(exact)),  # openpyxl writes every digit; the reader still sees a number
            row("凑巧有效", int(fabricated)),  # the float is a checksum-valid ID: it would have been stored
            row("十五位", 370202800101123)]  # no digit lost, still a number: an ID is text
    before = snapshot()
    batch = dry("persons", xlsx(rows))
    v = verdicts(batch)
    assert batch.status == "invalid" and v[2] == ""
    for number in (3, 4, 5):
        assert f"第 {number} 行 身份证号 是数字单元格" in v[number], v[number]
        assert "15 位有效数字" in v[number] and "文本" in v[number]
    assert "3.70202198" in v[3] and "E+17" in v[3]
    assert "第 6 行 身份证号 是数字单元格 (370202800101123)" in v[6] and "15 位有效数字" not in v[6]
    with pytest.raises(DomainError):
        batches.commit(batch.id, batch.sha256)
    assert snapshot() == before
    db.session.rollback()
    assert db.session.execute(select(Person.id).where(Person.id_number == fabricated)).first() is None


def test_scientific_notation_text_from_a_csv_is_refused(world):
    """A CSV saved from a numeric column holds the number as Excel shows it."""
    rows = [HEADER, row("科学计数", "3.70202198001011E+17"), row("小写", "3.70202198001011e+17")]
    batch = dry("persons", csv_bytes(rows), "persons.csv")
    v = verdicts(batch)
    assert "第 2 行 身份证号 是数字单元格 (3.70202198001011E+17)" in v[2]
    assert "第 3 行" in v[3] and "15 位有效数字" in v[3]
    assert no_person_stored()


def test_english_message_names_the_row_too(world):
    from app.imports import engine

    batch = dry("persons", xlsx([HEADER, row("科学计数", 3.70202198001011e17)]))
    english = engine.load_results(batches.file_of(batch.id, "results"))[0][3]
    assert english.startswith("Row 2: 身份证号 is a numeric cell (3.70202198001011E+17)")
    assert "15 significant digits" in english and "text" in english


def test_numeric_id_cells_saved_by_libreoffice_calc(world):
    """tests/imports/data/persons-numeric-id-libreoffice.xlsx: a CSV of ID numbers
    opened and saved as xlsx by LibreOffice Calc (``make_libreoffice_files.py``),
    which stores them as numbers of 15 significant digits, the way Excel does."""
    data = (DATA / "persons-numeric-id-libreoffice.xlsx").read_bytes()
    assert b"LibreOffice" in __import__("zipfile").ZipFile(__import__("io").BytesIO(data)).read("docProps/app.xml")
    before = snapshot()
    batch = dry("persons", data, "persons-numeric-id-libreoffice.xlsx")
    v = verdicts(batch)
    assert v[2] == ""  # the text cell ('370202…) of the same file is accepted
    assert "第 3 行 身份证号 是数字单元格" in v[3] and "15 位有效数字" in v[3]
    assert "第 4 行 身份证号 是数字单元格" in v[4]
    assert "出生日期 1980-01-02 与身份证号" in v[5] and "1980-01-01" in v[5]
    assert "性别 女 / female 与身份证号" in v[6]
    with pytest.raises(DomainError):
        batches.commit(batch.id, batch.sha256)
    assert snapshot() == before


def test_birth_date_and_gender_contradicting_the_id_are_refused(world):
    man, man2 = (valid_id_number(birth=dt.date(1980, 1, 1), gender="M") for _ in range(2))
    woman = valid_id_number(birth=dt.date(1990, 6, 15), gender="F")
    others = [valid_id_number(birth=dt.date(1985, 2, 3), gender="M") for _ in range(2)]
    rows = [HEADER,
            row("日期不符", man, birth="1980-01-02"),
            row("日期单元格不符", man2, birth=dt.datetime(1981, 1, 1)),
            row("性别不符", woman, gender="男"),
            row("都一致", others[0], gender="男", birth=dt.datetime(1985, 2, 3)),
            row("空则取身份证", others[1])]
    before = snapshot()
    batch = dry("persons", xlsx(rows))
    v = verdicts(batch)
    masked = idnumber.mask(man)
    assert f"日期不符 出生日期 1980-01-02 与身份证号 {masked} 不符: 身份证号中的出生日期是 1980-01-01" in v[2]
    assert "出生日期 1981-01-01 与身份证号" in v[3] and "1980-01-01" in v[3]
    assert "性别 男 / male 与身份证号" in v[4] and "女 / female" in v[4]
    assert v[5] == "" and v[6] == ""
    with pytest.raises(DomainError):
        batches.commit(batch.id, batch.sha256)
    assert snapshot() == before

    consistent = dry("persons", xlsx([HEADER, rows[4], rows[5]]))
    batches.commit(consistent.id, consistent.sha256)
    stored = dict(db.session.execute(select(Person.name, Person.birth_date)).all())
    assert stored == {"都一致": dt.date(1985, 2, 3), "空则取身份证": dt.date(1985, 2, 3)}
