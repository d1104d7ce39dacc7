"""Date and time stamps as pages print them: "Wednesday 21 August 2013", "Posted: May 24, 2005
3:23 PM ET", "Tuesday, June 15, 2010; 9:30 PM", "1.19 pm ET:".

The wire cleaner takes stamps off the start of lines (and dates an undated article by them), the
comment cleaner finds the stamp that opens each reader's comment, and a title opened by its page's
stamp loses it (``unstamped_title``); all read them here.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from briefing.plugins.text.words import TIME_ZONES

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?:\s*\.)?")
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|20)\d\d"
DATE = (rf"(?:{_DAY}\s*(?:of\s+)?{_MONTH}\s*,?\s*(?:{_YEAR})?"          # 21 August 2013
        rf"|{_MONTH}\s*{_DAY}(?:\s*,?\s*{_YEAR})?"                     # August 21, 2013
        rf"|\d{{1,2}}\s*[./]\s*\d{{1,2}}\s*[./]\s*{_YEAR}"             # 21.08.2013, 05 / 02 / 2013
        rf"|{_YEAR}-\d\d-\d\d)(?![\d:])")                              # 2013-08-21
TIME = (r"\d{1,2}\s*[:.]\s*\d\d(?:\s*:\s*\d\d)?\s*(?:[ap](?:\s*\.?\s*m)?\b\.?)?"
         r"|\d{1,2}\s*[ap]\s*\.?\s*m\b\.?")
_ZONES = "|".join(sorted({*TIME_ZONES, "ksa", "hrs"}, key=lambda zone: -len(zone)))  # and "1400 hrs"
_ZONE = rf"\(?\s*(?:{_ZONES})(?:\s*[+-]\s*\d\d(?:\s*:\s*\d\d)?)?\s*\)?"
_LABEL = (r"(?:first\s+|last\s+)?(?:posted|published|updated?|last\s+updated?|date|time)"
          r"(?:\s+(?:on|at))?\s*:?")
_ELEMENT = (rf"(?:{DATE}|{TIME}|{_WEEKDAY}(?![\w'’])|{_LABEL}|{_ZONE}(?!\w)"
            r"|uk\b|on\b|at\b|[,;|/–—-]|\.(?=\s*\w))")
_STAMP = re.compile(rf"(?:\s*{_ELEMENT})+", re.IGNORECASE)
HAS_DATE = re.compile(DATE, re.IGNORECASE)
# A live page's entry time before its text ("1.19 pm ET: Senator X asks ...", "10:00 am ET -
# White House briefing - ..."): a time alone, maybe its zone, then a colon or a dash.
CLOCK = re.compile(rf"(?:{TIME})\s*(?:(?:uk\s+time|local\s+time|{_ZONE})(?!\w))?\s*[:\-–—]\s+(?=[A-Z\"“])",
                   re.IGNORECASE)


_CLOCK_AFTER = re.compile(rf"(?:\s*,?\s*{_YEAR}(?=:))?\s*:?\s*(?:{TIME})\s*(?:{_ZONE}(?!\w))?", re.IGNORECASE)


def stamp_with_clock(text: str, end: int) -> int:
    """Where a stamp that ends at ``end`` ends with the time written after a colon ("February 1,
    2011: 3:19 AM ET"), which the stamp's own elements leave out (with the year before it)."""
    clock = _CLOCK_AFTER.match(text, end)
    return clock.end() if clock else end


def stamp_at(text: str, start: int = 0) -> int:
    """Where a date-and-time stamp that begins at ``start`` ends (``start`` when there is none)."""
    match = _STAMP.match(text, start)
    if not match or not HAS_DATE.search(match.group()):
        return start
    end = match.end()
    while end > start and text[end - 1] in " ,;|/–—-":
        end -= 1
    return end


def stamp_date(stamp: str) -> datetime | None:
    """The first full date (day, month, year) written in a stamp, or None when none is certain."""
    named = re.search(rf"({_DAY})\s*(?:of\s+)?({_MONTH})\s*,?\s*({_YEAR})"
                      rf"|({_MONTH})\s*({_DAY})\s*,?\s*({_YEAR})", stamp, re.IGNORECASE)
    if named:
        day, month, year = (named.group(1), named.group(2), named.group(3)) if named.group(1) else \
            (named.group(5), named.group(4), named.group(6))
        number = next((i for i, m in enumerate(_MONTHS, 1) if m.startswith(month.rstrip(".")[:3].lower())), 0)
        return _safe(int(year), number, int(re.sub(r"\D", "", day)))
    iso = re.search(rf"({_YEAR})-(\d\d)-(\d\d)", stamp)
    if iso:
        return _safe(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    numeric = re.search(rf"(\d{{1,2}})\s*([./])\s*(\d{{1,2}})\s*[./]\s*({_YEAR})", stamp)
    if numeric:
        first, second, year = int(numeric.group(1)), int(numeric.group(3)), int(numeric.group(4))
        if numeric.group(2) == ".":  # 21.08.2013 is day first wherever dots are written
            return _safe(year, second, first)
        if first > 12 or second > 12:  # 7 / 28 / 2004: only the unambiguous ones
            return _safe(year, min(first, second), max(first, second))
    return None


def _safe(year: int, month: int, day: int) -> datetime | None:
    try:
        return datetime(year, month, day, tzinfo=UTC)
    except ValueError:
        return None


def unstamped_title(title: str) -> tuple[str, str]:
    """(the title without the date stamp it opens with, that stamp): "May 27, 2010 20:34 UTC There
    was the one about ..." is headed "There was the one about ..."; a date that belongs to the
    headline ("May 14 was the third day", "On July 8, ...") stays."""
    line = title.strip()
    end = stamp_at(line)
    if not end or re.match(r"(?i)(?:on|at)\b", line) or line[end:].lstrip().startswith(","):
        return title, ""
    rest = line[end:].lstrip(" ,|–—-:")
    if not rest or not (rest[0].isupper() or rest[0] in "\"“'‘"):
        return title, ""
    return rest, line[: len(line) - len(rest)].strip()
