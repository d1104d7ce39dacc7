"""From groups of articles to `Story` objects: id, title, time span, actors, places and rank.

The title is the headline of the group that shares most words with the titles of all its reports:
the one closest to what all reports say happened, rather than the first or the longest. A sentence
of the text standing in for a missing title (text/headlines) heads a story only when no report has
a headline of its own (on the reading days, lead sentences of features such as "There was the one
about Katrina comparisons." headed stories that had "Oil spill is worst in US history" among
their reports), a lent sentence that cannot stand alone (a few words, or opening with a pronoun)
only when no report has a better one, a question only when no report states anything, and a title
many articles of the run share (a site's banner) never; a long one is cut to a headline's length.
Actors and places are the merged stakeholders and places named by the most of the story's articles,
so a name every report gives ranks above one a single report repeats. A story ranks by the scores of
the facts at home in it (the story holding most of a fact's evidence) plus its number of reports: an
event that many sources report, with strong facts, comes first. The reports are its articles and the
near duplicates they stand for (the copies the dedupe step dropped, which each kept article lists in
``meta["copies"]``): another outlet carrying the same wire copy is one more outlet reporting the
event.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime

from briefing import Article, Fact, Place, Stakeholder, Story, story_id_for
from briefing.plugins.text.headlines import (
    as_title,
    first_sentence,
    reads_as_headline,
    repeated_titles,
    title_key,
)
from briefing.plugins.text.words import content_terms

TOP_NAMES = 5


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _heads(article: Article) -> bool:
    """Whether the title shares two content words (one, for a title of one or two) with the
    article's opening (its first 200 words): a page scraped with another story's headline on top
    ("Helicopter crashes into crane" above a report on a pig cull) or a site's banner ("You've
    selected the U.S. Edition.", sharing only "U.S.") heads a story it does not tell."""
    opening = set(content_terms(" ".join(article.text.split()[:200])))
    title = set(content_terms(article.title))
    return len(opening & title) >= min(2, (len(title) + 1) // 2) > 0


def story_title(articles: Sequence[Article], banners: frozenset[str] = frozenset()) -> str:
    """The headline that shares most content words with the reports' titles (the earliest on a
    tie), a report's own before a lent sentence; never one of ``banners`` (titles many articles of
    the run share: text/headlines)."""
    own = [a for a in articles if a.title.strip() and title_key(a.title) not in banners]
    heading = [a for a in own if _heads(a)]
    titled = [a for a in heading if reads_as_headline(a.title)]
    candidates = ([a for a in titled if not _asks(a.title) and not a.meta.get("title_from_text")]
                  or [a for a in titled if not _asks(a.title) and not _weak_lent(a)]
                  or [a for a in titled if not _asks(a.title)] or [a for a in heading if not _asks(a.title)]
                  or titled or own)
    if not candidates:
        leads = (first_sentence(article.text, skip=banners) for article in articles)
        return as_title(next((lead for lead in leads if lead), ""))
    # each candidate against every report's title (lent ones too): what all reports say
    others = [(a.id, set(content_terms(a.title))) for a in (heading or own)]
    bags = [set(content_terms(a.title)) for a in candidates]
    shared = [sum(len(bag & other) / (len(other) or 1) for j, other in others if j != a.id)
              for a, bag in zip(candidates, bags, strict=True)]
    best = max(range(len(candidates)), key=lambda i: (shared[i], -i))
    return as_title(candidates[best].title)


_PRONOUNS = frozenset({"he", "she", "it", "they", "his", "her", "its", "their", "this", "these", "those",
                       "we", "i", "you"})
WEAK_LENT_WORDS = 5
"""A sentence the text lent as a title, shorter than this, rarely says what happened."""


def _weak_lent(article: Article) -> bool:
    """A title the text lent (its first sentence: ``meta["title_from_text"]``) that cannot stand
    alone: too short to say what happened ("Humans have it.") or about someone it does not name
    ("His body was found crushed in the ruins of his office."). It heads a story only when no
    report has a better one."""
    if not article.meta.get("title_from_text"):
        return False
    words = article.title.split()
    first = re.split(r"['’]", words[0].lower().strip("\"“'‘"))[0] if words else ""  # "It's" is "it"
    return len(words) < WEAK_LENT_WORDS or first in _PRONOUNS


def _asks(title: str) -> bool:
    """Whether a title is a question ("What do you think of ...?", "Where's X on Y?"): a readers'
    forum or a column asks; the story's title should say what happened, so a question heads a
    story only when none of its reports has a title that states something."""
    return title.rstrip(" \"'”’)").endswith("?")


def _top_names(items: Sequence[Stakeholder] | Sequence[Place], members: set[str]) -> tuple[str, ...]:
    reach: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    for item in items:
        inside = [e.article_id for e in item.evidence if e.article_id in members]
        if inside:
            reach[item.name] = len(set(inside))
            mentions[item.name] = len(inside)
    ranked = sorted(reach, key=lambda name: (-reach[name], -mentions[name], name))
    return tuple(ranked[:TOP_NAMES])


def copy_ids(article: Article) -> tuple[str, ...]:
    """The ids of the near duplicates ``article`` stands for (``meta["copies"]``)."""
    return tuple(str(copy["id"]) for copy in article.meta.get("copies", ()) if copy.get("id"))


def _copy_dates(article: Article) -> list[datetime]:
    found = []
    for copy in article.meta.get("copies", ()):
        try:
            found.append(datetime.fromisoformat(copy["published_at"]))
        except (KeyError, TypeError, ValueError):  # undated, or a plugin's own format
            continue
    return found


def make_stories(groups: Sequence[Sequence[str]], articles: Sequence[Article],
                 stakeholders: Sequence[Stakeholder], places: Sequence[Place],
                 facts: Sequence[Fact]) -> list[Story]:
    """Stories for ``groups`` of article ids (each in publication order), ranked."""
    by_id = {article.id: article for article in articles}
    story_of = {article_id: n for n, group in enumerate(groups) for article_id in group}
    fact_weight = [0.0] * len(groups)
    for fact in facts:
        votes = Counter(story_of[e.article_id] for e in fact.evidence if e.article_id in story_of)
        if votes:
            home = min(votes, key=lambda n: (-votes[n], n))
            fact_weight[home] += fact.score
    stories = []
    banners = repeated_titles(a.title for a in articles)
    for n, group in enumerate(groups):
        members = [by_id[i] for i in group if i in by_id]
        dates = [_aware(a.published_at) for a in members if a.published_at is not None]
        dates += [_aware(when) for a in members for when in _copy_dates(a)]
        ids = set(group)
        copies = tuple(copy for article in members for copy in copy_ids(article))
        stories.append(Story(
            title=story_title(members, banners), article_ids=tuple(group),
            score=round(fact_weight[n] + len(group) + len(copies), 4), id=story_id_for(list(group)),
            first_published=min(dates, default=None), last_published=max(dates, default=None),
            actors=_top_names(stakeholders, ids), places=_top_names(places, ids), copy_ids=copies))
    return sorted(stories, key=lambda story: (-story.score, story.id))
