"""What an estimative word is about: a harm to come (a risk), the past (an assessment), or neither.

Readings the word alone cannot tell apart, told apart here by the parse:

- **Ability, not possibility.** "Could" is also the past of "can": "the bombing could be heard by
  residents" and "so that production could continue" say what was possible to perceive or do,
  not that a harm may come (Palmer, "Mood and Modality", 2001, on dynamic versus epistemic
  modality). A "could"/"can" whose verb is one of perception, or that sits in a clause of
  purpose ("so that", "in order that"), estimates nothing.
- **An estimate about the past** is an assessment, not a risk: "most likely belonged to",
  "may have been killed", "probably had a role", "it was likely that gas was used", "likely
  responsible for the attack", "may amount to war crimes". The estimated clause is past or
  perfect, or its predicate assigns responsibility or classifies what was done.
- **An estimate of an attitude or a present state** ("officials almost certainly consider the
  collapse detrimental", "hackers are likely exploiting the flaw": an adverb of likelihood on a
  verb in the present tense, with no modal) is also an assessment: it judges what is, not what
  may come.
- **A past that did not happen** ("could have been prevented if the dam had been repaired",
  "might have prevented the explosion"): risk_hindsight's.

``estimated_word`` finds the word the estimative phrase qualifies: a modal's verb, an adverb's
head, the clause of "it is likely that ...", the verb of "likely to ...". Works on spaCy tokens.
"""

from __future__ import annotations

from typing import Any

from briefing.plugins.analysis.extract.risk_harm_events import harm_event
from briefing.plugins.analysis.extract.risk_ongoing import CONDITIONS
from briefing.plugins.analysis.extract.risk_text import conditional_clauses
from briefing.plugins.text.words import word_set

# Verbs of perceiving ("could be heard", "could see"), and of finding out or telling when passive or
# negated ("could not be verified", "could not confirm", "could not be reached for comment", "could
# not say how many"): they say what someone was able to perceive, establish or tell ("the toll could
# reach 200" is a possibility).
PERCEPTION = word_set("hear see smell feel watch notice spot sense observe glimpse view")
FINDING_OUT = word_set("""
verify confirm establish determine identify reach contact reproduce replicate specify say tell disclose
""")
# Verbs of giving information whose "could" with nothing given is an inability to tell ("police
# could offer no details", "officials could answer few questions").
OFFERING = word_set("offer give provide answer shed")
ABILITY_MODALS = word_set("could can ca")
# Verbs whose "could" content is an ability shown, not a possibility ("proved they could win").
SHOWING = word_set("show prove demonstrate")
RESPONSIBILITY = word_set("""
responsible behind blame guilty culprit role involve involved source cause origin author perpetrator
link linked connect connected explain
""")  # "could explain the delay": a cause estimated
CLASSIFYING = word_set("amount constitute qualify")
# "The likely cause" names who or what did it; the verb "could cause harm" names a consequence, whose
# time is its own (the past one, "probably caused the fire", is still an assessment by tense).
CONSEQUENCE = word_set("cause")
ATTITUDES = word_set("""
consider believe think know regard view want understand recognise recognize accept doubt suspect
""")


def ability_modal(token: Any) -> bool:
    """True for "could"/"can" of perception or purpose ("could be heard", "so that X could"), or a
    "could" that a verb of showing reports ("showed that they could be dangerous")."""
    if token.lower_ not in ABILITY_MODALS or token.tag_ != "MD":
        return False
    verb = token.head
    if verb.lemma_.lower() in PERCEPTION:
        return True
    if verb.lemma_.lower() in FINDING_OUT and any(c.dep_ in ("auxpass", "neg") for c in verb.children):
        return True
    if verb.lemma_.lower() in FINDING_OUT | OFFERING \
            and any(_nothing(c) for c in verb.children if c.dep_ == "dobj"):
        return True  # "could offer no details", "could say nothing about the motive"
    if token.lower_ == "could" and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SHOWING:
        # "the bowlers showed that they could be threatening": an ability shown; but a capability
        # to attack, shown, is a threat ("the raid showed that rebels could still strike back")
        return not harm_event(verb)
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    return verb.dep_ == "advcl" and ("so" in marks or "order" in marks or {"so", "that"} <= marks)


def _nothing(obj: Any) -> bool:
    """"no details", "nothing", "little information", "few questions": an object that says none
    (or next to none) was given."""
    return obj.lower_ in ("nothing", "none") or any(
        c.dep_ in ("det", "amod") and c.lower_ in ("no", "little", "few") for c in obj.children)


# Nouns whose object is something reported or looked into, not something ahead: "every
# allegation of possible civilian casualties", "an inquiry into possible war crimes".
REPORTED = word_set("""
allegation claim report account investigation inquiry probe review assessment
""")
HEDGE_ADJECTIVES = word_set("possible potential alleged")
# The verbs of those nouns: "to investigate possible war crimes" looks into what may have been done.
LOOKING_INTO = word_set("investigate probe examine review document report")


def reported_possibility(token: Any) -> bool:
    """True for a "possible"/"potential" that qualifies what an allegation or inquiry is about:
    the hedge belongs to the report of a past event, and estimates no harm ahead."""
    if token.lower_ not in HEDGE_ADJECTIVES or token.dep_ != "amod":
        return False
    noun = token.head
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in LOOKING_INTO:
        return True  # "whether to investigate possible war crimes"
    return noun.dep_ == "pobj" and noun.head.lower_ in ("of", "into", "about") \
        and noun.head.head.lemma_.lower() in REPORTED


def _estimate_head(token: Any) -> Any:
    """The word that carries an estimative phrase starting at ``token``: a degree adverb before
    it qualifies it ("almost" -> "certainly", "highly" -> "likely")."""
    current = token
    while current.dep_ == "advmod" and current.head.i != current.i and (
            current.head.pos_ == "ADV" or current.head.lemma_.lower() in ESTIMATIVE_ADJECTIVES):
        current = current.head
    return current


def estimated_word(token: Any) -> Any:
    """The word an estimative phrase starting at ``token`` qualifies (see module doc)."""
    current = _estimate_head(token)
    if current.tag_ == "MD" or current.dep_ in ("advmod", "aux"):
        return current.head
    if current.lemma_.lower() == "expect":  # "the toll is expected to rise": the rise is estimated
        return next((c for c in current.children if c.dep_ == "xcomp"), current)
    if current.pos_ == "ADJ":  # "it is likely that X", "X is likely to", "likely responsible"
        for node in (current, current.head):
            for child in node.children:
                if child.dep_ in ("ccomp", "xcomp") and child.i != current.i:
                    return child
        return current.head if current.dep_ in ("acomp", "amod") else current
    return current.head if current.pos_ == "NOUN" else current


# Adjectives that are themselves the estimate: a degree adverb on one ("highly likely that the
# regime was responsible") qualifies the estimate, and what is estimated is the adjective's.
ESTIMATIVE_ADJECTIVES = word_set("likely unlikely possible impossible probable improbable certain plausible")
_CLAUSE_HEADS = frozenset({"ROOT", "ccomp", "conj", "acl", "relcl"})


def _about_the_past(verb: Any) -> bool:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    perfect = any(perfect_have(a) for a in auxes)
    if perfect and verb.tag_ in ("VBN", "VB"):
        # "may have died", "has killed": an estimate of what has happened. After a perfect "have"
        # the verb is a participle even where the tagger reads the base form of a verb that spells
        # both alike ("would have likely cost them the pick")
        return True
    if perfect and verb.tag_ == "VBG" and any(a.tag_ == "MD" for a in auxes) \
            and any(a.lower_ == "been" for a in auxes):
        # "may have been gushing before the cap": the same estimate of a past, told as a process
        # that ran; without the modal ("has been gushing") it may still be going on, so not here
        return True
    if any(a.tag_ == "MD" or a.lower_ == "to" for a in auxes):
        return False
    if auxes:
        return bool(auxes[0].tag_ == "VBD")  # "was used", "were killed"
    # a participle with no auxiliary heading a clause is a simple past the tagger misread ("which
    # most likely degraded X"), or a reduced relative ("dozens killed in ...")
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and verb.dep_ in _CLAUSE_HEADS)


def perfect_have(aux: Any) -> bool:
    """The auxiliary "have" of a perfect, also when copy spaced its contraction ("would ' ve")."""
    return bool(aux.lemma_ == "have" or aux.lower_.lstrip("'’") == "ve")


def is_assessment(token: Any) -> bool:
    """True when the estimate starting at ``token`` is about the past, about who did something or
    what it amounts to, or about an attitude, rather than about a harm to come."""
    word = estimated_word(token)
    if word.pos_ in ("NOUN", "PROPN") and word.dep_ == "pobj" and word.head.head.pos_ == "VERB":
        word = word.head.head  # "killed in a likely coalition strike": the strike is the killing's
    elif word.tag_ == "IN" and word.head.pos_ in ("VERB", "AUX"):
        word = word.head  # "were tricked into it, perhaps through a phishing attack": the tricking's
    lemma = word.lemma_.lower()
    consequence = lemma in CONSEQUENCE and word.pos_ == "VERB"
    if lemma in RESPONSIBILITY | CLASSIFYING | ATTITUDES and not consequence:
        return True
    if lemma == "be" and any(c.dep_ in ("acomp", "attr") and c.lemma_.lower() in RESPONSIBILITY
                             for c in word.children):
        return True  # "may also be responsible for 40 other deaths": the copula's complement says who
    if lemma == "be" and any(_a_toll(c) for c in _subjects(word)) and not _conditional(word):
        return True  # "the real death toll may be much higher": the count of what has happened
    if any(c.dep_ == "prep" and c.lower_ == "behind" for c in word.children):
        return True  # "is likely behind the attack"
    if word.pos_ not in ("VERB", "AUX"):
        # "the passenger, likely an accomplice, also died": told in the simple past, the clause
        # around the estimate is history ("has become a strong possibility" is not)
        clause = _clause_of(word)
        return clause is not None and clause.tag_ == "VBD" and not any(
            c.dep_ in ("aux", "auxpass") for c in clause.children)
    return _about_the_past(word) or _about_the_present(token, word)


TALLIES = word_set("toll tally")
COUNTS = word_set("number count figure")
COUNTED_HARMS = word_set("dead death casualty victim fatality")


def _subjects(verb: Any) -> list[Any]:
    """The verb's subjects, or for an infinitive ("is likely to be higher") those of the clause
    it completes."""
    for _ in range(3):
        found = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if found or verb.dep_ not in ("xcomp", "acomp") or verb.head.i == verb.i:
            return found
        verb = verb.head
    return []


def _conditional(verb: Any) -> bool:
    """"If they fail, the toll could be millions of jobs": a condition puts what follows ahead."""
    return bool(conditional_clauses(verb, CONDITIONS))


def _a_toll(noun: Any) -> bool:
    """A count of the dead ("the death toll", "the number of victims"): what a hedged copula says
    of it ("may be as high as 400,000") estimates a harm done; "could rise" puts more ahead."""
    lemma = noun.lemma_.lower()
    if lemma in TALLIES:
        return True
    return lemma in COUNTS and any(g.lemma_.lower() in COUNTED_HARMS for c in noun.children
                                   if c.dep_ == "prep" and c.lower_ == "of" for g in c.children)


# Present-tense verbs that put a consequence ahead ("this likely means more strikes"): what they
# estimate is still to come.
FORESHADOWING = word_set("mean signal herald spell portend foreshadow point lead go")


def _about_the_present(token: Any, word: Any) -> bool:
    """An adverb of likelihood on a verb in the present tense, with no modal or "to" ("hackers
    are likely exploiting the flaw", "which attackers most likely use to steal data", "the group
    is probably the same one"): it judges what is going on now, not what may come."""
    token = _estimate_head(token)
    if token.tag_ == "MD" or token.dep_ != "advmod" or word.lemma_.lower() in FORESHADOWING:
        return False
    auxes = [c for c in word.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" or a.lower_ == "to" for a in auxes):
        return False
    finite = auxes[0] if auxes else word
    return finite.tag_ in ("VBP", "VBZ")


def _clause_of(token: Any) -> Any | None:
    current = token
    for _ in range(8):
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in ("amod", "aux", "auxpass"):
            return current
        if current.head.i == current.i:
            return None
        current = current.head
    return None
