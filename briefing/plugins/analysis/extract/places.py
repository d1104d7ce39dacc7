"""Extractor ``places``: the locations an article mentions.

A place is a LOC or FAC mention, a GPE that is not a sovereign state (cities, provinces), or a
mention repaired into one of those by entities.labels ("the base at X"). A state is a stakeholder
(kind country) when it acts; it is also listed here when the text uses it as a location: the
object of a spatial preposition ("bases in X", "returned from X", "flights to X"). So one state
may appear in both lists, each time for what the text does with it. A name the text uses for
software ("the <Name> ransomware") and never puts where only places stand is no place, whatever
the model's label (entities.terms.software_names). Names are merged like
stakeholder names: case, spacing, "the" and possessives ignored, state name variants joined.
"""

from __future__ import annotations

from collections.abc import Iterable

from briefing import AnalysedArticle, Evidence, Extractor, NoOptions, Place
from briefing.plugins.analysis.entities.aliases import name_groups
from briefing.plugins.analysis.entities.countries import country_name
from briefing.plugins.analysis.entities.labels import actors_named_as_places, is_locative
from briefing.plugins.analysis.entities.mention import Candidate, name_key
from briefing.plugins.analysis.entities.spans import candidates, evidence_for
from briefing.plugins.analysis.entities.terms import software_names


def place_mentions(analysed: AnalysedArticle) -> list[Candidate]:
    doc = analysed.doc
    found = candidates(analysed)
    bodies = actors_named_as_places(doc, found)
    software = software_names(doc, found)
    chosen = []
    for c in found:
        state = c.label == "GPE" and country_name(c.text) is not None
        if name_key(c.text) in software:
            continue
        if c.label in {"LOC", "FAC"} or (c.label == "GPE" and (not state or is_locative(doc, c))
                                         and name_key(c.text) not in bodies):
            chosen.append(c)
    return chosen


class PlaceExtractor(Extractor[NoOptions]):
    def extract(self, analysed: AnalysedArticle) -> Iterable[Place]:
        if analysed.doc is None:
            return []
        found = place_mentions(analysed)
        entries = [(c.text, "country" if country_name(c.text) else "place", 1) for c in found]
        places: list[Place] = []
        for group, members in name_groups(entries):
            evidence: list[Evidence] = []
            for i in members:
                item = evidence_for(analysed, found[i].start, found[i].end)
                if item is not None and item not in evidence:
                    evidence.append(item)
            if evidence:
                places.append(Place(group.display, tuple(evidence), group.aliases))
        return sorted(places, key=lambda p: (-len(p.evidence), p.evidence[0].sentence_index))
