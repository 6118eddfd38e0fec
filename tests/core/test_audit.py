"""Audit log: every door appends, the chain detects tampering, nobody edits it."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select, text

from app.core.audit import AuditLog, verify_chain
from app.core.db import transaction
from app.core.errors import DomainError
from app.extensions import db
from app.quota.models import Institution, Person, QuotaLedgerEntry
from tests.conftest import api_token, csrf_token, login
from tests.factories import give_quota, make_user, new_institution, valid_id_number


def rows(**where):
    db.session.expire_all()
    stmt = select(AuditLog).order_by(AuditLog.id)
    for key, value in where.items():
        stmt = stmt.where(getattr(AuditLog, key) == value)
    return db.session.execute(stmt).scalars().all()


def test_service_write_records_before_and_after(ref):
    inst = new_institution(ref, "市档案馆", category="pi")
    created = rows(object_type="Institution", action="create")
    assert created and json.loads(created[-1].after)["name"] == "市档案馆"
    with transaction():
        obj = db.session.get(Institution, inst)
        obj.short_name = "档案馆"
    upd = rows(object_type="Institution", action="update")[-1]
    assert json.loads(upd.before) == {"short_name": None}
    assert json.loads(upd.after) == {"short_name": "档案馆"}
    assert upd.actor == "test"


def test_refused_write_leaves_no_audit_row(ref):
    a = new_institution(ref, "甲")
    count = len(rows())
    with pytest.raises(DomainError):
        give_quota(a, ref.inst_q, 1)  # 混用编制
    assert len(rows()) == count


def test_form_api_and_action_doors_are_audited(app, ref):
    a = new_institution(ref, "市人社局")
    give_quota(a, ref.admin_q, 5)
    make_user(app, "clerk", "staff")
    c = app.test_client()
    login(c, "clerk")
    token = csrf_token(c, "/personview/add")
    c.post("/personview/add", data={"name": "表单人", "id_number": valid_id_number(gender="F"), "gender": "F",
                                    "institution": str(a), "quota_type": str(ref.admin_q), "csrf_token": token})
    h = {"Authorization": f"Bearer {api_token(c, 'clerk')}"}
    resp = c.post("/api/v1/person/", headers=h, json={"name": "接口人", "id_number": valid_id_number(gender="M"),
                                                      "gender": "M", "institution": a, "quota_type": ref.admin_q})
    assert resp.status_code == 201, resp.get_json()
    ids = [p.id for p in db.session.execute(select(Person)).scalars()]
    c.post("/personview/action_post", data={"action": "muldelete", "rowid": [str(ids[0])], "csrf_token": token})
    actors = {(r.action, r.actor) for r in rows(object_type="Person")}
    assert ("create", "user:clerk") in actors
    assert ("delete", "user:clerk") in actors
    assert len([r for r in rows(object_type="Person") if r.action == "create"]) == 2


def test_cli_door_is_audited(app, ref):
    new_institution(ref, "市林业局")
    db.session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["quota", "adjust", "--institution", "市林业局", "--type", "admin", "--delta", "3",
                                 "--doc-no", "青编〔2026〕9号"])
    assert result.exit_code == 0, result.output
    entry = rows(object_type="QuotaLedgerEntry")[-1]
    assert entry.actor == "cli:quota-adjust"
    refused = runner.invoke(args=["quota", "adjust", "--institution", "市林业局", "--type", "inst", "--delta", "3"])
    assert refused.exit_code == 2 and "不得混用编制" in refused.output and "Quota misuse" in refused.output
    db.session.expire_all()
    assert db.session.execute(select(func.count(QuotaLedgerEntry.id))).scalar_one() == 1


def test_verify_detects_altered_and_removed_rows(app, ref):
    a = new_institution(ref, "甲")
    for _ in range(3):
        give_quota(a, ref.admin_q, 1)
    assert verify_chain(db.session) is None
    runner = app.test_cli_runner()
    ok = runner.invoke(args=["audit", "verify"])
    assert ok.exit_code == 0 and "audit chain intact" in ok.output
    victim = rows()[2].id
    db.session.rollback()  # end the test's read transaction (SQLite write lock)
    with db.engine.begin() as conn:  # a tamperer with database access
        conn.execute(text("UPDATE audit_log SET after = '{}' WHERE id = :id"), {"id": victim})
    broken = verify_chain(db.session)
    assert broken and broken["id"] == victim and broken["problem"] == "hash"
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1 and f"row {victim}" in result.output


def test_verify_detects_a_removed_row(ref):
    a = new_institution(ref, "乙")
    for _ in range(3):
        give_quota(a, ref.admin_q, 1)
    chain = [(r.id, r.hash, r.prev_hash) for r in rows()]
    (victim, victim_hash, victim_prev), (following, _, following_prev) = chain[1], chain[2]
    db.session.rollback()
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE id = :id"), {"id": victim})
    broken = verify_chain(db.session)
    assert broken == {"id": following, "problem": "prev_hash", "expected": victim_prev, "found": victim_hash}
    assert following_prev == victim_hash


def test_orm_refuses_to_change_or_delete_audit_rows(ref):
    new_institution(ref, "丙")
    row = rows()[0]
    row.actor = "someone else"
    with pytest.raises(DomainError):
        db.session.flush()
    db.session.rollback()
    row = rows()[0]
    db.session.delete(row)
    with pytest.raises(DomainError):
        db.session.flush()
    db.session.rollback()


@pytest.mark.parametrize("role", ["admin", "staff", "leader"])
def test_no_role_can_edit_or_delete_audit_rows(app, ref, role):
    new_institution(ref, "丁")
    first = rows()[0]
    first_id, before = first.id, (first.actor, first.after, first.hash)
    make_user(app, "u", role)
    c = app.test_client()
    login(c, "u")
    token = csrf_token(c, "/personview/add") if role != "leader" else csrf_token(c, "/resetmypassword/form")
    assert c.get(f"/auditlogview/edit/{first_id}").status_code in (403, 404, 405, 302)
    c.post(f"/auditlogview/edit/{first_id}", data={"actor": "x", "csrf_token": token})
    c.post(f"/auditlogview/delete/{first_id}", data={"csrf_token": token})
    c.post("/auditlogview/action_post", data={"action": "muldelete", "rowid": [str(first_id)], "csrf_token": token})
    h = {"Authorization": f"Bearer {api_token(c, 'u')}"}
    assert c.put(f"/api/v1/audit_log/{first_id}", json={"actor": "x"}, headers=h).status_code in (403, 404, 405)
    assert c.delete(f"/api/v1/audit_log/{first_id}", headers=h).status_code in (403, 404, 405)
    assert c.post("/api/v1/audit_log/", json={"actor": "x"}, headers=h).status_code in (403, 404, 405)
    after = rows(id=first_id)[0]
    assert (after.actor, after.after, after.hash) == before
    assert verify_chain(db.session) is None


def test_user_management_writes_are_audited_without_password_hash(app, app_ctx):
    make_user(app, "newbie", "staff")
    entries = [r for r in rows() if r.object_type == "User"]
    assert entries, "creating a user must be audited"
    for r in entries:
        assert "scrypt" not in (r.after or "") and "pbkdf2" not in (r.after or "")
        if r.after:
            assert json.loads(r.after).get("password") in (None, "***")
