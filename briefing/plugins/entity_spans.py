"""Entity mentions from a spaCy parse, cleaned and relabelled by general rules.

The small English model makes a few kinds of mistakes often enough to show up in a briefing:
spans that run on into a conjunction or a quote mark ("the Far East and"), web addresses
tagged as dates, credit lines ("via <agency>") taken for actors, one name given different labels
in one article, a place after "the base at" tagged as an organisation. The rules here repair
those without naming any entity: trimming, a per-article label vote, person surnames taking the
label of the full name, acronyms, settlement and facility nouns, compass-word region names.
Both the stakeholder and the place extractors start from `candidates()`.
"""

from __future__ import annotations

import bisect
import functools
import re
import weakref
from collections import Counter
from dataclasses import dataclass
from typing import Any

from briefing import AnalysedArticle, Evidence, Sentence
from briefing.plugins.entity_countries import country_name
from briefing.plugins.entity_patterns import (
    ORG_WORDS,
    acronym_extension,
    is_misc_name,
    org_runs,
    split_span,
)
from briefing.plugins.roles_speakers import REPORTING
from briefing.plugins.token_table import PlainTokens, plain_tokens

LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
_OPEN_QUOTES = {'"', "“", "‘", "``", "'"}
_CLOSE_QUOTES = {'"', "”", "’", "''", "'"}
# Labels the small model gives to organisation acronyms it does not know ("a <ACR> statement").
_ODD_ACRONYM = {"NORP", "PRODUCT", "CARDINAL", "WORK_OF_ART", "LAW", "EVENT"}
_TRIM_POS = {"CCONJ", "PUNCT", "ADP", "DET", "PART", "SCONJ", "SYM"}
_URL = re.compile(r"(https?:|www\.|@|\w\.(com|org|net|ua|ru|uk|io|gov|info)\b|/)", re.I)
_CREDIT = re.compile(
    r"^(via\s|photo(graph)?s?\s*(by|:|credit)|image\s*(by|:|credit)|picture\s*(by|:)|credit\s*:|©|\(c\)\s)"
    r"|\b(getty images|shutterstock)\b|^(source|sources)\s*:", re.I)
# Nouns for built places and settlements: "the base at X", "the port of X" make X a place.
PLACE_NOUNS = {
    "airbase", "airfield", "airport", "base", "bases", "border", "camp", "capital", "city", "coast",
    "district", "facility", "harbor", "harbour", "island", "port", "prison", "province", "region",
    "town", "village", "valley", "crossing", "outskirts", "suburb", "stadium", "hospital",
}
# Prepositions that only take places: "near X", "outside X" (not "at"/"in", which take firms too).
_NEAR = {"near", "outside", "towards", "toward", "across", "around", "inside", "throughout"}
# Words that title a person (from common news style-guide lists of titles and offices).
PERSON_TITLES = {
    "president", "chancellor", "minister", "premier", "king", "queen", "prince", "princess",
    "senator", "governor", "mayor", "general", "colonel", "captain", "judge", "pope", "bishop",
    "mr", "mrs", "ms", "dr", "spokesperson", "spokesman", "spokeswoman", "ceo", "chairman",
    "chairwoman", "director", "coach", "manager", "secretary", "ambassador", "commander",
    "lieutenant", "sergeant", "professor", "sheikh", "emir", "sultan", "ayatollah", "rabbi",
}
# Prepositions the model sometimes takes into a name when capitalised ("Near X, ..." heading a line).
_LEAD_PREPS = {"near", "in", "at", "from", "outside", "inside", "around", "across", "towards", "toward",
               "into", "throughout", "within", "on", "by", "of", "for", "with", "during", "after", "before"}
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


@dataclass(frozen=True)
class Candidate:
    """One cleaned mention: ``text`` is exactly ``article.text[start:end]``."""

    text: str
    label: str
    start: int
    end: int
    sentence_index: int
    first: int  # spaCy token index range of the cleaned span
    last: int


_SPACES = re.compile(r"\s+")
# An unbalanced bracket inside a name starts a glued note or gloss ("al-X,[1", "Y(Arabic").
_GLUED = re.compile(r"\[\d|[\[(](?![^\[(]*[\])])")
_LEADING_THE = re.compile(r"^the\s+")
_POSSESSIVE = re.compile(r"('s|')$")


@functools.lru_cache(maxsize=16384)
def name_key(name: str) -> str:
    """The form two mentions of one name share: case, spacing, 'the', possessive ignored.

    Called for every mention and, in a briefing's merge, for every name of every article, so the
    patterns are compiled once here and the answers kept in a bounded cache.
    """
    key = _SPACES.sub(" ", name.replace("’", "'").replace("‘", "'")).strip().casefold()
    key = _LEADING_THE.sub("", key)
    key = _POSSESSIVE.sub("", key)
    return key.strip(" '\".,;:-")


_STARTS: list[tuple[object, list[int]]] = [((), [])]


def _sentence_starts(sentences: tuple[Sentence, ...]) -> list[int]:
    """Sentence start offsets, kept for the last article asked about: every mention of an
    article looks its sentence up, and rebuilding the list per mention cost more than the search."""
    held, starts = _STARTS[0]
    if held is not sentences:
        starts = [s.start for s in sentences]
        _STARTS[0] = (sentences, starts)
    return starts


def sentence_index_at(analysed: AnalysedArticle, char: int) -> int | None:
    sentences = analysed.article.sentences
    starts = _sentence_starts(sentences)
    i = bisect.bisect_right(starts, char) - 1
    if i < 0 or char >= sentences[i].end:
        return None
    return i


def evidence_for(analysed: AnalysedArticle, start: int, end: int) -> Evidence | None:
    """Evidence quoting ``text[start:end]`` if it lies inside one sentence."""
    index = sentence_index_at(analysed, start)
    if index is None:
        return None
    sentence = analysed.article.sentences[index]
    if end > sentence.end:
        return None
    quote = analysed.article.text[start:end].strip()
    return Evidence(analysed.article.id, index, quote) if quote and quote in sentence.text else None


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


def is_credit_line(text: str) -> bool:
    return bool(_CREDIT.search(text.strip()))


def _trim(v: PlainTokens, first: int, last: int) -> tuple[int, int]:
    """Drop determiners, conjunctions, punctuation and possessive markers at both ends."""
    pos, text = v.pos, v.text
    while first <= last and (pos[first] in _TRIM_POS or text[first] in {"'", "’", "‘", '"'}
                             or (v.lower[first] in _LEAD_PREPS and first < last)
                             or (text[first].isalpha() and text[first].islower()
                                 and v.ws[first] != "" and first < last)):
        first += 1  # a name starts with a capital: "near X" or "the X" lose their first word
    while last >= first and (pos[last] in _TRIM_POS or v.tag[last] == "POS"
                             or text[last] in {"'s", "’s", "'", "’"}):
        last -= 1
    return first, last


def _acceptable(text: str) -> bool:
    if not any(ch.isalpha() for ch in text) or not any(ch.isupper() for ch in text):
        return False
    return not _URL.search(text) and len(text) <= 80


def _is_acronym(text: str) -> bool:
    return 2 <= len(text) <= 6 and text.isalpha() and sum(ch.isupper() for ch in text) >= 2


def _words(text: str) -> list[str]:
    return [w.casefold() for w in re.findall(r"[\w'-]+", text)]


_CANDIDATES: weakref.WeakKeyDictionary[Any, tuple[str, tuple[Candidate, ...]]] = weakref.WeakKeyDictionary()


def candidates(analysed: AnalysedArticle) -> list[Candidate]:
    """Cleaned, relabelled mentions of people, organisations, states, places and nationalities.

    Several extractors (stakeholders, places, risks) start from the same mentions of an article;
    they are found once per parse and handed out as new lists.
    """
    if analysed.doc is None:
        return []
    held = _CANDIDATES.get(analysed.doc)
    if held is not None and held[0] is analysed.article.text:
        return list(held[1])
    found = _candidates(analysed, plain_tokens(analysed.doc))
    _CANDIDATES[analysed.doc] = (analysed.article.text, tuple(found))
    return found


def _candidates(analysed: AnalysedArticle, v: PlainTokens) -> list[Candidate]:
    text = analysed.article.text
    sentences = analysed.article.sentences
    found: list[Candidate] = []
    credits: dict[int, bool] = {}
    pieces = [(a, b, label) for first, last, label in _raw_spans(v)
              for a, b in split_span(v, first, last, label)]
    for first, last, label in pieces:
        first, last = _trim(v, first, last)
        if first > last:
            continue
        start, end = v.idx[first], v.char_end(last)
        name = text[start:end]
        cut = _GLUED.search(name) if "(" in name or "[" in name else None
        if cut:  # "<Name>,[1" or "<Name>(Arabic": a note or gloss glued on by the tokenizer
            end = start + len(name[:cut.start()].rstrip(" ,.;:"))
            name = text[start:end]
        index = sentence_index_at(analysed, start)
        if index is None or not _acceptable(name) or is_misc_name(name) or _is_quoted_title(v, first, last):
            continue
        credit = credits.get(index)
        if credit is None:
            credit = credits[index] = is_credit_line(sentences[index].text)
        if credit:
            continue
        found.append(Candidate(name, label, start, end, index, first, last))
    return _relabel(v, found)


def _is_quoted_title(v: PlainTokens, first: int, last: int) -> bool:
    """A whole quoted title ("<Song Name>", ‘<Book>’) is a work, not who or where: the model
    often reads song and book titles as people."""
    if first == 0 or last + 1 >= len(v) or v.ent_type[last] not in {"PERSON", "LOC", "FAC"}:
        return False
    return v.text[first - 1] in _OPEN_QUOTES and v.text[last + 1] in _CLOSE_QUOTES


def _raw_spans(v: PlainTokens) -> list[tuple[int, int, str]]:
    """The model's entities, with organisation names found by head noun (entity_patterns)."""
    spans: list[tuple[int, int, str]] = []
    for start, stop, label in v.ents:
        if stop - start == 1 and label in _ODD_ACRONYM and _is_acronym(v.text[start]) \
                and v.text[start].isupper() and country_name(v.text[start]) is None:
            spans.append((start, start, "ORG"))  # an acronym is a body, not a number or product
        elif label in LABELS:
            first = start + 1 if v.pos[start] == "DET" and stop - start > 1 else start
            last = stop - 1
            if label == "ORG":
                last = acronym_extension(v, first, last)
            if spans and spans[-1][0] <= first and last <= spans[-1][1]:
                continue  # inside an organisation name extended over "and the <Name>"
            spans.append((first, last, label))
    for first, last in org_runs(v):
        if any(f <= first and last <= e for f, e, _ in spans):
            continue  # the model already has it, or a longer name around it
        if any(f < first <= e < last or first < f <= last < e for f, e, _ in spans):
            continue  # crosses a name the model found: leave both alone
        spans = [s for s in spans if not (first <= s[0] and s[1] <= last)]
        spans.append((first, last, "ORG"))
    return sorted(spans)


def _relabel(v: PlainTokens, found: list[Candidate]) -> list[Candidate]:
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
    return head.dep_ == "nsubj" and head.head.lemma_.lower() in REPORTING


def _local_label(v: PlainTokens, c: Candidate) -> str:
    """Repair a label from the mention's own words and its neighbours."""
    doc = v.doc
    words = _words(c.text)
    before = v.lower[c.first - 1] if c.first > 0 else None
    if c.label in {"ORG", "GPE"} and before is not None and before.rstrip(".") in PERSON_TITLES \
            and 2 <= len(words) <= 3 and not set(words) & ORG_WORDS and country_name(c.text) is None:
        return "PERSON"
    if c.label in {"ORG", "PERSON", "NORP"} and country_name(c.text) is not None:
        return "GPE"  # a state's name is a state, whatever the model said; kind is decided later
    if c.label == "GPE" and country_name(c.text) is None and (_is_acronym(c.text) or words[-1] in ORG_WORDS):
        return "ORG"
    if c.label in {"ORG", "PERSON"} and len(words) > 1 and words[-1] in PLACE_HEADS \
            and not set(words) & ORG_WORDS:
        return "GPE"  # "<Name> County", "<Name> River", "<Name> Street" name places
    if c.label == "NORP" and v.tag[c.last] == "NNP" and country_name(c.text) is None \
            and not _DEMONYM_END.search(c.text) and words[-1] not in ORG_WORDS and is_locative(doc, c):
        return "GPE"  # "in X": a singular proper noun after a spatial preposition is a place, not a people
    if c.label == "PERSON" and words[-1] in ORG_WORDS:
        return "ORG"
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
