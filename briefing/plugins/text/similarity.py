"""Text similarity and sentence shape, shared by the cleaner, the fact extractor, fact merging
and summaries.

Everything here works on plain strings, without spaCy, so it runs the same before analysis (the
cleaner), after it (extractors) and on assembled briefings (summarisers, merging). Texts are
compared as bags of content terms (`words.content_terms`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from briefing.plugins.text.words import WORD, content_terms

_CLOSERS = "\"'”’)»"


# Photo captions name who stands where ("Jane Doe, left, and ...", "(right)", "From left: ...") and
# end with when the picture was taken ("... in 2017"), the conventions of news photo captions (AP
# Stylebook, "captions"). A position word only counts set off by commas or brackets after a word.
_POSITION = (r"(?:far\s+|second\s+from\s+|third\s+from\s+)?"
             r"(?:left|right|centre|center|top|bottom|front|rear|background|foreground)")
_CAPTION_MARKER = re.compile(
    rf"\w,\s+{_POSITION},|\w\s+\({_POSITION}\)|^(?:from\s+(?:left|right)|(?:left|right)\s+to\s+(?:left|right))\s*[:,]"
    r"|,\s+pictured\b|^pictured\s*:|\bfile\s+photo\b", re.IGNORECASE)
_TRAILING_DATE = re.compile(r"\b(?:in|on|during)?\s*(?:1[89]|20)\d\d\s*$")


def caption_like(text: str) -> bool:
    """A photo caption rather than a sentence of the story: a position marker ("X, right, and
    Y"), or a line without sentence punctuation that ends with a year ("... in 2017").

    Captions are content (who is pictured, with their titles) but not news to state as a fact or
    in a summary; without the parse a verbless caption ending in a full stop is not caught here
    (the facts extractor also asks the parse for a finite verb).
    """
    stripped = text.strip()
    if _CAPTION_MARKER.search(stripped):
        return True
    ended = stripped.rstrip(_CLOSERS).endswith((".", "!", "?", "…"))
    return not ended and bool(_TRAILING_DATE.search(stripped))


def is_statement(text: str, min_words: int = 4) -> bool:
    """A full declarative sentence: enough words, ends with . or ! (closing quotes allowed).

    Headings, captions, credits and questions are not statements of fact.
    """
    stripped = text.rstrip().rstrip(_CLOSERS).rstrip()
    return stripped.endswith((".", "!", "…")) and len(WORD.findall(text)) >= min_words \
        and not caption_like(text)


def containment(shorter: Iterable[str], longer: Iterable[str]) -> float:
    """Share of the first bag's distinct terms found in the second (0 when the first is empty)."""
    first, second = set(shorter), set(longer)
    if not first:
        return 0.0
    return len(first & second) / len(first)


def idf_weights(documents: Sequence[Sequence[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency of each term over the given bags of terms."""
    counts: Counter[str] = Counter()
    for doc in documents:
        counts.update(set(doc))
    total = len(documents)
    return {term: math.log((1 + total) / (1 + n)) + 1.0 for term, n in counts.items()}


def tfidf_vector(terms: Sequence[str], idf: dict[str, float]) -> dict[str, float]:
    counts = Counter(terms)
    return {term: count * idf.get(term, 1.0) for term, count in counts.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(value * b.get(term, 0.0) for term, value in a.items())
    if dot == 0.0:
        return 0.0
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm


def near_duplicate(a: str, b: str, threshold: float = 0.8) -> bool:
    """True when the shorter text's content words are (almost) all in the longer one."""
    terms_a, terms_b = content_terms(a), content_terms(b)
    if len(set(terms_a)) > len(set(terms_b)):
        terms_a, terms_b = terms_b, terms_a
    if not terms_a:
        return a.strip().casefold() == b.strip().casefold()
    return containment(terms_a, terms_b) >= threshold
