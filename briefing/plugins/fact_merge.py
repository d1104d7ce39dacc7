"""Merge facts and risks that several articles report, so each appears once with all its sources.

First version: exact text matches are merged; ranking by score.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from briefing import Article, Fact, Risk


def merge_facts(facts: Sequence[Fact], articles: Mapping[str, Article]) -> list[Fact]:
    """One entry per fact, listing every source that reports it, ranked by score."""
    merged: dict[str, Fact] = {}
    for fact in facts:
        key = fact.text.casefold()
        old = merged.get(key)
        if old is None:
            merged[key] = fact
        else:
            merged[key] = Fact(old.text, old.evidence + fact.evidence,
                               tuple(dict.fromkeys(old.sources + fact.sources)),
                               max(old.score, fact.score))
    return sorted(merged.values(), key=lambda f: -f.score)


def merge_risks(risks: Sequence[Risk], articles: Mapping[str, Article]) -> list[Risk]:
    """One entry per risk, in order of stated probability (highest first), then severity."""
    merged: dict[str, Risk] = {}
    for risk in risks:
        merged.setdefault(risk.text.casefold(), risk)
    severity = {"high": 0, "medium": 1, "low": 2}
    return sorted(merged.values(),
                  key=lambda r: (-(r.probability[1] if r.probability else 0.0),
                                 severity.get(r.severity, 1)))
