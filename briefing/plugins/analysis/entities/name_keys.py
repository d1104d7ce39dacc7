"""Names as the clustering compares them: each name's key, surname and state, computed once.

Kept apart from the rules that use them (entities.aliases, entities.person_names, entities.merge)
because all three ask the same questions of the same names many times over.
"""

from __future__ import annotations

import re

from briefing.plugins.analysis.entities.countries import country_name
from briefing.plugins.analysis.entities.mention import name_key

# Particles written apart from a surname ("Aubrey de Grey", "Vincent van Gogh"): with no first
# name before them, the particle and surname are a lone surname ("de Grey").
SURNAME_PARTICLES = frozenset({"de", "van", "von", "der", "den", "la", "le", "da", "di", "du", "del",
                               "della", "dos", "das", "ter", "ten"})
# Particles joined to a surname by a hyphen ("al-Maliki", "bin-Laden", "de-Gaulle"), left out of the
# surname a name is matched by, so "Maliki" finds "Nouri al-Maliki". "Al" written apart is a first
# name ("Al Gore"), so the Arabic particles are hyphened only.
_HYPHENED_PARTICLES = SURNAME_PARTICLES | {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ibn",
                                           "bin", "ben"}
_HYPHENED = re.compile("^(?:" + "|".join(sorted(_HYPHENED_PARTICLES, key=len, reverse=True)) + ")-", re.I)


class NameKeys:
    """Each name's key, surname and state computed once, for the length of one merge.

    A briefing over thousands of articles repeats the same few thousand names many times; the
    keys are regular-expression work, so they are worth keeping, but only while one merge runs
    (an instance per call, dropped with it), so memory does not grow across briefings.
    """

    def __init__(self) -> None:
        self._keys: dict[str, str] = {}
        self._surnames: dict[str, str] = {}
        self._states: dict[str, str | None] = {}

    def key(self, name: str) -> str:
        found = self._keys.get(name)
        if found is None:
            found = self._keys[name] = name_key(name)
        return found

    def surname(self, name: str) -> str:
        found = self._surnames.get(name)
        if found is None:
            key = self.key(name)
            found = self._surnames[name] = _HYPHENED.sub("", key.split()[-1] if key else "")
        return found

    def state(self, name: str) -> str | None:
        if name not in self._states:
            self._states[name] = country_name(name)
        return self._states[name]
