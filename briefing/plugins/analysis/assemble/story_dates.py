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

# Each month's full name first, then its abbreviations.
_MONTH_NAMES = (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
                ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
                ("october", "oct"), ("november", "nov"), ("december", "dec"))
_MONTH_NUMBER = {name: number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names}
_FULL_MONTHS = frozenset(names[0] for names in _MONTH_NAMES)
_VERBS = frozenset({"may", "march"})  # months only when capitalised: "10 may have died"
WEEKDAY_NUMBER = {name: n for n, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
_AHEAD = frozenset({"next", "coming", "until", "till", "by", "from", "before", "this", "for"})
_BACK = {"yesterday": 1, "today": 0, "tonight": 0, "overnight": 0}
_PART_OF_DAY = frozenset({"morning", "afternoon", "evening", "night"})
_NUMERIC = re.compile(r"(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)(?![\d.])"  # 21.08.2013
                      r"|((?:19|20)\d\d)-(\d\d)-(\d\d)(?![\d-])")          # 2013-08-21
_TOKEN = re.compile(r"\d+|[^\W\d_]+")
_ORDINAL = frozenset({"st", "nd", "rd", "th"})


def lead(text: str, words: int) -> str:
    """The first ``words`` words of ``text``."""
    return " ".join(text[: words * 16].split(None, words)[:words])


def event_days(text: str, published: datetime | None, lead_words: int = 60) -> frozenset[int]:
    """The days (``date.toordinal()``) the lead of ``text`` names, as the module doc says."""
    today = published.date() if published is not None else None
    head = lead(text, lead_words)
    days: set[int] = set()
    for numeric in _NUMERIC.finditer(head):
        if numeric.group(1):
            _add(days, _safe(int(numeric.group(3)), int(numeric.group(2)), int(numeric.group(1))))
        else:
            _add(days, _safe(int(numeric.group(4)), int(numeric.group(5)), int(numeric.group(6))))
    tokens: list[tuple[str, str]] = []  # (kind, value): "n" a figure, "w" a word (as written)
    for token in _TOKEN.findall(head):
        if token[0].isdigit():
            tokens.append(("n", token))
        elif not (tokens and tokens[-1][0] == "n" and token in _ORDINAL):  # "21st"
            tokens.append(("w", token))
    for k, (kind, value) in enumerate(tokens):
        if kind != "w":
            continue
        word = value.casefold()
        if is_month(value):
            _add(days, _written(tokens, k, _MONTH_NUMBER[word], today))
        elif today is None:
            continue
        elif word in WEEKDAY_NUMBER:
            _add(days, _weekday(tokens, k, WEEKDAY_NUMBER[word], today))
        elif word in _BACK:
            _add(days, today - timedelta(days=_BACK[word]))
        elif word in _PART_OF_DAY and k and tokens[k - 1][1].casefold() in ("last", "this"):
            back = word == "night" and tokens[k - 1][1].casefold() == "last"
            _add(days, today - timedelta(days=int(back)))
    return frozenset(days)


def _add(days: set[int], found: date | None) -> None:
    if found is not None:
        days.add(found.toordinal())


def _figure(tokens: list[tuple[str, str]], k: int, low: int, high: int) -> int | None:
    if 0 <= k < len(tokens) and tokens[k][0] == "n" and low <= int(tokens[k][1]) <= high:
        return int(tokens[k][1])
    return None


def _written(tokens: list[tuple[str, str]], k: int, month: int, today: date | None) -> date | None:
    """The date written around the month name at ``k``: "21 August 2013", "Aug 21, 2013",
    "21st of August", a year-less one in the year nearest ``today``."""
    before = _figure(tokens, k - 2, 1, 31) if k > 1 and tokens[k - 1][1].casefold() == "of" \
        else _figure(tokens, k - 1, 1, 31)
    after = _figure(tokens, k + 1, 1, 31)
    if after is not None and len(tokens[k + 1][1]) <= 2:
        day, year = after, _figure(tokens, k + 2, 1900, 2099)
    elif before is not None:
        if tokens[k][1].casefold() in _VERBS and _figure(tokens, k + 1, 1900, 2099) is None:
            return None  # "30 March" alone may be marchers
        day, year = before, _figure(tokens, k + 1, 1900, 2099)
    else:
        return None
    if year is not None:
        return _safe(year, month, day)
    if today is None:
        return None
    dated = [d for d in (_safe(today.year + shift, month, day) for shift in (-1, 0, 1)) if d is not None]
    return min(dated, key=lambda d: abs((d - today).days)) if dated else None


def _weekday(tokens: list[tuple[str, str]], k: int, weekday: int, today: date) -> date | None:
    """The weekday at ``k`` counted back from ``today``, unless the words before it look ahead
    ("next Friday", "until Monday", "will meet on Friday")."""
    previous = [value.casefold() for kind, value in tokens[max(0, k - 4):k] if kind == "w"]
    if previous and previous[-1] in _AHEAD:
        return None
    if previous and previous[-1] == "on" and "will" in previous[:-1]:
        return None
    day = last_weekday(today, weekday)
    return day - timedelta(days=7) if previous and previous[-1] == "last" and day == today else day


def is_month(written: str, short: bool = True) -> bool:
    """A month's name as written ("August", and with ``short`` "aug"); "may" and "march" only
    with a capital."""
    word = written.casefold()
    names = _MONTH_NUMBER if short else _FULL_MONTHS
    return word in names and (word not in _VERBS or written[:1].isupper())


def last_weekday(today: date, weekday: int) -> date:
    """The last day on or before ``today`` that falls on ``weekday`` (Monday 0): what "on
    Saturday" means in news published ``today``."""
    return today - timedelta(days=(today.weekday() - weekday) % 7)


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def apart(first: frozenset[int], second: frozenset[int], tolerance: int = 1) -> bool:
    """True when both name days and none of one is within ``tolerance`` days of one of the other."""
    if not first or not second:
        return False
    for a in first:
        for b in second:
            if -tolerance <= a - b <= tolerance:
                return False
    return True
