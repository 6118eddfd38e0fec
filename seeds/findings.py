"""Demo findings, one in every state, about 市教育局 (so ``dept_edu`` answers them).

They come from a (recorded) inspection: opened through ``open_finding`` with
fixed source keys, so loading again finds them and adds nothing; then moved
through the real services by ``dept_edu`` and ``staff``.  The scheduled
verification's demo adds the findings its rules find in planted problems.
"""
from __future__ import annotations

import datetime as dt

from flask import current_app
from sqlalchemy import select

from app.core import audit
from app.core.db import transaction
from app.extensions import db
from app.quota.models import UserInstitution
from app.supervision.findings import services
from app.supervision.findings.models import Finding

# key, title, detail, days ago opened, days to the deadline, the moves
DEMO = (
    ("demo-2026-01", "内设机构超出三定规定数量", "三定规定内设机构 8 个, 实有 9 个 (多设 教育数字化办公室)", 10, 30, ()),
    ("demo-2026-02", "领导职数超配", "副局长职数核定 4 名, 实配 5 名", 40, 20,
     (("rectifying", "dept_edu", "已制定整改方案, 拟于年底前通过退休消化 1 名"),)),
    ("demo-2026-03", "机构名称与三定规定不一致", "门牌名称 青岛市教育局办公厅 与三定规定 办公室 不一致", 60, 20,
     (("rectifying", "dept_edu", "已更换门牌"), ("rectified", "staff", "经实地核查已整改到位"))),
    ("demo-2026-04", "编制使用情况报送迟延", "2025 年度编制使用情况报告迟报 5 个工作日", 90, 20,
     (("written_off", "staff", "系统升级所致, 经办务会研究予以核销"),)),
    ("demo-2026-05", "在编人员信息未及时更新", "3 名退休人员仍在实名制系统中在编", 70, 20, ()),  # overdue
)


def _user(name):
    return current_app.appbuilder.sm.find_user(username=name)


def load() -> None:
    dept = _user("dept_edu")
    if dept is None:
        return
    inst_id = db.session.execute(select(UserInstitution.institution_id)
                                 .where(UserInstitution.user_id == dept.id)).scalar_one()
    today = dt.date.today()
    for key, title, detail, ago, days, moves in DEMO:
        if db.session.execute(select(Finding.id).where(Finding.source_kind == "inspection",
                                                       Finding.source_key == key)).first():
            continue
        opened = today - dt.timedelta(days=ago)
        token = audit.set_actor("seed:findings")
        try:
            with transaction():
                finding, _created = services.open_finding(
                    "inspection", key, title=title, detail=detail, institution_id=inst_id, opened_by="inspection:demo",
                    deadline=opened + dt.timedelta(days=days), today=opened)
                fid = finding.id
        finally:
            audit._actor.reset(token)
        for target, who, note in moves:
            with transaction():
                services.transition(db.session.get(Finding, fid), target, note=note, user=_user(who))
    with transaction():
        services.flag_overdue(today)
