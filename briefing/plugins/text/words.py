"""Words: the tokeniser, the stop words and the stemmer every part of `briefing` shares.

Words are lower-cased with the possessive "'s" dropped ("Russia's" -> "russia"), and stemmed
crudely (a few English inflection suffixes), which is enough for "attack"/"attacks"/"attacked"
to meet without a model. The function words (`FUNCTION_WORDS`) are the closed classes of English
(articles, pronouns, auxiliaries, prepositions, conjunctions) and the commonest reporting verbs,
which say who speaks, not what about; `STOP_WORDS` is a narrower list for text compared with
human-written summaries.
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

# The narrower list: English pronouns, auxiliaries, articles, prepositions and conjunctions, close
# to the Snowball English stop words (snowballstem.org). Modal verbs and quantifiers ("may",
# "could", "more", "also") stay content here. For picking sentences that read like a person's
# summary (a timeline's), the narrow list measures better than the broad one above: with it a
# timeline's sentences share more words with journalists' own (docs/quality.md, timelines).
STOP_WORDS = word_set("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me more
most my myself no nor not now of off on once only or other our ours ourselves out over own same she
should so some such than that the their theirs them themselves then there these they this those
through to too under until up very was we were what when where which while who whom why will with
would you your yours yourself yourselves
""")

# Titles and ranks written before a name, abbreviated with a full stop ("Gen.", "Sgt.", "Mr."): the
# full stop ends no sentence. The lead-sentence cutter (text/headlines) and the analyser's
# sentence splitter (analysis/nlp/analyser) both read this list.
TITLE_ABBREVIATIONS = word_set("""
mr mrs ms dr st rev prof hon gen sen rep gov adm lt col maj sgt capt cmdr cmdt brig cpl pvt spc supt
insp det atty amb
""")
# Time zones as clocks print them ("11:17 am BST", "(2153 GMT)"): the date-stamp rules read them, and
# the entity rules keep them out of names ("BST Nicola Sturgeon") and off the list of actors.
TIME_ZONES = word_set("""
gmt utc bst cet cest eet eest wet ist jst aest aedt et est edt ct cst cdt mt mst mdt pt pst pdt
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
