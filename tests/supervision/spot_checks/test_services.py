"""The plan's rules and the draw's steps: each refusal names the rule and changes
nothing; the inputs are frozen before the draw; verify re-runs it."""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.core import target_pools
from app.core.db import transaction
from app.core.errors import DomainError
from app.core.workdays import CalendarYearMissing
from app.extensions import db
from app.supervision.spot_checks import services
from app.supervision.spot_checks.models import SpotDraw, SpotItem, SpotPlan, SpotTask
from tests.factories import new_institution
from tests.races import race
from tests.supervision.spot_checks.fixtures import AFTER_PUBLICITY, frozen_and_drawn, make_plan


def state():
    return {
        "plans": [tuple(r) for r in db.session.execute(select(SpotPlan.code, SpotPlan.status).order_by(SpotPlan.id))],
        "draws": db.session.scalar(select(func.count()).select_from(SpotDraw)),
        "tasks": db.session.scalar(select(func.count()).select_from(SpotTask)),
    }


def plan_of(spot) -> SpotPlan:
    return db.session.get(SpotPlan, spot["plan"])


@pytest.mark.parametrize("changes, key", [
    ({"sample_ratio": Decimal("0.5")}, "spot.bad_ratio"),
    ({"sample_ratio": Decimal("3.5")}, "spot.bad_ratio"),
    ({"per_target": 1}, "spot.per_target"),
    ({"publicity_ends_on": dt.date(2025, 6, 30)}, "spot.publicity_year"),
])
def test_plan_rules_refuse_and_change_nothing(app_ctx, spot, changes, key):
    before = state()
    with pytest.raises(DomainError) as err, transaction():
        services.update_plan(plan_of(spot), **changes)
    assert err.value.key == key and err.value.message("en") and err.value.message("zh")
    db.session.rollback()
    assert state() == before


def test_no_draw_before_the_publicity_period_ends_nor_without_a_seed(app_ctx, spot):
    before = state()
    with pytest.raises(DomainError) as err, transaction():
        services.freeze_draw(plan_of(spot), seed="x", seed_source="会议", today=dt.date(2026, 6, 30))
    assert err.value.key == "spot.before_publicity_end" and "2026-06-30" in err.value.message("en")
    db.session.rollback()
    with pytest.raises(DomainError) as err, transaction():
        services.freeze_draw(plan_of(spot), seed=" ", seed_source="会议", today=AFTER_PUBLICITY)
    assert err.value.key == "spot.seed_required"
    db.session.rollback()
    assert state() == before


def test_freeze_records_inputs_and_hashes_before_anything_is_drawn(app_ctx, spot):
    with transaction():
        draw = services.freeze_draw(plan_of(spot), seed="20260914", seed_source="会议", today=AFTER_PUBLICITY)
    draw = db.session.get(SpotDraw, draw.id)
    assert draw.result is None and draw.drawn_at is None and state()["tasks"] == 0
    candidates = json.loads(draw.candidates)
    assert draw.candidate_count == len(candidates) == 23 and draw.target_count == 1  # 3 % of 23, rounded up
    assert draw.algorithm == "sha256-rank/1"
    with pytest.raises(DomainError) as err, transaction():  # the plan is frozen: no edit
        services.update_plan(plan_of(spot), sample_ratio=Decimal("1"))
    assert err.value.key == "spot.plan_not_draft"


def test_the_draw_creates_tasks_with_two_inspectors_and_verify_agrees(app_ctx, spot):
    draw_id, task_ids = frozen_and_drawn(spot["plan"])
    draw = db.session.get(SpotDraw, draw_id)
    assert len(task_ids) == 1 and plan_of(spot).status == "drawn"
    task = db.session.get(SpotTask, task_ids[0])
    assert len(task.inspectors) == 2 and task.year == 2026
    # 20 working days from Tue Sep 15: Sep 16–18 (3), Sun 20 班 (4), 21–24 (8), Fri 25 off (中秋),
    # 28–30 (11), Oct 1–7 off, 8–9 (13), Sat 10 班 (14), 12–16 (19), 19 (20).
    assert draw.publish_due_on == dt.date(2026, 10, 19)
    assert services.verify_draw(draw)[0] is True
    with pytest.raises(DomainError) as err, transaction():
        services.run_draw(draw, today=AFTER_PUBLICITY)
    assert err.value.key == "spot.not_frozen"


def test_verify_sees_altered_inputs(app_ctx, spot):
    draw_id, _ = frozen_and_drawn(spot["plan"])
    draw = db.session.get(SpotDraw, draw_id)
    draw.seed = "another seed"  # what a tampered row would hold
    same, stored, again = services.verify_draw(draw)
    assert not same and stored != again
    draw.candidates = draw.candidates.replace("单位00", "单位99")
    with pytest.raises(DomainError) as err:
        services.verify_draw(draw)
    assert err.value.key == "spot.inputs_altered"
    db.session.rollback()


def test_units_checked_this_year_are_excluded_and_targeted_pools_hold(app_ctx, spot):
    _draw, task_ids = frozen_and_drawn(spot["plan"])
    checked = db.session.get(SpotTask, task_ids[0]).institution_id
    second = db.session.get(SpotPlan, make_plan("SC-T-2"))
    ids = [c[0] for c in services.candidate_list(second)]
    assert checked not in ids and len(ids) == 22
    targeted = db.session.get(SpotPlan, make_plan("SC-T-3", root=spot["edu"]))
    assert sorted(c[0] for c in services.candidate_list(targeted)) == sorted(
        {spot["edu"], spot["school"]} - {checked})


def test_the_pool_is_registrations_and_the_register_without_it(app_ctx, spot):
    """Registration registers its pool (registered units) and it wins; an uncoded unit is
    not a candidate.  Without registration's provider the institution register holds."""
    assert target_pools.active()[0] == "registration"
    uncoded = new_institution(spot["ref"], "未赋码单位")
    ids = [c[0] for c in services.candidate_list(plan_of(spot))]
    assert uncoded not in ids and len(ids) == 23
    provider = target_pools._PROVIDERS.pop("registration")
    try:
        assert target_pools.active()[0] == target_pools.DEFAULT
        assert uncoded in [c[0] for c in services.candidate_list(plan_of(spot))]
    finally:
        target_pools.register("registration", provider)


def test_a_deadline_beyond_the_calendar_refuses_the_draw_and_changes_nothing(app_ctx, spot):
    with transaction():
        draw = services.freeze_draw(plan_of(spot), seed="s", seed_source="会议", today=AFTER_PUBLICITY)
    before = state()
    with pytest.raises(CalendarYearMissing) as err, transaction():
        services.run_draw(db.session.get(SpotDraw, draw.id), today=dt.date(2026, 12, 20))
    assert err.value.params == {"year": 2027}
    db.session.rollback()
    assert state() == before and db.session.get(SpotDraw, draw.id).result is None


def test_two_freezes_at_once_give_one_draw(app_ctx, spot):
    app = app_ctx

    def attempt(i):
        services.freeze_draw(db.session.get(SpotPlan, spot["plan"]), seed=f"s{i}", seed_source="会议",
                             today=AFTER_PUBLICITY)

    granted, refused = race(app, attempt, attempts=16)
    assert (granted, refused) == (1, 15)
    assert db.session.scalar(select(func.count()).select_from(SpotDraw)) == 1


def test_item_method_is_checked(app_ctx, spot):
    with pytest.raises(DomainError) as err, transaction():
        services.create_item(SpotItem(code="X", matter="m", basis="b", checked_subject="s", check_content="c",
                                      method="phone"))
    assert err.value.key == "spot.bad_method"
