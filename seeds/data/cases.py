"""Demo adjustment cases, one at each telling point of the default workflow.

Filed by the 市教育局 account and moved by the demo staff, the second staff
member (会签) and the leader (一支笔) through the real services, so every case
has its history, audit rows and — once applied — ledger entries and
evaluations.  Two more departments and a district bureau file cases of their
own (``OTHER_FILERS``), so each department user has cases it must not see.
Loading again adds nothing (cases are keyed by title).
"""
from __future__ import annotations

from typing import Callable

from flask import current_app
from sqlalchemy import select

from app.core.db import transaction
from app.extensions import db
from app.justification.cases import services as cases
from app.justification.cases.models import AdjustmentCase, CaseChange, CasePost
from app.quota.models import InstitutionCategory, QuotaAllocation, UserInstitution
from seeds.workflow import load_default_workflow

COUNTERSIGN = ("organs", "institutions")  # 机关编制处 and 事业编制处
TO_OFFICE_MEETING = (("submit", "dept_edu"), ("accept", "staff"), ("start_justification", "staff"),
                     ("to_review", "staff"), ("countersign", None), ("review_pass", "staff"))
POSTS = (("教育督导岗", 3600, 2), ("学前教育管理岗", 1900, 1), ("数据统计岗", 800, 0))


def _user(name):
    return current_app.appbuilder.sm.find_user(username=name)


def _walk(case_id: int, steps, doc_no: str | None = None, filer: str = "dept_edu") -> None:
    from app.office.models import OfficeDivision

    for code, who in steps:
        with transaction():
            case = db.session.get(AdjustmentCase, case_id)
            if code == "countersign":
                for div_code, member in (("organs", "staff"), ("institutions", "staff2")):
                    div = db.session.execute(select(OfficeDivision).where(OfficeDivision.code == div_code)).scalar_one()
                    cases.countersign(case, div.id, _user(member), agree=True, comment="同意")
            else:
                who = filer if who == "dept_edu" else who
                cases.transition(case, code, _user(who), comment="同意" if who != filer else None,
                                 doc_no=doc_no if who == "leader" else None)


def _file(title: str, case_type: str, inst_id: int, changes: list[dict], reasons: str,
          posts=POSTS, filer: str = "dept_edu", applicant_kind: str = "department") -> int | None:
    if db.session.execute(select(AdjustmentCase.id).where(AdjustmentCase.title == title)).first():
        return None
    with transaction():
        case = cases.create_case(AdjustmentCase(
            title=title, case_type=case_type, applicant_kind=applicant_kind, institution_id=inst_id, reasons=reasons,
            necessity="服务对象数量持续增长, 现有人员难以承担新增职责", reasonableness="按岗位工作量测算",
            feasibility="在全市行政编制总量内调剂解决"), _user(filer))
        for spec in changes:
            cases.save_change(CaseChange(case_id=case.id, **spec))
        for name, hours, want in posts:
            cases.save_post(CasePost(case_id=case.id, name=name, annual_hours=hours, headcount_requested=want))
        return case.id


def _bound(filer: str) -> tuple[int, Callable[[int], list[dict]]]:
    """The institution a filer is bound to, and the ledger delta of its main quota type."""
    inst_id = db.session.execute(select(UserInstitution.institution_id)
                                 .where(UserInstitution.user_id == _user(filer).id)).scalar_one()
    qt = db.session.execute(select(QuotaAllocation.quota_type_id).where(QuotaAllocation.institution_id == inst_id)
                            .order_by(QuotaAllocation.approved.desc()).limit(1)).scalar_one()
    db.session.rollback()
    return inst_id, lambda n: [{"kind": "ledger_delta", "institution_id": inst_id, "quota_type_id": qt, "amount": n}]


# filer, applicant kind, (title, reasons, amount, how far it walks) of its cases
OTHER_FILERS = (
    ("dept_health", "department", (
        ("关于市卫生健康委员会增加编制的请示(审核中)", "公共卫生应急职能加强", 2, TO_OFFICE_MEETING[:3]),
        ("关于市卫生健康委员会增加编制的请示(草拟)", "医养结合监管任务增加", 1, ()))),
    ("dept_civil", "department", (
        ("关于市民政局增加编制的请示(已受理)", "养老服务监管任务加重", 1, TO_OFFICE_MEETING[:2]),)),
    ("district_shinan", "district", (
        ("关于市南区教育和体育局增加编制的请示(已提交)", "辖区新建学校增多", 2, TO_OFFICE_MEETING[:1]),)),
)


def _load_other_filers() -> None:
    for filer, kind, filed in OTHER_FILERS:
        inst_id, delta = _bound(filer)
        for title, reasons, amount, steps in filed:
            case_id = _file(title, "staffing_increase", inst_id, delta(amount), reasons, posts=POSTS[:1],
                            filer=filer, applicant_kind=kind)
            if case_id:
                _walk(case_id, steps, filer=filer)


def load() -> None:
    with transaction():
        load_default_workflow(COUNTERSIGN)
    inst_id, delta = _bound("dept_edu")

    applied = _file("关于市教育局增加编制的请示(已批复)", "staffing_increase", inst_id, delta(2), "新设教育督导职能")
    if applied:
        _walk(applied, TO_OFFICE_MEETING + (("office_approve", "leader"),), doc_no="青编办字〔2026〕21号")
    waiting = _file("关于市教育局增加编制的请示(待签批)", "staffing_increase", inst_id, delta(3), "学前教育管理任务加重")
    if waiting:
        _walk(waiting, TO_OFFICE_MEETING)
    review = _file("关于市教育局调整内设机构的请示(会签中)", "division_change", inst_id,
                   [{"kind": "division_create", "institution_id": inst_id, "new_name": "教育数字化处"}],
                   "推进教育数字化", posts=())
    if review:
        _walk(review, TO_OFFICE_MEETING[:4])
    _file("关于市教育局增加编制的请示(草拟)", "staffing_increase", inst_id, delta(1), "新增安全管理任务")
    category = db.session.execute(select(InstitutionCategory.id)
                                  .where(InstitutionCategory.code == "public_institution_1")).scalar_one()
    establish = _file("关于设立市教育评估中心的请示(编委会审议)", "establish", inst_id, [
        {"kind": "institution_create", "institution_id": inst_id, "new_name": "青岛市教育评估中心",
         "category_id": category, "region_id": _region_of(inst_id)},
    ], "教育质量评估需要专门机构", posts=())
    if establish:
        _walk(establish, TO_OFFICE_MEETING + (("to_commission", "staff"),))
    _load_other_filers()
    # last: the demo's walks compute no deadline into a year the calendar may not hold yet
    _deadlines(review)


# 办理时限 (working days) of the demo workflow's states: review 5, sign-off 3 (issue #14 §5)
TIME_LIMITS = {"submitted": 5, "accepted": 5, "justifying": 5, "division_review": 5, "office_meeting": 3}


def _deadlines(overdue_case: int | None) -> None:
    """Time limits, the lead leader (分管领导 = the demo leader), one active delegation
    (staff → staff2 for two weeks) and one overdue, escalated step: the case in
    countersign, its entry into 处室审核 dated back 15 days (its deadline computed
    from that day by the engine's own rule), then escalated by the real SQL."""
    import datetime as dt

    from flask_appbuilder.security.sqla.models import Role
    from sqlalchemy import update

    from app.core import audit
    from app.workflow import deadlines, delegations, engine
    from app.workflow.models import Delegation, Workflow, WorkflowHistory, WorkflowState
    from seeds.workflow import CODE

    token = audit.set_actor("seed:deadlines")
    try:
        with transaction():
            wf = db.session.execute(select(Workflow).where(Workflow.code == CODE)).scalar_one()
            for st in db.session.execute(select(WorkflowState).where(WorkflowState.workflow_id == wf.id)).scalars():
                if st.time_limit_days is None and st.code in TIME_LIMITS:
                    st.time_limit_days = TIME_LIMITS[st.code]
            if wf.lead_leader_id is None:
                wf.lead_leader_id = _user("leader").id
            staff, staff2 = _user("staff"), _user("staff2")
            if not db.session.execute(select(Delegation.id).where(Delegation.delegator_id == staff.id)).first():
                today = dt.date.today()
                role = db.session.execute(select(Role).where(Role.name == "staff")).scalar_one()
                delegations.create_delegation(Delegation(delegator_id=staff.id, delegate_id=staff2.id,
                                                         role_id=role.id, start_on=today,
                                                         end_on=today + dt.timedelta(days=14), reason="出差"))
            if overdue_case is not None:
                case = db.session.get(AdjustmentCase, overdue_case)
                entry = engine.current_entry(case)
                entered = dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=15)
                due = engine.step_due(engine.state_of(case), entered.date())
                db.session.execute(update(WorkflowHistory).where(WorkflowHistory.id == entry.id)
                                   .values(at=entered, due_on=due))
                deadlines.escalate(db.session, dt.date.today())
    finally:
        audit._actor.reset(token)


def _region_of(inst_id: int) -> int:
    from app.quota.models import Institution

    return db.session.get(Institution, inst_id).region_id
