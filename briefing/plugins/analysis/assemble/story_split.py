"""Split a group of reports that holds two events: similar events share their vocabulary.

Two earthquakes, two arrests of players of one team, two patches for one browser: reports of
similar events share most of their words, so a threshold on overall similarity that keeps every
report of one event together also joins the two events. What tells them apart is what the group
does not share: within a group, a term every report uses says nothing about which event a report
is about, and a term only some use (a name, a figure, a place, a date) says much. So each group is
looked at again with each term weighted by its rarity inside the group (inverse document frequency
over the group's reports, zero for a term all of them use), bisected by average linkage on those
contrasts, and split when its two parts are far apart: when the mean similarity across them is
below ``ratio`` times the mean similarity within them. Each part is then looked at in turn
(bisecting clustering, Steinbach, Karypis & Kumar 2000, "A comparison of document clustering
techniques"). A group of one event has no such two camps: its reports differ at random, and the
similarity across any cut stays close to that within.

Groups of fewer than ``min_size`` reports are left whole (too few to show two camps), and so are
groups larger than ``max_size``, whose all-pairs contrasts would cost too much. Time plays no
part here: the first grouping already kept reports far apart in time apart, and on the tuning half
(docs/quality.md) contrasts of content alone split better.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from briefing.plugins.analysis.assemble.story_features import Channels, combined, dot

Linkage = Callable[..., list[list[int]]]


def contrasts(group: Sequence[int], channels: Sequence[Channels], weights: Mapping[str, float]
              ) -> list[dict[int, float]]:
    """The group's vectors with each term reweighted by its rarity inside the group."""
    frequency: Counter[tuple[str, str]] = Counter()
    for member in group:
        for channel, row in channels[member].items():
            frequency.update((channel, term) for term in row)
    size = len(group)
    local = []
    for member in group:
        rows = {}
        for channel, row in channels[member].items():
            kept = {term: value * math.log(size / frequency[(channel, term)])
                    for term, value in row.items() if frequency[(channel, term)] < size}
            norm = math.sqrt(sum(v * v for v in kept.values()))
            if norm:
                rows[channel] = {term: value / norm for term, value in kept.items()}
        local.append(rows)
    return combined(local, weights)


def split_events(groups: Sequence[list[int]], channels: Sequence[Channels], weights: Mapping[str, float],
                 linkage: Linkage, ratio: float, min_size: int = 4, max_size: int = 300
                 ) -> list[list[int]]:
    """The groups, each split while its two best parts are far apart (see the module doc)."""
    done: list[list[int]] = []
    waiting = list(groups)
    while waiting:
        group = waiting.pop()
        if not min_size <= len(group) <= max_size or ratio <= 0:
            done.append(group)
            continue
        vectors = contrasts(group, channels, weights)
        size = len(group)
        similarity = [[0.0] * size for _ in range(size)]
        edges = {}
        for x in range(size):
            for y in range(x + 1, size):
                value = dot(vectors[x], vectors[y])
                similarity[x][y] = similarity[y][x] = value
                if value > 0:
                    edges[(x, y)] = value
        parts = linkage(size, edges, 1e-12, until=2)
        if len(parts) < 2 or min(len(part) for part in parts) < 2 or \
                _across(parts, similarity) >= ratio * _within(parts, similarity):
            done.append(group)
            continue
        waiting.extend([group[i] for i in part] for part in parts)
    return done


def _within(parts: list[list[int]], similarity: list[list[float]]) -> float:
    """Mean similarity of the pairs inside each part, weighted by the part's size."""
    total = sum(len(part) for part in parts)
    mean = 0.0
    for part in parts:
        pairs = len(part) * (len(part) - 1) / 2
        if pairs:
            inside = sum(similarity[a][b] for i, a in enumerate(part) for b in part[i + 1:])
            mean += len(part) / total * inside / pairs
    return mean


def _across(parts: list[list[int]], similarity: list[list[float]]) -> float:
    """Mean similarity of the pairs that cross parts."""
    pairs, across = 0, 0.0
    for i, part in enumerate(parts):
        for other in parts[i + 1:]:
            pairs += len(part) * len(other)
            across += sum(similarity[a][b] for a in part for b in other)
    return across / pairs if pairs else 0.0
