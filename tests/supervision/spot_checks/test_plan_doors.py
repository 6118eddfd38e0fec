"""A plan through the generic doors: the form's edit and the API's put reach
``update_plan`` with the changes by name; a refusal is a 422 in both languages
and changes nothing."""
from __future__ import annotations

from decimal import Decimal

from app.extensions import db
from app.supervision.spot_checks.models import SpotPlan
from tests.conftest import api_token, csrf_token
from tests.supervision.spot_checks.fixtures import fresh


def test_the_form_edits_a_draft_plan(app, spot):
    staff, pid = spot["staff"], spot["plan"]
    token = csrf_token(staff, f"/spotplanview/edit/{pid}")
    page = staff.get(f"/spotplanview/edit/{pid}").get_data(as_text=True)
    assert 'name="sample_ratio"' in page
    with fresh(app):
        plan = db.session.get(SpotPlan, pid)
        form = {"csrf_token": token, "code": plan.code, "name": "改名后的计划", "year": "2026",
                "spot_item": str(plan.spot_item_id), "sample_ratio": "2", "per_target": "3",
                "publicity_ends_on": "2026-06-30", "pool_root": str(spot["edu"])}
    resp = staff.post(f"/spotplanview/edit/{pid}", data=form)
    assert resp.status_code == 302
    with fresh(app):
        plan = db.session.get(SpotPlan, pid)
        assert (plan.name, plan.sample_ratio, plan.per_target, plan.pool_root_id) == (
            "改名后的计划", Decimal("2.00"), 3, spot["edu"])


def test_the_api_refuses_a_ratio_out_of_range_and_changes_nothing(app, spot):
    from tests.factories import make_user

    make_user(app, "root", "admin")
    client = app.test_client()
    headers = {"Authorization": f"Bearer {api_token(client, 'root')}"}
    resp = client.put(f"/api/v1/spotplan/{spot['plan']}", json={"sample_ratio": 5}, headers=headers)
    assert resp.status_code == 422, resp.get_data(as_text=True)
    body = resp.get_json()
    assert "5" in body["zh"] and "1% to 3%" in body["en"]
    with fresh(app):
        assert db.session.get(SpotPlan, spot["plan"]).sample_ratio == Decimal("3.00")
