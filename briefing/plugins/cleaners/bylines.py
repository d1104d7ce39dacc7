"""Bylines: who wrote a story, where a scraped page puts it, and where it ends.

A byline stands on a line of its own ("By Jane Doe and John Roe in Cairo"), right after a headline
the text repeats ("... Jane Doe. The talks ..."), or at the start of the text run into its lead:
ending at the agency it names ("By Jane Doe, Special to CNN", "By the CNN Wire Staff", "By Jane Doe
Environment correspondent, BBC News"), or at the date stamp or place dateline after the names
("By Jane Doe, Writer February 1, 2011: 3:19 AM ET ...", "By Jane Doe and John Roe TOLEDO, Ohio --
..."). The names are capitalised and at least two words long, so a sentence that opens with "By"
("By Monday the talks had failed.", "By May 14, 2014 the talks ...") is none. The wire cleaner
(wire_copy) takes them off.
"""

from __future__ import annotations

import re

from briefing.plugins.cleaners.stamps import stamp_at, stamp_with_clock
from briefing.plugins.cleaners.wire_places import AGENCY, CITY, NAME_WORD, REGION

# A byline the text opens with, run into it: "By Jane Doe and John Roe, CNN", "By Jane Doe for
# CNN", "By Jane Doe, Special to CNN", "By Jane Doe BBC News,", "By the CNN Wire Staff", "By Jane
# Doe Environment correspondent, BBC News". It ends at the agency's name (and its staff), or at the
# end of a line that names only a place after it ("..., BBC News, Lake Baikal").
STAFF = r"(?:correspondent|reporter|editor|writer|columnist|producer|staff)"
BYLINE_WORD = rf"(?:[A-Z][\w'’.-]*|and|the|(?i:{STAFF}))"
LEAD_BYLINE = re.compile(rf"^\s*(?i:by)\s+(?:{BYLINE_WORD}\s*,?\s+){{1,8}}?"
                         rf"(?:(?i:for|special\s+to)\s+)?(?i:{AGENCY})(?:\s+(?i:news))?"
                         rf"(?:\s+(?i:wires?\s+staff))?(?![\w'’-])(?:\s*,\s*{REGION}\s*$)?\s*,?\s*")
# A byline before a date stamp or a place dateline: "By Jane Doe, Writer February 1, 2011: 3:19 AM
# ET ...", "By Jane Doe and John Roe TOLEDO, Ohio -- ...".
BY_NAME = rf"(?:{NAME_WORD}|{BYLINE_WORD})"
BY_NAMES = re.compile(rf"^\s*(?i:by)\s+{BY_NAME}(?:\s*,?\s+{BY_NAME}){{0,7}}")
PLACE_DASH = re.compile(rf"\s*{CITY}(?:\s*,\s*{REGION})?\s*[-–—]+\s*")
# A byline right after the headline the text repeats, ending with a full stop ("Jane Doe. The ...").
AFTER_HEADLINE = re.compile(rf"^\s*(?:by\s+)?(?:{NAME_WORD}\s+){{0,9}}[A-Z][\w'’-]+\s*\.\s+(?=[A-Z\"“])")
# A byline on a line of its own ("By Jane Doe and John Roe in Cairo", "BY JANE DOE"); the names are
# capitalised, so a short sentence ("By Monday the talks had failed.") is none.
BY_LINE = re.compile(r"^\s*(?i:by)\s+[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|and|in|&|,))*\s*$")
_WORDS = re.compile(r"[^\W_]+")
OWN_LINE_WORDS = 8
"""The most words a byline on a line of its own has (names, "and", "in", a place)."""


def lead_byline(line: str) -> int:
    """Where a byline opening ``line`` and run into its text ends: after the agency it names ("By
    Jane Doe, Special to CNN"), or after the date stamp or the place dateline that follows its
    names; 0 when there is none."""
    match = LEAD_BYLINE.match(line)
    if match:
        return match.end()
    names = BY_NAMES.match(line)
    if names is None:
        return 0
    for k, word in enumerate(re.finditer(r"\s+", line[:names.end() + 1])):
        start = word.end()
        if k < 2 or start == len(line) or line[start].islower():
            continue  # a name of two words at least: "By May 14, 2014 the talks ..." is a sentence
        stamp = stamp_at(line, start)
        if stamp > start:
            return stamp_with_clock(line, stamp)
        place = PLACE_DASH.match(line, start)
        if place:
            return place.end()
    return 0


def byline_line(line: str) -> bool:
    """Whether ``line`` (stripped) is a byline and nothing else: "By Jane Doe and John Roe in Cairo",
    or a byline with its agency and place ("By Jane Doe Science reporter, BBC News, Lake Baikal")."""
    return (bool(BY_LINE.match(line)) and len(_WORDS.findall(line)) <= OWN_LINE_WORDS) \
        or lead_byline(line) == len(line)


def after_headline(line: str) -> int:
    """Where a byline right after the headline the text repeats ends ("Jane Doe. The talks ..."),
    0 when there is none."""
    match = AFTER_HEADLINE.match(line)
    return match.end() if match else 0
