"""When a risk word states a risk: the words of risk, and the uses of them that state none.

A risk noun, verb or adjective ("threat", "warn", "vulnerable") states a risk unless its use
says otherwise, read from the parse:

- negated ("no threat", "without danger", "does not pose a threat", "never received the
  warnings"; a verb of excluding affirms it: "did not rule out the threat");
- told as past (see risk_tense), or put to use in the past ("exploited a known vulnerability":
  the risk came true, a breach done);
- removed ("the update that fixes the vulnerability", "the threat is detected");
- a reference back to a risk stated elsewhere ("when asked about the warning");
- a classifier inside a longer compound or a name ("the vulnerability handling process",
  "Threat Research Labs"), an attribute ("vulnerable children"), or under "could" of ability.

The word lists are general English vocabulary of risk (after the "risk" frame of FrameNet:
Risky_situation, Warning, Run_risk). Works on spaCy tokens; nothing here imports spaCy.
"""

from __future__ import annotations

from typing import Any

from briefing.plugins.analysis.extract.risk_harm_events import prefixed_away
from briefing.plugins.analysis.extract.risk_modality import ability_modal
from briefing.plugins.analysis.extract.risk_tense import clause_verb, told_as_past
from briefing.plugins.analysis.extract.risk_text import negated_here, tokens_in
from briefing.plugins.text.reporting import CLAIM_VERBS, SPEECH_VERBS
from briefing.plugins.text.words import word_set

# "instability" is no risk word: it names a present state ("instability harmed the children's
# schooling"); as a harm it still makes "could cause instability" and "the risk of instability" risks.
# "Escalation" is a harmful event (risk_harm_events), not a risk word: "cut off by an escalation of
# strikes" reports one; "could escalate" and "the risk of escalation" are still risks.
RISK_WORDS = word_set("""
risk threat danger warning hazard peril menace vulnerability jeopardy
warn threaten endanger jeopardize jeopardise imperil
dangerous risky vulnerable unstable volatile threatening precarious perilous hazardous
imperilled imperiled endangered
unprepared unprotected insecure defenceless defenseless
""")  # the last line: open to harm, said of someone ("enterprises are unprepared for attacks")


# Verbs whose negation affirms the risk ("did not rule out a threat", "cannot exclude the danger").
EXCLUDING = word_set("rule exclude dismiss discount deny ignore underestimate")
# Verbs whose completion removes the risk they take as object: "the release that fixes the
# vulnerability", "the threat is detected as a backdoor" ("tackle", "address" only try to).
REMEDYING = word_set("fix patch detect block quarantine neutralise neutralize defuse plug")
# Verbs that take back a warning ("lifted the tsunami warning", "were easing their warning on
# travel"): the authority has judged the danger smaller or gone. Only of a warning: "ease the
# threat to shipping" is an effort against a threat that is still there.
LIFTING = word_set("lift ease relax cancel rescind withdraw downgrade lower")


def _removing(token: Any) -> frozenset[str]:
    """The verbs whose completion removes the risk ``token`` names, and whose negation therefore
    affirms it ("has not fixed the flaw", "have not lifted the warning")."""
    return REMEDYING | (LIFTING if token.lower_ in ("warning", "warnings") else frozenset())


def _negated_before(token: Any) -> bool:
    """"No tsunami risk", "injuries described as not life threatening": the negation of a noun
    read with the risk word, just before it; the parser hangs the "no" or "not" on that noun, or,
    for "not", on the word before it."""
    doc = token.doc
    if token.i - 1 < token.sent.start or doc[token.i - 1].pos_ != "NOUN":
        return False
    before = doc[token.i - 1]
    return negated_here(before) or (before.i - 1 >= token.sent.start and doc[before.i - 1].lower_ == "not")


def negated_risk_word(token: Any) -> bool:
    """"not a threat", "no risk", "without (any) danger" (the object of "without"), or a risk
    noun (or the noun it names a kind of: "no longer a risk factor") that is the object of a
    negated verb ("never received the warnings", "does not pose a threat", "did not respond to
    the warnings"), unless the verb excludes ("did not rule out")."""
    if token.dep_ == "pobj" and token.head.lower_ == "without":
        return True
    if negated_here(token):
        return True
    if _negated_before(token):
        return True
    if token.pos_ == "ADJ" and token.dep_ in ("acomp", "attr") and negated_here(token.head):
        return True  # "will not be vulnerable", "is no longer dangerous": the copula carries the "not"
    noun = token.head if token.dep_ == "compound" and token.pos_ == "NOUN" else token  # "a risk factor"
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif noun.dep_ not in ("dobj", "attr"):
        return False
    return token.pos_ == "NOUN" and verb.pos_ in ("VERB", "AUX") \
        and verb.lemma_.lower() not in EXCLUDING | _removing(token) and negated_here(verb)


# Words whose object is a topic talked or thought about, not a claim: "asked about the warning",
# "a status page on the vulnerability", "aware of the vulnerability", "evaluate the vulnerability".
TOPIC_PREPOSITIONS = word_set("about on regarding concerning")
CONSIDERING = word_set("evaluate assess analyse analyze study discuss examine investigate aware")
DEFINITE = word_set("the this that these those")


def _referred_to(token: Any) -> bool:
    """A bare definite risk noun ("the warning", "the vulnerability": no adjective, no complement
    of its own) as the topic of a question, a page or a thought refers to a risk stated elsewhere
    in the article; the sentence itself states none ("When asked about the warning, the airline
    declined to comment")."""
    kids = [c for c in token.children if c.dep_ not in ("punct", "appos")]
    if token.pos_ != "NOUN" or not kids or any(c.dep_ != "det" or c.lower_ not in DEFINITE for c in kids):
        return False
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in TOPIC_PREPOSITIONS:
        return True
    if token.dep_ == "pobj" and head.lower_ == "of":
        head = head.head  # "aware of the vulnerability"
    return token.dep_ in ("dobj", "pobj") and head.lemma_.lower() in CONSIDERING


# Verbs of searching: risks looked for as a line of work ("responsible for finding vulnerabilities").
SEARCHING = word_set("find discover hunt search seek identify uncover spot detect")


def _sought(token: Any) -> bool:
    """A bare plural risk noun that a gerund or infinitive of searching takes as object ("is
    responsible for finding vulnerabilities", "tools to detect threats") names what some work
    looks for in general, not a risk stated; "researchers found a flaw that ..." states one."""
    verb = token.head
    bare = not any(c.dep_ in ("det", "poss", "nummod") for c in token.children)
    return token.dep_ == "dobj" and token.tag_ == "NNS" and bare and verb.lemma_.lower() in SEARCHING \
        and verb.tag_ in ("VBG", "VB") and not any(c.tag_ == "MD" for c in verb.children)


def _remedied(token: Any) -> bool:
    """A risk noun that a verb of remedy takes as its object ("fixes the vulnerability", "the
    threat is detected"), or a warning taken back ("the warning was lifted"): the sentence tells
    of the risk removed; "has not fixed the flaw" keeps it."""
    if token.dep_ == "appos":
        token = token.head
    verb = token.head
    return token.dep_ in ("dobj", "nsubjpass") and verb.lemma_.lower() in _removing(token) | RULING_OUT \
        and not any(c.dep_ == "neg" for c in verb.children)


# A question left unanswered: "declined to say whether the church had received any threats",
# "would not confirm if the suspect had made threats". The risk word is what was asked about.
DECLINING = word_set("decline refuse")


def _left_open(token: Any) -> bool:
    """A risk word inside a "whether" (or "if") clause that someone would not say or confirm."""
    verb = clause_verb(token)
    if verb is None or verb.dep_ != "ccomp" \
            or not any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in verb.children):
        return False
    saying = verb.head
    return saying.lemma_.lower() in SPEECH_VERBS | CLAIM_VERBS and (
        negated_here(saying) or (saying.dep_ == "xcomp" and saying.head.lemma_.lower() in DECLINING))


# Verbs that put a risk out of the question when affirmed ("controlled to exclude danger to
# civilians", "officials ruled out a threat"); negated they affirm it (EXCLUDING in negated_risk_word).
RULING_OUT = word_set("exclude rule eliminate remove avert")


def is_risk_noun(token: Any) -> bool:
    """A noun of risk ("the vulnerability", "insider threats"): it names a risk, or only a topic
    (risks.considered's ``named_only``; risk_judgement reads it inside an estimate of the past)."""
    return bool(token.pos_ == "NOUN" and token.lemma_.lower() in RISK_WORDS)


def risk_cue(span: Any) -> Any | None:
    """The first token naming a risk that is neither negated ("no threat", "did not warn") nor
    told as past ("when the situation posed a threat")."""
    for token in tokens_in(span, RISK_WORDS):
        if _attributive(token) or _of_ability(token) or _classifier(token) or _realised(token) \
                or _remedied(token) or _referred_to(token) or _sought(token):
            continue
        if not negated_risk_word(token) and not told_as_past(token) and not prefixed_away(token) \
                and not _left_open(token):
            return token
    return None


def risk_ruled_out(span: Any) -> bool:
    """The sentence names a risk only in uses that state none: negated, told as past, put to use,
    removed, or under "could" of ability ("when the situation posed a threat"). The rules have
    read these words and found no risk; a model that reads the sentence as a whole must not
    overturn that (see risk_model)."""
    found = False
    for token in tokens_in(span, RISK_WORDS):
        if negated_risk_word(token) or told_as_past(token) or _realised(token) or _remedied(token) \
                or _of_ability(token) or _left_open(token):
            found = True
        elif not (_attributive(token) or _classifier(token) or _referred_to(token) or _sought(token)
                  or prefixed_away(token)):
            return False  # a use that states a risk
    return found


# Verbs that put a weakness to use: a weakness exploited is a breach, no longer a risk.
EXPLOITING = word_set("exploit trigger abuse leverage")
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _realised(token: Any) -> bool:
    """A risk noun that was put to use ("exploited a known vulnerability", "claims to have
    exploited a flaw", "triggered a vulnerability that froze the funds") names a breach that
    happened (guide: a breach already done is a reported harm); one that may be exploited is
    still a risk. The tense is the verb's own, or, for a gerund or infinitive, that of the
    nearest finite verb above it."""
    if token.dep_ == "appos":
        token = token.head  # "exploited a command execution (RCE) vulnerability"
    verb = token.head
    if token.dep_ != "dobj" or verb.lemma_.lower() not in EXPLOITING:
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in auxes):
        return False
    if any(a.lemma_ == "have" for a in auxes) or verb.tag_ == "VBD":
        return True
    if auxes and auxes[0].tag_ in FINITE_TAGS:
        return False  # "are exploiting": going on, which "vulnerability" states as a danger
    for above in verb.ancestors:
        finite = [a for a in above.children if a.dep_ in ("aux", "auxpass") and a.tag_ in FINITE_TAGS]
        tag = finite[0].tag_ if finite else above.tag_
        if tag in FINITE_TAGS:
            return tag == "VBD"
    return False


def _of_ability(token: Any) -> bool:
    """A risk word under a "could" of ability ("they showed they could be threatening")."""
    verb = clause_verb(token)
    return verb is not None and any(c.dep_ == "aux" and ability_modal(c) for c in verb.children)


def _attributive(token: Any) -> bool:
    """A risk adjective that only describes a noun ("vulnerable children", "perilous majorities")
    classifies it; it does not state a risk ("the children are vulnerable" does)."""
    return token.pos_ == "ADJ" and token.dep_ == "amod"


def _classifier(token: Any) -> bool:
    """A risk noun that only modifies a noun which itself modifies another, or a name ("the
    vulnerability handling process", "Threat Research Labs"), names a kind of thing, as "war
    crimes" does a kind of crime (see risk_stakes._modifier_only). A two-noun compound stays a
    risk: "threat level" states one, and text whose commas were lost runs a risk noun into the
    next phrase ("to tackle the threat sources said"); but "warning" before a noun names a kind
    of thing ("warning signs", "an encryption warning setting", "warning shots"), not a warning
    given."""
    head = token.head
    return token.dep_ == "compound" and head.i != token.i and (
        head.pos_ == "PROPN" or (head.pos_ == "NOUN" and head.dep_ == "compound")
        or head.lemma_.lower() in HANDLING or token.lower_ == "warning")


# Nouns of the work done on risks: a risk noun compounded with one names that work's topic ("the
# vulnerability disclosure", "risk management", "threat intelligence"), not a risk.
HANDLING = word_set("""
disclosure management assessment analysis research researcher intelligence analyst hunting hunter
bounty scanner scanning awareness mitigation modelling modeling
""")


