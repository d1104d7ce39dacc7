"""Bag-of-words vectors for comparing sentences: tf-idf weights in plain dictionaries.

A timeline compares a few thousand candidate sentences with a centroid, so sparse dictionaries
are fast enough and need nothing beyond the standard library. The idf is learnt from every
sentence the timeline reads, so words common to the whole story ("oil", "spill") weigh less than
the words of one day's events.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping

from briefing.plugins.text.words import STOP_WORDS as SHARED_STOP_WORDS
from briefing.plugins.text.words import word_set
from briefing.plugins.text.words import words as shared_words

Vector = dict[str, float]

# Beyond the shared (narrow) stop words: reporting verbs, forms of address and small numbers say
# nothing of a day's events, and tokenised corpora spell brackets as words (-LRB-).
STOP_WORDS = SHARED_STOP_WORDS | word_set("""
said says say told according mr mrs ms s t lrb rrb lsb rsb lcb rcb n't 's 're 've 'll 'd one two us
""")


def words(text: str) -> list[str]:
    """Lower-cased content words: the shared tokeniser's, less stop words and lone digits."""
    return [w for w in shared_words(text) if w not in STOP_WORDS and not (len(w) == 1 and w.isdigit())]


class Idf:
    """Inverse document frequencies over a set of token lists (each sentence a document)."""

    def __init__(self, documents: Iterable[Iterable[str]]) -> None:
        counts: Counter[str] = Counter()
        total = 0
        for document in documents:
            counts.update(set(document))
            total += 1
        self.total = total
        self.counts = counts
        self._cache: dict[str, float] = {}

    def __getitem__(self, word: str) -> float:
        weight = self._cache.get(word)
        if weight is None:
            weight = math.log((1 + self.total) / (1 + self.counts.get(word, 0))) + 1.0
            self._cache[word] = weight
        return weight

    def vector(self, tokens: Iterable[str]) -> Vector:
        """The unit-length tf-idf vector of a token list (empty when it has no words)."""
        weights = {word: count * self[word] for word, count in Counter(tokens).items()}
        return normalised(weights)


def normalised(vector: Mapping[str, float]) -> Vector:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {k: v / norm for k, v in vector.items()} if norm else {}


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def add_into(total: dict[str, float], vector: Mapping[str, float], weight: float = 1.0) -> None:
    for key, value in vector.items():
        total[key] = total.get(key, 0.0) + weight * value
