"""Province-scale data for benchmarks (issue #12): 20,000 institutions and
1,000,000 persons in 山东省's region tree, consistent with every invariant.

    python -m bench.province --url sqlite:////work/benchdata/province.db --fresh
    python -m bench.province --url postgresql+psycopg://postgres@127.0.0.1:5432/bench_province --fresh

``generate()`` builds it (bulk SQL, deterministic from the seed) and
``verify.run_checks()`` recounts it in SQL.  Modules: ``regions`` (GB/T 2260
tree + towns), ``institutions`` (organs and their units), ``quotas``
(allocations, ledger, caps, leadership), ``people`` (persons), ``write``
(bulk SQL), ``generate`` (the whole run), ``verify`` (the checks).
"""
from bench.province.generate import BENCH_ACCOUNTS, DEFAULT_PASSWORD, Sizes, generate  # noqa: F401
from bench.province.verify import report, run_checks  # noqa: F401
