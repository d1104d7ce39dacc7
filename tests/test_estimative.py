"""The estimative-language yardstick: PHIA bands, adverb forms, negation, hedges without a range."""

from __future__ import annotations

import pytest

from briefing.plugins.analysis.extract.estimative import BANDS, estimate, hedges, mirror, yardstick_estimates


@pytest.mark.parametrize(("text", "phrase", "probability"), [
    ("There is a remote chance of snow in June.", "remote chance", (0.0, 0.05)),
    ("A deal is highly unlikely before spring.", "highly unlikely", (0.10, 0.20)),
    ("The bill is unlikely to pass.", "unlikely", (0.25, 0.35)),
    ("There is a realistic possibility of a strike.", "realistic possibility", (0.40, 0.50)),
    ("The council will likely raise fares.", "likely", (0.55, 0.75)),
    ("A rate cut is probable this year.", "probable", (0.55, 0.75)),
    ("The dam will highly likely hold.", "highly likely", (0.80, 0.90)),
    ("The merger is almost certain to close.", "almost certain", (0.95, 1.0)),
])
def test_each_phia_band(text: str, phrase: str, probability: tuple[float, float]) -> None:
    found = estimate(text)
    assert found is not None
    assert (found.phrase, found.probability, found.negated) == (phrase, probability, False)


@pytest.mark.parametrize(("text", "phrase", "band"), [
    ("Prices have almost certainly peaked.", "almost certainly", "almost certain"),
    ("The team very likely wins.", "very likely", "highly likely"),
    ("The vote is very unlikely to be close.", "very unlikely", "highly unlikely"),
    ("The river will probably flood.", "probably", "likely"),
    ("The storm most likely caused the outage.", "most likely", "likely"),
    ("Turnout is virtually certain to rise.", "virtually certain", "almost certain"),
    ("It is an even chance that the ferry sails.", "an even chance", "realistic possibility"),
])
def test_adverb_and_synonym_forms(text: str, phrase: str, band: str) -> None:
    found = estimate(text)
    assert found is not None and (found.phrase, found.band) == (phrase, band)


@pytest.mark.parametrize(("text", "phrase", "band"), [
    ("The bill is not likely to pass.", "not likely", "unlikely"),
    ("The bridge isn't highly likely to close.", "isn't highly likely", "highly unlikely"),
    ("The talks will probably not resume.", "probably not", "unlikely"),
    ("The plant almost certainly will not reopen.", "almost certainly will not", "remote chance"),
    ("They likely won't come.", "likely won't", "unlikely"),
])
def test_negation_reads_the_mirror_band(text: str, phrase: str, band: str) -> None:
    found = estimate(text)
    assert found is not None
    assert (found.phrase, found.band, found.negated) == (phrase, band, True)


def test_unlikely_is_never_read_as_likely() -> None:
    found = yardstick_estimates("Rain is unlikely and snow highly unlikely.")
    assert [(f.phrase, f.band) for f in found] == [("unlikely", "unlikely"),
                                                   ("highly unlikely", "highly unlikely")]


def test_mirror_is_symmetric() -> None:
    names = [name for name, _, _ in BANDS]
    assert [mirror(n) for n in names] == names[::-1]
    assert mirror("realistic possibility") == "realistic possibility"


@pytest.mark.parametrize(("text", "phrase"), [
    ("The levee could fail.", "could"),
    ("Talks may collapse.", "may"),
    ("Fighting might spread.", "might"),
    ("There is a risk of blackouts.", "risk of"),
    ("The dispute is potentially costly.", "potentially"),
])
def test_hedges_keep_their_phrase_without_probability(text: str, phrase: str) -> None:
    found = estimate(text)
    assert found is not None
    assert (found.phrase, found.probability, found.band) == (phrase, None, None)


def test_the_month_may_is_not_a_hedge() -> None:
    assert hedges("The plant opened in May 2020.") == []
    assert estimate("The plant opened on May 4.") is None


def test_a_yardstick_phrase_beats_an_earlier_hedge() -> None:
    found = estimate("Talks could stall, and a strike is highly likely.")
    assert found is not None and found.phrase == "highly likely"


def test_no_estimate_in_a_plain_statement() -> None:
    assert estimate("The ferry left at noon.") is None
