"""Capitalised words and phrases that name a kind of thing, where the model sees a body.

Tech writing capitalises its terms as names are capitalised, and the small model calls them
organisations. ``entities.role_heads.names_a_thing`` reads a defined long form's singular head
("Improvised Explosive Device (IED)"); four more shapes are read here:

- a plural head ("Industrial Control Systems (ICS)", "Remotely Operated Vehicles (ROVs)").
  Companies name themselves with such plurals too ("Advanced Micro Devices", "<Name> Systems"),
  so a plural head makes a term only where the article never treats the name as one actor: a
  possessor ("AMD's chips"), the subject of a singular verb ("<Name> Systems has patched") or of
  a verb of saying ("AMD said"). A term counted in the plural is neither;
- a long form led by an adverb ("Potentially Unwanted Program (PUP)"): a body's name is a noun
  with nouns and adjectives before it, and an adverb qualifies a quality of a thing;
- a one-word name that is a noun for malicious code or a flaw ("Ransomware", "Malware",
  "Vulnerability"), which headlines, tag lists and some writers capitalise wherever it stands
  (other nouns for things are surnames too: "Key", "Law", "Card");
- a name the model calls a place that the article uses as the name of software, and never where
  only places stand (``software_names``).
"""

from __future__ import annotations

from typing import Any

from briefing.plugins.analysis.entities.countries import country_name
from briefing.plugins.analysis.entities.mention import Candidate, name_key
from briefing.plugins.analysis.entities.role_heads import SOFTWARE_NOUNS, TERM_NOUNS, head_of
from briefing.plugins.text.reporting import introduces_speech
from briefing.plugins.text.words import word_set

# Plural endings and what replaces them for the singular ("proxies", "patches", "viruses").
_PLURALS = (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("ses", "s"), ("s", ""))
_SINGULAR_AUX = frozenset({"is", "has", "was", "does", "'s", "’s"})


def _singular(word: str) -> str | None:
    lower = word.lower()
    for ending, replacement in _PLURALS:
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            return lower[: -len(ending)] + replacement
    return None


def singular_term(word: str) -> bool:
    """``word`` is the plural of a noun for a thing ("Systems", "Vehicles", "Viruses")."""
    return _singular(word) in TERM_NOUNS


# Nouns for malicious code and flaws: no one's surname, unlike other nouns for things ("Key",
# "Law", "Card", "Driver" name people, and "Key said" must stay John Key's).
_CODE_AND_FLAWS = word_set("""
trojan virus worm malware ransomware spyware adware botnet backdoor rootkit exploit vulnerability flaw
""")


def one_word_term(text: str) -> bool:
    """A name of one word that is a noun for malicious code or a flaw ("Ransomware", "Trojan")."""
    return text.isalpha() and text.lower() in _CODE_AND_FLAWS


def adverb_led(tokens: list[Any]) -> bool:
    """A phrase that starts with an adverb in -ly ("Potentially Unwanted Program")."""
    return bool(tokens) and tokens[0].tag_ == "RB" and tokens[0].lower_.endswith("ly")


def _acts_as_one(token: Any) -> bool:
    """The token stands for one actor: a possessor, or the subject of a singular verb or of a verb
    of saying."""
    if token.dep_ == "poss" or any(child.dep_ == "case" for child in token.children):
        return True
    if token.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    verb = token.head
    return verb.tag_ == "VBZ" or introduces_speech(verb.lemma_, verb.text) \
        or any(child.dep_ in {"aux", "auxpass"} and child.lower_ in _SINGULAR_AUX for child in verb.children)


def plural_term(doc: Any, span: Any, short: str) -> bool:
    """A long form headed by the plural of a noun for a thing that neither it nor its acronym
    (``short``) ever stands for one actor in ``doc`` (see the module doc)."""
    tokens = list(span)
    if not tokens or not singular_term(head_of(tokens).text):
        return False
    uses = [span.root] + [token for token in doc if token.text == short]
    return not any(_acts_as_one(token) for token in uses)


def names_a_term(doc: Any, span: Any, short: str) -> bool:
    """A capitalised long form that names a kind of thing by a plural head or an adverb before it."""
    return adverb_led(list(span)) or plural_term(doc, span, short)


# Prepositions whose object is a place wherever it is a name: "in", "near", "across" (not "to" and
# "from", which also take bodies: "according to <Firm>", "researchers from <Firm>").
_ONLY_PLACES = frozenset({"in", "at", "near", "across", "inside", "outside", "throughout", "within",
                          "around", "into", "towards", "toward"})


def _placed(token: Any) -> bool:
    """The token stands where only places stand, itself or through the name it is joined to or
    set beside ("in <Town>, <Province>", "in <Town> and <Town>")."""
    while token.dep_ in {"conj", "appos"} and token.head.i != token.i:
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in _ONLY_PLACES


def _names_software(token: Any) -> bool:
    """The token names the maker or brand of software ("the <Name> ransomware", "<Name>'s browser
    extension", "the <Name> app"), which no place is."""
    head = token.head
    return token.dep_ in {"compound", "poss", "nmod", "amod"} and head.i != token.i \
        and (head.lower_ in SOFTWARE_NOUNS or _singular(head.text) in SOFTWARE_NOUNS)


def software_names(doc: Any, found: list[Candidate]) -> set[str]:
    """Keys of names the model calls a place (not a state) that the article never puts where only
    places stand and uses at least once as the name of software, and of those headed
    by a noun for software ("Line Printer Daemon", "<Name> Trojan"). Tech news names products,
    malware and vendors by one capitalised word, which the small model often takes for a town."""
    placed: set[str] = set()
    used: set[str] = set()
    for c in found:
        if c.label not in {"GPE", "LOC", "FAC"} or country_name(c.text) is not None:
            continue
        key = name_key(c.text)
        token = doc[c.last]
        if _placed(token):
            placed.add(key)
        elif _names_software(token) or (c.first < c.last and token.lower_ in SOFTWARE_NOUNS):
            used.add(key)
    return used - placed
