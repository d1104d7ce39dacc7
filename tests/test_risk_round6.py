"""Rules of the sixth round, chosen on the tuning half of the risk gold after the fifth round's
held-out half was released (bench/gold/README.md), kept only where they cost no tuning scope.
Each text was written for the rule it pins, not copied from the data."""

from __future__ import annotations

from risk_sentences import kinds


def test_a_risk_adjective_under_a_negated_copula_is_negated() -> None:
    assert "risk" not in kinds("Once updated, the office printers will not be vulnerable to the worm.")
    assert kinds("Until it is updated, the office printer will be vulnerable to the worm.") == ["risk"]


def test_could_not_reproduce_is_no_possibility() -> None:
    # a failed reproduction reports what testers could not do, as "could not be confirmed" does
    assert "risk" not in kinds("The vendor said the attacks could not be reproduced on newer laptops.")
    assert kinds("The vendor said the attacks could spread to newer laptops soon.") == ["risk"]


def test_no_backshift_under_a_present_report() -> None:
    # "said ... was" may mean "is" (backshift after a past report); "says ... was" is the past
    assert "risk" not in kinds("The council says the old footbridge was dangerous before the repairs.")
    assert kinds("The council said the old footbridge was dangerous to cross.") == ["risk"]


def test_a_risk_noun_naming_the_topic_of_work_on_risks_is_no_risk() -> None:
    assert "risk" not in kinds("The firms coordinated the vulnerability disclosure with the vendor.")
    assert kinds("The two firms say a vulnerability in the vendor's router is still open.") == ["risk"]


def test_an_estimate_of_a_harm_is_not_hidden_by_an_earlier_one() -> None:
    # the first hedge qualifies a noun without harm; the later one, of a harm, is the risk's
    text = "The board rated the potential savings as modest because thieves can potentially steal the meters."
    assert kinds(text) == ["risk"]
    near = "The board rated the potential savings as modest since meters are potentially cheaper."
    assert kinds(near) == []


def test_could_cause_is_a_consequence_ahead_not_a_cause_found() -> None:
    assert kinds("This is plainly a situation that could cause serious harm to small farms.") == ["risk"]
    assert "risk" not in kinds("The fire in the depot was probably caused by a loose cable.")


def test_a_risk_ruled_out_is_no_risk() -> None:
    assert "risk" not in kinds("The drills were planned to exclude any danger to the nearby farms.")
    # negated, the same verbs affirm the risk
    assert kinds("Police did not rule out the threat of further attacks on the dam.") == ["risk"]


def test_a_plan_or_goal_whose_content_is_a_harm_is_a_threat() -> None:
    # Purpose frame with the copula: "the plan is to X" as "plans to X"
    assert kinds("The rebels said the plan of the alliance is to ultimately destroy the militia.") == ["risk"]
    assert "risk" not in kinds("The rebels said the plan of the alliance is to rebuild the market.")
    assert "risk" not in kinds("The envoy said the goal of the talks is to end the siege of the town.")


def test_the_attribution_is_not_what_a_hedge_estimates() -> None:
    # a quotation run on from the paragraph before, as in news copy
    text = ('Perhaps the delays are evidence that the firm is short of staff," the mayor said, '
            'when asked his opinion about the bombing.')
    assert "risk" not in kinds(text)
    assert kinds('"Perhaps the delays will lead to another bombing," the mayor said on Monday.') == ["risk"]


def test_open_to_harm_adjectives_state_a_risk_when_predicated() -> None:
    assert kinds("Most small clinics are still badly unprepared for a flood of that size.") == ["risk"]
    # as an attribute it classifies, like "vulnerable children"
    assert "risk" not in kinds("The charity gave blankets to unprotected families in the old quarter.")


def test_a_harm_said_to_be_a_concern_is_feared() -> None:
    assert kinds("In recent years phone theft has become a growing concern for commuters.") == ["risk"]
    assert "risk" not in kinds("In recent years parking fees have become a growing concern for commuters.")


def test_possible_that_stretches_a_range_is_no_hedge() -> None:
    text = "The council urged police to protect the market by all possible means from these continued raids."
    assert "risk" not in kinds(text)
    assert kinds("The council fears possible raids on the market next week.") == ["risk"]


def test_a_hedged_harmful_event_is_a_risk() -> None:
    # the threat vocabulary counts as harm under a hedge: "could ... target"
    assert kinds("Gangs could use the new maps to target lone cyclists after dark.") == ["risk"]
    assert "risk" not in kinds("Shops could use the new maps to find lone cyclists after dark.")


def test_criminals_as_the_doers_of_a_hedged_act() -> None:
    assert kinds("Criminals could copy the keys that the couriers leave in the lobby.") == ["risk"]
    # the adjective classifies; the plural noun names the doers
    assert "risk" not in kinds("The criminal courts could copy the rules that the county uses.")


def test_trying_to_take_a_place_is_an_attempt_on_it() -> None:
    assert kinds("The militia has been trying to take the entire province for a month.") == ["risk"]
    assert "risk" not in kinds("The militia has been trying to take the wounded to the hospital.")
    assert "risk" not in kinds("The militia took the port from the army on Monday.")  # a report


def test_a_harm_as_the_agent_of_a_passive_is_framed_too() -> None:
    assert kinds("People in the town are getting ready to be hit by barrel bombs again.") == ["risk"]
    assert "risk" not in kinds("People in the town are getting ready to be visited by the new governor.")


def test_risks_looked_for_as_a_line_of_work_are_no_risk() -> None:
    assert "risk" not in kinds("Her team is responsible for finding vulnerabilities in banking apps.")
    assert kinds("Her team says many banking apps still have vulnerabilities in their logins.") == ["risk"]
