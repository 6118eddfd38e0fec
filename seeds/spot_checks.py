"""Demo data for 双随机、一公开: the item list, an inspector pool (the demo account
``inspector`` is one of them; one inspector is affiliated with 市教育局 so a
recusal can happen), and the 2026 plan with its seed recorded, its inputs
frozen, the draw run and the results recorded and published.  The draw is dated
in September 2026 (after the annual-report publicity period) so the demo does
not depend on the day it is loaded.  Idempotent: an existing plan is kept."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select

from app.core.db import transaction
from app.extensions import db
from app.quota.models import Institution

ITEMS = [
    ("SJ-2026-01", "事业单位登记事项检查", "《事业单位登记管理暂行条例》及其实施细则",
     "已登记的事业单位", "登记事项与实际情况是否一致, 年度报告是否按时如实公示", "written"),
    ("SJ-2026-02", "事业单位机构编制执行情况检查", "《机构编制监督检查工作办法》",
     "各级事业单位", "机构设置、编制使用、领导职数是否符合批复", "onsite"),
    ("SJ-2026-03", "事业单位网上名称使用检查", "《党政机关、事业单位网上名称管理办法》",
     "已开办网站的事业单位", "网站是否标注网上名称及标识", "online"),
]
INSPECTORS = ["张建国", "李敏", "王海涛", "刘芳", "陈立新", "杨雪", "赵磊", "孙丽"]
PLAN_CODE = "SC-2026-01"
DRAW_DAY = dt.date(2026, 9, 15)


def load():
    from app.supervision.spot_checks import results, services
    from app.supervision.spot_checks.models import SpotInspector, SpotItem, SpotPlan, SpotTask

    s = db.session
    if s.scalar(select(SpotPlan.id).where(SpotPlan.code == PLAN_CODE)) is not None:
        return []
    with transaction():
        have = set(s.scalars(select(SpotItem.code)))
        for code, matter, basis, subject, content, method in ITEMS:
            if code not in have:
                services.create_item(SpotItem(code=code, matter=matter, basis=basis, checked_subject=subject,
                                              check_content=content, method=method))
        inspector_user = current_inspector_user()
        edu = s.scalar(select(Institution).where(Institution.name == "市教育局"))
        have = set(s.scalars(select(SpotInspector.name)))
        for i, name in enumerate(INSPECTORS):
            if name in have:
                continue
            row = SpotInspector(name=name, active=True, user_id=inspector_user if i == 0 else None)
            if i == 1 and edu is not None:
                row.affiliations = [edu]
            s.add(row)
        s.flush()
        item = s.scalar(select(SpotItem).where(SpotItem.code == ITEMS[0][0]))
        plan = SpotPlan(code=PLAN_CODE, name="2026 年度事业单位登记事项双随机抽查", year=2026, spot_item=item,
                        sample_ratio=Decimal("3"), per_target=2, publicity_ends_on=dt.date(2026, 6, 30))
        services.create_plan(plan)
        draw = services.freeze_draw(plan, seed="20260914-3921.08",
                                    seed_source="2026-09-14 上证综合指数收盘点位, 于 2026-09-14 办务会上录入",
                                    today=DRAW_DAY)
        tasks = services.run_draw(draw, today=DRAW_DAY)
        for n, task in enumerate(tasks):
            first = task_inspectors(task)[0]
            if n % 3 == 2:
                results.record_result(task, inspector=first, outcome="problems",
                                      notes="年度报告中的从业人数与实有人数不一致, 已责令更正")
            else:
                results.record_result(task, inspector=first, outcome="compliant", notes="")
        results.publish_results(draw, today=dt.date(2026, 10, 9))
        # The findings these results opened are past their deadline by now: flag them
        # as the findings' own loader does, so loading again changes nothing.
        from app.supervision.findings.services import flag_overdue

        flag_overdue(dt.date.today())
        assert all(t.published_at for t in s.scalars(select(SpotTask).where(SpotTask.draw_id == draw.id)))
    return []


def current_inspector_user():
    from flask_appbuilder.security.sqla.models import User

    return db.session.scalar(select(User.id).where(User.username == "inspector"))


def task_inspectors(task):
    from app.supervision.spot_checks.models import SpotInspector, task_inspector

    return list(db.session.scalars(select(SpotInspector).join(task_inspector)
                                   .where(task_inspector.c.task_id == task.id).order_by(task_inspector.c.seat)))
