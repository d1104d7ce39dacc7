"""The builtin assembler: one briefing from many articles, with related articles as stories."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from briefing import Evidence, Fact, Place, Quote, Stakeholder, make_article
from briefing.core.models import Sentence
from briefing.core.plugins import make_plugin_manager
from briefing.core.rendering import make_environment, render


def article(text: str, title: str):
    base = make_article(text, title=title, source=title)
    return replace(base, sentences=(Sentence(0, 0, len(text), text),))


def mentions(a, name: str, place: str) -> list:
    evidence = (Evidence(a.id, 0, a.text.split()[0]),)
    return [Stakeholder(name, "organization", evidence), Place(place, evidence)]


def test_related_articles_become_one_story_and_the_template_shows_each():
    strike_a = article("Dock workers struck in Rotterdam as talks with Havenbedrijf failed.", "Strike")
    strike_b = article("Rotterdam dock workers and Havenbedrijf met again without a deal.", "Talks")
    vote = article("The Zurich council approved a tram budget after a long vote.", "Tram")
    items = [
        *mentions(strike_a, "Havenbedrijf", "Rotterdam"),
        *mentions(strike_b, "Havenbedrijf", "Rotterdam"),
        *mentions(vote, "Zurich council", "Zurich"),
        Fact(strike_a.text, (Evidence(strike_a.id, 0, strike_a.text),), ("Strike",), 0.9),
        Fact(vote.text, (Evidence(vote.id, 0, vote.text),), ("Tram",), 0.5),
    ]
    plugins = make_plugin_manager(entry_points=False)
    briefing = plugins.hook.assemble_briefing(
        name="b", title="Europe", articles=[strike_a, strike_b, vote], items=items, failures=(),
        generated_at=datetime(2026, 11, 22, tzinfo=UTC), previous=())
    assert [set(s.article_ids) for s in briefing.stories] == [{strike_a.id, strike_b.id}, {vote.id}]
    assert briefing.stories[0].title == "Strike"
    text = render(make_environment(plugins, None), "briefing.md.j2", briefing)
    assert "## Stories" in text and "### 1. Strike" in text and "### 2. Tram" in text
    strike_section = text.split("### 1. Strike")[1].split("### 2.")[0]
    assert "Havenbedrijf" in strike_section and "Zurich" not in strike_section
    assert "## Key facts" not in text  # the stories carry the facts


def test_a_risk_actor_that_lost_its_apostrophe_is_named_as_the_stakeholder():
    from briefing import Risk

    a = article("Syrias government may retaliate against the strikes.", "Threat")
    evidence = (Evidence(a.id, 0, a.text),)
    items = [Stakeholder("Syria", "country", evidence), Stakeholder("Syrias", "country", evidence),
             Stakeholder("William", "person", evidence), Stakeholder("Williams", "person", evidence * 2),
             Risk(a.text, evidence, likelihood="may", actors=("Syrias", "Assad", "Williams"))]
    plugins = make_plugin_manager(entry_points=False)
    briefing = plugins.hook.assemble_briefing(
        name="b", title="Syria", articles=[a], items=items, failures=(),
        generated_at=datetime(2026, 11, 22, tzinfo=UTC), previous=())
    assert briefing.risks[0].actors == ("Syria", "Assad", "Williams")


def test_a_quote_two_outlets_carry_is_listed_once_with_both_sources():
    said = "We are sorry for everything the coast is going through"
    wire = article(f'"{said}," Lamar McKay said.', "Wire")
    paper = article(f'Lamar McKay said: "{said}."', "Paper")
    items = [*mentions(wire, "Lamar McKay", "Houston"), *mentions(paper, "Lamar McKay", "Houston"),
             Quote("Lamar McKay", said, (Evidence(wire.id, 0, said),)),
             Quote("Lamar McKay", said + ".", (Evidence(paper.id, 0, said),))]
    plugins = make_plugin_manager(entry_points=False)
    briefing = plugins.hook.assemble_briefing(
        name="b", title="Spill", articles=[wire, paper], items=items, failures=(),
        generated_at=datetime(2026, 11, 22, tzinfo=UTC), previous=())
    assert [(q.speaker, [e.article_id for e in q.evidence]) for q in briefing.quotes] == [
        ("Lamar McKay", [wire.id, paper.id])]
    (mckay,) = [s for s in briefing.stakeholders if s.name == "Lamar McKay"]
    assert len(mckay.quotes) == 1 and len(mckay.quotes[0].evidence) == 2
