"""Views as data in a real browser (issue #16 §1): the administrator configures the
person list for staff from labelled lists (no code typed), staff sees it, a leader
keeps the built-in list; the reset brings staff's back."""
from __future__ import annotations

import pytest

from tests.browser.walk import login, save_form
from tests.factories import give_quota, make_reference, make_user, new_institution, new_person

pytestmark = pytest.mark.browser


def list_headers(page) -> list[str]:
    page.goto("/personview/list/", wait_until="networkidle")
    cells = page.locator("table thead th").all_inner_texts()
    return [" ".join(text.split()) for text in cells if text.strip()]


def test_admin_configures_the_person_list_for_staff(app, browser_page):
    page, traffic = browser_page
    with app.app_context():
        ref = make_reference()
        inst = new_institution(ref, "市档案馆")
        give_quota(inst, ref.admin_q, 3)
        new_person(inst, ref.admin_q, name="孙档案")
        new_person(inst, ref.admin_q, name="钱档案")
        make_user(app, "vc_admin", "admin")
        make_user(app, "vc_staff", "staff")
        make_user(app, "vc_leader", "leader")
        from app.extensions import db

        db.session.remove()

    login(page, "vc_admin")
    traffic.current = "/viewconfig/"
    page.goto("/viewconfig/", wait_until="networkidle")
    page.select_option("select[name=resource]", label="实名制人员")
    page.select_option("select[name=role]", label="处室经办人")
    with page.expect_navigation():
        page.click("#view-config-pick button[type=submit]")
    assert "/viewconfig/edit/Person/staff" in page.url
    for label in ("性别", "岗位", "职级", "状态", "编制类型"):
        page.uncheck(f"input[name=show][aria-label='显示: {label}']")
    page.check("input[name=show][aria-label='显示: 出生日期']")
    page.fill("input[name=pos_birth_date]", "2")
    page.fill("input[name=pos_name]", "1")
    page.fill("input[name=pos_id_number]", "3")
    page.fill("input[name=pos_institution]", "4")
    page.fill("input[name=zh_name]", "职工姓名")
    page.select_option("select[name=order_column]", label="姓名")
    page.select_option("select[name=order_direction]", "desc")
    save_form(page)
    assert "列表视图已保存" in page.locator(".alert").first.inner_text()
    page.screenshot(path="/tmp/view_config_edit.png", full_page=True)

    login(page, "vc_staff")
    traffic.current = "/personview/list/"
    shown = list_headers(page)
    assert shown[-4:] == ["职工姓名", "出生日期", "公民身份号码", "机构"] and "岗位" not in shown
    names = page.locator("table tbody tr").all_inner_texts()
    assert names[0].find("钱档案") >= 0 and names[1].find("孙档案") >= 0  # name descending
    page.screenshot(path="/tmp/view_config_staff_list.png", full_page=True)

    login(page, "vc_leader")
    assert "岗位" in list_headers(page)

    login(page, "vc_admin")
    page.goto("/viewconfig/edit/Person/staff", wait_until="networkidle")
    with page.expect_navigation():
        page.click("#view-config-reset")
    login(page, "vc_staff")
    assert "岗位" in list_headers(page) and "出生日期" not in list_headers(page)
    assert traffic.problems() == []
