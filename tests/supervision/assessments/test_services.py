"""事业单位绩效考核 rules: the cap on 优秀+良好 tied to the department's own result,
reviews before a grade, closed plans, and the adjustment case a result opens.
Every refusal names the numbers and leaves the database as it was."""
from __future__ import annotations

import pytest

from app.core.db import transaction
from app.core.errors import DomainError
from app.extensions import db
from app.justification.cases.models import AdjustmentCase
from app.supervision.assessments import rules
from app.supervision.assessments import services as svc
from app.supervision.assessments.models import AssessmentPlan, AssessmentReview, CapRule, InstitutionAssessment
from tests.supervision.assessments.fixtures import file_reviewed, grade, make_assessment_plan, make_caps, snapshot
from tests.supervision.evaluations.fixtures import evaluate, make_plan, user
from tests.supervision.evaluations.fixtures import refused as refused_with


def refused(work) -> DomainError:
    return refused_with(work, snapshot)


def test_the_cap_follows_the_departments_own_result(world):
    make_caps(world)
    plan = make_assessment_plan()
    ids = file_reviewed(world, plan, world.schools)  # 8 schools under 市教育局
    # Not evaluated: 25 % of 8 = 2 may be 优秀 or 良好.
    grade(ids[0], world.grades["excellent"])
    grade(ids[1], world.grades["good"])
    err = refused(lambda: svc.grade(db.session.get(InstitutionAssessment, ids[2]), world.grades["good"]))
    assert err.key == "assessment.cap"
    zh = err.message("zh")
    assert "市教育局" in zh and "8 个" in zh and "未评估" in zh and "25% 即 2 个" in zh and "已有 2 个" in zh
    assert "将为 3 个" in zh and "青岛第3中学" in zh and "良好" in zh
    assert "at most 25% = 2" in err.message("en")
    # 合格 and 不合格 are never capped
    grade(ids[2], world.grades["pass"])
    # Once 市教育局 is evaluated 优秀 (91), 50 % of 8 = 4.
    ev_plan = make_plan(world)
    evaluate(world, ev_plan, world.edu, {"A1": 80, "A2": 90})
    grade(ids[3], world.grades["excellent"])
    grade(ids[4], world.grades["excellent"])
    err = refused(lambda: svc.grade(db.session.get(InstitutionAssessment, ids[5]), world.grades["excellent"]))
    assert "优秀" in err.message("zh") and "50% 即 4 个" in err.message("zh")
    status = svc.cap_status(db.session.get(AssessmentPlan, plan), world.edu)
    assert (status["count"], status["top"], status["share"], status["limit"]) == (8, 4, 50, 4)


def test_regrading_within_the_top_and_downgrading_are_free(world):
    make_caps(world)
    plan = make_assessment_plan()
    ids = file_reviewed(world, plan, world.schools[:4])  # 25 % of 4 = 1
    grade(ids[0], world.grades["excellent"])
    grade(ids[0], world.grades["good"])  # still one top grade
    assert refused(lambda: svc.grade(db.session.get(InstitutionAssessment, ids[1]),
                                     world.grades["good"])).key == "assessment.cap"
    grade(ids[0], world.grades["pass"])
    grade(ids[1], world.grades["good"])


def test_removing_an_institution_may_not_break_the_cap(world):
    make_caps(world)
    plan = make_assessment_plan()
    ids = file_reviewed(world, plan, world.schools[:4])  # 1 of 4
    grade(ids[0], world.grades["excellent"])
    # 1 优秀 of 4 (25 % of 4 = 1); without one of the others, 25 % of 3 = 0
    err = refused(lambda: svc.delete_assessment(db.session.get(InstitutionAssessment, ids[3])))
    assert err.key == "assessment.cap_removal"
    assert "移出 青岛第4中学" in err.message("zh") and "为 3 个" in err.message("zh") and "即 0 个" in err.message("zh")
    grade(ids[0], world.grades["pass"])
    with transaction():
        svc.delete_assessment(db.session.get(InstitutionAssessment, ids[3]))


def test_without_a_rule_no_top_grade(world):
    make_caps(world, shares={"excellent": 50})
    plan = make_assessment_plan()
    ids = file_reviewed(world, plan, world.schools[:4])
    err = refused(lambda: svc.grade(db.session.get(InstitutionAssessment, ids[0]), world.grades["good"]))
    assert err.key == "assessment.no_rule" and "未评估" in err.message("zh")
    grade(ids[0], world.grades["pass"])


def test_a_grade_needs_the_committee_and_a_cross_review(world):
    make_caps(world)
    plan = make_assessment_plan()
    with transaction():
        a = svc.create_assessment(InstitutionAssessment(plan_id=plan, institution_id=world.schools[0]))
        aid = a.id
        svc.save_review(AssessmentReview(assessment_id=aid, kind="committee", reviewer="委员会", score=80))
    err = refused(lambda: svc.grade(db.session.get(InstitutionAssessment, aid), world.grades["pass"]))
    assert err.key == "assessment.reviews_missing" and "互评互审" in err.message("zh")
    own = refused(lambda: svc.save_review(AssessmentReview(assessment_id=aid, kind="cross_review", reviewer="自己",
                                                           reviewer_institution_id=world.schools[0], score=90)))
    assert own.key == "assessment.self_review"
    bad = refused(lambda: svc.save_review(AssessmentReview(assessment_id=aid, kind="third_party", reviewer="第三方",
                                                           score=101)))
    assert bad.key == "assessment.score_range"


def test_filing_rules(world):
    make_caps(world)
    plan = make_assessment_plan()
    file_reviewed(world, plan, world.schools[:1])
    dup = refused(lambda: svc.create_assessment(InstitutionAssessment(plan_id=plan,
                                                                      institution_id=world.schools[0])))
    assert dup.key == "assessment.duplicate"
    top = refused(lambda: svc.create_assessment(InstitutionAssessment(plan_id=plan, institution_id=world.edu)))
    assert top.key == "assessment.no_supervisor"
    pre = refused(lambda: svc.create_assessment(InstitutionAssessment(
        plan_id=plan, institution_id=world.schools[1], grade_id=world.grades["excellent"])))
    assert pre.key == "assessment.grade_after_review"
    a = db.session.query(InstitutionAssessment).one()
    assert a.supervisor_id == world.edu


def test_a_closed_plan_is_frozen(world):
    make_caps(world)
    plan = make_assessment_plan()
    ids = file_reviewed(world, plan, world.schools[:4])
    with transaction():
        p = db.session.get(AssessmentPlan, plan)
        p.status = "closed"
        svc.save_plan(p)
    err = refused(lambda: svc.grade(db.session.get(InstitutionAssessment, ids[0]), world.grades["pass"]))
    assert err.key == "assessment.plan_closed"


def test_cap_rules_are_data_and_unique_per_result(world):
    make_caps(world)
    assert refused(lambda: svc.save_cap_rule(CapRule(department_grade_id=None, max_share=10))).key == \
        "assessment.duplicate_rule"
    assert refused(lambda: svc.save_cap_rule(CapRule(department_grade_id=world.grades["good"],
                                                     max_share=10))).key == "assessment.duplicate_rule"
    assert refused(lambda: svc.save_cap_rule(CapRule(max_share=120))).key == "write.choice"


@pytest.mark.parametrize("kind, change_kind, amount", [("staffing_increase", "ledger_delta", 2),
                                                      ("staffing_decrease", "ledger_delta", -2),
                                                      ("revoke", "institution_revoke", None)])
def test_a_result_opens_a_prefilled_case_once(world, kind, change_kind, amount):
    make_caps(world)
    plan = make_assessment_plan()
    ids = file_reviewed(world, plan, world.schools[:1])
    grade(ids[0], world.grades["fail"])
    with transaction():
        case = svc.open_case(db.session.get(InstitutionAssessment, ids[0]), kind, user(world, "staff"), amount=2)
        case_id = case.id
    case = db.session.get(AdjustmentCase, case_id)
    assert case.case_type == kind and case.institution_id == world.schools[0] and case.state.is_initial
    assert "不合格" in case.reasons and "专业委员会" in case.reasons
    (change,) = case.changes
    assert change.kind == change_kind and change.amount == amount and change.institution_id == world.schools[0]
    if amount:
        assert change.quota_type_id == world.ref.inst_q
    assert db.session.get(InstitutionAssessment, ids[0]).follow_up_case_id == case_id
    again = refused(lambda: svc.open_case(db.session.get(InstitutionAssessment, ids[0]), "revoke",
                                          user(world, "staff")))
    assert again.key == "assessment.case_exists" and case.number in again.message("zh")


def test_a_merge_case_names_its_target_and_an_ungraded_result_opens_nothing(world):
    make_caps(world)
    plan = make_assessment_plan()
    ids = file_reviewed(world, plan, world.schools[:2])
    assert refused(lambda: svc.open_case(db.session.get(InstitutionAssessment, ids[0]), "merge",
                                         user(world, "staff"), target_id=world.schools[1])).key == \
        "assessment.case_needs_grade"
    grade(ids[0], world.grades["pass"])
    assert refused(lambda: svc.open_case(db.session.get(InstitutionAssessment, ids[0]), "merge",
                                         user(world, "staff"))).key == "write.required"
    with transaction():
        case = svc.open_case(db.session.get(InstitutionAssessment, ids[0]), "merge", user(world, "staff"),
                             target_id=world.schools[1])
        (change,) = case.changes
        assert change.kind == "institution_merge" and change.target_id == world.schools[1]


def test_top_limit_rounds_down():
    assert rules.top_limit(8, 25) == 2 and rules.top_limit(2, 30) == 0 and rules.top_limit(10, 30) == 3
    assert rules.breaks_cap(3, 8, 25) and not rules.breaks_cap(2, 8, 25)


def test_a_failing_grade_is_a_finding_resolved_when_graded_out_of_it_and_reopened_on_the_same_row(world):
    from app.supervision.findings.models import Finding

    make_caps(world)
    plan = make_assessment_plan()
    ids = file_reviewed(world, plan, world.schools[:1])
    grade(ids[0], world.grades["fail"])
    grade(ids[0], world.grades["fail"])  # unchanged: nothing new
    (f,) = db.session.query(Finding).filter_by(source_kind="assessment").all()
    assert f.source_key == f"institution_assessment:{ids[0]}" and f.state == "open"
    assert f.institution_id == world.schools[0] and "不合格" in f.title and "主管部门 市教育局" in f.detail
    grade(ids[0], world.grades["pass"])
    db.session.expire_all()
    assert db.session.get(Finding, f.id).state == "rectified"
    grade(ids[0], world.grades["fail"])
    db.session.expire_all()
    (again,) = db.session.query(Finding).filter_by(source_kind="assessment").all()
    assert again.id == f.id and again.state == "open" and again.reopened == 1
