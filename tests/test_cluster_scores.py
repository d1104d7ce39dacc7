"""The clustering scores of bench/cluster_scores.py on partitions small enough to score by hand."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from cluster_scores import adjusted_rand_index, bcubed

GOLD = {"a": "x", "b": "x", "c": "y"}


def test_a_perfect_clustering_scores_one_whatever_the_cluster_names() -> None:
    assert bcubed([["c"], ["b", "a"]], GOLD) == (1.0, 1.0, 1.0)
    assert adjusted_rand_index([["c"], ["a", "b"]], GOLD) == 1.0


def test_all_singletons_are_precise_but_miss_what_belongs_together() -> None:
    precision, recall, f1 = bcubed([["a"], ["b"], ["c"]], GOLD)
    assert precision == 1.0
    assert recall == pytest.approx((1 / 2 + 1 / 2 + 1) / 3)
    assert f1 == pytest.approx(2 * 1.0 * (2 / 3) / (1.0 + 2 / 3))


def test_one_big_cluster_recalls_everything_and_is_imprecise() -> None:
    precision, recall, _ = bcubed([["a", "b", "c"]], GOLD)
    assert recall == 1.0
    assert precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)


def test_an_item_left_out_counts_as_its_own_cluster() -> None:
    assert bcubed([["a"], ["c"]], GOLD) == bcubed([["a"], ["b"], ["c"]], GOLD)


def test_ari_of_a_textbook_example() -> None:
    # gold {1,2,3} {4,5,6}; predicted {1,2} {3,4} {5,6}: 2 pairs agree, 1.2 expected by chance,
    # at most 4.5 possible: (2 - 1.2) / (4.5 - 1.2).
    gold = {str(i): ("x" if i <= 3 else "y") for i in range(1, 7)}
    assert adjusted_rand_index([["1", "2"], ["3", "4"], ["5", "6"]], gold) == pytest.approx(0.8 / 3.3)


def test_ari_below_chance_is_negative() -> None:
    gold = {"a": "x", "b": "x", "c": "y", "d": "y"}
    assert adjusted_rand_index([["a", "c"], ["b", "d"]], gold) == pytest.approx(-0.5)
