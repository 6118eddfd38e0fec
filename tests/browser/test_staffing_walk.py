"""用编进人 walked in headless Chromium (issue 13 §4): a department files an annual
plan and its line and submits it to the monthly meeting; the office records
the meeting's decision; a batch goes 公示 → 申请 → 审核 → 入库 with its two
persons; the 入编证明 prints (print CSS, the browser's own PDF) and its number
checks on the public page without a login."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from app.execution.staffing_use.models import EntryBatch, StaffingPlan, StaffingPlanLine
from app.extensions import db
from tests.execution.staffing_use.fixtures import new_meeting, new_type
from tests.browser.walk import login, pick, save_form
from tests.factories import give_quota, make_reference, make_user, new_institution, valid_id_number

pytestmark = pytest.mark.browser


def row_action(page, view, pk, action):
    """The show page's action button, then OK in FAB's confirmation dialog."""
    page.goto(f"/{view}/show/{pk}", wait_until="networkidle")
    page.click(f"[id$='.action-{action}']")
    page.wait_for_selector("#modal-confirm-ok", state="visible")
    # the button's href="#" is a navigation of its own: wait for the action's page
    with page.expect_navigation(url=lambda url: "#" not in url, wait_until="networkidle"):
        page.click("#modal-confirm-ok")


def flashes(page) -> str:
    return " ".join(page.locator(".alert").all_inner_texts())


def test_a_plan_a_meeting_and_a_batch_to_a_printed_certificate(app, browser_page, tmp_path):
    page, traffic = browser_page
    with app.app_context():
        ref = make_reference()
        edu = new_institution(ref, "市教育局")
        give_quota(edu, ref.admin_q, 4)
        new_type("EX01", "exam", docs="报名登记表\n体检合格证明")
        meeting = new_meeting("2026年5月用编进人计划月专题会议")
        make_user(app, "walk_dept", "department", institution_id=edu)
        make_user(app, "walk_staff", "staff")

    # -- the department files its annual plan and a line, and submits it ---------
    login(page, "walk_dept")
    traffic.current = "/staffingplanview/add"
    page.goto("/staffingplanview/add", wait_until="networkidle")
    pick(page, "institution", "市教育局")
    page.fill("input[name=year]", "2026")
    page.fill("input[name=title]", "市教育局2026年度用编计划")
    pick(page, "meeting", "2026年5月")
    save_form(page)
    with app.app_context():
        plan = db.session.execute(select(StaffingPlan.id).where(StaffingPlan.title == "市教育局2026年度用编计划")
                                  ).scalar_one()
    traffic.current = "/staffingplanlineview/add"
    for planned in ("5", "2"):  # one more than the vacancy is refused, named; then what is left
        page.goto("/staffingplanlineview/add", wait_until="networkidle")
        pick(page, "plan", "市教育局2026")
        pick(page, "quota_type", "行政编制")
        pick(page, "channel", "公开招考")
        page.fill("input[name=planned]", planned)
        save_form(page)
        if planned == "5":
            assert "超出 1" in flashes(page)
    assert "超出" not in flashes(page)
    traffic.current = "plan: submit"
    row_action(page, "staffingplanview", plan, "submit")
    assert "已报送" in flashes(page)

    # -- the office records the meeting's decision --------------------------------
    login(page, "walk_staff")
    traffic.current = "/reviewmeetingview/edit"
    page.goto(f"/reviewmeetingview/edit/{meeting}", wait_until="networkidle")
    page.fill("input[name=doc_no]", "青编用〔2026〕5号")
    save_form(page)
    assert "记录已更新" in flashes(page)
    row_action(page, "reviewmeetingview", meeting, "decide")
    assert "已决定" in flashes(page), flashes(page)
    with app.app_context():
        got = db.session.get(StaffingPlan, plan)
        assert (got.status, got.decision_doc_no) == ("approved", "青编用〔2026〕5号")
        line = db.session.execute(select(StaffingPlanLine.id).where(StaffingPlanLine.plan_id == plan)).scalar_one()

    # -- the department opens a batch (公示) with two persons and applies ----------
    login(page, "walk_dept")
    traffic.current = "/entrybatchview/add"
    page.goto("/entrybatchview/add", wait_until="networkidle")
    page.fill("input[name=title]", "市教育局2026年第1批")
    pick(page, "plan_line", "市教育局2026")
    pick(page, "application_type", "考试录用EX01")
    start = dt.date.today() - dt.timedelta(days=10)
    for name, day in (("publicity_start", start), ("publicity_end", start + dt.timedelta(days=6))):
        # typed as the date picker writes it (typing into the picker's input races its own handler)
        page.locator(f"input[name={name}]").evaluate("(el, v) => { el.value = v; }", day.isoformat())
    page.fill("textarea[name=documents]", "报名登记表")
    save_form(page)
    assert "alert-danger" not in page.content(), [
        (el.get_attribute("name"), el.input_value()) for el in page.locator("form input, form select").all()]
    with app.app_context():
        batch = db.session.execute(select(EntryBatch.id).where(EntryBatch.title == "市教育局2026年第1批")).scalar_one()
    for name in ("李明", "王芳"):
        page.goto("/entrycandidateview/add", wait_until="networkidle")
        pick(page, "batch", "市教育局2026年第1批")
        page.fill("input[name=name]", name)
        page.fill("input[name=id_number]", valid_id_number(birth=dt.date(1999, 5, 1)))
        save_form(page)
    traffic.current = "batch: apply"
    row_action(page, "entrybatchview", batch, "apply")
    assert "体检合格证明" in flashes(page)  # the missing document, named
    page.goto(f"/entrybatchview/edit/{batch}", wait_until="networkidle")
    page.fill("textarea[name=documents]", "报名登记表\n体检合格证明")
    save_form(page)
    row_action(page, "entrybatchview", batch, "apply")
    assert "已申请" in flashes(page)
    page.goto(f"/entrybatchview/show/{batch}", wait_until="networkidle")
    assert page.locator("[id$='.action-enter']").count() == 0  # 入库 is the office's

    # -- the office reviews and enters; the certificate prints -------------------
    login(page, "walk_staff")
    row_action(page, "entrybatchview", batch, "review")
    row_action(page, "entrybatchview", batch, "enter")
    assert "已入库" in flashes(page)
    with app.app_context():
        number = db.session.get(EntryBatch, batch).certificate_no
    traffic.current = "/entrybatchview/certificate"
    page.goto(f"/entrybatchview/certificate/{batch}", wait_until="networkidle")
    assert page.locator("#certificate-no").inner_text() == number
    assert "李明" in page.locator("#certificate").inner_text()
    page.emulate_media(media="print")
    assert page.locator("#certificate").is_visible() and not page.locator(".navbar").first.is_visible()
    pdf = tmp_path / "certificate.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    page.emulate_media(media="screen")

    # -- anyone checks the number, without a login -------------------------------
    page.goto("/logout/")
    traffic.current = "/staffing/verify/"
    page.goto(f"/staffing/verify/?no={number}", wait_until="networkidle")
    assert page.locator(".certificate-valid").count() == 1
    assert "市教育局" in page.content() and "李*" in page.content() and "李明" not in page.content()
    # Select2 aborts a type-ahead request that a later keystroke supersedes: not a failure.
    superseded = re.compile(r"LOAD FAILED .* xhr \S+/lookup/\S+ \(net::ERR_ABORTED\)")
    assert [p for p in traffic.problems() if not superseded.search(p)] == []
