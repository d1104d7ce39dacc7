"""A past that did not happen: a modal perfect that imagines another past, so that the harm it
names came and nothing is put ahead.

- Beside a past-perfect condition: "could have been prevented if the dam had been repaired",
  "might have spread less had the brigade come sooner" (``counterfactual``).
- Of prevention: "several options that might have prevented the explosion", "could have done
  more to prevent the crisis", "could have helped prevent the fire" (``unprevented``, and
  ``counterfactual`` for the hedge that heads one). A prevention that happened ("police foiled
  an attack") or is still open ("could prevent a collapse") keeps its risk.

Split from risk_modality, whose estimate readings ask it. Works on spaCy tokens.
"""

from __future__ import annotations

from typing import Any

from briefing.plugins.analysis.extract.risk_modality import perfect_have
from briefing.plugins.text.words import word_set


def counterfactual(token: Any) -> bool:
    """"Could have been prevented if the dam had been repaired", "might have spread less had the
    brigade come sooner": a modal perfect beside a past-perfect condition imagines a past that did
    not happen; it estimates neither what happened nor what may come. So does a modal perfect of
    prevention ("could have done more to prevent the crisis", see ``unprevented``)."""
    if token.tag_ != "MD" or not _modal_perfect(token.head):
        return False
    if _preventing(token.head) is not None:
        return True
    for had in token.sent:
        if had.lower_ != "had" or had.dep_ != "aux":
            continue
        verb = had.head
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if any(c.dep_ == "mark" and c.lower_ == "if" for c in verb.children) or \
                any(subject.i > had.i for subject in subjects):
            return True  # "if X had ...", or "had X ..." with the subject after it
    return False


# Verbs of stopping a harm before it comes. In a modal perfect ("might have prevented the
# explosion") they say the harm came: what is imagined is its prevention, in a past that did not
# happen.
PREVENTING = word_set("prevent avert avoid stop foil thwart forestall")
# Verbs through which a prevention is done ("could have helped prevent", "could have done more to
# prevent").
DOING = word_set("help do")
# How the prevention hangs on the verb through which it is done.
DONE_THROUGH = ("xcomp", "ccomp", "advcl")


def _modal_perfect(verb: Any) -> bool:
    auxiliaries = [c for c in verb.children if c.dep_ == "aux"]
    return any(a.tag_ == "MD" for a in auxiliaries) and any(perfect_have(a) for a in auxiliaries)


def _preventing(verb: Any) -> Any | None:
    """The verb of prevention a modal perfect heads, itself or through "help"/"do" ("could have
    helped prevent", "could have done more to prevent"), or None."""
    if verb.lemma_.lower() in PREVENTING:
        return verb
    if verb.lemma_.lower() in DOING:
        return next((c for c in verb.children if c.dep_ in DONE_THROUGH and c.lemma_.lower() in PREVENTING),
                    None)
    return None


def unprevented(token: Any) -> bool:
    """A harm under a prevention imagined in the past ("the options that might have prevented the
    explosion", "could have done more to prevent the crisis from threatening the system"): it
    came, and nothing is put ahead. Not a prevention that happened ("police foiled an attack",
    a threat stopped) nor one still possible ("could prevent a collapse")."""
    above = {t.i for t in token.ancestors}
    for verb in token.ancestors:
        prevention = _preventing(verb) if _modal_perfect(verb) else None
        if prevention is not None and prevention.i in above:
            return True  # the harm hangs on the prevention the modal perfect heads
    return False
