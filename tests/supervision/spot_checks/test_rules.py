"""The draw as a pure function: same inputs, same result; at least two distinct
inspectors per target; an affiliated inspector recused and the walk going on."""
from __future__ import annotations

import hashlib

import pytest

from app.supervision.spot_checks import rules

CANDIDATES = [[i, f"单位{i}"] for i in range(1, 201)]
INSPECTORS = [[100 + k, f"检查员{k}", []] for k in range(10)]


def test_the_same_inputs_give_the_same_draw_and_another_seed_another():
    one = rules.draw("s1", CANDIDATES, INSPECTORS, 6, 2).as_json()
    assert one == rules.draw("s1", CANDIDATES, INSPECTORS, 6, 2).as_json()
    assert one != rules.draw("s2", CANDIDATES, INSPECTORS, 6, 2).as_json()
    assert len(one["targets"]) == 6 and len({t for t, _ in one["targets"]}) == 6
    for _target, seated in one["targets"]:
        assert len(seated) == 2 and len(set(seated)) == 2


def test_targets_are_the_smallest_keys_as_documented():
    # Re-run by hand from the published rule, without the module's own code path.
    keys = sorted(CANDIDATES, key=lambda c: hashlib.sha256(f"T|abc|{c[0]}".encode()).hexdigest())
    drawn = [t for t, _ in rules.draw("abc", CANDIDATES, INSPECTORS, 5, 2).targets]
    assert drawn == [c[0] for c in keys[:5]]


def test_an_affiliated_inspector_is_recused_and_the_draw_continues_deterministically():
    plain = rules.draw("s1", CANDIDATES, INSPECTORS, 6, 2)
    target, seated = plain.targets[0]
    first = seated[0]
    # the first inspector seated on that target becomes affiliated with it
    inspectors = [[i, n, [target] if i == first else []] for i, n, _ in INSPECTORS]
    again = rules.draw("s1", CANDIDATES, inspectors, 6, 2)
    assert again.recusals == [[target, first]]
    assert first not in again.targets[0][1] and len(again.targets[0][1]) == 2
    assert again.targets[0][1][0] == seated[1]  # the walk goes on: the next pick takes the seat
    assert again.targets[1:] == plain.targets[1:]  # the other targets are untouched
    assert again.as_json() == rules.draw("s1", CANDIDATES, inspectors, 6, 2).as_json()


def test_too_few_free_inspectors_is_refused_with_the_numbers():
    inspectors = [[1, "a", [5]], [2, "b", []]]
    with pytest.raises(rules.NotEnoughInspectors) as err:
        rules.draw("s", [[5, "x"]], inspectors, 1, 2)
    assert (err.value.target_id, err.value.available, err.value.needed) == (5, 1, 2)


@pytest.mark.parametrize("pool, ratio, size", [(100, 1, 1), (100, 3, 3), (101, 1, 2), (23, 3, 1), (0, 3, 0)])
def test_the_sample_is_the_ratio_rounded_up(pool, ratio, size):
    assert rules.sample_size(pool, ratio) == size


def test_the_hash_is_of_the_canonical_json():
    assert rules.digest([[1, "甲"]]) == hashlib.sha256('[[1,"甲"]]'.encode()).hexdigest()
