"""Weapons found, seized, stockpiled or made: a threat with no word of intent.

"An arms cache was uncovered in the forest", "customs seized explosives", "the hub where they
make car bombs": weapons got ready for use are a threat of their use (the gold guide's rule 2:
seizure or stockpiling of weapons for an attack). A find is no threat when it is negated ("no gun
has been recovered"), when the arms are done away with ("destroyed six weapon caches",
"surrendered its cache"), when it is one weapon ("officers found a gun in the car": evidence
at a scene), or when the text pins it in the past like any frame ("bombed a plant
where rebels were making weapons, when ..."). Works on spaCy tokens; nothing here imports spaCy.
"""

from __future__ import annotations

from typing import Any

from briefing.plugins.analysis.extract.risk_tense import clause_verb, pinned_in_past
from briefing.plugins.analysis.extract.risk_text import negated_frame, tokens_in
from briefing.plugins.text.words import word_set

# Chemical and biological agents: their names mean nothing else.
AGENTS = word_set("sarin vx tabun soman ricin")
WEAPONS = word_set("""
weapon arms explosive explosives bomb rocket mine ammunition munition grenade rifle gun detonator
missile arsenal
""") | AGENTS
# Weapons named as a store, or as a substance, whatever their number.
STORES = word_set("""
arms explosives ammunition munition munitions arsenal weaponry cache stockpile haul dump hide
""")
STOCKPILING = word_set("""
seize find uncover discover recover confiscate intercept stockpile amass smuggle stash cache
accumulate gather hoard
seizure find discovery haul cache dump hide arsenal stockpile
make manufacture produce build assemble
""")  # the last line: weapons made ready for use ("where they make explosives and car bombs")
MAKING = word_set("make manufacture produce build assemble")
# Verbs that do away with weapons: "destroyed six weapon caches", "agreed to destroy the declared
# stockpile of chemical weapons", "surrendered its cache": the arms are gone, not ready for use.
REMOVING = word_set("destroy dismantle surrender eliminate remove relinquish")


def _made(token: Any, verb: Any) -> bool:
    """The weapon is what the verb makes: its object, its passive subject, or a conjunct of one
    ("make explosives and car bombs"); "made his fortune in diamond mines" makes a fortune."""
    while token.dep_ == "conj" and token.head.i not in (token.i, verb.i):
        token = token.head
    return token.head.i == verb.i and token.dep_ in ("dobj", "nsubjpass")


def _one_weapon(token: Any, near: list[Any]) -> bool:
    """"Officers found a gun in the vehicle", "the bomb was found in the bushes", "seized her
    weapon": one weapon found is evidence at a scene, not arms got ready for an attack (on the
    tuning half, 1 such find in 10 was a risk; of finds of arms in number or in store, 19 in 30)."""
    return token.tag_ in ("NN", "NNP") and token.lemma_.lower() not in STORES | AGENTS \
        and not any(c.dep_ == "nummod" for c in token.children) \
        and not any(n.lemma_.lower() in STORES for n in near)


def _done_away_with(words: list[Any]) -> bool:
    return any(w.head.lemma_.lower() in REMOVING and w.dep_ in ("dobj", "nsubjpass") for w in words)


def weapons_found(span: Any) -> Any | None:
    """The weapon word of a find, seizure, stockpile or making (see module doc), or None."""
    for token in tokens_in(span, WEAPONS):
        if negated_frame(token):
            continue
        near = [token.head, *token.children, *(token.head.children if token.dep_ == "compound" else ())]
        if token.head.dep_ in ("pobj", "prep"):
            near.append(token.head.head)
        if _done_away_with([token, *near]) or _one_weapon(token, near):
            continue
        if any(n.lemma_.lower() in STOCKPILING and n.i != token.i and not negated_frame(n)
               and (n.lemma_.lower() not in MAKING or _made(token, n)) for n in near):
            clause = clause_verb(token)
            if clause is not None and pinned_in_past(clause):
                continue  # "bombed a plant where rebels were making weapons, when ...": history
            return token
    return None
