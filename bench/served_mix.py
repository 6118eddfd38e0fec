"""Served throughput (issue #12, item 6): gunicorn as in the README's production
section, 16 concurrent clients logged in as office staff, a mixed workload
for a fixed time, on a scratch copy of the province database.

The mix (per request, drawn from a seeded generator per client):

* 80 % reads: person list page 1 (20 %), a random person list page among the
  first 400 (15 %), persons whose name starts with a common surname (10 %),
  the institution list (10 %), a random person's page (15 %), a random
  institution's page (10 %, with its related lists);
* 20 % writes: a ledger entry of +1 or −1 (alternately, so the totals stay
  put) on one of 400 allocations with room, posted to the real form
  (``/quotaledgerentryview/add``), i.e. through ``record_ledger_entry`` with its
  invariants and audit.  302 = saved; a 200 is the form shown again with a refusal.

Then stock Flask-AppBuilder (``bench/stock_fab_app.py``, gunicorn -w 4) serves
the same reads (its own URLs for the same pages), 16 clients, same duration.
"""
from __future__ import annotations

import random
import time

from sqlalchemy import text

from bench.http_load import Client, Sample, Server, run_clients
from bench.province.generate import make_app
from bench.scale_parts import _dispose, _ms, make_room, pct
from bench.scratch import scratch_copy

CLIENTS = 16
SURNAMES = "王李张刘陈杨赵孙"
READS = (("person list p1", 20), ("person list page", 15), ("name starts with", 10), ("institution list", 10),
         ("person show", 15), ("institution show", 10))
WRITE_SHARE = 20


def _targets(url: str) -> dict:
    """Allocations with room for writes (caps raised, quota added, through the services), and id ranges."""
    app = make_app(url)
    from app.extensions import db

    with app.app_context():
        rows = db.session.execute(text("""
            SELECT a.institution_id, a.quota_type_id FROM quota_allocation a
            JOIN institution i ON i.id = a.institution_id JOIN quota_type q ON q.id = a.quota_type_id
            WHERE i.status = 'active' AND i.standard_id IS NULL AND q.code = 'admin_quota'
            ORDER BY a.id""")).all()
        persons = db.session.execute(text("SELECT max(id) FROM person")).scalar()
        institutions = db.session.execute(text("SELECT max(id) FROM institution")).scalar()
        db.session.rollback()
    rows = rows[::max(1, len(rows) // 400)][:400]
    make_room(app, [r[0] for r in rows], "admin_quota", 20)
    _dispose(app)
    return {"allocations": rows, "persons": persons, "institutions": institutions}


def _work(ours: bool, t: dict, seed: int):
    rng = random.Random(seed)
    weights = [w for _op, w in READS]
    ops = [op for op, _w in READS]
    person, inst = ("/personview", "/institutionview") if ours else ("/stockpersonview", "/stockinstitutionview")
    page = "page_PersonView" if ours else "page_StockPersonView"

    def work(client: Client, n: int):
        if ours and rng.random() * 100 < WRITE_SHARE:
            inst_id, qt_id = t["allocations"][rng.randrange(len(t["allocations"]))]
            form = {"institution": inst_id, "quota_type": qt_id, "delta": 1 if n % 2 == 0 else -1,
                    "reason": "基准压测", "doc_no": "BENCH-LOAD", "effective_on": "2026-01-05",
                    "csrf_token": client.token}
            return "ledger write", "POST", "/quotaledgerentryview/add", form
        op = rng.choices(ops, weights)[0]
        path = {
            "person list p1": f"{person}/list/",
            "person list page": f"{person}/list/?{page}={rng.randrange(400)}",
            "name starts with": f"{person}/list/?_flt_0_name={SURNAMES[rng.randrange(len(SURNAMES))]}",
            "institution list": f"{inst}/list/",
            "person show": f"{person}/show/{rng.randint(1, t['persons'])}",
            "institution show": f"{inst}/show/{rng.randint(1, t['institutions'])}",
        }[op]
        return op, "GET", path, None

    return work


def _serve(target: str, url: str, password: str, duration: float, ours: bool, t: dict) -> tuple[list[Sample], float]:
    with Server(target, url) as srv:
        clients = [Client(srv.port) for _ in range(CLIENTS)]
        for c in clients:
            c.login("bench_staff", password)
        works = {id(c): _work(ours, t, seed=k) for k, c in enumerate(clients)}
        warm_end = time.perf_counter() + 5
        run_clients(clients, lambda c, n: works[id(c)](c, n), until=lambda: time.perf_counter() > warm_end)
        start = time.perf_counter()
        end = start + duration
        samples = run_clients(clients, lambda c, n: works[id(c)](c, n), until=lambda: time.perf_counter() > end)
        wall = time.perf_counter() - start
    print(f"  {'app' if ours else 'stock FAB'}: gunicorn start-up (4 workers answering) {srv.startup:.1f} s")
    return samples, wall


def _report(label: str, samples: list[Sample], wall: float) -> None:
    print(f"  {label}: {len(samples) / wall:6.1f} requests/s over {wall:.0f} s; all: {_ms(samples)}")
    for op in sorted({s.op for s in samples}):
        mine = [s for s in samples if s.op == op]
        statuses = {}
        for s in mine:
            statuses[s.status] = statuses.get(s.status, 0) + 1
        print(f"    {op:<17} {_ms(mine)}  HTTP {dict(sorted(statuses.items()))}")


def run_served(url: str, password: str, duration: float) -> None:
    print(f"\n== served throughput: {CLIENTS} clients, {duration:.0f} s each (after 5 s warm-up), gunicorn -w 4, "
          f"BIANZHI_CONFIG=production, scratch copy")
    with scratch_copy(url, "served") as scratch:
        t = _targets(scratch)
        ours, wall = _serve("app:create_app()", scratch, password, duration, True, t)
        stock, stock_wall = _serve("bench.stock_fab_app:create_app()", scratch, password, duration, False, t)
    _report(f"app ({100 - WRITE_SHARE} % reads / {WRITE_SHARE} % writes)", ours, wall)
    _report("stock FAB (the same reads only)", stock, stock_wall)
    reads = [s for s in ours if s.op != "ledger write"]
    if reads and stock:
        print(f"  reads p95: app {pct([s.seconds for s in reads], 95) * 1000:.0f} ms, "
              f"stock FAB {pct([s.seconds for s in stock], 95) * 1000:.0f} ms")
