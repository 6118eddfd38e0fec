"""Roles and their default permissions, seeded into FAB's tables.

Permissions are per resource (FAB ``class_permission_name``) and per operation
(``can_read`` / ``can_write`` / ``can_delete``), shared by the web view and the
REST API of that resource.  ``sync_security()`` runs after every migration
(``flask db upgrade``), at ``flask roles sync`` and in ``flask demo``:

* every view's permissions exist (FAB's ``add_permissions``);
* every role below exists; a role created now gets all its defaults;
* a permission that did not exist before this sync is granted to the roles
  whose defaults name it — permissions an administrator removed from an
  existing role stay removed (the roles are editable in 安全 → 角色列表).
"""
from __future__ import annotations

import logging

from flask import current_app

log = logging.getLogger(__name__)

R, W, D = "read", "write", "delete"
REFERENCE = ("Region", "InstitutionCategory", "QuotaType", "Rank", "StaffingStandard", "StaffingStandardRow")
QUOTA = (
    "Institution", "InternalDivision", "ThreeDeterminations", "QuotaAllocation", "QuotaLedgerEntry",
    "RegionalCap", "InstitutionCap", "LeadershipQuota", "Person",
)
# Office-internal registers (issue #3): divisions and memberships decide who
# countersigns, so only administrators change them; staff keep task forces,
# hearings, opinions and the coordination list.
OFFICE = ("OfficeDivision", "DivisionMember", "TaskForce", "TaskForceMember")
JUSTIFICATION = ("Hearing", "Opinion", "CoordinationItem", "Milestone")
# Adjustment cases (issue #3).  Who may fire which transition is decided by the
# workflow definition; ``transition`` only opens the door to try.
CASES = ("AdjustmentCase", "CaseChange", "CasePost", "CaseAttachment", "CaseEvaluation", "CaseReport")
WORKFLOW = ("Workflow", "WorkflowState", "WorkflowTransition", "WorkflowHistory", "Countersignature")

# role -> {resource: operations}.  ``admin`` gets every permission from FAB.
ROLE_DEFAULTS: dict[str, dict[str, tuple[str, ...]]] = {
    "staff": {
        **{res: (R,) for res in REFERENCE},
        **{res: (R, W, D) for res in QUOTA},
        "Institution": (R, W, D, "assign_uscc"),
        "QuotaAllocation": (R,),
        "QuotaLedgerEntry": (R, W),
        "AuditLog": (R,),
        "OfficeDivision": (R,),
        "DivisionMember": (R,),
        **{res: (R, W, D) for res in ("TaskForce", "TaskForceMember") + JUSTIFICATION},
        "AdjustmentCase": (R, W, D, "transition"),
        "CaseChange": (R, W, D),
        "CasePost": (R, W, D),
        "CaseAttachment": (R,),
        "CaseEvaluation": (R, W),
        "CaseReport": (R,),
        **{res: (R,) for res in WORKFLOW},
        "ImportBatch": (R,),  # imports (issue #4); each list also needs write on its resource
    },
    "leader": {**{res: (R,) for res in REFERENCE + QUOTA + OFFICE + JUSTIFICATION + CASES + WORKFLOW},
               "AuditLog": (R,), "AdjustmentCase": (R, "transition")},
    "department": {
        **{res: (R,) for res in REFERENCE},
        "Institution": (R, W),
        "InternalDivision": (R, W, D),
        "ThreeDeterminations": (R,),
        "QuotaAllocation": (R,),
        "QuotaLedgerEntry": (R,),
        "LeadershipQuota": (R,),
        "Person": (R, W),
        "ImportBatch": (R,),  # imports of its own persons (issue #4)
        # A unit files and follows its own cases (scoped to its subtree).
        "AdjustmentCase": (R, W, D, "transition"),
        "CaseChange": (R, W, D),
        "CasePost": (R, W, D),
        "CaseAttachment": (R,),
    },
    "inspector": {
        **{res: (R,) for res in REFERENCE},
        **{res: (R,) for res in ("Institution", "InternalDivision", "QuotaAllocation", "QuotaLedgerEntry",
                                 "LeadershipQuota", "Person", "RegionalCap", "InstitutionCap")},
        **{res: (R,) for res in ("AdjustmentCase", "CaseChange", "CaseEvaluation", "CaseReport")},
    },
    "public": {},
}

ROLE_LABELS = {
    "admin": ("系统管理员", "Administrator"),
    "staff": ("处室经办人", "Office staff"),
    "leader": ("办领导", "Leader"),
    "department": ("单位填报员", "Department user"),
    "inspector": ("检查人员", "Inspector"),
    "public": ("公众", "Public"),
}

# FAB's own user-facing permissions every logged-in role needs.
SELF_SERVICE = {
    ("can_userinfo", "UserDBModelView"),
    ("resetmypassword", "UserDBModelView"),
    ("can_this_form_get", "ResetMyPasswordView"),
    ("can_this_form_post", "ResetMyPasswordView"),
    ("can_this_form_get", "UserInfoEditView"),
    ("can_this_form_post", "UserInfoEditView"),
}
# Menu links that belong to a resource (shown to those who may read it).
MENU_LINKS = {"InstitutionTree": "Institution", "CaseReportPage": "CaseReport"}
# A menu category is shown to a role that can read something inside it.
MENU_CATEGORIES = {"QuotaDatabase": QUOTA, "ReferenceData": REFERENCE, "Supervision": ("AuditLog",),
                   "Office": OFFICE, "Justification": JUSTIFICATION,
                   "Approval": CASES, "WorkflowSettings": WORKFLOW}


def _wanted(role: str, perm: str, view: str) -> bool:
    if role == "public":
        return False
    grants = ROLE_DEFAULTS.get(role, {})
    if (perm, view) in SELF_SERVICE:
        return True
    if perm == "menu_access":
        resource = MENU_LINKS.get(view) or (view[: -len("List")] if view.endswith("List") else view)
        return resource in grants or any(res in grants for res in MENU_CATEGORIES.get(view, ()))
    ops = grants.get(view, ())
    return perm in {f"can_{op}" for op in ops}


def sync_security() -> dict[str, int]:
    """Create permissions and roles; grant defaults for new roles and new permissions."""
    appbuilder = current_app.appbuilder
    sm = appbuilder.sm
    session = sm.session
    PV = sm.permissionview_model
    before = {pv.id for pv in session.query(PV).all()}
    # FAB grants each new permission to the admin role as it creates it.
    admin = sm.find_role(sm.auth_role_admin) or sm.add_role(sm.auth_role_admin)
    appbuilder.add_permissions(update_perms=True)
    all_pvs = session.query(PV).all()
    # The administrator holds everything, including permissions added later.
    for pv in all_pvs:
        if pv not in admin.permissions:
            admin.permissions.append(pv)
    granted = 0
    for name in ROLE_DEFAULTS:
        role = sm.find_role(name)
        created = role is None
        if created:
            role = sm.add_role(name)
        for pv in all_pvs:
            if (created or pv.id not in before) and pv not in role.permissions:
                if _wanted(name, pv.permission.name, pv.view_menu.name):
                    role.permissions.append(pv)
                    granted += 1
    session.commit()
    return {"permissions": len(all_pvs), "granted": granted}


def refuse_demo_passwords(app) -> None:
    """Production must not start while a demo account still has the demo password."""
    from sqlalchemy import inspect, select
    from werkzeug.security import check_password_hash

    from app.extensions import db

    with app.app_context():
        try:
            if not inspect(db.engine).has_table("ab_user"):
                return
            User = app.appbuilder.sm.user_model
            rows = db.session.execute(select(User.username, User.password)).all()
        finally:
            db.session.remove()
    for username, pw_hash in rows:
        if pw_hash and check_password_hash(pw_hash, app.config["DEMO_PASSWORD"]):
            raise RuntimeError(
                f"生产环境拒绝启动: 账号 {username} 仍在使用演示密码 / "
                f"production refuses to start: account {username} still has the demo password"
            )

