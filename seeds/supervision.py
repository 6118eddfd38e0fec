"""Demo data of 监督 §1–§2: three departments evaluated on a published indicator
tree, and a year of public-institution assessments within the caps.

Everything goes through the services.  Scores are derived from a hash of the
names, so the demo is the same on every machine; the departments are drawn
from the plan's recorded seed (``app.supervision.evaluations.rules.sample``).
Loading again adds nothing (plans are keyed by name).
"""
from __future__ import annotations

import hashlib

from flask import current_app
from sqlalchemy import select

from app.core.db import transaction
from app.extensions import db
from app.quota.models import Institution, InstitutionCategory
from app.supervision.assessments import services as asv
from app.supervision.assessments.models import AssessmentPlan, AssessmentReview, CapRule, InstitutionAssessment
from app.supervision.evaluations import services as esv
from app.supervision.evaluations.models import EvaluationPlan, Grade, Indicator, IndicatorScore, IndicatorSystem

YEAR = 2026
GRADES = (("excellent", "优秀", 90, True), ("good", "良好", 80, True), ("pass", "合格", 60, False),
          ("fail", "不合格", 0, False))
SYSTEM = "青岛市部门履职评估指标体系(2026 版)"
# code, indicator, parent, weight, data source, scoring rule
TREE = (
    ("A", "职责履行", None, 40, "manual", "按下级指标加权"),
    ("A1", "权责清单执行", "A", 50, "power_list", "清单事项按时办结率; 每发现一项未按清单履职扣 5 分"),
    ("A2", "重点任务完成", "A", 50, "manual", "年度重点任务逐项考核, 未完成一项扣 10 分"),
    ("B", "机构编制管理", None, 35, "manual", "按下级指标加权"),
    ("B1", "编制使用", "B", 60, "quota_use", "100 分起, 每个超编的编制核定扣 20 分 (系统计算)"),
    ("B2", "三定规定执行", "B", 40, "manual", "内设机构、职数与三定规定一致得满分, 每项不一致扣 10 分"),
    ("C", "改革创新", None, 25, "manual", "改革任务推进与创新举措, 由评估组评分"),
)
EVALUATION_PLAN = f"{YEAR} 年度部门履职评估"
SEED = "2026-市编委第2次会议-公证号0417"  # recorded with the plan before the draw
# the supervising department's own result → the share of 优秀+良好 its institutions may get (the table is data;
# rounded down, so a department with three institutions and no result gets none)
SHARES = {"excellent": 40, "good": 30, "pass": 20, "fail": 10, None: 25}
ASSESSMENT_PLAN = f"{YEAR} 年度事业单位绩效考核"


def _score(*parts: str, low: int = 62, high: int = 98) -> int:
    digest = hashlib.sha256("|".join(parts).encode()).digest()
    return low + digest[0] * (high - low) // 255


def load_evaluations() -> None:
    if db.session.execute(select(EvaluationPlan.id).where(EvaluationPlan.name == EVALUATION_PLAN)).first():
        return
    with transaction():
        if not db.session.execute(select(Grade.id)).first():
            for code, name, minimum, top in GRADES:
                esv.save_grade(Grade(code=code, name=name, min_score=minimum, is_top=top))
        system = esv.save_system(IndicatorSystem(name=SYSTEM, description="部门履职评估: 职责履行、机构编制管理、改革创新"))
        ids: dict = {}
        for code, name, parent, weight, source, rule in TREE:
            ids[code] = esv.save_indicator(Indicator(system_id=system.id, code=code, name=name, weight=weight,
                                                     parent_id=ids.get(parent), data_source=source,
                                                     scoring_rule=rule)).id
        esv.publish(system)
        plan = esv.save_plan(EvaluationPlan(year=YEAR, name=EVALUATION_PLAN, system_id=system.id, sample_size=3,
                                            seed=SEED))
        for ev in esv.draw_sample(plan, SEED):
            for code, _name, _parent, _weight, source, _rule in TREE:
                if code in ("A", "B") or source == "quota_use":
                    continue  # nodes are computed from their children, 编制使用 by the system
                esv.save_score(IndicatorScore(evaluation_id=ev.id, indicator_id=ids[code],
                                              score=_score(ev.institution.name, code), note="评估组评分"))
            ev.conclusion = f"{ev.institution.name} {YEAR} 年度履职情况总体良好"
            esv.finalize(ev)


def _public_institutions() -> list[Institution]:
    return list(db.session.execute(
        select(Institution).join(InstitutionCategory, Institution.category_id == InstitutionCategory.id)
        .where(InstitutionCategory.code.like("public_institution%"), Institution.status == "active",
               Institution.parent_id.is_not(None), Institution.level == "city")
        .order_by(Institution.parent_id, Institution.id)).scalars())


def load_assessments() -> None:
    if db.session.execute(select(AssessmentPlan.id).where(AssessmentPlan.name == ASSESSMENT_PLAN)).first():
        return
    grades = {g.code: g for g in db.session.execute(select(Grade)).scalars()}
    with transaction():
        if not db.session.execute(select(CapRule.id)).first():
            for code, share in SHARES.items():
                asv.save_cap_rule(CapRule(department_grade_id=grades[code].id if code else None, max_share=share))
        plan = asv.save_plan(AssessmentPlan(year=YEAR, name=ASSESSMENT_PLAN, committee="青岛市事业单位绩效考核专业委员会",
                                            third_party="青岛市公共管理评估研究中心"))
        institutions = _public_institutions()
        filed = []
        for i, inst in enumerate(institutions):
            a = asv.create_assessment(InstitutionAssessment(plan_id=plan.id, institution_id=inst.id,
                                                            self_score=_score(inst.name, "self", low=80)))
            committee = _score(inst.name, "committee", low=55)
            peer = institutions[(i + 1) % len(institutions)]
            asv.save_review(AssessmentReview(assessment_id=a.id, kind="committee", reviewer="专业委员会评审组",
                                             score=committee, opinion="按考核方案逐项评审"))
            asv.save_review(AssessmentReview(assessment_id=a.id, kind="cross_review", reviewer=f"{peer.name}互评组",
                                             reviewer_institution_id=peer.id, score=_score(inst.name, "peer", low=60)))
            if i % 5 == 0:  # 第三方抽查: every fifth institution
                asv.save_review(AssessmentReview(assessment_id=a.id, kind="third_party",
                                                 reviewer="青岛市公共管理评估研究中心",
                                                 score=_score(inst.name, "third", low=60)))
            filed.append((a, committee))
        for a, committee in sorted(filed, key=lambda pair: -pair[1]):  # the best first, within each cap
            wanted = "excellent" if committee >= 90 else "good" if committee >= 80 else "pass" if committee >= 60 \
                else "fail"
            if grades[wanted].is_top:
                st = asv.cap_status(plan, a.supervisor_id)
                if st["limit"] is None or st["top"] >= st["limit"]:
                    wanted = "pass"
            asv.grade(a, grades[wanted].id, opinion=f"专业委员会评分 {committee}")
        failed = next((a for a, _ in filed if a.grade_id == grades["fail"].id), None)
        if failed is not None:
            asv.open_case(failed, "staffing_decrease", current_app.appbuilder.sm.find_user(username="staff"))
