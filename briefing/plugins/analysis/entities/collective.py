"""Which kind of actor a mention names, and the actors named by a nationality or creed.

Shared by the stakeholders extractor (which lists the actors) and the risks extractor (which
names who a risk involves), so both read "Iraqi forces" and "Kurds" the same way.
"""

from __future__ import annotations

from typing import Any

from briefing import AnalysedArticle
from briefing.plugins.analysis.entities.countries import country_name
from briefing.plugins.analysis.entities.labels import is_locative
from briefing.plugins.analysis.entities.mention import Candidate
from briefing.plugins.analysis.nlp.token_table import plain_tokens


def mention_kind(doc: Any, c: Candidate) -> str | None:
    if c.label == "PERSON":
        return "person"
    if c.label == "ORG":
        return "organization"
    if c.label == "GPE" and country_name(c.text):
        return None if is_locative(doc, c) else "country"
    return None  # a city or region, even as a subject ("Moscow blames ..."), is listed as a place


# Head nouns that make "<nationality or state> <noun>" the name of a state body rather than of a
# crowd: "Iraqi forces", "the U.S. military", "Turkish authorities" are institutions. "Troops" (the
# soldiers themselves) and "regime" (a judgement, not a name) were measured to cost on wire copy and
# gain nothing elsewhere (docs/quality.md): "Syrian troops" is a group.
BODY_NOUNS = {"forces", "force", "military", "army", "navy", "government", "authorities",
              "police", "administration", "marines", "ministry", "embassy"}


def group_mentions(analysed: AnalysedArticle) -> list[tuple[str, int, int]]:
    """(text, start, end) of collective actors named by a nationality or creed."""
    return [(text, start, end) for text, start, end, _ in collective_mentions(analysed)]


def collective_mentions(analysed: AnalysedArticle) -> list[tuple[str, int, int, str]]:
    """(text, start, end, kind) of collective actors named by a nationality, creed or state:
    kind "organization" for a state body ("Iraqi forces", "U.S. forces"), else "group"
    ("Kurds", "Syrian rebels"). A state's name before any other noun stays the state's."""
    v = plain_tokens(analysed.doc)
    found = []
    for start, end, label in v.ents:
        if label != "NORP" and not (label == "GPE" and country_name(v.span_text(start, end)) is not None):
            continue
        last = end - 1
        if label == "NORP" and end - start == 1 and v.tag[last] in {"NNPS", "NNS"}:
            found.append((v.idx[start], v.char_end(last), "group"))
            continue
        head = v.head[last]
        body = v.lower[head] in BODY_NOUNS
        if head < end or v.ent_type[head] or not (body or (label == "NORP" and v.tag[head] == "NNS")):
            continue
        if all(v.tag[k] in {"NN", "JJ", "NNP", "HYPH"} and v.ent_type[k] in {"", "NORP"}
               for k in range(end, head)):
            found.append((v.idx[start], v.char_end(head), "organization" if body else "group"))
    text = analysed.article.text
    return [(text[s:e], s, e, kind) for s, e, kind in found]
