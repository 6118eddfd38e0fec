"""The import pages through the real views: upload, preview, commit, downloads,
scope of department users, permissions and the background run with progress."""
from __future__ import annotations

import io
import re
import time

from openpyxl import load_workbook
from sqlalchemy import select

from app.extensions import db
from app.imports import jobs
from app.imports.models import ImportBatch
from app.quota.models import Person
from tests.conftest import csrf_token, login
from tests.factories import make_user
from tests.imports.fixtures import PERSON_HEADER, person_rows, snapshot, xlsx


def upload(client, name, data, filename="persons.xlsx"):
    token = csrf_token(client, f"/imports/{name}/")
    return client.post(f"/imports/{name}/", data={"csrf_token": token, "file": (io.BytesIO(data), filename)},
                       content_type="multipart/form-data")


def batch_id(resp) -> int:
    assert resp.status_code == 302, resp.get_data(as_text=True)[:500]
    return int(re.search(r"/imports/batch/(\d+)", resp.headers["Location"]).group(1))


def logged_in(app, username, role, institution_id=None):
    make_user(app, username, role, institution_id=institution_id)
    client = app.test_client()
    assert login(client, username).status_code == 302
    return client


def test_staff_uploads_previews_and_commits(app, world):
    client = logged_in(app, "staff1", "staff")
    page = client.get("/imports/").get_data(as_text=True)
    assert "/imports/persons/" in page and "/imports/regional-caps/" in page
    form = client.get("/imports/persons/").get_data(as_text=True)
    assert "身份证号" in form and "在编 / 出编" in form

    rows = person_rows("青岛二中", 11)
    pk = batch_id(upload(client, "persons", xlsx([PERSON_HEADER, *rows])))
    html = client.get(f"/imports/batch/{pk}").get_data(as_text=True)
    assert "不得超编进人" in html and 'data-row="12"' in html
    assert "import-commit" not in html  # a file with errors cannot be committed
    report = client.get(f"/imports/batch/{pk}/file/report")
    assert report.status_code == 200
    sheet = load_workbook(io.BytesIO(report.data)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[1][0] == 12 and values[1][1] == rows[10][0] and "不得超编进人" in values[1][-2]
    assert client.get(f"/imports/batch/{pk}/file/original").data.startswith(b"PK")

    before = snapshot()
    token = csrf_token(client, "/imports/persons/")
    client.post(f"/imports/batch/{pk}/commit", data={"csrf_token": token, "sha256": "0" * 64})
    assert snapshot() == before

    good = batch_id(upload(client, "persons", xlsx([PERSON_HEADER, *rows[:10]])))
    html = client.get(f"/imports/batch/{good}").get_data(as_text=True)
    digest = re.search(r'name="sha256" value="([0-9a-f]{64})"', html).group(1)
    resp = client.post(f"/imports/batch/{good}/commit", data={"csrf_token": token, "sha256": digest})
    assert resp.status_code == 302
    assert snapshot()["persons"] == before["persons"] + 10
    html = client.get(f"/imports/batch/{good}").get_data(as_text=True)
    assert "已导入" in html or "Committed" in html
    again = client.post(f"/imports/batch/{good}/commit", data={"csrf_token": token, "sha256": digest},
                        follow_redirects=True).get_data(as_text=True)
    assert "只有校验通过" in again
    assert snapshot()["persons"] == before["persons"] + 10


def test_department_rows_of_another_unit_are_errors_not_skips(app, world):
    client = logged_in(app, "dept", "department", institution_id=world["edu"])
    mine, theirs = person_rows("青岛二中", 1), person_rows("市财政局", 1, quota="行政编制", start=10)
    pk = batch_id(upload(client, "persons", xlsx([PERSON_HEADER, *mine, *theirs])))
    html = client.get(f"/imports/batch/{pk}").get_data(as_text=True)
    assert "无权操作 市财政局: 不在本单位及下属单位范围内" in html
    db.session.rollback()
    assert db.session.get(ImportBatch, pk).error_rows == 1
    # its own subtree imports
    pk = batch_id(upload(client, "persons", xlsx([PERSON_HEADER, *mine])))
    html = client.get(f"/imports/batch/{pk}").get_data(as_text=True)
    digest = re.search(r'name="sha256" value="([0-9a-f]{64})"', html).group(1)
    client.post(f"/imports/batch/{pk}/commit", data={"csrf_token": csrf_token(client, "/imports/persons/"), "sha256": digest})
    db.session.rollback()
    assert db.session.execute(select(Person.name)).scalars().all() == [mine[0][0]]


def test_department_sees_only_its_own_batches_and_lists_it_may_write(app, world):
    staff = logged_in(app, "staff1", "staff")
    staff_batch = batch_id(upload(staff, "persons", xlsx([PERSON_HEADER, *person_rows("青岛二中", 1)])))
    dept = logged_in(app, "dept", "department", institution_id=world["edu"])
    assert dept.get(f"/imports/batch/{staff_batch}").status_code == 404
    assert dept.get(f"/imports/batch/{staff_batch}/file/original").status_code == 404
    assert f"#{staff_batch}" not in dept.get("/imports/").get_data(as_text=True)
    assert dept.get("/imports/regional-caps/").status_code == 403
    assert dept.get("/imports/ledger/template").status_code == 403
    token = csrf_token(dept, "/imports/persons/")
    resp = dept.post("/imports/ledger/", data={"csrf_token": token, "file": (io.BytesIO(b"x"), "a.csv")},
                     content_type="multipart/form-data")
    assert resp.status_code == 403
    mine = batch_id(upload(dept, "persons", xlsx([PERSON_HEADER, *person_rows("青岛二中", 1, start=5)])))
    assert f"#{mine}" in staff.get("/imports/").get_data(as_text=True)  # staff see every batch


def test_roles_without_imports_are_refused(app, world):
    inspector = logged_in(app, "insp", "inspector")
    assert inspector.get("/imports/").status_code in (302, 403)
    assert inspector.get("/imports/persons/").status_code in (302, 403)


def test_template_download(app, world):
    client = logged_in(app, "staff1", "staff")
    resp = client.get("/imports/persons/template")
    wb = load_workbook(io.BytesIO(resp.data))
    assert [c.value for c in wb["数据"][1]][:3] == ["姓名", "身份证号", "机构"]


def test_large_file_runs_in_the_background_with_progress(app, world, monkeypatch):
    monkeypatch.setitem(app.config, "IMPORT_BACKGROUND_BYTES", 0)
    client = logged_in(app, "staff1", "staff")
    pk = batch_id(upload(client, "persons", xlsx([PERSON_HEADER, *person_rows("青岛二中", 10)])))
    seen = []
    for _ in range(200):
        state = client.get(f"/imports/batch/{pk}/progress").get_json()
        seen.append(state["percent"])
        if state["finished"]:
            break
        time.sleep(0.05)
    jobs.wait(pk)
    assert state["finished"] and state["status"] == "validated" and seen[-1] == 100
    html = client.get(f"/imports/batch/{pk}").get_data(as_text=True)
    digest = re.search(r'name="sha256" value="([0-9a-f]{64})"', html).group(1)
    before = snapshot()
    client.post(f"/imports/batch/{pk}/commit", data={"csrf_token": csrf_token(client, "/imports/persons/"), "sha256": digest})
    jobs.wait(pk)
    assert snapshot()["persons"] == before["persons"] + 10
    assert client.get(f"/imports/batch/{pk}/progress").get_json()["status"] == "committed"


def test_progress_is_answered_without_the_database_while_a_job_runs(app, world):
    """The owner's poll of an unfinished job is served from the progress file alone."""
    client = logged_in(app, "staff1", "staff")
    with app.test_request_context():
        progress = jobs.Progress(424242, None, "validate")
    with client.session_transaction() as sess:
        owner = sess["_user_id"]
    progress.owner_id = owner
    progress(30, 100)
    from sqlalchemy import event

    statements = []

    def count(*_args, **_kwargs):
        statements.append(1)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        state = client.get("/imports/batch/424242/progress").get_json()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert state["percent"] == 30 and not state["finished"] and statements == []
    import os

    os.remove(progress.path)


def test_batch_pages_show_local_times_and_display_names(app, world):
    """Issue #11: no UTC second-precise time nor login name on the import pages."""
    import datetime as dt

    client = logged_in(app, "staff7", "staff")
    pk = batch_id(upload(client, "persons", xlsx([PERSON_HEADER, *person_rows("青岛二中", 1)])))
    with app.app_context():
        created = db.session.get(ImportBatch, pk).created_at
    local = (created + dt.timedelta(hours=8)).strftime("%Y-%m-%d %H:%M")  # Asia/Shanghai, no DST
    for html in (client.get(f"/imports/batch/{pk}").get_data(as_text=True),
                 client.get("/imports/").get_data(as_text=True)):
        assert local in html and "UTC" not in html
        assert "staff7test" in html and ">staff7<" not in html and "staff7," not in html
