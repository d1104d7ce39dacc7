"""Sentence centrality with a position prior, and redundancy-aware selection.

The ranking is LexRank/TextRank (Erkan & Radev 2004; Mihalcea & Tarau 2004): sentences are nodes,
edges are tf-idf cosine similarities, and a sentence is central when it resembles many central
sentences. News puts the most important content first, so the random walk restarts on a prior that
favours early sentences (a "lead prior", as in position-biased PageRank) instead of uniformly.
Selection is greedy maximal marginal relevance (Carbonell & Goldstein 1998): each pick trades its
score against its similarity to what was already picked, so the same fact is not said twice.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from briefing.plugins.text.similarity import idf_weights, tfidf_vector
from briefing.plugins.text.words import content_terms


def lead_prior(positions: Sequence[int], decay: float = 0.75) -> list[float]:
    """Prior weight of each sentence from its position in its article (0 = first)."""
    return [1.0 / (1.0 + decay * position) for position in positions]


# Neighbours of each sentence with their similarity: sparse, since most pairs share no content word.
Graph = list[dict[int, float]]


def similarity_graph(texts: Sequence[str], min_similarity: float = 0.0) -> Graph:
    """Tf-idf cosine similarity of every pair of texts that shares a content word, kept when above
    ``min_similarity`` (LexRank's thresholded graph uses 0.1; 0 keeps every non-zero edge).

    Dot products are summed through an inverted index of terms, so pairs with nothing in common cost
    nothing; the work is the sum over terms of the square of each term's number of texts.
    """
    bags = [content_terms(text) for text in texts]
    idf = idf_weights(bags)
    vectors = [tfidf_vector(bag, idf) for bag in bags]
    norms = [math.sqrt(sum(v * v for v in vector.values())) for vector in vectors]
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, vector in enumerate(vectors):
        for term, weight in vector.items():
            postings[term].append((i, weight))
    dots: list[dict[int, float]] = [{} for _ in texts]
    for posting in postings.values():
        for a, (i, weight_i) in enumerate(posting):
            row = dots[i]
            for j, weight_j in posting[a + 1:]:
                row[j] = row.get(j, 0.0) + weight_i * weight_j
    graph: Graph = [{} for _ in texts]
    for i, row in enumerate(dots):
        for j, dot in row.items():
            value = dot / (norms[i] * norms[j])
            if value > min_similarity:
                graph[i][j] = graph[j][i] = value
    return [dict(sorted(neighbours.items())) for neighbours in graph]


def centrality(graph: Graph, prior: Sequence[float], damping: float = 0.85,
               iterations: int = 50, tolerance: float = 1e-6) -> list[float]:
    """Personalised PageRank over the similarity graph, restarting on ``prior``; sums to 1.

    The power iteration runs on a dense transition matrix: the graphs ranked here are one
    article's sentences or a summary's bounded candidate pool (a few hundred at most), where a
    matrix product per iteration costs microseconds and a Python loop over the edges did not."""
    import numpy as np

    size = len(graph)
    if size == 0:
        return []
    restart = np.asarray(prior, dtype=float)
    restart = restart / (restart.sum() or 1.0)
    weights = np.zeros((size, size))
    for j, neighbours in enumerate(graph):  # column j: what node j passes on, to each neighbour
        for i, weight in neighbours.items():
            weights[i, j] = weight
    out_weight = weights.sum(axis=0)
    dangling = out_weight == 0.0  # a sentence like no other passes its score to the prior
    transition = np.divide(weights, out_weight, out=np.zeros_like(weights), where=~dangling)
    scores = restart
    for _ in range(iterations):
        new = (1.0 - damping + damping * scores[dangling].sum()) * restart + damping * (transition @ scores)
        delta = np.abs(new - scores).sum()
        scores = new
        if delta < tolerance:
            break
    return [float(score) for score in scores]


def select(scores: Sequence[float], graph: Graph, count: int,
           redundancy: float = 0.5, max_similarity: float = 0.6,
           lengths: Sequence[int] | None = None, budget: int | None = None,
           groups: Sequence[str] | None = None) -> list[int]:
    """Greedy MMR picks of up to ``count`` indices, best first.

    A candidate more similar than ``max_similarity`` to a pick is skipped outright; the others
    are scored ``score - redundancy * top * max_sim`` (``top`` = best score, to keep units). With
    ``lengths`` and ``budget`` (e.g. words), a candidate that would overflow the budget is skipped.
    With ``groups`` (e.g. each sentence's article), a group gives a second pick only once every
    group with an eligible candidate has given one: several sources before a second from one.
    """
    if not scores:
        return []
    top = max(scores) or 1.0
    chosen: list[int] = []
    used = 0
    candidates = set(range(len(scores)))
    used_groups: set[str] = set()
    while candidates and len(chosen) < count:
        best, best_value, best_repeat = -1, float("-inf"), True
        for i in candidates:
            overlap = max((graph[i].get(j, 0.0) for j in chosen), default=0.0)
            if overlap > max_similarity:
                continue
            if lengths is not None and budget is not None and used + lengths[i] > budget:
                continue
            value = scores[i] - redundancy * top * overlap
            repeat = groups is not None and groups[i] in used_groups
            if (repeat, -value, i) < (best_repeat, -best_value, best):
                best, best_value, best_repeat = i, value, repeat
        if best < 0:
            break
        chosen.append(best)
        if groups is not None:
            used_groups.add(groups[best])
        candidates.discard(best)
        if lengths is not None:
            used += lengths[best]
    return chosen


def rank(texts: Sequence[str], positions: Sequence[int], decay: float = 0.75,
         damping: float = 0.85) -> tuple[list[float], Graph]:
    """Centrality scores of the texts (with a lead prior) and their similarity graph."""
    graph = similarity_graph(texts)
    return centrality(graph, lead_prior(positions, decay), damping), graph
