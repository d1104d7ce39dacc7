"""The rules' judgement of one sentence: its estimative phrase (``judgement``) and its kind
(``classify``: a risk, an assessment or neither), read from the parse.

A sentence is a risk when a risk word, a threat frame, an ongoing danger or an idiom of risk
decides it (risk_words, risk_threats, risk_ongoing, risk_idioms), or when its estimate qualifies a
harm ahead (what a hedge governs, and which harms in it count, is risk_hedge_scope's); an
estimate of anything else, or of a harm in the past, is an assessment (see the risks extractor's
module doc for the whole account).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from briefing.plugins.analysis.extract.estimative import (
    Estimate,
    evidentials,
    hedges,
    is_evidential,
    yardstick_estimates,
)
from briefing.plugins.analysis.extract.risk_hedge_scope import (
    ADVERSITY,
    estimated_clause,
    hedged_harm,
    is_ranking,
)
from briefing.plugins.analysis.extract.risk_hindsight import counterfactual, unprevented
from briefing.plugins.analysis.extract.risk_idioms import idiom_cue
from briefing.plugins.analysis.extract.risk_modality import (
    ability_modal,
    estimated_word,
    is_assessment,
    reported_possibility,
)
from briefing.plugins.analysis.extract.risk_ongoing import ongoing_cue
from briefing.plugins.analysis.extract.risk_stakes import names_harm
from briefing.plugins.analysis.extract.risk_tense import WARNING_VERBS, clause_verb, is_present_perfect
from briefing.plugins.analysis.extract.risk_text import negated_here
from briefing.plugins.analysis.extract.risk_threats import CONCERN_WORDS, threat_cue
from briefing.plugins.analysis.extract.risk_words import RISK_WORDS, is_risk_noun, negated_risk_word, risk_cue
from briefing.plugins.analysis.nlp.token_table import plain_tokens
from briefing.plugins.text.words import word_set

# Noun phrases among the hedges name the risk rather than estimate it ("the threat of X could
# lead to Y"): a modal or adverb in the sentence is the stated likelihood before them.
NOUN_HEDGES = word_set("risk risks threat threats danger dangers chance chances possibility")
MODALS = word_set("could may might")


def judgement(span: Any) -> tuple[Estimate, Any] | None:
    """The sentence's estimative phrase and the token it starts at: a yardstick phrase, else a
    modal or adverb, else a hedging noun phrase; but the first that estimates a harm ahead comes
    before them all. A sentence may hold two estimates, one about the speaker's certainty and one
    about a harm ("this is undoubtedly a situation that could cause harm"): the second is the
    risk's likelihood, and the first, which qualifies a clause without harm, must not hide it."""
    found = list(_judgements(span))
    if not found:
        return None
    # a hedging noun names the risk rather than estimates it ("the threat of terrorism may grow"):
    # it is never promoted over a modal or adverb
    ahead = (f for f in found if f[1].lower_ not in NOUN_HEDGES and _estimated_kind(f, False) == "risk")
    return next(ahead, found[0])


def _judgements(span: Any) -> Iterator[tuple[Estimate, Any]]:
    """The sentence's estimative phrases in order of preference (see judgement). A modal must be
    a modal verb (so "military might" and the month "May" are not hedges) of possibility, not of
    ability ("could be heard")."""
    text = plain_tokens(span.doc).span_text(span.start, span.end)  # Span.text joins its tokens
    candidates_ = yardstick_estimates(text) + sorted(
        hedges(text), key=lambda e: e.phrase.split()[0].lower() in NOUN_HEDGES) + evidentials(text)
    for found in candidates_:
        token = span.char_span(found.start, found.end, alignment_mode="expand")
        if token is None:
            continue
        first = token[0]
        if (first.lower_ in MODALS and first.tag_ != "MD") or ability_modal(first):
            continue
        if first.lower_ in ("potential", "possible") and first.pos_ == "NOUN":
            continue  # "their full potential" is no hedge
        if first.lower_ in NOUN_HEDGES and first.pos_ == "NOUN" and negated_risk_word(first) \
                and not any(c.tag_ in ("JJR", "RBR") for c in first.children):
            # "the bank is not in danger of failure", "no risk of infection": none estimated; "no
            # more chance of dying than from seasonal flu" compares, and the chance stands
            continue
        if first.lower_ == "possible" and _intensifying(first):
            continue  # "by all possible means", "the worst possible time", "as safe as possible"
        if first.lower_ == "expected" and not any(c.dep_ == "auxpass" for c in first.children):
            continue  # "is expected to rise" forecasts; "the expected result" does not
        if first.lower_ == "expected" and negated_here(first):
            continue  # "the toll is not expected to rise": a harm said not to be coming
        if is_evidential(found) and token[-1].lower_ == "to" and not _infinitive_after(token[-1]):
            continue  # "the pages did not appear to users": seen, not inferred
        yield found, first


def _infinitive_after(to: Any) -> bool:
    """"appear to" / "seem to" infer only with a verb after them ("appear to be real")."""
    after = to.doc[to.i + 1] if to.i + 1 < len(to.doc) else None
    return after is not None and after.tag_ == "VB"


def _intensifying(possible: Any) -> bool:
    """"Possible" after a universal or a superlative, or closing "as ... as", stretches a range to
    its end ("every possible means", "the worst possible time", "as soon as possible", "as much
    of the oil as possible", "the best plan possible"): it estimates nothing. "Regarded as
    possible" has no first "as" and still estimates."""
    before = possible.doc[possible.i - 1] if possible.i > 0 else None
    if before is not None and (before.lower_ in ("all", "every", "any") or before.tag_ in ("JJS", "RBS")):
        return True
    if possible.dep_ == "amod" and possible.head.i < possible.i and any(
            c.tag_ in ("JJS", "RBS") or c.lower_ in ("all", "every", "any") for c in possible.head.children):
        return True  # after its noun: "the best restoration plan possible", "every means possible"
    if before is None or before.lower_ != "as":
        return False
    start = max(possible.sent.start, possible.i - 12)
    return any(t.lower_ == "as" and (t.tag_ == "RB" or t.dep_ == "advmod")
               for t in possible.doc[start:before.i])


# Words of trouble no rule reads as a harm by itself: an open outcome, strain, a charge, the
# privacy that data harms take away.
TROUBLE = word_set("""
uncertain uncertainty worrisome worrying scary tension delay charge indictment prosecutor privacy
""")


def speaks_of_harm(span: Any) -> bool:
    """Whether a sentence names a harm, a risk, a fear or a trouble at all, in any use: the
    vocabulary the rules read (risk_stakes' harms and the harmful events, risk_words, the words
    of concern, ADVERSITY) and TROUBLE. No judgement of tense or modality: this tells what an
    article is about, for the learned model's additions (risk_learned.second_opinion)."""
    vocabulary = RISK_WORDS | CONCERN_WORDS | ADVERSITY | TROUBLE
    return any(t.lemma_.lower() in vocabulary or t.lower_ in vocabulary for t in span) or names_harm(span)


def classify(span: Any, found: tuple[Estimate, Any] | None,
             include_assessments: bool = True) -> tuple[str | None, Any | None]:
    """"risk" for a harm to come (a risk word, a threat, or an estimate of a harm ahead),
    "assessment" for a yardstick judgement of anything else or an estimate of a past harm (see
    risk_modality), None for neither; and the risk word or threat that decided it, if one did."""
    cue = risk_cue(span) or threat_cue(span) or ongoing_cue(span) or idiom_cue(span)
    if cue is not None and not _named_in_hindsight(cue, found) and not _warned_in_hindsight(cue, span) \
            and not unprevented(cue) and not _risk_taken(cue) and not _preferred(cue):
        return "risk", cue
    return _estimated_kind(found, include_assessments), None


def _risk_taken(cue: Any) -> bool:
    """"You've risked your lives to report": the verb "risk" in the present perfect tells of a
    danger someone has already faced, as its simple past does ("risked their lives", which the
    tense rules read as past already); "risk their lives every day" still states one."""
    return cue.pos_ == "VERB" and cue.lemma_.lower() == "risk" and is_present_perfect(cue)


def _preferred(cue: Any) -> bool:
    """"We'd rather die with pride than live without it": "would rather" states a choice, not a
    harm that may come ("could escalate rather than ease" still does: there "rather" follows the
    verb and no "would" chooses; "would rather risk a war" names the risk it accepts)."""
    verb = cue if cue.pos_ in ("VERB", "AUX") else clause_verb(cue)
    if verb is None or verb.lemma_.lower() == "risk":
        return False
    children = list(verb.children)
    return any(c.lower_ == "rather" and c.i < verb.i for c in children) \
        and any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in children)


def _named_in_hindsight(cue: Any, found: tuple[Estimate, Any] | None) -> bool:
    """A noun of risk inside an estimate of the past ("the leak may have stemmed from a
    vulnerability in the API"): the flaw is named as a likely cause of what happened, and the
    estimate, not the noun, says what the sentence is. Not in the present perfect: "has almost
    certainly increased the risk to the bases" tells of a state that holds now, and the risk
    stands."""
    if found is None or found[1].pos_ == "NOUN" or not is_risk_noun(cue):
        return False  # "the threat of": the noun is the estimate itself
    return _looks_back(found[1])


def _looks_back(estimate: Any) -> bool:
    """The estimate starting at this token judges the past (risk_modality.is_assessment), and not
    in the present perfect, which tells of a state that holds now."""
    return is_assessment(estimate) and not is_present_perfect(estimated_word(estimate))


def _warned_in_hindsight(cue: Any, span: Any) -> bool:
    """A warning whose content only estimates the past ("warned users that their passwords may
    have been intercepted", "that the attackers probably accessed the files"): a breach notice
    tells of a harm that may already have happened, so the estimate, not the verb, says what the
    sentence is, as for a noun of risk above (risk_tense reads the same of a content in the past
    perfect, "warned that the printers had been compromised"). A warning with anything ahead in
    it ("may have obtained the weapons and could use them") stays a risk."""
    if cue.pos_ != "VERB" or cue.lemma_.lower() not in WARNING_VERBS:
        return False
    content = [t for c in cue.children if c.dep_ == "ccomp" for t in c.subtree]
    inside = {t.i for t in content}
    estimates = {token.i: token for _, token in _judgements(span) if token.i in inside}
    if any(t.tag_ == "MD" and t.i not in estimates for t in content):
        return False  # "... probably regrouped and will strike again": a plain future ahead
    return bool(estimates) and all(_looks_back(t) for t in estimates.values())


def _estimated_kind(found: tuple[Estimate, Any] | None, include_assessments: bool) -> str | None:
    if found is None or reported_possibility(found[1]) or counterfactual(found[1]):
        return None
    if is_evidential(found[0]):
        return "assessment" if include_assessments else None
    head = estimated_clause(found[1])
    ranked = is_ranking(head)  # a ranking estimates how something compares, not a harm ahead
    harmed = not ranked and hedged_harm(found[1], head)
    looking_back = is_assessment(found[1])
    if harmed and not looking_back:
        return "risk"
    if include_assessments and (found[0].probability is not None or harmed or ranked):
        return "assessment"
    return None
