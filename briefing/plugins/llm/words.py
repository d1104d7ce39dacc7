"""Content words, folded so that a paraphrase of a sentence still shares them with it.

Words are lower-cased, stop words dropped, and cut to their first five letters (truncation
stemming: "approved" and "approval" meet at "appro"), which is crude but needs no model and errs
towards finding a word, the safe side for a check that only drops what shares too little. The
words and stop words (function words only: content words of a claim must stay) are the shared
ones of `briefing.plugins.text`.
"""

from __future__ import annotations

from briefing.plugins.text.words import FUNCTION_WORDS, words

STEM = 5


def content_words(text: str) -> set[str]:
    """The folded content words of a text (numbers are left to the number check)."""
    found = set()
    for word in words(text):
        if word in FUNCTION_WORDS or word.isdigit() or len(word) < 3:
            continue
        found.add(word[:STEM])
    return found


def overlap(claimed: str, cited: str) -> float:
    """The share of ``claimed``'s content words that ``cited`` holds (1.0 when it has none)."""
    own = content_words(claimed)
    if not own:
        return 1.0
    return len(own & content_words(cited)) / len(own)
