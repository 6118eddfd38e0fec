"""The default approval workflow of SPEC §3, as data (idempotent).

申请 → 受理 → 论证 → 处室审核 (会签) → 办务会 → (编委会审议) → (报省委编办审批 / 备案) →
批复 → 执行 → 效益评价.  Matters within the office's authority (small quota
changes, leadership positions, internal divisions) stop at the office meeting;
institutions and functions go to the 编委; establishing, revoking and merging
go on to the provincial office, a 三定 revision is filed there.  Every route into
批复 is a sign-off (一支笔, the ``leader`` role) that applies the changes.

Administrators change all of this in 流程配置; loading again adds only what is
missing and never overwrites their edits.
"""
from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.workflow.models import Workflow, WorkflowState, WorkflowTransition

CODE = "adjustment_case_default"
SIGNOFF_ROLE = "leader"
OFFICE_TYPES = "staffing_increase,staffing_decrease,leadership_change,division_change"
QUOTA_TYPES = "staffing_increase,staffing_decrease"
OFFICE_MAX_AMOUNT = 10  # larger quota changes go to the 编委

# code, 名称, name, flags
STATES = [
    ("draft", "草拟", "Draft", {"is_initial": True, "editable": True}),
    ("submitted", "申请", "Submitted", {}),
    ("returned", "退回修改", "Returned for changes", {"editable": True}),
    ("accepted", "受理", "Accepted", {}),
    ("justifying", "论证", "Justification", {}),
    ("division_review", "处室审核", "Division review", {}),
    ("office_meeting", "办务会", "Office meeting", {}),
    ("commission_review", "编委会审议", "Staffing commission", {}),
    ("provincial_approval", "报省委编办审批", "Provincial approval", {}),
    ("provincial_filing", "报省委编办备案", "Provincial filing", {}),
    ("approved", "批复", "Approved", {}),
    ("executing", "执行", "Execution", {}),
    ("evaluating", "效益评价", "Effectiveness evaluation", {}),
    ("closed", "办结", "Closed", {"is_final": True}),
    ("rejected", "不予批准", "Rejected", {"is_final": True}),
    ("withdrawn", "撤回", "Withdrawn", {"is_final": True}),
]

APPLICANT, STAFF, LEADER = ("department", "staff"), ("staff",), ("leader",)
BACK = {"requires_countersign": False, "requires_comment": True}
SIGNOFF = {"is_signoff": True, "applies_changes": True, "requires_doc_no": True}

# code, 名称, name, from, to, roles, flags
TRANSITIONS = [
    ("submit", "提交申请", "Submit", "draft", "submitted", APPLICANT, {}),
    ("withdraw_draft", "撤回", "Withdraw", "draft", "withdrawn", APPLICANT, {"requires_countersign": False}),
    ("withdraw", "撤回申请", "Withdraw", "submitted", "withdrawn", APPLICANT, {"requires_countersign": False}),
    ("accept", "受理", "Accept", "submitted", "accepted", STAFF, {}),
    ("return_submitted", "退回修改", "Return for changes", "submitted", "returned", STAFF, BACK),
    ("resubmit", "重新提交", "Resubmit", "returned", "submitted", APPLICANT, {}),
    ("start_justification", "开始论证", "Start justification", "accepted", "justifying", STAFF, {}),
    ("return_justifying", "退回修改", "Return for changes", "justifying", "returned", STAFF, BACK),
    ("to_review", "提交处室审核", "Send to division review", "justifying", "division_review", STAFF, {}),
    ("review_pass", "审核通过, 提交办务会", "Pass to the office meeting", "division_review", "office_meeting", STAFF, {}),
    ("review_return", "退回论证", "Back to justification", "division_review", "justifying", STAFF, BACK),
    ("office_approve", "办务会通过, 签批", "Approve at the office (sign-off)", "office_meeting", "approved", (),
     {**SIGNOFF, "case_types": OFFICE_TYPES, "max_amount": OFFICE_MAX_AMOUNT}),
    ("to_commission", "提请编委会审议", "Refer to the staffing commission", "office_meeting", "commission_review",
     STAFF, {"case_types": "establish,revoke,merge,rename,function_change,three_determinations"}),
    ("to_commission_large", "提请编委会审议", "Refer to the staffing commission", "office_meeting",
     "commission_review", STAFF, {"case_types": QUOTA_TYPES, "min_amount": OFFICE_MAX_AMOUNT + 1}),
    ("office_reject", "不予批准", "Reject", "office_meeting", "rejected", LEADER, BACK),
    ("commission_approve", "编委会通过, 签批", "Approve after the commission (sign-off)", "commission_review",
     "approved", (), {**SIGNOFF, "case_types": "rename,function_change," + QUOTA_TYPES}),
    ("to_province", "报省委编办审批", "Refer to the provincial office", "commission_review", "provincial_approval",
     STAFF, {"case_types": "establish,revoke,merge"}),
    ("to_filing", "报省委编办备案", "File with the provincial office", "commission_review", "provincial_filing",
     STAFF, {"case_types": "three_determinations"}),
    ("commission_reject", "编委会不予批准", "Rejected by the commission", "commission_review", "rejected", LEADER,
     BACK),
    ("province_approved", "省委编办批准, 签批", "Provincial approval received (sign-off)", "provincial_approval",
     "approved", (), SIGNOFF),
    ("province_rejected", "省委编办不予批准", "Rejected by the province", "provincial_approval", "rejected", STAFF,
     BACK),
    ("filing_done", "备案完成, 签批", "Filed (sign-off)", "provincial_filing", "approved", (), SIGNOFF),
    ("execute", "组织执行", "Carry out", "approved", "executing", STAFF, {}),
    ("evaluate", "开展效益评价", "Evaluate", "executing", "evaluating", STAFF, {}),
    ("close", "办结", "Close", "evaluating", "closed", STAFF, {}),
]


def load_default_workflow(countersign_codes: tuple[str, ...] = ()) -> Workflow:
    """Create the default workflow (or complete it); returns it.  Flushes, does not commit.

    ``countersign_codes``: office divisions (by code) that must countersign at
    处室审核; a code no division has is skipped (``unknown_divisions`` names them:
    the command line says so, since a production set-up may seed before its divisions).
    """
    from app.office.models import OfficeDivision

    from flask import current_app

    s = db.session

    roles = {r.name: r for r in current_app.appbuilder.sm.get_all_roles()}
    wf = s.execute(select(Workflow).where(Workflow.code == CODE)).scalar_one_or_none()
    if wf is None:
        wf = Workflow(code=CODE, name="机构编制事项审批流程", name_en="Adjustment case approval",
                      subject="adjustment_case", signoff_role=roles[SIGNOFF_ROLE], active=True)
        s.add(wf)
        s.flush()
    states = {st.code: st for st in s.execute(select(WorkflowState).where(WorkflowState.workflow_id == wf.id)).scalars()}
    for sort, (code, name, name_en, flags) in enumerate(STATES, start=1):
        if code not in states:
            states[code] = WorkflowState(workflow_id=wf.id, code=code, name=name, name_en=name_en, sort=sort * 10,
                                         **flags)
            s.add(states[code])
    review = states["division_review"]
    if not review.countersign_divisions and countersign_codes:
        divisions = {d.code: d for d in s.execute(select(OfficeDivision)).scalars()}
        review.countersign_divisions = [divisions[c] for c in countersign_codes if c in divisions]
    s.flush()
    existing = set(s.execute(select(WorkflowTransition.code).where(WorkflowTransition.workflow_id == wf.id)).scalars())
    for sort, (code, name, name_en, src, dst, role_names, flags) in enumerate(TRANSITIONS, start=1):
        if code in existing:
            continue
        s.add(WorkflowTransition(workflow_id=wf.id, code=code, name=name, name_en=name_en,
                                 from_state_id=states[src].id, to_state_id=states[dst].id, sort=sort * 10,
                                 roles=[roles[r] for r in role_names], **flags))
    s.flush()
    return wf


def unknown_divisions(codes) -> tuple[list[str], list[str]]:
    """The codes no office division has, and the codes there are."""
    from app.office.models import OfficeDivision

    known = set(db.session.execute(select(OfficeDivision.code)).scalars())
    return [c for c in codes if c not in known], sorted(known)
