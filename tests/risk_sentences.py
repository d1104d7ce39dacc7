"""The risks extractor on one sentence written for a test, as the rule tests of issue 18 use it:
the builtin spaCy analyser and the testing kit's `extract_checked`, so a rule that finds the right
sentence but cites it wrongly fails its test too."""

from __future__ import annotations

from briefing import Risk
from briefing.plugins.analysis.extract.risks import RiskExtractor, RiskOptions
from briefing.testing import analyse_with_spacy, extract_checked


def found(text: str) -> list[Risk]:
    return extract_checked(RiskExtractor(RiskOptions()), analyse_with_spacy(text, title="t"))


def kinds(text: str) -> list[str]:
    return [r.kind for r in found(text)]
