"""Consistency verification of a quota database, in SQL (any database, not only
generated ones): every counter recounted from the rows it counts, every
invariant of SPEC §1 checked, the audit chain verified.

    python -m bench.province --verify-only --url sqlite:////work/benchdata/province.db

Each check is ``(name, problems, detail)``; zero problems everywhere is a pass.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable

from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

_FORMAT = re.compile(r"^\d{17}[\dX]$")


@dataclass
class Check:
    name: str
    problems: int
    detail: str

    @property
    def ok(self) -> bool:
        return self.problems == 0


# name, SQL counting the rows that break the rule, what the rule is
SQL_CHECKS: tuple[tuple[str, str, str], ...] = (
    ("allocation = Σ ledger", """
        SELECT count(*) FROM (
          SELECT a.institution_id, a.quota_type_id FROM quota_allocation a
          LEFT JOIN (SELECT institution_id, quota_type_id, sum(delta) AS s FROM quota_ledger
                     GROUP BY institution_id, quota_type_id) l
            ON l.institution_id = a.institution_id AND l.quota_type_id = a.quota_type_id
          WHERE a.approved <> coalesce(l.s, 0)
          UNION ALL
          SELECT l.institution_id, l.quota_type_id FROM quota_ledger l
          LEFT JOIN quota_allocation a ON a.institution_id = l.institution_id AND a.quota_type_id = l.quota_type_id
          WHERE a.id IS NULL GROUP BY l.institution_id, l.quota_type_id HAVING sum(l.delta) <> 0) x""",
     "every allocation is the sum of its ledger entries (and no ledger balance lacks its allocation)"),
    ("ledger running balance", """
        SELECT count(*) FROM quota_allocation a JOIN quota_ledger l ON l.id = (
          SELECT max(id) FROM quota_ledger m WHERE m.institution_id = a.institution_id
                                              AND m.quota_type_id = a.quota_type_id)
        WHERE l.balance_after <> a.approved""",
     "the newest entry's balance_after is the allocation"),
    ("occupied = persons in post", """
        SELECT count(*) FROM (
          SELECT a.id FROM quota_allocation a
          LEFT JOIN (SELECT institution_id, quota_type_id, count(*) AS n FROM person WHERE status = 'active'
                     GROUP BY institution_id, quota_type_id) p
            ON p.institution_id = a.institution_id AND p.quota_type_id = a.quota_type_id
          WHERE a.occupied <> coalesce(p.n, 0)
          UNION ALL
          SELECT min(p.id) FROM person p LEFT JOIN quota_allocation a
            ON a.institution_id = p.institution_id AND a.quota_type_id = p.quota_type_id
          WHERE p.status = 'active' AND a.id IS NULL GROUP BY p.institution_id, p.quota_type_id) x""",
     "occupied counts the persons in post, and nobody is in post without an allocation"),
    ("occupied ≤ approved", "SELECT count(*) FROM quota_allocation WHERE occupied > approved OR approved < 0",
     "no 超编 (invariant 4)"),
    ("regional cap used = Σ approved", """
        SELECT count(*) FROM regional_cap c LEFT JOIN (
          SELECT i.region_id, a.quota_type_id, sum(a.approved) AS s FROM quota_allocation a
          JOIN institution i ON i.id = a.institution_id GROUP BY i.region_id, a.quota_type_id) u
          ON u.region_id = c.region_id AND u.quota_type_id = c.quota_type_id
        WHERE c.used <> coalesce(u.s, 0) OR c.used > c.total""",
     "总量不突破 (invariant 1): used recounted, within the total"),
    ("institution cap used = capped organs", """
        SELECT count(*) FROM institution_cap c LEFT JOIN (
          SELECT i.region_id, count(*) AS n FROM institution i JOIN institution_category k ON k.id = i.category_id
          WHERE k.counts_toward_cap = :true AND i.within_cap = :true AND i.status IN ('preparing', 'active')
          GROUP BY i.region_id) u ON u.region_id = c.region_id
        WHERE c.used <> coalesce(u.n, 0) OR c.used > c.total""",
     "限额不突破 (invariant 2): used recounted, within the total"),
    ("leadership used = leaders in post", """
        SELECT count(*) FROM (
          SELECT q.id FROM leadership_quota q LEFT JOIN (
            SELECT p.institution_id, p.division_id, p.rank_id, count(*) AS n FROM person p
            JOIN rank r ON r.id = p.rank_id WHERE p.status = 'active' AND r.is_leadership = :true
            GROUP BY p.institution_id, p.division_id, p.rank_id) p
            ON p.institution_id = q.institution_id AND p.rank_id = q.rank_id
           AND (p.division_id = q.division_id OR (p.division_id IS NULL AND q.division_id IS NULL))
          WHERE q.used <> coalesce(p.n, 0) OR q.used > q.approved
          UNION ALL
          SELECT min(p.id) FROM person p JOIN rank r ON r.id = p.rank_id
          LEFT JOIN leadership_quota q ON q.institution_id = p.institution_id AND q.rank_id = p.rank_id
           AND (p.division_id = q.division_id OR (p.division_id IS NULL AND q.division_id IS NULL))
          WHERE p.status = 'active' AND r.is_leadership = :true AND q.id IS NULL
          GROUP BY p.institution_id, p.division_id, p.rank_id) x""",
     "no 超职数配备 (invariant 5): used recounted, within the approved positions"),
    ("no 混用编制", """
        SELECT count(*) FROM (
          SELECT a.id FROM quota_allocation a JOIN institution i ON i.id = a.institution_id
          LEFT JOIN quota_type_category t ON t.quota_type_id = a.quota_type_id AND t.category_id = i.category_id
          WHERE a.approved > 0 AND t.quota_type_id IS NULL
          UNION ALL
          SELECT p.id FROM person p JOIN institution i ON i.id = p.institution_id
          LEFT JOIN quota_type_category t ON t.quota_type_id = p.quota_type_id AND t.category_id = i.category_id
          WHERE p.status = 'active' AND t.quota_type_id IS NULL) x""",
     "invariant 6: allocations and persons in post only on types the category may hold"),
    ("persons in post in live institutions", """
        SELECT count(*) FROM person p JOIN institution i ON i.id = p.institution_id
        WHERE p.status = 'active' AND i.status NOT IN ('preparing', 'active')""",
     "nobody in post in a revoked or merged institution"),
    ("unique ID numbers in post", """
        SELECT count(*) FROM (SELECT id_number FROM person WHERE status = 'active'
                              GROUP BY id_number HAVING count(*) > 1) x""",
     "实名制: one quota per person"),
    ("divisions belong to the person's institution", """
        SELECT count(*) FROM person p JOIN internal_division d ON d.id = p.division_id
        WHERE d.institution_id <> p.institution_id""", "a person's division is one of its institution's"),
    ("tree paths", """
        SELECT count(*) FROM institution i LEFT JOIN institution p ON p.id = i.parent_id
        WHERE i.path <> coalesce(p.path, '/') || CAST(i.id AS VARCHAR(20)) || '/'""",
     "materialised paths match the parents (department scoping relies on them)"),
    ("department accounts bound", """
        SELECT count(*) FROM ab_user u JOIN ab_user_role ur ON ur.user_id = u.id
        JOIN ab_role r ON r.id = ur.role_id LEFT JOIN user_institution b ON b.user_id = u.id
        WHERE r.name = 'department' AND b.id IS NULL""", "every department account reaches a subtree"),
)


def _id_numbers(session: Session) -> Check:
    """Every stored ID number: format, check character, birth date, known region, gender parity."""
    from app.core import idnumber
    from app.core.regions import all_codes

    codes = all_codes()
    bad = total = 0
    example = ""
    rows = session.execute(text("SELECT id_number, gender, birth_date FROM person")).yield_per(50_000)
    for number, gender, birth in rows:
        total += 1
        ok = bool(_FORMAT.match(number)) and idnumber.check_char(number) == number[17] and number[:6] in codes
        if ok:
            try:
                born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
                born_stored = birth if isinstance(birth, dt.date) else dt.date.fromisoformat(str(birth))
                ok = born == born_stored and (gender == "M") == (int(number[16]) % 2 == 1)
            except ValueError:
                ok = False
        if not ok:
            bad += 1
            example = example or number
    masked = idnumber.mask(example or "370102198001011234")
    detail = f"{total} checked; masked display e.g. {masked}" + (f"; first bad {example}" if bad else "")
    return Check("ID numbers valid", bad, detail)


def _standards(session: Session) -> Check:
    from decimal import Decimal

    from app.quota.rules import standard_maximum

    bands: dict[int, list] = {}
    for sid, lo, hi, ratio, base in session.execute(text(
            "SELECT standard_id, metric_from, metric_to, ratio, base FROM staffing_standard_row ORDER BY metric_from")):
        bands.setdefault(sid, []).append(type("Band", (), {"metric_from": lo, "metric_to": hi,
                                                           "ratio": Decimal(str(ratio)), "base": base}))
    bad = checked = 0
    for sid, metric, approved in session.execute(text("""
            SELECT i.standard_id, i.standard_metric, a.approved FROM institution i
            JOIN staffing_standard s ON s.id = i.standard_id
            JOIN quota_allocation a ON a.institution_id = i.id AND a.quota_type_id = s.quota_type_id""")):
        checked += 1
        maximum = standard_maximum(bands.get(sid, []), metric)
        if maximum is not None and approved > maximum:
            bad += 1
    return Check("标准不突破", bad, f"{checked} standard-bound allocations within their maximum (invariant 3)")


def _audit(session: Session) -> Check:
    from app.core.audit import verify_chain

    broken = verify_chain(session)
    rows = session.execute(text("SELECT count(*) FROM audit_log")).scalar()
    generated = session.execute(text("SELECT count(*) FROM audit_log WHERE action = 'generate'")).scalar()
    detail = f"{rows} rows, {generated} 'generate' row(s)" + (f"; broken at {broken}" if broken else "")
    return Check("audit chain intact", 1 if broken else 0, detail)


def run_checks(url: str) -> list[Check]:
    engine = create_engine(url)
    checks: list[Check] = []
    try:
        with Session(engine) as session:
            for name, sql, detail in SQL_CHECKS:
                n = session.execute(text(sql), {"true": True}).scalar()
                checks.append(Check(name, n, detail))
            checks.append(_id_numbers(session))
            checks.append(_standards(session))
            checks.append(_audit(session))
            session.rollback()
    finally:
        engine.dispose()
    return checks


def report(checks: list[Check], say: Callable[[str], None] = print) -> bool:
    for c in checks:
        say(f"  {'OK  ' if c.ok else 'FAIL'} {c.name:<42} {c.problems:>6} problem(s)  {c.detail}")
    ok = all(c.ok for c in checks)
    say("consistency: " + ("every check passed" if ok else "FAILED"))
    return ok
