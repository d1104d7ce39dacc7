"""Harm that goes on, and harm someone faces: risks stated with neither a risk word nor a hedge.

"The regime continues its assault on the town", "the valley has been under siege since the
spring", "the army is shelling the port", "the continued raids on farms", "dozens of inquests face
delay", "the pair await sentencing", "the situation will only get worse". Nothing here says
"risk" or "could"; what makes each a risk is the aspect of the clause. The harm is told as going
on now, so it may go on (the continuative frames of FrameNet, Activity_ongoing and
Process_continue: "continue", "keep", "go on", "persist", "rage", "ongoing", "continued"; the
progressive; "under siege", "under attack"), or as lying ahead of someone who faces or awaits it
(FrameNet Run_risk: "face"), or as a worsening told as future.

A harm told as past is history by the tense rules of risk_tense: "the army continued its raids on
Monday", "the convoy came under attack", "he faced charges" (simple past outside reported speech)
state no risk today; "the monitor said fighting was continuing" does (the report shifts the tense).
Works on spaCy tokens; nothing here imports spaCy.
"""

from __future__ import annotations

from typing import Any

from briefing.plugins.analysis.extract.risk_tense import FORWARD_AUX, is_past, told_as_past
from briefing.plugins.analysis.extract.risk_threats import HARM_EVENTS, WEAPONS, harm_event, prefixed_away
from briefing.plugins.analysis.nlp.token_table import plain_tokens
from briefing.plugins.text.words import word_set

# Harms that go on rather than happen once, beside the attack vocabulary of risk_threats.
ONGOING_HARM = word_set("""
fighting clash clashes violence bombardment persecution die exterminate starve starvation
worsen deteriorate
""")
CONTINUING_VERBS = word_set("continue keep persist resume intensify rage raging rages")
CONTINUING_PARTICLES = frozenset({("go", "on"), ("carry", "on"), ("step", "up"), ("keep", "up")})
CONTINUING_ADJECTIVES = word_set("""
ongoing continued continuing continual persistent relentless renewed unabated incessant
""")
# Not "fire": "the minister has been under fire" is criticism.
UNDER = word_set("siege attack bombardment shelling occupation blockade assault")
# What someone may face or await: loss of liberty, life, home, money or time.
JEOPARDY = word_set("""
delay delays shortage shortages prosecution trial charge charges jail prison sentence sentencing
execution deportation eviction closure cut cuts bankruptcy extinction famine starvation penalty
redundancy redundancies layoff layoffs demolition
""")
FACING = word_set("face await")
PROSPECT = word_set("prospect possibility")
WORSE = word_set("worse")
BECOMING = word_set("get grow become turn")
FINITE = frozenset({"VBZ", "VBP", "VBD"})
# Verbs that say what state something is in: "is under siege", "came under attack"; "leave areas
# under siege" describes the areas (as "vulnerable children" describes children).
BEING_IN = word_set("be remain stay live lie")
COMING_UNDER = word_set("come fall")
_WORDS = HARM_EVENTS | ONGOING_HARM | WEAPONS | JEOPARDY | FACING | WORSE


def _is_harm(token: Any) -> bool:
    if prefixed_away(token):
        return False
    if token.lemma_.lower() in ONGOING_HARM:  # by lemma: the noun "fighting", not "fighting a campaign"
        return token.pos_ in ("NOUN", "VERB")
    return harm_event(token)


def _negated(token: Any) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in token.children)


def _continuing(verb: Any) -> bool:
    """A verb of going on ("continue", "keep", "rage", "go on", "step up"), not told as past."""
    if verb.pos_ not in ("VERB", "AUX") or _negated(verb):
        return False
    lemma, lower = verb.lemma_.lower(), verb.lower_
    particles = {(lemma, c.lower_) for c in verb.children if c.dep_ == "prt"}
    if not (lemma in CONTINUING_VERBS or lower in CONTINUING_VERBS or particles & CONTINUING_PARTICLES):
        return False
    return not told_as_past(verb)


def _verb_above(token: Any) -> Any | None:
    """The verb a harm is the object of ("use banned weapons"; not "search amid destruction")."""
    return token.head if token.dep_ == "dobj" else None


def _goes_on(token: Any) -> bool:
    """The harm is told as going on: "continued raids", "continues its assault", "keep attacking",
    "continue with the crimes", "continues to use banned weapons", "fighting was continuing"."""
    if any(c.dep_ == "amod" and c.lower_ in CONTINUING_ADJECTIVES for c in token.children):
        return True
    head = token.head
    if token.dep_ in ("dobj", "nsubj", "xcomp") and _continuing(head):
        return True
    if token.dep_ == "pobj" and head.lower_ == "with" and _continuing(head.head):
        return True
    verb = _verb_above(token)
    return verb is not None and verb.dep_ == "xcomp" and _continuing(verb.head)


def _progressive(token: Any) -> bool:
    """"are shelling", "has been targeting", "are being starved": a harm in progress. A finite
    "be" is needed ("after being struck" is a gerund), and "there was shelling" is a noun the
    tagger read as a verb."""
    if token.pos_ != "VERB" or any(c.dep_ == "expl" for c in token.children):
        return False
    auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    finite = any(a.lemma_ == "be" and a.tag_ in FINITE for a in auxes)
    progressive = token.tag_ == "VBG"
    passive = token.tag_ == "VBN" and any(a.lower_ == "being" for a in auxes)
    return finite and (progressive or passive) and not told_as_past(token)


def _under(token: Any) -> bool:
    """"under siege", "under attack", "the target of an offensive", in a clause not told as past."""
    if token.dep_ != "pobj":
        return False
    prep = token.head
    if prep.lower_ == "under" and token.lemma_.lower() in UNDER:
        owner = prep.head
    elif prep.lower_ == "of" and prep.head.lemma_.lower() == "target" and prep.head.dep_ in ("attr", "acomp"):
        owner = prep.head.head  # "has been the target of a government offensive"
    else:
        return False
    if owner.lemma_.lower() in COMING_UNDER:
        return not is_past(owner)  # "came under attack" is an event: reported or not, past is past
    return owner.lemma_.lower() in BEING_IN and not told_as_past(owner)


def _faced(token: Any) -> bool:
    """"dozens of inquests face delay", "faces the prospect of closure", "await sentencing"; not
    "face Arsenal in a crunch clash" (a contest is no harm to face)."""
    if token.pos_ != "VERB" or _negated(token) or told_as_past(token):
        return False
    for obj in (c for c in token.children if c.dep_ == "dobj"):
        what = [obj]
        if obj.lemma_.lower() in PROSPECT:
            what += [g for p in obj.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children]
        if any(w.lemma_.lower() in JEOPARDY or w.lower_ in JEOPARDY or harm_event(w) for w in what):
            return True
    return False


def _worsening_ahead(token: Any) -> bool:
    """"will only worsen", "would deteriorate", "will get worse": a worsening told as future."""
    verb = token
    if token.lower_ in WORSE:
        if token.dep_ != "acomp" or token.head.lemma_.lower() not in BECOMING:
            return False
        verb = token.head
    elif token.lemma_.lower() not in ("worsen", "deteriorate") or token.pos_ != "VERB":
        return False
    return any(c.dep_ == "aux" and c.lower_ in FORWARD_AUX for c in verb.children) and not _negated(verb)


def ongoing_cue(span: Any) -> Any | None:
    """The token that makes the sentence state a harm going on, faced or worsening (see module doc)."""
    table = plain_tokens(span.doc)
    lemma, lower = table.lemma, table.lower
    for i in range(span.start, span.end):
        if lemma[i] not in _WORDS and lower[i] not in _WORDS:
            continue
        token = span.doc[i]
        if token.lemma_.lower() in FACING or token.lower_ in FACING:
            if _faced(token):
                return token
            continue
        if _worsening_ahead(token):
            return token
        if _negated(token):
            continue
        if token.lemma_.lower() in WEAPONS and token.pos_ == "NOUN":
            if _goes_on(token):  # "continues to use banned weapons"
                return token
            continue
        if _is_harm(token) and (_goes_on(token) or _progressive(token) or _under(token)):
            return token
    return None
