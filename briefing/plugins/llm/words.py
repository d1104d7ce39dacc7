"""Content words, folded so that a paraphrase of a sentence still shares them with it.

Words are lower-cased, stop words dropped, and cut to their first five letters (truncation
stemming: "approved" and "approval" meet at "appro"), which is crude but needs no model and errs
towards finding a word, the safe side for a check that only drops what shares too little. The
stop words are function words only; content words of a question or a claim must stay.
"""

from __future__ import annotations

import re

_STOP_TEXT = """
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers him his how i if in into is it its itself just me more most my
no nor not now of off on once only or other our ours out over own same she should so some such
than that the their theirs them then there these they this those through to too under until up
very was we were what when where which while who whom why will with would you your yours said
says say told tell according may might must shall
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
STEM = 5


def words(text: str) -> list[str]:
    """Lower-cased words, without a possessive 's ("Monday's" is "monday")."""
    return [w.lower().replace("’", "'").removesuffix("'s") for w in _WORD.findall(text)]


def content_words(text: str) -> set[str]:
    """The folded content words of a text (numbers are left to the number check)."""
    found = set()
    for word in words(text):
        if word in STOP_WORDS or word.isdigit() or len(word) < 3:
            continue
        found.add(word[:STEM])
    return found


def overlap(claimed: str, cited: str) -> float:
    """The share of ``claimed``'s content words that ``cited`` holds (1.0 when it has none)."""
    own = content_words(claimed)
    if not own:
        return 1.0
    return len(own & content_words(cited)) / len(own)
