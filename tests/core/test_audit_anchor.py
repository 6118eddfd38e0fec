"""Audit log loose ends (issue #8): created rows carry their id, the chain is
anchored outside the table by checkpoints, and no secret enters a snapshot."""
from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select, text

from app.core import audit_anchor
from app.core.audit import AuditLog
from app.extensions import db
from app.quota.models import Institution, Person
from tests.conftest import api_token, login
from tests.factories import give_quota, make_user, new_institution, new_person


def _rows(**where):
    db.session.expire_all()
    stmt = select(AuditLog).order_by(AuditLog.id)
    for key, value in where.items():
        stmt = stmt.where(getattr(AuditLog, key) == value)
    return db.session.execute(stmt).scalars().all()


def _checkpoints(app) -> list[dict]:
    path = Path(app.config["AUDIT_CHECKPOINT_PATH"])
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def _tamper(sql: str, **params) -> None:
    db.session.rollback()  # end the test's read transaction (SQLite write lock)
    with db.engine.begin() as conn:  # someone with the database account's rights
        conn.execute(text(sql), params)


def test_created_rows_are_logged_with_their_id(app, ref):
    inst = new_institution(ref, "市档案馆", category="pi")
    give_quota(inst, ref.inst_q, 2)
    person = new_person(inst, ref.inst_q)
    make_user(app, "clerk", "staff")
    c = app.test_client()
    h = {"Authorization": f"Bearer {api_token(c, 'clerk')}"}
    resp = c.post("/api/v1/institution/", headers=h, json={"name": "接口新建", "category": ref.pi,
                                                           "region": ref.city, "status": "active",
                                                           "within_cap": False})
    assert resp.status_code == 201, resp.get_json()
    created = {r.object_type: [] for r in _rows(action="create")}
    for r in _rows(action="create"):
        created[r.object_type].append(r.object_id)
    assert all(created[t] and all(created[t]) for t in created), created  # no empty object_id
    assert str(inst) in created["Institution"] and str(resp.get_json()["id"]) in created["Institution"]
    assert str(person) in created["Person"]
    # The id recorded is the row's: the snapshot agrees with it.
    for r in _rows(action="create", object_type="Institution"):
        assert json.loads(r.after)["id"] == int(r.object_id)
    assert db.session.get(Institution, int(created["Institution"][-1])) is not None
    assert db.session.get(Person, person) is not None


def test_verify_appends_a_checkpoint_and_detects_the_newest_rows_removed(app, ref):
    inst = new_institution(ref, "甲")
    for _ in range(4):
        give_quota(inst, ref.admin_q, 1)
    runner = app.test_cli_runner()
    ok = runner.invoke(args=["audit", "verify"])
    assert ok.exit_code == 0, ok.output
    assert "审计链完整" in ok.output and "audit chain intact" in ok.output
    (cp,) = _checkpoints(app)
    logged = _rows()
    last_id = logged[-1].id
    assert (cp["id"], cp["hash"], cp["rows"]) == (last_id, logged[-1].hash, len(logged))

    # The chain alone does not see its newest rows go: what is left is intact.
    newest = [r.id for r in _rows()][-2:]
    _tamper("DELETE FROM audit_log WHERE id >= :first", first=newest[0])
    from app.core.audit import verify_chain

    assert verify_chain(db.session) is None
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert "最新的记录已被删除" in result.output and "newest audit rows have been removed" in result.output
    assert f"reaches row {last_id}" in result.output
    assert len(_checkpoints(app)) == 1, "a failed verification must not anchor the truncated log"
    # The scheduled checkpoint refuses the same way.
    assert runner.invoke(args=["audit", "checkpoint"]).exit_code == 1
    assert len(_checkpoints(app)) == 1


def test_rows_removed_then_new_ones_written_are_detected(app, ref):
    """Remove the newest rows, then let the application write again: the row the
    checkpoint names is gone (PostgreSQL) or is another row (SQLite reuses ids)."""
    inst = new_institution(ref, "乙")
    give_quota(inst, ref.admin_q, 1)
    give_quota(inst, ref.admin_q, 1)
    assert audit_anchor.verify(db.session)["ok"]
    db.session.commit()
    newest = _rows()[-1].id
    _tamper("DELETE FROM audit_log WHERE id = :id", id=newest)
    for _ in range(3):
        give_quota(inst, ref.admin_q, 1)
    result = audit_anchor.verify(db.session)
    assert not result["ok"]
    assert result["problem"]["key"] in ("audit.truncated", "audit.checkpoint_mismatch")
    assert result["problem"]["id"] == newest


def test_an_edited_checkpoint_file_is_reported(app, ref):
    inst = new_institution(ref, "丙")
    assert audit_anchor.verify(db.session)["ok"]
    give_quota(inst, ref.admin_q, 1)
    assert audit_anchor.verify(db.session)["ok"]
    path = Path(app.config["AUDIT_CHECKPOINT_PATH"])
    lines = path.read_text().splitlines()
    assert len(lines) == 2
    # Someone rewrites the first checkpoint to match a rewritten log.
    first = json.loads(lines[0])
    first["hash"] = "f" * 64
    path.write_text(json.dumps(first, sort_keys=True, separators=(",", ":")) + "\n" + lines[1] + "\n")
    result = audit_anchor.verify(db.session)
    assert not result["ok"] and result["problem"] == {"key": "audit.checkpoint_file_altered", "path": str(path),
                                                      "line": 2}
    assert "line 2" in audit_anchor.describe(result, "en") and "第 2 行" in audit_anchor.describe(result, "zh")


def test_an_empty_log_is_anchored_and_then_grows(app, app_ctx):
    assert audit_anchor.verify(db.session)["ok"]
    assert _checkpoints(app)[-1]["id"] == 0
    from tests.factories import make_reference

    new_institution(make_reference(), "丁")
    assert audit_anchor.verify(db.session)["ok"]
    assert _checkpoints(app)[-1]["id"] == _rows()[-1].id


def test_scheduled_checkpoint_is_the_same_verification(app, ref):
    new_institution(ref, "戊")
    db.session.commit()
    result = audit_anchor.scheduled_checkpoint(app)
    assert result["ok"] and _checkpoints(app)[-1]["id"] == result["last_id"]


def test_no_session_digest_or_user_email_in_snapshots(app, ref):
    """A login writes a session row whose key is a token digest; a user row holds
    the e-mail: the log keeps neither (the log is read by staff and leaders)."""
    from app.security import UserSession

    make_user(app, "u1", "staff")
    c = app.test_client()
    login(c, "u1")
    digests = db.session.execute(select(UserSession.id)).scalars().all()
    assert digests
    db.session.rollback()  # the read holds the SQLite write lock
    with app.app_context():
        sm = app.appbuilder.sm
        user = sm.find_user("u1")
        user.email = "new-address@example.org"
        sm.update_user(user)
    c.get("/logout/")
    logged = _rows()
    session_rows = [r for r in logged if r.object_type == "UserSession"]
    assert [r.action for r in session_rows] == ["create", "delete"]  # the login and the logout
    # The row is named by a fingerprint of its key, not by the key (the digest), the same both times.
    assert session_rows[0].object_id.startswith("#") and len(session_rows[0].object_id) == 17
    assert session_rows[1].object_id == session_rows[0].object_id
    assert json.loads(session_rows[0].after)["id"] == "***"
    text_of_log = " ".join(f"{r.object_id} {r.before} {r.after}" for r in logged)
    for digest in digests:
        assert digest not in text_of_log
    assert "example.org" not in text_of_log
    updates = [r for r in logged if r.object_type == "User" and r.action == "update"]
    assert updates and json.loads(updates[-1].after)["email"] == "***"
