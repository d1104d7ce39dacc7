"""Group a briefing's articles into stories: the reports of one event together, similar events apart.

The similarity of two articles is a weighted mean of their cosines in each channel of
story_features (words of the body and of the title, people, organisations, places, figures and
dates), the approach of Miranda et al. (2018), whose story model weighs such TF-IDF similarities
and time features; here the weights are few and chosen on held-apart data (docs/quality.md,
"Stories"). When both articles are dated, the similarity decays with the time between them
(a Gaussian of ``days`` standard deviation, as in Miranda et al.): reports of one event come out
within days, and two similar events weeks apart are different stories. Undated articles are
compared on their content alone, so a corpus without dates still groups.

A decay wide enough to keep a story's follow-ups of the next weeks together also joins two
similar events a few days apart: casualty reports from one city in a long war. ``apart`` below 1
turns on a test of the day each report says its event happened on (story_dates): when both leads
name days and none of one is within a day of one of the other, the similarity is multiplied by
``apart``. It is off by default: on the story gold the defaults were chosen on, most of the pairs
whose fate it decides are one story told over weeks (a rehab stint, charges filed after a
shooting), each report naming its own day; on FA-KES, a dense stream of one war whose gold is
"same day and place", it is right nearly every time (docs/quality.md, "Stories"). A caller
grouping such a stream can turn it on.

Stories are the clusters of average-linkage agglomerative clustering stopped at ``threshold``: two
groups merge while the mean similarity over all pairs of their articles is the highest left and
at least the threshold. Unlike joining every pair above a threshold (single linkage), one
article that mentions two events cannot chain them together; unlike single-pass clustering, the
result does not depend on the order the articles arrive in.

Cost stays near linear in the number of articles: the similarities computed are only those of
each article with its ``neighbours`` best candidates, found through an inverted index probed with
the article's ``probes`` heaviest terms, each posting list scanned from the nearest in time and at
most ``scan`` entries deep (a dated article only within four standard deviations of time). Pairs
never compared count as unrelated, which average linkage treats as similarity zero.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from briefing import Article, Place, Stakeholder
from briefing.plugins.analysis.assemble.story_dates import apart, event_days
from briefing.plugins.analysis.assemble.story_features import (
    Channels,
    article_terms,
    channel_part,
    combined,
    dot,
    entity_counts,
    weigh,
)
from briefing.plugins.analysis.assemble.story_split import split_events

DAY = 86_400.0


def _default_weights() -> dict[str, float]:
    return {"body": 1.0, "title": 0.3, "people": 0.8, "bodies": 0.3, "places": 0.15, "details": 0.5}


@dataclass(frozen=True)
class GroupingOptions:
    """The grouping's settings. The defaults were chosen on half A of the ECB+ and GVC DEV sets
    (bench/eval_stories.py; figures in docs/quality.md, "Stories"): ``threshold``, ``background``
    and ``names_background`` (story_features) together, with each ECB+ topic also grouped alone,
    as a briefing of one subject is. ``apart`` (1: off) and ``lead_words`` are the day test of the
    module doc; 0.25 and 60 are what was tried. ``details_floor`` (story_features.weigh) and
    ``details_gate`` (pair_similarity) were chosen on half A too: floors of 2 to 6 score alike
    there, 3 is the middle (1 turns it off); gates of 0 to 0.08 score alike there, and 0.05, half
    the threshold, is taken (0 turns it off). Both were added for days of real news the gold sets
    do not show (docs/quality.md, "Stories")."""

    threshold: float = 0.1
    weights: Mapping[str, float] = field(default_factory=_default_weights)
    background: float = 300.0
    names_background: float = 300.0
    days: float = 30.0
    split: float = 0.2
    apart: float = 1.0
    lead_words: int = 60
    neighbours: int = 30
    probes: int = 12
    scan: int = 200
    keep: int = 60
    max_words: int = 400
    details_floor: int = 3
    details_gate: float = 0.05


def group_articles(articles: Sequence[Article], stakeholders: Sequence[Stakeholder] = (),
                   places: Sequence[Place] = (), options: GroupingOptions | None = None
                   ) -> list[list[str]]:
    """Stories as lists of article ids, biggest first, each in publication order (undated last,
    in the order given)."""
    options = options or GroupingOptions()
    if not articles:
        return []
    terms = article_terms(articles, entity_counts(stakeholders, places), options.max_words)
    order = sorted(range(len(terms)), key=lambda i: (terms[i].when is None, terms[i].when or 0.0, i))
    channels = weigh([terms[i] for i in order], options.keep, options.background,
                     options.names_background, options.details_floor)
    vectors = combined(channels, options.weights)
    times = [terms[i].when for i in order]
    days = [event_days(articles[i].text, articles[i].published_at, options.lead_words) for i in order] \
        if options.apart < 1.0 else [frozenset()] * len(order)
    edges = _edges(vectors, channels, times, days, options)
    clusters = average_linkage(len(order), edges, options.threshold)
    clusters = split_events(clusters, channels, options.weights, average_linkage, options.split)
    stories = [[terms[order[k]].id for k in sorted(members)] for members in clusters]
    return sorted(stories, key=lambda members: -len(members))


def _edges(vectors: Sequence[dict[int, float]], channels: Sequence[Channels],
           times: Sequence[float | None], days: Sequence[frozenset[int]], options: GroupingOptions
           ) -> dict[tuple[int, int], float]:
    """Similarities of each article with its best earlier candidates (articles in time order)."""
    window = 4.0 * options.days * DAY
    postings: dict[int, list[int]] = defaultdict(list)
    edges: dict[tuple[int, int], float] = {}
    for i, vector in enumerate(vectors):
        when = times[i]
        probes = sorted(vector, key=lambda term: -vector[term])[: options.probes]
        hits: dict[int, float] = defaultdict(float)
        for term in probes:
            posting = postings.get(term)
            if not posting:
                continue
            weight = vector[term]
            for j in reversed(posting[-options.scan:]):
                other = times[j]
                if when is not None and other is not None and when - other > window:
                    break
                hits[j] += weight * vectors[j][term]
        for j in heapq.nlargest(options.neighbours, hits, key=hits.__getitem__):
            similarity = pair_similarity(vector, vectors[j], channels[i], channels[j], options) \
                * _decay(when, times[j], options.days)
            if days[i] and days[j] and apart(days[i], days[j]):
                similarity *= options.apart
            if similarity > 0:
                edges[(j, i)] = similarity
        for term in vector:
            postings[term].append(i)
    return edges


def pair_similarity(a: Mapping[int, float], b: Mapping[int, float], a_channels: Channels,
                    b_channels: Channels, options: GroupingOptions) -> float:
    """The weighted mean of the channel cosines, less the details channel's part when the other
    channels give less than ``details_gate``: shared figures and dates confirm that two reports
    that say the same things tell one event; alone they do not make one ("last May" in a trial in
    China and "in May" in a prison case were a story on a day of mixed news)."""
    similarity = dot(a, b)
    details = channel_part(a_channels, b_channels, "details", options.weights)
    return similarity - details if similarity - details < options.details_gate else similarity


def _decay(first: float | None, second: float | None, days: float) -> float:
    """1 when either date is unknown, else a Gaussian of the days between the two."""
    if first is None or second is None:
        return 1.0
    return math.exp(-(((first - second) / DAY) ** 2) / (2 * days * days))


def average_linkage(count: int, edges: Mapping[tuple[int, int], float], threshold: float,
                    until: int = 1) -> list[list[int]]:
    """Clusters of ``count`` items merged by average linkage over the sparse ``edges`` while the
    best mean pair similarity reaches ``threshold`` (absent pairs count as zero) and more than
    ``until`` clusters are left."""
    sums: dict[int, dict[int, float]] = defaultdict(dict)
    for (a, b), value in edges.items():
        sums[a][b] = sums[a].get(b, 0.0) + value
        sums[b][a] = sums[b].get(a, 0.0) + value
    members = {i: [i] for i in range(count)}
    version = [0] * count
    heap = [(-value, a, b, 0, 0) for (a, b), value in edges.items() if value >= threshold]
    heapq.heapify(heap)
    while heap and len(members) > until:
        negative, a, b, version_a, version_b = heapq.heappop(heap)
        if -negative < threshold:
            break
        if a not in members or b not in members or version[a] != version_a or version[b] != version_b:
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        members[a].extend(members.pop(b))
        version[a] += 1
        for c, value in sums.pop(b).items():
            del sums[c][b]
            if c != a:
                sums[a][c] = sums[a].get(c, 0.0) + value
                sums[c][a] = sums[a][c]
        sums[a].pop(a, None)
        size = len(members[a])
        for c, total in sums[a].items():
            mean = total / (size * len(members[c]))
            if mean >= threshold:
                heapq.heappush(heap, (-mean, min(a, c), max(a, c), version[min(a, c)],
                                      version[max(a, c)]))
    return list(members.values())
