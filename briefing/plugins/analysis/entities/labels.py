"""Label repairs for entity mentions, from the mention's own words and its neighbours.

The small English model gives one name different labels within an article, calls a settlement
after "the base at" an organisation, a surname alone a place, a "<Name> County" a person. The
rules here repair those without naming any entity: a per-article label vote, surnames taking the
label of the full name, titles before a name, acronyms, settlement and facility nouns, place-name
heads and compass words, and whether a name sits where only places sit (after a spatial
preposition) or acts (the agent of a passive, the side fought against).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Any

from briefing.plugins.analysis.entities.countries import country_name
from briefing.plugins.analysis.entities.mention import (
    PERSON_TITLES,
    Candidate,
    looks_like_acronym,
    name_key,
    name_words,
)
from briefing.plugins.analysis.entities.patterns import ORG_WORDS
from briefing.plugins.analysis.entities.role_heads import person_noun
from briefing.plugins.analysis.entities.wire import dateline_place, is_agency, written_as_word
from briefing.plugins.analysis.nlp.token_table import PlainTokens
from briefing.plugins.text.reporting import introduces_speech

# Nouns for built places and settlements: "the base at X", "the port of X" make X a place.
PLACE_NOUNS = {
    "airbase", "airfield", "airport", "base", "bases", "border", "camp", "capital", "city", "coast",
    "district", "facility", "harbor", "harbour", "island", "port", "prison", "province", "region",
    "town", "village", "valley", "crossing", "outskirts", "suburb", "stadium", "hospital",
    "stronghold", "neighbourhood", "neighborhood", "quarter", "governorate", "countryside", "suburbs",
    "enclave", "towns", "villages", "cities", "districts", "provinces", "neighbourhoods", "neighborhoods",
    "vicinity",
}
# Nouns that make the name right before them a place ("the <Name> district", "<Name> province").
_PLACE_AFTER = {"district", "province", "governorate", "neighbourhood", "neighborhood", "quarter",
                "suburb", "region", "county", "village", "town"}
# Prepositions that only take places: "near X", "outside X" (not "at"/"in", which take firms too).
_NEAR = {"near", "outside", "towards", "toward", "across", "around", "inside", "throughout"}
# Last words that make a name a place name (gazetteer feature classes in common English use).
PLACE_HEADS = {"city", "county", "parish", "province", "district", "island", "islands", "river", "lake",
               "mountain", "mountains", "valley", "bay", "beach", "coast", "peninsula", "street", "avenue",
               "ave", "road", "square", "canal", "strait", "gulf", "sea", "ocean", "desert", "municipality",
               "township", "village", "town", "borough", "region", "highlands", "heights", "creek", "falls"}
# Prepositions whose object is a place and never a person: "in X", "near X", "across X".
_IN_PLACE = _NEAR | {"in", "into", "within", "throughout"}
# Endings of English demonyms and language names ("Syrian", "Chinese", "Kurdish", "Iraqi",
# "Arabic", "French", "Greek"; the suffix table of the Wikipedia article "Demonym"): a word the
# model calls a nationality is a place only when it has none of them ("in <City>").
_DEMONYM_END = re.compile(r"(an|ese|ish|i|ic|ch|sh|ss|ek|ite|er|ism)$", re.I)
_COMPASS = {"north", "south", "east", "west", "central", "northern", "southern", "eastern",
            "western", "upper", "lower", "greater"}
# Prepositions whose object is a location: "bases in X", "flights to X", "returned from X".
SPATIAL = {"in", "at", "to", "from", "into", "across", "near", "inside", "throughout", "within",
           "towards", "toward", "around", "through", "outside", "over", "out", "off", "onto", "via"}


def is_locative(doc: Any, c: Candidate) -> bool:
    """The mention is the object of a spatial preposition (through any coordination)."""
    head = doc[c.last]
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in SPATIAL


def _acts(doc: Any, c: Candidate) -> bool:
    """The mention is the agent of a passive ("held by X") or the one fought ("against X"): roles a
    place does not take. A subject or possessor may still be a place ("X is a city", "X's port")."""
    head = doc[c.last]
    return head.dep_ == "pobj" and (head.head.dep_ == "agent" or head.head.lower_ == "against")


def actors_named_as_places(doc: Any, found: list[Candidate]) -> set[str]:
    """Keys of names the model calls a place (GPE, not a state) that the article only ever uses as
    an actor: it acts somewhere and is never the object of a spatial preposition. Such a name is a
    body (an armed group, an authority), not a location."""
    acting: set[str] = set()
    placed: set[str] = set()
    for c in found:
        if c.label != "GPE" or country_name(c.text) is not None:
            continue
        key = name_key(c.text)
        if is_locative(doc, c) or (c.first > 0 and doc[c.first - 1].lower_ in {"of", "at"}):
            placed.add(key)
        elif _acts(doc, c):
            acting.add(key)
    return acting - placed


def relabel(v: PlainTokens, found: list[Candidate]) -> list[Candidate]:
    """The mentions with repaired labels; a lone word the model calls a person and the article
    never names in full, titles or has speak is dropped (mostly a misread common word)."""
    found = [_labelled(c, _local_label(v, c)) for c in found]
    keys = [name_key(c.text) for c in found]
    votes: dict[str, Counter[str]] = {}
    for c, key in zip(found, keys, strict=True):
        votes.setdefault(key, Counter())[c.label] += 1
    full = [key.split() for c, key in zip(found, keys, strict=True)
            if c.label == "PERSON" and len(c.text.split()) > 1]
    surnames = {words[-1] for words in full}
    named = surnames | {words[0] for words in full}
    relabelled = []
    for c, key in zip(found, keys, strict=True):
        ranked = votes[key].most_common()
        label = c.label
        if len(ranked) > 1 and ranked[0][1] > ranked[1][1]:
            label = ranked[0][0]
        if label in {"ORG", "GPE", "NORP"} and " " not in key and key in surnames:
            label = "PERSON"
        if label == "PERSON" and " " not in key and key not in named and not _titled(v, c) \
                and votes[key]["PERSON"] < 2:
            continue  # a lone word the model calls a person, never named in full: mostly not one
        relabelled.append(_labelled(c, label))
    return relabelled


def _labelled(c: Candidate, label: str) -> Candidate:
    """``c`` with another label (dataclasses.replace, without its per-call field inspection)."""
    if label == c.label:
        return c
    return Candidate(c.text, label, c.start, c.end, c.sentence_index, c.first, c.last)


def _titled(v: PlainTokens, c: Candidate) -> bool:
    """A title word right before the name ("President X", "Dr. X"), or the name speaks ("X said")."""
    if c.first > 0 and v.lower[c.first - 1].rstrip(".") in PERSON_TITLES:
        return True
    head = v.doc[c.last]
    return head.dep_ == "nsubj" and introduces_speech(head.head.lemma_)


def _described_as_person(v: PlainTokens, c: Candidate, words: list[str]) -> bool:
    """A name of two or three capitalised words, no body's word among them, that an apposition
    describes as a person ("X Y, vice president at Z", "X Y, a security researcher")."""
    if not 2 <= len(words) <= 3 or set(words) & ORG_WORDS or country_name(c.text) is not None:
        return False
    if not all(v.caps[k] for k in range(c.first, c.last + 1) if v.text[k].isalpha()):
        return False
    return any(child.dep_ == "appos" and person_noun(child) for child in v.doc[c.last].children)


def _label_as_word(v: PlainTokens, name: str) -> str | None:
    """The place label the model gives the name written as a word ("Oslo"), for the name in
    capitals ("OSLO"), or None."""
    if not (name.isupper() and len(name) > 3 and written_as_word(v, name)):
        return None
    title = name.title()
    return next((label for start, end, label in v.ents
                 if label in {"GPE", "LOC"} and v.span_text(start, end) == title), None)


_PLACE_AFTER_WORD = re.compile(rf"\b(?:{'|'.join(sorted(_PLACE_AFTER))})\b", re.IGNORECASE)


@functools.lru_cache(maxsize=64)
def _before_place_nouns(text: str) -> frozenset[str]:
    """The last one to four words before each place noun of a text, lower-cased ("salah al-din"),
    found once per text."""
    found: set[str] = set()
    for match in _PLACE_AFTER_WORD.finditer(text):
        words = text[max(0, match.start() - 80): match.start()].split()[-4:]
        found.update(" ".join(words[k:]).casefold() for k in range(len(words)))
    return frozenset(found)


def _named_with_place_noun(v: PlainTokens, name: str) -> bool:
    """The article writes the name right before a place noun somewhere ("<Name> district")."""
    return " ".join(name.split()).casefold() in _before_place_nouns(v.full_text)


def _local_label(v: PlainTokens, c: Candidate) -> str:
    """Repair a label from the mention's own words and its neighbours."""
    doc = v.doc
    words = name_words(c.text)
    before = v.lower[c.first - 1] if c.first > 0 else None
    if is_agency(c.text):
        return "ORG"  # a wire agency signs the copy
    if dateline_place(v, c.first, c.last):
        return "GPE"  # "BEIRUT (Reuters) -": where the copy was filed, not an acronym
    word_label = _label_as_word(v, c.text)
    if word_label is not None:
        return word_label  # "OSLO" where the article also has "Oslo" the place
    if c.label in {"ORG", "GPE"} and before is not None and before.rstrip(".") in PERSON_TITLES \
            and 2 <= len(words) <= 3 and not set(words) & ORG_WORDS and country_name(c.text) is None:
        return "PERSON"
    if c.label == "ORG" and _described_as_person(v, c, words):
        return "PERSON"  # "<First> <Last>, vice president at <Firm>": the apposition says who
    if c.label in {"ORG", "PERSON", "NORP"} and country_name(c.text) is not None:
        return "GPE"  # a state's name is a state, whatever the model said; kind is decided later
    if c.label == "GPE" and country_name(c.text) is None \
            and ((looks_like_acronym(c.text) and not written_as_word(v, c.text)) or words[-1] in ORG_WORDS):
        return "ORG"
    if c.label in {"ORG", "PERSON"} and len(words) > 1 and words[-1] in PLACE_HEADS \
            and not set(words) & ORG_WORDS:
        return "GPE"  # "<Name> County", "<Name> River", "<Name> Street" name places
    if c.label == "NORP" and v.tag[c.last] == "NNP" and country_name(c.text) is None \
            and not _DEMONYM_END.search(c.text) and words[-1] not in ORG_WORDS and is_locative(doc, c):
        return "GPE"  # "in X": a singular proper noun after a spatial preposition is a place, not a people
    if c.label == "PERSON" and words[-1] in ORG_WORDS:
        return "ORG"
    if c.label == "PERSON" and _named_with_place_noun(v, c.text):
        return "GPE"  # "the <Name> district of <City>": a district is not a person
    if c.label == "PERSON" and before is not None and before in _IN_PLACE and not \
            any(w in PERSON_TITLES for w in v.lower[c.first: c.last + 1]):
        return "GPE"  # "in X": people are not the object of "in"; GPE, or LOC-like, as the model would
    if c.label in {"ORG", "PERSON"} and not set(words) & ORG_WORDS:
        head = doc[c.last]
        if head.dep_ == "pobj" and head.head.head.lemma_.lower() in PLACE_NOUNS:
            return "FAC"
        if head.dep_ == "pobj" and head.head.lower_ in _NEAR:
            return "LOC"
        if words[0] in _COMPASS and len(words) > 1:
            return "LOC"
        if head.dep_ == "conj" or any(t.dep_ == "conj" for t in head.children):
            related = [head.head] if head.dep_ == "conj" else [t for t in head.children if t.dep_ == "conj"]
            if any(t.ent_type_ in {"LOC", "GPE"} for t in related) and c.label == "ORG":
                return "LOC"
    return c.label
