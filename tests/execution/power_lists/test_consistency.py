"""三级四同: every deviation (item, level, field, both values) on the page, in the
xlsx and on the command line, scoped like every list."""
from __future__ import annotations

import io

from openpyxl import load_workbook
from sqlalchemy import select

from app.core import scoping
from app.extensions import db
from app.execution.power_lists import queries
from app.execution.power_lists.models import PowerImplementation, PowerItem
from tests.core.workdays.fixtures import load_calendar
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


def test_deviations_are_a_scheduled_verification_rule(app, pw):
    """三级四同 runs as a verification rule: a deviation becomes a finding of its
    implementing unit, and the run that no longer sees it resolves the finding."""
    import datetime as dt

    from app.core import checks
    from app.core.db import transaction
    from app.supervision.findings.models import Finding
    from app.supervision.verification import engine

    assert "power_consistency" in checks.RULES
    load_calendar(app)  # a finding's deadline is counted in working days
    impl = implement(pw.item, pw.district, level="district", name="民办学校设立审批事项")
    implement(pw.item, pw.w.unit, level="district")  # identical: no problem
    with transaction():
        engine.sync_rules()
    engine.run_all(node="test", trigger="manual", period="p1", today=dt.date(2026, 3, 2), codes=["power_consistency"])
    db.session.expire_all()
    found = db.session.execute(select(Finding).where(Finding.source_key.startswith("power_consistency:"))).scalars().all()
    assert [(f.source_key, f.institution_id, f.state) for f in found] == [(f"power_consistency:{impl}", pw.district, "open")]
    assert "名称不一致" in found[0].title

    with transaction():  # the district corrects the name
        db.session.get(PowerImplementation, impl).name = db.session.get(PowerItem, pw.item).name
    engine.run_all(node="test", trigger="manual", period="p2", today=dt.date(2026, 3, 3), codes=["power_consistency"])
    db.session.expire_all()
    assert db.session.get(Finding, found[0].id).state != "open"
