"""What happened on a day: the candidate sentences for it, and the K that best say it.

Candidates (after news-tls's PM sentence collector): the sentences that name the day, and the
opening sentences of the articles published on it or soon after that name no day of their own (a
report of yesterday's events opens with them). The summary is chosen greedily so that the chosen
sentences together stay closest to the centroid of all candidates, skipping a sentence too
similar to one already chosen (the same wire copy in three papers).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefing.plugins.timeline.corpus import DatedSentence
from briefing.plugins.timeline.vectors import Vector, add_into, dot, normalised


@dataclass(frozen=True)
class SummaryOptions:
    sentences: int = 2
    redundancy: float = 0.3  # cosine above which a sentence repeats one already chosen
    min_words: int = 6
    max_words: int = 60


@dataclass(frozen=True, slots=True)
class Candidate:
    sentence: DatedSentence
    vector: Vector
    mentions_day: bool  # names the day (rather than being reported on or just after it)
    position: int = 0  # the caller's index of the sentence


def centroid(candidates: Sequence[Candidate]) -> Vector:
    """The mean of the two kinds of candidates, each kind counted once, so that a day with many
    reports and few mentions (or the reverse) still has both in its centre."""
    total: Vector = {}
    for kind in (True, False):
        group = [c for c in candidates if c.mentions_day is kind]
        for candidate in group:
            add_into(total, candidate.vector, 1.0 / len(group))
    return normalised(total)


def choose(candidates: Sequence[Candidate], options: SummaryOptions) -> list[Candidate]:
    """Up to ``options.sentences`` candidates, greedily keeping their sum nearest the centroid."""
    usable = [c for c in candidates if c.vector
              and options.min_words <= len(c.sentence.text.split()) <= options.max_words]
    if not usable:
        return []
    centre = centroid(candidates)
    chosen: list[Candidate] = []
    summary: Vector = {}
    summary_norm2 = summary_dot_centre = 0.0
    remaining = list(range(len(usable)))
    while remaining and len(chosen) < options.sentences:
        best, best_score = -1, -1.0
        for i in remaining:
            vector = usable[i].vector
            overlap = dot(summary, vector) if summary else 0.0
            norm2 = summary_norm2 + 2 * overlap + 1.0  # candidate vectors have unit length
            score = (summary_dot_centre + dot(vector, centre)) / norm2 ** 0.5
            if score > best_score:
                best, best_score = i, score
        remaining.remove(best)
        candidate = usable[best]
        if any(dot(candidate.vector, c.vector) > options.redundancy for c in chosen):
            continue
        chosen.append(candidate)
        summary_norm2 += 2 * dot(summary, candidate.vector) + 1.0
        summary_dot_centre += dot(candidate.vector, centre)
        add_into(summary, candidate.vector)
    return chosen
