"""The assessment model: which sentences it decides, what it leaves to the rules, and the packaged
reader and combination it loads."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from briefing.plugins.analysis.extract import risk_learned
from briefing.plugins.analysis.extract.assessment_model import (
    ASSESSMENT_HEAD,
    ASSESSMENT_SIGNALS,
    AssessmentModel,
    assessment_model,
)
from briefing.plugins.analysis.extract.risk_model import Combination
from briefing.plugins.analysis.extract.risks import RiskExtractor, RiskOptions, considered
from briefing.testing import analyse_with_spacy

PLANT = (
    "Gunmen have promised to storm the refinery on the coast before the harvest ends. "
    "The leak appears to have started in the cooling system of the plant. "
    "Investigators said it is highly likely that the fire was started on purpose. "
    "The refinery employs 2,000 people and exports fuel to four countries."
)
THREAT = "Gunmen have promised to storm the refinery on the coast before the harvest ends."
HEDGED = "The leak appears to have started in the cooling system of the plant."
YARDSTICK = "Investigators said it is highly likely that the fire was started on purpose."
PLAIN = "The refinery employs 2,000 people and exports fuel to four countries."


def deciding(monkeypatch, probability: float) -> None:
    """Make the extractor's assessment model give every sentence ``probability`` (threshold 0.5)."""
    intercept = math.log(probability / (1 - probability))
    combination = Combination((0.0,) * len(ASSESSMENT_SIGNALS), intercept, 0.5)
    model = AssessmentModel(assessment_model().ngrams, combination)
    monkeypatch.setattr(risk_learned, "assessment_model", lambda: model)


def kinds(options: RiskOptions | None = None) -> dict[str, str]:
    options = options or RiskOptions()
    analysed = analyse_with_spacy(PLANT, title="Refinery")
    return {r.evidence[0].quote: r.kind for r in RiskExtractor(options).extract(analysed)}


def test_the_rules_read_the_sentences_as_the_tests_below_expect() -> None:
    analysed = analyse_with_spacy(PLANT, title="Refinery")
    read = {c.sentence.text: c for c in considered(analysed, RiskOptions(model=False))}
    assert read[THREAT].kind == "risk"
    assert read[HEDGED].kind == "assessment" and not read[HEDGED].yardstick
    assert read[YARDSTICK].kind == "assessment" and read[YARDSTICK].yardstick
    assert read[PLAIN].kind is None and not read[PLAIN].ruled_out


def test_the_model_decides_what_is_no_risk_and_leaves_yardstick_judgements(monkeypatch) -> None:
    """Sure of every sentence, it makes each one no risk an assessment; sure of none, it drops the
    rules' hedged assessment. Either way the risk stays a risk and the yardstick judgement stays an
    assessment: the model never overrules the risk models or a stated yardstick phrase."""
    deciding(monkeypatch, 0.9)
    assert kinds() == {THREAT: "risk", HEDGED: "assessment", YARDSTICK: "assessment", PLAIN: "assessment"}
    deciding(monkeypatch, 0.1)
    assert kinds() == {THREAT: "risk", YARDSTICK: "assessment"}


def test_without_assessments_or_models_the_assessment_model_has_no_say(monkeypatch) -> None:
    deciding(monkeypatch, 0.9)
    assert kinds(RiskOptions(include_assessments=False)) == {THREAT: "risk"}
    assert kinds(RiskOptions(model=False)) == {THREAT: "risk", HEDGED: "assessment", YARDSTICK: "assessment"}


def test_the_packaged_model_loads_with_its_provenance() -> None:
    meta = json.loads(ASSESSMENT_HEAD.read_text(encoding="utf-8"))
    model = assessment_model()
    assert sorted(meta["combination"]["weights"]) == sorted(ASSESSMENT_SIGNALS)
    assert 0.0 < model.combination.threshold < 1.0 and model.ngrams.terms
    assert meta["selection_rounds"]["learned"][1] >= meta["selection_rounds"]["rules"][1]


def test_a_combination_of_other_signals_is_refused(tmp_path: Path) -> None:
    head = tmp_path / "assessment_model.json"
    head.write_text(json.dumps({"combination": {"weights": {"encoder": 1.0}, "intercept": 0.0,
                                                "threshold": 0.5}}), encoding="utf-8")
    with pytest.raises(ValueError, match="expected"):
        AssessmentModel.load(head=head)


def test_the_packaged_models_read_hedged_judgements_of_what_is_as_assessments() -> None:
    """On sentences of our own: a hedged guess at who did something or why it is so is an
    assessment, though no rule reads the first as one and the rules take the second for a risk;
    plain reports of what happened are neither."""
    arson = "The fire could be the work of arsonists, police said on Sunday."
    reason = "One reason for the delay may be the shortage of trained staff at the port."
    plain = ["The mayor opened the new bridge to traffic on Monday morning.",
             "The company sold 3,000 cars in the first quarter of the year."]
    analysed = analyse_with_spacy(" ".join([arson, reason, *plain]), title="Town")
    found = {r.evidence[0].quote: r.kind for r in RiskExtractor(RiskOptions()).extract(analysed)}
    rules = {r.evidence[0].quote: r.kind for r in RiskExtractor(RiskOptions(model=False)).extract(analysed)}
    assert found == {arson: "assessment", reason: "assessment"}
    assert arson not in rules and rules[reason] == "risk"
