"""Demo registrations (SPEC §4.3, the seed's 2026 figures): 220 public-institution
registrations in the year — all completed the day they were received (即时办结率 100 %),
most within 10 minutes — and 110 code certificates for organs and mass organisations.

Every row goes through the registration services with explicit timestamps, so the
monthly report is computed from the same columns as a live registration.  Rows are
keyed by (unit, matter, applied_at): a second run writes nothing.
"""
from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from sqlalchemy import select

from app.core.db import transaction
from app.execution.registration import rules, services
from app.execution.registration.models import Registration
from app.extensions import db
from app.quota import services as quota
from app.quota.models import Institution, InstitutionCategory, Region

YEAR = 2026
NEW_UNITS = (  # 设立 in the year: (name, parent department)
    ("青岛市海洋科技创新服务中心", "市科学技术局"), ("青岛市托育服务指导中心", "市卫生健康委员会"),
    ("青岛市数据资源服务中心", "市大数据发展管理局"), ("青岛市职业技能鉴定指导中心", "市人力资源和社会保障局"),
    ("青岛市学前教育指导中心", "市教育局"), ("青岛市文物保护研究中心", "市文化和旅游局"),
    ("青岛市应急救援保障中心", "市应急管理局"), ("青岛市农业技术推广服务中心", "市农业农村局"),
)
# No 更名: a name change is written back to the institution (核准), and the quota demo
# finds its units by name when it is loaded again.
CHANGES = (("legal_rep", None), ("address", "市南区香港中路{n}号"), ("purpose", "宗旨和业务范围调整: 增加{n}项公益服务"),
           ("funds", None), ("sponsor", "举办单位调整"))
COUNTS = {"annual_on_time": 44, "annual_late": 3, "renew": 44, "reissue": 15, "establish": 8, "cancel": 4,
          "simple_cancel": 6}
TOTAL = 220
CODES = 110
OLD_RENEWALS = 6  # renewed at the turn of 2021/22: their certificates expire within 90 days of the demo's today


class Clock:
    """Working-day times in the demo year, reproducible."""

    def __init__(self, rnd: random.Random):
        self.rnd = rnd

    def day(self, start: dt.date, end: dt.date) -> dt.date:
        while True:
            day = start + dt.timedelta(days=self.rnd.randrange((end - start).days + 1))
            if day.weekday() < 5:
                return day

    def at(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(9)) + dt.timedelta(minutes=self.rnd.randrange(0, 7 * 60))


def _exists(inst_id: int, matter: str, applied_at: dt.datetime) -> bool:
    return db.session.execute(select(Registration.id).where(
        Registration.institution_id == inst_id, Registration.matter == matter,
        Registration.applied_at == applied_at)).first() is not None


def _run(rnd: random.Random, inst_id: int, matter: str, received: dt.datetime, **values) -> None:
    """File and walk one registration to its public notice, with realistic minutes between steps.

    Every random draw happens before the existence check, so a second run draws the
    same sequence and finds every row it made the first time."""
    online = rnd.random() < 0.35
    applied = received - dt.timedelta(days=rnd.randint(1, 3)) if online else received
    tracking_in, tracking_out = f"SF{rnd.randrange(10**11, 10**12)}", f"EMS{rnd.randrange(10**10, 10**11)}CN"
    # 受理 at receipt; most issue within 10 minutes, a few take up to 40 (即时办结: all the same day).
    slow = rnd.random() < 0.08
    gaps = [0, rnd.randint(1, 3), rnd.randint(1, 2), rnd.randint(1, 3) + (rnd.randint(8, 30) if slow else 0)]
    seconds = [rnd.randint(0, 59) for _ in gaps]
    if _exists(inst_id, matter, applied):
        return
    if online:
        values.update(channel="online", tracking_in=tracking_in)
    values.setdefault("materials", "\n".join(rules.REQUIRED_MATERIALS[matter]))
    reg = services.create_registration(Registration(matter=matter, institution_id=inst_id, **values), now=applied)
    now = received
    for step, gap, sec in zip(rules.steps_of(matter)[1:-1], gaps, seconds):
        now += dt.timedelta(minutes=gap, seconds=sec)
        services.advance(reg, now=now, tracking_out=tracking_out if online and step == "issued" else None)
    announce = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(9, 30))
    services.advance(reg, now=announce)


def _new_units(parents: dict[str, int]) -> list[int]:
    category = db.session.execute(select(InstitutionCategory.id).where(
        InstitutionCategory.code == "public_institution_1")).scalar()
    city = db.session.execute(select(Region.id).where(Region.code == "370200")).scalar()
    have = dict(db.session.execute(select(Institution.name, Institution.id)).all())
    ids = []
    for name, parent in NEW_UNITS:
        if name not in have:
            have[name] = quota.create_institution(Institution(
                name=name, category_id=category, region_id=city, parent_id=parents.get(parent), level="city",
                within_cap=False, status="active", established_on=dt.date(YEAR, 1, 15))).id
        ids.append(have[name])
    return ids


# 办结时限 the office promises, in working days from receipt (an annual report has none).
TIME_LIMITS = {"establish": 20, "change": 15, "cancel": 15, "simple_cancel": 10, "renew": 5, "reissue": 5,
               "code_issue": 5}


def _time_limits() -> None:
    from app.execution.registration.models import RegistrationTimeLimit
    from app.execution.registration.time_limits import save_time_limit

    if db.session.execute(select(RegistrationTimeLimit.id)).first():
        return  # an administrator's own, or a second run
    for matter, days in TIME_LIMITS.items():
        save_time_limit(RegistrationTimeLimit(matter=matter, working_days=days, basis="本办服务承诺"))


def load() -> None:
    rnd = random.Random(YEAR)
    clock = Clock(rnd)
    s = db.session
    with transaction():
        _time_limits()
        units = [i for (i,) in s.execute(
            select(Institution.id).join(InstitutionCategory, InstitutionCategory.id == Institution.category_id)
            .where(InstitutionCategory.uscc_code == "2", Institution.status == "active",
                   Institution.uscc.is_not(None), Institution.name.not_in([n for n, _ in NEW_UNITS]))
            .order_by(Institution.id))]  # the units of before the year; a second run sees the same
        organs = [i for (i,) in s.execute(
            select(Institution.id).join(InstitutionCategory, InstitutionCategory.id == Institution.category_id)
            .where(InstitutionCategory.uscc_code.in_(("1", "3")), Institution.status == "active",
                   Institution.uscc.is_not(None)).order_by(Institution.id))]
        if len(units) < COUNTS["renew"] + OLD_RENEWALS or len(organs) < CODES:
            return  # not the demo database
        parents = dict(s.execute(select(Institution.name, Institution.id).where(Institution.parent_id.is_(None))).all())
        expiring, renewed = units[:OLD_RENEWALS], units[OLD_RENEWALS:OLD_RENEWALS + COUNTS["renew"]]
        for i, inst in enumerate(expiring):
            _run(rnd, inst, "renew", clock.at(clock.day(dt.date(2021, 12, 6), dt.date(2022, 2, 25))))
        # Annual reports for the previous year: 44 on time, 3 late, 3 missing.
        values = lambda: dict(report_year=YEAR - 1, activities="按章程开展公益服务, 完成年度工作任务",  # noqa: E731
                              net_assets=Decimal(rnd.randint(50, 5000)), staff_count=rnd.randint(8, 300))
        for inst in units[:COUNTS["annual_on_time"]]:
            _run(rnd, inst, "annual_report", clock.at(clock.day(dt.date(YEAR, 1, 5), dt.date(YEAR, 3, 31))),
                 **values())
        for inst in units[COUNTS["annual_on_time"]:COUNTS["annual_on_time"] + COUNTS["annual_late"]]:
            _run(rnd, inst, "annual_report", clock.at(clock.day(dt.date(YEAR, 4, 7), dt.date(YEAR, 5, 29))),
                 **values())
        for inst in renewed:
            _run(rnd, inst, "renew", clock.at(clock.day(dt.date(YEAR, 1, 5), dt.date(YEAR, 4, 30))))
        for n, inst in enumerate(_new_units(parents)):
            _run(rnd, inst, "establish", clock.at(clock.day(dt.date(YEAR, 2, 2), dt.date(YEAR, 9, 30))),
                 legal_rep=rnd.choice(("王", "李", "张", "刘", "陈", "杨")) + rnd.choice(("建国", "海涛", "晓明", "丽华")))
        for inst in rnd.sample(renewed, COUNTS["reissue"]):
            _run(rnd, inst, "reissue", clock.at(clock.day(dt.date(YEAR, 5, 4), dt.date(YEAR, 8, 28))), reason="遗失")
        closing = renewed[-(COUNTS["cancel"] + COUNTS["simple_cancel"]):]
        open_units = [u for u in units if u not in closing]
        n_changes = TOTAL - sum(COUNTS.values())
        for n in range(n_changes):
            inst = open_units[n % len(open_units)]
            item, text = CHANGES[n % len(CHANGES)]
            day = clock.day(dt.date(YEAR, 5, 4), dt.date(YEAR, 9, 30)) if n < len(open_units) else \
                clock.day(dt.date(YEAR, 10, 8), dt.date(YEAR, 11, 27))
            extra = {}
            if item == "funds":
                before = Decimal(rnd.randint(50, 2000))
                extra = dict(funds_before=before, funds_after=(before * Decimal("1.35")).quantize(Decimal("1")))
            elif item == "legal_rep":
                extra = dict(new_value=rnd.choice(("王", "李", "赵", "孙")) + rnd.choice(("志强", "红梅", "伟")))
            else:
                extra = dict(new_value=text.format(n=n % 90 + 1))
            _run(rnd, inst, "change", clock.at(day), change_item=item, **extra)
        for k, inst in enumerate(closing):
            day = clock.at(clock.day(dt.date(YEAR, 10, 8), dt.date(YEAR, 11, 27)))
            if k < COUNTS["cancel"]:
                _run(rnd, inst, "cancel", day, clearing_report=f"清算报告 {YEAR}-{k + 1:02d}")
            else:
                _run(rnd, inst, "simple_cancel", day, successor_id=open_units[k],
                     undertaking_proof=f"三方权利义务承接证明 {YEAR}-{k + 1:02d}")
        for inst in organs[:CODES]:
            _run(rnd, inst, "code_issue", clock.at(clock.day(dt.date(YEAR, 1, 5), dt.date(YEAR, 11, 27))))
