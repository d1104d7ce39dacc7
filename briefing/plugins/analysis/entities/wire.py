"""Wire copy as an entity question: datelines, agencies, headline case and results tables.

Agency copy opens with a dateline, the place the story was filed from, in capitals, and the
agency ("BEIRUT (Reuters) -", "VAIL, Colo. (AP) -", "LONDON 1996-08-30", "Last updated at Oct 26
2016 BEIRUT Air strikes ..."); pages run a headline in title case into the text; sports pages
print tables and results lines. Read as prose, each misleads a name finder, so:

- a name in capitals in dateline position (at the start of a line or sentence, or right after a
  date, and followed by an agency in brackets, a comma, a dash, a date, or, after a date, the
  text) that the article does not use again in capitals is a place: a dateline names where the
  copy was filed (AP and Reuters style books), even when its capitals make it look like an
  acronym;
- a name in capitals that the article also writes as a word ("BEIRUT" and "Beirut") is a word,
  not an acronym;
- a wire agency's name is an organisation (a short list of the world's news agencies, the
  sources that sign copy);
- a results or table line ("England 2 Moscow 1", "1. Leeds 10 7 2 1 20") names teams, not
  actors: no stakeholder is taken from it.
"""

from __future__ import annotations

import functools
import re

from briefing.plugins.analysis.entities.mention import name_key
from briefing.plugins.analysis.nlp.token_table import PlainTokens
from briefing.plugins.text.words import word_set

# News agencies that sign wire copy (casefolded; ambiguous short forms such as "PA" left out).
AGENCIES = word_set("""
afp ap reuters upi xinhua tass itar-tass interfax sputnik ansa dpa efe kyodo yonhap pti sana irna
anadolu bernama antara kcna mena petra qna kuna nna
""")
AGENCY_NAMES = frozenset({"ria novosti", "associated press", "agence france-presse", "agence france presse",
                          "press association", "press trust of india", "anadolu agency"})
MONTHS = word_set("""
jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august
september october november december
""")
WEEKDAYS = word_set("mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday "
                    "saturday sunday")
_DASHES = frozenset({"-", "–", "—", "--"})  # not ":", which ends a speaker's label ("QUESTION:")
_DATE_LIKE = re.compile(r"^\d[\d./-]*$")


def agency_tokens(v: PlainTokens) -> list[int]:
    """Tokens that are a wire agency's name as agencies write it ("AFP", "Reuters")."""
    return [i for i, (text, lower) in enumerate(zip(v.text, v.lower, strict=True))
            if lower in AGENCIES and (text.isupper() or (text.istitle() and len(text) >= 4))]


def is_agency(name: str) -> bool:
    key = name_key(name)
    return key in AGENCIES or key in AGENCY_NAMES


def _date_like(v: PlainTokens, i: int) -> bool:
    return bool(_DATE_LIKE.match(v.text[i])) or v.lower[i].rstrip(".") in MONTHS | WEEKDAYS


def _all_caps(v: PlainTokens, first: int, last: int) -> bool:
    """Capitals that read as a word ("BEIRUT", "VAIL"), not letters ("CJTF"): each has a vowel."""
    words = [v.text[k] for k in range(first, last + 1) if any(ch.isalpha() for ch in v.text[k])]
    return bool(words) and all(w.isupper() and re.search("[AEIOUY]", w) for w in words) \
        and sum(len(w) for w in words) >= 3


def dateline_place(v: PlainTokens, first: int, last: int) -> bool:
    """A name in capitals in dateline position, used once in capitals (see module doc)."""
    if not _all_caps(v, first, last) or is_agency(v.span_text(first, last + 1)):
        return False
    starts_line = first == 0 or v.sent_start[first] or "\n" in v.ws[first - 1] or "\n" in v.text[first - 1]
    after_date = first > 0 and _date_like(v, first - 1)
    n = len(v)
    nxt = last + 1
    hyphenated = nxt + 1 < n and v.text[nxt] == "-" and v.ws[last] == "" and v.ws[nxt] == ""
    closes = nxt >= n or (v.text[nxt] in _DASHES and not hyphenated) or v.text[nxt] in {"(", ","} \
        or "\n" in v.ws[last] or _date_like(v, nxt)  # "ICS-CERT said" opens with a name, not a dateline
    if not ((starts_line or after_date) and (closes or (after_date and v.caps[nxt]))):
        return False
    written = v.span_text(first, last + 1)
    return v.full_text.count(written) == 1


def written_as_word(v: PlainTokens, name: str) -> bool:
    """The article also writes the capitals as a word ("BEIRUT" and "Beirut")."""
    if not name.isupper():
        return False
    return re.search(rf"\b{re.escape(name.title())}\b", v.full_text) is not None


_NUMBER = re.compile(r"^\(?\d+(?:[-:.]\d+)*\)?[.,]?$")
_TABLE_WORDS = word_set("v vs at pts pt and ht ft aet pens")


def table_line(line: str) -> bool:
    """A results or table line: two numbers or more, a third of its words or more, and no running
    prose (no lower-case word but a table's own: "v", "pts", "aet")."""
    words = line.split()
    numbers = [w for w in words if _NUMBER.match(w)]
    prose = [w for w in words if w[:1].islower() and w.lower() not in _TABLE_WORDS]
    return len(numbers) >= 2 and len(numbers) >= len(words) / 3 and not prose


MAX_TABLE_LINE = 200  # characters: a results or table line is short


@functools.lru_cache(maxsize=64)
def table_lines(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of the results and table lines of a text, found once per text."""
    found = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if len(line) <= MAX_TABLE_LINE and table_line(line):
            found.append((start, end))
        start = end + 1
    return tuple(found)


def on_table_line(text: str, start: int) -> bool:
    """The line of ``text`` around character ``start`` is a results or table line."""
    return any(begin <= start <= end for begin, end in table_lines(text))
