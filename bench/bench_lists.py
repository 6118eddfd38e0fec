"""Benchmark of the list pages at province scale (issue #12): prints figures, asserts nothing.

    python -m bench.province --url sqlite:////work/benchdata/province.db --fresh     # the data, once
    python bench/bench_lists.py --url sqlite:////work/benchdata/province.db          # every part
    python bench/bench_lists.py --url … --lists                                      # one part

Parts (each selectable; none selected = all):

--lists   every list variant, logged in through the real login form of an
          in-process test client (TestingConfig; the same views, queries and
          templates as production), as office staff (``bench_staff``) and as a
          department user (``bench_dept``, bound to a city education bureau),
          side by side in the same rounds with stock Flask-AppBuilder
          (``bench/stock_fab_app.py``) over the same tables, as staff: p50/p95
          over ``--repeats`` rounds, SQL statements per request (a SQLAlchemy
          ``before_cursor_execute`` listener on each app's engine), response
          bytes, and the row count the page shows against the true count.
--import  reads during a 50,000-row import: 8 clients read the person list
          from a real gunicorn server, idle and while an import runs.
--apply   the 50-delta case apply at province scale against the bare services.
--serve   served throughput: gunicorn (README production settings), 16 clients,
          80 % reads / 20 % ledger writes through the services; then stock
          FAB serving the same reads.

The parts that write run on a scratch copy of the database (``bench/scratch.py``).
"""
from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import re
import sys
import time
from dataclasses import dataclass, field

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)
os.environ.setdefault("BIANZHI_CONFIG", "testing")

from sqlalchemy import event, text  # noqa: E402

from bench.http_load import csrf_token  # noqa: E402
from bench.province.generate import DEFAULT_PASSWORD, make_app  # noqa: E402

_COUNT = re.compile(r"(?:Record Count|记录数目?):</strong>\s*(\d+)")


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")


def machine() -> str:
    with open("/proc/meminfo") as fh:
        mem = int(fh.readline().split()[1]) / 1024 / 1024
    return f"{os.cpu_count()} cores, {mem:.0f} GiB, {dt.date.today().isoformat()}"


@dataclass
class Target:
    """One page as one client asks it: its path, and the row count it should show."""

    path: str
    true_rows: int | None = None


@dataclass
class Variant:
    label: str
    ours: dict[str, Target]  # who ("staff", "dept") -> target
    stock: Target | None = None
    samples: dict[str, list[tuple[float, int, int, int, int | None]]] = field(default_factory=dict)


class Counter:
    """SQL statements per request, on any number of engines."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self, *_args, **_kwargs) -> None:
        self.n += 1

    def watch(self, engine) -> None:
        event.listen(engine, "before_cursor_execute", self)


def login(client, username: str, password: str) -> None:
    token = csrf_token(client.get("/login/").get_data(as_text=True))
    resp = client.post("/login/", data={"username": username, "password": password, "csrf_token": token})
    if resp.status_code != 302:
        raise SystemExit(f"login of {username} failed ({resp.status_code}): has the database been generated?")


# ---------------------------------------------------------------------------
# What each user sees (true counts, straight from SQL)
# ---------------------------------------------------------------------------


def facts(app) -> dict:
    from app.extensions import db

    with app.app_context():
        s = db.session
        path = s.execute(text("""SELECT i.path FROM institution i JOIN user_institution b ON b.institution_id = i.id
                                 JOIN ab_user u ON u.id = b.user_id WHERE u.username = 'bench_dept'""")).scalar()
        scope = "(SELECT id FROM institution WHERE path LIKE :p)"

        def persons(where: str = "1 = 1", scoped: bool = False, **params) -> int:
            sql = f"SELECT count(*) FROM person WHERE {where}" + (f" AND institution_id IN {scope}" if scoped else "")
            return s.execute(text(sql), {"p": path + "%", **params}).scalar()

        biggest = s.execute(text(f"""SELECT institution_id FROM person WHERE institution_id IN {scope}
                                      GROUP BY institution_id ORDER BY count(*) DESC LIMIT 1"""),
                            {"p": path + "%"}).scalar()
        out = {
            "dept_path": path, "institution": biggest,
            "persons": {"staff": persons(), "dept": persons(scoped=True)},
            "wang": {"staff": persons("name LIKE :x", x="王%"), "dept": persons("name LIKE :x", True, x="王%")},
            "jianjun": {"staff": persons("name LIKE :x", x="%建军%"),
                        "dept": persons("name LIKE :x", True, x="%建军%")},
            "of_institution": persons("institution_id = :i", i=biggest),
            "institutions": {"staff": s.execute(text("SELECT count(*) FROM institution")).scalar(),
                             "dept": s.execute(text("SELECT count(*) FROM institution WHERE path LIKE :p"),
                                               {"p": path + "%"}).scalar()},
        }
        s.rollback()
    return out


def variants(app, stock, f: dict) -> list[Variant]:
    def views(a, prefix: str):
        return {type(v).__name__: v for v in a.appbuilder.baseviews if type(v).__name__.startswith(prefix)}

    ours, theirs = views(app, ""), views(stock, "Stock")
    pv, iv = ours["PersonView"], ours["InstitutionView"]
    P, SP = "/personview/list/", "/stockpersonview/list/"
    I, SI = "/institutionview/list/", "/stockinstitutionview/list/"
    both = ("staff", "dept")

    def same(path: str, rows: dict | int | None) -> dict[str, Target]:
        return {w: Target(path, rows[w] if isinstance(rows, dict) else rows) for w in both}

    deep = {w: f["persons"][w] // 25 // 2 for w in both}
    out = [
        Variant("institution list", same(I, f["institutions"]), Target(SI, f["institutions"]["staff"])),
        Variant("person list, page 1", same(P, f["persons"]), Target(SP, f["persons"]["staff"])),
        Variant("person list, deep page (middle)",
                {w: Target(f"{P}?page_PersonView={deep[w]}", f["persons"][w]) for w in both},
                Target(f"{SP}?page_StockPersonView={deep['staff']}", f["persons"]["staff"])),
        Variant("name starts with 王", same(f"{P}?_flt_0_name=王", f["wang"]),
                Target(f"{SP}?_flt_0_name=王", f["wang"]["staff"])),
        Variant("name contains 建军", same(f"{P}?_flt_2_name=建军", f["jianjun"]),
                Target(f"{SP}?_flt_2_name=建军", f["jianjun"]["staff"])),
    ]
    for col in pv.order_columns:
        stock_col = col if col in theirs["StockPersonView"].order_columns else None
        out.append(Variant(f"person list, sort by {col}", same(f"{P}?_oc_PersonView={col}&_od_PersonView=asc",
                                                                  f["persons"]),
                           Target(f"{SP}?_oc_StockPersonView={col}&_od_StockPersonView=asc", f["persons"]["staff"])
                           if stock_col else None))
    for col in iv.order_columns:
        out.append(Variant(f"institution list, sort by {col}",
                           same(f"{I}?_oc_InstitutionView={col}&_od_InstitutionView=asc", f["institutions"]),
                           Target(f"{SI}?_oc_StockInstitutionView={col}&_od_StockInstitutionView=asc",
                                  f["institutions"]["staff"])))
    inst = f["institution"]
    out += [
        Variant(f"person list filtered by institution (_flt_0_institution={inst})",
                same(f"{P}?_flt_0_institution={inst}", f["of_institution"]),
                Target(f"{SP}?_flt_0_institution={inst}", f["of_institution"])),
        Variant("institution page with its persons (show + related lists)",
                same(f"/institutionview/show/{inst}", None), Target(f"/stockinstitutionview/show/{inst}")),
        Variant("institution tree", same("/institutionview/tree/", f["institutions"]), None),
    ]
    return out


# ---------------------------------------------------------------------------
# The list part
# ---------------------------------------------------------------------------


def shown_rows(path: str, html: str) -> int | None:
    if "/show/" in path:
        return None  # several related lists, each with its own count
    if "/tree/" in path:
        return html.count("<li data-id=")  # one level, one page: its true size is printed on the page
    match = _COUNT.search(html)
    return int(match.group(1)) if match else None


def measure(client, counter: Counter, target: Target) -> tuple[float, int, int, int, int | None]:
    counter.n = 0
    t = time.perf_counter()
    resp = client.get(target.path)
    seconds = time.perf_counter() - t
    return seconds, counter.n, len(resp.data), resp.status_code, shown_rows(target.path, resp.get_data(as_text=True))


def run_lists(url: str, repeats: int, password: str) -> None:
    from app.extensions import db
    from bench import stock_fab_app

    app = make_app(url)
    stock = stock_fab_app.create_app(url)
    counter = Counter()
    with app.app_context():
        counter.watch(db.engine)
    with stock.app_context():
        counter.watch(stock.stock_db.engine)
    clients = {"staff": app.test_client(), "dept": app.test_client(), "stock": stock.test_client()}
    login(clients["staff"], "bench_staff", password)
    login(clients["dept"], "bench_dept", password)
    login(clients["stock"], "bench_staff", password)
    f = facts(app)
    vs = variants(app, stock, f)
    print(f"\n== lists: {f['persons']['staff']} persons, {f['institutions']['staff']} institutions; bench_dept reaches "
          f"{f['institutions']['dept']} institutions, {f['persons']['dept']} persons; {repeats} rounds "
          f"(+1 warm-up) of {len(vs)} variants, in-process test client, logged in through /login/")
    started = time.perf_counter()
    for round_ in range(repeats + 1):
        for v in vs:
            jobs = [(who, clients[who], v.ours[who]) for who in ("staff", "dept")]
            if v.stock:
                jobs.append(("stock", clients["stock"], v.stock))
            jobs = jobs[round_ % len(jobs):] + jobs[:round_ % len(jobs)]  # no one always goes first
            for who, client, target in jobs:
                sample = measure(client, counter, target)
                if round_:  # round 0 warms caches up
                    v.samples.setdefault(who, []).append(sample)
        if round_ in (0, 1) or round_ % 6 == 0:
            print(f"  round {round_}/{repeats} done after {time.perf_counter() - started:.0f} s", flush=True)
    report_lists(vs, dialect=url.split(":")[0])
    for a, engine_db in ((app, db), (stock, stock.stock_db)):
        with a.app_context():  # PostgreSQL copies the database for the next parts: no connection may stay
            engine_db.session.remove()
            engine_db.engine.dispose()


def _cell(samples) -> str:
    ms = [s[0] * 1000 for s in samples]
    return f"{pct(ms, 50):7.1f} / {pct(ms, 95):7.1f}"


def _stmts(samples) -> str:
    lo, hi = min(s[1] for s in samples), max(s[1] for s in samples)
    return f"{lo}" if lo == hi else f"{lo}–{hi}"


def _rows(samples, target: Target) -> str:
    shown = samples[-1][4]
    if shown is None:
        return "—"
    if target.true_rows is None:
        return f"{shown}"
    return f"{shown}" + ("" if shown == target.true_rows else f" (true {target.true_rows}!)")


def report_lists(vs: list[Variant], dialect: str) -> None:
    print(f"\n[{dialect}] {machine()}; times in ms (p50 / p95), KB = response size")
    head = (f"{'variant':<58} {'staff p50 / p95':>17} {'stmts':>6} {'KB':>6} {'rows shown':>20} "
            f"{'dept p50 / p95':>17} {'stmts':>6} {'KB':>6} {'rows shown':>20} "
            f"{'stock FAB p50 / p95':>19} {'stmts':>6} {'KB':>7} {'rows':>8} {'stock/ours':>10}")
    print(head)
    for v in vs:
        st, de = v.samples["staff"], v.samples["dept"]
        bad = {s[3] for s in st + de if s[3] != 200}
        line = (f"{v.label[:58]:<58} {_cell(st):>17} {_stmts(st):>6} {st[-1][2] / 1024:6.0f} "
                f"{_rows(st, v.ours['staff']):>20} {_cell(de):>17} {_stmts(de):>6} {de[-1][2] / 1024:6.0f} "
                f"{_rows(de, v.ours['dept']):>20} ")
        if v.stock:
            sf = v.samples["stock"]
            bad |= {s[3] for s in sf if s[3] != 200}
            ratio = pct([s[0] for s in sf], 50) / pct([s[0] for s in st], 50)
            line += (f"{_cell(sf):>19} {_stmts(sf):>6} {sf[-1][2] / 1024:7.0f} {_rows(sf, v.stock):>8} "
                     f"{ratio:9.1f}x")
        else:
            line += f"{'—':>19}"
        print(line + (f"  HTTP {sorted(bad)}" if bad else ""))


# ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Province-scale list benchmark (issue #12)")
    parser.add_argument("--url", required=True, help="the generated database (python -m bench.province)")
    parser.add_argument("--password", default=DEFAULT_PASSWORD)
    parser.add_argument("--repeats", type=int, default=36, help="measured rounds per variant (list part)")
    parser.add_argument("--lists", action="store_true")
    parser.add_argument("--import", dest="import_", action="store_true")
    parser.add_argument("--apply", action="store_true")
    parser.add_argument("--serve", action="store_true")
    parser.add_argument("--import-rows", type=int, default=50_000)
    parser.add_argument("--apply-cases", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load per served run")
    args = parser.parse_args(argv)
    logging.getLogger("flask_appbuilder.urltools").setLevel(logging.ERROR)  # "Filter column not allowed" per request
    every = not (args.lists or args.import_ or args.apply or args.serve)
    print(f"bench_lists on {args.url.split('@')[-1]}: {machine()}")
    if every or args.lists:
        run_lists(args.url, args.repeats, args.password)
    if every or args.import_ or args.apply or args.serve:
        from bench import scale_parts, served_mix

        if every or args.import_:
            scale_parts.run_import_readers(args.url, args.password, args.import_rows)
        if every or args.apply:
            scale_parts.run_apply(args.url, args.apply_cases)
        if every or args.serve:
            served_mix.run_served(args.url, args.password, args.duration)


if __name__ == "__main__":
    main()
