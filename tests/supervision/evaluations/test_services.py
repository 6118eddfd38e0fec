"""履职评估 rules: weights, publishing, plans and the sample, scores, totals and grades.
Every refusal names the numbers and leaves the database as it was."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app.core.db import transaction
from app.extensions import db
from app.supervision.evaluations import queries, rules
from app.supervision.evaluations import services as svc
from app.supervision.evaluations.models import (DepartmentEvaluation, EvaluationPlan, Grade, Indicator,
                                                IndicatorScore, IndicatorSystem)
from tests.supervision.evaluations.fixtures import evaluate, make_plan, make_system, refused




def test_weights_under_a_node_over_100_are_refused_with_the_numbers(world):
    system, _ = make_system("草稿", publish=False)
    err = refused(lambda: svc.save_indicator(Indicator(system_id=system, code="C", name="多余", weight=5)))
    assert err.key == "perf_eval.weights_over"
    assert "A 60 + B 40 + C 5" in err.message("zh") and "合计 105" in err.message("zh") and "超出 5" in err.message("zh")
    assert "sum to 105, 5 too many" in err.message("en")


def test_an_edit_that_raises_a_weight_over_100_is_refused(world):
    system, ids = make_system("草稿2", publish=False)

    def work():
        ind = db.session.get(Indicator, ids["A1"])
        ind.weight = 60
        svc.save_indicator(ind)

    err = refused(work)
    assert "A1 60 + A2 50" in err.message("zh") and "合计 110" in err.message("zh")


def test_publish_refuses_a_node_whose_weights_do_not_sum_to_100(world):
    tree = (("A", "依法履职", None, 60, "manual"), ("A1", "权责清单执行", "A", 50, "manual"),
            ("A2", "重点任务", "A", 30, "manual"), ("B", "编制使用", None, 40, "manual"))
    system, _ = make_system("不平衡", tree=tree, publish=False)
    err = refused(lambda: svc.publish(db.session.get(IndicatorSystem, system)))
    assert err.key == "perf_eval.weights_sum"
    assert "A1 50 + A2 30" in err.message("zh") and "合计 80" in err.message("zh")
    assert "sum to 80, not 100" in err.message("en")


def test_an_empty_system_is_not_published(world):
    with transaction():
        system = svc.save_system(IndicatorSystem(name="空"))
    assert refused(lambda: svc.publish(db.session.get(IndicatorSystem, system.id))).key == "perf_eval.system_empty"


def test_a_published_system_is_frozen(world):
    def edit():
        ind = db.session.get(Indicator, world.indicators["A1"])
        ind.name = "改名"
        svc.save_indicator(ind)

    assert refused(edit).key == "perf_eval.system_published"
    assert refused(lambda: svc.delete_indicator(db.session.get(Indicator, world.indicators["A2"]))).key == \
        "perf_eval.system_published"
    assert refused(lambda: svc.save_indicator(Indicator(system_id=world.system, code="C", name="新", weight=1))).key \
        == "perf_eval.system_published"


def test_weight_range_cycles_and_duplicate_codes(world):
    system, ids = make_system("草稿3", publish=False)
    assert refused(lambda: svc.save_indicator(Indicator(system_id=system, code="Z", name="零", weight=0))).key == \
        "perf_eval.weight_range"
    assert refused(lambda: svc.save_indicator(Indicator(system_id=system, code="A1", name="重", weight=0 + 1,
                                                        parent_id=ids["B"]))).key == "perf_eval.duplicate_code"

    def cycle():
        ind = db.session.get(Indicator, ids["A"])
        ind.parent_id = ids["A1"]
        svc.save_indicator(ind)

    assert refused(cycle).key == "perf_eval.cycle"


def test_a_plan_needs_a_published_system(world):
    draft, _ = make_system("未发布", publish=False)
    err = refused(lambda: svc.save_plan(EvaluationPlan(year=2026, name="x", system_id=draft, sample_size=3)))
    assert err.key == "perf_eval.system_draft"


def test_the_sample_is_reproducible_recorded_and_drawn_once(world):
    plan_id = make_plan(world, size=2)
    with transaction():
        plan = db.session.get(EvaluationPlan, plan_id)
        pool = svc.candidates(plan)
        drawn = svc.draw_sample(plan, plan.seed)
    # only the top-level 党政机构 are candidates, never the schools under 市教育局
    assert sorted(pool) == sorted([world.edu, world.civil, world.health])
    assert sorted(e.institution_id for e in drawn) == rules.sample(pool, 2, "2026-编委会-001")
    assert rules.sample(pool, 2, "2026-编委会-001") == rules.sample(list(reversed(pool)), 2, "2026-编委会-001")
    err = refused(lambda: svc.draw_sample(db.session.get(EvaluationPlan, plan_id), "again"))
    assert err.key == "perf_eval.already_sampled" and "2026-编委会-001" in err.message("zh")


def test_too_few_candidates_and_last_years_departments_are_left_out(world):
    last = make_plan(world, year=2025, size=1, seed="s", name="2025")
    evaluate(world, last, world.edu, {"A1": 80, "A2": 80})
    plan_id = make_plan(world, size=3)
    plan = db.session.get(EvaluationPlan, plan_id)
    assert world.edu not in svc.candidates(plan)
    err = refused(lambda: svc.draw_sample(db.session.get(EvaluationPlan, plan_id), "s"))
    assert err.key == "perf_eval.too_few_candidates" and "3" in err.message("zh") and "只有 2" in err.message("zh")


def test_scores_only_on_leaves_within_0_100_and_of_the_plans_system(world):
    plan_id = make_plan(world)
    ev_id = evaluate(world, plan_id, world.edu, {}, finalize=False)
    node = refused(lambda: svc.save_score(IndicatorScore(evaluation_id=ev_id, indicator_id=world.indicators["A"],
                                                         score=80)))
    assert node.key == "perf_eval.score_on_node"
    high = refused(lambda: svc.save_score(IndicatorScore(evaluation_id=ev_id, indicator_id=world.indicators["A1"],
                                                         score=101)))
    assert high.key == "perf_eval.score_range" and "101" in high.message("zh")
    other, other_ids = make_system("其他", publish=False)
    foreign = refused(lambda: svc.save_score(IndicatorScore(evaluation_id=ev_id, indicator_id=other_ids["A1"],
                                                            score=50)))
    assert foreign.key == "perf_eval.indicator_other_system"


def test_finalize_computes_the_weighted_total_and_the_grade(world):
    plan_id = make_plan(world)
    ev_id = evaluate(world, plan_id, world.edu, {"A1": 80, "A2": 90})
    ev = db.session.get(DepartmentEvaluation, ev_id)
    # A = (80·50 + 90·50)/100 = 85; B (编制使用, computed) = 100; total = 85·0.6 + 100·0.4 = 91
    assert ev.total == Decimal("91.00") and ev.grade.code == "excellent" and ev.status == "final"
    b = db.session.query(IndicatorScore).filter_by(evaluation_id=ev_id, indicator_id=world.indicators["B"]).one()
    assert b.score == 100
    low = evaluate(world, plan_id, world.civil, {"A1": 40, "A2": 50})
    ev2 = db.session.get(DepartmentEvaluation, low)
    assert ev2.total == Decimal("67.00") and ev2.grade.code == "pass"  # 45·0.6 + 40
    assert svc.department_grade(world.edu, 2026).code == "excellent"
    assert svc.department_grade(world.edu, 2025) is None


def test_finalize_refuses_missing_scores_and_a_final_evaluation_is_frozen(world):
    plan_id = make_plan(world)
    ev_id = evaluate(world, plan_id, world.edu, {"A1": 80}, finalize=False)
    err = refused(lambda: svc.finalize(db.session.get(DepartmentEvaluation, ev_id)))
    assert err.key == "perf_eval.scores_missing" and "A2" in err.message("zh") and "1 个" in err.message("zh")
    with transaction():
        svc.save_score(IndicatorScore(evaluation_id=ev_id, indicator_id=world.indicators["A2"], score=70))
        svc.finalize(db.session.get(DepartmentEvaluation, ev_id))

    def edit():
        sc = db.session.query(IndicatorScore).filter_by(evaluation_id=ev_id,
                                                        indicator_id=world.indicators["A1"]).one()
        sc.score = 100
        svc.save_score(sc)

    assert refused(edit).key == "perf_eval.final"
    assert refused(lambda: svc.finalize(db.session.get(DepartmentEvaluation, ev_id))).key == "perf_eval.final"
    assert refused(lambda: svc.update_evaluation(db.session.get(DepartmentEvaluation, ev_id), total=100)).key == \
        "perf_eval.computed_fields"


def test_the_report_shows_the_tree_weights_scores_and_contributions(world):
    plan_id = make_plan(world)
    ev_id = evaluate(world, plan_id, world.edu, {"A1": 80, "A2": 90})
    rows = queries.report(db.session.get(DepartmentEvaluation, ev_id))
    got = [(r.depth, r.indicator.code, r.weight, r.score, r.contribution) for r in rows]
    assert got == [(0, "A", 60, Decimal("85.00"), Decimal("51.00")), (1, "A1", 50, Decimal(80), Decimal("24.00")),
                   (1, "A2", 50, Decimal(90), Decimal("27.00")), (0, "B", 40, Decimal(100), Decimal("40.00"))]
    assert sum(r.contribution for r in rows if r.depth == 0) == Decimal("91.00")


def test_weighted_total_and_grade_rules():
    children = {None: [(1, 70), (2, 30)], 1: [(3, 25), (4, 75)]}
    assert rules.weighted_total(children, {3: 100, 4: 60, 2: 50}) == Decimal("64.00")
    assert rules.leaves(children) == [2, 3, 4]
    assert rules.weight_problems({None: [(1, 70), (2, 20)]}) == [(None, 90)]
    assert rules.grade_for(Decimal("79.99"), [(1, 90), (2, 80), (3, 60), (4, 0)]) == 3
    assert rules.grade_for(Decimal("80"), [(1, 90), (2, 80), (3, 60), (4, 0)]) == 2


def test_failed_indicators_become_findings(world):
    from app.supervision.findings.models import Finding

    plan_id = make_plan(world)
    ev_id = evaluate(world, plan_id, world.civil, {"A1": 40, "A2": 30}, finalize=False)
    with transaction():
        svc.finalize(db.session.get(DepartmentEvaluation, ev_id), today=dt.date(2026, 6, 30))
    found = {f.source_key: f for f in db.session.query(Finding).filter_by(source_kind="evaluation")}
    a1, a2 = world.indicators["A1"], world.indicators["A2"]
    assert set(found) == {f"department_evaluation:{ev_id}:indicator:{a1}", f"department_evaluation:{ev_id}:indicator:{a2}"}
    f = found[f"department_evaluation:{ev_id}:indicator:{a1}"]
    assert f.institution_id == world.civil and f.state == "open" and "得分 40" in f.detail
    assert f.deadline == dt.date(2026, 7, 28)  # 20 working days after 2026-06-30
    # total = 35·0.6 + 100·0.4 = 61: 合格, so no finding for the result itself
    assert db.session.get(DepartmentEvaluation, ev_id).grade.code == "pass"


def test_a_failing_evaluation_opens_its_own_finding(world):
    from app.supervision.findings.models import Finding

    with transaction():
        g = db.session.query(Grade).filter_by(code="pass").one()
        g.min_score = 70
        svc.save_grade(g)
    plan_id = make_plan(world)
    ev_id = evaluate(world, plan_id, world.civil, {"A1": 40, "A2": 30})
    keys = {f.source_key for f in db.session.query(Finding).filter_by(source_kind="evaluation")}
    assert f"department_evaluation:{ev_id}" in keys and len(keys) == 3
