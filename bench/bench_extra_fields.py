"""Benchmark of a list filtered on an extra field (issue #16 §2): prints figures, asserts nothing.

    python bench/bench_extra_fields.py                       # SQLite, a fresh file in /tmp
    python bench/bench_extra_fields.py --url postgresql+psycopg://postgres@127.0.0.1:5432/bench_xf

Builds 100,000 persons (``--persons``) in 100 institutions, named by 100 surnames
(each surname 1 % of the persons), and an integer extra field ``grade`` holding
``i % 100`` (each value 1 %); then, as office staff through the real login form of an
in-process test client, times the person list (its page, count and all) filtered

* on the built-in, indexed name column: starts with one surname (1 % of the rows);
* on the extra field: ``grade`` equals one value (1 % of the rows, ``_xf_eq_grade``);
* on the extra field as a range: ``grade`` below 2 (2 %, ``_xf_lt_grade``);

each ``--repeats`` times (after a warm-up), different surnames and values per round.
Prints p50/p95 per variant and the ratio extra / built-in (target: ≤ 2×).
The data is written with Core inserts (no services: the bench times reads only).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)
os.environ.setdefault("BIANZHI_CONFIG", "testing")

from bench.bench_lists import _COUNT, pct  # noqa: E402
from bench.http_load import csrf_token  # noqa: E402
from bench.province.generate import make_app  # noqa: E402

PASSWORD = "Bench-pass-2026"
SURNAMES = [chr(0x4E00 + 37 * k) for k in range(100)]  # 100 distinct one-character surnames


def build(app, persons: int) -> None:
    from flask_migrate import upgrade
    from sqlalchemy import insert

    from app.core.db import transaction
    from app.core.extra_fields import definitions
    from app.core.extra_fields.models import ExtraValue
    from app.extensions import db
    from app.quota.models import Institution, InstitutionCategory, Person, QuotaType, Region

    with app.app_context():
        upgrade()
        with transaction():
            region = Region(code="370200", name="青岛市", level="city")
            cat = InstitutionCategory(code="gov", name="政府工作部门", counts_toward_cap=True, uscc_code="1")
            qt = QuotaType(code="admin", name="行政编制")
            db.session.add_all([region, cat, qt])
            db.session.flush()
            insts = [Institution(name=f"单位{k:03d}", category_id=cat.id, region_id=region.id, path=f"/{k + 1}/")
                     for k in range(100)]
            db.session.add_all(insts)
            db.session.flush()
            inst_ids = [i.id for i in insts]
            field = definitions.define(definitions.FieldDraft(resource="Person", code="grade", label_zh="等级",
                                                        kind="integer", write_roles=["staff"]))
            field_id = field.id
        rng = random.Random(7)
        batch = 10_000
        for start in range(0, persons, batch):
            rows = [{"id": i + 1, "name": f"{SURNAMES[i % 100]}{rng.randrange(10**6)}", "id_number": f"{i:018d}",
                     "gender": "M", "institution_id": inst_ids[i % 100], "quota_type_id": qt.id, "status": "active",
                     "entry_date": dt.date(2010, 1, 1)} for i in range(start, min(start + batch, persons))]
            with transaction():
                db.session.execute(insert(Person), rows)
                db.session.execute(insert(ExtraValue), [{"field_id": field_id, "row_id": r["id"],
                                                         "value_num": (r["id"] - 1) % 100} for r in rows])
        sm = app.appbuilder.sm
        sm.add_user("bench_staff", "bench", "staff", "bench_staff@example.org", sm.find_role("staff"), PASSWORD)
        db.session.remove()
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect() as conn:
                conn.exec_driver_sql("COMMIT")
                conn.exec_driver_sql("ANALYZE")
        else:
            with db.engine.connect() as conn:
                conn.exec_driver_sql("ANALYZE")


def name_filter(app) -> str:
    """The list URL argument of "name starts with" (its index among the name's filters)."""
    from app.core.guards import view_named

    with app.test_request_context():
        view = view_named("PersonView")
        for k, flt in enumerate(view._filters.get_search_filters()["name"]):
            if type(flt).__name__ == "FilterStartsWith":
                return f"_flt_{k}_name"
    raise SystemExit("the person list offers no starts-with filter on the name")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="database URL (default: a fresh SQLite file in /tmp)")
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    url = args.url or f"sqlite:///{tempfile.mkdtemp(prefix='bench-xf-')}/bench.db"
    app = make_app(url)
    started = time.perf_counter()
    build(app, args.persons)
    print(f"built {args.persons:,} persons with an extra field on {url.split(':')[0]}"
          f" in {time.perf_counter() - started:.1f} s")
    client = app.test_client()
    token = csrf_token(client.get("/login/").get_data(as_text=True))
    resp = client.post("/login/", data={"username": "bench_staff", "password": PASSWORD, "csrf_token": token})
    if resp.status_code != 302:
        raise SystemExit(f"login failed ({resp.status_code})")
    flt = name_filter(app)
    variants = {
        "built-in: name starts with (1 %)": lambda k: f"/personview/list/?{flt}={SURNAMES[k % 100]}",
        "extra: grade = v (1 %)": lambda k: f"/personview/list/?_xf_eq_grade={k % 100}",
        "extra: grade < 2 (2 %)": lambda k: "/personview/list/?_xf_lt_grade=2",
    }
    times: dict[str, list[float]] = {name: [] for name in variants}
    counts: dict[str, str] = {}
    for k in range(args.repeats + 1):
        for name, url_of in variants.items():
            t0 = time.perf_counter()
            resp = client.get(url_of(k))
            elapsed = (time.perf_counter() - t0) * 1000
            if resp.status_code != 200:
                raise SystemExit(f"{name}: HTTP {resp.status_code}")
            if k:  # round 0 warms up
                times[name].append(elapsed)
            else:
                found = _COUNT.search(resp.get_data(as_text=True))
                counts[name] = found.group(1) if found else "?"
    load = os.getloadavg()[0]
    print(f"{args.repeats} rounds, in-process test client as office staff, load average {load:.1f}")
    for name, values in times.items():
        print(f"  {name:36s} p50 {pct(values, 50):7.1f} ms   p95 {pct(values, 95):7.1f} ms"
              f"   ({counts[name]} rows in the first round)")
    base = pct(times["built-in: name starts with (1 %)"], 95)
    for name in list(variants)[1:]:
        print(f"  ratio p95 {name} / built-in: {pct(times[name], 95) / base:.2f}× (target ≤ 2×)")


if __name__ == "__main__":
    main()
