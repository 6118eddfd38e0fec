"""The draw, as a pure function anyone can re-run from the published inputs.

Algorithm ``sha256-rank/1`` (the version is recorded with every draw):

1. The inputs are frozen first: the candidate list (``[[id, name], …]`` sorted
   by id), the inspector list (``[[id, name, [affiliated institution ids]], …]``
   sorted by id), each hashed as SHA-256 of its canonical JSON; the seed (a
   public value or one entered at a recorded meeting) is stored with them
   before anything is drawn.
2. Targets: every candidate gets the key SHA-256("T|" + seed + "|" + id); the
   ``count`` candidates with the smallest keys are drawn, in key order.
3. Inspectors, per drawn target in that order: j = 0, 1, 2 … picks inspector
   number int(SHA-256("I|" + seed + "|" + target id + "|" + j)) mod n; an
   inspector already seated is passed over, an inspector affiliated with the
   target is recused (recorded) and the walk goes on to the next j, until
   ``per_target`` are seated.  Nothing depends on Python's own random module,
   so the draw can be re-run in any language from the page's inputs.
"""
from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from dataclasses import dataclass, field

ALGORITHM = "sha256-rank/1"


class NotEnoughInspectors(Exception):
    """Fewer inspectors than ``per_target`` are free of a target's affiliations."""

    def __init__(self, target_id: int, available: int, needed: int) -> None:
        super().__init__(target_id, available, needed)
        self.target_id, self.available, self.needed = target_id, available, needed


def canonical(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def digest(value) -> str:
    return hashlib.sha256(canonical(value).encode("utf-8")).hexdigest()


def sample_size(candidates: int, ratio_percent) -> int:
    """``ratio`` % of the pool, rounded up: a pool that is not empty gets at least one."""
    return min(candidates, math.ceil(candidates * float(ratio_percent) / 100))


@dataclass
class Outcome:
    targets: list = field(default_factory=list)  # [[target id, [inspector ids]], …] in draw order
    recusals: list = field(default_factory=list)  # [[target id, inspector id], …]

    def as_json(self) -> dict:
        return {"targets": self.targets, "recusals": self.recusals}


def _h(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


def draw(seed: str, candidates: list, inspectors: list, count: int, per_target: int) -> Outcome:
    """``candidates``: [[id, name], …]; ``inspectors``: [[id, name, [affiliations]], …]."""
    ranked = sorted(candidates, key=lambda c: _h(f"T|{seed}|{c[0]}"))[:count]
    n = len(inspectors)
    affiliated = [set(i[2]) for i in inspectors]
    drawn = {c[0] for c in ranked}
    taken: Counter = Counter()  # inspectors affiliated with each drawn target (set intersections, in C)
    for aff in affiliated:
        taken.update(aff & drawn)
    out = Outcome()
    for target in ranked:
        tid = target[0]
        free = n - taken[tid]
        if free < per_target:
            raise NotEnoughInspectors(tid, free, per_target)
        seated: list[int] = []
        recused: set[int] = set()
        j = 0
        while len(seated) < per_target:
            k = int.from_bytes(_h(f"I|{seed}|{tid}|{j}"), "big") % n
            j += 1
            if k in seated or k in recused:
                continue
            if tid in affiliated[k]:
                recused.add(k)
                out.recusals.append([tid, inspectors[k][0]])
                continue
            seated.append(k)
        out.targets.append([tid, [inspectors[k][0] for k in seated]])
    return out
