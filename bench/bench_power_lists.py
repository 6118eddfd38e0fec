"""Benchmark of the power lists: prints figures and ratios, asserts nothing.

    python bench/bench_power_lists.py                  # SQLite file in a temp dir
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/bianzhi_bench python bench/bench_power_lists.py

Measured side by side in one run (issue #13 §5):
1. 三级四同 over BENCH_IMPLS implementation rows (default 500,000: BENCH_IMPLS/5
   catalogue items, each implemented by one city and four district bodies, 1 %
   deviating): the set-based SQL check (count + first page, and every deviation
   fetched), against a naive Python loop over the same rows (ORM objects,
   comparing each implementation with its item);
2. publishing a department of BENCH_PUBLISH items (default 5,000, 5 duties and
   3 accountability cases each), in its own transaction, against reading the
   same rows alone;
3. the public search page at BENCH_IMPLS published items (anonymous GET
   /powerlist/?q=…, p50/p95 over 66 queries: names, 1–2 character words, code
   prefixes, types), against the bare SQL of the same searches, and against the
   same searches as a plain LIKE scan without the text index (same rows asserted).
The bench's rows are bulk-inserted (not what is measured).
WARNING: on PostgreSQL the target database's public schema is dropped first.
"""
from __future__ import annotations

import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench_quota import pct, setup_app  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from app.core import audit  # noqa: E402
from app.core.db import transaction  # noqa: E402
from app.extensions import db  # noqa: E402
from app.execution.power_lists import public, queries, rules, search_index  # noqa: E402
from app.execution.power_lists.models import (  # noqa: E402
    AccountabilityCase,
    CodeFormat,
    PowerImplementation,
    PowerItem,
    PowerSnapshot,
    PowerSnapshotItem,
    PowerType,
    ResponsibilityItem,
)
from app.execution.power_lists.services import publishing  # noqa: E402
from app.quota import services as quota  # noqa: E402
from app.quota.models import Institution, InstitutionCategory, Region  # noqa: E402

N_IMPLS = int(os.environ.get("BENCH_IMPLS", "500000"))
N_PUBLISH = int(os.environ.get("BENCH_PUBLISH", "5000"))
LEVELS_PER_ITEM = 5
N_DEPTS = 100
NAIVE = os.environ.get("BENCH_NAIVE", "1") != "0"
CHUNK = 5000
WORDS = ("民办学校", "教师资格", "食品经营", "特种设备", "道路运输", "排污", "医疗机构", "建筑工程施工", "养老机构",
         "危险化学品", "出租汽车", "取水", "农药", "广告", "计量", "旅行社", "娱乐场所", "港口", "渔船", "测绘")
TYPES = ("01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "20")


def bulk(model, rows):
    for i in range(0, len(rows), CHUNK):
        db.session.execute(insert(model), rows[i:i + CHUNK])


def build(app):
    """Departments, items, implementations (city + 4 districts), the publish department's duties."""
    from seeds.reference import load_reference

    rng = random.Random(13)
    with app.app_context():
        audit.set_actor("bench")
        load_reference()
        db.session.info["audit_disabled"] = True
        with transaction():
            for code, name in zip(TYPES, ("行政许可", "行政处罚", "行政强制", "行政征收", "行政给付", "行政检查",
                                          "行政确认", "行政奖励", "行政裁决", "其他行政权力", "公共服务事项")):
                db.session.add(PowerType(code=code, name=name, is_service=code == "20"))
            db.session.add(CodeFormat(name="默认", segments=rules.DEFAULT_FORMAT, active=True))
            cat = db.session.execute(select(InstitutionCategory).limit(1)).scalar_one()
            city = db.session.execute(select(Region).where(Region.code == "370200")).scalar_one()
            depts = [quota.create_institution(Institution(name=f"基准部门{i:03d}", category_id=cat.id,
                                                          region_id=city.id, within_cap=False)).id
                     for i in range(N_DEPTS + 4)]
        type_id = dict(db.session.execute(select(PowerType.code, PowerType.id)).all())
        segments = rules.parse_segments(rules.DEFAULT_FORMAT)
        n_items = N_IMPLS // LEVELS_PER_ITEM
        items = []
        for k in range(n_items):
            t = TYPES[k % len(TYPES)]
            dept = depts[k % N_DEPTS]
            items.append({"code": rules.compose(segments, {"region": "370200", "department": dept % 1000, "type": t,
                                                           "seq": k // (N_DEPTS * len(TYPES)) + 1, "sub": k % 97}),
                          "name": f"{WORDS[k % len(WORDS)]}{rng.choice(('许可', '审批', '检查', '处罚', '登记'))}{k}",
                          "type_id": type_id[t], "legal_basis": f"《{WORDS[k % len(WORDS)]}管理条例》第{k % 60 + 1}条",
                          "department_id": dept, "status": "active"})
        bulk(PowerItem, items)
        db.session.commit()
        ids = db.session.execute(select(PowerItem.id, PowerItem.department_id).order_by(PowerItem.id)).all()
        impls = []
        for (item_id, dept), it in zip(ids, items):
            for level, inst in (("city", dept), *(("district", d) for d in depts[N_DEPTS:])):
                row = {"item_id": item_id, "institution_id": inst, "level": level, "name": it["name"],
                       "code": it["code"], "type_id": it["type_id"], "legal_basis": it["legal_basis"],
                       "status": "active", "handling_division": "审批处", "statutory_days": 20, "promised_days": 10}
                if level == "district" and rng.random() < 0.01:
                    row[rng.choice(("name", "legal_basis"))] += "(区)"
                impls.append(row)
        bulk(PowerImplementation, impls)
        db.session.commit()
        # The publish department: N_PUBLISH city implementations with 5 duties and 3 cases each.
        pub_dept = depts[0]
        pub_items = [{"code": rules.compose(segments, {"region": "370299", "department": 999, "type": "01",
                                                      "seq": k % 999 + 1, "sub": k // 999}),
                      "name": f"发布基准事项{k}", "type_id": type_id["01"], "legal_basis": "《行政许可法》",
                      "department_id": pub_dept, "status": "active"} for k in range(N_PUBLISH)]
        bulk(PowerItem, pub_items)
        db.session.commit()
        pub_ids = db.session.execute(select(PowerItem.id).where(PowerItem.name.like("发布基准事项%"))
                                  .order_by(PowerItem.id)).scalars().all()
        bulk(PowerImplementation, [{"item_id": i, "institution_id": pub_dept, "level": "city", "name": it["name"],
                                    "code": it["code"], "type_id": it["type_id"], "legal_basis": it["legal_basis"],
                                    "status": "active"} for i, it in zip(pub_ids, pub_items)])
        db.session.commit()
        impl_ids = db.session.execute(select(PowerImplementation.id).where(
            PowerImplementation.item_id.in_(select(PowerItem.id).where(PowerItem.name.like("发布基准事项%"))))
        ).scalars().all()
        bulk(ResponsibilityItem, [{"implementation_id": i, "step": s, "step_name": n, "content": f"{n}环节责任"}
                                  for i in impl_ids for s, n in enumerate(("受理", "审查", "决定", "送达", "事后监管"), 1)])
        bulk(AccountabilityCase, [{"implementation_id": i, "content": c} for i in impl_ids
                                  for c in ("不予受理的", "超期的", "违反程序的")])
        db.session.commit()
        db.session.info.pop("audit_disabled")
        db.session.remove()
        return depts, pub_dept


def naive_check():
    """The naive way: every implementation as an ORM object, compared with its item in Python."""
    found = 0
    stmt = select(PowerImplementation).where(PowerImplementation.status == "active").execution_options(yield_per=5000)
    for impl in db.session.scalars(stmt):
        item = impl.item
        for field in ("name", "code", "type_id", "legal_basis"):
            if getattr(impl, field) != getattr(item, field):
                found += 1
    return found


def publish_snapshots(app, depts):
    """The search's corpus: every department's list published (bulk, fake hashes: setup only)."""
    with app.app_context():
        db.session.info["audit_disabled"] = True
        for dept in depts:  # the 100 city departments and the 4 district bodies
            snap = PowerSnapshot(institution_id=dept, published_on=__import__("datetime").date(2026, 11, 30),
                                 item_count=0, content_hash="0" * 64)
            db.session.add(snap)
            db.session.flush()
            rows = db.session.execute(select(PowerImplementation.code, PowerImplementation.name, PowerType.code)
                                      .join(PowerType, PowerType.id == PowerImplementation.type_id)
                                      .where(PowerImplementation.institution_id == dept)).all()
            db.session.execute(insert(PowerSnapshotItem), [
                {"snapshot_id": snap.id, "seq": k, "code": c, "name": n, "type_code": t,
                 "detail": publishing.canonical({"code": c, "name": n, "type_code": t})}
                for k, (c, n, t) in enumerate(rows, start=1)])
            search_index.add_snapshot(db.session, snap.id)
        db.session.commit()
        db.session.info.pop("audit_disabled")
        db.session.remove()


def main():
    app, kind = setup_app()
    t0 = time.perf_counter()
    depts, pub_dept = build(app)
    print(f"[{kind}] built {N_IMPLS:,} implementations (+{N_PUBLISH:,} to publish) in {time.perf_counter() - t0:.0f} s")

    with app.app_context():
        t = time.perf_counter()
        total, _ = queries.deviations(None, limit=50)
        page = time.perf_counter() - t
        t = time.perf_counter()
        _, rows = queries.deviations(None, limit=None)
        every = time.perf_counter() - t
        db.session.remove()
        if NAIVE:
            t = time.perf_counter()
            naive = naive_check()
            loop = time.perf_counter() - t
            db.session.remove()
    if NAIVE:
        print(f"三级四同 over {N_IMPLS:,} rows: SQL + first page {page:.2f} s, every deviation ({len(rows):,}) "
              f"{every:.2f} s; naive ORM loop {loop:.2f} s ({naive:,} found) -> {loop / every:.1f}x")
        assert naive == total == len(rows)
    else:
        print(f"三级四同 over {N_IMPLS:,} rows: SQL + first page {page:.2f} s, every deviation ({len(rows):,}) "
              f"{every:.2f} s (naive loop skipped: BENCH_NAIVE=0)")
        assert total == len(rows)

    with app.app_context():
        audit.set_actor("bench")
        publishing._collect(pub_dept)  # warm the cache, so that neither side pays for the first read
        db.session.rollback()
        t = time.perf_counter()
        with transaction():
            snap = publishing.publish(pub_dept)
        took = time.perf_counter() - t
        t = time.perf_counter()
        bare = publishing._collect(pub_dept)
        read = time.perf_counter() - t
        db.session.rollback()
        ok = publishing.verify(db.session.get(PowerSnapshot, snap.id)) is None
        db.session.remove()
    print(f"publish {len(bare):,} items (with duties): {took:.2f} s, verified {ok}; reading the same rows alone "
          f"{read:.2f} s -> {took / read:.1f}x")

    publish_snapshots(app, depts)
    if kind.startswith("postgresql"):
        # 511,000 rows bulk-loaded a moment ago have no statistics yet (autovacuum's
        # ANALYZE comes later in production): without them the planner ignores pg_trgm.
        with app.app_context():
            db.session.execute(__import__("sqlalchemy").text("ANALYZE"))
            db.session.commit()
            db.session.remove()
    rng = random.Random(7)
    queries_ = ([("q", w) for w in WORDS] + [("q", f"{WORDS[k % len(WORDS)]}许可{k}") for k in rng.sample(range(99000), 20)]
                + [("q", "3702000")] + [("q", f"370200{d % 1000:03d}") for d in depts[:9]]
                + [("q", "污"), ("q", "港"), ("q", "审批"), ("q", "37"), ("q", "无此事项")]
                + [("type", t) for t in TYPES])
    client = app.test_client()
    page_times, sql_times, like_times = [], [], []
    client.get("/powerlist/", query_string={"q": "预热"})  # the first request compiles the templates: not timed
    for _ in range(1):
        for key, value in queries_:
            t = time.perf_counter()
            resp = client.get("/powerlist/", query_string={key: value})
            page_times.append(time.perf_counter() - t)
            assert resp.status_code == 200
    with app.app_context():
        for key, value in queries_:
            t = time.perf_counter()
            got = public.search(value if key == "q" else "", value if key == "type" else None)
            sql_times.append(time.perf_counter() - t)
            # The baseline: the same search as a plain LIKE scan; it must give the same rows.
            t = time.perf_counter()
            plain = public.search(value if key == "q" else "", value if key == "type" else None, use_index=False)
            like_times.append(time.perf_counter() - t)
            assert got == plain, (key, value)
        n = db.session.execute(select(__import__("sqlalchemy").func.count()).select_from(PowerSnapshotItem)).scalar()
        db.session.remove()
    print(f"public search over {n:,} published items ({len(page_times)} queries): page p50 "
          f"{pct(page_times, 50) * 1000:.1f} ms, p95 {pct(page_times, 95) * 1000:.1f} ms; bare SQL p50 "
          f"{pct(sql_times, 50) * 1000:.1f} ms, p95 {pct(sql_times, 95) * 1000:.1f} ms "
          f"-> {pct(page_times, 95) / pct(sql_times, 95):.1f}x; plain LIKE scan (baseline, same rows) p50 "
          f"{pct(like_times, 50) * 1000:.1f} ms, p95 {pct(like_times, 95) * 1000:.1f} ms "
          f"-> indexed {pct(like_times, 95) / pct(sql_times, 95):.0f}x faster")


if __name__ == "__main__":
    main()
