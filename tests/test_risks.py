"""Extractor ``risks``: which sentences state a risk, and their likelihood, severity, actors, source."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from briefing import Risk, make_article
from briefing.core.provenance import item_problem
from briefing.plugins.analysis.extract.risks import RiskExtractor, RiskOptions, compact
from briefing.plugins.analysis.nlp.analyser import analysed_from_doc, load_model
from briefing.plugins.cleaners.boilerplate import BoilerplateCleaner, CleanerOptions
from briefing.plugins.sources.folder import FolderOptions, FolderSource

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model("en_core_web_sm")


def risks_of(nlp: Any, text: str) -> list[Risk]:
    analysed = analysed_from_doc(make_article(text, title="t"), nlp(text))
    found = list(RiskExtractor(RiskOptions(model=False)).extract(analysed))  # the rules alone
    for risk in found:
        assert item_problem(risk, {analysed.article.id: analysed.article}) is None
    return found


def one_risk(nlp: Any, text: str) -> Risk:
    found = risks_of(nlp, text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text", [
    "The union threatened to strike over the pay offer.",                       # threat
    "Doctors warned that the hospital would run out of beds by Friday.",      # warning
    "Engineers said the old bridge is dangerous for heavy lorries.",          # danger
    "The drought could lead to the loss of half the wheat harvest.",          # possible loss
    "Officials fear the border clashes will escalate into open fighting.",    # escalation
    "There is a risk that the levee fails during the spring floods.",        # risk that
    "Residents along the river feel threatened by the rising water.",        # a present state
    "Reporters risk their lives every day in the besieged city.",             # a danger faced now
    "The conflict could escalate rather than ease, analysts warned.",        # "rather" of contrast
])
def test_sentences_that_state_a_risk(nlp: Any, text: str) -> None:
    risk = one_risk(nlp, text)
    assert risk.evidence[0].quote == text


@pytest.mark.parametrize("text", [
    "The mayor opened the new library on Monday.",
    "Shares rose 3 percent after the results were published.",
    "Officials said there was no threat to the public.",
    "The drug can be given at home without any risk to the patient.",
    "At that point the guard fired at the man twice because he 'felt threatened,' the report said.",
    "She may attend the ceremony next week.",
    "The army showed its military might at the parade.",
    "Is the bridge safe for lorries?",
    "Reporters have risked their lives for two weeks to cover the siege.",   # a danger already faced
    "We would rather die in the square than go home, the protesters said.",  # a choice
])
def test_sentences_that_are_not_risks(nlp: Any, text: str) -> None:
    assert risks_of(nlp, text) == []


def test_likelihood_phrase_and_probability(nlp: Any) -> None:
    risk = one_risk(nlp, "The ministry said the rebels will highly likely attack the capital.")
    assert (risk.likelihood, risk.probability) == ("highly likely", (0.8, 0.9))
    negated = one_risk(nlp, "Analysts say an invasion is not likely this year.")
    assert (negated.likelihood, negated.probability) == ("not likely", (0.25, 0.35))
    hedge = one_risk(nlp, "The drought could lead to the loss of half the wheat harvest.")
    assert (hedge.likelihood, hedge.probability) == ("could", None)


def test_severity_rule(nlp: Any) -> None:
    high = one_risk(nlp, "Militants could attack the airport and kill civilians.")
    medium = one_risk(nlp, "The drought could lead to the loss of the harvest.")
    low = one_risk(nlp, "Engineers warned that the software update is risky.")
    scaled = one_risk(nlp, "The drought could cause losses for thousands of farms.")
    severities = (high.severity, medium.severity, low.severity, scaled.severity)
    assert severities == ("high", "medium", "low", "high")


def test_actors_speaker_and_compact_clause(nlp: Any) -> None:
    text = "“The talks will almost certainly collapse,” the European Commission said on Tuesday."
    risk = one_risk(nlp, text)
    assert risk.text == "The talks will almost certainly collapse"
    assert risk.speaker == "the European Commission"
    assert "European Commission" not in risk.actors   # the speaker, cut off with the attribution
    assert risk.evidence[0].quote == text
    according = one_risk(nlp, "Germany could face gas shortages this winter, according to the IEA.")
    assert according.text == "Germany could face gas shortages this winter"
    assert according.speaker == "the IEA"
    assert according.actors[:1] == ("Germany",)


def test_speaker_without_apposition_and_none_when_unattributed(nlp: Any) -> None:
    risk = one_risk(nlp, "The heatwave could cause crop losses across the valley, notes Maria Lopez, "
                         "an agronomist at the institute.")
    assert risk.speaker == "Maria Lopez"
    assert risk.text == "The heatwave could cause crop losses across the valley"
    plain = one_risk(nlp, "There is a risk that the reservoir will overflow before the end of the month.")
    assert plain.speaker is None and "(according to" not in plain.text


def test_a_long_subject_speaks_as_its_own_phrase_not_a_place_after_it(nlp: Any) -> None:
    """"The Geneva-based monitor in a report issued in Nairobi said ..." is said by the monitor."""
    risk = one_risk(nlp, "The Geneva-based health monitor in a report issued in Nairobi said the outbreak "
                         "could spread to three more provinces.")
    assert risk.speaker == "the Geneva-based health monitor"


def test_the_subject_of_a_passive_verb_of_saying_is_not_its_speaker(nlp: Any) -> None:
    """In "... thousands of homes will be reported flooded" the homes are what is reported on; the
    sentence names no speaker (the rule gave "thousands of homes in the valley", and cut the text
    to "It is likely that")."""
    risk = one_risk(nlp, "It is likely that thousands of homes in the valley will be reported flooded "
                         "by the end of the week.")
    assert risk.speaker is None


def test_a_long_subject_of_a_passive_verb_of_saying_is_not_its_speaker_either(nlp: Any) -> None:
    """The parser labels a subject broken by a dashed aside an active one, beside "was": the
    line read "To have made it likely that ..." said by "the council's plan"."""
    risk = one_risk(nlp, 'The council\'s plan for the river - drawn up, as its leader put it, with "no '
                         'time to spare" - was even said to have made it likely that the old dam could '
                         'fail within a decade.')
    assert risk.speaker is None and risk.text.startswith("The council's plan for the river")


def test_whom_a_speaker_tells_belongs_to_the_attribution_not_the_risk(nlp: Any) -> None:
    """"Officials told the regional council that ..." reports what follows "that": the line read
    "the regional council that the floods could destroy ...", with the council among its actors."""
    risk = one_risk(nlp, "Officials told the regional council on Monday that the floods could destroy "
                         "thousands of homes within days.")
    assert risk.text == "The floods could destroy thousands of homes within days"
    assert risk.speaker == "officials" and "regional council" not in " ".join(risk.actors)
    # the parser hangs the clause on the addressee, as if "that" opened a relative clause
    risk = one_risk(nlp, "The report, the work of two years of surveys along the coast, suggests to "
                         "planners that the old dam could fail within a decade.")
    assert risk.text == "The old dam could fail within a decade" and risk.speaker == "the report"


@pytest.mark.parametrize(("text", "speaker"), [
    ("Previous studies at the World Bank have said a severe drought could cost farmers billions.",
     "previous studies at the World Bank"),
    ("Experts warned that the dam could fail within a decade.", "experts"),
    ("Reuters reported that the dam could fail within a decade.", "Reuters"),
    ("Maria Lopez said the dam could fail within a decade.", "Maria Lopez"),
])
def test_a_speaker_reads_as_inside_a_line(nlp: Any, text: str, speaker: str) -> None:
    """"(according to Previous studies at the World Bank)": a common word keeps the capital only the
    start of its sentence gave it; a name keeps its own."""
    assert one_risk(nlp, text).speaker == speaker


def test_a_claim_no_one_made_has_no_speaker(nlp: Any) -> None:
    """"No one told him whether he would live or die" is nobody's claim: the rule named "No one"
    the speaker and cut the line to "him what was going on, ..."."""
    risk = one_risk(nlp, "No one told the hostages whether the kidnappers could kill them.")
    assert risk.speaker is None and risk.text.startswith("No one told")


def test_a_long_subject_with_a_name_in_apposition_speaks_as_that_person(nlp: Any) -> None:
    """"The director of the National Flood Agency for the Northern Region, Maria Lopez, said ..." is
    said by Maria Lopez, not by "the director" cut from her title."""
    risk = one_risk(nlp, "The director of the National Flood Agency for the Northern Region, Maria Lopez, "
                         "said the floods could destroy thousands of homes within days.")
    assert risk.speaker == "Maria Lopez"


@pytest.mark.parametrize("text", [
    "Aid agencies helped the province when the famine posed a threat to millions of people.",
    "A decade ago, the old dam was dangerous for the villages below it, the engineer said.",
    "The storm posed a threat to shipping along the coast last week.",
    "The volcano had threatened the island for months before it went quiet.",
    "Forest fires threatened the village in 2019.",
])
def test_a_threat_told_as_past_is_not_a_risk(nlp: Any, text: str) -> None:
    assert risks_of(nlp, text) == []


@pytest.mark.parametrize("text", [
    "The floods have almost certainly increased the risk of cholera in the camps, the ministry said.",
    "The blight could lead to the loss of most of the orchards in the region.",
    "Health officials warn of the threat of a second wave of infections this winter.",
    "There is a risk that some of the evacuees will be stranded if the ferry stops.",
    "Engineers said the old bridge was dangerous for heavy lorries.",
    "Last year the regulator warned that the bank could fail.",
    "The union threatened to strike over the pay offer.",
])
def test_forward_looking_risks_in_any_tense_are_kept(nlp: Any, text: str) -> None:
    assert len(risks_of(nlp, text)) == 1


def test_actors_are_actors_not_adjectives_or_places(nlp: Any) -> None:
    risk = one_risk(nlp, "British officials fear that Spanish fishermen could block the port of Dover "
                         "if the talks collapse, the European Commission said.")
    assert risk.actors == ("British officials", "Spanish fishermen")
    assert risk.speaker == "the European Commission"
    assert not {"British", "Spanish", "Dover"} & set(risk.actors)
    bare = one_risk(nlp, "A Norwegian tanker could spill oil and damage the coast of Brittany.")
    assert not {"Norwegian", "Brittany"} & set(bare.actors)


def test_places_of_action_are_not_actors(nlp: Any) -> None:
    risk = one_risk(nlp, "France warned that fighting in Mali could spread.")
    assert "France" in risk.actors and "Mali" not in risk.actors   # the warning is France's act
    said = one_risk(nlp, "Fighting in Mali could spread, the French foreign ministry warned.")
    assert said.speaker == "the French foreign ministry" and "Mali" not in said.actors


def test_seed_risks_after_cleaning(nlp: Any) -> None:
    source = FolderSource(FolderOptions(path=SEEDS))
    cleaner = BoilerplateCleaner(CleanerOptions())
    risks: list[Risk] = []
    for path in sorted(SEEDS.glob("*.txt")):
        article = cleaner.clean(source.read(path, SEEDS))
        analysed = analysed_from_doc(article, nlp(article.text))
        found = list(RiskExtractor(RiskOptions()).extract(analysed))
        assert all(item_problem(r, {article.id: analysed.article}) is None for r in found)
        risks.extend(found)
    highly = [r for r in risks if r.likelihood == "highly likely"]
    assert highly and all(r.probability == (0.8, 0.9) for r in highly)
    certain = [r for r in risks if r.likelihood == "almost certainly"]
    assert len(certain) >= 2 and all(r.probability == (0.95, 1.0) for r in certain)
    assert any("Tartus" in r.evidence[0].quote and "loss" in r.text for r in risks)
    assert any("increased the risk to the security" in r.text for r in risks)
    returning = [r for r in risks if "terrorism" in r.text and "returning" in r.text]
    assert returning and returning[0].severity == "high" and returning[0].likelihood == "risk that"
    assert returning[0].speaker == "Amy Knight" and "according to" not in returning[0].text
    assert not any("posed a threat" in r.evidence[0].quote for r in risks)   # a past threat
    adjectives = {"British", "Russian", "Syrian", "American", "Tartus", "Latakia", "Syria"}
    assert not any(adjectives & set(r.actors) for r in risks)


def test_compact_text_drops_connective_and_final_stop(nlp: Any) -> None:
    risk = one_risk(nlp, "Moreover, health officials warn of the threat of a second wave of infections.")
    assert risk.text == "Health officials warn of the threat of a second wave of infections"
    assert risk.evidence[0].quote.startswith("Moreover, health officials")
    assert compact("Even so, the dam is “unsafe for the town.") == "The dam is “unsafe for the town”"
    assert compact("and then it will probably flood the town") == "It will probably flood the town"
    assert compact("Andrea will probably resign.") == "Andrea will probably resign"
    assert compact("So the dam could fail.") == "The dam could fail"
    # "so" that belongs to the words after it stays: not "Far, the virus could spread"
    assert compact("So far, the virus could reach Peru.") == "So far, the virus could reach Peru"
    assert compact("So many homes could be lost.") == "So many homes could be lost"


def test_a_risk_that_refers_back_carries_the_statement_before_it(nlp: Any) -> None:
    text = ("The port authority keeps two grain terminals on the coast, at Varna and at Burgas.\n\n"
            "\u201cThe storm has almost certainly increased the risk to these terminals,\u201d "
            "engineers said.")
    risk = one_risk(nlp, text)
    assert risk.likelihood == "almost certainly"
    assert risk.context == (
        "The port authority keeps two grain terminals on the coast, at Varna and at Burgas.")
    assert [e.sentence_index for e in risk.evidence] == [1, 0]


def test_a_risk_that_stands_alone_has_no_context(nlp: Any) -> None:
    text = ("The grain terminals opened in May. "
            "Engineers warn that the storm could damage the grain terminals.")
    assert one_risk(nlp, text).context is None


def test_a_sentence_said_twice_is_one_risk(nlp: Any) -> None:
    # wire copy runs its lead in twice, once under the headline, the spacing changed
    lead = "Officials warn that the dam could burst within days if the rain continues."
    text = f"{lead} Engineers were sent to the site on Monday. {lead.replace(' the ', '  the ')}"
    found = risks_of(nlp, text)
    assert [r.evidence[0].quote for r in found] == [lead]
