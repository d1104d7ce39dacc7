"""Which names refer to the same actor: one clustering used within and across articles.

Rules, in order of confidence:
- equal keys (case, spacing, a leading "the" and a possessive ignored) are one name;
- states: names the UN list maps to one state ("UK", "Britain", "United Kingdom");
- people: a one-word name joins the only full name whose surname it is ("Smith" -> "Jane Smith");
  two full names join when first name and surname agree ("Ali Khan", "Ali al-Khan"); a surname
  shared by two different full names stays on its own, since it cannot be told apart;
- organisations: an acronym joins the only name whose initials it spells ("ECB" ->
  "European Central Bank"), or the name it was defined against in the text ("... (ECB)").
The display name is the fullest form (most words, then the most frequent); for states the most
frequent form, since writers pick the usual short name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from briefing.plugins.entity_countries import country_name
from briefing.plugins.entity_spans import name_key

_PARTICLE = re.compile(r"^(al|el|ad|ar|as|ash|at|az|an|ibn|bin|ben|de|da|di|du|van|von|der|la|le)-", re.I)
_STOP_INITIALS = {"of", "the", "and", "for", "&", "de", "in", "on"}


@dataclass
class NameGroup:
    """Surface names of one actor with how often each was seen, and its kinds by weight."""

    names: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, int] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return max(self.kinds.items(), key=lambda item: item[1])[0]

    @property
    def display(self) -> str:
        if self.kind == "country":
            return max(self.names.items(), key=lambda item: item[1])[0]
        return max(self.names.items(), key=lambda item: (not item[0].lower().startswith("the "),
                                                         len(item[0].split()), item[1]))[0]

    @property
    def aliases(self) -> tuple[str, ...]:
        display = self.display
        seen = {name_key(display)}
        out = []
        for name in self.names:
            if name_key(name) not in seen:
                seen.add(name_key(name))
                out.append(name)
        return tuple(out)


def surname_key(name: str) -> str:
    last = name_key(name).split()[-1] if name_key(name) else ""
    return _PARTICLE.sub("", last)


def initials(name: str) -> str:
    words = [w for w in re.findall(r"[\w'-]+", name) if w.casefold() not in _STOP_INITIALS]
    return "".join(w[0] for w in words).casefold()


def is_acronym(text: str) -> bool:
    bare = text.replace(".", "")
    return 2 <= len(bare) <= 6 and bare.isalpha() and sum(ch.isupper() for ch in bare) >= 2


def cluster(entries: Sequence[tuple[str, str, int]],
            defined: Sequence[tuple[str, str]] = ()) -> list[list[int]]:
    """Group entries (name, kind, weight) that name one actor; returns lists of entry indices.

    ``defined`` holds (acronym, long name) pairs the text itself states.
    """
    parent = list(range(len(entries)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        parent[find(i)] = find(j)

    by_key: dict[str, int] = {}
    for i, (name, kind, _) in enumerate(entries):
        key = name_key(name)
        state = country_name(name) if kind == "country" else None
        for k in (key, f"state:{state}" if state else None):
            if k is None:
                continue
            if k in by_key:
                join(i, by_key[k])
            else:
                by_key[k] = i
    persons = [i for i, e in enumerate(entries) if e[1] == "person"]
    full = [i for i in persons if len(name_key(entries[i][0]).split()) > 1]
    for i in full:
        for j in full:
            if i < j and surname_key(entries[i][0]) == surname_key(entries[j][0]) and \
                    name_key(entries[i][0]).split()[0] == name_key(entries[j][0]).split()[0]:
                join(i, j)
    # A one-word name the model called an organisation may be a surname too ("Smith said").
    single = persons + [i for i, e in enumerate(entries) if e[1] == "organization"
                        and not is_acronym(e[0]) and " " not in name_key(e[0])]
    for i in single:
        if len(name_key(entries[i][0]).split()) != 1:
            continue
        owners = {find(j) for j in full if surname_key(entries[j][0]) == surname_key(entries[i][0])}
        if len(owners) == 1:
            join(i, owners.pop())
    orgs = [i for i, e in enumerate(entries) if e[1] == "organization"]
    pairs = {name_key(a): name_key(b) for a, b in defined}
    for i in orgs:
        name = entries[i][0]
        if not is_acronym(name):
            continue
        stated = pairs.get(name_key(name))
        owners = {find(j) for j in orgs if j != i and not is_acronym(entries[j][0])
                  and (name_key(entries[j][0]) == stated
                       or (stated is None and initials(entries[j][0]) == name.replace(".", "").casefold()))}
        if len(owners) == 1:
            join(i, owners.pop())
    groups: dict[int, list[int]] = {}
    for i in range(len(entries)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def name_groups(entries: Sequence[tuple[str, str, int]],
                defined: Sequence[tuple[str, str]] = ()) -> list[tuple[NameGroup, list[int]]]:
    out = []
    for members in cluster(entries, defined):
        group = NameGroup()
        surnames = {surname_key(entries[i][0]) for i in members
                    if entries[i][1] == "person" and " " in name_key(entries[i][0])}
        for i in members:
            name, kind, weight = entries[i]
            if kind == "organization" and name_key(name) in surnames:
                kind = "person"
            group.names[name] = group.names.get(name, 0) + weight
            group.kinds[kind] = group.kinds.get(kind, 0) + weight
        out.append((group, members))
    return out
