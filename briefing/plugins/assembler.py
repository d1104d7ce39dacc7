"""The builtin ``assemble_briefing``: items of all articles -> one ranked briefing.

It is ``trylast``, so a plugin that returns a Briefing from its own ``assemble_briefing``
replaces it. The merging itself lives in entity_merge and fact_merge, one module per kind of item.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from briefing import Article, Briefing, Fact, Item, Place, Quote, Risk, StageFailure, Stakeholder, hookimpl
from briefing.plugins.entity_merge import merge_places, merge_stakeholders
from briefing.plugins.fact_merge import merge_facts, merge_risks


@hookimpl(trylast=True)
def assemble_briefing(name: str, title: str, articles: Sequence[Article], items: Sequence[Item],
                      failures: Sequence[StageFailure], generated_at: datetime) -> Briefing:
    by_id = {article.id: article for article in articles}
    quotes = [i for i in items if isinstance(i, Quote)]
    stakeholders = merge_stakeholders([i for i in items if isinstance(i, Stakeholder)], quotes)
    speakers = {alias.casefold(): s.name for s in stakeholders for alias in (s.name, *s.aliases)}
    quotes = [Quote(speakers.get((q.speaker or "").casefold(), q.speaker), q.text, q.evidence)
              for q in quotes]
    return Briefing(
        name=name,
        title=title,
        generated_at=generated_at,
        articles=tuple(articles),
        facts=tuple(merge_facts([i for i in items if isinstance(i, Fact)], by_id)),
        stakeholders=tuple(stakeholders),
        places=tuple(merge_places([i for i in items if isinstance(i, Place)])),
        risks=tuple(merge_risks([i for i in items if isinstance(i, Risk)], by_id)),
        quotes=tuple(quotes),
        failures=tuple(failures),
    )
