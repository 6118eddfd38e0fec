"""Assessment helpers over the evaluation tests' world: the cap table, a plan,
institutions filed and reviewed, ready to grade."""
from __future__ import annotations

from sqlalchemy import func, select

from app.core.audit import AuditLog
from app.core.db import transaction
from app.extensions import db
from app.justification.cases.models import AdjustmentCase, CaseChange
from app.supervision.assessments import services as svc
from app.supervision.assessments.models import AssessmentPlan, AssessmentReview, CapRule, InstitutionAssessment
from tests.supervision.evaluations.fixtures import DAY, World

# department's own result -> the share of 优秀+良好 allowed (percent); None: not evaluated
SHARES = {"excellent": 50, "good": 30, "pass": 20, "fail": 10, None: 25}


def make_caps(world: World, shares=SHARES) -> None:
    with transaction():
        for code, share in shares.items():
            svc.save_cap_rule(CapRule(department_grade_id=world.grades[code] if code else None, max_share=share))


def make_assessment_plan(name="2026 年度事业单位绩效考核", year=2026) -> int:
    with transaction():
        return svc.save_plan(AssessmentPlan(year=year, name=name, committee="教育专业考核委员会",
                                            third_party="青岛大学评估中心")).id


def file_reviewed(world: World, plan_id: int, institutions, *, cross_by=None) -> list[int]:
    """File each institution and give it the committee's review and a peer's cross review."""
    ids = []
    with transaction():
        for inst in institutions:
            a = svc.create_assessment(InstitutionAssessment(plan_id=plan_id, institution_id=inst, self_score=90))
            peer = cross_by or next(i for i in world.schools if i != inst)
            svc.save_review(AssessmentReview(assessment_id=a.id, kind="committee", reviewer="专业委员会", score=88))
            svc.save_review(AssessmentReview(assessment_id=a.id, kind="cross_review", reviewer="互评组",
                                             reviewer_institution_id=peer, score=86))
            ids.append(a.id)
    return ids


def grade(assessment_id: int, grade_id) -> None:
    with transaction():
        svc.grade(db.session.get(InstitutionAssessment, assessment_id), grade_id, today=DAY)


def snapshot():
    db.session.expire_all()
    return {
        "assessments": sorted(db.session.execute(select(
            InstitutionAssessment.id, InstitutionAssessment.grade_id, InstitutionAssessment.graded_on,
            InstitutionAssessment.follow_up_case_id, InstitutionAssessment.self_score)).all()),
        "reviews": sorted(db.session.execute(select(AssessmentReview.id, AssessmentReview.score)).all()),
        "rules": sorted(db.session.execute(select(CapRule.id, CapRule.max_share)).all(), key=str),
        "cases": db.session.execute(select(func.count(AdjustmentCase.id))).scalar(),
        "changes": db.session.execute(select(func.count(CaseChange.id))).scalar(),
        "audit": db.session.execute(select(func.count(AuditLog.id))).scalar(),
    }
