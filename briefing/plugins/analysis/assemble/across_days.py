"""Today's stories against the ones earlier briefings told: which continue, which are new.

A daily briefing is read every day, so it says what changed since the reader last read it:

- a story an earlier briefing of the same name told (within the horizon) and that has new reports
  today is ``developing``: it keeps the earlier id and the time it was first briefed
  (story_links decides which earlier story a story of today's continues);
- a story no earlier briefing told is ``new``: its id is its own, first briefed now;
- a story whose every article an earlier briefing already covered has nothing new to say and is
  not one of today's stories (without a ``window`` a run sees yesterday's articles again).

Each story lists ``new_article_ids``, its articles no earlier briefing covered. Which facts are
new is novelty's business.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from briefing import Article, Briefing, Place, Stakeholder, Story, story_id_for
from briefing.plugins.analysis.assemble.story_links import Told, covered_articles, link_stories


@dataclass(frozen=True)
class Today:
    """Today's stories as groups of article ids (those with something new), and what each
    continues."""

    groups: list[list[str]]
    generated_at: datetime
    links: dict[tuple[str, ...], Told] = field(default_factory=dict)
    covered: frozenset[str] = frozenset()
    earlier_ids: frozenset[str] = frozenset()

    def told(self, stories: Sequence[Story]) -> list[Story]:
        """The stories with their status, first-briefed time, new articles and lasting id."""
        taken = set(self.earlier_ids)
        out = []
        for story in stories:
            fresh = tuple(i for i in story.article_ids if i not in self.covered)
            link = self.links.get(tuple(story.article_ids))
            if link is not None:
                out.append(replace(story, id=link.id, status="developing",
                                   first_briefed=link.first_briefed, new_article_ids=fresh))
                continue
            story_id = _unused_id(story, taken)
            taken.add(story_id)
            out.append(replace(story, id=story_id, status="new", first_briefed=self.generated_at,
                               new_article_ids=fresh))
        return out


def across_days(groups: Sequence[Sequence[str]], articles: Sequence[Article],
                stakeholders: Sequence[Stakeholder], places: Sequence[Place],
                previous: Sequence[Briefing], generated_at: datetime) -> Today:
    """Today's groups linked to the stories of the ``previous`` briefings (see the module doc)."""
    if not previous:
        return Today([list(group) for group in groups], generated_at)
    covered = covered_articles(previous)
    links = link_stories(groups, articles, stakeholders, places, previous)
    kept = [n for n, group in enumerate(groups) if any(i not in covered for i in group)]
    return Today([list(groups[n]) for n in kept], generated_at,
                 {tuple(groups[n]): links[n] for n in kept if n in links}, frozenset(covered),
                 frozenset(story.id for briefing in previous for story in briefing.stories))


def _unused_id(story: Story, taken: set[str]) -> str:
    """The story's own id (from its earliest article), or, when an earlier story it does not
    continue has that id, one from its next article: a story id names one story across days."""
    if story.id and story.id not in taken:
        return story.id
    for start in range(1, len(story.article_ids)):
        candidate = story_id_for(story.article_ids[start:])
        if candidate not in taken:
            return candidate
    return story_id_for(["+".join(story.article_ids)])
