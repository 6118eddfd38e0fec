"""Generate the province: schema, reference data, plan, bulk write, one audit row.

The audit log: the schema's own writes (roles and permissions at
``flask db upgrade``, the reference dictionaries of ``seeds/reference.py``)
are audited as usual, row by row, through the session events.  The bulk rows
(regions, institutions, quotas, ledger, caps, persons, department accounts)
bypass the unit of work, so the generator appends **one** audit row in the
same transaction: action ``generate``, object ``ProvinceData`` / the seed,
``after`` = the sizes, the seed and the row count of every table written.
The chain stays intact (``flask audit verify``), and the log says honestly
that these rows were generated, not entered.
"""
from __future__ import annotations

import datetime as dt
import os
import random
import time
from dataclasses import dataclass
from typing import Callable

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.province.institutions import Inst, TreeBuilder
from bench.province.people import People
from bench.province.quotas import QuotaPlanner, Quotas
from bench.province.regions import RegionNode, build_regions, county_codes
from bench.province.write import BulkWriter

DEFAULT_PASSWORD = "Bench#Province-2026"
#: named accounts the benchmark logs in with: (username, role)
BENCH_ACCOUNTS = (("bench_admin", "admin"), ("bench_staff", "staff"), ("bench_leader", "leader"),
                  ("bench_inspector", "inspector"), ("bench_dept", "department"))


@dataclass
class Sizes:
    institutions: int = 20_000
    persons: int = 1_000_000
    dept_users: int = 100
    cities: int | None = None
    towns_per_county: int | None = None


def reset_database(url: str) -> None:
    """Drop everything at ``url`` (PostgreSQL: the public schema; SQLite: the file)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        return
    path = parsed.database
    for suffix in ("", "-wal", "-shm"):
        if path and os.path.exists(path + suffix):
            os.remove(path + suffix)


def make_app(url: str, **overrides):
    os.environ.setdefault("BIANZHI_CONFIG", "testing")
    from app import create_app
    from config import TestingConfig

    return create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=url, **overrides)


def plan(sizes: Sizes, seed: int):
    rng = random.Random(seed)
    regions = build_regions(sizes.institutions, rng, cities=sizes.cities, towns_per_county=sizes.towns_per_county)
    insts = TreeBuilder(regions, rng).build(sizes.institutions)
    quotas = QuotaPlanner(insts, regions, rng).plan(sizes.persons)
    return regions, insts, quotas


def id_regions(insts: list[Inst], regions: dict[str, RegionNode]) -> dict[int, str]:
    """Institution id → the county code most of its persons' ID numbers carry
    ("" for provincial and city bodies: their staff come from anywhere)."""
    return {i.id: regions[i.region].county if regions[i.region].level in ("district", "street") else ""
            for i in insts}


def _ids(conn, table: str) -> dict[str, int]:
    return {code: pk for pk, code in conn.execute(text(f"SELECT id, code FROM {table}"))}


def _usccs(insts: list[Inst], regions: dict[str, RegionNode], digit_of: dict[str, str]) -> None:
    from app.core import uscc

    serials: dict[tuple[str, str], int] = {}
    for inst in insts:
        digit = digit_of[inst.category]
        region = regions[inst.region].county if regions[inst.region].level == "street" else inst.region
        serials[(digit, region)] = serial = serials.get((digit, region), 0) + 1
        inst.uscc = uscc.generate(digit, region, int(digit) * 100_000 + serial)


def _dept_bindings(insts: list[Inst], n: int) -> list[int]:
    """The institutions department accounts are bound to: ``bench_dept`` first
    (the first city's education bureau: a realistic, large subtree), then organs
    with units of their own, spread over the province."""
    first = next((i for i in insts if i.kind == "edu" and i.level == "city"), None) or \
        max(insts, key=lambda i: len(i.children))
    sponsors = [i for i in insts if i.organ and i.children and i.id != first.id]
    step = max(1, len(sponsors) // max(1, n))
    return [first.id] + [i.id for i in sponsors[::step][:n]]


def write(app, regions, insts: list[Inst], quotas: Quotas, sizes: Sizes, seed: int, password: str,
          say: Callable[[str], None]) -> dict[str, int]:
    from werkzeug.security import generate_password_hash

    from app.core import audit
    from app.extensions import db
    from seeds.reference import CATEGORIES

    with app.app_context():
        token = audit.set_actor("bench:province")
        try:
            conn = db.session.connection()
            w = BulkWriter(conn)
            for table in ("institution", "person", "quota_ledger", "user_institution"):
                if conn.execute(text(f"SELECT count(*) FROM {table}")).scalar():
                    raise SystemExit(f"{table} is not empty: generate into an empty database (--fresh)")
            if w.postgres:
                conn.execute(text("SET LOCAL synchronous_commit = off"))
            else:
                conn.exec_driver_sql("PRAGMA cache_size = -262144")  # 256 MiB for the index builds

            region_id = _ids(conn, "region")
            pk = w.next_id("region")
            rows = []
            for node in regions.values():
                if node.code not in region_id:
                    region_id[node.code] = pk
                    rows.append((pk, node.code, node.name, node.level, region_id[node.parent] if node.parent else None))
                    pk += 1
            w.insert("region", ("id", "code", "name", "level", "parent_id"), rows)

            category_id, qt_id = _ids(conn, "institution_category"), _ids(conn, "quota_type")
            rank_id, standard_id = _ids(conn, "rank"), _ids(conn, "staffing_standard")
            _usccs(insts, regions, {c.code: c.uscc_code for c in CATEGORIES})
            w.insert("institution", ("id", "name", "short_name", "uscc", "category_id", "region_id", "level",
                                     "parent_id", "path", "within_cap", "status", "established_on", "revoked_on",
                                     "functions", "standard_id", "standard_metric"),
                     ((i.id, i.name, i.short_name, i.uscc, category_id[i.category], region_id[i.region], i.level,
                       i.parent, i.path, i.within_cap, i.status, i.established_on, i.revoked_on,
                       f"{i.name}的职能（生成数据）", standard_id.get(i.standard) if i.standard else None, i.metric)
                      for i in insts))
            say(f"  institutions: {len(insts)}")
            w.insert("internal_division", ("id", "institution_id", "name", "sort"), quotas.divisions)
            w.insert("quota_allocation", ("id", "institution_id", "quota_type_id", "approved", "occupied"),
                     ((a.id, a.inst.id, qt_id[a.qt], a.approved, a.active) for a in quotas.allocations
                      if a.approved > 0))
            w.insert("quota_ledger", ("id", "institution_id", "quota_type_id", "delta", "balance_after", "reason",
                                      "doc_no", "effective_on", "actor", "created_at"),
                     ((pk_, inst, qt_id[qt], delta, bal, reason, doc, day, "bench:province",
                       dt.datetime.combine(day, dt.time(9, 0))) for pk_, inst, qt, delta, bal, reason, doc, day
                      in quotas.ledger))
            w.insert("leadership_quota", ("id", "institution_id", "division_id", "rank_id", "approved", "used"),
                     ((pk_, inst, div, rank_id[rank], approved, used)
                      for pk_, inst, div, rank, approved, used in quotas.leadership))
            w.insert("regional_cap", ("id", "region_id", "quota_type_id", "total", "used"),
                     ((k, region_id[r], qt_id[qt], total, used)
                      for k, (r, qt, total, used) in enumerate(quotas.regional_caps, 1)))
            w.insert("institution_cap", ("id", "region_id", "total", "used"),
                     ((k, region_id[r], total, used) for k, (r, total, used) in enumerate(quotas.institution_caps, 1)))
            say(f"  allocations {w.counts.get('quota_allocation', 0)}, ledger {len(quotas.ledger)}, "
                f"leadership {len(quotas.leadership)}, divisions {len(quotas.divisions)}")

            _accounts(conn, w, _dept_bindings(insts, sizes.dept_users),
                      generate_password_hash(password, method=app.config.get("FAB_PASSWORD_HASH_METHOD", "scrypt")))

            t = time.perf_counter()
            county_of = id_regions(insts, regions)
            people = People(random.Random(seed + 1), county_codes(regions))
            w.insert("person", ("id", "name", "id_number", "gender", "birth_date", "institution_id", "quota_type_id",
                                "division_id", "post", "rank_id", "status", "entry_date", "exit_date", "exit_reason"),
                     ((p[0], p[1], p[2], p[3], p[4], p[5], qt_id[p[6]], p[7], p[8], rank_id[p[9]], *p[10:])
                      for p in people.rows(quotas, county_of)))
            say(f"  persons: {w.counts['person']} in {time.perf_counter() - t:.1f} s")
            w.move_sequences()
            audit.record(db.session, "generate", "ProvinceData", seed, after={
                "generator": "bench/province", "seed": seed, "institutions": sizes.institutions,
                "persons": sizes.persons, "rows": dict(sorted(w.counts.items())),
            })
            db.session.commit()
        finally:
            audit._actor.reset(token)
            db.session.remove()
        return dict(w.counts)


def _accounts(conn, w: BulkWriter, bindings: list[int], password_hash: str) -> None:
    """The benchmark's named accounts and one department account per binding
    after the first (``dept_0001`` …), all with the same password."""
    role_id = {name: pk for pk, name in conn.execute(text("SELECT id, name FROM ab_role"))}
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    accounts = list(BENCH_ACCOUNTS) + [(f"dept_{k:04d}", "department") for k in range(1, len(bindings))]
    first = w.next_id("ab_user")
    users, roles, bound = [], [], []
    dept_bindings = iter(bindings)
    for k, (username, role) in enumerate(accounts):
        uid = first + k
        users.append((uid, "基准", username, username, password_hash, True, f"{username}@bench.invalid", 0, 0,
                      now, now))
        roles.append((uid, role_id[role]))
        if role == "department":
            bound.append((uid, next(dept_bindings)))
    w.insert("ab_user", ("id", "first_name", "last_name", "username", "password", "active", "email", "login_count",
                         "fail_login_count", "created_on", "changed_on"), users)
    base = w.next_id("ab_user_role")
    w.insert("ab_user_role", ("id", "user_id", "role_id"), ((base + k, u, r) for k, (u, r) in enumerate(roles)))
    base = w.next_id("user_institution")
    w.insert("user_institution", ("id", "user_id", "institution_id"),
             ((base + k, u, i) for k, (u, i) in enumerate(bound)))


def settle(url: str, say: Callable[[str], None]) -> None:
    """After the bulk load: PostgreSQL gets the VACUUM ANALYZE autovacuum would
    run soon anyway (visibility map, statistics); SQLite folds the WAL back into
    the file.  SQLite is not ANALYZEd: the application never runs ANALYZE."""
    t = time.perf_counter()
    engine = create_engine(url, isolation_level="AUTOCOMMIT") if url.startswith("postgresql") else create_engine(url)
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("VACUUM ANALYZE"))
        else:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    say(f"  settled ({'VACUUM ANALYZE' if url.startswith('postgresql') else 'WAL checkpoint'}) in "
        f"{time.perf_counter() - t:.1f} s")


def generate(url: str | None = None, sizes: Sizes | None = None, *, seed: int = 2026,
             password: str = DEFAULT_PASSWORD, fresh: bool = False, say: Callable[[str], None] = print,
             app=None) -> dict:
    """Build the database at ``url``; return the row counts and timings.

    With ``app`` (the test suite's), its database is used as it is: already
    migrated, domain tables empty.  Without, an app is made for ``url`` and the
    migration history is run first (``fresh`` drops the target before).
    """
    from app.core import audit
    from seeds.reference import load_reference

    sizes = sizes or Sizes()
    started = time.perf_counter()
    migrate = app is None
    if app is None:
        if fresh:
            reset_database(url)
        app = make_app(url)
    url = url or app.config["SQLALCHEMY_DATABASE_URI"]
    with app.app_context():
        token = audit.set_actor("bench:province")
        try:
            if migrate:
                from flask_migrate import upgrade

                upgrade()  # the real migration history; its env syncs roles and permissions
            load_reference()
        finally:
            audit._actor.reset(token)
    t = time.perf_counter()
    regions, insts, quotas = plan(sizes, seed)
    say(f"  plan: {len(regions)} regions, {len(insts)} institutions, {len(quotas.allocations)} allocations "
        f"in {time.perf_counter() - t:.1f} s")
    counts = write(app, regions, insts, quotas, sizes, seed, password, say)
    with app.app_context():
        from app.extensions import db

        db.session.remove()
        db.engine.dispose()
    settle(url, say)
    elapsed = time.perf_counter() - started
    say(f"generated in {elapsed:.1f} s")
    return {"counts": counts, "seconds": elapsed}
