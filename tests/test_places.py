"""Place extraction: locations, states used as locations, repaired labels, merged aliases."""

from __future__ import annotations

from typing import Any

import pytest

from briefing import NoOptions, Place
from briefing.plugins.analysis.extract.places import PlaceExtractor
from briefing.plugins.analysis.nlp.analyser import load_model
from briefing.testing import analyse_with_spacy, extract_checked


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model("en_core_web_sm")


def places(nlp: Any, text: str) -> list[Place]:
    return extract_checked(PlaceExtractor(NoOptions()), analyse_with_spacy(text))


def test_cities_regions_and_states_used_as_locations(nlp: Any) -> None:
    text = "The firm opened offices in Lyon and in Germany. Germany welcomed the move."
    names = {p.name for p in places(nlp, text)}
    assert {"Lyon", "Germany"} <= names


def test_acting_state_alone_is_not_a_place(nlp: Any) -> None:
    names = {p.name for p in places(nlp, "Japan signed the trade deal on Friday.")}
    assert "Japan" not in names


def test_state_name_variants_merge(nlp: Any) -> None:
    found = places(nlp, "Tourists flew to Britain in June. More flew to the United Kingdom in July.")
    merged = [p for p in found if p.name in {"Britain", "United Kingdom"}]
    assert len(merged) == 1
    assert set(merged[0].aliases) | {merged[0].name} == {"Britain", "United Kingdom"}


def test_fragment_trimmed_and_relabelled(nlp: Any) -> None:
    names = {p.name for p in places(nlp, "Militants came from the North Caucasus and Central Asia.")}
    assert "North Caucasus" in names and "Central Asia" in names
    assert not any(n.endswith("and") for n in names)


def test_base_at_a_name_is_a_place(nlp: Any) -> None:
    names = {p.name for p in places(nlp, "The navy kept its naval base at Souda and left Aden.")}
    assert "Souda" in names


def test_place_head_words_and_state_names_relabel(nlp: Any) -> None:
    from briefing.plugins.analysis.entities.spans import candidates

    text = "Floods hit Harlan County and the Green River valley. Mozambique Airlines flew to Chad."
    analysed = analyse_with_spacy(text)
    labels = {c.text: c.label for c in candidates(analysed)}
    assert labels.get("Harlan County") in {"GPE", "LOC"}
    assert labels.get("Chad") == "GPE"


def test_town_comma_region_is_two_places(nlp: Any) -> None:
    names = {p.name for p in places(nlp, "The festival moved to Bergen, Norway last year.")}
    assert "Bergen" in names and "Bergen, Norway" not in names


def test_proper_noun_after_spatial_preposition_is_a_place_not_a_people(nlp: Any) -> None:
    found = [p.name for p in places(nlp, "Aid agencies warned that the situation in Aleppo remains dire. "
                                         "The report was written in Kurdish and in Spanish.")]
    assert "Aleppo" in found
    assert "Kurdish" not in found and "Spanish" not in found  # languages are not places


def test_a_common_noun_capitalised_only_where_a_line_starts_is_no_place() -> None:
    """A review's "Battery is improved on the 16-inch Harbour Pro" made "Battery" a place; the
    article writes "battery" in lower case elsewhere. A state's name stays whatever else is
    written in lower case ("fine china")."""
    from briefing.plugins.analysis.entities.spans import candidates
    from briefing.testing import analyse_with_spacy

    review = ("Storage is faster than last year.\nBattery life\nBattery is improved on the 16-inch "
              "Harbour Pro\nThis time the maker fitted a new 100Wh battery.")
    assert "Battery" not in [c.text for c in candidates(analyse_with_spacy(review))]
    trade = "China warned the United States on Monday. Exports of fine china rose."
    assert "China" in [c.text for c in candidates(analyse_with_spacy(trade))]


def test_software_named_like_a_town_is_no_place_unless_the_text_puts_it_where_places_stand(nlp: Any) -> None:
    """Cyber news listed malware, products and vendors ("the <Name> ransomware", "Line Printer
    Daemon") as places: the model takes a one-word brand for a town. A town that also names
    software ("the <Town> ransomware") stays a place where the text writes "in <Town>"."""
    assert places(nlp, "Security firms say the Delmar ransomware now spreads through fake invoices. "
                       "Delmar encrypts every file it finds.") == []
    assert places(nlp, "He sent print jobs through the Line Printer Daemon (LPD) of each printer.") == []
    found = places(nlp, "Two clinics in Delmar lost their records when the Delmar ransomware encrypted "
                        "every file.")
    assert [p.name for p in found] == ["Delmar"]
