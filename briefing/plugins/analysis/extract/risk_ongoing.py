"""Harm someone faces, harm that will worsen, harm one will be able to do: risks stated with
neither a risk word nor a hedge.

"Dozens of inquests face delay", "the pair await sentencing", "he faces up to 55 years in prison",
"the situation will only get worse", "prosecutors will seek the death penalty",
"European standards would suffer", "their 57 seats will be slashed". Nothing here says "risk";
what makes each a risk is that the harm lies ahead: ahead of someone who faces or awaits it
(FrameNet Run_risk: "face"), or a worsening or a loss told as future or conditional (a modal
"will"/"would"/"could" with a verb of loss, or "will be devastating"), or a capability of harm
told so ("would be able to intercept the messages"), not as a perfect ("may
have died" estimates the past) and not with "still" ("people will still die in accidents" says
that what is so goes on, which rule 3 of the gold guide reads as a report). A life stated to be
at risk is one too: "some of the wounded are in a critical condition", "remained in intensive
care"; and so is a place or thing said not to be safe ("the buildings are not safe to live in").

A harm told as going on is not one of them. "The regime continues its assault", "the valley has
been under siege since the spring", "the army is shelling the port", "fighting was continuing"
report the present as fact: by the risk guide's rule 3 (bench/gold/README.md, as settled before
the third round) an ongoing harm is a risk only when the sentence states a danger ("at risk",
"under threat", "fears": the risk words of risks.py) or an attempt whose outcome is open ("trying
to seize": risk_threats), and neither needs a rule of its own here. The second round's rules for
harm going on (a harm with "continue", "ongoing", the progressive, "under siege") were removed in
the third round for that reason.

A harm faced told as past is history by the tense rules of risk_tense ("he faced charges" in the
simple past outside reported speech). Works on spaCy tokens; nothing here imports spaCy.
"""

from __future__ import annotations

from typing import Any

from briefing.plugins.analysis.extract.risk_harm_events import harm_event
from briefing.plugins.analysis.extract.risk_stakes import names_harm
from briefing.plugins.analysis.extract.risk_tense import AHEAD_MODALS, looks_ahead, told_as_past
from briefing.plugins.analysis.extract.risk_text import negated_here, tokens_in
from briefing.plugins.text.words import word_set

# What someone may face or await: loss of liberty, life, home, money or time.
JEOPARDY = word_set("""
delay delays shortage shortages prosecution trial charge charges jail prison sentence sentencing
execution deportation eviction closure cut cuts bankruptcy extinction famine starvation penalty
redundancy redundancies layoff layoffs demolition fine fines
""")
FACING = word_set("face await")
# A prison term faced (see _prison_term): its unit of time, and what it is served in.
TERMS = word_set("year month decade")
LIFE = word_set("life")
# A penalty asked of a court ("will seek the death penalty"): what the accused may be given.
SEEKING = word_set("seek pursue")
PENALTIES = word_set("penalty execution sentence imprisonment")
# "Life" is a penalty only as life behind bars ("seek life in prison"); "seek a better life" is none.
CUSTODY = word_set("prison jail custody")
PROSPECT = word_set("prospect possibility")
WORSE = word_set("worse")
WORSENING = word_set("worsen deteriorate")
BECOMING = word_set("get grow become turn")
# Verbs of loss or damage, and predicates of harm, that a modal puts ahead ("would suffer",
# "will be slashed", "would be devastating"); the attack vocabulary is risk_threats'.
LOSS_VERBS = word_set("""
suffer lose slash sack ruin damage harm hurt destroy devastate cripple collapse fail die wipe
strain stretch undermine weaken wreak
""")
HARM_PREDICATES = word_set("""
devastating catastrophic disastrous disaster catastrophe fatal deadly harmful damaging ruinous
bankruptcy chaos havoc
""")
CONDITIONS = word_set("if unless")
# A life at risk: "are in a critical condition" (or a serious or grave one), "their injuries are
# critical", "critically wounded", "remained in intensive care".
CRITICAL = word_set("critical critically intensive serious grave")
CRITICAL_STATES = word_set("condition state situation")
INJURED = word_set("injury wound injured wounded casualty victim")
INJURING = word_set("injure wound ill injured wounded")
# What is said of a patient in intensive care ("remained in", "was rushed to"); not "works in".
PATIENT_VERBS = word_set("be remain stay lie admit take rush fly airlift transfer move treat keep")
# A capability ahead: "would be able to intercept the messages", "would allow an attacker to steal".
ABLE = word_set("able")
ENABLING = word_set("allow let enable permit")
# Verbs of expectation: a worsening expected is one ahead ("expect the problem to get worse").
EXPECTING = word_set("expect anticipate predict forecast foresee")
# Said of a place or a thing, "not safe" states a danger as "dangerous" does.
SAFE = word_set("safe unsafe")
SURMISING = word_set("say assume conclude bet predict suppose")
_WORDS = FACING | SEEKING | WORSE | WORSENING | LOSS_VERBS | HARM_PREDICATES | CRITICAL | ABLE | ENABLING \
    | SAFE


def _perfect(verb: Any) -> bool:
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def _bare_participle(verb: Any) -> bool:
    """"sent to a camp awaiting deportation": a participle with no auxiliary or subject of its own
    hangs on the clause above it and takes its time."""
    return verb.tag_ in ("VBG", "VBN") and verb.dep_ in ("advcl", "acl", "xcomp") and not any(
        c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "mark") for c in verb.children)


def _faced(token: Any) -> bool:
    """"dozens of inquests face delay", "faces the prospect of closure", "await sentencing"; not
    "face Arsenal in a crunch clash" (a contest is no harm to face), nor a hardship that "has faced"
    someone "for months" (the perfect reports a state that went on, not one ahead), nor one awaited
    in a participle of a past narrative ("was sent to a camp awaiting deportation")."""
    if token.pos_ != "VERB" or negated_here(token) or told_as_past(token) or _perfect(token):
        return False
    if _bare_participle(token) and told_as_past(token.head):
        return False
    for obj in (c for c in token.children if c.dep_ == "dobj"):
        what = [obj]
        if obj.lemma_.lower() in PROSPECT:
            what += [g for p in obj.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children]
        if any(w.lemma_.lower() in JEOPARDY or w.lower_ in JEOPARDY or harm_event(w) for w in what):
            return True
        if _prison_term(obj, token):
            return True
    return False


def _prison_term(term: Any, verb: Any) -> bool:
    """"Faces up to 55 years in prison", "faces up to 15 years to life", "faces 10 years in jail":
    a span of time faced is a sentence when prison, jail or life is named with it, or "up to"
    bounds it; "faces its worst year since 1990" is none."""
    if term.lemma_.lower() not in TERMS:
        return False
    if any(c.dep_ == "quantmod" and c.lower_ == "up" for n in term.children for c in (n, *n.children)):
        return True
    preps = [p for p in (*term.children, *verb.children) if p.dep_ == "prep"]
    return any(g.lemma_.lower() in CUSTODY | LIFE for p in preps for g in p.children)


def _penalty_sought(token: Any) -> bool:
    """"Prosecutors will seek the death penalty", "whether to seek life in prison": a penalty
    asked of a court is a loss of life or liberty ahead of the accused, its outcome open; not one
    sought in the past ("sought the death penalty"), nor negated ("will not seek")."""
    if token.pos_ != "VERB" or negated_here(token) or told_as_past(token) or _perfect(token):
        return False
    objects = [c for c in token.children if c.dep_ == "dobj"]
    objects += [g for o in objects for g in o.children if g.dep_ == "conj"]  # "death or life in prison"
    return any(o.lemma_.lower() in PENALTIES or o.lower_ in PENALTIES or _life_inside(o, token)
               for o in objects)


def _life_inside(noun: Any, verb: Any) -> bool:
    """"Life in prison", "life without parole" asked of a court (the parser may hang the phrase on
    the verb); not "a better life in Europe"."""
    if noun.lower_ != "life":
        return False
    return any(c.dep_ == "prep" and (c.lower_ == "without" or any(g.lemma_.lower() in CUSTODY
                                                                    for g in c.children))
               for c in (*noun.children, *verb.children))


def _worsening_ahead(token: Any) -> bool:
    """"will only worsen", "would deteriorate", "will get worse": a worsening told as future."""
    verb = token
    if token.lower_ in WORSE:
        if token.dep_ != "acomp" or token.head.lemma_.lower() not in BECOMING:
            return False
        verb = token.head
    elif token.lemma_.lower() not in WORSENING or token.pos_ != "VERB":
        return False
    if negated_here(verb):
        return False
    expected = verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in EXPECTING \
        and not negated_here(verb.head) and not told_as_past(verb.head)
    return expected or any(c.dep_ == "aux" and looks_ahead(c) for c in verb.children)


def _loss_ahead(token: Any) -> bool:
    """"Standards would suffer", "seats will be slashed", "it would be devastating": a loss told
    as future or conditional, outside an "if" clause, not negated, not perfect, not "still"."""
    verb = token
    if token.lemma_.lower() in HARM_PREDICATES or token.lower_ in HARM_PREDICATES:
        if token.dep_ not in ("acomp", "attr") or token.head.lemma_ != "be":
            return False
        verb = token.head
    elif token.lemma_.lower() not in LOSS_VERBS or token.pos_ != "VERB":
        return False
    if negated_here(verb) or any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in verb.children):
        return False
    while verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and verb.head.i != verb.i \
            and not any(c.dep_ == "aux" for c in verb.children):
        verb = verb.head  # "would sack them and ruin the club": the modal is shared
    if any(c.dep_ == "advmod" and c.lower_ == "still" for c in verb.children):
        return False
    auxes = [c for c in verb.children if c.dep_ == "aux"]
    if any(a.lemma_ == "have" for a in auxes):
        return False  # "may have died": an estimate of the past
    return any(looks_ahead(a, AHEAD_MODALS) and a.tag_ == "MD" for a in auxes)


def _critical(token: Any) -> bool:
    """"Some of the wounded are in a critical condition", "most injuries are critical", "was
    critically wounded", "remained in intensive care": lives at risk, stated of someone. As an
    attribute inside a noun phrase ("dozens wounded, including some in critical condition") it
    classifies, as "vulnerable children" does (see risk_words._attributive), and states nothing."""
    if token.lower_ == "critically":
        return token.head.lemma_.lower() in INJURING or token.head.lower_ in INJURING
    if token.lower_ == "intensive":
        # "remained in intensive care", "is in an intensive care unit"; not "has an intensive
        # care unit" or "trained in intensive care medicine"
        place = token.head
        if place.lower_ == "care" and place.dep_ == "compound":
            place = place.head
        care = place.lower_ == "care" or (place.lower_ in ("unit", "ward") and any(
            c.lower_ == "care" and c.dep_ == "compound" for c in place.children))
        return token.dep_ in ("amod", "compound") and care and place.dep_ == "pobj" \
            and place.head.lower_ in ("in", "to") and place.head.head.lemma_.lower() in PATIENT_VERBS
    if negated_here(token):
        return False
    critical = token.lower_ == "critical"
    # "in a critical condition", "in a serious condition"; "serious" and "grave" only of a condition
    # ("a grave situation", "serious concerns" state no life at risk)
    states = CRITICAL_STATES if critical else {"condition"}
    if token.dep_ == "conj" and token.head.dep_ == "amod":
        token = token.head  # "in stable but critical condition": the first adjective's place
    if token.dep_ == "amod" and token.head.lemma_.lower() in states:
        into = token.head.head
        return token.head.dep_ == "pobj" and into.lower_ == "in" and into.head.pos_ in ("VERB", "AUX")
    if critical and token.dep_ == "acomp":
        return any(c.dep_ == "nsubj" and (c.lemma_.lower() in INJURED or c.lower_ in INJURED)
                   for c in token.head.children)
    return False


def _unsafe(token: Any) -> bool:
    """"The buildings are not safe to live in", "the road is unsafe", "no longer safe": a danger
    stated of something, as "dangerous" would state it; not as an attribute ("an unsafe road"),
    and not told as past."""
    if token.dep_ not in ("acomp", "attr") or token.head.lemma_ != "be" or told_as_past(token.head):
        return False
    said = (*token.children, *token.head.children)
    if any(c.dep_ == "xcomp" and c.lemma_.lower() in SURMISING for c in said):
        return False  # "it is not safe to say": a judgement, not a danger
    if token.lower_ == "unsafe":
        return not negated_here(token.head)
    return token.lower_ == "safe" and (negated_here(token.head) or negated_here(token))


def _forward(verb: Any) -> bool:
    """A modal of the future or a condition on the verb (or shared with the verb it is joined to),
    not negated, not perfect ("would have allowed him": a past that did not happen)."""
    while verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and verb.head.i != verb.i \
            and not any(c.dep_ == "aux" for c in verb.children):
        verb = verb.head
    auxes = [c for c in verb.children if c.dep_ == "aux"]
    return any(looks_ahead(a, AHEAD_MODALS) and a.tag_ == "MD" for a in auxes) \
        and not any(a.lemma_ == "have" for a in auxes) and not negated_here(verb)


def _able_to_harm(token: Any) -> bool:
    """"Would be able to intercept the messages", "will be able to shell the city", "would allow
    an attacker to steal the data": a capability of harm told as future or conditional (a harm by
    risk_stakes or a harmful event). "Allowed them to steal" in the past reports what was done."""
    if token.pos_ == "VERB" and token.lemma_.lower() in ENABLING:
        # who is enabled or what they are enabled to do, itself the harm or its doer: not a harm
        # word deeper in ("will allow us to repair damaged parts")
        done = [c for c in token.children if c.dep_ in ("xcomp", "ccomp", "dobj")]
        done += [s for d in done for s in d.children if s.dep_ == "nsubj"]
        return _forward(token) and any(names_harm([d]) for d in done)
    if token.lower_ not in ABLE or token.dep_ != "acomp" or token.head.lemma_ != "be":
        return False
    done = [c for c in token.children if c.dep_ == "xcomp"]
    return bool(done) and _forward(token.head) and names_harm(done[0].subtree)


def ongoing_cue(span: Any) -> Any | None:
    """The token that makes the sentence state a harm faced or a worsening ahead (see module doc)."""
    for token in tokens_in(span, _WORDS):
        if token.lemma_.lower() in FACING or token.lower_ in FACING:
            if _faced(token):
                return token
            continue
        if token.lemma_.lower() in SEEKING:
            if _penalty_sought(token):
                return token
            continue
        if _worsening_ahead(token) or _loss_ahead(token) or _critical(token) or _able_to_harm(token) \
                or _unsafe(token):
            return token
    return None
