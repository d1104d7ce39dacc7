"""Dates of events in news text, resolved against the article's own date.

A news sentence rarely spells out its date: "on Tuesday", "last month", "yesterday" mean
something only next to the day the article appeared. `find_dates` reads the mentions with a small
regular grammar (date_grammar.py) and resolves each to a calendar date with its granularity: a
day, a month (the value is its first day) or a year (1 January). Why not a general date parser:
dateparser's ``search_dates`` resolves relative dates too, but measured on news sentences it is
two to three orders of magnitude slower (bench/timeline_speed.py), and a timeline reads every
sentence of thousands of articles.

Where the text leaves the year or the week open ("on 22 April", "on Tuesday"), the nearest
reading is taken: the last one before the article when the sentence is in the past tense, the
first one after it when it speaks of the future ("will", "is due to", "next"), else the nearer one,
leaning to the past: news reports what happened.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from typing import Literal

from briefing.plugins.timeline.date_grammar import (
    ANCHOR,
    FUTURE_CUE,
    GRAMMAR,
    LOOK_BACK_CHARS,
    LOOK_BACK_WORDS,
    MONTHS,
    NUMBER_WORDS,
    PAST_CUE,
    SENTENCE_END,
    WEEKDAYS,
    WORD_START,
)

Granularity = Literal["day", "month", "year"]
Tense = Callable[[], str | None]  # "past", "future" or None; asked only when a reading depends on it
Resolved = tuple[date, Granularity] | None


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date the text refers to: where it is written, what it says, the date it means."""

    start: int
    end: int
    text: str
    value: date
    granularity: Granularity


def find_dates(text: str, reference: date) -> list[DateMention]:
    """Every date mention in ``text``, resolved against ``reference`` (the article's date)."""
    found = []
    covered = 0  # mentions do not overlap: the text before this is read
    for anchor in ANCHOR.finditer(text):
        if anchor.start() < covered:
            continue
        match = _mention_around(text, anchor.start(), covered)
        if match is None or match.lastgroup is None:
            continue
        covered = match.end()
        resolved = _RESOLVERS[match.lastgroup](match, reference, partial(_tense, text, match.start()))
        if resolved is not None:
            value, granularity = resolved
            found.append(DateMention(match.start(), match.end(), match.group(), value, granularity))
    return found


def _mention_around(text: str, anchor: int, covered: int) -> re.Match[str] | None:
    """The grammar's match that starts earliest among the few words before the anchor and
    reaches past it ("the day before" + "yesterday", "earlier this" + "month")."""
    window = max(covered, anchor - LOOK_BACK_CHARS)
    starts = [m.start() for m in WORD_START.finditer(text, window, anchor)][-LOOK_BACK_WORDS:]
    for start in [*starts, anchor]:
        match = GRAMMAR.match(text, start)
        if match is not None and match.end() > anchor:
            return match
    return None


def _tense(text: str, position: int) -> str | None:
    """Does the sentence around ``position`` speak of the future, or of the past?"""
    window_start = max(0, position - 240)
    ends = list(SENTENCE_END.finditer(text, window_start, position))
    start = ends[-1].end() if ends else window_start
    after = SENTENCE_END.search(text, position, position + 240)
    end = after.start() if after else min(len(text), position + 240)
    if FUTURE_CUE.search(text, start, end):
        return "future"
    return "past" if PAST_CUE.search(text, start, end) else None


def _month(name: str) -> int:
    return MONTHS[name[:3].lower()]


def _safe_date(year: int, month: int, day: int) -> date | None:
    if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    return date(year, month, day)


def _nearest(candidates: list[date], reference: date, tense: str | None) -> date | None:
    """The last candidate on or before the reference for the past, the first on or after it for
    the future; otherwise the nearest, a distance ahead counting double."""
    if tense == "past" and (before := [d for d in candidates if d <= reference]):
        return max(before)
    if tense == "future" and (after := [d for d in candidates if d >= reference]):
        return min(after)

    def cost(day: date) -> int:
        delta = (day - reference).days
        return abs(delta) * (2 if delta > 0 else 1)

    return min(candidates, key=cost) if candidates else None


def _day_month(day_text: str, month_text: str, year_text: str | None, reference: date,
               tense: str | None) -> Resolved:
    day, month = int(re.sub(r"\D", "", day_text)), _month(month_text)
    if year_text:
        value = _safe_date(int(year_text), month, day)
        return None if value is None else (value, "day")
    years = (reference.year - 1, reference.year, reference.year + 1)
    chosen = _nearest([d for y in years if (d := _safe_date(y, month, day))], reference, tense)
    return None if chosen is None else (chosen, "day")


def _dmy(m: re.Match[str], reference: date, tense: Tense) -> Resolved:
    return _day_month(m["dmy_d"], m["dmy_m"], m["dmy_y"], reference, tense())


def _mdy(m: re.Match[str], reference: date, tense: Tense) -> Resolved:
    return _day_month(m["mdy_d"], m["mdy_m"], m["mdy_y"], reference, tense())


def _iso(m: re.Match[str], reference: date, tense: Tense) -> Resolved:
    value = _safe_date(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
    return None if value is None else (value, "day")


def _numeric(m: re.Match[str], reference: date, tense: Tense) -> Resolved:
    """22/04/2013 or 04/22/2013: a part above 12 decides; otherwise the reading nearer the
    article's date, and day-first on a tie."""
    a, b, year_text = int(m["num_a"]), int(m["num_b"]), m["num_y"]
    year = int(year_text)
    if len(year_text) == 2:
        year += 2000 if 2000 + year <= reference.year + 1 else 1900
    readings = [d for d in (_safe_date(year, b, a), _safe_date(year, a, b)) if d is not None]
    if not readings:
        return None
    return min(readings, key=lambda d: abs((d - reference).days)), "day"


_RELATIVE_DAYS = {"the day before yesterday": -2, "yesterday": -1, "last night": -1, "today": 0,
                  "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
                  "tomorrow": 1}


def _relative(m: re.Match[str], reference: date, tense: Tense) -> Resolved:
    words = " ".join(m["rel"].lower().split())
    return reference + timedelta(days=_RELATIVE_DAYS[words]), "day"


def _shift_months(reference: date, months: int) -> date:
    index = reference.year * 12 + reference.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _ago(m: re.Match[str], reference: date, tense: Tense) -> Resolved:
    """Days, months and years ago; weeks ago is too vague for a day and too short for a month."""
    count_text = m["ago_n"].lower()
    count = int(count_text) if count_text.isdigit() else NUMBER_WORDS[count_text]
    unit = m["ago_unit"].lower()
    if unit == "day":
        return reference - timedelta(days=count), "day"
    if unit == "month":
        return _shift_months(reference, -count), "month"
    if unit == "year":
        return date(reference.year - count, 1, 1), "year"
    return None


def _weekday(m: re.Match[str], reference: date, tense: Tense) -> Resolved:
    """A weekday within a week of the article: ``last`` is the one before it, ``next`` the one
    after; otherwise the last one on or before it in the past tense, the first one after it in the
    future tense ("return to work on Monday" too: no past tense, and the next Monday is nearer)."""
    target = WEEKDAYS[m["wd_day"][:3].lower()]
    modifier = (m["wd_mod"] or "").lower()
    back = reference - timedelta(days=(reference.weekday() - target) % 7)
    ahead = reference + timedelta(days=(target - reference.weekday()) % 7 or 7)
    if modifier == "last":
        return (back if back < reference else back - timedelta(days=7)), "day"
    if modifier in ("next", "coming"):
        return ahead, "day"
    said = tense()
    if said == "past" or back == reference:
        return back, "day"
    if said == "future":
        return ahead, "day"
    nearer_back = (reference - back).days <= 2 * (ahead - reference).days  # leaning to the past
    return (back if nearer_back else ahead), "day"


def _relative_period(m: re.Match[str], reference: date, tense: Tense) -> Resolved:
    modifier = " ".join(m["relper_mod"].lower().split())
    step = {"last": -1, "next": 1}.get(modifier, 0)
    if m["relper_unit"].lower() == "month":
        return _shift_months(reference, step), "month"
    return date(reference.year + step, 1, 1), "year"


def _month_year(m: re.Match[str], reference: date, tense: Tense) -> Resolved:
    """A month: with its year as written; else ``last``/``next``/``this`` or the nearest one.

    A bare month name needs a preposition or a year before it counts: "May" and "March" are
    also words, and "Jun" a name."""
    month = _month(m["my_m"])
    if m["my_y"]:
        return date(int(m["my_y"]), month, 1), "month"
    modifier = " ".join((m["my_mod"] or "").lower().split())
    name = m["my_m"].rstrip(".")
    if not modifier and (name in ("May", "March") or (len(name) <= 4 and name not in ("June", "July"))):
        return None
    this_month = date(reference.year, month, 1)
    start = date(reference.year, reference.month, 1)
    if modifier == "last":
        return (this_month if this_month < start else date(reference.year - 1, month, 1)), "month"
    if modifier == "next":
        return (this_month if this_month > start else date(reference.year + 1, month, 1)), "month"
    if modifier == "this":
        return this_month, "month"
    candidates = [date(reference.year + k, month, 1) for k in (-1, 0, 1)]
    chosen = _nearest(candidates, start, tense())
    return None if chosen is None else (chosen, "month")


def _year(m: re.Match[str], reference: date, tense: Tense) -> Resolved:
    return date(int(m["year_y"]), 1, 1), "year"


_RESOLVERS = {
    "dmy": _dmy, "mdy": _mdy, "iso": _iso, "num": _numeric, "rel": _relative, "ago": _ago,
    "wd": _weekday, "relper": _relative_period, "my": _month_year, "year": _year,
}
