"""How often a word turns up in English text at large: the background a run's own counts lack.

Story grouping weighs a word by how rare it is among the articles being grouped (inverse
document frequency). Over a day of many subjects that is a fair guess of how telling a word is:
"earthquake" in 20 of 400 reports marks those 20. Over a day of one subject it is not: every
report of a flu outbreak says "flu", the word weighs as little as "people", and two reports of
the same announcement look no more alike than two reports of different ones, so one event is told
as several stories. A collection too small or too narrow for its own statistics is counted
together with a background of general text. A word's background share is the chance that a
document of ``DOCUMENT_WORDS`` words of ordinary English contains it, from the word frequencies of
the ``wordfreq`` package (Speer 2022; Wikipedia, subtitles, news, books, web text), summed over
the written forms that share a stem.

Only the ``TOP_WORDS`` commonest words are read (about half a second, once per process): a word
rarer than those is in fewer than 1 in 7,000 documents, which is as good as none.
"""

from __future__ import annotations

import math
from functools import lru_cache

from briefing.plugins.text.words import stem

DOCUMENT_WORDS = 400
"""The words of a typical news article, as story_features reads at most (``max_words``)."""
TOP_WORDS = 50_000


@lru_cache(maxsize=1)
def _shares() -> dict[str, float]:
    from wordfreq import top_n_list, word_frequency

    frequency: dict[str, float] = {}
    for word in top_n_list("en", TOP_WORDS):
        key = stem(word)
        frequency[key] = frequency.get(key, 0.0) + word_frequency(word, "en")
    return {key: 1.0 - math.exp(-DOCUMENT_WORDS * f) for key, f in frequency.items()}


def document_share(term: str) -> float:
    """The share of ordinary English documents that hold ``term`` (a stem, as text.words makes
    them); 0 for a word too rare to be among the commonest, and for names."""
    return _shares().get(term, 0.0)
