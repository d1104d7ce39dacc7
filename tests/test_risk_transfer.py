"""Rules of the third round of issue 18, chosen on the released and second-round tuning articles of
the risk gold (bench/gold/README.md) and kept only where they cost neither round. Each text was
written for the rule it pins, not copied from the data."""

from __future__ import annotations

from typing import Any

import pytest

from briefing import Risk, make_article
from briefing.plugins.analysis.extract.risks import RiskExtractor, RiskOptions
from briefing.plugins.analysis.nlp.analyser import analysed_from_doc, load_model


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model("en_core_web_sm")


def found(nlp: Any, text: str) -> list[Risk]:
    analysed = analysed_from_doc(make_article(text, title="t"), nlp(text))
    return list(RiskExtractor(RiskOptions()).extract(analysed))


def kinds(nlp: Any, text: str) -> list[str]:
    return [r.kind for r in found(nlp, text)]


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
