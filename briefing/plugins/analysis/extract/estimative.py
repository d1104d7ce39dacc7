"""Estimative language: the probability words of an assessment, mapped to a published yardstick.

The yardstick is the UK Professional Head of Intelligence Analysis (PHIA) probability yardstick
(Defence Intelligence, "Professional Development Framework for All-Source Intelligence Assessment",
2019; the same seven bands the MoD uses in its public intelligence updates):

    remote chance 0-5 %, highly unlikely 10-20 %, unlikely 25-35 %, realistic possibility 40-50 %,
    likely or probable 55-75 %, highly likely 80-90 %, almost certain 95-100 %.

Other forms are mapped to the band they name, documented here so the mapping can be argued with:

- adverbs take their adjective's band: "almost certainly", "probably", "highly probably";
- "very" is read as PHIA's "highly" ("very likely", "very unlikely"), and "virtually"/"nearly" as
  "almost" (Sherman Kent's "Words of Estimative Probability", CIA 1964, groups them so);
- "most likely" is the superlative of "likely" and stays in the likely band;
- Kent's "chances about even" / "even chance" is the middle band, realistic possibility;
- a negation ("not likely", "isn't highly likely", "probably not", "almost certainly not") takes
  the mirror band (likely <-> unlikely, highly likely <-> highly unlikely, almost certain <->
  remote chance). Kent's table agrees: "probably not" ~30 %, "almost certainly not" ~7 %.

Hedges outside the yardstick ("could", "may", "might", "possible", "potentially", "risk of",
"expected to") are reported with their phrase and no probability: they signal possibility without
a size. The list follows the modal and adjectival cues of the CoNLL-2010 hedge-detection
guidelines (Farkas et al. 2010) plus the risk nouns that take a complement ("risk/threat/danger/
chance of"), a qualified "possibility" ("a strong possibility") and the forecast "expected to".

Evidential cues ("appears to", "seems to", "apparently", "evidently", "presumably"), also hedge
cues in those guidelines, are kept apart: they infer what is from what is seen, size no chance
and look at nothing ahead, so a sentence that only they qualify is an assessment, never a risk
(risk_judgement). Their phrase is the stated likelihood, with no probability.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BANDS: tuple[tuple[str, float, float], ...] = (
    ("remote chance", 0.0, 0.05),
    ("highly unlikely", 0.10, 0.20),
    ("unlikely", 0.25, 0.35),
    ("realistic possibility", 0.40, 0.50),
    ("likely", 0.55, 0.75),
    ("highly likely", 0.80, 0.90),
    ("almost certain", 0.95, 1.0),
)
_BAND = {name: i for i, (name, _, _) in enumerate(BANDS)}

# Phrase pattern -> band name. Longer phrases are tried first, so "highly unlikely" never reads
# as "unlikely" and "unlikely" never as "likely".
YARDSTICK_PHRASES: dict[str, str] = {
    r"(?:almost|virtually|nearly|near) certain(?:ly)?": "almost certain",
    r"(?:highly|very|extremely) (?:likely|probable|probably)": "highly likely",
    r"(?:highly|very|extremely) (?:unlikely|improbable)": "highly unlikely",
    r"more likely than not": "likely",
    r"most (?:likely|probably)": "likely",
    r"realistic(?:ally)? possib(?:ility|le)": "realistic possibility",
    r"(?:an? )?even chance|chances? (?:are )?about even": "realistic possibility",
    r"remote (?:chance|possibility|prospect)": "remote chance",
    r"unlikely|improbable": "unlikely",
    r"likely|probable|probably": "likely",
}
HEDGE_PHRASES: tuple[str, ...] = (
    r"(?:risks?|threats?|dangers?|chances?|possibility) (?:of|that)",
    r"(?:strong|real|distinct|serious|clear) possibility",
    r"expected to",
    r"could|may|might|possibly|possible|potentially|potential|perhaps|conceivably",
)
# Evidential cues ("the records appear to be real", "it seems that the flaw was found last year"):
# assessments only, see the module doc.
EVIDENTIAL_PHRASES: tuple[str, ...] = (
    r"apparently|evidently|presumably|(?:appears?|appeared|seems?|seemed) to",
    r"it (?:appears|appeared|seems|seemed)(?! to\b)",  # before a clause only: see evidentials
)
_NEGATION_BEFORE = re.compile(r"\b(?:\w+n['’]t|not|never|no longer|hardly)\s+(?:\w+\s+)?$", re.I)
_NEGATION_AFTER = re.compile(r"^\s+(?:(?:will|would|does|do|did|is|are|was|were|can|could|has|have|had)\s+)?"
                             r"not\b|^\s+\w+n['’]t\b", re.I)
_YARDSTICK = re.compile(r"\b(" + "|".join(sorted(YARDSTICK_PHRASES, key=len, reverse=True)) + r")\b", re.I)
_COMPILED = [(re.compile(rf"^(?:{pattern})$", re.I), band) for pattern, band in YARDSTICK_PHRASES.items()]
_HEDGE = re.compile(r"\b(" + "|".join(HEDGE_PHRASES) + r")\b", re.I)
_EVIDENTIAL = re.compile(r"\b(" + "|".join(EVIDENTIAL_PHRASES) + r")\b", re.I)
_MONTH_MAY = re.compile(r"\bMay\b(?=\s+\d|\s+(?:of|last|next|this)\b)|(?<=\bin )May\b|\bMay\b(?= \d)")


@dataclass(frozen=True, slots=True)
class Estimate:
    """An estimative phrase as written, with its yardstick band (None for a hedge)."""

    phrase: str
    start: int
    end: int
    band: str | None = None
    probability: tuple[float, float] | None = None
    negated: bool = False


def band_range(name: str) -> tuple[float, float]:
    _, low, high = BANDS[_BAND[name]]
    return (low, high)


def mirror(name: str) -> str:
    """The band a negation turns this one into (the yardstick read from the other end)."""
    return BANDS[len(BANDS) - 1 - _BAND[name]][0]


def _band_of(phrase: str) -> str:
    normalised = re.sub(r"\s+", " ", phrase.strip())
    for pattern, band in _COMPILED:
        if pattern.match(normalised):
            return band
    raise KeyError(phrase)


def yardstick_estimates(text: str) -> list[Estimate]:
    """Every yardstick phrase in the text, in order, negation applied."""
    found = []
    for match in _YARDSTICK.finditer(text):
        start, end = match.span()
        band = _band_of(match.group(1))
        before = _NEGATION_BEFORE.search(text[max(0, start - 30):start])
        after = _NEGATION_AFTER.match(text[end:end + 16])
        negated = bool(before or after)
        if before:
            start = max(0, start - 30) + before.start()
        if after:
            end += after.end()
        if negated:
            band = mirror(band)
        found.append(Estimate(text[start:end], start, end, band, band_range(band), negated))
    return found


def hedges(text: str) -> list[Estimate]:
    """Possibility cues outside the yardstick, in order (the month "May" is not a hedge)."""
    months = {m.start() for m in _MONTH_MAY.finditer(text)}
    return [Estimate(m.group(1), m.start(), m.end()) for m in _HEDGE.finditer(text)
            if not (m.group(1) == "May" and m.start() in months)]


_CLAUSE_NEXT = re.compile(r",? that\b| as (?:if|though)\b", re.I)


def evidentials(text: str) -> list[Estimate]:
    """Evidential cues, in order: an inference about what is, with no chance attached. "It seems"
    infers only when a clause follows ("it seems that the flaw was found last year"), not in "as
    it appears on the screen"."""
    return [Estimate(m.group(1), m.start(), m.end()) for m in _EVIDENTIAL.finditer(text)
            if not m.group(1).lower().startswith("it ") or _CLAUSE_NEXT.match(text, m.end())]


def is_evidential(found: Estimate) -> bool:
    return bool(_EVIDENTIAL.fullmatch(found.phrase))


def estimate(text: str) -> Estimate | None:
    """The sentence's estimative judgement: its first yardstick phrase, else its first hedge."""
    yardstick = yardstick_estimates(text)
    if yardstick:
        return yardstick[0]
    hedge = hedges(text)
    return hedge[0] if hedge else None
