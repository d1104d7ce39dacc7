"""Sentence centrality with a position prior, and redundancy-aware selection.

The ranking is LexRank/TextRank (Erkan & Radev 2004; Mihalcea & Tarau 2004): sentences are nodes,
edges are tf-idf cosine similarities, and a sentence is central when it resembles many central
sentences. News puts the most important content first, so the random walk restarts on a prior that
favours early sentences (a "lead prior", as in position-biased PageRank) instead of uniformly.
Selection is greedy maximal marginal relevance (Carbonell & Goldstein 1998): each pick trades its
score against its similarity to what was already picked, so the same fact is not said twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefing.plugins.text_similarity import content_terms, cosine, idf_weights, tfidf_vector


@dataclass(frozen=True)
class RankedSentence:
    key: int
    score: float


def lead_prior(positions: Sequence[int], decay: float = 0.75) -> list[float]:
    """Prior weight of each sentence from its position in its article (0 = first)."""
    return [1.0 / (1.0 + decay * position) for position in positions]


def similarity_matrix(texts: Sequence[str]) -> list[list[float]]:
    """Pairwise tf-idf cosine similarity of the texts (diagonal 0)."""
    bags = [content_terms(text) for text in texts]
    idf = idf_weights(bags)
    vectors = [tfidf_vector(bag, idf) for bag in bags]
    size = len(texts)
    matrix = [[0.0] * size for _ in range(size)]
    for i in range(size):
        for j in range(i + 1, size):
            value = cosine(vectors[i], vectors[j])
            matrix[i][j] = matrix[j][i] = value
    return matrix


def centrality(matrix: Sequence[Sequence[float]], prior: Sequence[float], damping: float = 0.85,
               iterations: int = 50, tolerance: float = 1e-6) -> list[float]:
    """Personalised PageRank over the similarity graph, restarting on ``prior``; sums to 1."""
    size = len(matrix)
    if size == 0:
        return []
    total_prior = sum(prior) or 1.0
    restart = [p / total_prior for p in prior]
    out_weight = [sum(row) for row in matrix]
    scores = list(restart)
    for _ in range(iterations):
        new = [(1.0 - damping) * restart[i] for i in range(size)]
        dangling = sum(scores[j] for j in range(size) if out_weight[j] == 0.0)
        for j in range(size):
            if out_weight[j] == 0.0:
                continue
            share = damping * scores[j] / out_weight[j]
            row = matrix[j]
            for i in range(size):
                if row[i]:
                    new[i] += share * row[i]
        for i in range(size):
            new[i] += damping * dangling * restart[i]
        delta = sum(abs(a - b) for a, b in zip(new, scores, strict=True))
        scores = new
        if delta < tolerance:
            break
    return scores


def select(scores: Sequence[float], matrix: Sequence[Sequence[float]], count: int,
           redundancy: float = 0.5, max_similarity: float = 0.6,
           lengths: Sequence[int] | None = None, budget: int | None = None) -> list[int]:
    """Greedy MMR picks of up to ``count`` indices, best first.

    A candidate more similar than ``max_similarity`` to a pick is skipped outright; the others
    are scored ``score - redundancy * top * max_sim`` (``top`` = best score, to keep units). With
    ``lengths`` and ``budget`` (e.g. words), a candidate that would overflow the budget is skipped.
    """
    if not scores:
        return []
    top = max(scores) or 1.0
    chosen: list[int] = []
    used = 0
    candidates = set(range(len(scores)))
    while candidates and len(chosen) < count:
        best, best_value = -1, float("-inf")
        for i in candidates:
            overlap = max((matrix[i][j] for j in chosen), default=0.0)
            if overlap > max_similarity:
                continue
            if lengths is not None and budget is not None and used + lengths[i] > budget:
                continue
            value = scores[i] - redundancy * top * overlap
            if value > best_value or (value == best_value and i < best):
                best, best_value = i, value
        if best < 0:
            break
        chosen.append(best)
        candidates.discard(best)
        if lengths is not None:
            used += lengths[best]
    return chosen


def rank(texts: Sequence[str], positions: Sequence[int], decay: float = 0.75,
         damping: float = 0.85) -> tuple[list[float], list[list[float]]]:
    """Centrality scores of the texts (with a lead prior) and their similarity matrix."""
    matrix = similarity_matrix(texts)
    return centrality(matrix, lead_prior(positions, decay), damping), matrix
