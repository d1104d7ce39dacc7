"""Which place names are sovereign states, and their other common names.

The list is the 193 member states of the United Nations plus the two observer states, as
published by the UN ("Member States", un.org), with the short names the UN uses, followed by
other forms in common English usage (the long official forms, well-known abbreviations such as
"UK" and "US", and older names still seen in news). It lets the stakeholder extractor tell an
acting state ("Germany said ...") from a city or region, and merge "the UK" with "Britain".

The formal names ("Syrian Arab Republic", "Hashemite Kingdom of Jordan", "Republic of Korea") come
from ISO 3166-1 (the `name`, `official_name` and `common_name` of each state, with "Korea, Republic
of" also read as "Republic of Korea"), taken from the data file of the pycountry package (release
26.2.16) and matched to the UN names above; territories that are not UN states are left out. A
formal name is an alias: `short_name` gives the name a reader expects ("Syria").
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

# The tables: one state per line, its UN short name first, "|" between names, "#" for comments.
_DATA = Path(__file__).with_name("data")
TABLES = (_DATA / "states_un.txt", _DATA / "states_iso.txt")

_SPACE = re.compile(r"\s+")


def _key(name: str) -> str:
    name = _SPACE.sub(" ", name.replace("’", "'")).strip().casefold()
    return name[4:] if name.startswith("the ") else name


def _build() -> dict[str, str]:
    table: dict[str, str] = {}
    lines = (line.strip() for path in TABLES for line in path.read_text(encoding="utf-8").splitlines())
    for line in lines:
        if not line or line.startswith("#"):
            continue
        names = line.split("|")
        canonical = names[0]
        for name in names:
            table.setdefault(_key(name), canonical)
    return table


_COUNTRIES = _build()


@functools.lru_cache(maxsize=8192)
def country_name(text: str) -> str | None:
    """The state's UN short name if ``text`` names a sovereign state, else None.

    Asked several times per mention by the label rules; the answers are kept (a bounded cache:
    news repeats a few thousand names)."""
    return _COUNTRIES.get(_key(text))


def is_formal_name(text: str) -> bool:
    """``text`` names a state by a longer form than its UN short name ("Syrian Arab Republic",
    "United States of America"): a reader expects the short name, so a formal one is an alias."""
    short = country_name(text)
    return short is not None and len(_key(text).split()) > len(short.split())
