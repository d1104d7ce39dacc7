"""Extractor ``stakeholders``: the people, organisations, states and groups an article is about.

Kinds:
- person: PERSON mentions; organization: ORG mentions (after the label repairs in entities.labels);
- country: GPE mentions the UN list names as a sovereign state (entities.countries), where the
  state is not only a location: "Japan signed", "France's envoy", "talks with Iran" count,
  "bases in Syria" does not (that mention is a place, see places.py). A state named only as a
  location is not an actor in the story and is listed under places alone;
- group: a collective actor named by a nationality or creed, either a plural noun of its own
  ("Kurds") or a plural noun phrase it qualifies ("Syrian rebels", "Western diplomats"). A
  nationality adjective alone is not an actor, and it is not mapped to the state either.
- A city or region is a place, also where it is the grammatical subject ("Moscow blames ..."):
  reading such a subject as the authorities seated there (an organisation) was measured to cost
  entity F1 on wikigold and GUM news and to gain nothing on re3d or wire copy (docs/quality.md).
  Names of government seats that the model tags as organisations (a palace, a ministry building)
  stay organisations.

Names are merged within the article by entities.aliases (surname with full name, acronym with its
expansion, state name variants) and again across articles by entities.merge. Salience weights each
mention by its position (the title and the opening count more), adds a little per stated role,
and is divided by the article's highest score so it lies in (0, 1].
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from briefing import AnalysedArticle, Evidence, Extractor, NoOptions, Stakeholder, stakeholder_kind
from briefing.plugins.analysis.entities.acronyms import AcronymDefinition, acronym_definitions, is_acronym
from briefing.plugins.analysis.entities.aliases import name_groups
from briefing.plugins.analysis.entities.collective import collective_mentions, mention_kind
from briefing.plugins.analysis.entities.countries import country_name
from briefing.plugins.analysis.entities.labels import actors_named_as_places
from briefing.plugins.analysis.entities.mention import Candidate, name_key
from briefing.plugins.analysis.entities.patterns import ORG_WORDS
from briefing.plugins.analysis.entities.role_heads import names_a_thing
from briefing.plugins.analysis.entities.spans import candidates, evidence_for, is_credit_line
from briefing.plugins.analysis.entities.terms import names_a_term
from briefing.plugins.analysis.entities.titles import distinct_roles, roles_for
from briefing.plugins.analysis.entities.wire import on_table_line

Mention = tuple[str, str, int, int, list[str]]  # name, kind, start, end, roles
Definitions = list[AcronymDefinition]


def defined_acronyms(analysed: AnalysedArticle, found: list[Candidate]) -> list[tuple[str, str]]:
    """Pairs (acronym, name) stated as "Name (ACR)" in the text."""
    text = analysed.article.text
    pairs = []
    for c in found:
        match = re.match(r"\s*\(([A-Za-z.]{2,8})\)", text[c.end:c.end + 12])
        if match and is_acronym(match.group(1)):
            pairs.append((match.group(1), c.text))
    return pairs


class StakeholderExtractor(Extractor[NoOptions]):
    def extract(self, analysed: AnalysedArticle) -> Iterable[Stakeholder]:
        if analysed.doc is None:
            return []
        doc = analysed.doc
        found = candidates(analysed)
        bodies = actors_named_as_places(doc, found)
        mentions: list[Mention] = []
        text = analysed.article.text
        for c in found:
            if on_table_line(text, c.start):
                continue  # a results or table line names teams, not actors (entities/wire.py)
            kind = "organization" if name_key(c.text) in bodies else mention_kind(doc, c)
            if kind:
                roles = []
                if kind in {"person", "organization"}:
                    roles = roles_for(doc, c.first, c.last, kind == "person")
                mentions.append((c.text, kind, c.start, c.end, roles))
        for text, start, end, kind in collective_mentions(analysed):
            where = evidence_for(analysed, start, end)
            sentences = analysed.article.sentences
            if where is not None and not is_credit_line(sentences[where.sentence_index].text):
                mentions.append((text, kind, start, end, []))
        body_acronyms, terms = _acronym_definitions(analysed)
        term_keys = _forms(terms) - _forms(body_acronyms)
        defined = [(short, name) for short, name in defined_acronyms(analysed, found)
                   if name_key(short) not in term_keys]
        mentions = [m for m in mentions if name_key(m[0]) not in term_keys
                    and not any(d.start <= m[2] and m[3] <= d.end for d in terms)]
        mentions = _with_defined_acronyms(analysed, mentions, body_acronyms, defined)
        return build_stakeholders(analysed, mentions, defined)


def _acronym_definitions(analysed: AnalysedArticle) -> tuple[Definitions, Definitions]:
    """The acronyms the text defines for bodies, and those it defines for terms and things (see
    ``_names_a_body``). A term's forms and the pieces of its long form are no stakeholders, wherever
    the model calls them an organisation or a person: "a vulnerable line printer daemon (LPD)"
    makes no "LPD" of the text one, "Human Machine Interface (HMI)" no "Machine Interface". A
    form that the text also defines for a body stays a body's."""
    bodies: Definitions = []
    terms: Definitions = []
    for sentence in analysed.article.sentences:
        for d in acronym_definitions(sentence.text, sentence.start):
            if country_name(d.long) is None:
                (bodies if _names_a_body(analysed, d) else terms).append(d)
    return bodies, terms


def _forms(definitions: Definitions) -> set[str]:
    """The keys of the long and short forms of ``definitions``."""
    return {name_key(form) for d in definitions for form in (d.long, d.short)}


def _with_defined_acronyms(analysed: AnalysedArticle, mentions: list[Mention],
                           definitions: list[AcronymDefinition],
                           defined: list[tuple[str, str]]) -> list[Mention]:
    """Add the bodies the text defines an acronym for (``definitions``: "the UK's ministry of
    defence (MoD)"): the long form, under the name an analyst writes ("Ministry of Defence"), and
    every use of the acronym, so both are one stakeholder. Mentions inside a long form (a piece of
    it the model found) give way to it. ``defined`` gets the (acronym, name) pairs for the clustering."""
    if not definitions:
        return mentions
    spans = {(start, end) for _, _, start, end, _ in mentions}
    kept = [m for m in mentions
            if not any(d.start <= m[2] and m[3] <= d.end and (m[2], m[3]) != (d.start, d.end)
                       for d in definitions)]
    shorts = {d.short: d for d in definitions}
    for d in definitions:
        # a mention ending where the long form ends and starting at or before it names the body
        # ("UN Independent Commission of Inquiry (COI)", where the letters give only the last words)
        around = [k for k, m in enumerate(kept) if m[3] == d.end and m[2] <= d.start]
        if around:
            k = min(around, key=lambda k: kept[k][2])
            name = d.display if kept[k][2] == d.start else kept[k][0]
            kept[k] = (name, "organization", *kept[k][2:])
        else:
            name = d.display
            kept.append((name, "organization", d.start, d.end, []))
        defined.append((d.short, name))
    uses = re.compile(r"(?<!\w)(" + "|".join(re.escape(short) for short in shorts) + r")(?!\w)")
    for match in uses.finditer(analysed.article.text):
        if (match.start(), match.end()) not in spans:
            kept.append((match.group(), "organization", match.start(), match.end(), []))
    return kept


def _names_a_body(analysed: AnalysedArticle, definition: AcronymDefinition) -> bool:
    """Whether a defined acronym's long form names a body: written with capitals, as names are,
    unless a noun for a thing heads it (entities.role_heads: "the Object Graph Navigation Language
    (OGNL)", "an Improvised Explosive Device (IED)", which tech and defence writing capitalise),
    or a plural of one or an adverb leads it (entities.terms: "Industrial Control Systems (ICS)",
    "Potentially Unwanted Program (PUP)"); or in lower case with a body's noun at its head ("the
    ministry of defence (MoD)"). A thing or a term defined the same way ("an improvised explosive
    device (IED)", "a distributed denial of service (DDoS) attack") is no stakeholder."""
    span = analysed.doc.char_span(definition.start, definition.end, alignment_mode="expand")
    if any(ch.isupper() for ch in definition.long):
        return span is None or not (names_a_thing(list(span))
                                    or names_a_term(analysed.doc, span, definition.short))
    return span is not None and span.root.lower_ in ORG_WORDS


_STATEMENT_END = re.compile(r"[.!?…:][\"”’')\]]*$")


def is_prose(sentence: str) -> bool:
    """A sentence of running prose ends with a stop (or a colon before a quote); a photo caption,
    heading or credit line usually does not."""
    return bool(_STATEMENT_END.search(sentence.strip()))


def _weight(sentence_index: int, count: int) -> float:
    if sentence_index == 0:
        return 2.0
    return 1.0 + 0.5 * max(0.0, 1.0 - sentence_index / max(count, 1))


def build_stakeholders(analysed: AnalysedArticle, mentions: list[Mention],
                       defined: list[tuple[str, str]]) -> list[Stakeholder]:
    entries = [(text, kind, 1) for text, kind, *_ in mentions]
    # Acronyms stated in the text are organisations, even where the model called them a place.
    short = {a.casefold() for a, _ in defined}
    entries = [(n, "organization" if n.casefold() in short else k, w) for n, k, w in entries]
    count = len(analysed.article.sentences)
    out: list[tuple[Stakeholder, float]] = []
    for group, members in name_groups(entries, defined, first_names=True):
        evidence: list[Evidence] = []
        found_roles: list[str] = []
        score = 0.0
        for i in members:
            _, _, start, end, mention_roles = mentions[i]
            item = evidence_for(analysed, start, end)
            if item is None:
                continue
            if is_prose(analysed.article.sentences[item.sentence_index].text):
                group.prose.add(mentions[i][0])
            if item not in evidence:
                evidence.append(item)
            score += _weight(item.sentence_index, count)
            found_roles.extend(mention_roles)
        roles = distinct_roles(found_roles)
        score += 0.5 * len(roles)  # a stated role makes an actor more central
        if evidence:
            kind = stakeholder_kind(group.kind)
            out.append((Stakeholder(group.display, kind, tuple(evidence), group.aliases, roles), score))
    top = max((score for _, score in out), default=1.0)
    ranked = sorted(out, key=lambda pair: -pair[1])
    return [Stakeholder(s.name, s.kind, s.evidence, s.aliases, s.roles, s.quotes, round(score / top, 4))
            for s, score in ranked]
