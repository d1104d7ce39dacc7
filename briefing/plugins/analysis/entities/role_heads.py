"""What the head of a title phrase must be for the phrase to be a role.

A title before a name is found by its shape (nouns and adjectives right before the name), and
shape alone takes what ends up there in copy without punctuation: "the talks can yield a
concrete result Obama said" gives "concrete result", "consistent with nerve agent use WHO" gives
"nerve agent use", a headline run into the text gives "Syrian state TV" for a governor, and a first
name the model left out of the name gives "Ranjit". A title names what someone is, so its head
noun (the last word, or the word before "of": "Minister of Defence") must be:

- for a person: a title or office ("President", "Governor"), a noun for a person (a short list:
  "chief", "official", "envoy", ...), or a lower-case agent noun ("researcher", "analyst",
  "spokesperson", "resident"; the English agent suffixes -er, -or, -ist, -ian, -ant, -ent, -man,
  -woman, -person, -ee, -ate). A capitalised word counts only from the lists, since many first
  names end like agent nouns ("Peter", "Victor"). Most nouns ending in -er or -or name no one
  ("danger", "border", "number", "disaster"), so such a word is an agent only when what is left
  without the suffix is a word ("research-er", "invest-or", "plann-er", "carri-er", "drug-mak-er"),
  or when it ends in -ator ("administrator"); and -ment names an act or a body ("government",
  "statement"), never a person. A media outlet is never a person's role;
- for an organisation: a word for a body ("agency", "group", "monitor", "watchdog") or one of the
  organisation nouns of entities.patterns.

The same heads tell a body's name from a term's where a text defines an acronym: "the National
Security Agency (NSA)" is headed by a body's noun, "the Object Graph Navigation Language (OGNL)" and
"an Improvised Explosive Device (IED)" by a noun for a thing (``names_a_thing``), though tech and
defence writing capitalise both.
"""

from __future__ import annotations

import re
from typing import Any

from briefing.plugins.analysis.entities.mention import PERSON_TITLES
from briefing.plugins.analysis.entities.patterns import ORG_WORDS
from briefing.plugins.text.language import common_words
from briefing.plugins.text.words import word_set

PERSON_NOUNS = word_set("""
chief head boss official envoy aide expert analyst spokesperson spokesman spokeswoman leader member
deputy delegate candidate advocate activist veteran witness victim survivor resident citizen
student pupil graduate scientist doctor nurse surgeon lawyer attorney judge prosecutor officer
soldier fighter commander general colonel major pilot captain coach manager player striker
midfielder defender goalkeeper champion winner owner founder co-founder partner executive
representative correspondent reporter editor writer author columnist presenter host anchor
photographer producer director actor actress singer musician artist star celebrity model chef
professor lecturer teacher researcher economist strategist adviser advisor consultant diplomat
ambassador minister secretary president chairman chairwoman chair governor mayor senator
lawmaker legislator councillor councilor mp mep premier king queen prince princess emperor pope
cardinal bishop priest imam rabbi cleric sheikh emir sultan ayatollah monk nun father mother son
daughter brother sister wife husband widow widower uncle aunt cousin friend neighbour neighbor
colleague rival opponent critic supporter fan owner heir founder inventor engineer architect
coroner rector vendor gangster financier
farmer worker employee staffer volunteer guard agent detective inspector constable sheriff
marshal ranger scout nominee hopeful contender incumbent successor predecessor man woman guy boy
girl child teenager scholar fellow counsel vet emeritus
""")
BODY_NOUNS = ORG_WORDS | word_set("""
agency group monitor watchdog body organisation organization firm company broadcaster network
alliance coalition party militia faction outfit charity ngo regulator ministry department office
court council committee union bank fund daily newspaper paper website channel station publisher
maker manufacturer producer retailer insurer lender carrier airline operator provider developer
supplier startup giant conglomerate club team side franchise school university college hospital
institute think-tank tank lobby body administration government authority authorities regime
venture division consultancy arm mission unit subsidiary affiliate
""")
# Nouns for software, malicious code and the computers and accounts they run on, which a place
# does not own or make: "the <Name> ransomware", "<Name>'s browser extension", "the <Name> app",
# "<Name> computers" (entities.terms.software_names).
SOFTWARE_NOUNS = word_set("""
trojan virus worm malware ransomware spyware adware botnet backdoor rootkit exploit plugin extension
driver daemon browser app server computer device account password
""")
# Nouns for things, not bodies, at the head of a capitalised term: kinds of software, protocols,
# formats, devices, malicious code, attacks and flaws, weapons and vehicles, documents and laws,
# measures and illnesses. Singular only: companies name themselves with the plurals ("Advanced
# Micro Devices", "<Name> Systems"), not with these. Heads that also name bodies are left out
# ("service", "network", "programme", "platform", "technology", "management", "control").
TERM_NOUNS = SOFTWARE_NOUNS | word_set("""
language protocol interface framework format standard algorithm system application code script
scripting library package module database chat messaging
file key certificate address identifier kit toolkit tool engine memory storage design machine
processor chip card controller router internet
vulnerability flaw attack injection execution overflow forgery denial compromise encryption authentication
weapon missile rocket launcher grenade bomb explosive munition mine vehicle aircraft drone rifle gun
report law regulation edition solution exemption index rate syndrome disease disorder
""") - BODY_NOUNS
MEDIA = word_set("tv television radio newspaper daily channel broadcaster website magazine news outlet")
_AGENT = re.compile(r"(?:er|or|ist|ian|ant|ent|man|woman|person|ee|ate)$")
_BRIDGES = frozenset({"of", "for", "at", "to", "on", "in"})


def head_of(tokens: list[Any]) -> Any:
    """The head word of a title phrase: the word before its first preposition, else its last."""
    for k, token in enumerate(tokens):
        if token.lower_ in _BRIDGES and k > 0:
            return tokens[k - 1]
    return tokens[-1]


def person_noun(token: Any) -> bool:
    """A word that names a person by what they are or do (see the module doc)."""
    word = token.lower_.rstrip(".")
    if word in MEDIA:
        return False
    if word in PERSON_TITLES or word in PERSON_NOUNS:
        return True
    return token.text.islower() and _agent_noun(word)


def person_word(word: str) -> bool:
    """Whether a lower-case word in the singular names a person by what they are or do."""
    return word in PERSON_TITLES or word in PERSON_NOUNS or _agent_noun(word)


def _agent_noun(word: str) -> bool:
    """A word built as an English agent noun (see the module doc)."""
    return len(word) > 4 and bool(_AGENT.search(word)) and _agent_form(word)


def _agent_form(word: str) -> bool:
    """Whether a word with an agent suffix is built as one (see the module doc)."""
    if word.endswith("ment"):
        return False
    if not word.endswith(("er", "or")) or word.endswith("ator"):
        return True
    stem = word[:-2]
    stems = {stem, stem + "e"}
    if len(stem) > 2 and stem[-1] == stem[-2]:
        stems.add(stem[:-1])  # "plann-er", "modell-er"
    if stem.endswith("i"):
        stems.add(stem[:-1] + "y")  # "carri-er"
    common = common_words("en")
    # the stem, or its last part when the noun is a compound ("drugmak-er", "firefight-er")
    return any(s[k:] in common for s in stems for k in range(0, max(1, len(s) - 3)))


def is_role_head(tokens: list[Any], person: bool) -> bool:
    """True when the phrase's head may head a role of a person (or of an organisation)."""
    if not tokens:
        return False
    head = head_of(tokens)
    if person:
        return person_noun(head)
    return head.lower_ in BODY_NOUNS


def names_a_thing(tokens: list[Any]) -> bool:
    """True when a name's head is a noun for a thing, not a body ("Object Graph Navigation
    Language", "Improvised Explosive Device", "Distributed Denial of Service")."""
    return bool(tokens) and head_of(tokens).lower_ in TERM_NOUNS
