"""The case pages beyond transitions: attachments, through the real web door."""
from __future__ import annotations

import io

from sqlalchemy import select

from app.extensions import db
from app.justification.cases.models import CaseAttachment
from tests.conftest import csrf_token
from tests.justification.cases.fixtures import client_for, file_case, fire


def upload(client, case_id, name, data):
    token = csrf_token(client, f"/adjustmentcaseview/show/{case_id}")
    return client.post(f"/adjustmentcaseview/attach/{case_id}", follow_redirects=True,
                       data={"csrf_token": token, "file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data").get_data(as_text=True)


def attachments(case_id):
    db.session.expire_all()
    return db.session.execute(select(CaseAttachment).where(CaseAttachment.case_id == case_id)).scalars().all()


def test_attachments_while_editable_and_only_for_the_case_owner(app, world):
    mine, theirs = file_case(world), file_case(world, institution=world.foreign)
    dept = client_for(app, "department")
    upload(dept, mine, "测算说明.docx", b"PK\x03\x04 fake docx")
    (att,) = attachments(mine)
    assert (att.file_name, att.size, att.uploaded_by) == ("测算说明.docx", 14, "case_dept")
    resp = dept.get(f"/adjustmentcaseview/attachment/{mine}/{att.id}")
    assert resp.status_code == 200 and resp.data == b"PK\x03\x04 fake docx"
    foreign = client_for(app, "foreign")
    assert foreign.get(f"/adjustmentcaseview/attachment/{mine}/{att.id}").status_code == 404
    assert dept.get(f"/adjustmentcaseview/attachment/{theirs}/{att.id}").status_code == 404
    app.config["CASE_ATTACHMENT_MAX_BYTES"] = 10
    try:
        html = upload(dept, mine, "big.pdf", b"x" * 11)
        assert "超过上限 10 字节" in html and len(attachments(mine)) == 1
    finally:
        app.config.pop("CASE_ATTACHMENT_MAX_BYTES")
    fire(world, mine, "submit", "department")
    html = upload(dept, mine, "late.pdf", b"late")
    assert "不能再修改" in html and len(attachments(mine)) == 1
