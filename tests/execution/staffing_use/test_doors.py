"""Every door of 用编进人 for a department user (its own subtree only), the
office's steps through the REST API, the certificate page and the public check."""
from __future__ import annotations

import io

from openpyxl import load_workbook
from sqlalchemy import func, select

from app.core import portal
from app.execution.staffing_use.models import EntryBatch, EntryCandidate, StaffingPlan, StaffingPlanLine
from app.extensions import db
from app.quota.models import Person
from tests.conftest import api_token, csrf_token, login
from tests.execution.staffing_use.fixtures import approved_line, new_batch, new_meeting, new_plan
from tests.factories import valid_id_number


def foreign_world(s):
    """市财政局's plan and batch (outside the department's subtree) and the school's own."""
    fin_line = approved_line(s["fin"], s["ref"].admin_q, 2)
    own_line = approved_line(s["school"], s["ref"].inst_q, 2, channel="recruitment")
    fin_batch = new_batch(fin_line, s["exam"], 1, step="entered", names={0: "财政新人"})
    own_batch = new_batch(own_line, s["recruit"], 1, step="review", names={0: "二中新人"})
    plans = {line: db.session.get(StaffingPlanLine, line).plan_id for line in (fin_line, own_line)}
    return fin_line, own_line, fin_batch, own_batch, plans


def state():
    db.session.expire_all()
    return (tuple(db.session.execute(select(StaffingPlan.status, StaffingPlan.title).order_by(StaffingPlan.id))),
            tuple(db.session.execute(select(EntryBatch.step, EntryBatch.title).order_by(EntryBatch.id))),
            db.session.execute(select(func.count()).select_from(EntryCandidate)).scalar(),
            db.session.execute(select(func.count()).select_from(Person)).scalar())


def test_a_department_reaches_only_its_subtree_on_every_door(app, staffing):
    s = staffing
    fin_line, own_line, fin_batch, own_batch, plans = foreign_world(s)
    c = s["client"]
    before = state()
    html = c.get("/staffingplanview/list/").get_data(as_text=True)
    assert "青岛二中" in html and "市财政局" not in html
    html = c.get("/entrybatchview/list/").get_data(as_text=True)
    assert "青岛二中" in html and "市财政局" not in html
    for url in (f"/staffingplanview/show/{plans[fin_line]}", f"/staffingplanview/edit/{plans[fin_line]}",
                f"/entrybatchview/show/{fin_batch}", f"/entrybatchview/certificate/{fin_batch}",
                f"/staffingplanlineview/show/{fin_line}"):
        assert c.get(url).status_code == 404, url
    token = csrf_token(c, "/staffingplanview/add")
    for url, data in ((f"/staffingplanview/delete/{plans[fin_line]}", {}),
                      ("/staffingplanview/action_post", {"action": "submit", "rowid": [str(plans[fin_line])]}),
                      ("/entrybatchview/action_post", {"action": "apply", "rowid": [str(fin_batch)]}),
                      (f"/entrybatchview/action/apply/{fin_batch}", {})):
        assert c.post(url, data={"csrf_token": token, **data}).status_code == 404, url
    # lookups (the form's type-ahead) and exports hold no foreign row
    found = [r["text"] for r in c.get("/staffingplanlineview/lookup/?q=").get_json()["results"]]
    assert len(found) == 1 and "青岛二中" in found[0]
    found = [r["text"] for r in c.get("/entrycandidateview/lookup/?q=").get_json()["results"]]
    assert found == ["二中新人"]
    book = load_workbook(io.BytesIO(c.get("/entrybatchview/export/").data))
    cells = " ".join(str(v) for row in book.active.iter_rows(values_only=True) for v in row)
    assert "青岛二中" in cells and "市财政局" not in cells
    # the REST API: list, show and the steps
    headers = {"Authorization": f"Bearer {api_token(c, 'dept')}"}
    rows = c.get("/api/v1/entrybatch/", headers=headers).get_json()["result"]
    assert [r["id"] for r in rows] == [own_batch]
    assert c.get(f"/api/v1/entrybatch/{fin_batch}", headers=headers).status_code == 404
    assert c.post(f"/api/v1/staffingplan/{plans[fin_line]}/submit", headers=headers, json={}).status_code == 404
    assert c.post(f"/api/v1/entrybatch/{own_batch}/enter", headers=headers, json={}).status_code == 403
    # a plan for another unit is refused on create, nothing written
    resp = c.post("/api/v1/staffingplan/", headers=headers, json={"institution": s["fin"], "year": 2026,
                                                                   "title": "越权计划"})
    assert resp.status_code in (403, 422)
    resp = c.post("/api/v1/staffingplanline/", headers=headers, json={"plan": plans[fin_line], "quota_type":
                                                                       s["ref"].admin_q, "channel": "transfer",
                                                                       "planned": 1})
    assert resp.status_code in (403, 422)
    assert state() == before


def test_a_department_files_lines_batches_and_persons_for_its_own_units(app, staffing):
    s = staffing
    c = s["client"]
    headers = {"Authorization": f"Bearer {api_token(c, 'dept')}"}
    plan, _ = new_plan(s["school"], [])
    resp = c.post("/api/v1/staffingplanline/", headers=headers, json={"plan": plan, "quota_type": s["ref"].inst_q,
                                                                       "channel": "recruitment", "planned": 2})
    assert resp.status_code == 201, resp.get_json()
    line = approved_line(s["edu"], s["ref"].admin_q, 1)
    resp = c.post("/api/v1/entrybatch/", headers=headers, json={
        "title": "教育局第1批", "plan_line": line, "application_type": s["exam"], "publicity_start": "2026-01-05",
        "publicity_end": "2026-01-12", "documents": "报名登记表"})
    assert resp.status_code == 201, resp.get_json()
    batch = resp.get_json()["id"]
    resp = c.post("/api/v1/entrycandidate/", headers=headers,
                  json={"batch": batch, "name": "张明", "id_number": valid_id_number()})
    assert resp.status_code == 201, resp.get_json()
    assert db.session.get(EntryCandidate, resp.get_json()["id"]).institution_id == s["edu"]


def test_the_office_walks_a_plan_and_a_batch_through_the_api(app, staffing):
    s = staffing
    c = app.test_client()
    login(c, "staff1")
    headers = {"Authorization": f"Bearer {api_token(c, 'staff1')}"}
    meeting = new_meeting("2026年6月用编进人计划月专题会议")
    plan, (line,) = new_plan(s["edu"], [(s["ref"].admin_q, "exam", 2)], meeting=meeting)
    assert c.post(f"/api/v1/staffingplan/{plan}/submit", headers=headers, json={}).get_json()["status"] == "submitted"
    resp = c.post(f"/api/v1/reviewmeeting/{meeting}/decide", headers=headers, json={})
    assert resp.status_code == 422 and resp.get_json()["error_code"] == "staffing.meeting_doc_no"
    resp = c.post(f"/api/v1/reviewmeeting/{meeting}/decide", headers=headers, json={"doc_no": "青编用〔2026〕6号"})
    assert resp.status_code == 200 and resp.get_json()["status"] == "decided"
    batch = new_batch(line, s["exam"], 2, docs="报名登记表")
    resp = c.post(f"/api/v1/entrybatch/{batch}/apply", headers=headers, json={})
    body = resp.get_json()
    assert resp.status_code == 422 and "体检合格证明" in body["zh"] and "体检合格证明" in body["en"]
    resp = c.put(f"/api/v1/entrybatch/{batch}", headers=headers,
                 json={"documents": "报名登记表\n体检合格证明\n考察材料"})
    assert resp.status_code == 200, resp.get_json()
    for step in ("apply", "review", "enter"):
        resp = c.post(f"/api/v1/entrybatch/{batch}/{step}", headers=headers, json={})
        assert resp.status_code == 200, resp.get_json()
    number = resp.get_json()["certificate_no"]
    page = c.get(f"/entrybatchview/certificate/{batch}").get_data(as_text=True)
    assert number in page and "staffing_certificate.css" in page
    # the public check: no login, masked names, an unknown number says so
    anon = app.test_client()
    html = anon.get(f"/staffing/verify/?no={number}").get_data(as_text=True)
    assert "市教育局" in html and "新*" in html and "新人0" not in html
    assert "certificate-invalid" in anon.get("/staffing/verify/?no=RB2026-000001-0000000000").get_data(as_text=True)
    assert "CertificateCheckView.verify" in [link.endpoint for link in portal.links()]


def test_the_certificate_as_a_pdf_embeds_its_chinese_font(app, staffing):
    """The PDF of an entered batch: a real PDF, its font embedded as a subset (it
    reads the same on a machine without Chinese fonts); scoped like the page; and
    without the font on the server, a 503 that says so instead of a file of boxes."""
    s = staffing
    fin_line, own_line, fin_batch, own_batch, plans = foreign_world(s)
    own_entered = new_batch(approved_line(s["school"], s["ref"].inst_q, 1, channel="recruitment"), s["recruit"], 1,
                            step="entered", names={0: "二中入编"})
    c = s["client"]
    resp = c.get(f"/entrybatchview/certificate/{own_entered}.pdf")
    assert resp.status_code == 200 and resp.mimetype == "application/pdf"
    pdf = resp.data
    assert pdf.startswith(b"%PDF-") and b"/FontFile2" in pdf  # a TrueType font program inside the file
    assert b"WenQuanYi" in pdf or b"BianzhiCJK" in pdf
    assert "入编证明" in resp.headers["Content-Disposition"] or "filename*" in resp.headers["Content-Disposition"]
    assert 'id="certificate-pdf"' in c.get(f"/entrybatchview/certificate/{own_entered}").get_data(as_text=True)
    assert c.get(f"/entrybatchview/certificate/{fin_batch}.pdf").status_code == 404  # another department's
    assert c.get(f"/entrybatchview/certificate/{own_batch}.pdf").status_code == 404  # not entered yet


def test_without_the_font_the_pdf_is_refused_with_the_reason(app, staffing, monkeypatch):
    from reportlab.pdfbase import pdfmetrics

    from app.execution.staffing_use import certificate_pdf

    s = staffing
    entered = new_batch(approved_line(s["school"], s["ref"].inst_q, 1, channel="recruitment"), s["recruit"], 1,
                        step="entered", names={0: "二中入编"})
    monkeypatch.setitem(app.config, "CERTIFICATE_FONT", "/nonexistent/font.ttc")
    monkeypatch.setattr(certificate_pdf, "FONT_NAME", "BianzhiCJK-missing")  # not registered by an earlier test
    assert "BianzhiCJK-missing" not in pdfmetrics.getRegisteredFontNames()
    resp = s["client"].get(f"/entrybatchview/certificate/{entered}.pdf")
    assert resp.status_code == 503
    assert "/nonexistent/font.ttc" in resp.get_data(as_text=True) and "CERTIFICATE_FONT" in resp.get_data(as_text=True)


def test_a_step_says_the_state_its_row_is_now_in(app, staffing):
    """The success flash of a step names the row's new state by its label (one wording
    with cases and findings): a plan submitted, a batch's application filed."""
    s = staffing
    plan, _lines = new_plan(s["edu"], [(s["ref"].admin_q, "exam", 1)], new_meeting())
    c = s["client"]
    token = csrf_token(c, "/staffingplanview/list/")
    page = c.post("/staffingplanview/action_post", data={"csrf_token": token, "action": "submit",
                                                          "rowid": [str(plan)]}, follow_redirects=True)
    assert "已报送，现处于「已报送」。" in page.get_data(as_text=True)
    own_line = approved_line(s["school"], s["ref"].inst_q, 2, channel="recruitment")
    batch = new_batch(own_line, s["recruit"], 1)
    staff = app.test_client()
    assert login(staff, "staff1").status_code == 302
    token = csrf_token(staff, "/entrybatchview/list/")
    page = staff.post(f"/entrybatchview/action/apply/{batch}", data={"csrf_token": token}, follow_redirects=True)
    assert "现处于「申请」" in page.get_data(as_text=True), page.get_data(as_text=True)[:3000]


def _rows():
    db.session.expire_all()
    return (state(), tuple(db.session.execute(select(StaffingPlanLine.id, StaffingPlanLine.planned)
                                              .order_by(StaffingPlanLine.id))),
            tuple(db.session.execute(select(EntryCandidate.id, EntryCandidate.name).order_by(EntryCandidate.id))))


def test_rows_closed_by_their_plan_or_batch_offer_no_edit_or_delete_anywhere(app, staffing):
    """A submitted plan and its lines, an entered batch and its persons: the services refuse
    an edit, and no door offers one (list icons, the edit and delete URLs, the API); a draft
    plan's lines and a batch in 公示 still do."""
    s = staffing
    closed_line = approved_line(s["school"], s["ref"].inst_q, 2, channel="recruitment")
    closed_plan = db.session.get(StaffingPlanLine, closed_line).plan_id
    entered = new_batch(closed_line, s["recruit"], 1, step="entered", names={0: "已入库者"})
    applied = new_batch(closed_line, s["recruit"], 1, step="application", names={0: "申请中者"})
    open_batch = new_batch(closed_line, s["recruit"], 1, names={0: "公示中者"})
    open_plan, (open_line,) = new_plan(s["edu"], [(s["ref"].admin_q, "exam", 1)])
    person_of = {b: db.session.execute(select(EntryCandidate.id).where(EntryCandidate.batch_id == b)).scalar_one()
                 for b in (entered, applied, open_batch)}
    staff = app.test_client()
    assert login(staff, "staff1").status_code == 302
    api = app.test_client()
    headers = {"Authorization": f"Bearer {api_token(api, 'staff1')}"}
    closed = [("staffingplanview", "staffingplan", closed_plan, {"edit", "delete"}, "只有草拟中的计划可以修改"),
              ("staffingplanlineview", "staffingplanline", closed_line, {"edit", "delete"}, "只有草拟中的计划可以修改"),
              ("entrybatchview", "entrybatch", entered, {"edit", "delete"}, "当前为“入库"),
              ("entrybatchview", "entrybatch", applied, {"edit"}, "当前为“申请"),
              ("entrycandidateview", "entrycandidate", person_of[entered], {"edit", "delete"}, "当前为“入库"),
              ("entrycandidateview", "entrycandidate", person_of[applied], {"edit", "delete"}, "当前为“申请")]
    before = _rows()
    token = csrf_token(staff, "/staffingplanview/list/")
    for view, api_name, pk, refused, words in closed:
        listed = staff.get(f"/{view}/list/").get_data(as_text=True)
        assert f"/{view}/show/{pk}" in listed, view
        for op in ("edit", "delete"):
            assert (f"/{view}/{op}/{pk}" in listed) is (op not in refused), (view, pk, op)
        for op in refused:
            resp = staff.get(f"/{view}/edit/{pk}") if op == "edit" else \
                staff.post(f"/{view}/delete/{pk}", data={"csrf_token": token})
            text = resp.get_data(as_text=True)
            assert resp.status_code == 403 and words in text and "<form" not in text, (view, op, text[:300])
            resp = api.open(f"/api/v1/{api_name}/{pk}", method="PUT" if op == "edit" else "DELETE",
                            json={"title": "x"} if op == "edit" else None, headers=headers)
            assert resp.status_code == 403 and words in resp.get_json()["zh"], (view, op, resp.get_json())
    assert _rows() == before
    for view, pk in (("staffingplanview", open_plan), ("staffingplanlineview", open_line),
                     ("entrybatchview", open_batch), ("entrycandidateview", person_of[open_batch])):
        listed = staff.get(f"/{view}/list/").get_data(as_text=True)
        assert f"/{view}/edit/{pk}" in listed and f"/{view}/delete/{pk}" in listed, view
