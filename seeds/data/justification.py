"""Demo data of the office registers (SPEC §2), from the source document:

* the office's divisions (处室) and the demo accounts' memberships — ``staff`` in
  two divisions, ``staff2`` in a third, so countersign (会签) can be shown;
* the task forces the document names (部门“三定”规定审核专班, 明晰县乡职责规范
  “属地管理”工作专班, 功能区体制机制改革工作专班), each drawing on several divisions;
* the 党政机构改革 hearings: 19 city leaders, 51 party-government departments and
  every district and function zone heard in person, and 189 public-concern issues
  collected through 市长信箱 / 政务热线 / 行风在线, each with its handling;
* the 12 items of 《市委编办顶格协调事项清单》 with milestones; a few closed
  (销号), one under supervision (督办) and two overdue.

``load_office()``, ``load_hearings()`` and ``load_coordination()`` (each domain's
demo hook) write through the services of ``app.office`` and ``app.justification`` and skips what exists by its natural key (division code,
membership pair, task force name, hearing title, opinion source + content,
item title), so a second run writes nothing.
"""
from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select

from app.core import regions
from app.core.db import transaction
from app.extensions import db
from seeds.data import qingdao as Q

SEED = 20181215
D = dt.date

# code, name, English name, sort, description
DIVISIONS = (
    ("secretariat", "秘书处", "Secretariat", 1, "文电、会务、督查督办, 顶格协调事项清单日常管理"),
    ("general", "综合处", "General Affairs Division", 2, "综合协调、机构编制总量统筹、改革综合"),
    ("organs", "机关编制处", "Organ Staffing Division", 3, "党政机关机构编制管理, 部门“三定”规定审核"),
    ("institutions", "事业编制处", "Public Institution Staffing Division", 4, "事业单位机构编制管理与改革"),
    ("supervision", "监督检查处", "Supervision and Inspection Division", 5, "机构编制监督检查、核查与评估"),
    ("research", "机构编制研究处", "Research Division", 6, "机构编制政策研究与标准制定"),
    ("registration", "事业单位登记管理处", "Registration Division", 7, "事业单位法人登记、赋码"),
)

# username -> division codes
MEMBERSHIPS = {
    "staff": ("organs", "general"),
    "staff2": ("institutions",),
    "leader": ("secretariat",),
}

# name, lead division, established on, purpose, [(username, drawn from, is lead)]
TASK_FORCES = (
    ("部门“三定”规定审核专班", "organs", D(2026, 2, 20), "统筹审核机构改革后各部门“三定”规定",
     [("staff", "organs", True), ("staff2", "institutions", False)]),
    ("明晰县乡职责规范“属地管理”工作专班", "general", D(2026, 3, 10), "厘清县乡职责边界, 编制属地管理事项主责部门和配合部门清单",
     [("staff", "general", True), ("staff2", "institutions", False)]),
    ("功能区体制机制改革工作专班", "general", D(2026, 4, 1), "推进功能区管理机构去行政化、聚焦主责主业",
     [("staff", "general", True), ("staff2", "institutions", False), ("leader", "secretariat", False)]),
)

# The 19 city leaders heard in person (by portfolio, no personal names).
CITY_LEADERS = tuple(f"市领导（分管{p}）" for p in (
    "全面工作", "政府全面工作", "党群工作", "组织工作", "宣传思想工作", "统战工作", "政法工作", "纪检监察工作",
    "常务工作", "发展改革和财政", "自然资源和城乡建设", "工业和信息化", "教育和科技", "卫生健康和医保",
    "农业农村和海洋", "商务和开放", "城市管理和交通", "应急管理和安全生产", "文化旅游和体育"))
LEADER_VIEWS = (
    "机构设置要体现精简统一效能, 坚决控制在限额以内",
    "职能相近的部门要整合, 避免多头管理、推诿扯皮",
    "改革要给重点领域和关键环节预留空间",
    "编制要向基层一线和民生领域倾斜",
    "新组建部门的“三定”规定要把职责边界写清楚",
)
DEPARTMENT_VIEWS = (
    "建议将相近职责整合划入本部门, 实行统一管理",
    "建议明确与相关部门的职责分工, 列出职责边界清单",
    "建议内设机构按业务流程设置, 减少审批层级",
    "建议保留执法队伍编制, 随职责同步划转",
    "建议增设专门处室承担新增职责",
    "建议领导职数按新职责配备到位",
)
DISTRICT_VIEWS = (
    "建议赋予基层更多审批和执法权限, 人随事走",
    "建议市区两级职责上下对应, 不搞“一刀切”",
    "建议功能区管理机构精简, 社会事务交由属地区市承担",
)
# 21 public-concern topics × 9 concerns = the 189 issues from the public channels.
PUBLIC_TOPICS = (
    "不动产登记", "企业开办", "城市管理执法", "市场监管执法", "社会保险经办", "医疗保障", "退役军人服务",
    "应急管理", "生态环境执法", "交通运输执法", "文化市场执法", "农业综合执法", "住房公积金", "公共法律服务",
    "养老服务", "婴幼儿照护", "学前教育", "义务教育学位", "基层卫生服务", "物业管理", "老旧小区改造",
)
PUBLIC_CONCERNS = (
    "办事窗口分散, 建议整合到一个部门",
    "多头执法、重复检查, 建议明确牵头部门",
    "职责边界不清, 投诉找不到责任部门",
    "审批环节多、时限长, 建议精简",
    "基层力量不足, 建议编制向一线倾斜",
    "改革后咨询电话和办公地点变化, 建议及时公告",
    "跨部门协同不畅, 建议建立联动机制",
    "街道与区直部门相互推诿, 建议明确属地责任",
    "线上线下标准不一, 建议统一办事指南",
)
CHANNELS = (("mayor_mailbox", "市长信箱", 78), ("hotline", "政务热线", 74), ("conduct_online", "行风在线", 37))
PUBLIC_HANDLING = (("adopted", 112), ("partly_adopted", 41), ("not_adopted", 23), ("pending", 13))
NOTES = {
    "partly_adopted": ("已纳入改革方案, 其余部分待上级统一部署后落实", "部分采纳, 相关职责在“三定”规定中予以明确",
                       "采纳整合建议, 办公地点调整需结合政务服务中心建设统筹"),
    "not_adopted": ("涉及中央和省级事权, 市级无权调整, 已作解释说明", "与机构限额要求不符, 不宜单设机构",
                    "相关职责已由现有部门承担, 不再调整"),
}
EXCLUDED_DEPARTMENTS = ("市委机构编制委员会办公室", "市民族宗教事务局")  # the host; 挂牌 in 市委统战部

REFORM_HEARINGS = (
    # key, kind, title, held on, location, organiser, minutes
    ("leaders", "forum", "党政机构改革市领导意见听取会", D(2018, 11, 20), "市委第一会议室", "general",
     "面对面听取 19 位市领导对市级机构改革方案的意见建议。"),
    ("departments", "forum", "党政机构改革市直部门座谈会", D(2018, 11, 28), "市委编办会议室", "organs",
     "听取 51 个党政部门主要负责人意见, 逐项梳理职责调整和机构整合建议。"),
    ("districts", "forum", "党政机构改革区市和功能区座谈会", D(2018, 12, 5), "市委编办会议室", "general",
     "听取全部区市、功能区主要负责人意见, 重点研究市区两级职责对应和功能区体制。"),
    ("defence", "defence", "事业单位改革方案答辩会", D(2026, 6, 18), "市委编办会议室", "institutions",
     "事业单位重塑改革方案答辩, 听取人大代表、政协委员和专家意见。"),
)
DEFENCE_OPINIONS = (
    ("expert", "青岛大学公共管理专家", "建议按公益属性分类推进, 先易后难", "adopted", None),
    ("expert", "市委党校教授", "建议配套绩效考核办法, 防止改革后职能虚化", "adopted", None),
    ("expert", "省机构编制研究会专家", "建议撤并规模过小的事业单位", "partly_adopted", "小规模单位结合布局调整分批撤并"),
    ("npc", "市人大常委会代表", "建议改革方案向社会公开征求意见", "adopted", None),
    ("cppcc", "市政协委员", "建议保留部分基层事业单位的公益服务功能", "not_adopted", "相关公益服务已由属地街道承担"),
)

# title, lead leader, lead division, co-divisions, task force, due on, status, milestones [(title, due, done)]
COORDINATION_ITEMS = (
    ("党政机构改革", "市委编办主任", "general", ("organs", "institutions", "secretariat"), None, D(2026, 3, 31), "closed",
     [("改革方案报批", D(2026, 1, 15), D(2026, 1, 12)), ("机构挂牌", D(2026, 2, 28), D(2026, 2, 26)),
      ("“三定”规定印发", D(2026, 3, 31), D(2026, 3, 30))]),
    ("功能区体制机制改革", "市委编办主任", "general", ("organs", "research"), "功能区体制机制改革工作专班",
     D(2026, 12, 31), "in_progress",
     [("调研评估", D(2026, 5, 31), D(2026, 5, 28)), ("改革方案起草", D(2026, 9, 30), D(2026, 10, 9)),
      ("方案报市委编委审议", D(2026, 12, 15), None)]),
    ("事业单位绩效考核", "市委编办主任", "supervision", ("institutions",), None, D(2026, 12, 31), "in_progress",
     [("考核方案互评互审", D(2026, 6, 30), D(2026, 6, 20)), ("交叉检查", D(2026, 10, 31), D(2026, 11, 5)),
      ("第三方评估抽查", D(2026, 12, 20), None)]),
    ("部门“三定”规定审核", "市委编办主任", "organs", ("general",), "部门“三定”规定审核专班", D(2026, 6, 30), "closed",
     [("部门报送", D(2026, 3, 31), D(2026, 3, 25)), ("审核反馈", D(2026, 5, 31), D(2026, 5, 30)),
      ("印发实施", D(2026, 6, 30), D(2026, 6, 28))]),
    ("明晰县乡职责规范“属地管理”", "市委编办主任", "general", ("organs", "institutions"),
     "明晰县乡职责规范“属地管理”工作专班", D(2026, 9, 30), "in_progress",
     [("主责部门和配合部门清单", D(2026, 7, 31), D(2026, 7, 30)), ("区市试点", D(2026, 9, 30), None)]),
    ("限额外行政机构清理规范", "市委编办主任", "organs", ("supervision",), None, D(2026, 4, 30), "closed",
     [("清理市级限额外机构", D(2026, 3, 31), D(2026, 3, 31)), ("清理区市限额外机构", D(2026, 4, 30), D(2026, 4, 28))]),
    ("综合行政执法体制改革", "市委编办常务副主任", "organs", ("institutions", "general"), None, D(2026, 10, 31),
     "in_progress",
     [("执法队伍整合方案", D(2026, 8, 31), D(2026, 8, 30)), ("执法编制划转", D(2026, 10, 31), None)]),
    ("事业单位重塑改革", "市委编办主任", "institutions", ("research", "registration"), None, D(2027, 3, 31),
     "in_progress",
     [("改革方案答辩", D(2026, 6, 30), D(2026, 6, 18)), ("分类推进", D(2027, 3, 31), None)]),
    ("权责清单“两单融合”", "市委编办常务副主任", "research", ("organs",), None, D(2026, 8, 31), "supervised",
     [("行政权力事项梳理", D(2026, 6, 30), D(2026, 7, 15)), ("“三级四同”对照", D(2026, 8, 31), None)]),
    ("街道管理体制改革", "市委编办主任", "general", ("organs",), None, D(2027, 6, 30), "in_progress",
     [("街道职责清单", D(2027, 3, 31), None)]),
    ("机构编制实名制信息系统升级", "市委编办常务副主任", "secretariat", ("registration", "supervision"), None,
     D(2027, 1, 31), "in_progress",
     [("需求调研", D(2026, 9, 30), D(2026, 9, 20)), ("系统上线", D(2027, 1, 31), None)]),
    ("机构编制定期核查", "市委编办常务副主任", "supervision", ("organs", "institutions"), None, D(2026, 12, 31),
     "in_progress",
     [("核查方案", D(2026, 9, 30), D(2026, 9, 25)), ("实地核查", D(2026, 12, 15), None)]),
)
TODAY = D(2026, 11, 26)  # the demo's "today" for the closings it records


def departments() -> list[str]:
    names = [row[1] for row in Q.CITY_PARTY_GOV if row[1] not in EXCLUDED_DEPARTMENTS]
    assert len(names) == 51
    return names


def districts() -> list[str]:
    from seeds.reference import district_codes

    return [regions.region_name(code) for code in district_codes()] + [row[2] for row in Q.FUNCTION_ZONE_BODIES]


def reform_opinions() -> dict[str, list[tuple]]:
    """hearing key (None: public channels) -> [(source kind, source name, content, handling, note)]."""
    rng = random.Random(SEED)

    def handled(weights):
        handling = rng.choices(("adopted", "partly_adopted", "not_adopted"), weights)[0]
        return handling, (rng.choice(NOTES[handling]) if handling in NOTES else None)

    out: dict = {"leaders": [], "departments": [], "districts": [], "defence": list(DEFENCE_OPINIONS), None: []}
    for i, name in enumerate(CITY_LEADERS):
        out["leaders"].append(("city_leader", name, LEADER_VIEWS[i % len(LEADER_VIEWS)], *handled((8, 2, 0))))
    for name in departments():
        out["departments"].append(("department", name, rng.choice(DEPARTMENT_VIEWS), *handled((5, 3, 2))))
    for name in districts():
        out["districts"].append(("district", name, rng.choice(DISTRICT_VIEWS), *handled((6, 3, 1))))
    issues = [f"{topic}: {concern}" for topic in PUBLIC_TOPICS for concern in PUBLIC_CONCERNS]
    rng.shuffle(issues)
    channels = [(kind, label) for kind, label, n in CHANNELS for _ in range(n)]
    handlings = [h for h, n in PUBLIC_HANDLING for _ in range(n)]
    rng.shuffle(handlings)
    for i, (content, (kind, label), handling) in enumerate(zip(issues, channels, handlings), 1):
        note = rng.choice(NOTES[handling]) if handling in NOTES else None
        out[None].append((kind, f"{label}第{i:03d}号", content, handling, note))
    assert len(out[None]) == 189
    return out


def _ids(model, key) -> dict:
    return {k: i for i, k in db.session.execute(select(model.id, getattr(model, key)))}


def load_office() -> None:
    """The office's divisions, the demo accounts' memberships, the task forces."""
    from flask_appbuilder.security.sqla.models import User

    from app.office import services as office
    from app.office.models import DivisionMember, OfficeDivision, TaskForce, TaskForceMember

    s = db.session
    with transaction():
        user_ids = {name: i for i, name in s.execute(select(User.id, User.username))}
        div = _ids(OfficeDivision, "code")
        for code, name, name_en, sort, desc in DIVISIONS:
            if code not in div:
                div[code] = office.save_division(OfficeDivision(code=code, name=name, name_en=name_en, sort=sort,
                                                                description=desc)).id
        have = {tuple(r) for r in s.execute(select(DivisionMember.division_id, DivisionMember.user_id))}
        for username, codes in MEMBERSHIPS.items():
            for code in codes:
                if (div[code], user_ids[username]) not in have:
                    office.save_division_member(DivisionMember(division_id=div[code], user_id=user_ids[username]))
        tfs = _ids(TaskForce, "name")
        have = {tuple(r) for r in s.execute(select(TaskForceMember.task_force_id, TaskForceMember.user_id))}
        for name, lead, established, purpose, members in TASK_FORCES:
            if name not in tfs:
                tfs[name] = office.save_task_force(TaskForce(name=name, lead_division_id=div[lead], purpose=purpose,
                                                             established_on=established)).id
            for username, code, is_lead in members:
                if (tfs[name], user_ids[username]) not in have:
                    office.save_task_force_member(TaskForceMember(
                        task_force_id=tfs[name], user_id=user_ids[username], division_id=div[code], is_lead=is_lead))


def load_hearings() -> None:
    """The 党政机构改革 hearings and the 189 public-concern issues, each handled."""
    from app.justification.hearings import services as hear
    from app.justification.hearings.models import Hearing, Opinion
    from app.office.models import OfficeDivision

    s = db.session
    opinions = reform_opinions()
    with transaction():
        div = _ids(OfficeDivision, "code")
        hearing_id: dict = {None: None}
        existing = {t: i for i, t in s.execute(select(Hearing.id, Hearing.title))}
        for key, kind, title, held_on, location, organiser, minutes in REFORM_HEARINGS:
            hearing_id[key] = existing.get(title) or hear.save_hearing(Hearing(
                kind=kind, title=title, held_on=held_on, location=location, organiser_id=div[organiser],
                minutes=minutes, participants="\n".join(["市委编办主任"] + [o[1] for o in opinions[key]]))).id
        have = {tuple(r) for r in s.execute(select(Opinion.source_kind, Opinion.source_name, Opinion.content))}
        for key, rows in opinions.items():
            held = next((h[3] for h in REFORM_HEARINGS if h[0] == key), D(2018, 12, 10))
            for kind, name, content, handling, note in rows:
                if (kind, name, content) in have:
                    continue
                hear.save_opinion(Opinion(
                    hearing_id=hearing_id[key], source_kind=kind, source_name=name, content=content,
                    handling=handling, handling_note=note,
                    handled_on=None if handling == "pending" else held + dt.timedelta(days=20)))


def load_coordination() -> None:
    """The 12 items of 《市委编办顶格协调事项清单》 with their milestones and moves."""
    from app.justification.coordination import services as coord
    from app.justification.coordination.models import CoordinationItem, Milestone
    from app.office.models import OfficeDivision, TaskForce

    s = db.session
    with transaction():  # reads too: on SQLite a transaction holds the write lock until it ends
        div, tfs = _ids(OfficeDivision, "code"), _ids(TaskForce, "name")
        existing = set(s.execute(select(CoordinationItem.title)).scalars())
    for title, leader, lead, co, tf, due, status, milestones in COORDINATION_ITEMS:
        if title in existing:
            continue
        with transaction():  # one item with its milestones and its moves, or nothing
            item = coord.create_item(CoordinationItem(
                title=title, lead_leader=leader, lead_division_id=div[lead], due_on=due,
                task_force_id=tfs[tf] if tf else None,
                co_divisions=[s.get(OfficeDivision, div[c]) for c in co]))
            for name, m_due, done in milestones:
                coord.save_milestone(Milestone(item_id=item.id, title=name, due_on=m_due, done_on=done))
            if status == "supervised" or title == "党政机构改革":  # the reform went through 督办 first
                coord.transition(item, "supervised")
            if status == "closed":
                coord.transition(item, "closed", note="各节点完成, 报办主任同意销号", today=max(m[2] for m in milestones))
