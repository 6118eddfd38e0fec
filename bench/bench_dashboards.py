"""The dashboards at province scale (issue #15), side by side with Flask-AppBuilder's
``GroupByChartView`` over the same persons table.

    python -m bench.province --url sqlite:////tmp/province.db --fresh      # 20,000 institutions, 1,000,000 persons
    python bench/bench_dashboards.py --url sqlite:////tmp/province.db [--repeats 20]

Each side runs in its own process, so each peak RSS is its own:

* ours: every built-in chart's data endpoint (both built-in dashboards) as the
  leader (``bench_leader``) and as a department user (``bench_dept``), the leader's whole home page (``/`` →
  the cockpit page → every chart's JSON, one after the other, as the browser
  asks them), and a builder chart (persons by region, one series per quota type);
* stock: ``GroupByChartView`` over ``Person`` grouped by quota type (FAB's chart
  view: every row loaded and grouped in Python), as office staff.

Prints figures and ratios; asserts nothing.  It writes one chart definition into
the benchmark database (once).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("BIANZHI_CONFIG", "testing")

from bench.bench_lists import login, machine, pct  # noqa: E402
from bench.province.generate import DEFAULT_PASSWORD, make_app  # noqa: E402

BUILDER_CHART = dict(name="bench: 各地区人员按编制类型", dataset="persons", dimension="region", split="quota_type",
                     aggregate="count", chart_type="stacked_bar", sort="key")


def _timed(client, path: str, cpu: list | None = None) -> float:
    """Wall time of one request (ms); its CPU time in this process, SQLite included, appended to ``cpu``."""
    started, cpu_started = time.perf_counter(), time.process_time()
    resp = client.get(path)
    elapsed = (time.perf_counter() - started) * 1000
    if cpu is not None:
        cpu.append((time.process_time() - cpu_started) * 1000)
    if resp.status_code not in (200, 302):
        raise SystemExit(f"{path}: HTTP {resp.status_code}")
    return elapsed


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def part_ours(url: str, repeats: int, password: str) -> dict:
    from sqlalchemy import select

    from app.core.db import transaction
    from app.dashboards import charts, services
    from app.dashboards.models import ChartDefinition
    from app.extensions import db

    app = make_app(url, GC_FREEZE_AT_START=True)  # as served (config.Config): start-up objects frozen
    with app.app_context():
        chart_id = db.session.scalar(select(ChartDefinition.id).where(ChartDefinition.name == BUILDER_CHART["name"]))
        if chart_id is None:
            with transaction():
                chart_id = services.create_chart(ChartDefinition(**BUILDER_CHART)).id
    results: dict = {"charts": {}, "cpu": {}, "rss_start_mb": _rss_mb()}
    clients = {}
    for who, user in (("leader", "bench_leader"), ("dept", "bench_dept"), ("admin", "bench_admin")):
        clients[who] = app.test_client()
        login(clients[who], user, password)
    keys = [chart.key for chart in charts.LEADER_CHARTS]
    for who in ("leader", "dept"):
        for key in [*keys, *(chart.key for chart in charts.EXECUTION_CHARTS)]:
            path = f"/dashboards/data/{key}"
            if clients[who].get(path).status_code != 200:  # warm-up; a chart the role cannot read is skipped
                continue
            cpu: list = []
            samples = [_timed(clients[who], path, cpu) for _ in range(repeats)]
            results["charts"][f"{who}:{key}"] = samples
            results["cpu"][f"{who}:{key}"] = cpu
    home, home_cpu = [], []
    for _ in range(repeats):
        started, cpu_started = time.perf_counter(), time.process_time()
        _timed(clients["leader"], "/")
        _timed(clients["leader"], "/dashboards/")
        for key in keys:
            _timed(clients["leader"], f"/dashboards/data/{key}")
        home.append((time.perf_counter() - started) * 1000)
        home_cpu.append((time.process_time() - cpu_started) * 1000)
    results["home"], results["cpu"]["home"] = home, home_cpu
    path = f"/dashboards/chart/{chart_id}/data"
    _timed(clients["admin"], path)
    cpu = []
    results["builder"] = [_timed(clients["admin"], path, cpu) for _ in range(repeats)]
    results["cpu"]["builder"] = cpu
    results["rss_mb"] = _rss_mb()
    return results


def part_stock(url: str, repeats: int, password: str) -> dict:
    from flask_appbuilder import GroupByChartView
    from flask_appbuilder.models.group import aggregate_count
    from flask_appbuilder.models.sqla.interface import SQLAInterface

    from app.quota.models import Person
    from bench import stock_fab_app

    class StockPersonChartView(GroupByChartView):
        datamodel = SQLAInterface(Person)
        class_permission_name = "Person"
        method_permission_name = {"chart": "read"}
        base_permissions = ["can_read"]
        chart_title = "Persons by quota type"
        # a plain column: FAB's Python-side grouping sorts the group values, and a
        # related object (quota_type) is not orderable (TypeError, HTTP 500)
        definitions = [{"group": "quota_type_id", "series": [(aggregate_count, "id")]}]

    app = stock_fab_app.create_app(url)
    with app.app_context():
        app.appbuilder.add_view(StockPersonChartView, "PersonChart", category="Stock")
    client = app.test_client()
    login(client, "bench_staff", password)
    rss_start = _rss_mb()
    samples = [_timed(client, "/stockpersonchartview/chart/") for _ in range(repeats)]
    return {"stock": samples, "rss_start_mb": rss_start, "rss_mb": _rss_mb()}


def _row(label: str, ours: list[float], base: list[float] | None = None, cpu: list[float] | None = None) -> str:
    text = f"| {label} | p50 {pct(ours, 50):,.1f} ms, p95 {pct(ours, 95):,.1f} ms |"
    text += f" p50 {pct(cpu, 50):,.1f} ms, p95 {pct(cpu, 95):,.1f} ms |" if cpu else " |"
    if base:
        text += f" {pct(base, 95) / pct(ours, 95):,.0f}× (p95) |"
    else:
        text += " |"
    return text


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--stock-repeats", type=int, default=3, help="FAB's chart view is slow: fewer runs")
    parser.add_argument("--password", default=DEFAULT_PASSWORD)
    parser.add_argument("--part", choices=("ours", "stock"))
    args = parser.parse_args(argv)
    if args.part:
        run = part_ours if args.part == "ours" else part_stock
        print(json.dumps(run(args.url, args.repeats if args.part == "ours" else args.stock_repeats, args.password)))
        return
    parts = {}
    for part in ("ours", "stock"):
        started = time.perf_counter()
        out = subprocess.run([sys.executable, __file__, "--url", args.url, "--repeats", str(args.repeats),
                              "--stock-repeats", str(args.stock_repeats), "--password", args.password,
                              "--part", part], capture_output=True, text=True)
        if out.returncode:
            raise SystemExit(f"part {part} failed:\n{out.stderr[-3000:]}")
        parts[part] = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{part}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    ours, stock = parts["ours"], parts["stock"]["stock"]
    print(f"dashboards benchmark, {args.url.split(':')[0]}, {machine()}, {args.repeats} runs "
          f"(stock chart view: {args.stock_repeats})")
    print("| measure | ours (wall) | ours (CPU of the process) | FAB GroupByChartView (persons by quota type) ÷ ours |")
    print("|---|---|---|---|")
    cpu = ours["cpu"]
    for name, samples in ours["charts"].items():
        print(_row(f"chart data `{name}`", samples, stock if name.endswith("quota_by_type") else None, cpu[name]))
    print(_row("leader's home page, in total (/ → cockpit → every chart's data)", ours["home"], None, cpu["home"]))
    print(_row("builder chart: persons by region × quota type", ours["builder"], stock, cpu["builder"]))
    print(f"| FAB GroupByChartView, persons by quota type | p50 {pct(stock, 50):,.0f} ms, "
          f"p95 {pct(stock, 95):,.0f} ms | | |")
    print(f"| peak RSS | ours {ours['rss_mb']:,.0f} MB (at start {ours['rss_start_mb']:,.0f}) | | "
          f"FAB {parts['stock']['rss_mb']:,.0f} MB (after login {parts['stock']['rss_start_mb']:,.0f}) |")


if __name__ == "__main__":
    main()
