"""Stories that continue across days: today's story linked to one an earlier briefing told.

Yesterday's coup and today's arrests are one story. A daily briefing therefore compares each of
today's stories with the stories its earlier briefings told (within the briefing's horizon, given
to the assembler as ``previous``) and, when one continues an earlier story, gives it the earlier
story's id and first-briefed time, so a reader, a template or a plugin can follow it from day to
day.

A story continues an earlier one when they share an article (a run without a ``window`` sees
yesterday's articles again), or when the story grouping would have put them together had they
been grouped in one run: the mean over all pairs of their articles of story_grouping's own
similarity (story_features' channel cosines, decayed with the time between the two articles)
reaches the grouping's threshold. That is the average-linkage rule the grouping stops at, so a
story is linked across days exactly when it would have been merged within a day (with the
same gate on what shared figures and dates alone may do: story_grouping.pair_similarity). Earlier
articles are described from the earlier briefing (its stored texts, stakeholders and places), and
the rarity of each term is counted over today's and the earlier articles together.

Each earlier story continues in at most one of today's stories (ids stay unique): shared articles
first, then the pairs with the most similarity between them, summed over all pairs of their
articles. The sum, not the mean, decides who inherits: when a story of twenty reports and a lone
blog post both pass the threshold against yesterday's story, the twenty reports are where it goes
on, though the post's mean may be a hair higher (the mean only says whether they would have been
grouped, which both would). A story told on several earlier days is one earlier story: its id is
the same in each.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from briefing import Article, Briefing, Place, Stakeholder
from briefing.plugins.analysis.assemble.story_features import (
    article_terms,
    combined,
    entity_counts,
    weigh,
)
from briefing.plugins.analysis.assemble.story_grouping import GroupingOptions, _decay, pair_similarity


@dataclass
class Told:
    """A story as earlier briefings told it: its id, when it was first told, and every article
    it had in any of them."""

    id: str
    title: str
    first_briefed: datetime
    article_ids: list[str] = field(default_factory=list)


def told_stories(previous: Sequence[Briefing]) -> list[Told]:
    """The stories of the earlier briefings (oldest first), one per id."""
    found: dict[str, Told] = {}
    for briefing in previous:
        for story in briefing.stories:
            if not story.id:
                continue
            when = story.first_briefed or briefing.generated_at
            told = found.setdefault(story.id, Told(story.id, story.title, when))
            told.first_briefed = min(told.first_briefed, when)
            told.article_ids.extend(i for i in story.article_ids if i not in told.article_ids)
    return list(found.values())


def covered_articles(previous: Sequence[Briefing]) -> set[str]:
    """The ids of every article an earlier briefing covered."""
    return {article.id for briefing in previous for article in briefing.articles}


def link_stories(groups: Sequence[Sequence[str]], articles: Sequence[Article],
                 stakeholders: Sequence[Stakeholder], places: Sequence[Place],
                 previous: Sequence[Briefing], options: GroupingOptions | None = None
                 ) -> dict[int, Told]:
    """Index of a group in ``groups`` (today's stories as article ids) -> the earlier story it
    continues; groups that continue none are left out."""
    options = options or GroupingOptions()
    told = told_stories(previous)
    if not told or not groups:
        return {}
    # (shared articles, similarity mass, group, told): shared articles first, then the most mass
    candidates: list[tuple[int, float, int, int]] = []
    today = {article_id: n for n, group in enumerate(groups) for article_id in group}
    for t, story in enumerate(told):
        shared = Counter(today[i] for i in story.article_ids if i in today)
        candidates.extend((count, 0.0, g, t) for g, count in shared.items())
    candidates.extend((0, mass, g, t) for mass, g, t in
                      _similar(groups, articles, stakeholders, places, previous, told, options))
    links: dict[int, Told] = {}
    taken: set[int] = set()
    for _, _, g, t in sorted(candidates, key=lambda c: (-c[0], -c[1], c[2], c[3])):
        if g not in links and t not in taken:
            links[g] = told[t]
            taken.add(t)
    return links


def _similar(groups: Sequence[Sequence[str]], articles: Sequence[Article],
             stakeholders: Sequence[Stakeholder], places: Sequence[Place],
             previous: Sequence[Briefing], told: Sequence[Told], options: GroupingOptions
             ) -> list[tuple[float, int, int]]:
    """(similarity summed over all pairs of their articles, group, told) for the groups and
    earlier stories whose mean pair similarity reaches the grouping's threshold."""
    today_ids = {article.id for article in articles}
    earlier: dict[str, Article] = {}
    entities: dict[str, Mapping[str, Counter[str]]] = {}
    for briefing in previous:  # a later briefing's copy of an article replaces an earlier one's
        found = entity_counts(briefing.stakeholders, briefing.places)
        for article in briefing.articles:
            if article.id not in today_ids:
                earlier[article.id] = article
                entities[article.id] = found.get(article.id, {})
    if not earlier:
        return []
    entities.update(entity_counts(stakeholders, places))
    everything = [*articles, *earlier.values()]
    terms = article_terms(everything, entities, options.max_words)
    channels = weigh(terms, options.keep, options.background, options.names_background,
                     options.details_floor)
    vectors = combined(channels, options.weights)
    index = {term.id: n for n, term in enumerate(terms)}
    times = [term.when for term in terms]
    mine = [[index[i] for i in group if i in index] for group in groups]
    theirs = [[index[i] for i in story.article_ids if i in earlier] for story in told]
    centres = [_centre(vectors, members) for members in theirs]
    postings: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for t, centre in enumerate(centres):
        for term, value in centre.items():
            postings[term].append((t, value))
    found_pairs = []
    for g, members in enumerate(mine):
        if not members:
            continue
        upper: dict[int, float] = defaultdict(float)  # the mean similarity without the time decay
        for term, value in _centre(vectors, members).items():
            for t, other in postings.get(term, ()):
                upper[t] += value * other
        for t, bound in upper.items():
            if bound < options.threshold:  # the decay only lowers it
                continue
            total = sum(pair_similarity(vectors[a], vectors[b], channels[a], channels[b], options)
                        * _decay(times[a], times[b], options.days) for a in members for b in theirs[t])
            mean = total / (len(members) * len(theirs[t]))
            if mean >= options.threshold:
                found_pairs.append((total, g, t))
    return found_pairs


def _centre(vectors: Sequence[Mapping[int, float]], members: Sequence[int]) -> dict[int, float]:
    """The mean of the members' vectors: its dot product with another centre is the mean
    similarity over all pairs of their members."""
    centre: dict[int, float] = defaultdict(float)
    for member in members:
        for term, value in vectors[member].items():
            centre[term] += value / len(members)
    return centre
