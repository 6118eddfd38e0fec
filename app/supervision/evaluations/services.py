"""Use cases of 履职评估: indicator trees, plans, sampling, scores, finalising.

Rules (each refused with its numbers, in zh and en, nothing changed):
- an indicator's weight is 1–100; the weights of one node's children never
  exceed 100 on a save, and sum to exactly 100 under every node when the system
  is published (a tree is edited one row at a time, so the equality can only
  be asked of the whole tree); a published system is frozen;
- a plan uses a published system; the sample is drawn once, from a seed
  recorded with it; a department's evaluation is scored on leaf indicators only,
  0–100, and is final once its total and grade are computed (then frozen).

Concurrency: edits of one system's tree take the system's row lock first
(``_lock_system``), so two parallel weight edits cannot together pass the
"≤ 100" check, and publishing cannot interleave with an edit.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Optional

from sqlalchemy import func, select

from app.core.counters import locked_state
from app.core.db import without_autoflush
from app.core.errors import DomainError, ValidationFailed
from app.core.orm import check_choice, require, sync_foreign_keys
from app.extensions import db
from app.office.services import clean_text
from app.quota.models import Institution, InstitutionCategory, QuotaAllocation
from app.supervision.evaluations import problems, rules
from app.supervision.evaluations.models import (DATA_SOURCES, DepartmentEvaluation, EvaluationPlan, Grade,
                                                Indicator, IndicatorScore, IndicatorSystem)


def _s():
    return db.session


# ---------------------------------------------------------------------------
# Grades
# ---------------------------------------------------------------------------


@without_autoflush
def save_grade(grade: Grade) -> Grade:
    clean_text(grade, "code", "代码 / code")
    clean_text(grade, "name", "名称 / name")
    if grade.min_score is None or not 0 <= grade.min_score <= 100:
        raise ValidationFailed("write.choice", field="最低分 / minimum score", value=grade.min_score,
                               allowed="0–100")
    grade.is_top = bool(grade.is_top)
    _s().add(grade)
    _s().flush()
    return grade


@without_autoflush
def delete_grade(grade: Grade) -> None:
    used = _s().execute(select(func.count()).select_from(DepartmentEvaluation)
                        .where(DepartmentEvaluation.grade_id == grade.id)).scalar()
    if used:
        raise DomainError("perf_eval.grade_in_use", grade=grade.name, count=used)
    _s().delete(grade)
    _s().flush()


def grades() -> list[tuple[int, int]]:
    return [tuple(r) for r in _s().execute(select(Grade.id, Grade.min_score))]


# ---------------------------------------------------------------------------
# Indicator systems and their trees
# ---------------------------------------------------------------------------


def _lock_system(system_id: Optional[int]) -> IndicatorSystem:
    system = _s().execute(select(IndicatorSystem).where(IndicatorSystem.id == system_id)
                          .with_for_update(of=IndicatorSystem)).scalar_one_or_none()
    if system is None:
        raise ValidationFailed("write.required", field="指标体系 / indicator system")
    return system


def _refuse_published(system: IndicatorSystem) -> None:
    _s().refresh(system)  # the status as committed, under the lock just taken
    if system.status == "published":
        raise DomainError("perf_eval.system_published", system=system.name)


def tree(system_id: int) -> dict[Optional[int], list[tuple[int, int]]]:
    """parent id -> [(indicator id, weight)], ordered by code."""
    children: dict[Optional[int], list[tuple[int, int]]] = defaultdict(list)
    for ind_id, parent, weight in _s().execute(
            select(Indicator.id, Indicator.parent_id, Indicator.weight)
            .where(Indicator.system_id == system_id).order_by(Indicator.code)):
        children[parent].append((ind_id, weight))
    return children


def _node_name(parent_id: Optional[int], system: IndicatorSystem) -> str:
    if parent_id is None:
        return f"{system.name} (一级指标 / top level)"
    return str(_s().get(Indicator, parent_id))


def _siblings(ind: Indicator) -> list[tuple[str, int]]:
    rows = _s().execute(select(Indicator.code, Indicator.weight).where(
        Indicator.system_id == ind.system_id,
        Indicator.parent_id.is_(None) if ind.parent_id is None else Indicator.parent_id == ind.parent_id,
        Indicator.id != (ind.id or 0)).order_by(Indicator.code)).all()
    return [(code, weight) for code, weight in rows]


def _terms(parts: list[tuple[str, int]]) -> str:
    return " + ".join(f"{code} {weight}" for code, weight in parts) or "—"


@without_autoflush
def save_indicator(ind: Indicator) -> Indicator:
    """Add or edit an indicator of a draft system; siblings' weights may not exceed 100."""
    sync_foreign_keys(ind)
    if ind.id is not None:
        old = locked_state(ind, ("system_id",))
        _refuse_published(_lock_system(old["system_id"]))
    system = _lock_system(ind.system_id)
    _refuse_published(system)
    clean_text(ind, "code", "编码 / code")
    clean_text(ind, "name", "指标 / indicator")
    clean_text(ind, "scoring_rule", "评分规则 / scoring rule", required=False)
    ind.data_source = ind.data_source or "manual"
    check_choice(ind.data_source, DATA_SOURCES, "数据来源 / data source")
    if ind.weight is None or not 0 < ind.weight <= 100:
        raise ValidationFailed("perf_eval.weight_range", indicator=ind.code, weight=ind.weight)
    if ind.parent_id is not None:
        parent = require(Indicator, ind.parent_id, "上级指标 / parent indicator")
        if parent.system_id != ind.system_id:
            raise ValidationFailed("perf_eval.parent_other_system", indicator=ind.code, parent=str(parent))
        _refuse_cycle(ind, parent)
    siblings = _siblings(ind)
    total = sum(w for _, w in siblings) + ind.weight
    if total > 100:
        raise DomainError("perf_eval.weights_over", node=_node_name(ind.parent_id, system),
                          terms=_terms(sorted(siblings + [(ind.code, ind.weight)])), total=total, over=total - 100)
    clash = _s().execute(select(Indicator.id).where(Indicator.system_id == ind.system_id,
                                                    Indicator.code == ind.code,
                                                    Indicator.id != (ind.id or 0))).first()
    if clash:
        raise ValidationFailed("perf_eval.duplicate_code", system=system.name, code=ind.code)
    _s().add(ind)
    _s().flush()
    return ind


def _refuse_cycle(ind: Indicator, parent: Indicator) -> None:
    node: Optional[Indicator] = parent
    while node is not None:
        if ind.id is not None and node.id == ind.id:
            raise ValidationFailed("perf_eval.cycle", indicator=ind.code)
        node = node.parent


@without_autoflush
def delete_indicator(ind: Indicator) -> None:
    _refuse_published(_lock_system(ind.system_id))
    kids = _s().execute(select(func.count()).select_from(Indicator).where(Indicator.parent_id == ind.id)).scalar()
    if kids:
        raise DomainError("perf_eval.indicator_has_children", indicator=str(ind), count=kids)
    _s().delete(ind)
    _s().flush()


@without_autoflush
def save_system(system: IndicatorSystem) -> IndicatorSystem:
    """Name and description only; the status moves by ``publish``."""
    if system.id is not None:
        old = locked_state(system, ("status",), derived=("status",))
        if old["status"] == "published":
            raise DomainError("perf_eval.system_published", system=system.name)
    else:
        system.status = "draft"
        system.published_on = None
    clean_text(system, "name", "指标体系 / indicator system")
    clean_text(system, "description", "description", required=False)
    _s().add(system)
    _s().flush()
    return system


@without_autoflush
def delete_system(system: IndicatorSystem) -> None:
    used = _s().execute(select(func.count()).select_from(EvaluationPlan)
                        .where(EvaluationPlan.system_id == system.id)).scalar()
    if used:
        raise DomainError("perf_eval.system_in_use", system=system.name, count=used)
    _s().delete(system)
    _s().flush()


@without_autoflush
def publish(system: IndicatorSystem, *, today: Optional[dt.date] = None) -> IndicatorSystem:
    """Freeze a tree whose weights sum to 100 under every node; refused with the numbers otherwise."""
    system = _lock_system(system.id)
    _refuse_published(system)
    children = tree(system.id)
    if not children.get(None):
        raise DomainError("perf_eval.system_empty", system=system.name)
    codes = dict(_s().execute(select(Indicator.id, Indicator.code).where(Indicator.system_id == system.id)).all())
    problems = rules.weight_problems(children)
    if problems:
        parent, total = problems[0]
        terms = [(codes[k], w) for k, w in children[parent]]
        raise DomainError("perf_eval.weights_sum", node=_node_name(parent, system), terms=_terms(terms),
                          total=total, count=len(problems))
    system.status = "published"
    system.published_on = today or dt.date.today()
    _s().flush()
    return system


# ---------------------------------------------------------------------------
# Plans and the sample
# ---------------------------------------------------------------------------


@without_autoflush
def save_plan(plan: EvaluationPlan) -> EvaluationPlan:
    sync_foreign_keys(plan)
    if plan.id is not None:
        old = locked_state(plan, ("sampled_at", "seed", "system_id"), derived=("sampled_at", "seed"))
        if old["sampled_at"] is not None and plan.system_id != old["system_id"]:
            raise DomainError("perf_eval.plan_sampled", plan=plan.name)
    else:
        plan.sampled_at = None
    clean_text(plan, "name", "名称 / name")
    if plan.year is None or not 2000 <= plan.year <= 2100:
        raise ValidationFailed("write.choice", field="年度 / year", value=plan.year, allowed="2000–2100")
    if plan.sample_size is None or not 0 < plan.sample_size <= 100:
        raise ValidationFailed("write.choice", field="抽取数量 / sample size", value=plan.sample_size,
                               allowed="1–100")
    system = require(IndicatorSystem, plan.system_id, "指标体系 / indicator system")
    if system.status != "published":
        raise DomainError("perf_eval.system_draft", system=system.name)
    _s().add(plan)
    _s().flush()
    return plan


@without_autoflush
def delete_plan(plan: EvaluationPlan) -> None:
    final = _s().execute(select(func.count()).select_from(DepartmentEvaluation).where(
        DepartmentEvaluation.plan_id == plan.id, DepartmentEvaluation.status == "final")).scalar()
    if final:
        raise DomainError("perf_eval.plan_has_final", plan=plan.name, count=final)
    _s().delete(plan)
    _s().flush()


def candidates(plan: EvaluationPlan) -> list[int]:
    """The departments a plan samples from: active top-level city 党政机构 (市直部门), less
    those evaluated the year before (each department is evaluated at most every other year)."""
    last_year = select(DepartmentEvaluation.institution_id).join(EvaluationPlan).where(
        EvaluationPlan.year == plan.year - 1)
    return list(_s().execute(
        select(Institution.id).join(InstitutionCategory, Institution.category_id == InstitutionCategory.id)
        .where(Institution.status == "active", Institution.parent_id.is_(None), Institution.level == "city",
               InstitutionCategory.counts_toward_cap.is_(True), Institution.id.not_in(last_year))
        .order_by(Institution.id)).scalars())


@without_autoflush
def draw_sample(plan: EvaluationPlan, seed: str, *, now: Optional[dt.datetime] = None) -> list[DepartmentEvaluation]:
    """Sample the plan's departments once, from ``seed``; refused if already drawn."""
    old = locked_state(plan, ("sampled_at",), derived=("sampled_at",))
    if old["sampled_at"] is not None:
        raise DomainError("perf_eval.already_sampled", plan=plan.name, seed=plan.seed)
    seed = (seed or "").strip()
    if not seed or len(seed) > 64:
        raise ValidationFailed("perf_eval.seed", value=seed[:80])
    pool = candidates(plan)
    if len(pool) < plan.sample_size:
        raise DomainError("perf_eval.too_few_candidates", plan=plan.name, size=plan.sample_size, count=len(pool))
    plan.seed = seed
    plan.sampled_at = now or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    drawn = [add_department(plan, inst_id) for inst_id in rules.sample(pool, plan.sample_size, seed)]
    _s().flush()
    return drawn


def add_department(plan: EvaluationPlan, institution_id: int) -> DepartmentEvaluation:
    ev = DepartmentEvaluation(plan_id=plan.id, institution_id=institution_id, status="open")
    return create_evaluation(ev)


# ---------------------------------------------------------------------------
# Evaluations and scores
# ---------------------------------------------------------------------------


@without_autoflush
def create_evaluation(ev: DepartmentEvaluation) -> DepartmentEvaluation:
    sync_foreign_keys(ev)
    require(EvaluationPlan, ev.plan_id, "评估计划 / plan")
    inst = require(Institution, ev.institution_id, "被评估部门 / department")
    clash = _s().execute(select(DepartmentEvaluation.id).where(
        DepartmentEvaluation.plan_id == ev.plan_id, DepartmentEvaluation.institution_id == ev.institution_id)).first()
    if clash:
        raise ValidationFailed("perf_eval.duplicate_department", department=inst.name)
    ev.status, ev.total, ev.grade_id, ev.finalized_on = "open", None, None, None
    _s().add(ev)
    _s().flush()
    return ev


def _refuse_final(evaluation_id: int) -> DepartmentEvaluation:
    ev = _s().execute(select(DepartmentEvaluation).where(DepartmentEvaluation.id == evaluation_id)
                      .with_for_update(of=DepartmentEvaluation)).scalar_one_or_none()
    if ev is None:
        raise ValidationFailed("write.required", field="履职评估 / evaluation")
    _s().refresh(ev)
    if ev.status == "final":
        raise DomainError("perf_eval.final", evaluation=str(ev))
    return ev


@without_autoflush
def update_evaluation(ev: DepartmentEvaluation, **changes) -> DepartmentEvaluation:
    """Only the conclusion text is edited by hand; totals and grades are computed."""
    unknown = set(changes) - {"conclusion"}
    if unknown:
        raise DomainError("perf_eval.computed_fields", fields=", ".join(sorted(unknown)))
    old = locked_state(ev, ("status",), derived=("status",))
    if old["status"] == "final":
        raise DomainError("perf_eval.final", evaluation=str(ev))
    ev.conclusion = changes.get("conclusion", ev.conclusion)
    _s().flush()
    return ev


@without_autoflush
def delete_evaluation(ev: DepartmentEvaluation) -> None:
    _refuse_final(ev.id)
    _s().delete(ev)
    _s().flush()


@without_autoflush
def save_score(sc: IndicatorScore) -> IndicatorScore:
    sync_foreign_keys(sc)
    if sc.id is not None:
        old = locked_state(sc, ("evaluation_id",))
        _refuse_final(old["evaluation_id"])
    ev = _refuse_final(sc.evaluation_id)
    ind = require(Indicator, sc.indicator_id, "指标 / indicator")
    if ind.system_id != ev.plan.system_id:
        raise ValidationFailed("perf_eval.indicator_other_system", indicator=str(ind), system=ev.plan.system.name)
    has_children = _s().execute(select(Indicator.id).where(Indicator.parent_id == ind.id).limit(1)).first()
    if has_children:
        raise ValidationFailed("perf_eval.score_on_node", indicator=str(ind))
    if sc.score is None or not 0 <= sc.score <= 100:
        raise ValidationFailed("perf_eval.score_range", indicator=str(ind), score=sc.score)
    clash = _s().execute(select(IndicatorScore.id).where(
        IndicatorScore.evaluation_id == ev.id, IndicatorScore.indicator_id == ind.id,
        IndicatorScore.id != (sc.id or 0))).first()
    if clash:
        raise ValidationFailed("perf_eval.duplicate_score", indicator=str(ind), evaluation=str(ev))
    _s().add(sc)
    _s().flush()
    return sc


@without_autoflush
def delete_score(sc: IndicatorScore) -> None:
    _refuse_final(sc.evaluation_id)
    _s().delete(sc)
    _s().flush()


def quota_use_score(institution_id: int) -> int:
    """编制使用: 100, less 20 per allocation over its approved number (超编) in the
    department's subtree; not below 0."""
    inst = _s().get(Institution, institution_id)
    over = _s().execute(select(func.count()).select_from(QuotaAllocation).join(Institution).where(
        Institution.path.startswith(inst.path), QuotaAllocation.occupied > QuotaAllocation.approved)).scalar()
    return max(0, 100 - 20 * int(over or 0))


@without_autoflush
def finalize(ev: DepartmentEvaluation, *, today: Optional[dt.date] = None) -> DepartmentEvaluation:
    """Fill computed scores, check every leaf is scored, then total and grade; the evaluation is then frozen."""
    ev = _refuse_final(ev.id)
    system_id = ev.plan.system_id
    children = tree(system_id)
    leaf_ids = rules.leaves(children)
    indicators = {i.id: i for i in _s().execute(select(Indicator).where(Indicator.id.in_(leaf_ids))).scalars()}
    existing = {s.indicator_id: s for s in _s().execute(
        select(IndicatorScore).where(IndicatorScore.evaluation_id == ev.id)).scalars()}
    for ind_id, ind in indicators.items():
        if ind.data_source == "quota_use":
            score = quota_use_score(ev.institution_id)
            if ind_id in existing:
                existing[ind_id].score = score
            else:
                existing[ind_id] = IndicatorScore(evaluation_id=ev.id, indicator_id=ind_id, score=score,
                                                  note="计算 / computed")
                _s().add(existing[ind_id])
    missing = [str(indicators[i]) for i in leaf_ids if i not in existing]
    if missing:
        raise DomainError("perf_eval.scores_missing", evaluation=str(ev), count=len(missing),
                          indicators="; ".join(missing[:5]))
    total = rules.weighted_total(children, {i: s.score for i, s in existing.items()})
    grade_id = rules.grade_for(total, grades())
    if grade_id is None:
        raise DomainError("perf_eval.no_grade", total=total)
    ev.total, ev.grade, ev.status = total, _s().get(Grade, grade_id), "final"
    ev.finalized_on = today or dt.date.today()
    _s().flush()
    _report_problems(ev, indicators, existing, today)
    return ev


def _report_problems(ev: DepartmentEvaluation, indicators: dict, scores: dict, today: Optional[dt.date]) -> None:
    """Failed indicators and a 不合格 result become findings (``problems``)."""
    where = f"{ev.plan.name} · {ev.institution.name}"
    for ind_id, sc in sorted(scores.items()):
        if sc.score < problems.PASS_SCORE:
            ind = indicators[ind_id]
            problems.report("evaluation", f"department_evaluation:{ev.id}:indicator:{ind_id}",
                            title=f"履职评估指标未达标: {ev.institution.name} {ind}",
                            detail=f"{where}: {ind} 得分 {sc.score}, 低于 {problems.PASS_SCORE} 分. "
                                   f"评分规则: {ind.scoring_rule or '—'}",
                            institution_id=ev.institution_id, today=today)
    if ev.grade_id == problems.lowest_grade_id():
        problems.report("evaluation", f"department_evaluation:{ev.id}",
                        title=f"履职评估{ev.grade.name}: {ev.institution.name}",
                        detail=f"{where}: 总分 {ev.total}, 等级 {ev.grade.name}", institution_id=ev.institution_id,
                        today=today)


def department_grade(institution_id: int, year: int) -> Optional[Grade]:
    """A department's own result in ``year``: the grade of its final evaluation, or None."""
    return _s().execute(select(Grade).join(DepartmentEvaluation, DepartmentEvaluation.grade_id == Grade.id)
                        .join(EvaluationPlan).where(DepartmentEvaluation.institution_id == institution_id,
                                                    DepartmentEvaluation.status == "final",
                                                    EvaluationPlan.year == year)
                        .order_by(DepartmentEvaluation.id.desc()).limit(1)).scalar_one_or_none()
