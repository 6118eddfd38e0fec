"""Writes the LibreOffice-saved workbooks of tests/imports/test_mangled.py and
test_columns.py (run by hand: ``python tests/imports/data/make_libreoffice_files.py``).

Each workbook is built with openpyxl, then opened and saved again as xlsx by
LibreOffice Calc (``soffice --headless --convert-to xlsx``): Calc stores numbers
with 15 significant digits and writes its own shared strings and styles, as a
user's office software does.  Needs ``apt-get install libreoffice-calc-nogui``.
"""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[2]))

from app.core.idnumber import check_char  # noqa: E402


def id_number(birth: dt.date, seq: int) -> str:
    body = f"370202{birth:%Y%m%d}{seq:03d}"
    return body + check_char(body)


HEADER = ["姓名", "身份证号", "机构", "编制类型", "岗位", "状态", "入编日期", "出编日期", "出编原因", "性别", "出生日期"]
BORN = dt.date(1980, 1, 1)
SCHOOL_USCC = "123702000000000191"  # uscc.generate("2", "370200", 1): the test gives it to 青岛二中
FIN_USCC = "11370200000000027Y"  # uscc.generate("1", "370200", 2): 市财政局


def persons_numeric_id(ws) -> None:
    ws.append(HEADER)
    ws.append(["文本", id_number(BORN, 11), "青岛二中", "事业编制", "科员", "在编", "2024-03-01"])
    ws.append(["数字", float(id_number(BORN, 14)), "青岛二中", "事业编制", "科员", "在编", "2024-03-01"])
    ws.append(["整数", int(id_number(BORN, 16)), "青岛二中", "事业编制", "科员", "在编", "2024-03-01"])
    ws.append(["日期不符", id_number(BORN, 17), "青岛二中", "事业编制", "科员", "在编", "2024-03-01", None, None, None,
               dt.datetime(1980, 1, 2)])
    ws.append(["性别不符", id_number(BORN, 19), "青岛二中", "事业编制", "科员", "在编", "2024-03-01", None, None, "女"])
    for row in range(2, 7):  # the text cells stay text in Calc
        if isinstance(ws.cell(row=row, column=2).value, str):
            ws.cell(row=row, column=2).number_format = "@"


def persons_synonyms(ws) -> None:
    """Real headers: synonyms, an unknown column, the unit's USCC beside its name."""
    ws.append(["人员姓名", "公民身份号码", "工作单位", "统一社会信用代码", "编制类别", "人员状态", "进编日期", "备注"])
    ws.append(["甲", id_number(BORN, 21), "青岛二中", SCHOOL_USCC, "事业编制", "在编", dt.datetime(2024, 3, 1), "无"])
    ws.append(["乙", id_number(BORN, 23), "青岛二中", FIN_USCC, "事业编制", "在编", dt.datetime(2024, 3, 1), "单位代码写错"])
    ws.append(["丙", id_number(BORN, 25), "青岛二中", None, "事业编", "在编", dt.datetime(2024, 3, 1), None])
    for row in range(2, 5):
        for column in (2, 4):
            ws.cell(row=row, column=column).number_format = "@"


FILES = {"persons-numeric-id-libreoffice.xlsx": persons_numeric_id,
         "persons-synonyms-libreoffice.xlsx": persons_synonyms}


def main() -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("soffice not found: apt-get install libreoffice-calc-nogui")
    with tempfile.TemporaryDirectory() as tmp:
        for name, fill in FILES.items():
            wb = Workbook()
            ws = wb.active
            ws.title = "数据"
            fill(ws)
            source = Path(tmp) / "in" / name
            source.parent.mkdir(exist_ok=True)
            wb.save(source)
            subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to",
                            "xlsx:Calc MS Excel 2007 XML", "--outdir", tmp, str(source)], check=True, timeout=300)
            shutil.copy(Path(tmp) / name, HERE / name)
            print("wrote", HERE / name)


if __name__ == "__main__":
    main()
