"""三级四同: every deviation (item, level, field, both values) on the page, in the
xlsx and on the command line, scoped like every list."""
from __future__ import annotations

import io

from openpyxl import load_workbook

from app.core import scoping
from app.extensions import db
from app.execution.power_lists import queries
from app.execution.power_lists.models import PowerItem
from tests.execution.power_lists.fixtures import implement
from tests.justification.cases.fixtures import client_for


def test_identical_levels_have_no_deviation(pw):
    implement(pw.item, pw.district, level="district")
    assert queries.deviations(None) == (0, [])


def test_each_differing_field_is_one_row_with_both_values(pw):
    item = db.session.get(PowerItem, pw.item)
    implement(pw.item, pw.district, level="district", name="民办学校设立审批事项",
              code="370202" + item.code[6:], legal_basis="《教育法》(旧)", type_id=pw.types["10"])
    total, rows = queries.deviations(None)
    got = {r.field: (r.expected, r.actual, r.level, r.institution, r.item_code) for r in rows}
    assert total == 4
    assert got["name"][:2] == ("民办学校设立审批", "民办学校设立审批事项")
    assert got["code"][:2] == (item.code, "370202" + item.code[6:])
    assert got["legal_basis"][:2] == ("《教育法》第十条", "《教育法》(旧)")
    assert got["type"][:2] == ("01 行政许可", "10 其他行政权力")
    assert {v[2:] for v in got.values()} == {("district", "市南区教育和体育局", item.code)}
    assert queries.deviations(None, field="name")[0] == 1


def test_a_cancelled_implementation_is_not_checked(pw):
    impl = implement(pw.item, pw.district, level="district", name="别名", status="cancelled")
    assert impl and queries.deviations(None)[0] == 0


def test_the_page_and_the_xlsx_list_the_deviations_in_scope(app, pw):
    implement(pw.item, pw.district, level="district", name="民办学校设立审批事项")
    implement(pw.foreign_item, pw.w.unit, level="district", name="养老机构设立许可(区)")
    staff = client_for(app, "staff")
    html = staff.get("/powerconsistency/").get_data(as_text=True)
    assert "民办学校设立审批事项" in html and "养老机构设立许可(区)" in html and html.count('class="power-deviation"') == 2
    book = load_workbook(io.BytesIO(staff.get("/powerconsistency/xlsx").data))
    values = [[c.value for c in row] for row in book.active.iter_rows(min_row=2)]
    assert len(values) == 2 and any("民办学校设立审批事项" in v for v in values)
    # The department user sees its own subtree's deviation only (the unit is under it).
    dept = client_for(app, "department")
    html = dept.get("/powerconsistency/").get_data(as_text=True)
    assert "养老机构设立许可(区)" in html and "民办学校设立审批事项" not in html
    book = load_workbook(io.BytesIO(dept.get("/powerconsistency/xlsx").data))
    assert book.active.max_row == 2
    foreign = client_for(app, "foreign")
    assert 'class="power-deviation"' not in foreign.get("/powerconsistency/").get_data(as_text=True)


def test_the_empty_scope_sees_nothing(pw):
    implement(pw.item, pw.district, level="district", name="别名")
    assert queries.deviations(scoping.Scope(None, None))[0] == 0


def test_the_command_line_counts_them(app, pw):
    implement(pw.item, pw.district, level="district", name="别名")
    result = app.test_cli_runner().invoke(args=["power-lists", "check"])
    assert result.exit_code == 0 and "deviations: 1" in result.output and "别名" in result.output
