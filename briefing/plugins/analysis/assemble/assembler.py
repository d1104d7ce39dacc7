"""The builtin assembler: items of all articles -> one ranked briefing.

Its ``assemble_briefing`` hook (in analysis.py) is ``trylast``, so a plugin that returns a Briefing
from its own ``assemble_briefing`` replaces it. The merging itself lives in entity_merge and
fact_merge, one module per kind of item; related articles are grouped into stories by the
entities they share (stories.py), and a story ranks by the scores of the facts it carries and
the number of its articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from briefing import (
    Article,
    Briefing,
    Fact,
    Item,
    Place,
    Quote,
    Risk,
    StageFailure,
    Stakeholder,
    Story,
)
from briefing.plugins.analysis.assemble.fact_merge import merge_facts, merge_risks
from briefing.plugins.analysis.assemble.stories import group_stories
from briefing.plugins.analysis.entities.merge import merge_places, merge_stakeholders


def assemble_briefing(name: str, title: str, articles: Sequence[Article], items: Sequence[Item],
                      failures: Sequence[StageFailure], generated_at: datetime) -> Briefing:
    by_id = {article.id: article for article in articles}
    quotes = [i for i in items if isinstance(i, Quote)]
    stakeholders = merge_stakeholders([i for i in items if isinstance(i, Stakeholder)], quotes)
    speakers = {alias.casefold(): s.name for s in stakeholders for alias in (s.name, *s.aliases)}
    quotes = [Quote(speakers.get((q.speaker or "").casefold(), q.speaker), q.text, q.evidence)
              for q in quotes]
    facts = merge_facts([i for i in items if isinstance(i, Fact)], by_id)
    places = merge_places([i for i in items if isinstance(i, Place)])
    return Briefing(
        name=name,
        title=title,
        generated_at=generated_at,
        articles=tuple(articles),
        facts=tuple(facts),
        stakeholders=tuple(stakeholders),
        places=tuple(places),
        risks=tuple(merge_risks([i for i in items if isinstance(i, Risk)], by_id)),
        quotes=tuple(quotes),
        failures=tuple(failures),
        stories=tuple(stories_of(articles, [*stakeholders, *places], facts)),
    )


SALIENT = 8


def stories_of(articles: Sequence[Article], entities: Sequence[Stakeholder | Place],
               facts: Sequence[Fact]) -> list[Story]:
    """Stories ranked by the weight of their facts and their number of articles.

    Each article is represented by its most mentioned entities (``SALIENT``): an article's main
    actors say what it is about, while a long tail of places mentioned in passing would make two
    reports of one event look unrelated."""
    counts: dict[str, dict[str, int]] = {}
    for entity in entities:
        for evidence in entity.evidence:
            per_article = counts.setdefault(evidence.article_id, {})
            per_article[entity.name] = per_article.get(entity.name, 0) + 1
    named = {article_id: sorted(found, key=lambda name: -found[name])[:SALIENT]
             for article_id, found in counts.items()}
    fact_weight: dict[str, float] = {}
    for fact in facts:
        for article_id in {e.article_id for e in fact.evidence}:
            fact_weight[article_id] = fact_weight.get(article_id, 0.0) + fact.score
    by_id = {article.id: article for article in articles}
    stories = []
    for members in group_stories(articles, named):
        lead = max(members, key=lambda article_id: fact_weight.get(article_id, 0.0))
        score = sum(fact_weight.get(m, 0.0) for m in members) + len(members)
        stories.append(Story(by_id[lead].title, tuple(members), score))
    return sorted(stories, key=lambda story: -story.score)
