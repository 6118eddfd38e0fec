"""CLI: generate the province-scale database, then verify it.

    python -m bench.province --url URL [--institutions 20000] [--persons 1000000] [--seed 2026] [--fresh]
"""
from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from bench.province.generate import DEFAULT_PASSWORD, Sizes, generate  # noqa: E402
from bench.province.verify import report, run_checks  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.province",
                                     description="Generate a province-scale quota database (issue #12).")
    parser.add_argument("--url", required=True,
                        help="target database, e.g. sqlite:////work/benchdata/province.db or "
                             "postgresql+psycopg://postgres@127.0.0.1:5432/bench_province")
    parser.add_argument("--institutions", type=int, default=20_000)
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--dept-users", type=int, default=100,
                        help="department accounts besides bench_dept (each one is checked at every "
                             "production start-up, see the README)")
    parser.add_argument("--cities", type=int, default=None, help="cities to keep (default: by size, 16 at full)")
    parser.add_argument("--towns", type=int, default=None, help="towns per county (default: by size, 10 at full)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--password", default=DEFAULT_PASSWORD, help="password of every generated account")
    parser.add_argument("--fresh", action="store_true",
                        help="drop the target first (SQLite: the file; PostgreSQL: the public schema)")
    parser.add_argument("--no-verify", action="store_true")
    parser.add_argument("--verify-only", action="store_true", help="only check an existing database")
    args = parser.parse_args(argv)
    if args.verify_only:
        t = time.perf_counter()
        ok = report(run_checks(args.url))
        print(f"verified in {time.perf_counter() - t:.1f} s")
        return 0 if ok else 1
    sizes = Sizes(args.institutions, args.persons, args.dept_users, args.cities, args.towns)
    print(f"generating {sizes.institutions} institutions, {sizes.persons} persons (seed {args.seed}) into {args.url}")
    generate(args.url, sizes, seed=args.seed, password=args.password, fresh=args.fresh)
    if args.no_verify:
        return 0
    t = time.perf_counter()
    ok = report(run_checks(args.url))
    print(f"verified in {time.perf_counter() - t:.1f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
