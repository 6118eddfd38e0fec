"""Append-only rows offer no edit or delete anywhere (issue #11, 6): the quota ledger
(and every resource whose rows are only added: 三定 versions, exit filings) shows no
edit or delete icon, its edit and delete URLs and its API's PUT and DELETE refuse
with a clear message in both languages, its add form offers only what a user may
set; nothing changes."""
from __future__ import annotations

import re

from sqlalchemy import select

from app.extensions import db
from app.quota import models as m
from tests.conftest import api_token, csrf_token, login
from tests.factories import give_quota, make_user, new_institution


def ledger_rows():
    db.session.expire_all()
    return db.session.execute(select(m.QuotaLedgerEntry.id, m.QuotaLedgerEntry.delta, m.QuotaLedgerEntry.reason,
                                     m.QuotaLedgerEntry.balance_after)).all()


def test_every_door_of_the_ledger_refuses_a_change(app, ref):
    inst = new_institution(ref, "市审计局")
    give_quota(inst, ref.admin_q, 3)
    entry = db.session.execute(select(m.QuotaLedgerEntry.id)).scalar_one()
    for role in ("admin", "staff"):
        make_user(app, f"ao_{role}", role)
    before = ledger_rows()
    for role in ("admin", "staff"):
        client = app.test_client()
        assert login(client, f"ao_{role}").status_code == 302
        # the list: no edit or delete icon on any row, the show icon stays
        html = client.get("/quotaledgerentryview/list/").get_data(as_text=True)
        assert f"/quotaledgerentryview/show/{entry}" in html
        assert "/quotaledgerentryview/edit/" not in html and "/quotaledgerentryview/delete/" not in html
        # the edit URL: refused with the reason, on GET and on POST
        for resp in (client.get(f"/quotaledgerentryview/edit/{entry}"),
                     client.post(f"/quotaledgerentryview/edit/{entry}",
                                 data={"delta": "99", "reason": "改", "balance_after": "99",
                                       "csrf_token": csrf_token(client, "/quotaledgerentryview/list/")})):
            text = resp.get_data(as_text=True)
            assert resp.status_code == 405, role
            assert "只能新增或由系统写入, 不能修改或删除" in text and 'name="delta"' not in text
        # the delete URL: nobody holds the permission, and the page says why (405, not FAB's
        # "access denied" redirect), on GET and on POST, with a way back to the row
        for resp in (client.get(f"/quotaledgerentryview/delete/{entry}"),
                     client.post(f"/quotaledgerentryview/delete/{entry}",
                                 data={"csrf_token": csrf_token(client, "/quotaledgerentryview/list/")})):
            text = resp.get_data(as_text=True)
            assert resp.status_code == 405, role
            assert "此记录不能修改或删除" in text and "只能新增或由系统写入, 不能修改或删除" in text
            assert f'href="/quotaledgerentryview/show/{entry}"' in text
        # the add form offers only what a user sets: not the balance, the actor or the time
        form = client.get("/quotaledgerentryview/add").get_data(as_text=True)
        names = set(re.findall(r'name="(\w+)"', form))
        assert {"institution", "quota_type", "delta", "reason", "doc_no"} <= names
        assert not names & {"balance_after", "actor", "created_at"}
        # the API: no PUT, no DELETE, said in both languages
        api = app.test_client()
        headers = {"Authorization": f"Bearer {api_token(api, f'ao_{role}')}"}
        for method in ("PUT", "DELETE"):
            resp = api.open(f"/api/v1/quotaledgerentry/{entry}", method=method, json={"delta": 99}, headers=headers)
            body = resp.get_json()
            assert resp.status_code == 405, (method, body)
            assert "不能修改或删除" in body["zh"] and "cannot be changed or deleted" in body["en"]
            assert body["error_code"] == "write.append_only"
    assert ledger_rows() == before


def test_other_append_only_lists_offer_no_edit(app, ref):
    """三定 versions are added, never changed: the same doors, the same answer."""
    inst = new_institution(ref, "市统计局")
    make_user(app, "ao_staff", "staff")
    client = app.test_client()
    login(client, "ao_staff")
    url = "/threedeterminationsview/add"
    resp = client.post(url, data={"institution": inst, "functions": "统计", "approval_doc_no": "青编〔2026〕3号",
                                  "csrf_token": csrf_token(client, url)})
    assert resp.status_code == 302
    version = db.session.execute(select(m.ThreeDeterminations.id)).scalar_one()
    html = client.get("/threedeterminationsview/list/").get_data(as_text=True)
    assert f"/threedeterminationsview/show/{version}" in html
    assert "/threedeterminationsview/edit/" not in html and "/threedeterminationsview/delete/" not in html
    resp = client.get(f"/threedeterminationsview/edit/{version}")
    assert resp.status_code == 405 and "不能修改或删除" in resp.get_data(as_text=True)


def test_system_written_rows_answer_405_to_a_reader_only(app, ref):
    """The audit log (no write permission at all): its edit and delete URLs answer 405 with
    the reason, in both languages, to a user who reads it; a row out of reach, a missing
    row and an anonymous visitor get what they got before; nothing changes."""
    from app.core.audit import AuditLog

    new_institution(ref, "市档案馆")  # writes audit rows
    make_user(app, "ao_leader", "leader")
    make_user(app, "ao_dept", "department")
    audit = db.session.execute(select(AuditLog.id).order_by(AuditLog.id)).scalars().first()
    def rows_so_far(last):  # logging in adds rows of its own; the ones there stay as they were
        db.session.expire_all()
        return db.session.execute(select(AuditLog.id, AuditLog.actor, AuditLog.hash).where(AuditLog.id <= last)).all()

    last = db.session.execute(select(db.func.max(AuditLog.id))).scalar()
    before = rows_so_far(last)
    leader = app.test_client()
    assert login(leader, "ao_leader").status_code == 302
    token = csrf_token(leader, "/auditlogview/list/")
    for resp in (leader.get(f"/auditlogview/edit/{audit}"), leader.get(f"/auditlogview/delete/{audit}"),
                 leader.post(f"/auditlogview/edit/{audit}", data={"csrf_token": token, "actor": "x"}),
                 leader.post(f"/auditlogview/delete/{audit}", data={"csrf_token": token})):
        assert resp.status_code == 405
        assert "只能新增或由系统写入, 不能修改或删除" in resp.get_data(as_text=True)
    leader.get("/lang/en")
    text = leader.get(f"/auditlogview/delete/{audit}").get_data(as_text=True)
    assert "This record cannot be changed or deleted" in text and "only added or written by the system" in text
    # a missing row: the denial as before, not a hint that such rows exist
    assert leader.get("/auditlogview/delete/99999999").status_code in (302, 403, 404)
    # no read permission: FAB's own answer (the denial), not the 405 page
    dept = app.test_client()
    assert login(dept, "ao_dept").status_code == 302
    resp = dept.get(f"/auditlogview/delete/{audit}")
    assert resp.status_code != 405 and "不能修改或删除" not in resp.get_data(as_text=True)
    anonymous = app.test_client().get(f"/auditlogview/delete/{audit}")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
    # the API: no such door, said in both languages
    api = app.test_client()
    resp = api.delete(f"/api/v1/audit_log/{audit}",
                      headers={"Authorization": f"Bearer {api_token(api, 'ao_leader')}"})
    assert resp.status_code == 405 and resp.get_json()["error_code"] == "write.append_only"
    assert rows_so_far(last) == before
