"""The builtin analysis: the spaCy analyser, the extractors, the summarisers and the assembler.

Every command loads every plugin, ``briefing --help`` included, and the extraction rules bring
word lists, tables and regular expressions that take tens of milliseconds to import. So the
components are registered by reference ("module:Class") and imported the first time a briefing
uses them, and the assembler's hook imports its module when it first assembles.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from briefing import Article, Briefing, Item, StageFailure, hookimpl

# Every builtin analysis component, by reference: the class is imported when a briefing uses it.
ANALYSERS = {"spacy": "briefing.plugins.analysis.nlp.analyser:SpacyAnalyser"}
EXTRACTORS = {
    "stakeholders": "briefing.plugins.analysis.extract.stakeholders:StakeholderExtractor",
    "places": "briefing.plugins.analysis.extract.places:PlaceExtractor",
    "facts": "briefing.plugins.analysis.extract.facts:FactExtractor",
    "risks": "briefing.plugins.analysis.extract.risks:RiskExtractor",
    "quotes": "briefing.plugins.analysis.extract.quotes:QuoteExtractor",
}
SUMMARISERS = {
    "lead": "briefing.plugins.analysis.summarise.summarisers:LeadSummariser",
    "centrality": "briefing.plugins.analysis.summarise.summarisers:CentralitySummariser",
}

Register = Callable[[str, Any], None]


def _register_all(register: Register, references: dict[str, str]) -> None:
    for name, reference in references.items():
        register(name, reference)


@hookimpl
def register_analysers(register: Register) -> None:
    _register_all(register, ANALYSERS)


@hookimpl
def register_extractors(register: Register) -> None:
    _register_all(register, EXTRACTORS)


@hookimpl
def register_summarisers(register: Register) -> None:
    _register_all(register, SUMMARISERS)


@hookimpl(trylast=True)
def assemble_briefing(name: str, title: str, articles: Sequence[Article], items: Sequence[Item],
                      failures: Sequence[StageFailure], generated_at: datetime,
                      previous: Sequence[Briefing]) -> Briefing:
    from briefing.plugins.analysis.assemble import assembler

    return assembler.assemble_briefing(name, title, articles, items, failures, generated_at,
                                       previous)
