"""The timeline of a set of articles: the T days that matter, each with the K sentences that say
what happened, every sentence with its evidence.

The method is Datewise (Gholipour Ghalandari and Ifrim, ACL 2020): rank days (ranking.py), collect
each top day's candidate sentences and summarise them (summarise.py). Days whose candidates
yield no usable sentence are passed over for the next in rank, so a timeline has T days when the
articles allow it. Nothing here knows where the articles came from: the CLI, the bot and the
evaluation all call `build_timeline`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from briefing import Evidence
from briefing.plugins.timeline.corpus import DatedArticle, DatedSentence, dated_sentences
from briefing.plugins.timeline.ranking import DateWeights, rank_dates
from briefing.plugins.timeline.summarise import Candidate, SummaryOptions, choose
from briefing.plugins.timeline.vectors import Idf, words

QUOTE_MARKS = re.compile(r"[\"“”]|``|''")


@dataclass(frozen=True)
class TimelineSettings:
    """What to make and how; the defaults were chosen on the first half of Timeline17 DEV."""

    dates: int = 10
    sentences: int = 2
    start: date | None = None  # only articles published and days falling in [start, end]
    end: date | None = None
    weights: DateWeights = field(default_factory=DateWeights)
    after_days: int = 2  # articles published up to this many days after a day report it
    lead: int = 5  # of those, only the opening sentences
    redundancy: float = 0.3  # cosine above which a sentence repeats one already chosen
    min_words: int = 6
    max_words: int = 60
    topic_words: int = 80  # > 0: a sentence must hold one of the story's N most widespread words
    quotes: bool = True  # False: leave out sentences that quote someone (what was said, not done)


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    day: date
    sentences: tuple[str, ...]
    evidence: tuple[Evidence, ...]  # one per sentence, in the same order
    score: float


def build_timeline(articles: Iterable[DatedArticle], settings: TimelineSettings) -> list[TimelineEntry]:
    """The timeline, days ascending."""
    sentences = dated_sentences(in_span(articles, settings))
    if not sentences:
        return []
    tokens = [words(s.text) for s in sentences]
    idf = Idf(tokens)
    topic = _topic_words(sentences, tokens, settings.topic_words)
    by_mention: dict[date, list[int]] = defaultdict(list)
    by_report: dict[date, list[int]] = defaultdict(list)
    for i, sentence in enumerate(sentences):
        for day in sentence.days:
            by_mention[day].append(i)
        if sentence.index < settings.lead and not sentence.days:
            for back in range(settings.after_days + 1):
                by_report[date.fromordinal(sentence.published.toordinal() - back)].append(i)
    options = SummaryOptions(settings.sentences, settings.redundancy, settings.min_words,
                             settings.max_words)
    entries: list[TimelineEntry] = []
    used: set[int] = set()  # a sentence says what happened on one day only
    for ranked in rank_dates(sentences, settings.weights, start=settings.start, end=settings.end):
        if len(entries) >= settings.dates:
            break
        indices = by_mention.get(ranked.day, []) + by_report.get(ranked.day, [])
        candidates = [Candidate(sentences[i], idf.vector(tokens[i]), bool(sentences[i].days), i)
                      for i in indices if i not in used and (not topic or topic.intersection(tokens[i]))
                      and (settings.quotes or not QUOTE_MARKS.search(sentences[i].text))]
        picked = choose(candidates, options)
        if picked:
            used.update(c.position for c in picked)
            entries.append(TimelineEntry(
                ranked.day,
                tuple(c.sentence.text for c in picked),
                tuple(Evidence(c.sentence.article_id, c.sentence.index, c.sentence.text) for c in picked),
                ranked.score,
            ))
    entries.sort(key=lambda e: e.day)
    return entries


def in_span(articles: Iterable[DatedArticle], settings: TimelineSettings) -> list[DatedArticle]:
    """The articles published within the settings' start and end."""
    return [a for a in articles if (settings.start is None or a.published >= settings.start)
            and (settings.end is None or a.published <= settings.end)]


def _topic_words(sentences: Sequence[DatedSentence], tokens: Sequence[list[str]], count: int) -> set[str]:
    """The ``count`` words found in the most articles: what the story is about."""
    if count <= 0:
        return set()
    per_article: dict[str, set[str]] = defaultdict(set)
    for sentence, sentence_tokens in zip(sentences, tokens, strict=True):
        per_article[sentence.article_id].update(sentence_tokens)
    spread: Counter[str] = Counter()
    for found in per_article.values():
        spread.update(found)
    return {word for word, _ in spread.most_common(count)}
