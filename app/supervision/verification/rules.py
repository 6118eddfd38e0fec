"""The built-in verification rules, each one set-based SQL (GROUP BY / HAVING,
anti-joins), registered into ``app.core.checks``.

A rule returns the problems it sees now; the engine (``engine.py``) makes
findings of them and resolves the findings whose problem is gone.  Recounts
come from the rows themselves (persons, ledger entries, institutions), never
from the counters they check.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, func, literal, select, union_all
from sqlalchemy.orm import aliased

from app.core.checks import Problem, Rule, register
from app.justification.coordination.models import CoordinationItem
from app.quota.models import (
    Institution,
    InstitutionCap,
    InstitutionCategory,
    LeadershipQuota,
    Person,
    QuotaAllocation,
    QuotaLedgerEntry,
    QuotaType,
    Rank,
    Region,
    RegionalCap,
    quota_type_category,
)
from app.quota.rules import LIVE_STATUSES
from app.supervision.findings.models import OPEN_STATES, Finding

ACTIVE = "active"


def _active_people():
    """在编 persons per institution × quota type (the index on institution, type, status covers it)."""
    return (select(Person.institution_id, Person.quota_type_id, func.count().label("n"))
            .where(Person.status == ACTIVE).group_by(Person.institution_id, Person.quota_type_id).subquery())


def overstaffed(session, params, today):
    """超编: 在编 persons (recounted) above the approved quota, per institution × quota type."""
    people = _active_people()
    approved = func.coalesce(QuotaAllocation.approved, 0)
    rows = session.execute(
        select(people.c.institution_id, people.c.quota_type_id, people.c.n, approved, Institution.name, QuotaType.name)
        .join(Institution, Institution.id == people.c.institution_id)
        .join(QuotaType, QuotaType.id == people.c.quota_type_id)
        .outerjoin(QuotaAllocation, and_(QuotaAllocation.institution_id == people.c.institution_id,
                                         QuotaAllocation.quota_type_id == people.c.quota_type_id))
        .where(people.c.n > approved + params.get("tolerance", 0)))
    for inst, qt, n, ok, name, qt_name in rows:
        yield Problem(f"{inst}:{qt}", f"超编: {name} {qt_name} 实有 {n} 人, 核定 {ok} 名",
                      f"{name} {qt_name}: 在编 {n} 人, 核定 {ok} 名, 超出 {n - ok} 人", inst)


def over_leadership(session, params, today):
    """超职数: leaders of a rank (recounted) above the positions approved for the institution."""
    # the few leadership ranks first: their persons are a range of the (rank, institution,
    # status) index, grouped in its order, and the count joins nothing
    ranks = list(session.execute(select(Rank.id).where(Rank.is_leadership.is_(True))).scalars())
    leaders = (select(Person.institution_id, Person.rank_id, func.count().label("n"))
               .where(Person.status == ACTIVE, Person.rank_id.in_(ranks))
               .group_by(Person.rank_id, Person.institution_id).subquery())
    quotas = (select(LeadershipQuota.institution_id, LeadershipQuota.rank_id,
                     func.sum(LeadershipQuota.approved).label("approved"))
              .group_by(LeadershipQuota.institution_id, LeadershipQuota.rank_id).subquery())
    approved = func.coalesce(quotas.c.approved, 0)
    rows = session.execute(
        select(leaders.c.institution_id, leaders.c.rank_id, leaders.c.n, approved, Institution.name, Rank.name)
        .join(Institution, Institution.id == leaders.c.institution_id).join(Rank, Rank.id == leaders.c.rank_id)
        .outerjoin(quotas, and_(quotas.c.institution_id == leaders.c.institution_id,
                                quotas.c.rank_id == leaders.c.rank_id))
        .where(leaders.c.n > approved))
    for inst, rank, n, ok, name, rank_name in rows:
        yield Problem(f"{inst}:{rank}", f"超职数: {name} {rank_name} 实配 {n} 名, 核定 {ok} 名",
                      f"{name} {rank_name}: 实配领导 {n} 名, 核定职数 {ok} 名", inst)


def _region_sums():
    """Σ approved per region × quota type, over every institution (as the regional cap counts)."""
    return (select(Institution.region_id, QuotaAllocation.quota_type_id,
                   func.sum(QuotaAllocation.approved).label("approved"))
            .join(Institution, Institution.id == QuotaAllocation.institution_id)
            .group_by(Institution.region_id, QuotaAllocation.quota_type_id).subquery())


def over_total(session, params, today):
    """超总量: a region's approved quotas of a type (recounted) above its regional cap."""
    sums = _region_sums()
    rows = session.execute(
        select(RegionalCap.region_id, RegionalCap.quota_type_id, sums.c.approved, RegionalCap.total, Region.name,
               QuotaType.name)
        .join(sums, and_(sums.c.region_id == RegionalCap.region_id, sums.c.quota_type_id == RegionalCap.quota_type_id))
        .join(Region, Region.id == RegionalCap.region_id).join(QuotaType, QuotaType.id == RegionalCap.quota_type_id)
        .where(sums.c.approved > RegionalCap.total))
    for region, qt, n, total, name, qt_name in rows:
        yield Problem(f"{region}:{qt}", f"超总量: {name} {qt_name} 已核定 {n}, 总量 {total}",
                      f"{name} {qt_name}: 已核定 {n} 名, 超过总量 {total} 名", region_id=region)


def _counting_institutions():
    """Institutions per region that take a slot of its cap (the foundation's ``counts_toward_cap``)."""
    return (select(Institution.region_id, func.count().label("n"))
            .join(InstitutionCategory, InstitutionCategory.id == Institution.category_id)
            .where(Institution.status.in_(LIVE_STATUSES), Institution.within_cap.is_(True),
                   InstitutionCategory.counts_toward_cap.is_(True))
            .group_by(Institution.region_id).subquery())


def over_limit(session, params, today):
    """超限额: a region's institutions counting toward its cap (recounted) above the cap."""
    counted = _counting_institutions()
    rows = session.execute(
        select(InstitutionCap.region_id, counted.c.n, InstitutionCap.total, Region.name)
        .join(counted, counted.c.region_id == InstitutionCap.region_id)
        .join(Region, Region.id == InstitutionCap.region_id).where(counted.c.n > InstitutionCap.total))
    for region, n, total, name in rows:
        yield Problem(str(region), f"超限额: {name} 机构 {n} 个, 限额 {total} 个",
                      f"{name}: 机构 {n} 个, 超过限额 {total} 个", region_id=region)


def mixed_quota(session, params, today):
    """混用编制: 在编 persons on a quota type the institution's category may not hold.
    Persons are counted per institution × type first (an index-only scan), then checked."""
    people = _active_people()
    allowed = select(quota_type_category.c.quota_type_id).where(
        quota_type_category.c.quota_type_id == people.c.quota_type_id,
        quota_type_category.c.category_id == Institution.category_id).exists()
    rows = session.execute(
        select(people.c.institution_id, people.c.quota_type_id, people.c.n, Institution.name, QuotaType.name)
        .join(Institution, Institution.id == people.c.institution_id)
        .join(QuotaType, QuotaType.id == people.c.quota_type_id)
        .where(~allowed))
    for inst, qt, n, name, qt_name in rows:
        yield Problem(f"{inst}:{qt}", f"混用编制: {name} 有 {n} 人使用 {qt_name}",
                      f"{name}: {n} 人使用{qt_name}, 该机构类别不得使用此类编制", inst)


def ledger_mismatch(session, params, today):
    """核定数 ≠ 台账合计: an allocation that is not the sum of its ledger entries."""
    ledger = (select(QuotaLedgerEntry.institution_id.label("inst"), QuotaLedgerEntry.quota_type_id.label("qt"),
                     func.sum(QuotaLedgerEntry.delta).label("total"))
              .group_by(QuotaLedgerEntry.institution_id, QuotaLedgerEntry.quota_type_id).subquery())
    with_alloc = (select(QuotaAllocation.institution_id, QuotaAllocation.quota_type_id, QuotaAllocation.approved,
                         func.coalesce(ledger.c.total, 0))
                  .outerjoin(ledger, and_(ledger.c.inst == QuotaAllocation.institution_id,
                                          ledger.c.qt == QuotaAllocation.quota_type_id))
                  .where(QuotaAllocation.approved != func.coalesce(ledger.c.total, 0)))
    orphan = (select(ledger.c.inst, ledger.c.qt, literal(0), ledger.c.total)
              .where(ledger.c.total != 0, ~select(QuotaAllocation.id).where(
                  QuotaAllocation.institution_id == ledger.c.inst, QuotaAllocation.quota_type_id == ledger.c.qt)
                  .exists()))
    rows = session.execute(union_all(with_alloc, orphan))
    for inst, qt, approved, total in rows:
        yield Problem(f"{inst}:{qt}", f"核定编制与台账不符: 机构 {inst} 编制类型 {qt} 核定 {approved}, 台账合计 {total}",
                      f"机构 #{inst}, 编制类型 #{qt}: 核定 {approved} 名, 台账合计 {total} 名", inst)


def cap_recount(session, params, today):
    """总量/限额 used ≠ recount: the counters the invariants move, checked against the rows."""
    sums = _region_sums()
    regional = session.execute(
        select(RegionalCap.id, RegionalCap.region_id, RegionalCap.used, func.coalesce(sums.c.approved, 0))
        .outerjoin(sums, and_(sums.c.region_id == RegionalCap.region_id,
                              sums.c.quota_type_id == RegionalCap.quota_type_id))
        .where(RegionalCap.used != func.coalesce(sums.c.approved, 0)))
    for cap, region, used, recount in regional:
        yield Problem(f"regional:{cap}", f"总量已用数与重算不符: 总量 #{cap} 记为 {used}, 重算 {recount}",
                      f"总量 #{cap}: 记为已用 {used}, 重算 {recount}", region_id=region)
    counted = _counting_institutions()
    institution = session.execute(
        select(InstitutionCap.id, InstitutionCap.region_id, InstitutionCap.used, func.coalesce(counted.c.n, 0))
        .outerjoin(counted, counted.c.region_id == InstitutionCap.region_id)
        .where(InstitutionCap.used != func.coalesce(counted.c.n, 0)))
    for cap, region, used, recount in institution:
        yield Problem(f"institution:{cap}", f"机构限额已用数与重算不符: 限额 #{cap} 记为 {used}, 重算 {recount}",
                      f"机构限额 #{cap}: 记为已用 {used}, 重算 {recount}", region_id=region)


def child_above_parent(session, params, today):
    """下级总量之和超过上级: the regional caps of a region's children, per type, above its own."""
    child, parent = aliased(RegionalCap), aliased(RegionalCap)
    child_sums = (select(Region.parent_id.label("parent_region"), child.quota_type_id.label("qt"),
                         func.sum(child.total).label("total"))
                  .join(Region, Region.id == child.region_id).where(Region.parent_id.is_not(None))
                  .group_by(Region.parent_id, child.quota_type_id).subquery())
    rows = session.execute(
        select(parent.region_id, parent.quota_type_id, child_sums.c.total, parent.total, Region.name)
        .join(child_sums, and_(child_sums.c.parent_region == parent.region_id, child_sums.c.qt == parent.quota_type_id))
        .join(Region, Region.id == parent.region_id).where(child_sums.c.total > parent.total))
    for region, qt, total, own, name in rows:
        yield Problem(f"{region}:{qt}", f"下级总量之和超过上级: {name} 下级合计 {total}, 本级总量 {own}",
                      f"{name}: 下级总量合计 {total}, 超过本级总量 {own}", region_id=region)


def out_of_cap_active(session, params, today):
    """限额外机构 still active: an institution outside the cap that was not revoked."""
    rows = session.execute(select(Institution.id, Institution.name).where(
        Institution.within_cap.is_(False), Institution.status == ACTIVE))
    for inst, name in rows:
        yield Problem(str(inst), f"限额外机构仍在运行: {name}", f"{name} 为限额外机构, 仍在运行", inst)


def overdue_coordination(session, params, today):
    """逾期协调事项: a top-level coordination item past its due date and not closed (销号)."""
    grace = dt.timedelta(days=params.get("grace_days", 0))
    rows = session.execute(select(CoordinationItem.id, CoordinationItem.title, CoordinationItem.due_on).where(
        CoordinationItem.status != "closed", CoordinationItem.due_on < today - grace))
    for item, title, due in rows:
        yield Problem(str(item), f"协调事项逾期: {title}"[:200], f"{title}: 应于 {due} 前办结, 尚未销号")


def overdue_findings(session, params, today):
    """逾期未整改: findings past their deadline (flagged on them too); not findings about findings."""
    from app.supervision.findings.services import flag_overdue

    flag_overdue(today)
    rows = session.execute(select(Finding.id, Finding.title, Finding.deadline, Finding.institution_id,
                                  Finding.region_id).where(
        Finding.state.in_(OPEN_STATES), Finding.deadline < today,
        ~Finding.source_key.like("overdue_findings:%")))
    for fid, title, deadline, inst, region in rows:
        yield Problem(str(fid), f"整改逾期: #{fid} {title}"[:200], f"问题 #{fid}: 整改期限 {deadline}, 尚未整改完成", inst, region)


BUILT_IN = (
    Rule("overstaffed", "超编", "Overstaffed", overstaffed, {"tolerance": 0}),
    Rule("over_leadership", "超职数", "Leaders above positions", over_leadership),
    Rule("over_total", "超总量", "Regional quota total exceeded", over_total),
    Rule("over_limit", "超限额", "Institution cap exceeded", over_limit),
    Rule("mixed_quota", "混用编制", "Mixed quota types", mixed_quota),
    Rule("ledger_mismatch", "核定编制与台账不符", "Allocation ≠ ledger sum", ledger_mismatch),
    Rule("cap_recount", "已用数与重算不符", "Cap used ≠ recount", cap_recount),
    Rule("child_above_parent", "下级总量超过上级", "Lower level above its parent", child_above_parent),
    Rule("out_of_cap_active", "限额外机构仍在运行", "Out-of-cap institution still active", out_of_cap_active),
    Rule("overdue_coordination", "协调事项逾期", "Overdue coordination items", overdue_coordination,
         {"grace_days": 0}, cron="0 7 * * *"),
    Rule("overdue_findings", "整改逾期", "Overdue findings", overdue_findings, cron="0 7 * * *"),
)


def register_all() -> None:
    for rule in BUILT_IN:
        register(rule)
