"""Files that must be refused before parsing, and the awkward ones that must still read.

Bombs are built here with raw zipfile writes: a zip bomb refused by its
directory (entries, unpacked size, ratio) and a billion-laughs workbook refused
for its DTD.  Every refusal leaves the database unchanged.
"""
from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from app.core.errors import ValidationFailed
from app.imports import readers
from tests.imports.fixtures import PERSON_HEADER, csv_bytes, dry, person_rows, snapshot, verdicts, xlsx

LIMITS = readers.Limits()

ENTITIES = (b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
            + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                       for i in range(1, 10))
            + b"]>")


def laughs(sheet_xml: bytes) -> bytes:
    """The worksheet with a billion-laughs DTD and its first text cell set to &lol9;."""
    start = sheet_xml.index(b"<t>") + 3
    body = sheet_xml[:start] + b"&lol9;" + sheet_xml[sheet_xml.index(b"</t>", start):]
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + ENTITIES + body


def rezip(data: bytes, replace: dict[str, bytes] = None, extra: dict[str, bytes] = None) -> bytes:
    """A copy of an xlsx with parts replaced or added, written entry by entry."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, (replace or {}).get(info.filename, src.read(info.filename)))
        for name, content in (extra or {}).items():
            dst.writestr(name, content)
    return out.getvalue()


def test_defusedxml_is_in_force():
    assert openpyxl.DEFUSEDXML is True


def test_billion_laughs_is_refused_before_parsing(world):
    good = xlsx([PERSON_HEADER, *person_rows("青岛二中", 1)])
    sheet = zipfile.ZipFile(io.BytesIO(good)).read("xl/worksheets/sheet1.xml")
    bomb = rezip(good, replace={"xl/worksheets/sheet1.xml": laughs(sheet)})
    with pytest.raises(ValidationFailed) as err:
        readers.load(bomb, "bomb.xlsx", LIMITS)
    assert err.value.key == "import.xml_dtd" and "sheet1.xml" in err.value.message("en")
    # and openpyxl itself (used for templates and reports) refuses it through defusedxml
    with pytest.raises(Exception) as parsed:
        openpyxl.load_workbook(io.BytesIO(bomb))
    assert "Entities" in type(parsed.value.__cause__ or parsed.value).__name__ or "entit" in str(parsed.value).lower()
    before = snapshot()
    batch = dry("persons", bomb, "bomb.xlsx")
    assert batch.status == "refused" and "XML" in batch.message
    assert snapshot() == before


def test_zip_bomb_ratio_entries_and_size_are_refused(world):
    good = xlsx([PERSON_HEADER, *person_rows("青岛二中", 1)])
    ratio_bomb = rezip(good, extra={"xl/media/zeros.bin": b"\0" * (64 * 1024 * 1024)})
    assert len(ratio_bomb) < 200_000  # 64 MiB of zeros packs into ~64 KiB
    with pytest.raises(ValidationFailed) as err:
        readers.load(ratio_bomb, "bomb.xlsx", LIMITS)
    assert err.value.key == "import.zip_ratio"

    many = rezip(good, extra={f"xl/junk/{i}.xml": b"<a/>" for i in range(1200)})
    with pytest.raises(ValidationFailed) as err:
        readers.load(many, "many.xlsx", LIMITS)
    assert err.value.key == "import.zip_entries"

    with pytest.raises(ValidationFailed) as err:
        readers.load(ratio_bomb, "bomb.xlsx", readers.Limits(zip_max_unpacked=10 * 1024 * 1024))
    assert err.value.key == "import.zip_size"

    before = snapshot()
    batch = dry("persons", ratio_bomb, "bomb.xlsx")
    assert batch.status == "refused" and "压缩炸弹" in batch.message
    assert snapshot() == before


@pytest.mark.parametrize("data, name, key", [
    (b"name,id\n1,2\n", "persons.xlsx", "import.not_what_name_says"),  # text called xlsx
    (b"PK\x03\x04" + b"\0" * 100, "persons.csv", "import.not_what_name_says"),  # a zip called csv
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "persons.xls", "import.old_xls"),
    (b"%PDF-1.4", "persons.pdf", "import.unknown_type"),
    (b"PK\x03\x04garbage", "persons.xlsx", "import.bad_zip"),
    (b"a,b\n\0\0\0\x01\x02", "persons.csv", "import.binary_csv"),
])
def test_files_that_are_not_what_their_name_says(data, name, key):
    with pytest.raises(ValidationFailed) as err:
        readers.load(data, name, LIMITS)
    assert err.value.key == key


def test_a_zip_that_is_not_a_workbook():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(ValidationFailed) as err:
        readers.load(out.getvalue(), "x.xlsx", LIMITS)
    assert err.value.key == "import.not_xlsx"


def test_size_and_row_limits_are_refused_with_a_clear_message(app, world, monkeypatch):
    monkeypatch.setitem(app.config, "IMPORT_MAX_BYTES", 2000)
    big = csv_bytes([PERSON_HEADER, *person_rows("青岛二中", 40)])
    batch = dry("persons", big, "big.csv")
    assert batch.status == "refused" and "超过上限 2000 字节" in batch.message

    monkeypatch.setitem(app.config, "IMPORT_MAX_BYTES", 10**7)
    monkeypatch.setitem(app.config, "IMPORT_MAX_ROWS", 5)
    batch = dry("persons", csv_bytes([PERSON_HEADER, *person_rows("青岛二中", 6)]), "six.csv")
    assert batch.status == "refused" and "超过上限 5 行" in batch.message
    batch = dry("persons", csv_bytes([PERSON_HEADER, *person_rows("青岛二中", 5, start=100)]), "five.csv")
    assert batch.status == "validated"


def test_titles_merged_two_level_headers_and_blank_rows(world):
    """A title row merged across the sheet, 基本信息/出编 groups over their columns,
    vertically merged 姓名/身份证号, blank rows inside the data: row numbers stay Excel's."""
    rows = person_rows("青岛二中", 2)
    sheet = [
        ["2024年青岛二中人员名册", None, None, None, None, None, None],
        ["姓名", "身份证号", "基本信息", None, "状态", "出编", None],
        [None, None, "机构", "编制类型", None, "日期", "原因"],
        [rows[0][0], rows[0][1], "青岛二中", "事业编制", "在编", None, None],
        [None] * 7,
        [None] * 7,
        [rows[1][0], rows[1][1], "青岛二中", "事业编制", "在编", None, None],
    ]
    data = xlsx(sheet, merges=["A1:G1", "A2:A3", "B2:B3", "C2:D2", "E2:E3", "F2:G2"])
    batch = dry("persons", data)
    assert verdicts(batch) == {4: "", 7: ""}, batch.message


def test_full_width_headers_with_markers_and_english_headers(world):
    rows = person_rows("青岛二中", 1)
    header = ["姓名*", "身份证号（必填）", " 机 构 ", "Quota type", "岗位", "状态", "入编日期", "出编日期", "出编原因"]
    assert dry("persons", xlsx([header, *rows])).status == "validated"


def test_missing_and_duplicated_columns(world):
    rows = person_rows("青岛二中", 1)
    batch = dry("persons", xlsx([[h for h in PERSON_HEADER if h != "机构"], [r for r in rows[0] if r != "青岛二中"]]))
    assert batch.status == "refused" and "缺少必需的列: 机构" in batch.message
    header = PERSON_HEADER + ["姓名"]
    batch = dry("persons", xlsx([header, rows[0] + ["李四"]]))
    assert batch.status == "refused" and "列 姓名 出现了不止一次" in batch.message
    batch = dry("persons", xlsx([["随便", "什么"], ["1", "2"]]))
    assert batch.status == "refused" and "找不到表头" in batch.message


def test_gbk_and_utf8_are_told_apart():
    text = "姓名,机构\n朱镕基,市政府\n"
    assert readers.decode(text.encode("gb18030"), "x.csv") == text
    assert readers.decode(text.encode("utf-8"), "x.csv") == text
    assert readers.decode(b"\xef\xbb\xbf" + text.encode("utf-8"), "x.csv") == text
    assert readers.decode(text.encode("utf-16"), "x.csv") == text
