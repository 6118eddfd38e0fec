"""Labels instead of internal codes (issue #11, 4): the audit log's operations, actors
and object types, and the ledger's actor column, as a user reads them — the stored
codes are unchanged (the audit chain hashes them)."""
from __future__ import annotations

import re

from sqlalchemy import select

from app.approval.workflow_views import subject_label
from app.core.actors import action_label, actor_label, object_type_label
from app.core.checks import problem_key_label
from app.supervision.verification.views import params_label
from app.core.audit import AuditLog
from app.extensions import db
from app.quota.models import QuotaLedgerEntry
from tests.conftest import PASSWORD, csrf_token, login
from tests.factories import new_institution


def test_codes_read_as_labels(app):
    with app.test_request_context():
        assert str(action_label("create")) == "新增" and str(action_label("transition")) == "流转"
        assert str(action_label("update")) == "修改" and str(action_label("delete")) == "删除"
        assert actor_label("cli:demo") == "系统（演示数据）"
        assert actor_label("scheduler:node-1") == "系统（定时核查）"
        assert actor_label("system") == "系统"
        assert object_type_label("QuotaLedgerEntry") == "编制台账"
        assert object_type_label("UserSession") == "登录会话"
        # the demo's own loaders, and the workflow trail's login names
        assert actor_label("seed:verification") == "系统（演示数据）"
        assert actor_label("cli:demo") == "系统（演示数据）" and actor_label(None) == ""
        assert subject_label("adjustment_case") == object_type_label("AdjustmentCase") != "adjustment_case"
        assert problem_key_label("overdue_findings:2") == "整改逾期 · 2"
        assert problem_key_label("manual:7") == "manual:7"  # not a rule's: as it is
        assert params_label('{"grace_days": 0, "years": 1}') == "宽限天数 0，追溯年数 1"
        assert params_label("{}") == ""


def test_pages_show_display_names_and_labels(app, ref):
    inst = new_institution(ref, "市审计局")
    sm = app.appbuilder.sm
    with app.app_context():
        sm.add_user("lbl_staff", "处室", "甲", "lbl_staff@example.org", sm.find_role("staff"), PASSWORD)
        sm.add_user("lbl_leader", "办", "领导", "lbl_leader@example.org", sm.find_role("leader"), PASSWORD)
        db.session.remove()
    staff = app.test_client()
    assert login(staff, "lbl_staff").status_code == 302
    url = "/quotaledgerentryview/add"
    resp = staff.post(url, data={"institution": inst, "quota_type": ref.admin_q, "delta": "2", "reason": "增编",
                                 "doc_no": "青编〔2026〕1号", "csrf_token": csrf_token(staff, url)})
    assert resp.status_code == 302
    stored = db.session.execute(select(QuotaLedgerEntry.actor)).scalar_one()
    assert stored == "user:lbl_staff"  # the stored code is unchanged
    html = staff.get("/quotaledgerentryview/list/").get_data(as_text=True)
    assert "处室甲" in html and "user:lbl_staff" not in html
    leader = app.test_client()
    assert login(leader, "lbl_leader").status_code == 302
    html = leader.get("/auditlogview/list/?psize_AuditLogView=100").get_data(as_text=True)
    assert db.session.execute(select(AuditLog.id).where(AuditLog.action == "create")).first()
    cells = re.findall(r"<td>([^<]*)</td>", html)
    assert "新增" in cells and "编制台账" in cells and "处室甲" in cells
    assert not {"create", "update", "QuotaLedgerEntry", "user:lbl_staff"} & set(cells)


def test_an_audit_snapshot_reads_by_labels_and_local_time(app):
    """Issue #11: the audit row's page showed its stored JSON (``created_at``, ``user_id``)."""
    import json

    from app.core.actors import snapshot_label

    stored = json.dumps({"id": 7, "institution_id": 3, "quota_type_id": 2, "delta": 3, "created_at": "2026-11-30T05:20:16.162366",
                         "on_behalf_of_id": None, "changed_by_fk": 1, "password": "***", "active": True})
    with app.test_request_context():
        shown = snapshot_label(stored)
        assert shown.startswith("序号: 7；")
        assert "机构: 3" in shown and "编制类型: 2" in shown and "2026-11-30 13:20" in shown
        assert "代办 (代谁办理): —" in shown and "null" not in shown and "True" not in shown and "修改人: 1" in shown and "密码: ***" in shown
        for raw in ("institution_id", "quota_type_id", "created_at", "changed_by_fk", ":16.162366"):
            assert raw not in shown
        assert snapshot_label("not json") == "not json" and snapshot_label(None) == ""
