"""Scores of a clustering against gold labels: B-cubed precision, recall and F1, and the ARI.

B-cubed (Bagga & Baldwin 1998; Amigó et al. 2009, "A comparison of extrinsic clustering evaluation
metrics") asks, for each item, how many of the items put with it belong with it (precision) and how
many of the items that belong with it were put with it (recall), and averages over items; F1 is the
harmonic mean of the two averages. It is the measure the story-clustering literature reports
(Miranda et al. 2018), and unlike purity it punishes both one big cluster and all singletons.

The adjusted Rand index (Hubert & Arabie 1985) counts the pairs of items both partitions put
together, corrected for the agreement two random partitions with the same cluster sizes would
reach: 1 for identical partitions, about 0 for chance, negative below chance.

An item of the gold that the prediction does not place is counted as a cluster of its own, so a
system cannot score by leaving hard items out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence


def _labels(predicted: Sequence[Sequence[str]], gold: Mapping[str, str]) -> dict[str, str]:
    label = {item: f"c{index}" for index, members in enumerate(predicted) for item in members}
    return {item: label.get(item, f"missing:{item}") for item in gold}


def bcubed(predicted: Sequence[Sequence[str]], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed (precision, recall, F1) of clusters of item ids against gold labels by item id."""
    if not gold:
        return 0.0, 0.0, 0.0
    system = _labels(predicted, gold)
    pair_count = Counter((system[item], gold[item]) for item in gold)
    cluster_size = Counter(system.values())
    gold_size = Counter(gold.values())
    precision = recall = 0.0
    for item, label in gold.items():
        together = pair_count[(system[item], label)]
        precision += together / cluster_size[system[item]]
        recall += together / gold_size[label]
    precision, recall = precision / len(gold), recall / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _pairs(count: int) -> float:
    return count * (count - 1) / 2


def adjusted_rand_index(predicted: Sequence[Sequence[str]], gold: Mapping[str, str]) -> float:
    """The ARI of the predicted partition against the gold one (over the gold's items)."""
    system = _labels(predicted, gold)
    table: dict[tuple[str, str], int] = defaultdict(int)
    for item, label in gold.items():
        table[(system[item], label)] += 1
    index = sum(_pairs(n) for n in table.values())
    rows = sum(_pairs(n) for n in Counter(system.values()).values())
    columns = sum(_pairs(n) for n in Counter(gold.values()).values())
    total = _pairs(len(gold))
    if total == 0:
        return 1.0
    expected = rows * columns / total
    maximum = (rows + columns) / 2
    if maximum == expected:  # both partitions all singletons, or both one cluster
        return 1.0
    return (index - expected) / (maximum - expected)
