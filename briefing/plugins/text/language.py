"""Whether a text is written in a given language, by how many of its words are common in it.

The analyser's model reads one language. A feed that mixes in another (a broadcaster's world
service, a syndicated wire in Spanish) or a page whose letters were stripped of their accents
("WHO c ng b ' i d ch c m heo") gives sentences the model cannot parse and names it invents, which
then stand in the briefing as stakeholders and story titles. Of a text in English, most words of
three letters or more are among the 10,000 commonest English words (wordfreq; the median is 0.85
to 0.90 on five English news sets); of a text in another language few are, and a text stripped of
its accents is mostly words of one or two letters, which count against it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

COMMON_WORDS = 10_000
SAMPLE_WORDS = 400
"""The words read from the start of a text: enough to judge, few enough to cost nothing."""
MIN_WORDS = 30
"""A text shorter than this is not judged: a headline and a caption say too little."""
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@lru_cache(maxsize=4)
def common_words(language: str) -> frozenset[str]:
    """The ``COMMON_WORDS`` commonest words of ``language`` (an ISO 639-1 code), lower case;
    empty for a language wordfreq has no list of."""
    from wordfreq import available_languages, top_n_list

    if language not in available_languages():
        return frozenset()
    return frozenset(top_n_list(language, COMMON_WORDS))


def language_share(text: str, language: str) -> float | None:
    """How much ``text`` reads as ``language`` (an ISO 639-1 code), from 0 to 1: the share of its
    words of three letters or more that are common in it, capped by twice the share of such words
    (a text of one- and two-letter fragments is no text in any language). None when the text is
    too short to judge or the language has no word list."""
    common = common_words(language)
    words = [match.group().lower() for match in islice(_WORD.finditer(text), SAMPLE_WORDS)]
    if not common or len(words) < MIN_WORDS:
        return None
    longer = [word for word in words if len(word) >= 3]
    if not longer:
        return 0.0
    known = sum(word in common for word in longer) / len(longer)
    return min(known, 2 * len(longer) / len(words))
