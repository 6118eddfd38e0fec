"""Arithmetic of the evaluation: weights, weighted totals, grades, the sample.

Plain functions over plain values, no database, so the report page, the
services and the tests compute the same way.
"""
from __future__ import annotations

import hashlib
import random
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable, Mapping, Optional, Sequence

# Bumped whenever ``sample`` changes: a plan records the seed, the version tells how it was used.
SAMPLE_ALGORITHM = "sha256-shuffle-v1"
CENT = Decimal("0.01")


def weight_problems(children: Mapping[Optional[int], Sequence[tuple[int, int]]]) -> list[tuple[Optional[int], int]]:
    """Nodes whose children's weights do not sum to 100: ``[(parent id, sum)]``.

    ``children``: parent id (None for the roots) -> [(indicator id, weight)].
    """
    return [(parent, sum(w for _, w in kids)) for parent, kids in children.items()
            if kids and sum(w for _, w in kids) != 100]


def weighted_total(children: Mapping[Optional[int], Sequence[tuple[int, int]]],
                   scores: Mapping[int, int]) -> Decimal:
    """The total of a tree: a leaf's score is entered, a node's is the weighted
    mean of its children's (weights in percent, summing to 100)."""

    def node(ind_id: int) -> Decimal:
        kids = children.get(ind_id) or ()
        if not kids:
            return Decimal(scores[ind_id])
        return sum((node(k) * w for k, w in kids), Decimal(0)) / 100

    roots = children.get(None) or ()
    total = sum((node(k) * w for k, w in roots), Decimal(0)) / 100
    return total.quantize(CENT, rounding=ROUND_HALF_UP)


def leaves(children: Mapping[Optional[int], Sequence[tuple[int, int]]]) -> list[int]:
    every = [k for kids in children.values() for k, _ in kids]
    return [k for k in every if not children.get(k)]


def grade_for(total: Decimal, grades: Iterable[tuple[int, int]]) -> Optional[int]:
    """The grade id with the highest ``min_score`` not above ``total``: ``grades`` is [(id, min_score)]."""
    earned = [(m, gid) for gid, m in grades if Decimal(m) <= total]
    return max(earned)[1] if earned else None


def sample(candidates: Sequence[int], k: int, seed: str) -> list[int]:
    """Draw ``k`` of ``candidates`` reproducibly: sorted ids, a RNG seeded from
    SHA-256 of the seed and the candidate list, so the same inputs give the same draw."""
    ordered = sorted(candidates)
    digest = hashlib.sha256(f"{SAMPLE_ALGORITHM}|{seed}|{','.join(map(str, ordered))}".encode()).hexdigest()
    rng = random.Random(int(digest, 16))
    return sorted(rng.sample(ordered, min(k, len(ordered))))

