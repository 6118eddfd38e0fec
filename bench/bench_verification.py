"""Benchmark of the scheduled verification: every rule at province scale.

    python bench/bench_verification.py [sqlite:////work/benchdata/province.db]

The database comes from ``python -m bench.province`` (20,000 institutions,
1,000,000 persons).  Prints, per rule, the set-based SQL of the rule (what the
scheduler runs) against a naive Python loop over the same data (the ORM,
one institution / allocation / cap at a time, as a first implementation
would), the problems each finds (they must agree), and the ratio.  Writes
nothing (the overdue-findings rule flags in a transaction rolled back), except
with ``BENCH_FILL=1``: then, once, the registrations, certificates and annual
reports the province generator does not make (``fill_registration``).
"""
from __future__ import annotations

import os
import sys
import time
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from sqlalchemy import func, select  # noqa: E402

NAIVE = os.environ.get("BENCH_NAIVE", "1") != "0"  # 0: the rules' SQL only (the loop takes minutes)
# BENCH_RULES=a,b: only these rules (default: every registered rule)
ONLY = [c for c in os.environ.get("BENCH_RULES", "").split(",") if c]
URL = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("PROVINCE_URL", "sqlite:////work/benchdata/province.db")


def naive(session, code, today):
    """The same rules as loops in Python: per-row queries and per-row arithmetic."""
    from app.justification.coordination.models import CoordinationItem
    from app.quota.models import (Institution, InstitutionCap, LeadershipQuota, Person, QuotaAllocation,
                                  QuotaLedgerEntry, QuotaType, Rank, Region, RegionalCap)
    from app.quota.rules import LIVE_STATUSES
    from app.supervision.findings.models import OPEN_STATES, Finding

    found = set()
    if code in ("overstaffed", "mixed_quota", "over_leadership"):
        allowed = {qt.id: {c.id for c in qt.allowed_categories} for qt in session.query(QuotaType)}
        leader_ranks = {r.id for r in session.query(Rank) if r.is_leadership}
        for inst in session.query(Institution).yield_per(2000):
            persons = session.query(Person.quota_type_id, Person.rank_id).filter(
                Person.institution_id == inst.id, Person.status == "active").all()
            if code == "overstaffed":
                approved = dict(session.query(QuotaAllocation.quota_type_id, QuotaAllocation.approved)
                                .filter(QuotaAllocation.institution_id == inst.id))
                for qt, n in Counter(qt for qt, _ in persons).items():
                    if n > approved.get(qt, 0):
                        found.add(f"{inst.id}:{qt}")
            elif code == "mixed_quota":
                for qt in {qt for qt, _ in persons if inst.category_id not in allowed[qt]}:
                    found.add(f"{inst.id}:{qt}")
            else:
                positions = Counter()
                for lq in session.query(LeadershipQuota).filter(LeadershipQuota.institution_id == inst.id):
                    positions[lq.rank_id] += lq.approved
                for rank, n in Counter(r for _, r in persons if r in leader_ranks).items():
                    if n > positions[rank]:
                        found.add(f"{inst.id}:{rank}")
    elif code in ("over_total", "cap_recount", "child_above_parent", "over_limit"):
        for cap in session.query(RegionalCap):
            approved = sum(a.approved for a in session.query(QuotaAllocation).join(Institution).filter(
                Institution.region_id == cap.region_id, QuotaAllocation.quota_type_id == cap.quota_type_id))
            if code == "over_total" and approved > cap.total:
                found.add(f"{cap.region_id}:{cap.quota_type_id}")
            if code == "cap_recount" and approved != cap.used:
                found.add(f"regional:{cap.id}")
            if code == "child_above_parent":
                children = session.query(Region.id).filter(Region.parent_id == cap.region_id).all()
                total = sum(c.total for c in session.query(RegionalCap).filter(
                    RegionalCap.region_id.in_([c for (c,) in children]), RegionalCap.quota_type_id == cap.quota_type_id))
                if children and total > cap.total:
                    found.add(f"{cap.region_id}:{cap.quota_type_id}")
        if code in ("over_limit", "cap_recount"):
            for cap in session.query(InstitutionCap):
                n = sum(1 for i in session.query(Institution).filter(Institution.region_id == cap.region_id)
                        if i.within_cap and i.status in LIVE_STATUSES and i.category.counts_toward_cap)
                if code == "over_limit" and n > cap.total:
                    found.add(str(cap.region_id))
                if code == "cap_recount" and n != cap.used:
                    found.add(f"institution:{cap.id}")
    elif code == "ledger_mismatch":
        for alloc in session.query(QuotaAllocation).yield_per(2000):
            total = sum(e.delta for e in session.query(QuotaLedgerEntry).filter(
                QuotaLedgerEntry.institution_id == alloc.institution_id,
                QuotaLedgerEntry.quota_type_id == alloc.quota_type_id))
            if total != alloc.approved:
                found.add(f"{alloc.institution_id}:{alloc.quota_type_id}")
    elif code == "out_of_cap_active":
        for inst in session.query(Institution).yield_per(2000):
            if not inst.within_cap and inst.status == "active":
                found.add(str(inst.id))
    elif code == "overdue_coordination":
        for item in session.query(CoordinationItem):
            if item.status != "closed" and item.due_on < today:
                found.add(str(item.id))
    elif code == "missing_annual_reports":
        import datetime as dt

        from app.execution.registration import checks as reg_checks, rules as reg_rules
        from app.execution.registration.models import Registration

        for year in reg_checks.due_report_years(today, 1):
            due_end = dt.datetime.combine(reg_rules.report_deadline(year) + dt.timedelta(days=1), dt.time())
            for inst in session.query(Institution).yield_per(2000):
                if inst.category.uscc_code != "2" or not inst.uscc or inst.status != "active":
                    continue
                regs = session.query(Registration).filter(Registration.institution_id == inst.id).all()
                if any(r.matter in reg_rules.CANCELLING_MATTERS and r.issued_at and r.issued_at < due_end
                       or r.matter == "establish" and r.issued_at and r.issued_at >= dt.datetime(year + 1, 1, 1)
                       for r in regs):
                    continue
                if not any(r.report_year == year for r in regs):
                    found.add(f"{year}:{inst.id}")
    elif code == "expiring_certificates":
        import datetime as dt

        from app.execution.registration.models import Certificate

        for cert in session.query(Certificate).yield_per(2000):
            if cert.status == "valid" and cert.valid_to <= today + dt.timedelta(days=90):
                found.add(str(cert.id))
    elif code == "overdue_publications":
        from app.supervision.spot_checks.models import SpotTask

        for task in session.query(SpotTask):
            if task.published_at is None and task.draw.publish_due_on and task.draw.publish_due_on < today:
                found.add(f"spot_draw:{task.draw_id}")
    elif code == "power_consistency":
        from app.execution.power_lists.models import PowerImplementation

        for impl in session.query(PowerImplementation).yield_per(2000):
            item = impl.item
            if impl.status == "active" and (impl.name, impl.type_id, impl.code, impl.legal_basis) != (item.name, item.type_id, item.code,
                                                                         item.legal_basis):
                found.add(str(impl.id))
    elif code == "overdue_findings":
        for f in session.query(Finding):
            if f.state in OPEN_STATES and f.deadline and f.deadline < today:
                found.add(str(f.id))
    return found


def fill_registration(session, today) -> int:
    """BENCH_FILL=1: give the province database what registration would hold (it has none):
    for every unit with a USCC a renewal with its 5-year certificate (from late 2021 to
    2026, so about one in ten ends within 90 days of today), and for 19 in 20 coded 事业单位 the
    annual report of the latest due year.  Bulk SQL, once (nothing when certificates
    exist); returns the certificates written."""
    import datetime as dt
    import random

    from sqlalchemy import insert

    from app.execution.registration import checks as reg_checks
    from app.execution.registration.models import Certificate, Registration
    from app.quota.models import Institution, InstitutionCategory

    if session.execute(select(func.count(Certificate.id))).scalar():
        return 0
    rnd = random.Random(2026)
    year = reg_checks.due_report_years(today, 1)[0]
    units = session.execute(select(Institution.id, Institution.uscc, InstitutionCategory.uscc_code)
                            .join(InstitutionCategory, InstitutionCategory.id == Institution.category_id)
                            .where(Institution.uscc.is_not(None)).order_by(Institution.id)).all()
    first = (session.execute(select(func.max(Registration.id))).scalar() or 0) + 1
    regs, certs, reports = [], [], []
    for n, (inst, uscc, code) in enumerate(units):
        start = dt.date(2021, 9, 1) + dt.timedelta(days=rnd.randrange(5 * 365 - 120))
        at = dt.datetime.combine(start, dt.time(9, 30))
        regs.append(dict(id=first + n, matter="renew", institution_id=inst, channel="counter", step="announced",
                         applied_at=at, accepted_at=at, reviewed_at=at, approved_at=at, issued_at=at,
                         announced_at=at, turnaround_s=300, same_day=True))
        end = start.replace(year=start.year + 5) - dt.timedelta(days=1) if (start.month, start.day) != (2, 29) \
            else dt.date(start.year + 5, 2, 28)
        certs.append(dict(cert_no=f"{uscc}-01", kind="legal_person", institution_id=inst, uscc=uscc,
                          valid_from=start, valid_to=end, status="valid", registration_id=first + n))
        if code == "2" and rnd.random() < 0.95:
            filed = dt.datetime(year + 1, 3, 1, 10) + dt.timedelta(minutes=n % 40000)
            reports.append(dict(matter="annual_report", institution_id=inst, channel="counter", step="announced",
                                report_year=year, applied_at=filed, accepted_at=filed, reviewed_at=filed,
                                announced_at=filed, activities="按章程开展公益服务", staff_count=20))
    session.execute(insert(Registration), regs)
    session.execute(insert(Registration), reports)
    session.execute(insert(Certificate), certs)
    session.commit()
    return len(certs)


def main() -> int:
    import datetime as dt

    os.environ.setdefault("BIANZHI_CONFIG", "development")
    from app import create_app
    from app.core import checks
    from app.extensions import db
    from app.quota.models import Institution, Person

    app = create_app(SQLALCHEMY_DATABASE_URI=URL)
    today = dt.date.today()
    with app.app_context():
        session = db.session
        print(f"database: {URL}")
        print(f"  {session.execute(select(func.count(Institution.id))).scalar():,} institutions, "
              f"{session.execute(select(func.count(Person.id))).scalar():,} persons")
        if os.environ.get("BENCH_FILL") == "1":
            print(f"  filled registration: {fill_registration(session, today):,} certificates")
        print(f"{'rule':<22}{'SQL s':>9}{'naive s':>10}{'ratio':>8}{'problems':>10}  agree")
        total_sql = total_naive = 0.0
        for code, rule in checks.RULES.items():
            if ONLY and code not in ONLY:
                continue
            t = time.perf_counter()
            problems = {p.key for p in rule.check(session, dict(rule.params), today)}
            sql_s = time.perf_counter() - t
            session.rollback()
            t = time.perf_counter()
            loop = naive(session, code, today) if NAIVE else problems
            naive_s = time.perf_counter() - t if NAIVE else float("nan")
            session.rollback()
            session.expunge_all()
            total_sql += sql_s
            total_naive += naive_s
            agree = "yes" if loop == problems else f"NO ({len(loop)})"
            print(f"{code:<22}{sql_s:>9.3f}{naive_s:>10.2f}{naive_s / max(sql_s, 1e-6):>8.0f}×"
                  f"{len(problems):>9}  {agree}")
        print(f"{'all rules':<22}{total_sql:>9.2f}{total_naive:>10.1f}{total_naive / total_sql:>8.0f}×")
        print(f"load average while measuring: {os.getloadavg()[0]:.1f} (2 cores, shared)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
