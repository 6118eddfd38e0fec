"""A finding answered in headless Chromium by its department and confirmed by
the office: the department sees only its own finding, answers it, attaches
evidence and prints the rectification notice; staff confirm it.  No CSP
violation, no foreign request and no server error on the way."""
from __future__ import annotations

import pytest

from tests.conftest import PASSWORD
from tests.justification.cases.fixtures import make_world
from tests.supervision.findings.fixtures import get, new_finding

pytestmark = pytest.mark.browser


def _login(page, username):
    page.goto("/logout/")
    page.goto("/login/", wait_until="networkidle")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("form[name=login] input[type=submit]")
    assert "/login" not in page.url, f"login as {username} failed"


def test_a_finding_answered_and_confirmed(app, browser_page, tmp_path):
    page, traffic = browser_page
    with app.app_context():
        world = make_world(app)
        mine = new_finding(world.dept, "walk-1", title="内设机构超出三定规定")
        theirs = new_finding(world.foreign, "walk-2", title="民政局领导职数超配")

    _login(page, "case_dept")
    traffic.current = "/findingview/list/"
    page.goto("/findingview/list/", wait_until="networkidle")
    listed = page.content()
    assert "内设机构超出三定规定" in listed and "民政局领导职数超配" not in listed
    assert page.goto(f"/findingview/show/{theirs}").status == 404
    traffic.current = f"/findingview/show/{mine}"
    page.goto(f"/findingview/show/{mine}", wait_until="networkidle")
    assert page.locator("#state-name").inner_text().strip() == "待整改"
    assert page.locator("button[data-target=written_off]").count() == 0  # the office's, not shown
    page.fill("textarea[name=note]", "已撤销多设的教育数字化办公室")
    with page.expect_navigation():
        page.click("button[data-target=rectifying]")
    assert page.locator("#state-name").inner_text().strip() == "整改中"
    evidence = tmp_path / "整改报告.pdf"
    evidence.write_bytes(b"%PDF-1.4 rectification report")
    page.set_input_files("#evidence input[type=file]", str(evidence))
    with page.expect_navigation():
        page.click("#evidence button")
    assert "整改报告.pdf" in page.locator("#evidence").inner_text()
    traffic.current = f"/findingview/notice/{mine}"
    page.goto(f"/findingview/notice/{mine}", wait_until="networkidle")
    assert "整改通知书" in page.locator("#notice").inner_text()
    assert page.locator("#print-button").is_visible()

    _login(page, "case_staff")
    traffic.current = f"/findingview/show/{mine} (staff)"
    page.goto(f"/findingview/show/{mine}", wait_until="networkidle")
    page.locator("form", has=page.locator("button[data-target=rectified]")).locator("input[name=note]") \
        .fill("经核实已整改到位")
    with page.expect_navigation():
        page.click("button[data-target=rectified]")
    assert page.locator("#state-name").inner_text().strip() == "已整改"
    with app.app_context():
        assert get(mine).state == "rectified" and get(mine).response == "已撤销多设的教育数字化办公室"
    assert traffic.problems() == []
