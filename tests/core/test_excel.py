"""Exports: formula-looking cells are neutralised, the workbook opens as data."""
from __future__ import annotations

import io

from openpyxl import load_workbook

from app.core.excel import neutralise, write_xlsx
from tests.conftest import login
from tests.factories import make_user, new_institution

DANGEROUS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def test_neutralise_prefixes_formula_starters():
    for text in DANGEROUS:
        assert neutralise(text) == "'" + text
    assert neutralise("市教育局") == "市教育局"
    assert neutralise(-5) == -5  # numbers stay numbers


def test_written_cells_are_text_not_formulas():
    data = write_xlsx(["名称"], [[t] for t in DANGEROUS])
    ws = load_workbook(io.BytesIO(data)).active
    cells = [row[0] for row in ws.iter_rows(min_row=2)]
    assert all(cell.data_type == "s" for cell in cells)
    # (XML normalises a stored CR to LF; what matters is the leading quote)
    assert [c.value for c in cells] == ["'" + t.replace("\r", "\n") for t in DANGEROUS]


def test_list_export_neutralises_user_data(app, ref):
    new_institution(ref, "=HYPERLINK(\"http://evil\",\"x\")", within_cap=False)
    make_user(app, "clerk", "staff")
    c = app.test_client()
    login(c, "clerk")
    resp = c.get("/institutionview/export/")
    assert resp.status_code == 200
    assert resp.mimetype.endswith("spreadsheetml.sheet")
    ws = load_workbook(io.BytesIO(resp.data)).active
    header = [cell.value for cell in ws[1]]
    assert header[0] == "名称"
    names = [row[0].value for row in ws.iter_rows(min_row=2)]
    assert names == ["'=HYPERLINK(\"http://evil\",\"x\")"]
    assert ws.cell(row=2, column=1).data_type == "s"


def test_export_honours_the_list_filter(app, ref):
    new_institution(ref, "市甲局")
    new_institution(ref, "市乙局")
    make_user(app, "clerk", "staff")
    c = app.test_client()
    login(c, "clerk")
    resp = c.get("/institutionview/export/?_flt_2_name=甲")  # filter 2 on text: contains
    ws = load_workbook(io.BytesIO(resp.data)).active
    assert [row[0].value for row in ws.iter_rows(min_row=2)] == ["市甲局"]


def test_a_title_excel_forbids_becomes_a_valid_sheet_name():
    """A chart or list title with a colon or a slash (编制: 按类型) still gives a workbook."""
    import io

    from openpyxl import load_workbook

    from app.core.excel import write_xlsx

    data = write_xlsx(["类型", "数量"], [["行政编制", 3]], sheet_title="编制: 按类型/区域 [2026] *?" + "长" * 40)
    book = load_workbook(io.BytesIO(data))
    title = book.sheetnames[0]
    assert len(title) <= 31 and not any(c in title for c in '\\/?*[]:')
    assert title.startswith("编制_ 按类型_区域 _2026_ __")
    assert [c.value for c in book.active[2]] == ["行政编制", 3]
