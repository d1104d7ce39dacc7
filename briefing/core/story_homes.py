"""Which story an item belongs to, and a story as a briefing of its own.

A merged fact can carry evidence from articles of two stories (a background sentence both reports
repeat). Printed under every story its evidence touches, it would appear twice; so each item has
one home: the story that holds most of its evidence, the higher-ranked one on a tie. Templates
(`in_story`), the summarise stage and plugins all ask here, so they agree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from briefing.core.models import Briefing, Story

T = TypeVar("T")


def story_ranks(stories: Sequence[Story]) -> dict[str, int]:
    """article id -> the rank (index in ``stories``) of the story holding it."""
    return {article_id: rank for rank, story in enumerate(stories) for article_id in story.article_ids}


def home_rank(item: Any, ranks: Mapping[str, int]) -> int | None:
    """The rank of the story holding most of the item's evidence (the better rank on a tie)."""
    votes = Counter(ranks[e.article_id] for e in getattr(item, "evidence", ()) if e.article_id in ranks)
    if not votes:
        return None
    return min(votes, key=lambda rank: (-votes[rank], rank))


def items_at_home(items: Iterable[T], stories: Sequence[Story], story: Story,
                  ranks: Mapping[str, int] | None = None) -> list[T]:
    """The items whose home is ``story``, in their given (ranked) order."""
    ranks = story_ranks(stories) if ranks is None else ranks
    wanted = next((rank for rank, s in enumerate(stories) if s is story or s == story), None)
    return [item for item in items if wanted is not None and home_rank(item, ranks) == wanted]


def story_briefing(briefing: Briefing, story: Story) -> Briefing:
    """The briefing of one story: its articles, the facts, risks and quotes whose home it is, the
    stakeholders and places its articles mention; so a summariser can summarise a story."""
    members = set(story.article_ids)
    ranks = story_ranks(briefing.stories)

    def home(items: Sequence[T]) -> tuple[T, ...]:
        return tuple(items_at_home(items, briefing.stories, story, ranks)) if story in briefing.stories \
            else tuple(i for i in items if any(e.article_id in members for e in getattr(i, "evidence", ())))

    def mentioned(items: Sequence[T]) -> tuple[T, ...]:
        return tuple(i for i in items if any(e.article_id in members for e in getattr(i, "evidence", ())))

    return replace(briefing, articles=tuple(a for a in briefing.articles if a.id in members),
                   summary=None, facts=home(briefing.facts), risks=home(briefing.risks),
                   quotes=home(briefing.quotes), stakeholders=mentioned(briefing.stakeholders),
                   places=mentioned(briefing.places), stories=(replace(story, summary=None),))
