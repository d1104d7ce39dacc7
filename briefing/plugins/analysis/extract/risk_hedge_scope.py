"""What a hedge estimates: the clause it governs (``estimated_clause``) and whether a harm stands
in it ahead (``hedged_harm``), read from the parse.

Not every harm word under a hedge is the harm the hedge puts ahead. Left out of its scope: a
condition ("if bombed"), a relative clause or apposition describing a participant ("the crops that
were lost"), who says so ("'Perhaps X,' Hunt said"), a harm qualified as reported ("the alleged
breach"), and the object of a verb that acts against it ("could help contain the flood damage").
A harm estimated to lessen or end ("the fighting may ease") is relief, and a hedged ranking
("may be the deadliest attack since ...") compares rather than looks ahead (``is_ranking``). Split
from risk_judgement, which decides a sentence's kind from these readings.
"""

from __future__ import annotations

from typing import Any

from briefing.plugins.analysis.extract.risk_charges import named_as_charge
from briefing.plugins.analysis.extract.risk_stakes import names_harm
from briefing.plugins.analysis.extract.risk_text import conditional_clauses
from briefing.plugins.text.reporting import attributes_claim
from briefing.plugins.text.words import word_set

# Nouns of adversity: harms only when a hedge qualifies them ("a potential problem"); "could
# solve the problem" puts none ahead.
ADVERSITY = word_set("""
difficulty difficulties problem problems trouble setback obstacle pitfall complication headache
hurdle downside drawback
""")
# Marks of a clause that sets a condition or a time: a harm inside one ("if bombed", "once the
# rains come") is not what the hedge estimates.
CONDITIONAL_MARKS = word_set("if unless when whenever once")


def estimated_clause(token: Any) -> Any:
    """The word heading the clause a hedge estimates: the modal's or adverb's verb, or for a noun
    such as "a strong possibility" the clause it belongs to."""
    head = token
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head  # "a noble and potentially career-ending move": the first conjunct's role
    while head.dep_ == "advmod" and head.head.pos_ in ("ADV", "ADJ") and head.head.i != head.i:
        head = head.head  # "highly" -> "likely"
    if head.dep_ in ("amod", "det", "compound") and head.head.pos_ == "NOUN":
        head = head.head
    if head.tag_ == "MD" or head.dep_ in ("advmod", "amod", "acomp") or head.pos_ == "NOUN":
        head = head.head  # "the toll is likely to rise": the clause of "likely"
    return head


def hedged_harm(token: Any, head: Any) -> bool:
    """A harm word in the clause the hedge governs (``head``, by ``estimated_clause``), outside a
    condition ("if bombed")."""
    if token.dep_ == "amod" and token.head.lemma_.lower() in ADVERSITY:
        return True  # "another potential difficulty for the party": the noun is the harm
    if _abating(head):
        return False
    skipped = {t.i for c in conditional_clauses(head, CONDITIONAL_MARKS) for t in c.subtree}
    skipped |= _described(head)
    skipped |= _countered(head)
    skipped |= _attribution(head)
    skipped |= {t.i for t in head.subtree if any(c.lower_ in REPORTED_AS for c in t.children)}
    kept = [t for t in head.subtree if t.i not in skipped and not named_as_charge(t)]
    # the harms of risk_stakes and the harmful events a threat frame puts ahead ("could use the
    # knowledge to target them"): one vocabulary of harm for hedges and threats alike
    return names_harm(kept)


# Verbs by which something lessens of itself. Not "fall" or "drop", whose subject may be what
# strikes ("missiles could fall on the city"), nor "level" without "off" ("could level the town").
# Ending is lessening to nothing: "the war may soon end", "the fighting could stop".
ABATING = word_set("abate decline decrease diminish dissipate ease fade lessen recede shrink slow subside "
                   "wane end conclude cease stop halt")
OUTCOME_PREPOSITIONS = word_set("in with")


def _abating(head: Any) -> bool:
    """"The outbreak could be levelling off", "the fighting may ease", "the war may soon end": a
    harm estimated to lessen or end is relief, not a harm ahead. Only with no object, which would
    be what is lessened ("the virus could slow the economy" is a harm to the economy), and not
    when it ends in a harm ("the protest could end in bloodshed")."""
    lemma = head.lemma_.lower()
    if lemma == "level":
        if not any(c.dep_ == "prt" and c.lower_ == "off" for c in head.children):
            return False
    elif lemma not in ABATING:
        return False
    if any(c.dep_ in ("dobj", "obj") for c in head.children):
        return False
    if any(c.dep_ == "prep" and c.lower_ in OUTCOME_PREPOSITIONS and names_harm(list(c.subtree))
           for c in head.children):
        return False
    return any(names_harm(list(c.subtree)) for c in head.children if c.dep_ in ("nsubj", "nsubjpass"))


# Verbs whose object is the harm they act against ("would probably control the spread of the
# disease", "could tame the downturn", "could end the war"): the harm is what the action counters,
# not what the hedge puts ahead. Not efforts that leave it standing ("fight", "tackle"), and not
# "kill" or "stop", whose object may be the victim ("could kill the hostages").
COUNTERING = word_set("""
control contain curb tame halt prevent avert stem check counter defeat mitigate alleviate
resolve solve end plug seal cap handle
""")
# Verbs through which another acts on the harm ("could help contain the spill").
HELPING = word_set("help")


def _countered(head: Any) -> set[int]:
    """The objects of a verb of countering (COUNTERING) that the hedged clause heads, directly or
    through "help": the harm they name is acted against. A countering that may fail is still at
    stake: "could fail to contain the outbreak" heads "fail", and stays a risk."""
    verbs = [head]
    if head.lemma_.lower() in HELPING:
        verbs += [c for c in head.children if c.dep_ in ("xcomp", "ccomp")]
    return {t.i for verb in verbs if verb.lemma_.lower() in COUNTERING
            for obj in verb.children if obj.dep_ in ("dobj", "obj") for t in obj.subtree}


def is_ranking(head: Any) -> bool:
    """"The strikes may be the deadliest attack on a school since the war began": a hedged copula
    whose attribute carries a superlative ranks something against others of its kind, an estimate
    of how it compares, not of a harm ahead."""
    if head.lemma_ != "be":
        return False
    return any(c.dep_ == "attr" and any(m.tag_ == "JJS" or (m.dep_ == "amod" and any(
        a.lower_ == "most" for a in m.children)) for m in c.children) for c in head.children)


# A harm qualified as reported is one said to have happened ("the alleged breach could be a hoax").
REPORTED_AS = word_set("alleged purported reported claimed supposed")


def _attribution(head: Any) -> set[int]:
    """The verb of saying hung on the hedged clause ('"Perhaps X," Hunt said, when asked about the
    breach') with all it governs: who says so and when is not what the hedge estimates."""
    return {t.i for c in head.children if c.dep_ == "parataxis" and attributes_claim(c.lemma_)
            for t in c.subtree}


def _described(head: Any) -> set[int]:
    """The relative clauses and appositions below ``head``: they describe a participant ("the
    key to microbes we have lost"), and a harm in them is not what the hedge estimates."""
    return {t.i for d in head.subtree if d.dep_ in ("relcl", "appos") and d.i != head.i for t in d.subtree}
