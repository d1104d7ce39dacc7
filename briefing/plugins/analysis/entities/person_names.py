"""Which person names are one person: full names, lone surnames and, within an article, first names.

Part of the clustering of entities.aliases, which calls ``join_people`` once its union-find holds
the equal names:

- full names agreeing in first name, surname and middle initials are one person, and a full name
  without a middle one joins them unless two people share first name and surname ("George W.
  Bush", "George H.W. Bush"): then it goes to the principal one, if any;
- a one-word name (or a surname after a form of address, "Mrs Smith", or with its particle, "de
  Grey") joins the only full name whose surname it is, or the principal one of several;
- with ``first_names`` (the names of one article), a one-word name no full name ends with joins
  the only full name it opens: "Xi" is "Xi Jinping" and "Kim" is "Kim Jong-un" (the family name
  comes first), and a feature calls "Bruce Jenner" "Bruce" twenty times. Across the articles of a
  run a first name alone says too little, so the merge leaves it out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from briefing.plugins.analysis.entities.acronyms import is_acronym
from briefing.plugins.analysis.entities.mention import without_honorifics
from briefing.plugins.analysis.entities.name_keys import SURNAME_PARTICLES, NameKeys

Entries = Sequence[tuple[str, str, int]]  # (name, kind, weight)

PRINCIPAL = 10
"""How many times the weight of the other full names sharing a surname the principal one needs
before the surname alone is taken for it: nine in ten of the full names written."""


def join_people(entries: Entries, key: Sequence[str], keys: NameKeys, find: Callable[[int], int],
                join: Callable[[int, int], None], first_names: bool = False) -> None:
    """Join the person names of ``entries`` (their keys in ``key``) by the rules of the module doc,
    through the caller's union-find (``find``, ``join``)."""
    words = [without_honorifics(k.split()) for k in key]  # "Mrs Doe" is a lone surname
    persons = [i for i, e in enumerate(entries) if e[1] == "person"]
    particled = _particle_surnames(entries, key)
    full = [i for i in persons if len(words[i]) > 1 and key[i] not in particled]
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


def _particle_surnames(entries: Entries, key: Sequence[str]) -> set[str]:
    """Keys of names that are a surname with its particle and no first name: "De Grey" (at the
    start of a sentence) where the text also names "Aubrey de Grey". Such a name is a lone
    surname, not a full name whose first name is "De"; "Van Jones" beside "Jim Jones" is not one,
    since no full name ends with it."""
    persons = {k for (_, kind, _), k in zip(entries, key, strict=True) if kind == "person"}
    tails = {" ".join(parts[n:]) for parts in (k.split() for k in persons) for n in range(1, len(parts))}
    return {k for k in persons if k in tails and len(parts := k.split()) >= 2
            and all(part in SURNAME_PARTICLES for part in parts[:-1])}


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


def _weights(entries: Entries, find: Callable[[int], int]) -> dict[int, int]:
    """Each cluster's weight (by its root): the sum of its entries' weights."""
    weight: dict[int, int] = {}
    for i, (_, _, count) in enumerate(entries):
        weight[find(i)] = weight.get(find(i), 0) + count
    return weight


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
