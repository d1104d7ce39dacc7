"""Words: the tokeniser, the stop words and the stemmer every part of `briefing` shares.

Words are lower-cased with the possessive "'s" dropped ("Russia's" -> "russia"), and stemmed
crudely (a few English inflection suffixes), which is enough for "attack"/"attacks"/"attacked"
to meet without a model. The stop words are the closed classes of English (articles, pronouns,
auxiliaries, prepositions, conjunctions) and the commonest reporting verbs, which say who speaks,
not what about.
"""

from __future__ import annotations

import re
from functools import lru_cache

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def word_set(text: str) -> frozenset[str]:
    """A word list written as whitespace-separated text, as a set."""
    return frozenset(text.split())


FUNCTION_WORDS = word_set("""
a an the this that these those some any each every all both either neither no not nor
i me my mine we us our ours you your yours he him his she her hers it its they them their theirs
who whom whose which what when where why how whether
is am are was were be been being do does did done doing have has had having
will would shall should can could may might must ought
of in on at by for from to with without into onto upon about above below over under between
through during before after since until against among within along across around toward towards
and or but so yet if then than as because while although though unless
there here also just only very too more most much many such own same other again further
said says say told tells according s t
""")

_SUFFIXES = ("ations", "ation", "ings", "ing", "edly", "ies", "ied", "ed", "es", "s", "ly")


def words(text: str) -> list[str]:
    """Lower-cased word tokens, possessives removed ("Russia's" -> "russia")."""
    out = []
    for word in WORD.findall(text.casefold()):
        if "’" in word:
            word = word.replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        out.append(word)
    return out


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A light suffix stripper: enough to match inflected forms, not a linguistic stemmer.

    Cached: a corpus repeats its words, and merging thousands of articles' facts stems each often."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                return base + "y"
            return base
    return word


def content_terms(text: str) -> list[str]:
    """Stemmed content words of a text, in order, function words and one-letter words left out."""
    return [stem(w) for w in words(text) if w not in FUNCTION_WORDS and len(w) > 1]
