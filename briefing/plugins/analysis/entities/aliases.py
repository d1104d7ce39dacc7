"""Which names refer to the same actor: one clustering used within and across articles.

Rules, in order of confidence:
- equal keys (case, spacing, a leading "the" and a possessive ignored) are one name;
- states: names the UN list maps to one state ("UK", "Britain", "United Kingdom");
- people: a one-word name joins the only full name whose surname it is ("Smith" -> "Jane Smith"),
  and so does a surname after a form of address ("Mrs Smith", see entities.mention.HONORIFICS)
  or with its particle ("de Grey" -> "Aubrey de Grey"); within one article, a one-word name no full
  name ends with joins the only one it opens ("Xi" -> "Xi Jinping", "Bruce" -> "Bruce Jenner");
  two full names join when first name and surname agree ("Ali Khan", "Ali al-Khan"); a surname
  shared by two different full names joins the one named far more often than the others, and
  otherwise stays on its own, since it cannot be told apart (entities.person_names);
- organisations: an acronym joins the only name whose initials it spells ("ECB" ->
  "European Central Bank") unless the text gave that name another acronym, or the name it was
  defined against in the text ("... (ECB)").
The display name is the fullest form written in running prose (a caption or heading line may
shorten a name: "President X Y" under a photo, "X al-Y" in the story), then the one with most
words, then the most frequent; for states the most
frequent form, since writers pick the usual short name, and never a formal one ("Federative
Republic of Brazil" is shown as "Brazil", with the formal name as an alias).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from briefing.plugins.analysis.entities.acronyms import initials, is_acronym
from briefing.plugins.analysis.entities.countries import country_name, is_formal_name
from briefing.plugins.analysis.entities.mention import name_key, without_honorifics
from briefing.plugins.analysis.entities.name_keys import NameKeys
from briefing.plugins.analysis.entities.person_names import join_people


@dataclass
class NameGroup:
    """Surface names of one actor with how often each was seen, and its kinds by weight."""

    names: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, int] = field(default_factory=dict)
    prose: set[str] = field(default_factory=set)  # names written in running prose, not only captions

    @property
    def kind(self) -> str:
        return max(self.kinds.items(), key=lambda item: item[1])[0]

    @property
    def display(self) -> str:
        if self.kind == "country":
            return state_display(self.names)
        return max(self.names.items(), key=lambda item: (not item[0].lower().startswith("the "),
                                                         item[0] in self.prose,
                                                         len(without_honorifics(item[0].split())),
                                                         item[1]))[0]

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


def state_display(names: dict[str, int]) -> str:
    """A state's name as shown: the form written most often, leaving out formal names; when the
    text uses only a formal name, the state's UN short name ("Brazil" for "Federative Republic of Brazil")."""
    usual = {name: count for name, count in names.items() if not is_formal_name(name)}
    if usual:
        return max(usual.items(), key=lambda item: item[1])[0]
    top = max(names.items(), key=lambda item: item[1])[0]
    return country_name(top) or top



def cluster(entries: Sequence[tuple[str, str, int]], defined: Sequence[tuple[str, str]] = (),
            keys: NameKeys | None = None, first_names: bool = False) -> list[list[int]]:
    """Group entries (name, kind, weight) that name one actor; returns lists of entry indices.

    ``defined`` holds (acronym, long name) pairs the text itself states. Names are compared only
    with the names that share an index key with them (equal key, state, first name and surname,
    surname, initials), so the work grows with the number of entries, not with its square.
    Entries with equal keys are joined first and stay together, so each index keeps one entry per
    distinct key: a name repeated across a thousand articles is looked at once, not a thousand times.

    People are joined by entities.person_names (``first_names``: the names of one article, whose
    lone first names may join the full name they open).
    """
    keys = keys or NameKeys()
    parent = list(range(len(entries)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        parent[find(i)] = find(j)

    key = [keys.key(name) for name, _, _ in entries]
    by_key: dict[str, int] = {}
    for i, (name, kind, _) in enumerate(entries):
        state = keys.state(name) if kind == "country" else None
        for k in (key[i], f"state:{state}" if state else None):
            if k is None:
                continue
            if k in by_key:
                join(i, by_key[k])
            else:
                by_key[k] = i
    _join_lost_apostrophes(entries, key, by_key, join)
    join_people(entries, key, keys, find, join, first_names)
    orgs = [i for i, e in enumerate(entries) if e[1] == "organization"]
    pairs = {keys.key(a): keys.key(b) for a, b in defined}
    abbreviation = {long: short.replace(".", "") for short, long in pairs.items()}
    acronyms = [i for i in orgs if is_acronym(entries[i][0])]
    long_by_key: dict[str, int] = {}
    long_by_initials: dict[str, dict[str, int]] = {}
    if acronyms:
        for j in orgs:
            name = entries[j][0]
            if not is_acronym(name):
                long_by_key.setdefault(key[j], j)
                long_by_initials.setdefault(initials(name), {}).setdefault(key[j], j)
    for i in acronyms:
        name = entries[i][0]
        stated = pairs.get(key[i])
        if stated is not None:
            found = [long_by_key[stated]] if stated in long_by_key else []
        else:  # by initials, but never a name the text gave an acronym of its own: "blowout
            # preventer (BOP)" is not what "BP" stands for
            spelled = name.replace(".", "").casefold()
            found = [j for j in long_by_initials.get(spelled, {}).values()
                     if abbreviation.get(key[j], spelled) == spelled]
        owners = {find(j) for j in found}
        if len(owners) == 1:
            join(i, owners.pop())
    groups: dict[int, list[int]] = {}
    for i in range(len(entries)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def _join_lost_apostrophes(entries: Sequence[tuple[str, str, int]], key: list[str],
                           by_key: dict[str, int], join: Callable[[int, int], None]) -> None:
    """"Merkels" and "Angela Merkels" are "Merkel" and "Angela Merkel" with a possessive whose
    apostrophe was lost (scraped or transliterated text drops it: "Brazils", "Obamas"). A name whose
    key ends in a lone "s" joins the name without it when that name is written at least as often:
    a real name ending in "s" ("Williams") is the usual form and outweighs a stray "William"."""
    weight: dict[str, int] = {}
    for i, (_, _, count) in enumerate(entries):
        weight[key[i]] = weight.get(key[i], 0) + count
    for form, i in by_key.items():
        if len(form) < 4 or not form.endswith("s") or form.endswith(("ss", "'s")):
            continue
        base = form[:-1]
        if base in by_key and weight.get(base, 0) >= weight.get(form, 0):
            join(i, by_key[base])


def name_groups(entries: Sequence[tuple[str, str, int]], defined: Sequence[tuple[str, str]] = (),
                keys: NameKeys | None = None, first_names: bool = False) -> list[tuple[NameGroup, list[int]]]:
    keys = keys or NameKeys()
    out = []
    for members in cluster(entries, defined, keys, first_names):
        group = NameGroup()
        surnames = {keys.surname(entries[i][0]) for i in members
                    if entries[i][1] == "person" and " " in keys.key(entries[i][0])}
        for i in members:
            name, kind, weight = entries[i]
            if kind == "organization" and keys.key(name) in surnames:
                kind = "person"
            group.names[name] = group.names.get(name, 0) + weight
            group.kinds[kind] = group.kinds.get(kind, 0) + weight
        out.append((group, members))
    return out
