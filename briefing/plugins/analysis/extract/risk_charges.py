"""Offences named in a charge or a verdict: "charged with murder", "guilty of attempted murder",
"arraigned on two counts of kidnapping", "arrested on suspicion of arson".

Court and crime news names the harm a person is accused or convicted of in nearly every sentence.
There the harm word is the name of an offence, an act told as done and now judged, not a harm
ahead: "attempted murder" is a crime, not an attempt whose outcome is open, and "is expected to be
arraigned on two counts of murder" estimates a hearing, not a killing. What a person faces for it
("faces life in prison", "faces murder charges") is still a risk, by risk_ongoing: only the
offence inside the charge is set aside here. Accusations stay harms ("amid accusations of war
crimes"): an accusation is no procedure and often itself the news of what may have been done.
Works on spaCy tokens; nothing here imports spaCy.
"""

from __future__ import annotations

from typing import Any

from briefing.plugins.text.words import word_set

# Words of a criminal procedure or verdict whose "of", "with", "for" or "on" phrase names the
# offence ("convicted of", "charged with", "jailed for", "indicted on", "counts of").
CHARGING = word_set("""
charge count guilty convict conviction indict indictment acquit acquittal suspicion arrest arraign
sentence jail imprison try trial plead
""")
# Nouns that a compound names the offence of ("murder charges"); "death count" and "death
# sentence" name a toll and a penalty, not an offence.
CHARGE_NOUNS = word_set("charge indictment conviction")
# "Count" is a charge only as one of a number or in the plural ("one count of arson", "multiple
# counts of murder"); "a count of the dead" is a toll.
COUNTS = word_set("count")
OFFENCE_PREPOSITIONS = word_set("of with for on")
# "pleaded guilty to manslaughter": "to" names the offence only after a plea.
PLEADING = word_set("guilty plead")
MAX_CLIMB = 4


def named_as_charge(token: Any) -> bool:
    """True when ``token`` lies in the offence that a charge or verdict names: the object of its
    preposition, a conjunct of that object ("guilty of murder, attempted murder and ..."), or a
    word naming the charge ("murder charges")."""
    if token.dep_ == "compound" and token.head.lemma_.lower() in CHARGE_NOUNS:
        return True
    current = token
    for _ in range(MAX_CLIMB):
        if current.dep_ in ("conj", "compound", "amod", "appos") and current.head.i != current.i:
            current = current.head
            continue
        if current.dep_ != "pobj":
            return False
        preposition = current.head
        owner = preposition.head
        lemma = owner.lemma_.lower()
        if lemma not in CHARGING and owner.lower_ not in CHARGING:
            return False
        if lemma in COUNTS and owner.tag_ != "NNS" and not any(c.dep_ == "nummod" for c in owner.children):
            return False
        return preposition.lower_ in OFFENCE_PREPOSITIONS or (
            preposition.lower_ == "to" and (lemma in PLEADING or owner.lower_ in PLEADING))
    return False
