"""Every door of 事业单位绩效考核: pages, the edit form, actions, REST API, exports, the
caps page, CLI — the cap refused on each with the numbers; a department reaches its own institutions only."""
from __future__ import annotations

import io

from openpyxl import load_workbook
from sqlalchemy import select

from app.extensions import db
from app.justification.cases.models import AdjustmentCase
from app.supervision.assessments.models import AssessmentReview, InstitutionAssessment
from tests.conftest import csrf_token
from tests.factories import new_institution
from tests.supervision.assessments.fixtures import file_reviewed, grade, make_assessment_plan, make_caps, snapshot
from tests.supervision.evaluations.fixtures import api_for, client_for


def _setup(world):
    make_caps(world)
    plan = make_assessment_plan()
    ids = file_reviewed(world, plan, world.schools[:4])  # 25 % of 4: one 优秀/良好
    welfare = new_institution(world.ref, "市社会福利院", parent=world.civil, category="pi")
    (theirs,) = file_reviewed(world, plan, [welfare], cross_by=world.schools[0])
    grade(ids[0], world.grades["excellent"])
    return plan, ids, theirs


def test_the_cap_is_refused_on_the_api_and_the_form_with_the_numbers(app, world):
    plan, ids, _ = _setup(world)
    api, headers = api_for(app, "staff")
    c = client_for(app, "staff")
    before = snapshot()
    resp = api.put(f"/api/v1/institutionassessment/{ids[1]}", json={"grade": world.grades["good"]}, headers=headers)
    assert resp.status_code == 422
    body = resp.get_json()
    assert "25% 即 1 个" in body["zh"] and "已有 1 个" in body["zh"] and "at most 25% = 1" in body["en"]
    assert snapshot() == before
    token = csrf_token(c, f"/institutionassessmentview/edit/{ids[1]}")
    page = c.post(f"/institutionassessmentview/edit/{ids[1]}", data={"csrf_token": token,
                                                                      "grade": world.grades["good"]},
                  follow_redirects=True).get_data(as_text=True)
    assert "违反优良比例上限" in page
    assert snapshot() == before
    resp = api.put(f"/api/v1/institutionassessment/{ids[1]}", json={"grade": world.grades["pass"]}, headers=headers)
    assert resp.status_code == 200, resp.get_json()
    caps = api.get(f"/api/v1/assessmentplan/{plan}/caps", headers=headers).get_json()["result"]
    edu = next(r for r in caps if r["supervisor_id"] == world.edu)
    assert (edu["count"], edu["top"], edu["share"], edu["limit"]) == (4, 1, 25, 1)
    html = c.get(f"/assessmentplanview/caps/{plan}").get_data(as_text=True)
    assert "市教育局" in html and "市民政局" in html


def test_a_department_reaches_its_own_institutions_only(app, world):
    plan, ids, theirs = _setup(world)
    review = db.session.execute(select(AssessmentReview.id).where(AssessmentReview.assessment_id == theirs)).scalar()
    c = client_for(app, "department")  # 市教育局
    api, headers = api_for(app, "department")
    foreign = client_for(app, "foreign")  # 市民政局 sees its welfare home only
    html = c.get("/institutionassessmentview/list/").get_data(as_text=True)
    assert "青岛第1中学" in html and "市社会福利院" not in html
    for url in (f"/institutionassessmentview/show/{theirs}", f"/assessmentreviewview/show/{review}",
                f"/api/v1/institutionassessment/{theirs}", f"/api/v1/assessmentreview/{review}"):
        assert c.get(url).status_code == 404, url
    before = snapshot()
    assert api.put(f"/api/v1/institutionassessment/{ids[1]}", json={"grade": world.grades["pass"]},
                   headers=headers).status_code == 403  # a department reads its results, the office grades
    assert api.post(f"/api/v1/institutionassessment/{ids[0]}/open_case", json={"kind": "revoke"},
                    headers=headers).status_code == 403
    listed = api.get("/api/v1/institutionassessment/?q=(page_size:100)", headers=headers).get_json()["result"]
    assert sorted(r["id"] for r in listed) == sorted(ids)
    book = load_workbook(io.BytesIO(c.get("/institutionassessmentview/export/").data))
    assert "市社会福利院" not in [row[1] for row in book.active.iter_rows(min_row=2, values_only=True)]
    assert c.get(f"/assessmentplanview/caps/{plan}").status_code in (302, 403)
    html = foreign.get("/institutionassessmentview/list/").get_data(as_text=True)
    assert "市社会福利院" in html and "青岛第1中学" not in html
    assert snapshot() == before


def test_a_result_opens_a_case_through_the_api_and_the_page(app, world):
    plan, ids, _ = _setup(world)
    grade(ids[1], world.grades["fail"])
    api, headers = api_for(app, "staff")
    bad = api.post(f"/api/v1/institutionassessment/{ids[1]}/open_case", json={"kind": 3}, headers=headers)
    assert bad.status_code == 400
    not_graded = api.post(f"/api/v1/institutionassessment/{ids[2]}/open_case", json={"kind": "revoke"},
                          headers=headers)
    assert not_graded.status_code == 422 and "尚未评定等级" in not_graded.get_json()["zh"]
    resp = api.post(f"/api/v1/institutionassessment/{ids[1]}/open_case",
                    json={"kind": "staffing_decrease", "amount": 3}, headers=headers)
    assert resp.status_code == 200, resp.get_json()
    case = db.session.get(AdjustmentCase, resp.get_json()["case_id"])
    assert case.case_type == "staffing_decrease" and case.changes[0].amount == -3
    c = client_for(app, "staff")
    token = csrf_token(c, f"/institutionassessmentview/show/{ids[0]}")
    resp = c.post("/institutionassessmentview/action_post", data={"csrf_token": token, "action": "case_revoke",
                                                                  "rowid": [ids[0]]})
    db.session.expire_all()
    opened = db.session.get(InstitutionAssessment, ids[0]).follow_up_case_id
    assert opened and resp.headers["Location"].endswith(f"/adjustmentcaseview/show/{opened}")


def test_the_cli_grades_under_the_cap(app, world):
    _plan, ids, _ = _setup(world)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["assessment", "grade", str(ids[1]), "good"])
    assert result.exit_code == 2 and "违反优良比例上限" in result.output and "cap on 优秀+良好" in result.output
    result = runner.invoke(args=["assessment", "grade", str(ids[1]), "pass"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert db.session.get(InstitutionAssessment, ids[1]).grade.code == "pass"
