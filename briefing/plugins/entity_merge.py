"""Merge stakeholders and places found in several articles into one entry per real-world actor.

First version: entries with the same name (case-insensitive) are merged, quotes are attached to
the stakeholder named as their speaker, and salience is the number of mentions.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefing import Place, Quote, Stakeholder


def merge_stakeholders(stakeholders: Sequence[Stakeholder], quotes: Sequence[Quote]) -> list[Stakeholder]:
    """One entry per actor, with its quotes attached, ranked by salience (highest first)."""
    merged: dict[str, Stakeholder] = {}
    for item in stakeholders:
        key = item.name.casefold()
        if key in merged:
            old = merged[key]
            merged[key] = Stakeholder(
                old.name, old.kind, old.evidence + item.evidence,
                tuple(dict.fromkeys(old.aliases + item.aliases)),
                tuple(dict.fromkeys(old.roles + item.roles)), old.quotes + item.quotes)
        else:
            merged[key] = item
    for quote in quotes:
        key = (quote.speaker or "").casefold()
        if key in merged:
            old = merged[key]
            merged[key] = Stakeholder(old.name, old.kind, old.evidence, old.aliases, old.roles,
                                      old.quotes + (quote,))
    ranked = [
        Stakeholder(s.name, s.kind, s.evidence, s.aliases, s.roles, s.quotes, float(len(s.evidence)))
        for s in merged.values()
    ]
    return sorted(ranked, key=lambda s: -s.salience)


def merge_places(places: Sequence[Place]) -> list[Place]:
    """One entry per place name, ranked by how often it is mentioned."""
    merged: dict[str, Place] = {}
    for place in places:
        key = place.name.casefold()
        old = merged.get(key)
        merged[key] = place if old is None else Place(old.name, old.evidence + place.evidence, old.aliases)
    return sorted(merged.values(), key=lambda p: -len(p.evidence))
