"""The risks extractor on one sentence written for a test, as the rule tests of issue 18 use it.

Every risk found must also pass the core's provenance check (its evidence quotes the article), so
a rule that finds the right sentence but cites it wrongly fails its test too."""

from __future__ import annotations

from typing import Any

from briefing import Risk, make_article
from briefing.core.provenance import item_problem
from briefing.plugins.analysis.extract.risks import RiskExtractor, RiskOptions
from briefing.plugins.analysis.nlp.analyser import analysed_from_doc


def found(nlp: Any, text: str) -> list[Risk]:
    analysed = analysed_from_doc(make_article(text, title="t"), nlp(text))
    items = list(RiskExtractor(RiskOptions()).extract(analysed))
    assert all(item_problem(r, {analysed.article.id: analysed.article}) is None for r in items)
    return items


def kinds(nlp: Any, text: str) -> list[str]:
    return [r.kind for r in found(nlp, text)]
