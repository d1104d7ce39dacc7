"""Acronyms: what is shaped like one, the initials a name spells, and the definitions a text gives.

Kept apart from the name clustering in `aliases`, which uses them to join "ECB" to "European
Central Bank"; the stakeholder extractor also reads the definitions ("... (ECB)") directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.plugins.analysis.entities.mention import looks_like_acronym

_STOP_INITIALS = {"of", "the", "and", "for", "&", "de", "in", "on"}
_BRACKETED = re.compile(r"\(\s*([^()\s]{2,10})\s*\)")
_WORD = re.compile(r"\S+")
_MINOR_WORDS = {"of", "and", "the", "for", "in", "on", "at", "to", "by", "de", "du", "des", "la", "le"}


@dataclass(frozen=True)
class AcronymDefinition:
    """"<long form> (<short form>)" as written: offsets are into the text given."""

    short: str
    long: str
    start: int  # of the long form
    end: int

    @property
    def display(self) -> str:
        """The long form as an analyst writes a body's name: a writer's lower-case "ministry of
        defence" becomes "Ministry of Defence"; a form with capitals is kept as written."""
        if any(ch.isupper() for ch in self.long):
            return self.long
        return " ".join(w if w in _MINOR_WORDS and k else w[:1].upper() + w[1:]
                        for k, w in enumerate(self.long.split()))


def acronym_definitions(text: str, offset: int = 0) -> list[AcronymDefinition]:
    """Acronyms the text defines as "<long form> (<ACR>)", by the algorithm of Schwartz and Hearst
    (2003, "A simple algorithm for identifying abbreviation definitions in biomedical text"): the
    long form is the shortest run of the at most min(|A| + 5, 2|A|) words before the bracket
    whose letters, read right to left, contain the acronym's letters in order, the first of them
    starting a word. Only short forms shaped like acronyms (``is_acronym``) are taken."""
    found = []
    for match in _BRACKETED.finditer(text):
        short = match.group(1)
        if not is_acronym(short):
            continue
        before = text[:match.start()]
        words = list(_WORD.finditer(before))
        limit = min(len(short) + 5, 2 * len(short))
        words = words[-limit:]
        # the long form stays in its clause: no stop, colon or bracket inside it
        for k in range(len(words) - 1, -1, -1):
            if re.search(r"[.;:!?()\[\]]", words[k].group()):
                words = words[k + 1:]
                break
        if not words:
            continue
        start = words[0].start()
        # "the World Trade Organisation's (WTO) report": the possessive is not the body's name
        window = re.sub(r"['’]s$", "", before[start:].rstrip(" ,"))
        long = _best_long_form(short, window)
        if long is None:
            continue
        long = re.sub(r"^(the|a|an)\s+", "", long, flags=re.I)
        if len(long) <= len(short) or short.casefold() in long.casefold().split():
            continue
        end = start + len(window)
        found.append(AcronymDefinition(short, long, offset + end - len(long), offset + end))
    return found


def _best_long_form(short: str, long: str) -> str | None:
    """Schwartz and Hearst's findBestLongForm: match the short form's characters right to left."""
    s, i = len(short) - 1, len(long) - 1
    while s >= 0:
        char = short[s].casefold()
        if not char.isalnum():
            s -= 1
            continue
        while i >= 0 and (long[i].casefold() != char or (s == 0 and i > 0 and long[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    return long[long.rfind(" ", 0, i + 1) + 1:]


def initials(name: str) -> str:
    """The first letters of a name's words, minor words left out ("Bank of England" -> "be")."""
    words = [w for w in re.findall(r"[\w'-]+", name) if w.casefold() not in _STOP_INITIALS]
    return "".join(w[0] for w in words).casefold()


def is_acronym(text: str) -> bool:
    """Shaped like an acronym once its stops are dropped ("U.N.", "NATO", "MoD")."""
    return looks_like_acronym(text.replace(".", ""))
