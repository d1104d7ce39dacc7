"""What one cleaned entity mention is, and the key two mentions of one name share.

Apart from `entities.spans` (which finds the mentions) and `entities.labels` (which repairs their
labels) so that both, and the extractors and merging that compare names, can use them without
importing each other.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass


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
_LEADING_THE = re.compile(r"^the\s+")
_POSSESSIVE = re.compile(r"('s|')$")


# British and American spellings of the words names are made of: a British and an American
# outlet name one body two ways ("World Health Organisation", "Centres for Disease Control"), and
# a reader wants it once. Only spellings that name nothing else ("Labour"/"Labor" are two parties).
_AMERICAN = {"isation": "ization", "isations": "izations", "centre": "center", "centres": "centers",
             "defence": "defense"}
_BRITISH = re.compile(r"(isations?|centres?|defence)\b")
# A company's legal form after its name: "BP Plc" and "BP", "BP America Inc." and "BP America"
# are one company; a wire writes the form, the next paragraph and other outlets leave it out.
_LEGAL_FORM = re.compile(r"(?<=\w),?\s+(plc|inc|ltd|llc|corp|gmbh|s\.a|n\.v)\.?$")


@functools.lru_cache(maxsize=16384)
def name_key(name: str) -> str:
    """The form two mentions of one name share: case, spacing, 'the', possessive, British
    spelling and a company's legal form ignored.

    Called for every mention and, in a briefing's merge, for every name of every article, so the
    patterns are compiled once here and the answers kept in a bounded cache.
    """
    key = _SPACES.sub(" ", name.replace("’", "'").replace("‘", "'")).strip().casefold()
    key = _LEADING_THE.sub("", key)
    key = _POSSESSIVE.sub("", key)
    key = _BRITISH.sub(lambda m: _AMERICAN[m.group(1)], key)
    key = _LEGAL_FORM.sub("", key)
    return key.strip(" '\".,;:-")


def looks_like_acronym(text: str) -> bool:
    """Two to six letters, two or more of them capitals ("UN", "NATO", "MoD")."""
    return 2 <= len(text) <= 6 and text.isalpha() and sum(ch.isupper() for ch in text) >= 2


def name_words(text: str) -> list[str]:
    """The casefolded words of a name, hyphens and apostrophes kept inside words."""
    return [w.casefold() for w in re.findall(r"[\w'-]+", text)]


# Courtesy titles and honorifics (the forms of address of common news style guides): they say
# how a person is addressed, not who they are or what they do. "Mrs X" names the person "X" does.
HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "madam", "madame",
              "monsieur", "herr", "frau", "señor", "señora"}
# Titles and offices written before a name ("President X", "Governor Y") besides the honorifics.
PERSON_TITLES = HONORIFICS | {
    "president", "chancellor", "minister", "premier", "king", "queen", "prince", "princess",
    "senator", "governor", "mayor", "general", "colonel", "captain", "judge", "pope", "bishop",
    "spokesperson", "spokesman", "spokeswoman", "ceo", "chairman",
    "chairwoman", "director", "coach", "manager", "secretary", "ambassador", "commander",
    "lieutenant", "sergeant", "professor", "sheikh", "emir", "sultan", "ayatollah", "rabbi",
    "attorney", "prosecutor", "detective", "inspector", "superintendent", "admiral", "sheriff",
    "marshal", "congressman", "congresswoman", "councillor", "councilor", "constable",
}


def is_honorific(word: str) -> bool:
    return word.strip(".").casefold() in HONORIFICS


def without_honorifics(words: list[str]) -> list[str]:
    """The words of a name after any leading forms of address ("Mrs Jane Doe" -> "Jane Doe");
    a name that is only a form of address is kept whole."""
    start = 0
    while start < len(words) - 1 and is_honorific(words[start]):
        start += 1
    return words[start:]
