"""The cap on 优秀+良好 under parallel gradings, with real threads (SQLite and PostgreSQL)."""
from __future__ import annotations

from sqlalchemy import func, select

from app.extensions import db
from app.supervision.assessments import services as svc
from app.supervision.assessments.models import AssessmentPlan, InstitutionAssessment
from app.supervision.evaluations.models import Grade
from tests.factories import new_institution
from tests.races import assert_chain_intact, race
from tests.supervision.assessments.fixtures import file_reviewed, grade, make_assessment_plan, make_caps


def test_parallel_gradings_never_pass_the_cap(app, world):
    make_caps(world)  # 市教育局 not evaluated: 25 %
    schools = world.schools + [new_institution(world.ref, f"青岛第{i}小学", parent=world.edu, category="pi")
                               for i in range(32)]
    plan = make_assessment_plan()
    ids = file_reviewed(world, plan, schools)  # 40 institutions: at most 10 优秀+良好
    top = [world.grades["excellent"], world.grades["good"]]

    def attempt(i):
        svc.grade(db.session.get(InstitutionAssessment, ids[i]), top[i % 2])

    granted, refused = race(app, attempt, attempts=len(ids))
    assert (granted, refused) == (10, 30)
    db.session.expire_all()
    graded = db.session.execute(select(func.count()).select_from(InstitutionAssessment).join(Grade).where(
        Grade.is_top.is_(True))).scalar()
    assert graded == 10
    status = svc.cap_status(db.session.get(AssessmentPlan, plan), world.edu)
    assert (status["count"], status["top"], status["limit"]) == (40, 10, 10)
    assert_chain_intact()


def test_parallel_removals_never_break_the_cap(app, world):
    make_caps(world)
    schools = world.schools + [new_institution(world.ref, f"青岛第{i}小学", parent=world.edu, category="pi")
                               for i in range(12)]
    plan = make_assessment_plan()
    ids = file_reviewed(world, plan, schools)  # 20 institutions at 25 %
    for a in ids[:4]:
        grade(a, world.grades["excellent"])  # 4 优秀: the count may fall to 16 (25 % of 16 = 4), no lower

    def attempt(i):
        svc.delete_assessment(db.session.get(InstitutionAssessment, ids[4 + i]))

    granted, refused = race(app, attempt, attempts=16)
    assert (granted, refused) == (4, 12)
    status = svc.cap_status(db.session.get(AssessmentPlan, plan), world.edu)
    assert (status["count"], status["top"], status["limit"]) == (16, 4, 4)
    assert_chain_intact()
