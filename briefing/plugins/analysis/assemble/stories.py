"""Group related articles into stories: the same event, the same actors, close in time.

A pure function, `group_stories`, that a later pipeline step (and the template's story sections)
can build on; it does not touch the core. Two articles belong to one story when they were
published within ``window_days`` of each other and the entities they name overlap enough,
each entity weighted by how rare it is in the set (inverse document frequency: sharing a
village name says more than sharing the name of the country every article mentions). Stories
are the connected components of that relation (union-find).

Why it stays near linear: candidate pairs come only from articles that share an entity, and for
each entity only from its ``neighbours`` nearest articles in time inside the window, so the work
is bounded by (entity mentions) x (neighbours), not by the square of the number of articles.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime

from briefing import Article


def group_stories(
    articles: Sequence[Article],
    entities_by_article: Mapping[str, Iterable[str]],
    *,
    window_days: float = 1.0,
    threshold: float = 0.3,
    neighbours: int = 30,
) -> list[list[str]]:
    """Stories as lists of article ids, biggest first, each in publication order.

    ``entities_by_article`` maps an article id to the entities it names (any spelling; compared
    case-insensitively). An article without a date is placed at the latest date of the set: in a
    daily briefing, an undated item is today's. ``threshold`` is the weighted Jaccard overlap of
    two articles' entities needed to join them."""
    if not articles:
        return []
    ids = [article.id for article in articles]
    times = _timestamps(articles)
    entity_sets = [frozenset(_normalise(e) for e in entities_by_article.get(i, ()) if e.strip())
                   for i in ids]
    document_frequency: dict[str, int] = defaultdict(int)
    for entities in entity_sets:
        for entity in entities:
            document_frequency[entity] += 1
    total = len(articles)
    weight = {entity: math.log(1 + total / count) for entity, count in document_frequency.items()}
    mass = [sum(weight[e] for e in entities) for entities in entity_sets]

    postings: dict[str, list[int]] = defaultdict(list)
    order = sorted(range(total), key=lambda i: times[i])
    for position in order:
        for entity in entity_sets[position]:
            postings[entity].append(position)

    parent = list(range(total))
    window = window_days * 86_400.0
    checked: set[tuple[int, int]] = set()
    for posting in postings.values():
        if len(posting) < 2:
            continue
        stamps = [times[i] for i in posting]
        for index, first in enumerate(posting):
            end = min(bisect.bisect_right(stamps, stamps[index] + window), index + 1 + neighbours)
            for second in posting[index + 1:end]:
                pair = (first, second) if first < second else (second, first)
                if pair in checked:
                    continue
                checked.add(pair)
                shared = sum(weight[e] for e in entity_sets[first] & entity_sets[second])
                union = mass[first] + mass[second] - shared
                if union and shared / union >= threshold:
                    _union(parent, first, second)

    groups: dict[int, list[int]] = defaultdict(list)
    for position in order:
        groups[_find(parent, position)].append(position)
    stories = sorted(groups.values(), key=lambda members: (-len(members), times[members[0]]))
    return [[ids[i] for i in members] for members in stories]


def _normalise(entity: str) -> str:
    return " ".join(entity.casefold().split()).removeprefix("the ")


def _timestamps(articles: Sequence[Article]) -> list[float]:
    known = [a.published_at for a in articles if a.published_at is not None]
    latest = max((_aware(d) for d in known), default=datetime(1970, 1, 1, tzinfo=UTC))
    return [_aware(a.published_at).timestamp() if a.published_at else latest.timestamp()
            for a in articles]


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _find(parent: list[int], item: int) -> int:
    while parent[item] != item:
        parent[item] = parent[parent[item]]
        item = parent[item]
    return item


def _union(parent: list[int], a: int, b: int) -> None:
    root_a, root_b = _find(parent, a), _find(parent, b)
    if root_a != root_b:
        parent[max(root_a, root_b)] = min(root_a, root_b)
