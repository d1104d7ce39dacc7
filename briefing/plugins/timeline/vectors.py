"""Bag-of-words vectors for comparing sentences: tf-idf weights in plain dictionaries.

A timeline compares a few thousand candidate sentences with a centroid, so sparse dictionaries
are fast enough and need nothing beyond the standard library. The idf is learnt from every
sentence the timeline reads, so words common to the whole story ("oil", "spill") weigh less than
the words of one day's events.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

Vector = dict[str, float]

_WORD = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")
_STOP_WORDS = """
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me more
most my myself no nor not now of off on once only or other our ours ourselves out over own same she
should so some such than that the their theirs them themselves then there these they this those
through to too under until up very was we were what when where which while who whom why will with
would you your yours yourself yourselves said says say told according mr mrs ms s t lrb rrb lsb rsb
lcb rcb n't 's 're 've 'll 'd one two us
"""
STOP_WORDS = frozenset(_STOP_WORDS.split()) | frozenset("0123456789")  # and lone digits


def words(text: str) -> list[str]:
    """Lower-cased content words (tokenised text's ``-LRB-`` and friends dropped with the stop words)."""
    return [w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS]


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
