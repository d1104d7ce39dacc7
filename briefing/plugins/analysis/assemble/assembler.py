"""The builtin assembler: items of all articles -> one ranked briefing.

Its ``assemble_briefing`` hook (in analysis.py) is ``trylast``, so a plugin that returns a Briefing
from its own ``assemble_briefing`` replaces it. The merging itself lives in entity_merge and
assemble.fact_merge, one module per kind of item; the articles are grouped into stories, one per event
(story_grouping: words, people, places, figures and time together), and each story is described
and ranked by story_cards.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import TypeVar

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
from briefing.plugins.analysis.assemble.across_days import across_days
from briefing.plugins.analysis.assemble.fact_merge import merge_facts, merge_risks
from briefing.plugins.analysis.assemble.novelty import Names, mark_new, split_news
from briefing.plugins.analysis.assemble.story_cards import make_stories
from briefing.plugins.analysis.assemble.story_grouping import group_articles
from briefing.plugins.analysis.entities.merge import merge_places, merge_stakeholders, quotes_once
from briefing.plugins.text.headlines import first_sentence, repeated_titles, title_key

Stated = TypeVar("Stated", Fact, Risk)


def assemble_briefing(name: str, title: str, articles: Sequence[Article], items: Sequence[Item],
                      failures: Sequence[StageFailure], generated_at: datetime,
                      previous: Sequence[Briefing] = ()) -> Briefing:
    """The briefing of these articles; with ``previous`` (the earlier briefings of this name,
    oldest first), its stories and facts say what is new since (module across_days)."""
    stakeholders = merge_stakeholders([i for i in items if isinstance(i, Stakeholder)],
                                      [i for i in items if isinstance(i, Quote)])
    places = merge_places([i for i in items if isinstance(i, Place)])
    groups = group_articles(articles, stakeholders, places)
    today = across_days(groups, articles, stakeholders, places, previous, generated_at)
    if len(today.groups) < len(groups):  # stories told before with nothing new are left out
        kept = {article_id for group in today.groups for article_id in group}
        articles = [a for a in articles if a.id in kept]
        items = [i for i in items if any(e.article_id in kept for e in i.evidence)]
        stakeholders = merge_stakeholders([i for i in items if isinstance(i, Stakeholder)],
                                          [i for i in items if isinstance(i, Quote)])
        places = merge_places([i for i in items if isinstance(i, Place)])
    by_id = {article.id: article for article in articles}
    speakers = {alias.casefold(): s.name for s in stakeholders for alias in (s.name, *s.aliases)}
    quotes = quotes_once([Quote(speakers.get((q.speaker or "").casefold(), q.speaker), q.text,
                                q.evidence) for q in items if isinstance(q, Quote)])
    banners = repeated_titles(a.title for a in articles)
    facts = without_banners(merge_facts([i for i in items if isinstance(i, Fact)], by_id), banners)
    risks = [_named(risk, speakers) for risk in
             without_banners(merge_risks([i for i in items if isinstance(i, Risk)], by_id), banners)]
    if previous:
        names = Names(stakeholders, places)
        facts = split_news(facts, today.covered, {a.id: a.source or a.title for a in articles}, names)
        facts = mark_new(facts, [f.text for b in previous for f in b.facts], names, _fact_text)
        risks = mark_new(risks, [_risk_text(r) for b in previous for r in b.risks], names, _risk_text)
    stories = make_stories(today.groups, articles, stakeholders, places, facts)
    return Briefing(
        name=name,
        title=title,
        generated_at=generated_at,
        articles=tuple(own_titles(articles, banners)),
        facts=tuple(facts),
        stakeholders=tuple(stakeholders),
        places=tuple(places),
        risks=tuple(risks),
        quotes=tuple(quotes),
        failures=tuple(failures),
        stories=tuple(today.told(stories)),
    )


def without_banners(items: Sequence[Stated], banners: frozenset[str]) -> list[Stated]:
    """The facts (or risks) but those that only repeat a banner: a line several pages of the run
    open with (text/headlines.repeated_titles), such as a sidebar's headline scraped above seven
    CNN reports, which would otherwise be the day's best-attested fact, or a risk of "high
    severity" on a day about something else. ``banners``: the run's repeated titles, by title_key."""

    def repeats_a_banner(item: Fact | Risk) -> bool:
        return bool(banners & {title_key(item.text), *(title_key(e.quote) for e in item.evidence)})

    return [item for item in items if not repeats_a_banner(item)]


def own_titles(articles: Sequence[Article], banners: frozenset[str]) -> list[Article]:
    """The articles, those whose title is a banner (text/headlines.repeated_titles) titled by
    their first sentence that is not one: the briefing's source list showed seven CNN pages all
    as "2 men charged in death of Chicago teen ...", a sidebar's headline scraped above them. The
    banner is kept in ``meta["banner"]`` so the summarisers leave it out of what they quote."""
    return [replace(a, title=first_sentence(a.text, skip=banners) or a.title,
                    meta={**a.meta, "banner": a.title})
            if title_key(a.title) in banners else a for a in articles]


def _fact_text(fact: Fact) -> str:
    return fact.text


def _risk_text(risk: Risk) -> str:
    """What merge_risks compares a risk by: the sentence it was found in."""
    return risk.evidence[0].quote if risk.evidence else risk.text


def _named(risk: Risk, names: dict[str, str]) -> Risk:
    """A risk whose actor lost an apostrophe ("Syrias") names the actor ("Syria")."""
    def name(actor: str) -> str:
        key = actor.casefold()
        base = names.get(key[:-1]) if key.endswith("s") else None
        return base if base is not None and names.get(key, base) == base else actor
    actors = tuple(dict.fromkeys(name(actor) for actor in risk.actors))
    return risk if actors == risk.actors else replace(risk, actors=actors)


def stories_of(articles: Sequence[Article], stakeholders: Sequence[Stakeholder],
               places: Sequence[Place], facts: Sequence[Fact]) -> list[Story]:
    """The briefing's stories, ranked: every article in exactly one."""
    return make_stories(group_articles(articles, stakeholders, places), articles, stakeholders,
                        places, facts)
