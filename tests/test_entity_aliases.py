"""Alias rules on small texts: acronym definitions, formal state names, a person's display name."""

from __future__ import annotations

from typing import Any

import pytest

from briefing import NoOptions, Stakeholder
from briefing.plugins.analysis.entities.acronyms import acronym_definitions
from briefing.plugins.analysis.entities.countries import country_name, is_formal_name
from briefing.plugins.analysis.entities.merge import merge_stakeholders
from briefing.plugins.analysis.extract.stakeholders import StakeholderExtractor
from briefing.plugins.analysis.nlp.analyser import load_model
from briefing.testing import analyse_with_spacy, extract_checked


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model("en_core_web_sm")


def extract(nlp: Any, text: str) -> list[Stakeholder]:
    return extract_checked(StakeholderExtractor(NoOptions()), analyse_with_spacy(text))


def test_schwartz_hearst_finds_the_long_form() -> None:
    text = "In its update, the UK's ministry of defence (MoD) said so. Figures (2023) and (US) are not."
    found = acronym_definitions(text)
    assert [(d.short, d.long, d.display) for d in found] == \
        [("MoD", "ministry of defence", "Ministry of Defence")]
    assert text[found[0].start:found[0].end] == "ministry of defence"
    (guard,) = acronym_definitions("Units of the Islamic Revolutionary Guard Corps (IRGC) moved.")
    assert guard.long == "Islamic Revolutionary Guard Corps" and guard.display == guard.long
    (trade,) = acronym_definitions("Bans will be listed in the World Trade Organisation's (WTO) report.")
    assert trade.long == "World Trade Organisation"  # the possessive is the report's, not the name's


def test_defined_acronym_and_long_form_are_one_stakeholder(nlp: Any) -> None:
    items = extract(nlp, "In its latest update, the UK's ministry of defence (MoD) claimed Russia will have "
                         "to repair its image. The MoD said the base was lost.")
    ministry = [s for s in items if "MoD" in (s.name, *s.aliases)]
    assert len(ministry) == 1
    assert ministry[0].name == "Ministry of Defence" and ministry[0].kind == "organization"
    assert {e.sentence_index for e in ministry[0].evidence} == {0, 1}
    items = extract(nlp, "The Islamic Revolutionary Guard Corps (IRGC) moved troops. The IRGC denied it.")
    guard = [s for s in items if "IRGC" in (s.name, *s.aliases)]
    assert [(s.name, s.aliases) for s in guard] == [("Islamic Revolutionary Guard Corps", ("IRGC",))]


def test_acronym_alone_in_another_article_joins_the_long_form(nlp: Any) -> None:
    first = extract(nlp, "The UK's ministry of defence (MoD) published an update.")
    second = extract(nlp, "The MoD said the base was lost.")
    merged = merge_stakeholders([*first, *second], [])
    ministry = [s for s in merged if "MoD" in (s.name, *s.aliases)]
    assert [s.name for s in ministry] == ["Ministry of Defence"]


def test_formal_state_names_are_aliases_of_the_short_name(nlp: Any) -> None:
    for formal, short in (("Syrian Arab Republic", "Syria"), ("Russian Federation", "Russia"),
                          ("Islamic Republic of Iran", "Iran"), ("Republic of Korea", "South Korea"),
                          ("Hashemite Kingdom of Jordan", "Jordan"),
                          ("Kingdom of Saudi Arabia", "Saudi Arabia")):
        assert country_name(formal) == short and is_formal_name(formal)
    assert not is_formal_name("Britain") and not is_formal_name("UK")
    items = extract(nlp, "Russia helped the Syrian Arab Republic, Peskov said. The Syrian Arab Republic "
                         "thanked Moscow.")
    syria = [s for s in items if s.kind == "country" and "Syria" in s.name]
    assert [(s.name, s.aliases) for s in syria] == [("Syria", ("Syrian Arab Republic",))]


def test_person_display_name_comes_from_prose_not_a_caption(nlp: Any) -> None:
    items = extract(nlp, "Syrian President Bashar Assad with Vladimir Putin in 2017\n"
                         "Russia lost an ally after the fall of Bashar al-Assad, officials said. "
                         "Assad fled to Moscow.")
    assad = [s for s in items if "Assad" in s.name]
    assert len(assad) == 1
    assert assad[0].name == "Bashar al-Assad"
    assert {"Bashar Assad", "Assad"} <= set(assad[0].aliases)


def test_a_surname_after_a_form_of_address_joins_its_only_full_name() -> None:
    from briefing.plugins.analysis.entities.aliases import name_groups

    groups = name_groups([("Mary Jones", "person", 1), ("Mrs Jones", "person", 3),
                          ("Lord Hale", "person", 2), ("Brenda Hale", "person", 1)])
    assert sorted((g.display, sorted(g.names)) for g, _ in groups) == [
        ("Brenda Hale", ["Brenda Hale", "Lord Hale"]), ("Mary Jones", ["Mary Jones", "Mrs Jones"])]


def test_a_surname_with_its_particle_is_a_surname_not_a_full_name() -> None:
    """"De Grey" opening sentences beside "Aubrey de Grey" (and "Grey" where the model left the
    particle out) made three stakeholders of one scientist, the shortest shown first. A particle
    that is someone's first name ("Van Jones" beside "Jim Jones") stays a full name."""
    from briefing.plugins.analysis.entities.aliases import name_groups

    groups = name_groups([("Aubrey de Grey", "person", 1), ("De Grey", "person", 7), ("Grey", "person", 6),
                          ("Van Jones", "person", 2), ("Jim Jones", "person", 1)])
    assert sorted((g.display, sorted(g.names)) for g, _ in groups) == [
        ("Aubrey de Grey", ["Aubrey de Grey", "De Grey", "Grey"]), ("Jim Jones", ["Jim Jones"]),
        ("Van Jones", ["Van Jones"])]


def test_within_an_article_a_lone_name_joins_the_only_full_name_it_opens() -> None:
    """"Xi" is "Xi Jinping" (family name first), and a feature's "Bruce" is "Bruce Jenner"; a first
    name two full names share stays apart, and so does a surname several people bear. The run's
    merge, over many articles, does not do this: there a lone first name says too little."""
    from briefing.plugins.analysis.entities.aliases import name_groups

    entries = [("Xi Jinping", "person", 2), ("Xi", "person", 9), ("Bruce Jenner", "person", 2),
               ("Bruce", "person", 22), ("Kris Jenner", "person", 2), ("Jenner", "person", 3),
               ("Kim Kardashian", "person", 1), ("Kim Jong-un", "person", 1), ("Kim", "person", 4)]
    groups = sorted((g.display, sorted(g.names)) for g, _ in name_groups(entries, first_names=True))
    assert groups == [("Bruce Jenner", ["Bruce", "Bruce Jenner"]), ("Jenner", ["Jenner"]),
                      ("Kim", ["Kim"]), ("Kim Jong-un", ["Kim Jong-un"]),
                      ("Kim Kardashian", ["Kim Kardashian"]), ("Kris Jenner", ["Kris Jenner"]),
                      ("Xi Jinping", ["Xi", "Xi Jinping"])]
    across = sorted(g.display for g, _ in name_groups(entries))
    assert "Xi" in across and "Bruce" in across


def test_a_surname_after_a_form_of_address_shared_by_two_people_stays_apart() -> None:
    from briefing.plugins.analysis.entities.aliases import name_groups

    groups = name_groups([("Anna Reed", "person", 1), ("Tom Reed", "person", 1), ("Mrs Reed", "person", 2)])
    assert sorted(g.display for g, _ in groups) == ["Anna Reed", "Mrs Reed", "Tom Reed"]
