"""The risks extractor on one sentence written for a test, as the rule tests of issue 18 use it:
the builtin spaCy analyser and the testing kit's `extract_checked`, so a rule that finds the right
sentence but cites it wrongly fails its test too. The rules alone (``model=False``): these tests
pin what each rule does; the learned model's part is tested in test_risk_model.py and the
product's whole in the seed briefing tests."""

from __future__ import annotations

from briefing import Risk
from briefing.plugins.analysis.extract.risks import RiskExtractor, RiskOptions
from briefing.testing import analyse_with_spacy, extract_checked


def found(text: str) -> list[Risk]:
    return extract_checked(RiskExtractor(RiskOptions(model=False)), analyse_with_spacy(text, title="t"))


def kinds(text: str) -> list[str]:
    return [r.kind for r in found(text)]
