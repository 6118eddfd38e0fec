"""履职评估 and 事业单位绩效考核 in headless Chromium: staff grade through the edit
form and are refused by the cap with the numbers on the page, then grade within
it; a department user opens its own evaluation report; no request leaves the
app and no CSP violation is logged."""
from __future__ import annotations

import pytest

from app.extensions import db
from app.supervision.assessments.models import InstitutionAssessment
from tests.conftest import PASSWORD
from tests.supervision.assessments.fixtures import file_reviewed, grade, make_assessment_plan, make_caps
from tests.supervision.evaluations.fixtures import evaluate, make_plan, make_world

pytestmark = pytest.mark.browser


def login(page, username):
    page.goto("/logout/")
    page.goto("/login/", wait_until="networkidle")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("form[name=login] input[type=submit]")
    assert "/login" not in page.url, f"login as {username} failed"


def choose_grade(page, pk, name):
    page.goto(f"/institutionassessmentview/edit/{pk}", wait_until="networkidle")
    page.click("select[name=grade] + .select2 .select2-selection")
    page.click(f".select2-container--open .select2-results__option:has-text('{name}')")
    with page.expect_navigation():
        page.click("form button[type=submit]:visible, form input[type=submit]:visible")


def test_grading_under_the_cap_and_a_department_report(app, browser_page):
    page, traffic = browser_page
    with app.app_context():
        world = make_world(app)
        make_caps(world)
        plan = make_assessment_plan()
        ids = file_reviewed(world, plan, world.schools[:4])  # one 优秀/良好 of four
        grade(ids[0], world.grades["excellent"])  # 市教育局 not evaluated yet: 25 %
        db.session.remove()

    login(page, "ev_staff")
    traffic.current = "/institutionassessmentview/edit"
    choose_grade(page, ids[1], "良好")
    body = page.locator("body").inner_text()
    assert "违反优良比例上限" in body and "25% 即 1 个" in body
    choose_grade(page, ids[1], "合格")
    with app.app_context():
        assert db.session.get(InstitutionAssessment, ids[1]).grade.name == "合格"
        db.session.remove()
    page.goto(f"/assessmentplanview/caps/{plan}", wait_until="networkidle")
    assert "市教育局" in page.locator("#assessment-caps").inner_text()

    with app.app_context():
        ev = evaluate(world, make_plan(world), world.edu, {"A1": 80, "A2": 90})
        db.session.remove()
    login(page, "ev_dept")
    traffic.current = "/departmentevaluationview/show"
    page.goto(f"/departmentevaluationview/show/{ev}", wait_until="networkidle")
    with page.expect_navigation():
        page.click("#open-report")
    assert page.locator("#report-total").inner_text().strip() == "91.00"
    assert page.locator("#report-grade").inner_text().strip() == "优秀"
    assert "权责清单执行" in page.locator("#report-indicators").inner_text()
    assert traffic.problems() == []
