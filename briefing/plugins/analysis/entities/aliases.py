"""Which names refer to the same actor: one clustering used within and across articles.

Rules, in order of confidence:
- equal keys (case, spacing, a leading "the" and a possessive ignored) are one name;
- states: names the UN list maps to one state ("UK", "Britain", "United Kingdom");
- people: a one-word name joins the only full name whose surname it is ("Smith" -> "Jane Smith"),
  and so does a surname after a form of address ("Mrs Smith", see entities.mention.HONORIFICS)
  or with its particle ("de Grey" -> "Aubrey de Grey"); within one article, a one-word name no full
  name ends with joins the only one it opens ("Xi" -> "Xi Jinping", "Bruce" -> "Bruce Jenner");
  two full names join when first name and surname agree ("Ali Khan", "Ali al-Khan"); a surname
  shared by two different full names joins the one named far more often than the others (see
  _principal), and otherwise stays on its own, since it cannot be told apart;
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

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from briefing.plugins.analysis.entities.acronyms import initials, is_acronym
from briefing.plugins.analysis.entities.countries import country_name, is_formal_name
from briefing.plugins.analysis.entities.mention import name_key, without_honorifics

_PARTICLE = re.compile(r"^(al|el|ad|ar|as|ash|at|az|an|ibn|bin|ben|de|da|di|du|van|von|der|la|le)-", re.I)


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
            found = self._surnames[name] = _PARTICLE.sub("", key.split()[-1] if key else "")
        return found

    def state(self, name: str) -> str | None:
        if name not in self._states:
            self._states[name] = country_name(name)
        return self._states[name]


def cluster(entries: Sequence[tuple[str, str, int]], defined: Sequence[tuple[str, str]] = (),
            keys: NameKeys | None = None, first_names: bool = False) -> list[list[int]]:
    """Group entries (name, kind, weight) that name one actor; returns lists of entry indices.

    ``defined`` holds (acronym, long name) pairs the text itself states. Names are compared only
    with the names that share an index key with them (equal key, state, first name and surname,
    surname, initials), so the work grows with the number of entries, not with its square.
    Entries with equal keys are joined first and stay together, so each index keeps one entry per
    distinct key: a name repeated across a thousand articles is looked at once, not a thousand times.

    With ``first_names`` (the names of one article), a one-word name that is no full name's surname
    joins the only full name it opens: "Xi" is "Xi Jinping" and "Kim" is "Kim Jong-un" (the family
    name comes first), and a feature calls "Bruce Jenner" "Bruce" twenty times. Across the
    articles of a run a first name alone says too little, so the merge leaves it out.
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
    words = [without_honorifics(k.split()) for k in key]  # "Mrs Doe" is a lone surname
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
    persons = [i for i, e in enumerate(entries) if e[1] == "person"]
    particled = _particle_surnames(entries, key)
    full = [i for i in persons if len(words[i]) > 1 and key[i] not in particled]
    # Full names agreeing in first name, surname and middle initials are one person; a full
    # name without a middle one joins them too, unless two people share first name and surname
    # ("George W. Bush", "George H.W. Bush"): then it goes to the principal one, if any.
    variants: dict[tuple[str, str], dict[str, int]] = {}
    for i in full:
        pair, middle = (words[i][0], keys.surname(entries[i][0])), _middle_initials(words[i])
        seen = variants.setdefault(pair, {})
        if middle in seen:
            join(i, seen[middle])
        else:
            seen[middle] = i
    weight = _weights(entries, find)
    for middles in variants.values():
        plain = middles.pop("", None)
        owner = _principal({find(i) for i in middles.values()}, weight) if middles else None
        if plain is not None and owner is not None:
            join(plain, owner)
    # One entry per person then stands for all its names when a lone surname looks for its owner.
    full_by_surname: dict[str, set[int]] = {}
    for i in full:
        full_by_surname.setdefault(keys.surname(entries[i][0]), set()).add(find(i))
    # A one-word name the model called an organisation may be a surname too ("Smith said").
    single = persons + [i for i, e in enumerate(entries) if e[1] == "organization"
                        and not is_acronym(e[0]) and " " not in key[i]]
    weight = _weights(entries, find)
    lone = []  # one-word person names no full name has as its surname
    for i in single:
        if (len(words[i]) != 1 and key[i] not in particled) or _initialism(entries[i][0], words[i][0]):
            continue
        owner = _principal({find(j) for j in full_by_surname.get(keys.surname(entries[i][0]), ())},
                           weight)
        if owner is not None:
            join(i, owner)
        elif entries[i][1] == "person" and " " not in key[i]:
            lone.append(i)
    if first_names and lone:
        full_by_first: dict[str, set[int]] = {}
        for i in full:
            full_by_first.setdefault(words[i][0], set()).add(find(i))
        weight = _weights(entries, find)
        for i in lone:
            owner = _principal({find(j) for j in full_by_first.get(key[i], ())}, weight)
            if owner is not None:
                join(i, owner)
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


# Particles that open a surname written without a first name ("de Grey", "van Gogh", "da Silva");
# "al-" and "el-" are joined to the surname by a hyphen, and so are one word already.
_SURNAME_PARTICLES = frozenset({"de", "van", "von", "der", "den", "la", "le", "da", "di", "du", "del",
                                "della", "dos", "das", "ter", "ten"})


def _particle_surnames(entries: Sequence[tuple[str, str, int]], key: list[str]) -> set[str]:
    """Keys of names that are a surname with its particle and no first name: "De Grey" (at the
    start of a sentence) where the text also names "Aubrey de Grey". Such a name is a lone
    surname, not a full name whose first name is "De"; "Van Jones" beside "Jim Jones" is not one,
    since no full name ends with it."""
    persons = [k for (_, kind, _), k in zip(entries, key, strict=True) if kind == "person"]
    found = set()
    for k in set(persons):
        parts = k.split()
        if len(parts) >= 2 and all(part in _SURNAME_PARTICLES for part in parts[:-1]) \
                and any(other != k and other.endswith(" " + k) for other in persons):
            found.add(k)
    return found


def _middle_initials(words: Sequence[str]) -> str:
    """The initials of a full name's middle names: "w" for "George W. Bush", "hw" for "George
    H.W. Bush", "r" for both "Hillary Rodham Clinton" and "Hillary R. Clinton"."""
    return "".join(part[0] for word in words[1:-1] for part in re.split(r"[.\-]", word) if part)


def _initialism(name: str, word: str) -> bool:
    """Whether the one word of a name's key (``word``), as the name writes it, is a short
    initialism ("BP", "UN", "GM"; "BP" of "BP Plc"): no surname. A page whose headline ran into
    its text ("... downgraded by Fitch BP has seen its share price fall") gives the model a person
    "Fitch BP", and the company "BP" is not his surname."""
    at = name.casefold().find(word)
    written = (name[at:at + len(word)] if at >= 0 else name).replace(".", "")
    return len(written) <= 3 and written.isupper() and is_acronym(written)


def _weights(entries: Sequence[tuple[str, str, int]], find: Callable[[int], int]) -> dict[int, int]:
    """Each cluster's weight (by its root): the sum of its entries' weights."""
    weight: dict[int, int] = {}
    for i, (_, _, count) in enumerate(entries):
        weight[find(i)] = weight.get(find(i), 0) + count
    return weight


PRINCIPAL = 10
"""How many times the weight of the other full names sharing a surname the principal one needs
before the surname alone is taken for it: nine in ten of the full names written."""


def _principal(owners: set[int], weight: dict[int, int]) -> int | None:
    """The full name a lone surname stands for: its only owner, or the one written at least
    PRINCIPAL times as often as all the others together. A day of news about a president names
    him in full sixty times and, in reader comments and captions, as "Prez Obama" or "Barak Obama"
    once each; "Obama" is still the president. Two people of one surname both named often (a
    president and his wife in one story, a commander and an engineer of one crew) leave the
    surname on its own."""
    if len(owners) <= 1:
        return next(iter(owners), None)
    ranked = sorted(owners, key=lambda owner: (-weight.get(owner, 0), owner))
    others = sum(weight.get(owner, 0) for owner in ranked[1:])
    return ranked[0] if weight.get(ranked[0], 0) >= PRINCIPAL * others else None


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
