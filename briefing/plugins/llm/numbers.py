"""The numbers a text states, as values, so "£1.2m", "1,200,000" and "1.2 million" are one number.

A model that rewrites a sentence may change how a number is written but not what it is. Digits
(with thousands separators and decimals), number words up to the hundreds ("twenty-five"), and
ordinals ("3rd", "third") are read; a scale word or suffix after them (thousand, million, bn, m,
k) multiplies. Digits inside names ("G7", "F-16", "COVID-19") are not quantities and are skipped.
"""

from __future__ import annotations

import re

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
          "fifteen sixteen seventeen eighteen nineteen")
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
_ORDINALS = ("zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
             "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth")
WORD_VALUES: dict[str, int] = {word: value for value, word in enumerate(_UNITS.split())}
WORD_VALUES.update({word: 20 + 10 * i for i, word in enumerate(_TENS.split())})
WORD_VALUES.update({"dozen": 12, "hundred": 100})
ORDINAL_VALUES = {word: value for value, word in enumerate(_ORDINALS.split())}
SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9,
          "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12}

_ANY = frozenset({"no", "any", "every", "each", "some", "someone", "the", "this", "that", "which"})
# A digit run not glued to letters before it ("G7") nor to "letter-" ("F-16").
_DIGITS = re.compile(
    r"(?<![A-Za-z\d.,])(?<![A-Za-z]-)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
    r"(?:(st|nd|rd|th|s)\b)?"
    r"(?:\s?(thousand|million|billion|trillion|mn|bn|tn|m|k|b)\b)?", re.IGNORECASE)
_WORDS = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)?")


def _scaled(value: float, scale: str | None) -> float:
    return value * SCALES[scale.lower()] if scale else value


def quantities(text: str) -> dict[float, str]:
    """The values a text states, scaled (``1.2 million`` gives 1200000), each with its words."""
    found: dict[float, str] = {}
    for match in _DIGITS.finditer(text):
        whole, decimals, _suffix, scale = match.groups()
        written = float(whole.replace(",", "") + (decimals or ""))
        found.setdefault(_scaled(written, scale), match.group().strip())
    words = [w.lower() for w in _WORDS.findall(text)]
    for i, word in enumerate(words):
        number = _word_value(word)
        if number is None:
            continue
        following = words[i + 1] if i + 1 < len(words) else ""
        if word == "one" and (following in ("of", "another") or (i and words[i - 1] in _ANY)):
            continue  # "one of the", "no one": a pronoun, not a count
        if following == "hundred" and word != "hundred":
            continue  # "three hundred": read at "hundred", below
        if word == "hundred":
            before = _word_value(words[i - 1]) if i > 0 else None
            number = (before or 1) * 100
        found.setdefault(_scaled(float(number), following if following in SCALES else None), word)
    return found


def _word_value(word: str) -> int | None:
    if word in WORD_VALUES:
        return WORD_VALUES[word]
    if word in ORDINAL_VALUES:
        return ORDINAL_VALUES[word]
    head, _, tail = word.partition("-")
    if tail and head in WORD_VALUES and tail in WORD_VALUES and WORD_VALUES[tail] < 10:
        return WORD_VALUES[head] + WORD_VALUES[tail]  # twenty-five
    if tail and (head in WORD_VALUES or head in ORDINAL_VALUES):
        return _word_value(head)  # six-foot, two-thirds, third-largest
    return None


def unsupported(claimed: str, cited: str) -> list[str]:
    """The numbers of ``claimed`` that ``cited`` does not state, as written in ``claimed``."""
    stated = quantities(cited)
    missing = []
    for value, written in quantities(claimed).items():
        if not any(abs(value - other) <= 1e-9 * max(1.0, abs(value)) for other in stated):
            missing.append(written)
    return missing
