"""What counts as a harmful event: the words a threat frame can put ahead of the facts.

`risk_threats` decides whether a sentence frames a harm as intended, attempted, feared or
foiled; this module decides what the harm is. The vocabulary is the attack, seizure and
disaster part of news event schemas (ACE and KAIROS Conflict.Attack, Life.Die, Disaster) and
the removal of a ruler or a force from power or ground ("oust", "overthrow", "topple"), with
the shapes that make such a word an event rather than an idiom or a label: "take over" a place,
forces advancing on one, a response by force; not "seize the initiative", not "an emissions
target", not "de-escalation". Works on spaCy tokens; nothing here imports spaCy.
"""

from __future__ import annotations

from typing import Any

from briefing.plugins.text.words import word_set

HARM_EVENTS = word_set("""
attack assault strike airstrike bomb bombing blast explosion explode detonate shoot shooting kill
killing murder massacre assassinate assassination kidnap kidnapping abduct abduction hijack
hijacking invade invasion seize seizure capture recapture retake storm overrun occupy occupation
annex annexation encircle surround besiege siege raid shell shelling target destroy destruction
sabotage poison terrorism terror escalate escalation retaliate retaliation war offensive incursion
coup uprising riot outbreak famine default blockade expel deport evict execute execution torture
crime atrocity bloodbath oust overthrow topple dislodge crush rout
""")
# Objects that make a verb of seizure an idiom: "seize the initiative", "capture the imagination".
IDIOMATIC_OBJECTS = word_set("""
initiative opportunity chance moment day momentum lead attention imagination headline headlines
mood spotlight title trophy victory
""")
# "Take over" is seizing when what is taken is a place ("take over the checkpoints"); companies
# take over companies.
HELD_PLACES = word_set("""
town city village territory area region base district province airport port border capital
position checkpoint neighbourhood neighborhood
""")
# "Execute" kills only people: one executes a plan, an order, a file or code.
EXECUTE = word_set("execute execution")
EXECUTED_THINGS = word_set("""
plan order strategy task file code command program programme script payload instruction
transaction contract will warrant attachment malware software macro query function
""")


def _executes_a_thing(token: Any) -> bool:
    """"Lure the victim into executing the file", "the execution of arbitrary code": what is
    executed is a plan or a program, not a person."""
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [g for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children]
    if token.dep_ in ("compound", "amod"):
        objects.append(token.head)  # "code execution", "remote command execution"
    objects += [c for o in list(objects) for c in o.children if c.dep_ == "compound"]
    return any(o.lemma_.lower() in EXECUTED_THINGS for o in objects)


_NOT_NEGATED_BY_PREFIX = frozenset({"de", "anti", "counter", "non", "post", "pre"})
COUNTER_STILL_HARM = word_set("attack offensive strike assault raid")
def prefixed_away(token: Any) -> bool:
    """"de-escalation", "counter-terrorism", "anti-war": the prefix turns the harm word around
    (a "counter-attack" or "counter-offensive" is still an attack)."""
    doc = token.doc
    if token.i < 2 or doc[token.i - 1].text != "-" or doc[token.i - 2].lower_ not in _NOT_NEGATED_BY_PREFIX:
        return False
    return not (doc[token.i - 2].lower_ == "counter" and token.lemma_.lower() in COUNTER_STILL_HARM)


def _taking_a_place(token: Any) -> bool:
    """"Take (over) the town", "trying to take the entire province": "take" with a held place as
    its object is seizing it, with or without "over" (as risk_stakes already reads it for
    severity); a company taken over or "take place" is not."""
    if token.lemma_.lower() != "take" or token.pos_ != "VERB":
        return False
    return any(c.dep_ == "dobj" and _a_place(c) for c in token.children)


APPROACHING = word_set("advance push close break")
TOWARDS = word_set("on upon toward towards into against")


def _a_place(token: Any) -> bool:
    return token.ent_type_ in ("GPE", "LOC", "FAC") or token.lemma_.lower() in HELD_PLACES


def approaching_a_place(token: Any) -> bool:
    """"advance on the town", "push towards the capital", "close in on Kobane", "break into the
    district": forces moving
    against a place, an attempt to take it (not "shares advanced on hopes"; not "march on", which
    is as often a protest as an assault).
    Any proper name counts as a place here: the recogniser often types a town it does not know as
    a person ("Ain al-Arab")."""
    if token.lemma_.lower() not in APPROACHING or token.pos_ != "VERB":
        return False
    preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ in TOWARDS]
    if token.lemma_.lower() == "break":  # only "break into"
        preps = [p for p in preps if p.lower_ == "into"]
    if token.lemma_.lower() == "close":  # only "close in on"
        if not any(c.dep_ in ("prt", "advmod", "prep") and c.lower_ == "in" for c in token.children):
            return False
        preps += [g for c in token.children if c.lower_ == "in" for g in c.children
                  if g.dep_ == "prep" and g.lower_ in TOWARDS]
    return any(_a_place(g) or g.pos_ == "PROPN" for p in preps for g in p.children if g.dep_ == "pobj")


RESPONSE = word_set("response respond reaction react")
FORCE_QUALIFIERS = word_set("forceful forcible military armed unilateral")


def _forceful_response(token: Any) -> bool:
    """"A military response", "a unilateral response", "respond with force": a response by force
    is an attack to come (a "strong response" or a "response to the letter" is not)."""
    if token.lemma_.lower() not in RESPONSE:
        return False
    qualifiers = [c for c in token.children if c.dep_ == "amod"]
    qualifiers += [g for q in qualifiers for g in q.children if g.dep_ == "conj"]
    if any(q.lower_ in FORCE_QUALIFIERS for q in qualifiers):
        return True
    withs = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "with"]
    return any(g.lemma_.lower() == "force" for c in withs for g in c.children)


PLACING = word_set("put place")


def _placing_under_control(token: Any) -> bool:
    """"Put the internet under government control", "place the press under military control": a
    seizure of what is free ("bring the fire under control" is not one: "bring" is left out)."""
    if token.lemma_.lower() not in PLACING or token.pos_ != "VERB":
        return False
    return any(c.dep_ == "prep" and c.lower_ == "under" and any(g.lemma_.lower() == "control"
               for g in c.children if g.dep_ == "pobj") for c in token.children)


def harm_event(token: Any) -> bool:
    """A harmful event word (attack, seize, siege ...) used as one, not as an idiom or a label."""
    if _taking_a_place(token) or approaching_a_place(token) or _forceful_response(token) \
            or _placing_under_control(token):
        return True
    if token.lemma_.lower() == "target" and token.pos_ != "VERB":
        return False  # "targets in Britain", "an emissions target"
    if token.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lemma_.lower() in IDIOMATIC_OBJECTS
                                    for c in token.children):
        return False
    if token.lemma_.lower() in EXECUTE and _executes_a_thing(token):
        return False
    return ((token.lemma_.lower() in HARM_EVENTS or token.lower_ in HARM_EVENTS)
            and token.pos_ in ("NOUN", "VERB") and not prefixed_away(token))
