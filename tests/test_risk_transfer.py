"""Rules of the third round of issue 18, chosen on the released and second-round tuning articles of
the risk gold (bench/gold/README.md) and kept only where they cost neither round. Each text was
written for the rule it pins, not copied from the data."""

from __future__ import annotations

from typing import Any

import pytest
from risk_sentences import found, kinds

from briefing.plugins.analysis.nlp.analyser import load_model


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model("en_core_web_sm")


@pytest.mark.parametrize("text", [
    "Rebels are pushing towards the provincial capital from the north.",
    "The militia has tried for weeks to advance on the port city.",
    "The militia has tried for weeks to advance on Port Mereth.",          # a name the recogniser misses
    "Rival gangs are closing in on the old market district.",
])
def test_forces_moving_against_a_place_are_an_open_attempt(nlp: Any, text: str) -> None:
    assert kinds(nlp, text) == ["risk"]


@pytest.mark.parametrize("text", [
    "Shares advanced on hopes of a rate cut.",                              # not a place
    "The army advanced on the town last spring and took it within a day.",  # told as past
])
def test_an_advance_that_is_no_attempt_on_a_place(nlp: Any, text: str) -> None:
    assert found(nlp, text) == []


def test_public_fears_over_anything_are_a_risk_unless_they_came_true(nlp: Any) -> None:
    assert kinds(nlp, "The strike adds to fears over the future of the factory.") == ["risk"]
    assert found(nlp, "She talked about her worry about how she looks on camera.") == []
    assert found(nlp, "Fears over a slowdown in the housing market have now become a reality.") == []


def test_little_attempt_is_no_attempt(nlp: Any) -> None:
    assert kinds(nlp, "The gunmen made an attempt at storming the embassy.") == ["risk"]
    assert kinds(nlp, "The gunmen made a little attempt at storming the embassy.") == ["risk"]
    assert found(nlp, "The gunmen made little attempt at storming the embassy.") == []


def test_a_planned_harm_whose_plan_is_negated(nlp: Any) -> None:
    assert kinds(nlp, "Officials spoke of an imminent attack on the port.") == ["risk"]
    assert found(nlp, "Officials spoke of a not imminent attack on the port.") == []


def test_could_of_an_ability_shown_is_no_risk(nlp: Any) -> None:
    assert found(nlp, "The young forwards proved that they could be dangerous in front of goal.") == []
    assert kinds(nlp, "The forwards could be dangerous in front of goal on Saturday.") == ["risk"]


def test_a_hardship_faced_for_months_is_a_report(nlp: Any) -> None:
    assert found(nlp, "The valley has faced power cuts for months.") == []
    assert kinds(nlp, "The valley faces power cuts this winter.") == ["risk"]
    assert kinds(nlp, "The valley has faced death threats for months.") == ["risk"]   # a danger word


def test_awaiting_in_a_participle_of_a_past_narrative(nlp: Any) -> None:
    assert found(nlp, "The men were arrested at the port and then sent to a camp awaiting deportation.") == []
    assert kinds(nlp, "The two men are awaiting deportation.") == ["risk"]


def test_a_harm_in_a_relative_clause_is_not_what_a_hedge_estimates(nlp: Any) -> None:
    text = "Studying old seeds may help farmers understand the crops that were lost in the drought."
    assert found(nlp, text) == []
    assert kinds(nlp, "The drought may destroy the crops that farmers planted in spring.") == ["risk"]


def test_weapons_being_made_are_a_threat_unless_pinned_in_the_past(nlp: Any) -> None:
    assert kinds(nlp, "Police say the cell makes explosives in a garage outside the city.") == ["risk"]
    assert found(nlp, "The militia said the blast happened when jets bombed a workshop where rebels "
                      "were making explosives.") == []


def test_a_drag_on_the_economy_is_a_harm(nlp: Any) -> None:
    (risk,) = found(nlp, "Weak exports will likely be a drag on growth next year.")
    assert (risk.kind, risk.likelihood) == ("risk", "likely")


def test_a_run_of_headlines_in_title_case_states_nothing(nlp: Any) -> None:
    text = "Related Rebels Could Attack Port City As Talks Collapse - Army Warns Of Strikes On Border Towns"
    assert found(nlp, text) == []
    assert kinds(nlp, "The army vows to strike rebel bases near the border as the talks stall.") == ["risk"]


# Fourth round: rules chosen on rounds 1-3 of the tuning half, each judged on every round apart.

def test_weapons_made_must_be_what_is_made(nlp: Any) -> None:
    assert found(nlp, "She made her money in old copper mines and later went into banking.") == []
    assert kinds(nlp, "The cell makes rockets in a farm shed outside the town.") == ["risk"]
    assert kinds(nlp, "Militants build bombs and detonators in the cellar of a bakery.") == ["risk"]


def test_instability_names_a_state_not_a_risk(nlp: Any) -> None:
    assert found(nlp, "Teachers said instability at home had hurt the pupils' reading scores.") == []
    assert kinds(nlp, "Economists said the default could bring instability to the whole region.") == ["risk"]


@pytest.mark.parametrize("text", [
    "Farmers say their harvests would suffer if the canal is closed to barges.",
    "The museum's budget will be slashed by a third next spring.",
    "A second drought this year would be devastating for the valley's growers.",
    "'I would sack the whole board tomorrow,' the shareholder told the radio station.",
])
def test_a_loss_told_as_future_or_conditional_is_a_risk(nlp: Any, text: str) -> None:
    assert kinds(nlp, text) == ["risk"]


@pytest.mark.parametrize("text", [
    "Farmers say their harvests would not suffer even if the canal is closed to barges.",
    "Up to forty sheep may have died in the storm on the upper pastures.",
    "Climbers will still die on the mountain, however good the ropes become.",
    "If the shop had been damaged by the flood, the owners would have told us.",
])
def test_a_loss_negated_past_or_going_on_is_not_a_risk_ahead(nlp: Any, text: str) -> None:
    assert "risk" not in kinds(nlp, text)


@pytest.mark.parametrize("text", [
    "Hospital staff said three of the miners are in a critical condition after the collapse.",
    "Doctors said the injuries of both climbers are critical.",
])
def test_a_life_stated_to_be_at_risk_is_a_risk(nlp: Any, text: str) -> None:
    assert kinds(nlp, text) == ["risk"]


def test_a_critical_condition_inside_a_noun_phrase_only_classifies(nlp: Any) -> None:
    assert found(nlp, "The crash left four dead and eleven hurt, including two in critical condition.") == []
    assert found(nlp, "The committee reached a critical stage of its review of the tunnel budget.") == []


@pytest.mark.parametrize("text", [
    "An operation to encircle the gunmen in the hills is under way, officials said.",
    "Mediators are making a final effort to avert a bloodbath in the mountain villages.",
])
def test_an_undertaking_aimed_at_a_harm_is_a_threat(nlp: Any, text: str) -> None:
    assert kinds(nlp, text) == ["risk"]


def test_an_undertaking_aimed_at_ending_a_harm_is_not(nlp: Any) -> None:
    assert found(nlp, "An operation to end the blockade of the harbour is under way, officials said.") == []


@pytest.mark.parametrize("text", [
    "The defence minister said the alliance must respond with force if the border post is shelled again.",
    "The envoy promised a swift and possibly unilateral response to the shelling of the border post.",
])
def test_a_response_by_force_is_a_threat(nlp: Any, text: str) -> None:
    assert kinds(nlp, text) == ["risk"]


def test_a_response_without_force_is_not(nlp: Any) -> None:
    assert found(nlp, "The mayor promised a detailed response to the residents' letter by Friday.") == []
