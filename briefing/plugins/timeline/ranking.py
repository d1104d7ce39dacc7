"""Which days matter: the days the articles keep coming back to, and the days they were written.

After Datewise (Gholipour Ghalandari and Ifrim, ACL 2020): a day that later articles mention
again and again is a day something happened; a day many articles appeared on is one too. The score
of a day is a weighted count of both, with weights chosen on one half of the Timeline17 DEV
topics (docs/quality.md): a mention by a later article counts twice as much as an article of the
day; a mention on the day itself ("today", "on Tuesday" in Tuesday's paper) adds nothing that
the article's own publication count does not already say, and counting it made the dates worse.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from briefing.plugins.timeline.corpus import DatedSentence


@dataclass(frozen=True)
class DateWeights:
    """How much each kind of evidence counts towards a day's importance."""

    later: float = 2.0  # a sentence of a later article that mentions the day
    same_day: float = 0.0  # a sentence of an article of that day that mentions it ("today")
    earlier: float = 0.0  # a sentence of an earlier article that mentions it (an announcement)
    published: float = 1.0  # an article published that day


@dataclass(frozen=True, slots=True)
class RankedDate:
    day: date
    score: float
    mentions: int
    published: int


def rank_dates(sentences: Iterable[DatedSentence], weights: DateWeights, *,
               start: date | None = None, end: date | None = None) -> list[RankedDate]:
    """Days between ``start`` and ``end`` (inclusive), most important first; ties go to the earlier."""
    later: Counter[date] = Counter()
    same: Counter[date] = Counter()
    earlier: Counter[date] = Counter()
    published: Counter[date] = Counter()
    seen_articles: set[str] = set()
    for sentence in sentences:
        if sentence.article_id not in seen_articles:
            seen_articles.add(sentence.article_id)
            published[sentence.published] += 1
        for day in sentence.days:
            if day < sentence.published:
                later[day] += 1
            elif day == sentence.published:
                same[day] += 1
            else:
                earlier[day] += 1
    ranked = []
    for day in set(later) | set(same) | set(earlier) | set(published):
        if (start is not None and day < start) or (end is not None and day > end):
            continue
        score = (weights.later * later[day] + weights.same_day * same[day]
                 + weights.earlier * earlier[day] + weights.published * published[day])
        if score > 0:
            ranked.append(RankedDate(day, score, later[day] + same[day] + earlier[day], published[day]))
    ranked.sort(key=lambda r: (-r.score, r.day))
    return ranked
