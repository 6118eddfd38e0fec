"""双随机 draw at the issue's scale: 30,000 targets, 500 inspectors (each affiliated with 600
targets, 2 %, so recusals happen), 3 % drawn, 2 inspectors each.

Prints the draw, the verify (decode the frozen JSON, check both hashes, re-run,
compare the result hash) and, side by side, the baseline a first version would
write: rank all 500 inspectors by hash for every target.  Pure computation — the
draw reads its frozen inputs, so the database adds one row read.

    .venv/bin/python -m bench.bench_spot_draw
"""
from __future__ import annotations

import hashlib
import json
import random
import time

from app.supervision.spot_checks import rules

TARGETS, INSPECTORS, RATIO, PER_TARGET, SEED = 30_000, 500, 3, 2, "20260914-3921.08"


def inputs():
    gen = random.Random(7)  # the data, not the draw: the draw uses no Python random
    candidates = [[i, f"单位{i:05d}"] for i in range(1, TARGETS + 1)]
    inspectors = [[100_000 + k, f"检查员{k:03d}", sorted(gen.sample(range(1, TARGETS + 1), 600))]
                  for k in range(INSPECTORS)]
    return candidates, inspectors


def naive(seed, candidates, inspectors, count, per_target):
    """Baseline: every target ranks every inspector by hash, then skips the affiliated."""
    ranked = sorted(candidates, key=lambda c: hashlib.sha256(f"T|{seed}|{c[0]}".encode()).digest())[:count]
    affiliated = {i[0]: set(i[2]) for i in inspectors}
    out = []
    for tid, _name in ranked:
        order = sorted(inspectors, key=lambda i: hashlib.sha256(f"I|{seed}|{tid}|{i[0]}".encode()).digest())
        out.append([tid, [i[0] for i in order if tid not in affiliated[i[0]]][:per_target]])
    return out


def timed(fn, runs=3):
    best, value = None, None
    for _ in range(runs):
        start = time.perf_counter()
        value = fn()
        spent = time.perf_counter() - start
        best = spent if best is None else min(best, spent)
    return best, value


def main():
    candidates, inspectors = inputs()
    count = rules.sample_size(len(candidates), RATIO)
    frozen = (rules.canonical(candidates), rules.digest(candidates), rules.canonical(inspectors),
              rules.digest(inspectors))

    def draw():
        return rules.draw(SEED, candidates, inspectors, count, PER_TARGET)

    t_draw, outcome = timed(draw)
    result_hash = rules.digest(outcome.as_json())

    def verify():
        cands, insps = json.loads(frozen[0]), json.loads(frozen[2])
        assert rules.digest(cands) == frozen[1] and rules.digest(insps) == frozen[3]
        again = rules.draw(SEED, cands, insps, count, PER_TARGET)
        return rules.digest(again.as_json()) == result_hash

    t_verify, same = timed(verify)
    t_naive, _ = timed(lambda: naive(SEED, candidates, inspectors, count, PER_TARGET), runs=1)
    print(f"targets {len(candidates)}, inspectors {len(inspectors)}, drawn {count}, "
          f"recusals {len(outcome.recusals)}")
    print(f"{'':28}{'seconds':>10}{'naive (s)':>12}{'ratio':>8}")
    print(f"{'draw (sha256-rank/1)':28}{t_draw:10.3f}{t_naive:12.3f}{t_naive / t_draw:7.1f}x")
    print(f"{'verify (decode+hash+re-run)':28}{t_verify:10.3f}")
    print(f"verify identical: {same}; result hash {result_hash}")


if __name__ == "__main__":
    main()
