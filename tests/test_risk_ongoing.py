"""Risks stated with neither a risk word nor a hedge: harm someone faces, a worsening ahead; harm
told as going on, which is a report and not a risk; and lines that look like risks but state none.

Each text was written for the rule it pins (the rules were chosen on the tuning half of the risk
gold, bench/gold/README.md).
"""

from __future__ import annotations

import pytest
from risk_sentences import found, kinds


@pytest.mark.parametrize("text", [
    "The army continues its shelling of the northern villages.",                 # continue + harm
    "Local councils say the militia's continued raids on farms must end.",       # "continued" harm
    "Too many people continue to die on the roads of the province.",             # continue to die
    "The monitor said fighting was continuing around the port on Sunday.",       # reported, shifted
    "The junta continues to use banned weapons against the villages.",           # continues to use weapons
    "The ministry says the rebels are shelling the port every night.",           # progressive
    "Residents said the refugees were being starved by the blockade.",           # progressive passive
    "The old town has been under siege since the spring.",                       # under siege
    "Since then the valley has been the target of a government offensive.",      # target of an offensive
])
def test_a_harm_told_as_going_on_is_a_report_not_a_risk(text: str) -> None:
    # rule 3 of the risk guide as settled: an ongoing harm stated as fact reports the present
    assert "risk" not in kinds(text)


@pytest.mark.parametrize("text", [
    "Farmers fear the shelling of the northern villages will go on all winter.",  # a fear of it
    "The old town remains under threat from the militia in the hills.",           # a danger word
    "The militia is still trying to seize the port after a week of shelling.",    # an open attempt
])
def test_a_harm_going_on_with_a_danger_or_an_open_attempt_is_a_risk(text: str) -> None:
    assert kinds(text) == ["risk"]


@pytest.mark.parametrize("text", [
    "Dozens of old cases face delay because there is no judge to hear them.",    # face + delay
    "The three districts face water shortages this summer.",                     # present
    "The two men are awaiting sentencing in the capital.",                       # await + sentencing
])
def test_a_harm_someone_faces_is_a_risk(text: str) -> None:
    assert kinds(text) == ["risk"]


@pytest.mark.parametrize("text", [
    "Aid workers warned the situation in the camps would only worsen without food.",
    "The situation in the camps will get worse, the doctor said.",
])
def test_a_worsening_told_as_future_is_a_risk(text: str) -> None:
    assert kinds(text) == ["risk"]


@pytest.mark.parametrize("text", [
    "The army continued its shelling of the villages on Monday.",               # narrative past
    "Rescue teams continue to search for survivors amid the destruction.",       # no harm goes on
    "She died after being struck on the head at least five times.",              # a gerund, past
    "Families who chose to leave areas under siege have headed north.",          # "under" describes
    "Activists said the suburb came under heavy attack on Wednesday.",           # an event, past
    "The visitors face a clash with the league leaders on Saturday.",            # a contest
    '"It was calmer last week but today there was shelling at seven and it went on all day" said a nurse.',
    "The nurse will not face charges over the death.",                           # negated
])
def test_what_is_not_going_on_or_faced(text: str) -> None:
    assert found(text) == []


def test_a_series_of_verbs_shares_the_first_ones_auxiliary() -> None:
    # "threatened" has no subject or auxiliary of its own: it shares "has", so it is present perfect
    text = "The flood has drawn wide sympathy, closed the main road and threatened the harvest."
    assert kinds(text) == ["risk"]
    assert found("The flood closed the main road and threatened the harvest last spring.") == []


def test_continue_with_a_complement_is_not_a_reporting_verb() -> None:
    (risk,) = found("The junta continues to threaten the villages with banned weapons.")
    assert risk.text.startswith("The junta continues") and risk.speaker is None


def test_a_feeling_told_in_the_past_is_history_even_when_reported() -> None:
    assert found("The guard said that he felt threatened by the crowd at the gate.") == []
    assert kinds("Residents say they feel threatened by the militia at the gate.") == ["risk"]


def test_a_line_without_a_finite_verb_is_a_heading() -> None:
    assert found("Kitesurfing in a danger zone near the harbour") == []
    assert kinds("Kitesurfing near the harbour is dangerous in winter.") == ["risk"]


def test_a_possibility_that_an_allegation_is_about_is_no_risk() -> None:
    assert found("The army will look into every allegation of possible civilian casualties.") == []
    assert kinds("The raid on the market could kill dozens of civilians.") == ["risk"]


def test_taking_over_a_place_is_a_threat_taking_over_a_company_is_not() -> None:
    assert kinds("Officials say rebels are trying to take over the southern checkpoints.") == ["risk"]
    assert found("The brewer is trying to take over its smaller rival this year.") == []


def test_a_stock_of_a_nerve_agent_is_a_threat() -> None:
    assert kinds("Diplomats believe the regime still has caches of undeclared sarin near the coast.") \
        == ["risk"]


@pytest.mark.parametrize("text", [
    "The farmer believes the flood could have been prevented if the dam had been repaired.",
    "Villagers wonder if the fire might have spread less had the brigade arrived sooner.",
])
def test_a_past_that_did_not_happen_is_neither_risk_nor_assessment(text: str) -> None:
    assert found(text) == []


def test_an_estimate_of_what_happened_stays_an_assessment() -> None:
    assert kinds("Officials said the convoy may have been hit by a missile.") == ["assessment"]


def test_fighting_a_campaign_is_no_fighting() -> None:
    assert found("The party says it is fighting a campaign like never before in the city.") == []


def test_a_warning_of_what_had_happened_is_a_report() -> None:
    """Fifth round: the past perfect puts the warned-of event before the warning."""
    assert found("A note on the screen warned that the files had been encrypted by a gang.") == []
    assert kinds("The note warned that the files would be encrypted by a gang unless a fee was paid.") \
        == ["risk"]
    assert kinds("Experts warned that the levee had become dangerous after the storm.") == ["risk"]


# Fifth round: fixed expressions of risk without a risk word (risk_idioms).

@pytest.mark.parametrize("text", [
    "The storm throws the harvest festival into doubt.",                          # an outcome in doubt
    "The general said the ambush on his convoy will not go unpunished.",          # a reprisal announced
    "The militia said that the ferry crews are legitimate targets.",              # ... and its targets
    "The court must now decide whether the prisoner should live or die.",         # an open verdict on a life
    "There is no end in sight to the fighting in the southern provinces.",        # a harm going on ahead
    "The new rules would make it harder for small farms to sell their milk.",     # an ability lost ahead
])
def test_fixed_expressions_of_risk(text: str) -> None:
    assert kinds(text) == ["risk"]


@pytest.mark.parametrize("text", [
    "There is no doubt that the bridge will open in May.",
    "The result of the vote was never in doubt.",
    "The theft went unpunished for years.",
    "Hospitals are not legitimate targets, the envoy said.",
    "The panel will decide whether the bridge should reopen in spring.",   # a routine decision
    "There is no end in sight to the celebrations in the square.",         # no harm
    "The new lanes will make it easier for cyclists to reach the centre.",
    "The fog made it harder for drivers to see the road.",                 # told as past
])
def test_near_misses_of_fixed_expressions(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize("text", [
    "If the wall falls, the rebels would be able to shell the whole city.",
    "With the copied keys, the gang will be able to intercept every message.",
])
def test_a_capability_of_harm_ahead_is_a_risk(text: str) -> None:
    assert kinds(text) == ["risk"]


@pytest.mark.parametrize("text", [
    "The new pumps will be able to drain the whole valley in a day.",           # no harm
    "The rebels would have been able to shell the city had the bridge stood.",  # a past not come
])
def test_a_capability_without_harm_or_in_the_past_is_no_risk(text: str) -> None:
    assert found(text) == []


def test_harder_needs_the_act_that_becomes_harder() -> None:
    """A guard checked on unlabelled RAMS news: 'would make it virtually impossible' with no act
    of its own refers to a wish in another clause."""
    text = "Even if the mayor wanted to sell the land, the new law would make it almost impossible."
    assert found(text) == []


def test_a_participle_adjunct_shares_the_time_of_its_clause() -> None:
    text = "Last spring the mill dumped waste into the river, making the water dangerous to drink."
    assert found(text) == []
    assert kinds("The mill is dumping waste into the river, making the water dangerous to drink.") == ["risk"]
    assert kinds("Engineers said the storm damaged the dam, leaving it unstable.") == ["risk"]  # reported


@pytest.mark.parametrize("text", [
    "The flaw in the router software would allow an intruder's program to steal stored passwords.",
    "A bug in the ticket machines could let thieves hijack the payment terminals.",
])
def test_enabling_a_harm_ahead_is_a_capability_of_harm(text: str) -> None:
    # "allow/let/enable/permit" under a modal of the future or condition, the enabled act (or its
    # doer) itself a harm: the capability of "would be able to", said through the enabler
    assert kinds(text) == ["risk"]


@pytest.mark.parametrize("text", [
    "The new clinic will allow doctors to repair damaged knees within a day.",   # the harm is an attribute
    "The loophole allowed the gang to steal hundreds of bicycles last year.",   # past: done
])
def test_enabling_without_a_harm_act_or_in_the_past_is_no_risk(text: str) -> None:
    assert "risk" not in kinds(text)


def test_a_worsening_expected_is_ahead() -> None:
    assert kinds("Analysts expect the shortage of nurses in rural clinics to get worse.") == ["risk"]
    # expected in the past and negated are not
    assert "risk" not in kinds("Analysts did not expect the shortage of nurses to get worse.")
