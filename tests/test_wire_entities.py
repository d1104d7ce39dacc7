"""Names in wire copy: datelines, agencies, modifiers, tables, and roles from real titles only.

Every text here is written for the rule it pins, in the shapes agency copy and news pages take.
"""

from __future__ import annotations

from typing import Any

import pytest

from briefing import NoOptions, Place, Stakeholder
from briefing.plugins.analysis.entities.wire import is_agency, table_line
from briefing.plugins.analysis.extract.places import PlaceExtractor
from briefing.plugins.analysis.extract.stakeholders import StakeholderExtractor
from briefing.plugins.analysis.nlp.analyser import load_model
from briefing.testing import analyse_with_spacy, extract_checked


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model("en_core_web_sm")


def names(nlp: Any, text: str) -> tuple[dict[str, str], set[str]]:
    """{stakeholder name: kind} and the set of place names."""
    analysed = analyse_with_spacy(text)
    actors: list[Stakeholder] = extract_checked(StakeholderExtractor(NoOptions()), analysed)
    places: list[Place] = extract_checked(PlaceExtractor(NoOptions()), analysed)
    return {s.name: s.kind for s in actors}, {p.name for p in places}


def roles(nlp: Any, text: str, surname: str) -> tuple[str, ...]:
    analysed = analyse_with_spacy(text)
    found = [s for s in extract_checked(StakeholderExtractor(NoOptions()), analysed)
             if s.name.split()[-1] == surname or surname in s.aliases]
    assert found, text
    return found[0].roles


@pytest.mark.parametrize("text", [
    "BEIRUT (Reuters) - Air strikes on a market town killed 12 people on Tuesday, a monitor said.",
    "Last updated at Oct 26 2016 BEIRUT Air strikes in the north killed 22 people, mostly children.",
    "BEIRUT, Oct 26 - Air strikes in the north killed 22 people, mostly children, rescuers said.",
])
def test_a_dateline_in_capitals_is_a_place(nlp: Any, text: str) -> None:
    actors, places = names(nlp, text)
    assert "BEIRUT" in places
    assert "BEIRUT" not in actors


def test_capitals_the_article_also_writes_as_a_word_are_no_acronym(nlp: Any) -> None:
    actors, places = names(nlp, "OSLO talks resume. Delegates arrived in Oslo on Monday for the talks.")
    assert "OSLO" not in actors and any(p.casefold() == "oslo" for p in places)


def test_an_acronym_used_again_is_not_a_dateline(nlp: Any) -> None:
    _, places = names(nlp, "NATO, the military alliance, will send ships. NATO ministers meet in "
                           "Brussels on Friday.")
    assert "NATO" not in places


def test_wire_agencies_are_organisations(nlp: Any) -> None:
    assert is_agency("AFP") and is_agency("Reuters") and not is_agency("Aleppo")
    actors, _ = names(nlp, "Syria raids kill 14 AFP Thursday 25 Sep 2014 A series of strikes killed 14 "
                           "fighters overnight, a monitor said.")
    assert actors.get("AFP") == "organization"


def test_a_credit_after_an_agency_is_not_part_of_its_name(nlp: Any) -> None:
    actors, _ = names(nlp, "A fighter walks through the ruined mill in the town. (Reuters Photo) Airstrikes "
                           "killed 85 civilians on Tuesday, activists said.")
    assert "Reuters Photo" not in actors


def test_a_name_inside_a_hyphenated_modifier_is_no_mention(nlp: Any) -> None:
    actors, places = names(nlp, "A US-led coalition struck the town of Tabqa on Sunday, the monitor said.")
    assert "US" not in places and "US" not in actors


@pytest.mark.parametrize("text", [
    "The flaw lets attackers read passwords, according to the US-CERT warning. Vendors patched it.",
    "ICS-CERT said the flaw affects controllers in water plants. Vendors patched it on Friday.",
])
def test_a_state_glued_to_an_acronym_is_a_body_named_for_it(nlp: Any, text: str) -> None:
    """The small model reads "US" of "US-CERT" as the state and drops the rest; a hyphenated name
    at the start of a text is no dateline ("ICS-CERT said")."""
    actors, places = names(nlp, text)
    body = "US-CERT" if "US-CERT" in text else "ICS-CERT"
    assert actors.get(body) == "organization"
    assert not {"US", "ICS"} & (set(actors) | places)


def test_a_quote_according_to_a_body_named_for_a_state_is_the_body_s(nlp: Any) -> None:
    from briefing.plugins.analysis.extract.quotes import QuoteExtractor

    analysed = analyse_with_spacy("“Infected machines give attackers a way into the network,” according "
                                  "to the US-CERT warning. Vendors patched the flaw.")
    quotes = extract_checked(QuoteExtractor(NoOptions()), analysed)
    assert [q.speaker for q in quotes] == ["US-CERT"]


def test_a_name_an_apposition_calls_a_person_is_one_whatever_the_model_said(nlp: Any) -> None:
    """The small model calls unfamiliar names organisations; "X Y, vice president at Z" says who X Y
    is, and the surname alone later is the same person."""
    actors, _ = names(nlp, "“Most staff open the mails,” said Tarek Vunibola, vice president of research "
                           "at Harrowgate Networks. Vunibola said the attacks began in March.")
    assert actors.get("Tarek Vunibola") == "person" and "Vunibola" not in actors
    assert actors.get("Harrowgate Networks") == "organization"


@pytest.mark.parametrize(("text", "place"), [
    ("A bomb killed six people in the Salah al-Din district of the city. Salah al-Din is west of the old "
     "town.", "Salah al-Din"),
    ("An airstrike killed 18 people in the rebel stronghold of Urom al-Joz on Saturday.", "Urom al-Joz"),
])
def test_names_written_as_districts_are_places_not_people(nlp: Any, text: str, place: str) -> None:
    actors, places = names(nlp, text)
    assert place in places and place not in actors


def test_a_city_that_is_a_subject_is_still_a_place(nlp: Any) -> None:
    actors, places = names(nlp, "Moscow blames the rebels for the attack on the convoy near the border.")
    assert "Moscow" not in actors and "Moscow" in places


def test_troops_and_regime_are_not_institutions(nlp: Any) -> None:
    actors, _ = names(nlp, "Syrian troops shelled the town while the Syrian regime denied it. The Iraqi "
                           "forces withdrew.")
    assert actors.get("Syrian troops") != "organization" and "Syrian regime" not in actors
    assert actors.get("Iraqi forces") == "organization"


def test_results_and_table_lines_give_no_actors(nlp: Any) -> None:
    assert table_line("England 2 Moscow 1") and table_line("1. Leeds 10 7 2 1 20 5 23")
    assert not table_line("The match ended 2-1 after 90 minutes.")
    actors, _ = names(nlp, "Results on Saturday:\nReal Madrid 2 Barcelona 1\nJuventus 3 AC Milan 0\n"
                           "Leading scores after the third round:\nTiger Woods 68 70 69 207\n"
                           "The coach, Tom Hale, praised the team.")
    assert not {"Juventus", "AC Milan", "Tiger Woods"} & set(actors)
    assert actors.get("Tom Hale") == "person"


@pytest.mark.parametrize(("text", "surname"), [
    ("I hope the discussions can yield a concrete result Obama said on Friday.", "Obama"),
    ("The symptoms were consistent with nerve agent use WHO said in a statement.", "WHO"),
    ("The strike caused no big losses Syrian state TV Barazi said on Friday.", "Barazi"),
    # a linked headline run into the next sentence: a noun ending like an agent is no agent
    ("Resident says: My life is in danger Ahmed Haddad was a pilot in the war.", "Haddad"),
    ("Checkpoint closed at the border Haddad said on Friday.", "Haddad"),
    ("Officials read the statement Haddad wrote on Friday.", "Haddad"),
])
def test_words_run_into_a_name_are_no_role(nlp: Any, text: str, surname: str) -> None:
    assert roles(nlp, text, surname) == ()


@pytest.mark.parametrize(("text", "surname", "role"), [
    ("Omar Haddad has been appointed presidential deputy for Egyptian leader Hosni Mubarak, state "
     "TV reported.", "Mubarak", ("Egyptian leader",)),
    ("An adviser to the party leader Ann Haddad said on Friday.", "Haddad", ("party leader",)),
    ("He is the person Hosni Mubarak is most comfortable with.", "Mubarak", ()),
])
def test_a_title_is_the_persons_own(nlp: Any, text: str, surname: str, role: tuple[str, ...]) -> None:
    """Words before a preposition describe someone else ("deputy for <leader> X" is not X's role),
    and a noun that says only that someone is a person opens a relative clause."""
    assert roles(nlp, text, surname) == role


@pytest.mark.parametrize(("text", "surname", "role"), [
    ("Veteran investor Ann Haddad said on Friday.", "Haddad", "Veteran investor"),
    ("The shrimp fisherman Tom Briggs said on Friday.", "Briggs", "shrimp fisherman"),
    ("Wedding planner Ann Haddad said on Friday.", "Haddad", "Wedding planner"),
    ("Former drugmaker executive Ann Haddad said on Friday.", "Haddad", "Former drugmaker executive"),
    ("The firefighter Tom Briggs said on Friday.", "Briggs", "firefighter"),
])
def test_agent_nouns_are_roles(nlp: Any, text: str, surname: str, role: str) -> None:
    assert role in roles(nlp, text, surname)


def test_a_title_the_model_tagged_as_a_work_is_still_a_title(nlp: Any) -> None:
    text = 'The strike did not cause "big human casualties" Homs Governor Talal Barazi said.'
    assert "Governor" in " ".join(roles(nlp, text, "Barazi"))
