"""The baseline story clustering the literature starts from: single-pass over TF-IDF vectors.

Each document, in the order given, joins the existing cluster whose centroid (the sum of its
members' vectors) is most cosine-similar to it, when that similarity reaches the threshold, and
otherwise starts a cluster of its own (Allan et al. 1998, topic detection and tracking; the
"TF-IDF single-pass" line of Miranda et al. 2018). Words are lower-cased alphanumeric tokens, the
usual English function words left out; weights are raw term counts times smoothed IDF over the
documents being clustered, rows L2-normalised, as scikit-learn's TfidfVectorizer does by default.
It knows nothing of entities, titles or dates: that is what makes it a baseline.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from briefing.plugins.text.words import FUNCTION_WORDS

_TOKEN = re.compile(r"\w\w+", re.UNICODE)


def tfidf_rows(texts: Sequence[str]) -> list[dict[str, float]]:
    bags = [Counter(t for t in _TOKEN.findall(text.casefold()) if t not in FUNCTION_WORDS)
            for text in texts]
    frequency: Counter[str] = Counter()
    for bag in bags:
        frequency.update(bag.keys())
    total = len(texts)
    idf = {term: math.log((1 + total) / (1 + count)) + 1.0 for term, count in frequency.items()}
    rows = []
    for bag in bags:
        row = {term: count * idf[term] for term, count in bag.items()}
        norm = math.sqrt(sum(v * v for v in row.values())) or 1.0
        rows.append({term: value / norm for term, value in row.items()})
    return rows


def single_pass(ids: Sequence[str], texts: Sequence[str], threshold: float) -> list[list[str]]:
    """Clusters of ``ids`` (documents in the given order) at cosine ``threshold``."""
    rows = tfidf_rows(texts)
    centroids: list[dict[str, float]] = []
    norms: list[float] = []       # each centroid's squared length, kept up to date
    members: list[list[str]] = []
    for doc_id, row in zip(ids, rows, strict=True):
        best, best_score = -1, threshold
        for index, centroid in enumerate(centroids):
            dot = sum(value * centroid.get(term, 0.0) for term, value in row.items())
            score = dot / math.sqrt(norms[index]) if norms[index] else 0.0
            if score >= best_score:
                best, best_score = index, score
        if best < 0:
            centroids.append(dict(row))
            norms.append(sum(v * v for v in row.values()))
            members.append([doc_id])
        else:
            centroid = centroids[best]
            for term, value in row.items():
                old = centroid.get(term, 0.0)
                centroid[term] = old + value
                norms[best] += (old + value) ** 2 - old * old
            members[best].append(doc_id)
    return members
