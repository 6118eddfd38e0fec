"""The global search box at province scale (issue #16 §3: p95 ≤ 100 ms), as office
staff (``bench_staff``, every row, ID numbers in full) and as a department user
(``bench_dept``, its subtree only), against a baseline.

    python -m bench.province --url sqlite:////tmp/province.db --fresh      # 20,000 institutions, 1,000,000 persons
    python bench/bench_search.py --url sqlite:////tmp/province.db [--repeats 3]

The queries (fixed seed): family names (1 character), full names and names'
first two characters sampled from the persons, words of institution names,
USCC prefixes, whole ID numbers (exact lookup; staff only finds them), and
words found nowhere.  Each is asked through ``GET /search/hits`` of an
in-process test client (the real view, scoping and JSON), wall time per request.

Baseline: the same questions as a plain *contains* search (``LIKE '%q%'`` on
person names and ID numbers, institution names, short names and USCCs, case
numbers and titles), scoped the same way, timed as bare SQL (no view, no
JSON): what the box would cost without the name index.  Prints figures;
asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("BIANZHI_CONFIG", "testing")

from bench.bench_lists import login, machine, pct  # noqa: E402
from bench.province.generate import DEFAULT_PASSWORD, make_app  # noqa: E402


def sample_queries(app, seed: int = 16) -> list[tuple[str, str]]:
    """(kind, query) pairs drawn from the data itself."""
    from sqlalchemy import func, select

    from app.extensions import db
    from app.quota.models import Institution, Person

    rnd = random.Random(seed)
    with app.app_context():
        top = db.session.scalar(select(func.max(Person.id)))
        people = [db.session.get(Person, rnd.randint(1, top)) for _ in range(40)]
        people = [p for p in people if p is not None]
        insts = db.session.execute(select(Institution.name, Institution.uscc).order_by(func.random()).limit(20)).all()
        queries = [("family name", p.name[:1]) for p in people[:10]]
        queries += [("full name", p.name) for p in people[10:25]]
        queries += [("name start", p.name[:2]) for p in people[25:35]]
        queries += [("ID number", p.id_number) for p in people[35:40]]
        queries += [("institution word", name[-4:-1] or name) for name, _ in insts[:10]]
        queries += [("USCC prefix", uscc[:10]) for _, uscc in insts[10:15] if uscc]
        queries += [("nowhere", word) for word in ("不存在的词", "zzqx", "蓝鲸研究所", "9X9X9X")]
        db.session.remove()
    return queries


def contains_scan(q: str) -> None:
    """The baseline: every column a plain ``LIKE '%q%'``, scoped the same way."""
    from sqlalchemy import or_, select

    from app.core import scoping
    from app.extensions import db
    from app.justification.cases.models import AdjustmentCase
    from app.quota.models import Institution, Person

    like = f"%{q}%"
    for model, condition in (
            (Institution, or_(Institution.name.like(like), Institution.short_name.like(like),
                              Institution.uscc.like(like))),
            (Person, or_(Person.name.like(like), Person.id_number.like(like))),
            (AdjustmentCase, or_(AdjustmentCase.number.like(like), AdjustmentCase.title.like(like)))):
        db.session.execute(scoping.apply(model, select(model.id).where(condition).limit(10))).all()


def indexed(q: str, full_id: bool) -> None:
    """Ours, the same three queries the view runs (``app.search.queries``), without the view."""
    from app.search import queries

    queries.institutions(q)
    queries.persons(q, full_id=full_id)
    queries.cases(q)


def bare_sql(app, queries, username: str, run) -> list[float]:
    """``run(q)`` per query as ``username`` would (scoped), timed in ms: SQL alone, no view, no JSON."""
    from flask import g
    from flask_login import login_user

    from app.extensions import db

    samples = []
    with app.test_request_context("/"):
        user = app.appbuilder.sm.find_user(username=username)
        login_user(user)
        g.user = user  # what FAB's before_request sets: the scope is read from it
        for _kind, q in queries:
            started = time.perf_counter()
            run(q)
            samples.append((time.perf_counter() - started) * 1000)
        db.session.remove()
    return samples


def ours(app, queries, username: str, password: str, repeats: int) -> tuple[list[float], dict]:
    client = app.test_client()
    login(client, username, password)
    client.get("/search/hits?q=warm")
    samples, found = [], {}
    for _ in range(repeats):
        for kind, q in queries:
            started = time.perf_counter()
            resp = client.get("/search/hits", query_string={"q": q})
            samples.append((time.perf_counter() - started) * 1000)
            if resp.status_code != 200:
                raise SystemExit(f"/search/hits?q={q}: HTTP {resp.status_code}")
            total = sum(len(g["hits"]) for g in resp.get_json()["groups"])
            found.setdefault(kind, []).append(total)
    return samples, found


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--password", default=DEFAULT_PASSWORD)
    args = parser.parse_args(argv)
    app = make_app(args.url, GC_FREEZE_AT_START=True)
    queries = sample_queries(app)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"global search benchmark, {args.url.split(':')[0]}, {machine()}, load average {load}, "
          f"{len(queries)} queries × {args.repeats}")
    print("| user | ours: GET /search/hits (wall) | hits per query (mean) | ours: the SQL alone | "
          "baseline: contains-scan SQL alone | baseline ÷ ours, SQL (p95) |")
    print("|---|---|---|---|---|---|")
    for label, username in (("office staff", "bench_staff"), ("department user", "bench_dept")):
        mine, found = ours(app, queries, username, args.password, args.repeats)
        full_id = username == "bench_staff"
        sql = bare_sql(app, queries, username, lambda q: indexed(q, full_id))
        base = bare_sql(app, queries, username, contains_scan)
        mean_hits = sum(sum(v) for v in found.values()) / max(1, sum(len(v) for v in found.values()))
        print(f"| {label} | p50 {pct(mine, 50):,.1f} ms, p95 {pct(mine, 95):,.1f} ms, max {max(mine):,.1f} ms "
              f"| {mean_hits:.1f} | p50 {pct(sql, 50):,.1f} ms, p95 {pct(sql, 95):,.1f} ms "
              f"| p50 {pct(base, 50):,.1f} ms, p95 {pct(base, 95):,.1f} ms, max {max(base):,.1f} ms "
              f"| {pct(base, 95) / pct(sql, 95):,.0f}× |")

if __name__ == "__main__":
    main()
