"""Threats without a risk word: a harmful act that is planned, attempted, threatened, feared or foiled.

News states many risks without "risk", "threat" or "could": "police foiled a planned attack on two
churches", "the army is attempting to seize the town", "the cartel is trying to make up for its losses
by increasing raids", "the minister is concerned about sheltering a man accused of fraud".
What makes each a risk is a frame that puts a harmful event ahead of the facts, not a word of
probability. The frames follow FrameNet's (Intentionally_act/Attempt "try to", Purpose "plan to",
Commitment "vow to", Preventing "foil", Fear "be concerned about", Readiness "ready to") and the
event is a harm by `risk_harm_events` (the attack, seizure and disaster vocabulary of news event
schemas):

- a harmful event in the complement of a verb, noun or adjective of intent, attempt, threat,
  preparation or prevention ("plotted to attack", "an attempt to storm", "ready to strike",
  "foiled an attack"), or qualified as such ("a planned attack", "an imminent invasion");
- a harmful act told as a plain future ("the rebels will attack at dawn"); a response by force
  is one ("must respond with force", "promised a military response");
- a concern or fear with what it is about ("concerned about", "fears over"), when that names a
  harm or something ahead ("worried the series might hurt him"; not "worried about how I
  look"); told in the simple past it is history ("he feared");
- weapons found, seized, stockpiled or made (`risk_weapons`: "an arms cache was uncovered",
  "seized explosives", "where they make car bombs");
- the return of fighters ("militants may return to Russia", "the return of foreign fighters").

A frame negated ("did not plan an attack") or pinned in the past by the text ("a decade ago", a
"when" clause) is no risk. Works on spaCy tokens; nothing here imports spaCy.
"""

from __future__ import annotations

from typing import Any

from briefing.plugins.analysis.extract.risk_charges import named_as_charge
from briefing.plugins.analysis.extract.risk_harm_events import (
    APPROACHING,
    HARM_EVENTS,
    PLACING,
    RESPONSE,
    approaching_a_place,
    harm_event,
)
from briefing.plugins.analysis.extract.risk_hindsight import unprevented
from briefing.plugins.analysis.extract.risk_modality import perfect_have, reported_possibility
from briefing.plugins.analysis.extract.risk_stakes import harm_words
from briefing.plugins.analysis.extract.risk_tense import (
    FORWARD_AUX,
    clause_verb,
    is_had,
    is_past,
    looks_ahead,
    pinned_in_past,
)
from briefing.plugins.analysis.extract.risk_text import negated_frame, tokens_in
from briefing.plugins.analysis.extract.risk_weapons import weapons_found
from briefing.plugins.text.words import word_set

# Governors that put their complement ahead of the facts (intent, attempt, threat, preparation,
# prevention), by part of speech.
INTENT_VERBS = word_set("""
plan plot intend prepare aim seek try attempt vow pledge promise threaten conspire scheme urge
foil thwart prevent avert disrupt defuse
""")
INTENT_NOUNS = word_set("""
plot plan attempt bid threat intention preparation warning prospect danger risk request call order
demand authorization authorisation approval backing effort operation mission
""")  # the last three: an undertaking with a purpose ("an operation to encircle the militants")
# Nouns of a goal: what they are of is their purpose only when it is an act ("the aim of
# recapturing the city", "their goal is to seize the port"); "the aim of the attack" is the
# attack's purpose, and the attack a fact.
GOAL_NOUNS = word_set("aim goal objective")
# Intent nouns of asking: they frame what they ask for ("a call for strikes", "an order to
# attack"), not what they report ("a call of a man being shot", "a call about a man shot").
REQUEST_NOUNS = word_set("request call order demand authorization authorisation approval backing")
CONSENT_NOUNS = word_set("authorization authorisation approval backing")

# A goal that is achieved, reached or missed is told for its success or failure, which the
# clause reports ("incapable of achieving its goal of destroying the group"), not as ahead.
ACHIEVING = word_set("achieve attain accomplish fulfil fulfill reach meet miss abandon")
# Verbs that undo or look back on a harm: "plans to end the war", "tried to break the siege",
# "seeks to investigate the attack" frame the harm as something to be over, not to come.
UNDOING = word_set("""
end stop break lift halt cease resolve settle escape flee survive condemn deny investigate report
mark commemorate mourn recall remember document blame oppose protest ban outlaw criticise criticize
reduce cut curb tackle combat counter punish prosecute
""")
TEMPORAL_PREPOSITIONS = word_set("after before since during following despite amid amidst until")
READY_ADJECTIVES = word_set("ready poised set about prepared determined bent")
PLANNED = word_set("""
planned foiled thwarted attempted threatened feared intended imminent impending looming possible
potential prospective
""")
CONCERN_ADJECTIVES = word_set("concerned worried afraid fearful anxious alarmed nervous wary")
CONCERN_NOUNS = word_set("fear worry concern alarm")
CONCERN_PREPOSITIONS = word_set("about over of for that")
# Concern about a report is a reaction to news, not a fear of what may come.
NEWS_NOUNS = word_set("""
report news footage image video claim allegation account statement remark comment picture photo
""")
CONCERN_VERBS = word_set("fear worry dread concern")  # "concern" as in "they are concerned (that)"
CAUSING_CONCERN = word_set("alarm worry frighten scare")  # the subject is what is feared
CONCERN_WORDS = CONCERN_ADJECTIVES | CONCERN_NOUNS | CONCERN_VERBS | CAUSING_CONCERN
COPULAS = word_set("be become remain")  # "ransomware has become a concern": the subject is feared
SPEECH_OF_CONCERN = word_set("raise express voice cite share")  # "raised concerns": a speech act
# Losses a concern may be about besides violence (what risk_stakes counts as money and order).
ORDER_AND_LOSS = word_set("""
loss damage crisis sanction unrest disruption shortage failure decline recession default collapse
bankruptcy unemployment eviction deportation instability violence harm injury death
""")
RETURN = word_set("return")
TAKE = word_set("take")
FIGHTERS = word_set("fighter militant jihadist insurgent extremist terrorist combatant mercenary")
_COMPLEMENT = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl", "conj", "nsubjpass",
                         "attr", "compound", "appos", "agent"})
MAX_CLIMB = 6
PLAIN_FUTURE = FORWARD_AUX - {"could", "may", "might", "can", "ca"}


def _infinitive_of_a_noun(verb: Any) -> bool:
    """"An operation to oust HTS": the parser may label the infinitive a relative clause, but "to"
    before it makes it the noun's purpose, as "acl" would."""
    return verb.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)



def _asked_for(edge: Any, harm: Any) -> bool:
    """The way into a noun of asking names what is asked: "for" ("a call for strikes"), an
    infinitive ("an order to attack"), or, after a noun of consent, "of" with the harm itself as its
    object ("approval of air strikes"); "a call of the shooting", "the demand of the protesters"
    and "a call of a man being shot" name what was reported or who asks."""
    if edge.dep_ == "prep" and edge.lower_ == "of":
        return edge.head.lemma_.lower() in CONSENT_NOUNS and harm.head.i == edge.i
    if edge.dep_ == "prep":
        return edge.lower_ == "for"
    return edge.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in edge.children)


def _governor(token: Any) -> Any | None:
    """The nearest word above a harm event that frames it as intended, attempted or prevented."""
    if any(c.dep_ == "amod" and c.lower_ in PLANNED and not negated_frame(c) and not reported_possibility(c)
           for c in token.children):
        return token  # not "investigate possible war crimes": what may have been done
    if approaching_a_place(token) and not is_past(token):
        return token  # "IS closes in on the town": an attempt under way, its outcome open
    verb = token
    while verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head  # "would take out the organics and destroy the bones": the auxiliary is shared
    auxes = [c for c in verb.children if c.dep_ == "aux"]
    if token.pos_ == "VERB" and any(looks_ahead(a, PLAIN_FUTURE) for a in auxes) \
            and not any(a.lemma_ == "have" for a in auxes):
        return token  # "will attack", "would strike" (a hedged one is the hedge rule's)
    current = token
    for _ in range(MAX_CLIMB):
        if not (current.dep_ in _COMPLEMENT or _infinitive_of_a_noun(current)) or current.head.i == current.i:
            return None
        edge, current = current, current.head
        lemma = current.lemma_.lower()
        if lemma in UNDOING or (current.dep_ == "prep" and current.lower_ in TEMPORAL_PREPOSITIONS):
            return None
        if current.pos_ in ("VERB", "AUX") and lemma in INTENT_VERBS:
            return current
        if lemma == "be" and edge.dep_ in ("xcomp", "ccomp", "attr") and token.pos_ == "VERB":
            purpose = [c for c in current.children if c.dep_ == "nsubj"
                       and c.lemma_.lower() in INTENT_NOUNS | GOAL_NOUNS]
            if purpose:
                return purpose[0]  # "the plan is to destroy the militia", "their goal is to seize"
        if current.pos_ == "NOUN" and lemma in INTENT_NOUNS:
            if lemma in REQUEST_NOUNS and not _asked_for(edge, token):
                return None  # "a call of a man being shot": what was reported, not what is asked for
            return current
        if current.pos_ == "NOUN" and lemma in GOAL_NOUNS and token.pos_ == "VERB":
            return None if current.head.lemma_.lower() in ACHIEVING else current
        if current.pos_ in ("ADJ", "VERB") and current.lower_ in READY_ADJECTIVES and not _finding(current) \
                and (edge.dep_ == "xcomp" or (edge.dep_ == "prep" and edge.lower_ in ("for", "on"))):
            return current  # "ready to strike", "bent on revenge"; not "set off the bombs"
        owner = current.head
        if current.dep_ == "prep" and owner.pos_ in ("NOUN", "PROPN", "PRON") and not harm_event(owner) \
                and owner.lemma_.lower() not in INTENT_NOUNS | GOAL_NOUNS:
            return None  # "the victims of the attacks": a harm that describes a noun, not one intended
    return None


def _finding(word: Any) -> bool:
    """"The jury determined it to be a crime": a word of readiness used as a finite verb in the
    past with its own subject decides or finds; "they are determined to strike" is ready."""
    return word.tag_ == "VBD" and any(c.dep_ == "nsubj" for c in word.children)


def _told_as_past(verb: Any) -> bool:
    """Simple past or past perfect of the verb itself ("he feared", "had worried")."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in auxes):
        return False
    return auxes[0].tag_ == "VBD" if auxes else verb.tag_ == "VBD"


# What a concern for someone is about: "concern about the fate of the 200,000 people still in
# the districts", "fears for the safety of the crew" fear for their lives, though no harm is named.
WELFARE = word_set("fate safety welfare wellbeing well-being survival")


def harmful_or_ahead(content: Any) -> bool:
    """What a concern is about names a harm ("accused of war crimes"), someone's fate or safety,
    or something ahead ("the series might hurt him"); "worried about how I look" is none."""
    for token in content.subtree:
        if harm_event(token) or token.lemma_.lower() in ORDER_AND_LOSS | WELFARE or harm_words([token]):
            return True
        if (token.tag_ == "MD" and not is_had(token)) or (token.dep_ == "aux" and looks_ahead(token)):
            return True
    return False


def _about_news(content: Any) -> bool:
    objects = [g for g in content.children if g.dep_ == "pobj"] if content.dep_ == "prep" else [content]
    return bool(objects) and all(o.lemma_.lower() in NEWS_NOUNS for o in objects)


REALISED = word_set("reality true realise realize materialise materialize confirm justify")


def _came_true(token: Any) -> bool:
    """"Fears over a stall have become a reality", "the worries were confirmed": a fear that came
    true reports a harm that happened."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = token.head
    words = [verb, *(c for c in verb.children if c.dep_ in ("attr", "acomp", "oprd"))]
    return any(w.lemma_.lower() in REALISED or w.lower_ in REALISED for w in words)


def _feared_done(content: list[Any]) -> bool:
    """"The quake is feared to have killed thousands": a perfect infinitive fears what has already
    happened (an estimate of the toll), not what may come."""
    return all(c.pos_ in ("VERB", "AUX") and any(a.dep_ == "aux" and perfect_have(a) for a in c.children)
               for c in content)


def _public_fears(token: Any) -> bool:
    """"Fears over the economy's strength", "concerns over data sharing": a fear noun in the plural
    names a mood about what may befall its object, whatever that object is (a single person's
    "worry about how I look" needs a harm in what it is about)."""
    return token.pos_ == "NOUN" and token.tag_ == "NNS" and token.lemma_.lower() in CONCERN_NOUNS


def _concern(span: Any) -> Any | None:
    """A concern or fear with its content ("concerned about X", "fears over X", "fear that X")."""
    for token in tokens_in(span, CONCERN_WORDS):
        lower, lemma = token.lower_, token.lemma_.lower()
        owners = [token, token.head] if token.pos_ == "ADJ" and token.dep_ == "acomp" else [token]
        content = [c for owner in owners for c in owner.children if c.dep_ in ("prep", "ccomp", "xcomp")
                   and c.i != token.i and (c.dep_ != "prep" or c.lower_ in CONCERN_PREPOSITIONS)]
        if token.pos_ == "VERB" and lemma in CAUSING_CONCERN:
            content += [c for c in token.children if c.dep_ == "nsubj"]
        if token.pos_ == "NOUN" and token.dep_ == "attr" and token.head.lemma_.lower() in COPULAS:
            content += [c for c in token.head.children if c.dep_ == "nsubj"]  # "X is a growing concern"
        if not content or negated_frame(token) or _came_true(token) or all(_about_news(c) for c in content) \
                or _feared_done(content) \
                or not (_public_fears(token) or any(harmful_or_ahead(c) for c in content)):
            continue
        if token.pos_ == "ADJ" and lower in CONCERN_ADJECTIVES:
            head = token.head if token.dep_ in ("acomp", "amod") else token
        elif token.pos_ == "NOUN" and lemma in CONCERN_NOUNS:
            head = token.head
        elif token.pos_ == "VERB" and lemma in CONCERN_VERBS | CAUSING_CONCERN:
            head = token
        else:
            continue
        verb = head if head.pos_ in ("VERB", "AUX") else token
        if negated_frame(head):
            continue
        if not _told_as_past(verb) or verb.lemma_.lower() in SPEECH_OF_CONCERN:
            return token
    return None


def _returning_fighters(span: Any) -> Any | None:
    for token in tokens_in(span, RETURN):
        who = [c for c in token.children if c.dep_ in ("nsubj", "prep")]
        of = [g for w in who for g in ([w] if w.dep_ == "prep" else w.children)
              if g.dep_ == "prep" and g.lower_ == "of"]
        who += [g for c in of for g in c.children]  # "the return of fighters", "hundreds of fighters"
        fighters = any(w.lemma_.lower() in FIGHTERS for w in who)
        if token.dep_ == "relcl" and token.head.lemma_.lower() in FIGHTERS:
            fighters = True
        if fighters and (token.pos_ == "NOUN" or not is_past(token)):
            return token
    return None


def threat_cue(span: Any) -> Any | None:
    """The token that makes the sentence state a threat (see module doc), or None."""
    for token in tokens_in(span, HARM_EVENTS | TAKE | APPROACHING | RESPONSE | PLACING):
        if not harm_event(token) or negated_frame(token) or named_as_charge(token) or unprevented(token):
            continue  # "guilty of attempted murder": an offence judged, not an attempt under way
        governor = _governor(token)
        if governor is None or negated_frame(governor):
            continue
        clause = governor if governor.pos_ in ("VERB", "AUX") else clause_verb(governor)
        if clause is not None and pinned_in_past(clause):
            continue  # "when it fired rockets after a similar warning": history
        return token
    return _concern(span) or weapons_found(span) or _returning_fighters(span)
