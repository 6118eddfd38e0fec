"""A 双随机 draw walked in headless Chromium: the office records the seed and
freezes the inputs on the plan page, runs the draw; then an anonymous visitor
finds the draw on the public page with its seed and hashes, and the hashes are
those the command-line verify re-computes."""
from __future__ import annotations

import pytest

from app.extensions import db
from app.supervision.spot_checks import services
from app.supervision.spot_checks.models import SpotDraw, SpotPlan
from tests.conftest import PASSWORD
from tests.core.workdays.fixtures import calendar_years  # noqa: F401  (fixture)
from tests.supervision.spot_checks.fixtures import spot  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser


def login(page, username):
    page.goto("/logout/")
    page.goto("/login/", wait_until="networkidle")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("form[name=login] input[type=submit]")
    assert "/login" not in page.url, f"login as {username} failed"


def test_a_draw_is_frozen_run_and_published_with_its_inputs(app, spot, browser_page):  # noqa: F811
    page, traffic = browser_page
    plan_id = spot["plan"]
    login(page, "staff1")
    traffic.current = "plan page"
    page.goto(f"/spotplanview/show/{plan_id}", wait_until="networkidle")
    page.fill("#seed", "20261127-3412.55")
    page.fill("#seed_source", "2026-11-27 上证综合指数收盘点位, 办务会录入")
    with page.expect_navigation():
        page.click("#freeze-form button")
    assert page.locator("#draw-form").count() == 1, page.content()
    with page.expect_navigation():
        page.click("#draw-form button")
    assert page.locator("#publish-form").count() == 1
    db.session.rollback()
    with app.app_context():
        draw = db.session.query(SpotDraw).filter_by(plan_id=plan_id).one()
        assert db.session.get(SpotPlan, plan_id).status == "drawn"
        draw_id, seed, result_hash, candidates_hash = draw.id, draw.seed, draw.result_hash, draw.candidates_hash
        assert services.verify_draw(draw)[0] is True

    page.goto("/logout/")
    traffic.current = "public page"
    page.goto("/public/spotchecks/", wait_until="networkidle")
    with page.expect_navigation():
        page.click(f"a[href='/public/spotchecks/draw/{draw_id}']")
    assert page.locator("#seed").inner_text() == seed
    assert page.locator("#result-hash").inner_text() == result_hash
    assert candidates_hash in page.locator("#draw-inputs").inner_text()
    assert page.locator("#spot-results tbody tr").count() == 1
    assert traffic.foreign == [] and traffic.server_errors == [] and traffic.failed_local == []
