"""Fixed expressions of risk: news states a risk in set phrases that carry no risk word.

Each expression is a pattern over the dependency parse, not a string, so that its parts may be
split by other words ("puts the four-town evacuation deal brokered by ... in doubt"):

- **An outcome put in doubt** ("the blast puts the deal in doubt", "throws the talks into
  question"): what is put in doubt may fail (FrameNet Endangering).
- **A threat of reprisal** ("the attack will not go unpunished", "the rebels are legitimate
  targets"): the standard formulas by which a party announces that it will strike.
- **An open verdict on a life** ("must decide whether he should live or die"): a decision whose
  open outcome is a death (the guide: a routine procedure is a risk when a harm is stated with it).
- **A harm with no end in sight** ("there is no end in sight to the conflict"): a harm going on
  that the sentence states to go on ahead (the guide's rule 3: an open outcome going forward).
- **At stake** ("the future of Europe is at stake", "core interests are now at stake"): what
  is at stake may be lost; not asked ("what's at stake?"), negated or told as past.
- **On the brink** ("pushed to the brink of default", "species on the brink of extinction"): a
  harm (by risk_stakes or the harm events) close at hand.
- **Prone to harm** ("the country is prone to earthquakes", "routers susceptible to attack"): a
  standing liability to a harm; not told as past.
- **Harder to act** ("would make it harder for farmers to sell"): a loss of ability told as
  future or conditional (loss of livelihood or freedom).

Works on spaCy tokens; nothing here imports spaCy.
"""

from __future__ import annotations

from typing import Any

from briefing.plugins.analysis.extract.risk_stakes import harm_words, names_harm
from briefing.plugins.analysis.extract.risk_tense import AHEAD_MODALS, looks_ahead, told_as_past
from briefing.plugins.analysis.extract.risk_text import negated_here, tokens_in
from briefing.plugins.text.words import word_set

DOUBT = word_set("doubt question")
PUTTING = word_set("put place throw cast call leave plunge")
INTO = word_set("in into")
UNPUNISHED = word_set("unpunished unanswered unavenged")
LEGITIMATE = word_set("legitimate legit fair")
TARGETS = word_set("target targets")
LIFE_OR_DEATH = word_set("live die death")
END = word_set("end")
HARDER = word_set("hard harder difficult impossible")
STAKE = word_set("stake")
BRINK = word_set("brink verge")
PRONE = word_set("prone susceptible liable")
ASKING = word_set("what which how why whose")
_WORDS = DOUBT | UNPUNISHED | LEGITIMATE | LIFE_OR_DEATH | END | HARDER | STAKE | BRINK | PRONE


def _in_doubt(token: Any) -> bool:
    """"Puts the deal in doubt", "throws the talks into question": not "there is no doubt"."""
    if token.lemma_.lower() not in DOUBT or token.dep_ != "pobj" or token.head.lower_ not in INTO:
        return False
    verb = token.head.head
    if verb.dep_ == "acl" and verb.head.dep_ == "dobj":
        verb = verb.head.head  # "puts the deal brokered by X in doubt": the parser hangs it on X
    return verb.lemma_.lower() in PUTTING and any(c.dep_ == "dobj" for c in verb.children) \
        and not negated_here(verb)


def _unpunished(token: Any) -> bool:
    """"Will not go unpunished": a negated future of going unpunished announces a reprisal."""
    if token.lower_ not in UNPUNISHED or token.dep_ not in ("acomp", "oprd", "xcomp"):
        return False
    verb = token.head
    modal = any(c.dep_ == "aux" and looks_ahead(c, AHEAD_MODALS) for c in verb.children)
    return modal and negated_here(verb)


def _legitimate_target(token: Any) -> bool:
    """"X are legitimate targets": the party that says so announces it will strike X."""
    if token.lower_ not in LEGITIMATE or token.dep_ != "amod" or token.head.lemma_.lower() != "target":
        return False
    noun = token.head
    return noun.dep_ in ("attr", "oprd", "appos", "dobj") and not negated_here(noun) \
        and not negated_here(noun.head)


def _life_or_death(token: Any) -> bool:
    """"Decide whether he should live or die": an open question whose answer may be a death."""
    if token.lemma_.lower() not in LIFE_OR_DEATH:
        return False
    clause = token
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.pos_ == "NOUN":
        clause = clause.head
    return any(c.dep_ == "mark" and c.lower_ == "whether" for c in clause.children)


def _no_end_in_sight(token: Any) -> bool:
    """"No end in sight to the conflict": a harm (by risk_stakes) stated to go on ahead."""
    if token.lemma_.lower() not in END or token.pos_ != "NOUN" or not negated_here(token):
        return False
    if not any(c.dep_ == "prep" and c.lower_ == "in" and any(g.lower_ == "sight" for g in c.children)
               for c in token.children):
        return False
    ended = [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("to", "of") for g in c.subtree]
    return bool(harm_words(ended))


def _harder(token: Any) -> bool:
    """"Would make it harder for farmers to sell": an ability lost, told as future or conditional."""
    if token.lemma_.lower() not in HARDER and token.lower_ not in HARDER:
        return False
    verb = token.head
    if token.dep_ not in ("ccomp", "oprd", "acomp", "xcomp") or verb.lemma_.lower() != "make":
        return False
    its = [c for c in (*token.children, *verb.children) if c.dep_ in ("nsubj", "expl", "dobj")]
    if not any(c.lower_ == "it" for c in its):
        return False  # "make it harder"; "made the road harder" is no loss of ability
    acts = [c for c in token.children if c.dep_ in ("advcl", "xcomp")]
    if not any(a.lower_ == "to" for c in acts for a in c.children):
        return False  # what becomes harder must be stated: "... for X to sell"
    modal = any(c.dep_ == "aux" and looks_ahead(c, AHEAD_MODALS) for c in verb.children)
    return modal and not negated_here(verb)


def _at_stake(token: Any) -> bool:
    """"Lives are at stake": something named as liable to be lost; not "a stake in the company",
    not a question ("what is at stake?"), not "nothing is at stake", not "was at stake" told as
    history."""
    if token.lower_ != "stake" or token.dep_ != "pobj" or token.head.lower_ != "at":
        return False
    verb = token.head.head
    if verb.pos_ not in ("AUX", "VERB") or negated_here(verb) or told_as_past(verb):
        return False
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    return not any(s.lower_ in ASKING or s.lower_ in ("nothing", "none") or negated_here(s) for s in subjects)


def _on_the_brink(token: Any) -> bool:
    """"On the brink of collapse", "on the verge of civil war": a harm close at hand; not "the
    brink of a breakthrough" (no harm), not "pulled back from the brink"."""
    if token.lower_ not in BRINK or token.dep_ != "pobj" or token.head.lower_ not in ("on", "to"):
        return False
    of = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.subtree]
    return names_harm(of) and not negated_here(token.head.head)


def _prone(token: Any) -> bool:
    """"Prone to earthquakes", "susceptible to denial of service attacks", "liable to collapse": a
    standing liability to a harm, not told as past or negated."""
    if token.lower_ not in PRONE or token.pos_ != "ADJ" or negated_here(token):
        return False
    to = [g for c in token.children if c.dep_ in ("prep", "xcomp") for g in c.subtree if g.i != token.i]
    if not names_harm(to):
        return False
    verb = token.head if token.dep_ == "acomp" else token
    return not (verb.pos_ in ("AUX", "VERB") and (negated_here(verb) or told_as_past(verb)))


def idiom_cue(span: Any) -> Any | None:
    """The token of a fixed expression of risk in the span (see module doc), or None."""
    for token in tokens_in(span, _WORDS):
        if _in_doubt(token) or _unpunished(token) or _legitimate_target(token) or _life_or_death(token) \
                or _no_end_in_sight(token) or _harder(token) or _at_stake(token) or _on_the_brink(token) \
                or _prone(token):
            return token
    return None
