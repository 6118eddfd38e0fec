"""Every door of findings — page, actions, REST API, export, type-ahead, CLI —
with a department user's scope: it sees and answers its own findings only."""
from __future__ import annotations

import io

from openpyxl import load_workbook

from app.extensions import db
from app.supervision.findings.models import FindingEvidence
from tests.conftest import api_token, csrf_token
from tests.justification.cases.fixtures import client_for
from tests.supervision.findings.fixtures import get, new_finding, snapshot


def test_department_reaches_only_its_own_findings(app, world):
    mine = new_finding(world.unit, "mine", title="机关服务中心超编")
    theirs = new_finding(world.foreign, "theirs", title="民政局超编")
    regional = new_finding(None, "regional", title="全市总量超出")
    c = client_for(app, "department")
    html = c.get("/findingview/list/").get_data(as_text=True)
    assert "机关服务中心超编" in html and "民政局超编" not in html and "全市总量超出" not in html
    assert c.get(f"/findingview/show/{mine}").status_code == 200
    assert "整改通知书" in c.get(f"/findingview/notice/{mine}").get_data(as_text=True)
    token = csrf_token(c, f"/findingview/show/{mine}")
    before = snapshot()
    for other in (theirs, regional):
        for url in (f"/findingview/show/{other}", f"/findingview/edit/{other}", f"/findingview/notice/{other}",
                    f"/findingview/evidence/{other}/1"):
            assert c.get(url).status_code == 404, url
        for url, data in ((f"/findingview/transition/{other}", {"target": "rectifying", "note": "x"}),
                          (f"/findingview/attach/{other}", {"file": (io.BytesIO(b"x"), "a.txt")}),
                          (f"/findingview/open_case/{other}", {"case_type": "staffing_decrease"})):
            assert c.post(url, data={"csrf_token": token, **data}).status_code == 404, url
        # deleting is the office's (a department holds no delete permission at all)
        assert c.post(f"/findingview/delete/{other}", data={"csrf_token": token}).status_code == 403
    book = load_workbook(io.BytesIO(c.get("/findingview/export/").data))
    assert [row[0] for row in book.active.iter_rows(min_row=2, values_only=True)] == ["机关服务中心超编"]
    assert [r["id"] for r in c.get("/findingview/lookup/?q=超").get_json()["results"]] == [mine]
    api = app.test_client()
    headers = {"Authorization": f"Bearer {api_token(api, 'case_dept')}"}
    assert [r["id"] for r in api.get("/api/v1/finding/", headers=headers).get_json()["result"]] == [mine]
    for other in (theirs, regional):
        assert api.get(f"/api/v1/finding/{other}", headers=headers).status_code == 404
        assert api.post(f"/api/v1/finding/{other}/transition", json={"target": "rectifying", "note": "x"},
                        headers=headers).status_code == 404
        assert api.put(f"/api/v1/finding/{other}", json={"response": "x"}, headers=headers).status_code == 404
    assert snapshot() == before


def test_department_answers_and_the_office_confirms(app, world):
    fid = new_finding(world.dept)
    dept = client_for(app, "department")
    token = csrf_token(dept, f"/findingview/show/{fid}")
    # the department may not confirm its own rectification, nor write it off
    before = snapshot()
    api = app.test_client()
    headers = {"Authorization": f"Bearer {api_token(api, 'case_dept')}"}
    resp = api.post(f"/api/v1/finding/{fid}/transition", json={"target": "written_off", "note": "x"},
                    headers=headers)
    assert resp.status_code == 403 and "编办" in resp.get_json()["zh"] and resp.get_json()["en"]
    assert api.post(f"/api/v1/finding/{fid}/transition", json={"target": 3}, headers=headers).status_code == 400
    # nor edit the finding itself, only its answer
    resp = api.put(f"/api/v1/finding/{fid}", json={"title": "没问题"}, headers=headers)
    assert resp.status_code == 422
    assert snapshot() == before
    # answer on the page, with evidence
    html = dept.post(f"/findingview/transition/{fid}", data={"csrf_token": token, "target": "rectifying",
                                                              "note": "已制定整改方案"},
                     follow_redirects=True).get_data(as_text=True)
    assert "已办理, 问题现处于「整改中」。" in html  # the flash names the new state
    dept.post(f"/findingview/attach/{fid}", data={"csrf_token": token,
                                                   "file": (io.BytesIO(b"%PDF report"), "整改报告.pdf")},
              content_type="multipart/form-data")
    f = get(fid)
    assert (f.state, f.response) == ("rectifying", "已制定整改方案")
    ev = db.session.query(FindingEvidence).filter_by(finding_id=fid).one()
    assert dept.get(f"/findingview/evidence/{fid}/{ev.id}").data == b"%PDF report"
    staff = app.test_client()
    headers = {"Authorization": f"Bearer {api_token(staff, 'case_staff')}"}
    resp = staff.post(f"/api/v1/finding/{fid}/transition", json={"target": "rectified", "note": "核实"},
                      headers=headers)
    assert resp.status_code == 200 and resp.get_json()["state"] == "rectified"
    # closed: no more evidence
    resp = dept.post(f"/findingview/attach/{fid}", data={"csrf_token": token,
                                                          "file": (io.BytesIO(b"late"), "late.pdf")},
                     content_type="multipart/form-data", follow_redirects=True)
    assert "不能再修改" in resp.get_data(as_text=True)
    assert db.session.query(FindingEvidence).filter_by(finding_id=fid).count() == 1


def test_department_cannot_record_or_open_cases(app, world):
    fid = new_finding(world.dept)
    dept = client_for(app, "department")
    token = csrf_token(dept, f"/findingview/show/{fid}")
    before = snapshot()
    resp = dept.post(f"/findingview/open_case/{fid}", data={"csrf_token": token, "case_type": "staffing_decrease"},
                     follow_redirects=True)
    assert "只有编办工作人员" in resp.get_data(as_text=True)
    api = app.test_client()
    headers = {"Authorization": f"Bearer {api_token(api, 'case_dept')}"}
    resp = api.post("/api/v1/finding/", json={"title": "自查问题", "institution": world.dept}, headers=headers)
    assert resp.status_code in (403, 422)
    assert snapshot() == before


def test_office_opens_a_case_from_the_page(app, world):
    fid = new_finding(world.dept)
    staff = client_for(app, "staff")
    token = csrf_token(staff, f"/findingview/show/{fid}")
    resp = staff.post(f"/findingview/open_case/{fid}", data={"csrf_token": token, "case_type": "staffing_decrease"})
    assert resp.status_code == 302 and "/adjustmentcaseview/show/" in resp.location
    assert get(fid).case_id is not None


def test_cli_moves_a_finding_and_refuses_in_both_languages(app, world):
    fid = new_finding(world.dept)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["findings", "transition", str(fid), "rectified"])
    assert result.exit_code == 2 and "尚无整改情况" in result.output and "no rectification answer" in result.output
    result = runner.invoke(args=["findings", "transition", str(fid), "rectifying", "--note", "整改中"])
    assert result.exit_code == 0, result.output
    assert get(fid).state == "rectifying"
    assert str(fid) in runner.invoke(args=["findings", "list", "--state", "rectifying"]).output
