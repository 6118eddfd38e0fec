"""Use cases of 事业单位绩效考核: cap rules, plans, assessments, reviews, grading,
and the adjustment case a result can open.

The cap (see ``models``): every write that can change a supervising
department's count of institutions in a plan, or its count of 优秀+良好 among
them — filing, grading, re-grading, deleting an assessment — runs
``_check_cap`` after taking a lock named after (plan, department):
a PostgreSQL transaction-scoped advisory lock, and on SQLite the write lock every
transaction holds from its first statement (BEGIN IMMEDIATE).  The counts are
read after the lock is held, so two parallel gradings cannot both see the
last free place.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import case, func, select

from app.core.counters import locked_state
from app.core.db import without_autoflush, xact_lock
from app.core.errors import DomainError, ValidationFailed
from app.core.orm import check_choice, require, sync_foreign_keys
from app.extensions import db
from app.justification.cases import services as cases
from app.justification.cases.models import AdjustmentCase, CaseChange
from app.office.services import clean_text
from app.quota.models import Institution, QuotaAllocation
from app.supervision.assessments import rules
from app.supervision.assessments.models import (FOLLOW_UP_KINDS, PLAN_STATUSES, REVIEW_KINDS, AssessmentPlan,
                                                AssessmentReview, CapRule, InstitutionAssessment)
from app.supervision.evaluations import problems
from app.supervision.evaluations.models import Grade
from app.supervision.evaluations.services import department_grade

UPDATABLE = frozenset({"grade_id", "self_score", "opinion", "graded_on"})


def _s():
    return db.session


# ---------------------------------------------------------------------------
# Cap rules
# ---------------------------------------------------------------------------


@without_autoflush
def save_cap_rule(rule: CapRule) -> CapRule:
    sync_foreign_keys(rule)
    if rule.max_share is None or not 0 <= rule.max_share <= 100:
        raise ValidationFailed("write.choice", field="优良比例上限(%) / maximum share (%)", value=rule.max_share,
                               allowed="0–100")
    if rule.department_grade_id is not None:
        require(Grade, rule.department_grade_id, "部门等级 / department grade")
    same = CapRule.department_grade_id.is_(None) if rule.department_grade_id is None \
        else CapRule.department_grade_id == rule.department_grade_id
    if _s().execute(select(CapRule.id).where(same, CapRule.id != (rule.id or 0))).first():
        raise ValidationFailed("assessment.duplicate_rule", grade=str(rule.department_grade or "—"))
    _s().add(rule)
    _s().flush()
    return rule


def cap_rule_for(grade: Optional[Grade]) -> Optional[CapRule]:
    gid = grade.id if grade is not None else None
    where = CapRule.department_grade_id.is_(None) if gid is None else CapRule.department_grade_id == gid
    return _s().execute(select(CapRule).where(where)).scalar_one_or_none()


# ---------------------------------------------------------------------------
# The cap
# ---------------------------------------------------------------------------


def _lock_cap(plan_id: int, supervisor_id: int) -> None:
    xact_lock(_s(), f"assessment-cap:{plan_id}:{supervisor_id}")


def cap_status(plan: AssessmentPlan, supervisor_id: int) -> dict:
    """The supervising department's figures in a plan: institutions, 优秀+良好, its own grade, share, limit."""
    count, top = _s().execute(
        select(func.count(InstitutionAssessment.id),
               func.coalesce(func.sum(case((Grade.is_top.is_(True), 1), else_=0)), 0))
        .select_from(InstitutionAssessment).outerjoin(Grade, InstitutionAssessment.grade_id == Grade.id)
        .where(InstitutionAssessment.plan_id == plan.id, InstitutionAssessment.supervisor_id == supervisor_id)
    ).one()
    own = department_grade(supervisor_id, plan.year)
    rule = cap_rule_for(own)
    share = rule.max_share if rule is not None else None
    return {"count": int(count), "top": int(top), "department_grade": own, "share": share,
            "limit": rules.top_limit(int(count), share) if share is not None else None}


def caps_of_plan(plan: AssessmentPlan) -> list[dict]:
    """``cap_status`` of every supervising department in a plan, by name."""
    rows = []
    for sid, name in _s().execute(select(Institution.id, Institution.name).where(Institution.id.in_(
            select(InstitutionAssessment.supervisor_id).where(InstitutionAssessment.plan_id == plan.id)))
            .order_by(Institution.name)):
        rows.append({"supervisor_id": sid, "supervisor": name, **cap_status(plan, sid)})
    return rows


def _check_cap(plan: AssessmentPlan, supervisor_id: int, *, institution: str, grade: str,
               count_delta: int, top_delta: int) -> None:
    """Refuse a write that would take the department's 优秀+良好 above its share (numbers in the message)."""
    if top_delta <= 0 and count_delta >= 0:
        return  # fewer top grades or more institutions never breaks a ceiling
    st = cap_status(plan, supervisor_id)
    supervisor = _s().get(Institution, supervisor_id).name
    own = st["department_grade"].name if st["department_grade"] is not None else "未评估 not evaluated"
    if st["share"] is None:
        if st["top"] + top_delta > 0:
            raise DomainError("assessment.no_rule", supervisor=supervisor, department_grade=own)
        return
    count, top = st["count"] + count_delta, st["top"] + top_delta
    if rules.breaks_cap(top, count, st["share"]):
        raise DomainError("assessment.cap" if count_delta >= 0 else "assessment.cap_removal", supervisor=supervisor,
                          count=count, department_grade=own,
                          share=st["share"], limit=rules.top_limit(count, st["share"]), top=st["top"],
                          institution=institution, grade=grade, after=top)


def _is_top(grade_id: Optional[int]) -> bool:
    return bool(grade_id is not None and _s().execute(select(Grade.is_top).where(Grade.id == grade_id)).scalar())


# ---------------------------------------------------------------------------
# Plans
# ---------------------------------------------------------------------------


@without_autoflush
def save_plan(plan: AssessmentPlan) -> AssessmentPlan:
    if plan.id is not None:
        locked_state(plan, ("status",))
    plan.status = plan.status or "open"
    check_choice(plan.status, PLAN_STATUSES, "状态 / status")
    clean_text(plan, "name", "名称 / name")
    clean_text(plan, "committee", "专业委员会 / committee")
    clean_text(plan, "third_party", "第三方机构 / third party", required=False)
    if plan.year is None or not 2000 <= plan.year <= 2100:
        raise ValidationFailed("write.choice", field="年度 / year", value=plan.year, allowed="2000–2100")
    _s().add(plan)
    _s().flush()
    return plan


@without_autoflush
def delete_plan(plan: AssessmentPlan) -> None:
    graded = _s().execute(select(func.count()).select_from(InstitutionAssessment).where(
        InstitutionAssessment.plan_id == plan.id, InstitutionAssessment.grade_id.is_not(None))).scalar()
    if graded:
        raise DomainError("assessment.plan_has_grades", plan=plan.name, count=graded)
    _s().delete(plan)
    _s().flush()


def _open_plan(plan_id: Optional[int]) -> AssessmentPlan:
    plan = require(AssessmentPlan, plan_id, "考核方案 / plan")
    if plan.status != "open":
        raise DomainError("assessment.plan_closed", plan=plan.name)
    return plan


# ---------------------------------------------------------------------------
# Assessments
# ---------------------------------------------------------------------------


def _check_scores(a: InstitutionAssessment) -> None:
    if a.self_score is not None and not 0 <= a.self_score <= 100:
        raise ValidationFailed("assessment.score_range", field="自评分 / self score", score=a.self_score)


def _check_reviews_done(a: InstitutionAssessment) -> None:
    """A grade needs the committee's review and a cross review (互评互审) first."""
    kinds = set(_s().execute(select(AssessmentReview.kind).where(AssessmentReview.assessment_id == a.id)).scalars())
    missing = [k for k in ("committee", "cross_review") if k not in kinds]
    if missing:
        raise DomainError("assessment.reviews_missing", institution=a.institution.name,
                          missing=", ".join(REVIEW_TEXT[k] for k in missing))


REVIEW_TEXT = {"committee": "专业委员会评审 committee review", "cross_review": "互评互审 cross review",
               "third_party": "第三方抽查 third-party spot check"}


@without_autoflush
def create_assessment(a: InstitutionAssessment, *, today: Optional[dt.date] = None) -> InstitutionAssessment:
    """File an institution in a plan; its supervising department is its parent.

    A new assessment carries no grade: it is graded after its reviews
    (``update_assessment``).  Filing one adds an institution to the department's
    count, which never breaks the ceiling.
    """
    sync_foreign_keys(a)
    plan = _open_plan(a.plan_id)
    inst = require(Institution, a.institution_id, "事业单位 / institution")
    if inst.parent_id is None:
        raise ValidationFailed("assessment.no_supervisor", institution=inst.name)
    if a.grade_id is not None:
        raise ValidationFailed("assessment.grade_after_review", institution=inst.name)
    _check_scores(a)
    clean_text(a, "opinion", "opinion", required=False)
    a.supervisor_id = inst.parent_id
    _lock_cap(plan.id, a.supervisor_id)
    if _s().execute(select(InstitutionAssessment.id).where(InstitutionAssessment.plan_id == plan.id,
                                                           InstitutionAssessment.institution_id == inst.id)).first():
        raise ValidationFailed("assessment.duplicate", institution=inst.name, plan=plan.name)
    a.graded_on = None
    _s().add(a)
    _s().flush()
    return a


@without_autoflush
def update_assessment(a: InstitutionAssessment, *, today: Optional[dt.date] = None,
                      **changes) -> InstitutionAssessment:
    """Grade or re-grade (the cap is checked under the department's lock), or edit the self score and opinion."""
    unknown = set(changes) - UPDATABLE
    if unknown:
        raise DomainError("assessment.not_changeable", fields=", ".join(sorted(unknown)))
    old = locked_state(a, ("grade_id", "plan_id", "supervisor_id"), derived=("plan_id", "supervisor_id"))
    plan = _open_plan(old["plan_id"])
    _lock_cap(plan.id, old["supervisor_id"])
    # Re-read the committed grade under the cap lock: a parallel re-grading of this row may have committed.
    old_grade = _s().execute(select(InstitutionAssessment.grade_id)
                             .where(InstitutionAssessment.id == a.id)).scalar()
    for key, value in changes.items():
        setattr(a, key, value)
    _check_scores(a)
    clean_text(a, "opinion", "opinion", required=False)
    if a.grade_id != old_grade:
        if a.grade_id is not None:
            grade = require(Grade, a.grade_id, "等级 / grade")
            a.grade = grade
            _check_reviews_done(a)
            _check_cap(plan, old["supervisor_id"], institution=a.institution.name, grade=grade.name, count_delta=0,
                       top_delta=int(grade.is_top) - int(_is_top(old_grade)))
            a.graded_on = changes.get("graded_on") or today or dt.date.today()
        else:
            a.grade, a.graded_on = None, None
        _s().flush()
        _follow_problem(a, old_grade, today)
    _s().flush()
    return a


def _follow_problem(a: InstitutionAssessment, old_grade: Optional[int], today: Optional[dt.date]) -> None:
    """A 不合格 result becomes a finding; graded out of it, the finding is resolved by this assessment."""
    lowest = problems.lowest_grade_id()
    key = f"institution_assessment:{a.id}"
    if a.grade_id == lowest:
        problems.report("assessment", key, title=f"事业单位绩效考核{a.grade.name}: {a.institution.name}",
                        detail=f"{a.plan.name}: {a.institution.name} (主管部门 {a.supervisor.name}) "
                               f"评定为 {a.grade.name}. {a.opinion or ''}".strip(),
                        institution_id=a.institution_id, today=today)
    elif old_grade == lowest:
        problems.clear("assessment", key, note=f"重新评定为 {a.grade.name if a.grade else '未定级'}", today=today)


def grade(a: InstitutionAssessment, grade_id: Optional[int], *, opinion: Optional[str] = None,
          today: Optional[dt.date] = None) -> InstitutionAssessment:
    changes = {"grade_id": grade_id}
    if opinion is not None:
        changes["opinion"] = opinion
    return update_assessment(a, today=today, **changes)


@without_autoflush
def delete_assessment(a: InstitutionAssessment) -> None:
    """Removing an institution lowers the department's count: refused when its 优秀+良好 would then exceed the share."""
    old = locked_state(a, ("grade_id", "plan_id", "supervisor_id"), derived=("grade_id", "plan_id", "supervisor_id"))
    plan = _open_plan(old["plan_id"])
    _lock_cap(plan.id, old["supervisor_id"])
    if a.follow_up_case_id is not None:
        raise DomainError("assessment.has_case", institution=a.institution.name)
    _check_cap(plan, old["supervisor_id"], institution=a.institution.name, grade="—", count_delta=-1,
               top_delta=-int(_is_top(old["grade_id"])))
    _s().delete(a)
    _s().flush()


# ---------------------------------------------------------------------------
# Reviews: committee, cross review (互评互审), third-party spot checks
# ---------------------------------------------------------------------------


@without_autoflush
def save_review(r: AssessmentReview, *, today: Optional[dt.date] = None) -> AssessmentReview:
    sync_foreign_keys(r)
    if r.id is not None:
        old = locked_state(r, ("assessment_id",))
        _open_plan(_s().get(InstitutionAssessment, old["assessment_id"]).plan_id)
    a = require(InstitutionAssessment, r.assessment_id, "考核 / assessment")
    _open_plan(a.plan_id)
    check_choice(r.kind, REVIEW_KINDS, "评审方式 / review kind")
    clean_text(r, "reviewer", "评审人 / reviewer")
    clean_text(r, "opinion", "opinion", required=False)
    if r.score is None or not 0 <= r.score <= 100:
        raise ValidationFailed("assessment.score_range", field="评审分 / review score", score=r.score)
    if r.kind == "cross_review":
        peer = require(Institution, r.reviewer_institution_id, "互评单位 / peer unit")
        if peer.id == a.institution_id:
            raise ValidationFailed("assessment.self_review", institution=peer.name)
    elif r.reviewer_institution_id is not None:
        require(Institution, r.reviewer_institution_id, "互评单位 / peer unit")
    r.reviewed_on = r.reviewed_on or today or dt.date.today()
    _s().add(r)
    _s().flush()
    return r


@without_autoflush
def delete_review(r: AssessmentReview) -> None:
    a = _s().get(InstitutionAssessment, r.assessment_id)
    _open_plan(a.plan_id)
    if a.grade_id is not None and r.kind in ("committee", "cross_review"):
        raise DomainError("assessment.review_graded", institution=a.institution.name)
    _s().delete(r)
    _s().flush()


# ---------------------------------------------------------------------------
# A result opens an adjustment case (增编 / 减编 / 合并 / 撤销), prefilled
# ---------------------------------------------------------------------------

CASE_TYPE_TEXT = {"staffing_increase": "增编", "staffing_decrease": "减编", "merge": "合并", "revoke": "撤销"}


def _main_quota_type(institution_id: int) -> Optional[int]:
    return _s().execute(select(QuotaAllocation.quota_type_id).where(QuotaAllocation.institution_id == institution_id)
                        .order_by(QuotaAllocation.approved.desc(), QuotaAllocation.id).limit(1)).scalar()


def open_case(a: InstitutionAssessment, kind: str, user, *, amount: int = 1,
              target_id: Optional[int] = None) -> AdjustmentCase:
    """Open a draft adjustment case from a graded result, once, with its structured change prefilled."""
    check_choice(kind, FOLLOW_UP_KINDS, "调整方式 / adjustment")
    locked = locked_state(a, ("follow_up_case_id", "grade_id"), derived=("follow_up_case_id", "grade_id"))
    if locked["follow_up_case_id"] is not None:
        raise DomainError("assessment.case_exists", institution=a.institution.name,
                          case=_s().get(AdjustmentCase, locked["follow_up_case_id"]).number)
    if locked["grade_id"] is None:
        raise DomainError("assessment.case_needs_grade", institution=a.institution.name)
    inst = a.institution
    change = CaseChange(seq=1, institution_id=inst.id, note=f"绩效考核 #{a.id}")
    if kind in ("staffing_increase", "staffing_decrease"):
        if not isinstance(amount, int) or isinstance(amount, bool) or not 0 < amount <= 10_000:
            raise ValidationFailed("write.choice", field="数量 / amount", value=amount, allowed="1–10000")
        change.kind, change.quota_type_id = "ledger_delta", _main_quota_type(inst.id)
        change.amount = amount if kind == "staffing_increase" else -amount
        if change.quota_type_id is None:
            raise DomainError("assessment.no_allocation", institution=inst.name)
    elif kind == "merge":
        target = require(Institution, target_id, "并入机构 / merge into")
        change.kind, change.target_id = "institution_merge", target.id
    else:
        change.kind = "institution_revoke"
    reviews = "; ".join(f"{REVIEW_TEXT[r.kind].split()[0]} {r.reviewer} {r.score}" for r in _s().execute(
        select(AssessmentReview).where(AssessmentReview.assessment_id == a.id).order_by(AssessmentReview.id))
        .scalars())
    new = cases.create_case(AdjustmentCase(
        title=f"绩效考核{CASE_TYPE_TEXT[kind]}: {inst.name} ({a.plan.year})"[:200], case_type=kind,
        applicant_kind="unit", institution_id=inst.id,
        reasons=f"{a.plan.name}: {inst.name} 考核等级 {a.grade.name}. {reviews}. {a.opinion or ''}".strip(),
    ), user)
    change.case_id = new.id
    cases.save_change(change)
    a.follow_up_case_id = new.id
    _s().flush()
    return new
