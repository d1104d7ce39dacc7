"""How agency copy names where a story was filed and who filed it: the patterns of a place, an
agency and a person's name that the dateline rules (wire_copy) and the byline rules (bylines) read.

A dateline's place is written in capitals ("BEIRUT", "VAIL, Colo.", "KHAN SHEIKHUN, Syria"),
maybe with a reporter's whereabouts before it ("ON BARATARIA BAY, La. --"); an agency is one of
the wire services that sign copy, or a broadcaster that does as they do ("(CNN) --").
"""

from __future__ import annotations

from briefing.plugins.cleaners.stamps import DATE

CITY = r"[A-Z][A-Z'’.-]{2,}(?:\s+[A-Z][A-Z'’.-]+){0,3}"
REGION = r"[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2}"  # ", Syria", ", Texas", ", New South Wales"
PLACE = rf"{CITY}(?:\s*,\s*{REGION})?(?:\s*,?\s+(?i:{DATE}))?"  # "NEW YORK, Sept. 29 --"
# "ON BARATARIA BAY, La. --", "ABOARD THE USS NIMITZ --": a reporter's whereabouts as a dateline.
WHEREABOUTS = r"(?:(?:ON|IN|NEAR|ABOARD|OFF|AT|OUTSIDE)\s+)?"
AGENCY = (r"(?:the\s+)?(?:associated\s+press|ap|reuters|afp|agence\s+france-presse|upi|dpa|efe|ansa"
          r"|xinhua|tass|anadolu(?:\s+agency)?|bloomberg|cnn|bbc)")
NAME_WORD = r"(?:[A-Z][\w'’-]+|de|da|di|du|van|von|der|den|le|la|al|bin|ibn|and)"
