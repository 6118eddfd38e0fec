"""用编进人 demo (issue 13 §2): the 2026 year of the seed — 1,301 entry batches
bringing 2,454 persons into the quota — plus 22 application types and the
twelve monthly review meetings.

Everything goes through the domain's services (plan lines checked against the
vacancy, batches through 公示 → 申请 → 审核 → 入库, persons through the quota
domain's bulk person service), so the demo holds every invariant.  It is fast
because the persons of a batch enter in one bulk call and nothing is read back
twice.  Idempotent: types and meetings by their natural key; the year's
plans and batches are loaded once (a second run finds the year's plans).
"""
from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from sqlalchemy import func, select

from app.core.db import transaction
from app.execution.staffing_use import services
from app.execution.staffing_use.models import (
    ApplicationType,
    EntryBatch,
    EntryCandidate,
    ReviewMeeting,
    StaffingPlan,
    StaffingPlanLine,
)
from app.extensions import db
from app.quota.models import LIVE_STATUSES, Institution, Person, QuotaAllocation, QuotaType
from seeds.data import qingdao as Q

YEAR = 2026
BATCHES = 1301
PERSONS = 2454
SEED = 20261130

_EXAM_DOCS = "报名登记表\n笔试成绩单\n面试成绩单\n体检合格证明\n考察材料\n学历学位证书"
_RECRUIT_DOCS = "报名登记表\n考试成绩单\n体检合格证明\n考察材料\n学历学位证书\n聘用合同"
_TRANSFER_DOCS = "调动审批表\n干部任免审批表\n干部档案审核意见\n原单位同意调出意见"
# code, name, applicant kind, channel, required documents (≥ 20 types: issue 13 §2)
APPLICATION_TYPES = (
    ("EX01", "公务员考试录用（应届毕业生）", "graduate", "exam", _EXAM_DOCS + "\n就业推荐表"),
    ("EX02", "公务员考试录用（社会人员）", "public", "exam", _EXAM_DOCS + "\n工作经历证明"),
    ("EX03", "参照公务员法管理单位考试录用", "public", "exam", _EXAM_DOCS),
    ("EX04", "政法干警招录培养体制改革试点", "graduate", "exam", _EXAM_DOCS + "\n政审材料"),
    ("EX05", "公安机关人民警察考试录用", "public", "exam", _EXAM_DOCS + "\n政审材料\n体能测评结果"),
    ("RC01", "事业单位公开招聘（应届毕业生）", "graduate", "recruitment", _RECRUIT_DOCS + "\n就业推荐表"),
    ("RC02", "事业单位公开招聘（社会人员）", "public", "recruitment", _RECRUIT_DOCS),
    ("RC03", "中小学教师公开招聘", "graduate", "recruitment", _RECRUIT_DOCS + "\n教师资格证书"),
    ("RC04", "卫生专业技术人员公开招聘", "public", "recruitment", _RECRUIT_DOCS + "\n执业资格证书"),
    ("RC05", "机关工勤技能岗位公开招聘", "public", "recruitment", _RECRUIT_DOCS + "\n技术等级证书"),
    ("RC06", "事业单位专项招聘（退役大学生士兵）", "public", "recruitment", _RECRUIT_DOCS + "\n退役证"),
    ("ML01", "军队转业干部安置（计划分配）", "officer", "military", "转业干部审批表\n安置计划通知\n干部档案\n体检合格证明"),
    ("ML02", "军队转业干部安置（考试考核）", "officer", "military", "转业干部审批表\n考试考核成绩\n干部档案"),
    ("ML03", "随军家属安置", "policy", "military", "随军审批表\n安置计划通知\n原单位工作证明"),
    ("TR01", "公务员调任", "civil_servant", "transfer", _TRANSFER_DOCS),
    ("TR02", "国有企事业单位人员调任", "institution_staff", "transfer", _TRANSFER_DOCS + "\n考察材料"),
    ("TR03", "事业单位人员调动", "institution_staff", "transfer", "调动审批表\n原单位同意调出意见\n聘用合同"),
    ("SL01", "选调生", "graduate", "selection", "选调审批表\n考察材料\n学历学位证书\n体检合格证明"),
    ("SL02", "公开遴选（选调）公务员", "civil_servant", "selection", "遴选报名表\n笔试成绩单\n面试成绩单\n考察材料"),
    ("PL01", "政策性安置（烈士子女、遗属）", "policy", "policy", "安置审批表\n政策依据文件\n身份证明材料"),
    ("PL02", "政策性安置（援藏援疆返青人员）", "policy", "policy", "安置审批表\n政策依据文件\n组织部门意见"),
    ("TL01", "高层次人才引进", "talent", "talent", "人才认定意见\n学历学位证书\n科研成果材料\n考察材料\n聘用合同"),
)
CHANNEL_OF_TYPE = {"admin_quota": "exam", "political_legal_quota": "exam", "service_worker_quota": "recruitment"}
# how often each channel appears on lines of other quota types (事业编制)
OTHER_CHANNELS = (("recruitment", 70), ("transfer", 10), ("military", 6), ("talent", 6), ("policy", 4),
                  ("selection", 4))
POSTS = ("综合岗", "业务岗", "专业技术岗", "文秘岗", "财务岗", "信息岗", "法规岗")


def _ids(model, key) -> dict:
    return {k: i for i, k in db.session.execute(select(model.id, getattr(model, key)))}


def load_types_and_meetings() -> dict[int, int]:
    """The application types and the twelve meetings; meeting id by month."""
    with transaction():
        have = _ids(ApplicationType, "code")
        for code, name, kind, channel, docs in APPLICATION_TYPES:
            if code not in have:
                services.save_application_type(ApplicationType(code=code, name=name, applicant_kind=kind,
                                                               channel=channel, required_documents=docs))
        meetings = _ids(ReviewMeeting, "title")
        out = {}
        for month in range(1, 13):
            title = f"{YEAR}年{month}月用编进人计划月专题会议"
            if title not in meetings:
                meetings[title] = services.save_meeting(ReviewMeeting(title=title, held_on=dt.date(YEAR, month, 10),
                                                                      minutes="研究审议各单位报送的年度用编进人计划")).id
            out[month] = meetings[title]
    return out


def _batch_sizes(rng: random.Random) -> list[int]:
    """1,301 sizes of 1–6 adding up to 2,454 (most batches are one or two persons)."""
    sizes = rng.choices((1, 2, 3, 4, 5, 6), (50, 25, 12, 7, 4, 2), k=BATCHES)
    while sum(sizes) != PERSONS:
        i = rng.randrange(BATCHES)
        if sum(sizes) > PERSONS and sizes[i] > 1:
            sizes[i] -= 1
        elif sum(sizes) < PERSONS and sizes[i] < 6:
            sizes[i] += 1
    return sizes


def _id_number(rng: random.Random, used: set[str]) -> tuple[str, str]:
    regions = [code for code, _w in Q.ID_REGION_WEIGHTS]
    weights = [w for _c, w in Q.ID_REGION_WEIGHTS]
    while True:
        gender = rng.choice("MF")
        birth = dt.date(rng.randint(1988, 2003), rng.randint(1, 12), rng.randint(1, 28))
        seq = rng.randrange(1, 999, 2) if gender == "M" else rng.randrange(2, 999, 2)
        body = f"{rng.choices(regions, weights)[0]}{birth:%Y%m%d}{seq:03d}"
        number = body + "10X98765432"[sum(int(c) * w for c, w in zip(body, (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9,
                                                                             10, 5, 8, 4, 2))) % 11]
        if number not in used:
            used.add(number)
            name = rng.choice(Q.SURNAMES) + rng.choice(Q.GIVEN_M if gender == "M" else Q.GIVEN_F)
            return number, name


def _plan_year(rng: random.Random) -> list[dict]:
    """Which allocation each batch fills: drawn in proportion to the vacancies left,
    so the year spreads over hundreds of units and every quota type ends about
    equally full (the quota demo leaves each allocation a share of it: seeds/persons.py)."""
    A = QuotaAllocation
    rows = db.session.execute(
        select(A.institution_id, A.quota_type_id, A.approved - A.occupied, QuotaType.code)
        .join(Institution, Institution.id == A.institution_id).join(QuotaType, QuotaType.id == A.quota_type_id)
        .where(A.approved > A.occupied, Institution.status.in_(LIVE_STATUSES)).order_by(A.id)).all()
    room = {(i, q): v for i, q, v, _c in rows}
    code = {(i, q): c for i, q, _v, c in rows}
    keys = list(room)
    batches = []
    for size in _batch_sizes(rng):
        weights = [room[k] if room[k] >= size else 0 for k in keys]
        if not any(weights):
            raise RuntimeError("the demo quota has too few vacancies for the staffing-use year")
        key = rng.choices(keys, weights)[0]
        room[key] -= size
        batches.append({"key": key, "size": size, "qt_code": code[key]})
    return batches


def _enter_batch(rng, n, b, month, line, channel, types_by_channel, type_id, docs, used) -> None:
    start = dt.date(YEAR, month, 12) + dt.timedelta(days=rng.randint(0, 15))
    end = start + dt.timedelta(days=6)
    code = rng.choice(types_by_channel[channel])
    batch = services.create_batch(EntryBatch(
        title=f"{YEAR}年第{n + 1:04d}批入编备案", plan_line_id=line, application_type_id=type_id[code],
        publicity_start=start, publicity_end=end, documents=docs[code]))
    for _ in range(b["size"]):
        number, name = _id_number(rng, used)
        services.save_candidate(EntryCandidate(batch_id=batch.id, name=name, id_number=number,
                                               post=rng.choice(POSTS)))
    services.apply_batch(batch, today=end + dt.timedelta(days=1))
    services.review_batch(batch)
    services.enter_batch(batch, today=end + dt.timedelta(days=rng.randint(3, 10)))


def load() -> list:
    meetings = load_types_and_meetings()
    s = db.session
    if s.execute(select(func.count()).select_from(StaffingPlan).where(StaffingPlan.year == YEAR)).scalar():
        return []
    rng = random.Random(SEED)
    batches = _plan_year(rng)
    types_by_channel = defaultdict(list)
    for code, _n, _k, channel, _d in APPLICATION_TYPES:
        types_by_channel[channel].append(code)
    type_id = _ids(ApplicationType, "code")
    docs = {code: d for code, _n, _k, _c, d in APPLICATION_TYPES}
    # one channel per allocation; one line per allocation: the persons it takes, plus a spare hire sometimes
    channel = {}
    need: dict = defaultdict(int)
    for b in batches:
        key = b["key"]
        channel.setdefault(key, CHANNEL_OF_TYPE.get(b["qt_code"]) or rng.choices(
            [c for c, _w in OTHER_CHANNELS], [w for _c, w in OTHER_CHANNELS])[0])
        need[key] += b["size"]
    used = set(s.execute(select(Person.id_number)).scalars())
    by_institution: dict[int, list] = defaultdict(list)
    for key in need:
        by_institution[key[0]].append(key)
    month_of = {inst: 1 + n % 10 for n, inst in enumerate(sorted(by_institution))}  # meetings Jan–Oct

    # plans, submitted to their month's meeting, then each meeting decides
    line_id = {}
    with transaction():
        plan_ids = defaultdict(list)
        for inst, keys in sorted(by_institution.items()):
            plan = services.create_plan(StaffingPlan(institution_id=inst, year=YEAR, title="",
                                                     meeting_id=meetings[month_of[inst]]))
            for key in keys:
                line_id[key] = services.create_line(StaffingPlanLine(
                    plan_id=plan.id, quota_type_id=key[1], channel=channel[key], planned=need[key])).id
            services.submit_plan(plan)
            plan_ids[month_of[inst]].append(plan.id)
        for month in sorted(plan_ids):
            services.decide_meeting(s.get(ReviewMeeting, meetings[month]),
                                    doc_no=f"青编用〔{YEAR}〕{month}号", today=dt.date(YEAR, month, 10))

    # batches: publicity after the meeting, a week long, then apply, review and enter;
    # one transaction per month of meetings (a commit per batch cost most of the load)
    by_month: dict[int, list] = defaultdict(list)
    for n, b in enumerate(batches):
        by_month[month_of[b["key"][0]]].append((n, b))
    for month, rows in sorted(by_month.items()):
        with transaction():
            for n, b in rows:
                _enter_batch(rng, n, b, month, line_id[b["key"]], channel[b["key"]], types_by_channel, type_id,
                             docs, used)
    return []
