"""Rules of the third round of issue 18, chosen on the released and second-round tuning articles of
the risk gold (bench/gold/README.md) and kept only where they cost neither round. Each text was
written for the rule it pins, not copied from the data."""

from __future__ import annotations

import pytest
from risk_sentences import found, kinds


@pytest.mark.parametrize("text", [
    "Rebels are pushing towards the provincial capital from the north.",
    "The militia has tried for weeks to advance on the port city.",
    "The militia has tried for weeks to advance on Port Mereth.",          # a name the recogniser misses
    "Rival gangs are closing in on the old market district.",
])
def test_forces_moving_against_a_place_are_an_open_attempt(text: str) -> None:
    assert kinds(text) == ["risk"]


@pytest.mark.parametrize("text", [
    "Shares advanced on hopes of a rate cut.",                              # not a place
    "The army advanced on the town last spring and took it within a day.",  # told as past
])
def test_an_advance_that_is_no_attempt_on_a_place(text: str) -> None:
    assert found(text) == []


def test_public_fears_over_anything_are_a_risk_unless_they_came_true() -> None:
    assert kinds("The strike adds to fears over the future of the factory.") == ["risk"]
    assert found("She talked about her worry about how she looks on camera.") == []
    assert found("Fears over a slowdown in the housing market have now become a reality.") == []


def test_little_attempt_is_no_attempt() -> None:
    assert kinds("The gunmen made an attempt at storming the embassy.") == ["risk"]
    assert kinds("The gunmen made a little attempt at storming the embassy.") == ["risk"]
    assert found("The gunmen made little attempt at storming the embassy.") == []


def test_a_planned_harm_whose_plan_is_negated() -> None:
    assert kinds("Officials spoke of an imminent attack on the port.") == ["risk"]
    assert found("Officials spoke of a not imminent attack on the port.") == []


def test_could_of_an_ability_shown_is_no_risk() -> None:
    assert found("The young forwards proved that they could be dangerous in front of goal.") == []
    assert kinds("The forwards could be dangerous in front of goal on Saturday.") == ["risk"]


def test_a_hardship_faced_for_months_is_a_report() -> None:
    assert found("The valley has faced power cuts for months.") == []
    assert kinds("The valley faces power cuts this winter.") == ["risk"]
    assert kinds("The valley has faced death threats for months.") == ["risk"]   # a danger word


def test_awaiting_in_a_participle_of_a_past_narrative() -> None:
    assert found("The men were arrested at the port and then sent to a camp awaiting deportation.") == []
    assert kinds("The two men are awaiting deportation.") == ["risk"]


def test_a_harm_in_a_relative_clause_is_not_what_a_hedge_estimates() -> None:
    text = "Studying old seeds may help farmers understand the crops that were lost in the drought."
    assert found(text) == []
    assert kinds("The drought may destroy the crops that farmers planted in spring.") == ["risk"]


def test_weapons_being_made_are_a_threat_unless_pinned_in_the_past() -> None:
    assert kinds("Police say the cell makes explosives in a garage outside the city.") == ["risk"]
    assert found("The militia said the blast happened when jets bombed a workshop where rebels "
                      "were making explosives.") == []


def test_a_drag_on_the_economy_is_a_harm() -> None:
    (risk,) = found("Weak exports will likely be a drag on growth next year.")
    assert (risk.kind, risk.likelihood) == ("risk", "likely")


def test_a_run_of_headlines_in_title_case_states_nothing() -> None:
    text = "Related Rebels Could Attack Port City As Talks Collapse - Army Warns Of Strikes On Border Towns"
    assert found(text) == []
    assert kinds("The army vows to strike rebel bases near the border as the talks stall.") == ["risk"]


# Fourth round: rules chosen on rounds 1-3 of the tuning half, each judged on every round apart.

def test_weapons_made_must_be_what_is_made() -> None:
    assert found("She made her money in old copper mines and later went into banking.") == []
    assert kinds("The cell makes rockets in a farm shed outside the town.") == ["risk"]
    assert kinds("Militants build bombs and detonators in the cellar of a bakery.") == ["risk"]


def test_instability_names_a_state_not_a_risk() -> None:
    assert found("Teachers said instability at home had hurt the pupils' reading scores.") == []
    assert kinds("Economists said the default could bring instability to the whole region.") == ["risk"]


@pytest.mark.parametrize("text", [
    "Farmers say their harvests would suffer if the canal is closed to barges.",
    "The museum's budget will be slashed by a third next spring.",
    "A second drought this year would be devastating for the valley's growers.",
    "'I would sack the whole board tomorrow,' the shareholder told the radio station.",
])
def test_a_loss_told_as_future_or_conditional_is_a_risk(text: str) -> None:
    assert kinds(text) == ["risk"]


@pytest.mark.parametrize("text", [
    "Farmers say their harvests would not suffer even if the canal is closed to barges.",
    "Up to forty sheep may have died in the storm on the upper pastures.",
    "Climbers will still die on the mountain, however good the ropes become.",
    "If the shop had been damaged by the flood, the owners would have told us.",
])
def test_a_loss_negated_past_or_going_on_is_not_a_risk_ahead(text: str) -> None:
    assert "risk" not in kinds(text)


@pytest.mark.parametrize("text", [
    "Hospital staff said three of the miners are in a critical condition after the collapse.",
    "Doctors said the injuries of both climbers are critical.",
])
def test_a_life_stated_to_be_at_risk_is_a_risk(text: str) -> None:
    assert kinds(text) == ["risk"]


def test_a_critical_condition_inside_a_noun_phrase_only_classifies() -> None:
    assert found("The crash left four dead and eleven hurt, including two in critical condition.") == []
    assert found("The committee reached a critical stage of its review of the tunnel budget.") == []


@pytest.mark.parametrize("text", [
    "An operation to encircle the gunmen in the hills is under way, officials said.",
    "Mediators are making a final effort to avert a bloodbath in the mountain villages.",
])
def test_an_undertaking_aimed_at_a_harm_is_a_threat(text: str) -> None:
    assert kinds(text) == ["risk"]


def test_an_undertaking_aimed_at_ending_a_harm_is_not() -> None:
    assert found("An operation to end the blockade of the harbour is under way, officials said.") == []


@pytest.mark.parametrize("text", [
    "The defence minister said the alliance must respond with force if the border post is shelled again.",
    "The envoy promised a swift and possibly unilateral response to the shelling of the border post.",
])
def test_a_response_by_force_is_a_threat(text: str) -> None:
    assert kinds(text) == ["risk"]


def test_a_response_without_force_is_not() -> None:
    assert found("The mayor promised a detailed response to the residents' letter by Friday.") == []


# Fifth round: rules chosen on rounds 1-4 of the tuning half (round 4 released), each judged on
# every round and set apart.

def test_a_goal_whose_content_is_a_harmful_act_is_a_threat() -> None:
    assert kinds("The generals said their objective of retaking the northern valley is within reach.") \
        == ["risk"]
    assert found("The aim of the raid on the village was to frighten its farmers.") == []   # a raid's aim
    assert found("The army never managed to achieve its goal of capturing the valley.") == []  # success told


@pytest.mark.parametrize("text", [
    "The opposition is trying to oust the mayor before the election.",
    "Officers were plotting to overthrow the president, the prosecutor said.",
])
def test_removal_from_power_is_a_harmful_act(text: str) -> None:
    assert kinds(text) == ["risk"]


def test_a_removal_from_power_told_as_done_is_no_threat() -> None:
    assert found("The board ousted the chairman last year after a long dispute.") == []


@pytest.mark.parametrize("text", [
    "The cell has been accumulating weapons and explosives in a farmhouse near the border.",
    "Villagers hoard rifles and ammunition in their cellars, officials say.",
])
def test_weapons_accumulated_are_a_stockpile(text: str) -> None:
    assert kinds(text) == ["risk"]


def test_gathering_what_is_no_weapon_or_only_near_one_is_no_stockpile() -> None:
    assert found("The museum gathered hundreds of visitors to see the old rifles.") == []
    assert found("Volunteers gathered blankets and food for the families in the camp.") == []


def test_a_risk_noun_that_only_classifies_a_noun_phrase_states_no_risk() -> None:
    assert found("The firm hired two engineers for its vulnerability research team last spring.") == []
    assert found("Staff from Harbor Threat Analysis Group spoke at the conference on Monday.") == []
    assert kinds("Officials said the terror threat level in the capital remains severe.") == ["risk"]


@pytest.mark.parametrize("text", [
    "Engineers said the old dam does not pose a threat to the valley.",
    "The council never replied to the residents' repeated warnings about the bridge.",
])
def test_a_risk_noun_under_a_negated_verb_states_no_risk(text: str) -> None:
    assert found(text) == []


def test_a_negated_verb_of_excluding_affirms_the_risk() -> None:
    assert kinds("Police did not rule out the threat of further attacks on the port.") == ["risk"]
    assert kinds("The old dam poses a threat to the valley, engineers said.") == ["risk"]


def test_executing_a_program_or_a_plan_is_no_killing() -> None:
    assert found("The scammers are trying to trick office staff into executing the attachment.") == []
    assert found("The fund manager plans to execute the trading strategy next month.") == []
    assert kinds("The junta plans to execute the captured officers at dawn.") == ["risk"]


@pytest.mark.parametrize("text", [
    "Hackers exploited a known vulnerability in the forum software last year.",
    "The gang claims to have exploited a vulnerability in the routers.",
])
def test_a_weakness_exploited_is_a_breach_done(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize("text", [
    "Hackers could exploit the vulnerability to take over the cameras.",
    "Criminals are exploiting the vulnerability to steal passwords from shoppers.",
])
def test_a_weakness_that_may_be_or_is_being_exploited_is_a_risk(text: str) -> None:
    assert kinds(text) == ["risk"]


@pytest.mark.parametrize("text", [
    "Crooks could use the stolen card numbers to buy goods online.",
    "An attacker may also read the messages stored on the phone.",
])
def test_a_hedged_loss_of_data_or_control_is_a_risk(text: str) -> None:
    (risk,) = found(text)
    assert (risk.kind, risk.severity) == ("risk", "medium")


@pytest.mark.parametrize("text", [
    "Investigators could see that the hackers had left no trace on the server.",  # perception
    "Hackers stole the card numbers of ten thousand shoppers last week.",          # a harm done
])
def test_a_loss_of_data_seen_or_done_is_no_risk(text: str) -> None:
    assert found(text) == []


def test_a_risk_a_verb_of_remedy_removes_is_no_risk_unless_the_remedy_is_negated() -> None:
    assert found("The vendor has released an update that fixes the vulnerability in its routers.") == []
    assert kinds("The vendor has not fixed the vulnerability in its routers.") == ["risk"]


def test_an_escalation_that_happened_is_a_report_one_ahead_a_risk() -> None:
    assert found("An escalation of the shelling has cut off the northern district.") == []
    assert kinds("Fighting could escalate into a wider war along the border.") == ["risk"]
    assert kinds("The conflict will escalate if the talks fail, diplomats said.") == ["risk"]


def test_breaking_into_a_place_is_an_assault() -> None:
    assert kinds("Militias are trying to break into the old city from the east.") == ["risk"]
    assert found("The army broke into the old city from the east last spring.") == []


@pytest.mark.parametrize("text", [
    "When asked about the warning, the airline declined to comment.",
    "The vendor says it is aware of the vulnerability and will publish a fix.",
])
def test_a_bare_risk_noun_as_a_topic_refers_to_a_risk_stated_elsewhere(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize("text", [
    "Officials are aware of the danger of a second flood in the valley.",   # the risk is stated
    "The vulnerability can be used by a remote attacker to read files.",    # ... and here
])
def test_a_risk_noun_that_states_what_is_at_risk_is_still_a_risk(text: str) -> None:
    assert kinds(text) == ["risk"]


@pytest.mark.parametrize("text", [
    "The storm could leave thousands of homes without power for a week.",
    "The closure may leave the island with only one ferry.",
])
def test_leaving_someone_without_or_with_too_few_is_a_shortage(text: str) -> None:
    assert kinds(text) == ["risk"]


@pytest.mark.parametrize("text", [
    "A new bypass could leave the old road quiet at night.",          # no want
    "The flood left hundreds of families homeless last winter.",      # a harm done
])
def test_leaving_without_want_or_in_the_past_is_no_risk(text: str) -> None:
    assert found(text) == []


def test_a_hedge_on_who_did_a_harm_or_on_a_reported_harm_states_no_risk_ahead() -> None:
    """Narrowing the data harms: checked on unlabelled RAMS news, where 'thieves' and 'breach'
    under a hedge of attribution or of a reported event made false risks."""
    assert kinds("Experts say the thieves could be linked to a foreign spy agency.") == ["assessment"]
    assert "risk" not in kinds("The reported breach could just be a hoax, experts said.")
    assert kinds("The breach could expose the records of two million patients.") == ["risk"]


def test_a_hedged_noun_of_adversity_is_a_harm_ahead() -> None:
    (risk,) = found("Engineers see a potential problem with the cables of the new bridge.")
    assert (risk.kind, risk.likelihood) == ("risk", "potential")
    assert found("The council could solve the problem by hiring more staff.") == []


def test_putting_what_is_free_under_control_is_a_seizure() -> None:
    assert kinds("The new law aims to put the national broadcaster under state control.") == ["risk"]
    assert found("Firefighters are trying to bring the blaze under control.") == []
    assert found("The junta put the newspapers under military control in 1990.") == []   # done


def test_a_hedge_joined_to_another_modifier_takes_its_role() -> None:
    (risk,) = found("Critics call it a bold and potentially ruinous plan for the small farms.")
    assert (risk.kind, risk.likelihood) == ("risk", "potentially")
    assert found("Critics call it a bold and potentially popular plan for the small farms.") == []
    assert kinds("The storm could ruin the harvest in the valley.") == ["risk"]


def test_an_evidential_alone_makes_an_assessment_never_a_risk() -> None:
    """"Appears to", "seems to", "apparently", "presumably" infer what is from what is seen
    (CoNLL-2010 counts them among hedge cues): a judgement, with the cue as its stated likelihood,
    even of a harm; a risk word or threat still makes a risk, and "appear to someone" infers
    nothing."""
    (real,) = found("The sample records appear to be real, the company said.")
    assert (real.kind, real.likelihood) == ("assessment", "appear to")
    (revenge,) = found("The rocket attack was apparently in revenge for the airstrikes on the town.")
    assert (revenge.kind, revenge.likelihood) == ("assessment", "apparently")
    assert kinds("Hackers appear to have deleted the original databases of the toy maker.") == ["assessment"]
    assert kinds("The gang appears to be planning attacks on the banks of the region.") == ["risk"]
    assert found("The fake pages did not appear to users who came from the search engine.") == []


def test_it_seems_that_infers_as_seems_to_does() -> None:
    """"It seems that X", "it appears that X" put the same inference before a whole clause; "as it
    appears on the screen" infers nothing, and a modal of harm ahead in the clause still makes a
    risk."""
    (flaw,) = found("It appears that the flaw in the app was discovered last year but never reported.")
    assert (flaw.kind, flaw.likelihood) == ("assessment", "It appears")
    assert kinds("It seems that the hackers belong to a gang that sells stolen cards.") == ["assessment"]
    assert found("The logo is shown in red, just as it appears on the screen of the old phones.") == []
    assert kinds("It seems that the gunmen could attack the border posts again this winter.") == ["risk"]


def test_an_estimate_of_what_is_going_on_now_is_an_assessment() -> None:
    """An adverb of likelihood on a verb in the present tense judges what is ("hackers are likely
    exploiting it"), even of a harm; with a modal, a "will", or a verb that puts a consequence
    ahead ("likely means", "probably going to") it estimates what may come."""
    assert kinds("The hackers are likely exploiting the flaw to steal data.") == ["assessment"]
    assert kinds("Thieves most likely use the stolen cards to rob the victims.") == ["assessment"]
    assert kinds("The gang is probably the most ruthless crew of fraudsters in the region.") == ["assessment"]
    assert kinds("Perhaps this is why the hospital refuses to pay the ransom.") == ["assessment"]
    assert kinds("The thieves will likely use the stolen cards to steal money from the victims.") == ["risk"]
    assert kinds("The attackers could use the flaw to steal data.") == ["risk"]
    assert kinds("This likely means more strikes on the port.") == ["risk"]
    assert kinds("The rebels are probably going to attack the port.") == ["risk"]


def test_a_flaw_named_as_the_likely_cause_of_what_happened_is_no_risk() -> None:
    """A noun of risk inside an estimate of the past names a likely cause ("may have stemmed from a
    vulnerability"): the estimate, not the noun, says what the sentence is (an assessment when it
    states a likelihood). The same noun with an estimate of what may come, or as the estimate
    itself ("the threat of"), still states a risk."""
    assert kinds("The intruders most likely exploited a vulnerability in the mail server.") == ["assessment"]
    # a bare hedge states no likelihood to keep as an assessment: neither kind
    assert kinds("The intruders might have exploited a vulnerability in the old mail server.") == []
    assert kinds("The leak may have stemmed from a vulnerability in the API, the company said.") == []
    assert kinds("The vulnerability could let attackers take over the router.") == ["risk"]
    # the present perfect tells of a state that holds now
    assert kinds("The coup has almost certainly increased the risk to the two ports.") == ["risk"]
    assert kinds("Attackers may exploit the vulnerability in the old mail server.") == ["risk"]
    assert kinds("The app has brought in the threat of crooks placing fake wallets in the store.") == ["risk"]


def test_a_warning_of_what_may_already_have_happened_is_an_assessment() -> None:
    """A breach notice warns of a harm that may already have happened: when every estimate in the
    warning looks back, the estimate decides the sentence, as for a noun of risk. A warning with
    anything ahead in it, or of what may come, stays a risk."""
    assert kinds("The shop warned users that their card details may have been stolen.") == ["assessment"]
    assert kinds("The firm warned staff that the attackers probably accessed the payroll.") == ["assessment"]
    assert kinds("The bank warned that thieves may have got the numbers and could sell them.") == ["risk"]
    assert kinds("Officials warned that the militants probably regrouped and will strike again.") == ["risk"]
    assert kinds("The bank warned that thieves may target the card numbers.") == ["risk"]


def test_an_undertaking_whose_infinitive_the_parser_hangs_as_a_relative_clause_is_a_threat() -> None:
    """"An operation to dislodge the rebels": the small parser labels the infinitive a relative
    clause; the "to" before it still makes it the noun's purpose."""
    assert kinds("The militia is preparing an operation to dislodge the rebels from the valley.") == ["risk"]
    assert kinds("Government troops are trying to crush the revolt in the mountain towns.") == ["risk"]
    assert found("The police crushed the revolt in the mountain towns last year.") == []


@pytest.mark.parametrize("text", [
    "The oil could contaminate the marshes along the coast for years.",              # the environment
    "The size of the leak could expose the company to further litigation.",          # legal exposure
    "Smaller operators could face heavy fines under the new law.",
])
def test_harm_to_the_environment_or_exposure_to_the_courts_is_a_risk(text: str) -> None:
    """Fourteenth session, on news of other subjects (Timeline17): the impact categories of risk
    matrices beside people and assets."""
    (risk,) = found(text)
    assert (risk.kind, risk.likelihood, risk.severity) == ("risk", "could", "medium")


def test_a_fine_day_is_no_fine() -> None:
    assert found("The weather could be fine for the opening of the new bridge.") == []


@pytest.mark.parametrize("text", [
    "No gun has been recovered from the scene of the shooting.",
    "Police did not find any weapons in the house on Elm Street.",
])
def test_a_weapons_find_that_is_negated_is_no_stockpile(text: str) -> None:
    """Round 32 (general news): "no" on the weapon or "not" on the finding undoes the find."""
    assert found(text) == []


def test_a_plot_dated_in_a_past_year_is_history() -> None:
    """Round 32: a year named as the time of a past clause pins it, like "ago" or a "when" clause."""
    assert found("In 1957, he was the hitman in a botched attempt to assassinate the boss.") == []
    assert kinds("Police seized rifles and explosives at the port on Tuesday.") == ["risk"]
    assert kinds("The militia plans to attack the depot in 2027.") == ["risk"]


@pytest.mark.parametrize("text", [
    "A jury found the driver guilty of attempted murder and arson.",
    "The teenager was charged with attempted murder after the stabbing.",
    "The man is expected to be arraigned on Monday on three counts of kidnapping.",
])
def test_an_offence_named_in_a_charge_is_no_harm_ahead(text: str) -> None:
    """Round 34 (general news): court news names the offence judged ("attempted murder" is a
    crime, not an attempt under way; a hearing expected is no killing expected)."""
    assert "risk" not in kinds(text)


def test_what_a_defendant_faces_and_a_plot_behind_an_arrest_stay_risks() -> None:
    assert kinds("The driver faces murder charges and up to twenty years in prison.") == ["risk"]
    assert kinds("Police arrested two men for plotting an attack on the stadium.") == ["risk"]


def test_what_is_at_stake_may_be_lost() -> None:
    """Round 35: "at stake" names what may be lost, with no risk word."""
    assert kinds("Thousands of jobs are at stake in the talks over the steel plant.") == ["risk"]
    assert found("The firm holds a large stake in the port operator.") == []
    assert found("Little was at stake in the last match of the season.") == []  # told as past


def test_could_with_nothing_given_is_an_inability_to_tell() -> None:
    """Round 34: "police could offer no details about the explosion" estimates nothing."""
    assert found("Police could offer no details about the explosion at the depot.") == []
    assert kinds("The explosion could damage the pipeline under the depot.") == ["risk"]


def test_a_verdict_that_determines_a_crime_is_no_readiness() -> None:
    """Round 34: "determined to strike" is ready; "the jury determined it to be a crime" finds."""
    assert found("The jury also determined the attack to be a hate crime.") == []
    assert kinds("The rebels are determined to strike the capital again.") == ["risk"]


@pytest.mark.parametrize("text", [
    "The airline has been pushed to the brink of bankruptcy by the strike.",   # on the brink
    "The coastal region is prone to earthquakes and landslides.",              # prone to harm
    "The driver was in stable but critical condition at the hospital.",       # a life at risk
    "Prosecutors will seek the death penalty for the gunman.",                # a penalty sought
    "Prosecutors will seek life in prison for the gunman.",                   # ... life behind bars
])
def test_more_set_ways_of_stating_a_risk(text: str) -> None:
    """Fifteenth session, read from general news (ECB+ and Timeline17 tuning rounds)."""
    assert kinds(text) == ["risk"]


@pytest.mark.parametrize("text", [
    "Scientists are on the brink of a breakthrough in battery design.",       # no harm
    "The valley was prone to landslides before the new wall was built.",      # told as past
    "The new recruit is prone to long speeches.",                             # no harm
    "Prosecutors will not seek the death penalty for the gunman.",            # negated
    "Prosecutors sought the death penalty at the first trial.",               # told as past
    "Thousands of migrants seek a better life in Europe.",                    # a life, not a penalty
])
def test_near_misses_of_those_ways(text: str) -> None:
    assert found(text) == []


def test_a_natural_hazard_is_a_harm_to_lives() -> None:
    (risk,) = found("The tremors could trigger a tsunami along the coast.")
    assert (risk.kind, risk.likelihood, risk.severity) == ("risk", "could", "high")
    assert found("Investors could flood the market with cheap shares.") == []


@pytest.mark.parametrize("text", [
    "The institute said there was no tsunami risk from the tremor.",             # "no" on the compound
    "The toll was not expected to rise further, the governor said.",             # a harm said not to come
    "Then the guard went wild, cursing and making accusations and threats.",     # participles share a time
    "He was ordered held on multiple counts of attempted murder.",               # counts in the plural
])
def test_a_harm_denied_told_as_past_or_charged_is_no_risk(text: str) -> None:
    """Rounds 36-39: each pins one way the rules read a harm ahead where the text denies it,
    tells it as done, or names it as an offence."""
    assert "risk" not in kinds(text)


def test_a_ranking_estimated_is_an_assessment() -> None:
    """Round 36: "may be the deadliest attack since ..." compares a past attack with others."""
    assert kinds("The raid on the market may be the deadliest attack on the town since the war began.") \
        == ["assessment"]
    assert kinds("The raid on the market may be followed by a deadlier attack on the town.") == ["risk"]


@pytest.mark.parametrize("text", [
    "Turkish artillery destroyed at least six weapon caches near the border.",
    "The militia surrendered its cache of rifles to the army.",
])
def test_weapons_done_away_with_are_no_stockpile(text: str) -> None:
    """Round 40: arms destroyed or handed over are gone, not ready for use."""
    assert found(text) == []
    assert kinds("Police found a cache of weapons in the forest near the town.") == ["risk"]


@pytest.mark.parametrize("text", [
    "Prison officials could answer few questions about the attack on the guards.",  # few answers given
    "Police could give few details of the bombing.",
    "A win would have likely cost the club the first pick in the draft.",     # "cost" read as a base form
    "The council is expected to reassure residents that there has been no damage to homes.",  # no harm
])
def test_an_inability_a_past_unrealised_or_a_harm_said_absent_is_no_risk(text: str) -> None:
    """Rounds 43-44: none of these estimates a harm ahead."""
    assert "risk" not in kinds(text)


def test_near_misses_of_absent_harms_and_perfects() -> None:
    assert kinds("The fire could cost the club its stadium next season.") == ["risk"]
    assert kinds("The council is expected to warn residents of damage to homes.") == ["risk"]
    assert kinds("A loss would have likely cost the club the first pick in the draft.") == ["assessment"]


@pytest.mark.parametrize("text", [
    "Officers found a gun in the car matching the one used in the shooting.",
    "A cleaner found the bomb in the bushes, and it went off after officers took it inside.",
])
def test_one_weapon_found_is_evidence_not_a_stockpile(text: str) -> None:
    """Rounds 40-44: one weapon found at a scene tells of a crime, not of arms made ready."""
    assert found(text) == []
    assert kinds("Officers found two rifles and a grenade in the car.") == ["risk"]



def test_an_estimate_of_how_a_past_harm_came_about_is_an_assessment() -> None:
    """Round 23: "perhaps through a phishing attack" hedges the means of a trick already played."""
    assert kinds("Staff were tricked into it, perhaps through a phishing attack.") == ["assessment"]
    assert kinds("The gang will strike again, perhaps with a car bomb.") == ["risk"]



@pytest.mark.parametrize("text", [
    "The guard, shot in the chest, remained in intensive care on Friday.",   # a life at risk
    "Two of the climbers were rushed to an intensive care unit.",
    "Most of the houses in the village are not safe to live in any more.",    # a danger stated
    "The mountain road is unsafe after the storm.",
    "Some of the injured are in a serious condition.",                       # as a critical one
])
def test_a_life_in_intensive_care_or_a_place_not_safe_is_a_risk(text: str) -> None:
    """Rounds 41-44 (general news): a danger stated with neither a risk word nor a hedge."""
    assert kinds(text) == ["risk"]


@pytest.mark.parametrize("text", [
    "She has worked in an intensive care unit for ten years.",   # a workplace
    "The hospital opened a new intensive care unit last year.",
    "It is not safe to say who will win the race.",              # a judgement
    "The mountain road is safe again after the storm.",
    "The minister said the delay was a grave mistake.",
    "The economy is in a serious situation after the floods.",               # serious, not of a life
    "The climber was in stable condition on Monday.",
])
def test_near_misses_of_intensive_care_and_not_safe(text: str) -> None:
    assert found(text) == []


def test_a_concern_for_someones_fate_or_safety_is_a_risk() -> None:
    """Rounds 2, 30 and 31: a concern about someone's fate names no harm, yet fears for a life."""
    assert kinds("The agency has raised concern about the fate of the villagers still in the valley.") \
        == ["risk"]
    assert found("She talked about her concern about the colour of the new logo.") == []


@pytest.mark.parametrize("text", [
    "She'd found religion, became a recluse, and lost contact with friends and associates.",  # 'd = had
    "He was badly hurt and he'd lost his hat and gloves in the fall.",
    "Police received a call of a man being shot near the station.",  # a call reported, not asked for
    "The jury heard the 911 call of the shooting on Tuesday morning.",
])
def test_a_past_told_with_a_contracted_had_or_a_call_of_a_shooting_is_no_risk(text: str) -> None:
    """Rounds 38-49 (general news): the tagger reads "'d" before a participle as "would", and
    "a call of a man being shot" as a call for one."""
    assert found(text) == []


def test_would_and_a_call_for_an_act_stay_risks() -> None:
    assert kinds("She'd lose everything if the bank collapsed.") == ["risk"]
    assert kinds("Protesters issued a call for strikes across the country.") == ["risk"]


@pytest.mark.parametrize("text", [
    "Travel to Mexico is no longer a heightened risk factor for the spread of the virus.",
    "The researchers say the campaign no longer poses any threat to Mac users.",
    "Regulatory relief could help insurers weather the crisis.",       # a harm come through
    "We may be able to get through this financial crisis together.",
])
def test_a_risk_no_longer_there_or_a_crisis_come_through_is_no_risk(text: str) -> None:
    """Rounds 11, 40, 47 and 50: "no longer" negates as "not" does; what may lie ahead in coming
    through a crisis is getting past it, not the crisis."""
    assert found(text) == []


def test_a_crisis_not_survived_or_spreading_and_a_place_no_longer_safe_stay_risks() -> None:
    assert kinds("The bank may not survive the crisis.") == ["risk"]
    assert kinds("The crisis could spread to other banks.") == ["risk"]
    assert kinds("Smoking is a major risk factor for cancer.") == ["risk"]
    assert kinds("The old bridge is no longer safe.") == ["risk"]


def test_threats_someone_would_not_say_were_made_are_no_risk() -> None:
    """Rounds 32, 37 and 49: "declined to say whether the church had received any threats" asks
    about threats; the answer withheld states none."""
    assert found("The pastor declined to say whether the church had received any recent threats.") == []
    assert found("Police would not confirm if the suspect had made threats against the school.") == []
    assert kinds("It is unclear whether the church faces further threats.") == ["risk"]


@pytest.mark.parametrize("text", [
    "Timmons faces up to 15 years to life if convicted of second-degree murder.",
    "If convicted, he faces up to 55 years in prison.",
    "He faces 10 years in jail.",
    "The owner can face an unlimited fine.",
])
def test_a_prison_term_or_a_fine_faced_is_a_risk(text: str) -> None:
    """Rounds 37-44 (court news): a term of years faced names a sentence ahead when prison, jail
    or life is named with it or "up to" bounds it; a fine faced is a loss of money ahead."""
    assert kinds(text) == ["risk"]


def test_a_year_faced_without_a_sentence_is_no_risk() -> None:
    assert found("The museum faces its busiest year since it opened.") == []


@pytest.mark.parametrize("text", [
    "The alternative would be bankruptcy, the finance minister said.",
    "Greenpeace said a spill off the coast would wreak havoc on the fisheries.",
])
def test_bankruptcy_or_havoc_ahead_is_a_risk(text: str) -> None:
    """Rounds 46-47: a harm named as what would be ("the alternative would be bankruptcy") or
    wrought ("would wreak havoc"), as "would be devastating" was."""
    assert kinds(text) == ["risk"]


def test_havoc_wrought_in_the_past_is_no_risk() -> None:
    assert found("The storm wreaked havoc on the coast last week.") == []


def test_injuries_not_life_threatening_are_no_risk() -> None:
    """Round 53 (crime reports): police say whether injuries threaten a life, and "not life
    threatening" hangs its "not" on a word before the risk word."""
    assert found("The victim was treated at Mercy Health St. Vincent Medical Center for injuries "
                 "police described as not life threatening.") == []
    assert kinds("The victim has life-threatening injuries, police said.") == ["risk"]


def test_possible_after_a_noun_with_all_or_a_superlative_is_no_hedge() -> None:
    # "all measures possible", "the best plan possible" stretch a range; nothing is estimated
    assert "risk" not in kinds("The army says it takes all measures possible to avoid civilian casualties.")


def test_possible_closing_a_comparison_states_no_likelihood() -> None:
    # the attempt is a risk, but "as much of the town as possible" is no estimate of it
    risks = found("Gunmen are trying to seize as much of the town as possible before dawn.")
    assert [(r.kind, r.likelihood) for r in risks] == [("risk", None)]


def test_possible_that_estimates_a_harm_stays_a_risk() -> None:
    assert kinds("A second spill from the broken pipe is possible as early as next week.") == ["risk"]
    assert kinds("Officials fear civilian casualties are possible if the dam fails.") == ["risk"]


def test_a_modal_perfect_told_as_a_process_estimates_the_past() -> None:
    """"may have been leaking before the valve was shut" guesses at what ran, like "may have
    leaked"; without a modal, "has been leaking" may still be going on and is not read so."""
    assert kinds("Up to 900 litres of fuel an hour may have been leaking from the tanker before "
                 "the valve was shut, spreading the spill.") == ["assessment"]
    assert kinds("Up to 900 litres of fuel an hour may have leaked from the tanker before the "
                 "valve was shut, spreading the spill.") == ["assessment"]


@pytest.mark.parametrize("text", [
    "Health officials said the outbreak could be levelling off in the north.",
    "Doctors said the infection rate may be declining as people stay at home.",
    "Aid workers hope the fighting may subside after the truce.",
])
def test_a_harm_estimated_to_lessen_is_relief_not_a_risk(text: str) -> None:
    assert "risk" not in kinds(text)


@pytest.mark.parametrize("text", [
    "The epidemic could slow the economy for a year.",          # what slows is the economy
    "Missiles could fall on the city within hours.",            # "fall" is not a verb of abating
    "The shelling could level the old town.",                   # "level" without "off"
    "Violence could spread to the capital.",
])
def test_a_harm_that_strikes_or_grows_stays_a_risk(text: str) -> None:
    assert kinds(text) == ["risk"]


@pytest.mark.parametrize("text", [
    "Diplomats said the civil war may soon end with a negotiated settlement.",
    "Residents hope the fighting could stop within days.",
])
def test_a_harm_estimated_to_end_is_relief_not_a_risk(text: str) -> None:
    assert "risk" not in kinds(text)


@pytest.mark.parametrize("text", [
    "The ceasefire could end with renewed fighting in the south.",    # it ends in a harm
    "The blockade could halt food deliveries to the north.",          # what is halted is the object
])
def test_an_end_that_brings_or_is_a_harm_stays_a_risk(text: str) -> None:
    assert kinds(text) == ["risk"]


def test_a_warning_taken_back_is_no_risk() -> None:
    assert found("Officials said they were easing their warning on travel to the region.") == []
    assert found("The flood warning for the valley was lifted on Tuesday.") == []
    assert kinds("Officials have not lifted the flood warning for the valley.") == ["risk"]
    assert kinds("The threat to shipping will ease only slowly, the navy warned.") == ["risk"]


def test_a_harm_feared_to_have_happened_is_no_risk() -> None:
    assert found("The storm that struck the coast is feared to have killed hundreds of people.") == []
    assert kinds("Villagers fear that the storm could kill hundreds of people.") == ["risk"]


@pytest.mark.parametrize("text", [
    "At least 20 people have died of the virus and it may also be responsible for 40 other deaths.",
    "Falling oil prices could explain the slump in the currency.",
])
def test_an_estimate_of_who_or_what_is_to_blame_is_an_assessment(text: str) -> None:
    assert kinds(text) == ["assessment"]


@pytest.mark.parametrize("text", [
    "Rescuers believe the real death toll may be much higher than the 40 counted so far.",
    "The number of dead is likely to be higher than officials reported.",
])
def test_an_estimate_of_a_toll_is_an_assessment(text: str) -> None:
    assert kinds(text) == ["assessment"]


def test_a_toll_that_may_rise_stays_a_risk() -> None:
    assert kinds("The death toll could rise further as rescuers search the rubble.") == ["risk"]


def test_a_toll_under_a_condition_stays_a_risk() -> None:
    assert kinds("If the talks fail, the toll could be thousands of lost jobs.") == ["risk"]


@pytest.mark.parametrize("text", [
    "Doctors say the new drug would probably control the spread of the infection.",
    "Lower interest rates could tame the recession within a year.",
    "The new barriers could help contain the flood damage along the river.",
    "A ceasefire deal could end the war before the winter.",
])
def test_a_harm_that_a_hedged_action_counters_is_no_risk(text: str) -> None:
    assert "risk" not in kinds(text)


@pytest.mark.parametrize("text", [
    "The vaccine could fail to control the spread of the infection.",   # failing is at stake
    "The outbreak could end the tourist season early.",                 # what ends is no harm
])
def test_a_counter_that_fails_or_ends_no_harm_leaves_the_risk(text: str) -> None:
    assert kinds(text) == ["risk"]


@pytest.mark.parametrize("text", [
    "In small children, the warning signs include fast breathing and a high fever.",
    "The app shows an encryption warning setting that few users turn on.",
    "The army fired warning shots over the crowd on Monday.",
])
def test_warning_before_a_noun_names_a_kind_of_thing(text: str) -> None:
    assert found(text) == []


def test_a_warning_given_stays_a_risk() -> None:
    assert kinds("Doctors issued a warning that the fever could spread in schools.") == ["risk"]


@pytest.mark.parametrize("text", [
    "The regulator said the bank is not in danger of failure.",
    "There is no risk of infection from eating well-cooked pork.",
])
def test_a_negated_noun_of_risk_estimates_no_harm(text: str) -> None:
    assert found(text) == []


def test_a_noun_of_risk_stated_or_not_ruled_out_stays_a_risk() -> None:
    assert kinds("The regulator said the bank is in danger of failure.") == ["risk"]
    assert kinds("There is a risk of infection for nurses on the ward.") == ["risk"]
    assert kinds("Patients have no more chance of dying from the new flu than from seasonal flu.") == ["risk"]


@pytest.mark.parametrize("text", [
    "Inspectors said a working valve might have prevented the explosion at the plant.",
    "The report said the ministry could have done more to stop the floods from spreading and "
    "threatening the harvest.",
    "The plant lacked sensors like those that could have helped prevent the fire and explosion.",
])
def test_a_prevention_imagined_in_the_past_puts_no_harm_ahead(text: str) -> None:
    assert "risk" not in kinds(text)


def test_a_prevention_imagined_in_the_past_estimates_nothing_that_happened() -> None:
    assert kinds("The government could have done more to prevent the banks from collapsing.") == []


def test_a_prevention_done_or_still_open_keeps_its_harm() -> None:
    assert kinds("Police foiled an attack on two churches.") == ["risk"]
    assert kinds("Engineers warned that only a new valve might prevent an explosion there.") == ["risk"]
