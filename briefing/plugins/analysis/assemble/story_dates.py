"""The days an article says its event happened on, and when two articles' days say "two events".

News states when its event happened, near the top: "killed eight civilians on Saturday", "the
attack late Friday", "on 21 August", "yesterday". Two reports of one event name the same day (a
follow-up names the day of the event it follows, "arrested Monday in Saturday's shooting"); two
reports of similar events on different days name different days, though their words, places and
even their figures can be alike: casualty reports from one city a week apart in a long war, the
second shooting in a town in a month. Publication time alone cannot tell these apart when reports
of one event keep coming for days (a decay narrow enough to part the one splits the other).

So each article's lead (its first ``lead_words`` words) is read for the days it names: dates
written out ("21 August 2013", "Aug. 21", "21.08.2013", "2013-08-21"), and, when the article has a
publication time to count from, weekdays ("on Saturday", "Friday's attack": the last such day on
or before publication; "last Friday" the one before that) and "yesterday", "today", "last night".
A weekday or date that looks ahead ("next Friday", "until Monday", "will meet on Friday") is left
out, and so is a year-less date when there is no publication year. Two articles are *apart* when
both name days and no day of one is within ``tolerance`` days of a day of the other (a day either
side covers time zones and the report of a night's events the next morning).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

_MONTH_NUMBER = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")), start=1) for name in names}
_MONTH = "(" + "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True)) + r")\.?"
_WEEKDAY_NUMBER = {name: n for n, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
_AHEAD = (r"(?:next|coming|until|till|by|from|before|will(?:\s+\w+){0,3}\s+on|to\s+be\s+held\s+on"
          r"|scheduled\s+for)")
_DATE = re.compile(
    rf"(?<![\w.])(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:\s*,?\s*((?:19|20)\d\d))?(?!\w)"
    rf"|(?<![\w.]){_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*,?\s*((?:19|20)\d\d))?(?![\w:])"
    r"|(?<![\w.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)(?![\w.])"
    r"|(?<![\w.-])((?:19|20)\d\d)-(\d\d)-(\d\d)(?![\w-])", re.IGNORECASE)
_RELATIVE = re.compile(
    rf"(?:\b(last|this|{_AHEAD})\s+)?\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|\b(yesterday|today|tonight|last\s+night|overnight|this\s+(?:morning|afternoon|evening))\b",
    re.IGNORECASE)
_AHEAD_WORDS = re.compile(rf"^{_AHEAD}$", re.IGNORECASE)
_LEAD = re.compile(r"\S+")


def lead(text: str, words: int) -> str:
    """The first ``words`` words of ``text``."""
    found = list(_LEAD.finditer(text[: words * 16]))
    return text[: found[words - 1].end()] if len(found) >= words else text[: words * 16]


def event_days(text: str, published: datetime | None, lead_words: int = 60) -> frozenset[int]:
    """The days (``date.toordinal()``) the lead of ``text`` names, as the module doc says."""
    head = lead(text, lead_words)
    today = published.date() if published is not None else None
    days: set[int] = set()
    for match in _DATE.finditer(head):
        found = _written_date(match, today)
        if found is not None:
            days.add(found.toordinal())
    if today is None:
        return frozenset(days)
    for match in _RELATIVE.finditer(head):
        qualifier, weekday, relative = match.group(1), match.group(2), match.group(3)
        if weekday:
            if qualifier and (qualifier.lower() == "this" or _AHEAD_WORDS.match(qualifier)):
                continue
            back = (today.weekday() - _WEEKDAY_NUMBER[weekday.lower()]) % 7
            if qualifier and qualifier.lower() == "last":
                back += 7 if back == 0 else 0
            days.add((today - timedelta(days=back)).toordinal())
        else:
            word = relative.lower()
            back = 1 if word == "yesterday" or word.startswith("last") else 0
            days.add((today - timedelta(days=back)).toordinal())
    return frozenset(days)


def _written_date(match: re.Match[str], today: date | None) -> date | None:
    groups = match.groups()
    if groups[0]:
        if groups[1].lower() == "may" and groups[2] is None:  # "at least 10 may have died"
            return None
        day, month, year = groups[0], _MONTH_NUMBER[groups[1].lower()], groups[2]
    elif groups[3]:
        day, month, year = groups[4], _MONTH_NUMBER[groups[3].lower()], groups[5]
    elif groups[6]:
        day, month, year = groups[6], int(groups[7]), groups[8]
    else:
        day, month, year = groups[11], int(groups[10]), groups[9]
    if year is None:
        if today is None:
            return None
        candidates = [_safe(today.year + shift, month, int(day)) for shift in (-1, 0, 1)]
        dated = [c for c in candidates if c is not None]
        return min(dated, key=lambda c: abs((c - today).days)) if dated else None
    return _safe(int(year), month, int(day))


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def apart(first: frozenset[int], second: frozenset[int], tolerance: int = 1) -> bool:
    """True when both name days and none of one is within ``tolerance`` days of one of the other."""
    if not first or not second:
        return False
    return all(abs(a - b) > tolerance for a in first for b in second)
