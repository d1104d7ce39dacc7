"""Is a risk word told as history? Tense and aspect of its clause, read from the parse.

A briefing's risks look forward: what may happen. A sentence that reports a threat that was
("Aid arrived when the famine posed a threat to millions", "A decade ago the dam was dangerous")
states no risk today. The rule follows the English tense system (Quirk et al., "A Comprehensive
Grammar of the English Language", 1985, ch. 4; Huddleston & Pullum 2002, ch. 3): the risk word's
clause is the nearest verb above it in the dependency parse, and that clause is told as past when

- its verb is a simple past ("posed", "was") or a past perfect ("had posed"), with no modal or
  future auxiliary ("would", "could", "will", "going to"), and
- it is not reported speech under a verb of saying: after "said", "warned" English shifts the
  tense back ("Engineers said the bridge was dangerous" means it is dangerous now), unless the
  report itself pins the event in the past ("ago", "previously", "formerly", a "when" clause, a
  year named as its time: "in 1957").

The present perfect ("has increased the risk") is present: the result holds now. A verb of
warning or fearing with what it warns of ("warned that X would", "threatened to strike", "feared
for") states a risk whatever its tense: the warning is the news, and what it warns of lies ahead
of it; "the storm threatened the coast" is a past menace and follows the tense rule.
"""

from __future__ import annotations

from typing import Any

from briefing.plugins.text.reporting import attributes_claim
from briefing.plugins.text.words import word_set

# Verbs whose content is a harm that may come: the speech acts and attitudes of warning
# (FrameNet Warning, Fear, Predicting, Commitment "threaten").
WARNING_VERBS = word_set("""
warn caution threaten fear predict forecast foresee expect alert worry anticipate
""")
FORWARD_AUX = word_set("""
will would shall should could may might must can 'll 'd wo ca
""")
# The modals that put a harm ahead (not "should", "must", "can": advice, duty, ability).
AHEAD_MODALS = word_set("will would shall 'll 'd wo could may might")
PAST_ADVERBS = word_set("ago previously formerly")
FEELING = word_set("feel felt sense")  # "felt" as the tagger's auxiliary of "felt threatened"
TEMPORAL_MARKS = word_set("when while whilst as")
WARNED_OF = word_set("of about against over")
MAX_CLIMB = 12


# A verb form in one of these roles describes rather than makes a clause: an attribute ("the
# threatened town"), an auxiliary, or a participle complement ("felt threatened", "looked
# endangered"), whose tense is its head verb's.
_NOT_A_CLAUSE = ("amod", "aux", "auxpass", "acomp", "oprd")


def clause_verb(token: Any) -> Any | None:
    """The verb (or copula) of the clause a token belongs to: itself, or its nearest verb head."""
    current = token
    for _ in range(MAX_CLIMB):
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in _NOT_A_CLAUSE:
            return current
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _auxiliaries(verb: Any) -> list[Any]:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass")]


def is_had(aux: Any) -> bool:
    """"'d" before a past participle with no "have" of its own is "had" ("she'd found religion",
    "they'd been warned"), which the tagger reads as the modal "would"; "she'd have gone" and
    "it'd be" are "would"."""
    verb = aux.head
    return aux.lower_ == "'d" and verb.tag_ == "VBN" \
        and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def looks_ahead(aux: Any, modals: frozenset[str] = FORWARD_AUX) -> bool:
    """An auxiliary among ``modals`` that is not a "had" written "'d"."""
    return aux.lower_ in modals and not is_had(aux)


def is_present_perfect(verb: Any) -> bool:
    """"Has increased", "have found", with no modal: a state that holds now."""
    auxes = _auxiliaries(verb)
    return any(a.lemma_ == "have" and a.tag_ in ("VBZ", "VBP") for a in auxes) \
        and not any(a.tag_ == "MD" for a in auxes)


def is_past(verb: Any) -> bool:
    """Simple past or past perfect, with no modal or future auxiliary."""
    auxes = _auxiliaries(verb)
    if any((a.lower_ in FORWARD_AUX or a.tag_ == "MD") and not is_had(a) for a in auxes):
        return False
    if any(c.lower_ == "going" for c in verb.children) or verb.tag_ == "MD":
        return False
    if auxes:
        first = auxes[0]
        return first.tag_ == "VBD" or is_had(first)  # "had posed", "was attacked", "were fighting"
    if verb.dep_ == "conj" and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
        if verb.tag_ == "VBN":
            return is_past(verb.head)  # "began in 2011 and later escalated": the VBN shares the tense
        if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children) and (
                _auxiliaries(verb.head) or verb.head.dep_ == "conj"):
            # "has closed the road and threatened the harvest": a verb with no subject of its own
            # shares the auxiliary of the first verb of the series (a past form stays past there)
            return is_past(verb.head)
    return bool(verb.tag_ == "VBD")


def _past_frame(verb: Any, marks: frozenset[str] = TEMPORAL_MARKS) -> bool:
    """A past-time adverbial or a temporal clause (introduced by one of ``marks``) on the verb or
    a clause above it."""
    for node in (verb, *verb.ancestors):
        for child in node.children:
            if child.dep_ in ("advmod", "npadvmod") and any(t.lower_ in PAST_ADVERBS for t in child.subtree):
                return True
            if _in_a_year(child) and is_past(node):
                return True  # "In 1957, he was the hitman in a botched attempt to ...": a dated past
        if node.dep_ == "advcl" and any(c.dep_ in ("advmod", "mark") and c.lower_ in marks
                                        for c in node.children) and is_past(node):
            return True
    return False


def _in_a_year(prep: Any) -> bool:
    """"In 1957", "during 2011": a year named as the time of a clause."""
    return prep.dep_ == "prep" and prep.lower_ in ("in", "during") and any(
        c.dep_ == "pobj" and len(c.text) == 4 and c.text.isdigit() for c in prep.children)


def told_verb(root: Any) -> Any:
    """The verb of what a sentence tells: its root, or, when the root is a verb of saying with a
    clause for what was said, that clause's verb (followed through a report of a report). "The
    monitor said 15 people were killed" tells a past event; "officials warned the dam could fail"
    tells a possible one, though "said" and "warned" are past in both."""
    verb = root
    for _ in range(3):
        said = [c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]
        if not said or not attributes_claim(verb.lemma_):
            break
        verb = said[0]
    return verb


def pinned_in_past(verb: Any) -> bool:
    """The text itself puts the clause in the past: "a decade ago", "previously", a past "when"
    clause. A plan or a threat is news in any tense unless pinned so; "as"/"while" clauses tell
    what went on at the same time as the news ("clashes raged as the militants tried to ..."),
    not a time gone by."""
    return _past_frame(verb, frozenset({"when"}))


def _reported(verb: Any) -> bool:
    """The clause is the content of a verb of saying told in the past (the tense is shifted back,
    not past). Backshift follows a past report only (Quirk et al. 1985, 14.31): under a present
    "says" or "tells us", a past in the content is the past ("Huawei tells us the flaw was
    reported last month")."""
    node = verb
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    if node.dep_ not in ("ccomp", "parataxis") or not attributes_claim(node.head.lemma_):
        return False
    saying = node.head
    return saying.tag_ not in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in saying.children)


def _looks_ahead(verb: Any) -> bool:
    """A warning with what it warns of: "threatened to strike", "warned that X would", "warned of X"
    (a bare "the storm threatened the coast" is a past menace, not a warning)."""
    return any(c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ in WARNED_OF)
               for c in verb.children)


def _warns_of_what_had_happened(verb: Any) -> bool:
    """"Warned that the printers had been compromised": a content in the past perfect puts its
    event before the warning, so the warning tells of a harm done, not of one ahead."""
    contents = [c for c in verb.children if c.dep_ == "ccomp"]
    return bool(contents) and all(
        any(a.lower_ == "had" and a.dep_ == "aux" for a in c.children) and c.tag_ == "VBN"
        and not any(a.tag_ == "MD" for a in c.children) for c in contents)


def _bare_participle(verb: Any) -> bool:
    """A participle adjunct with no auxiliary, subject or marker of its own ("..., making the water
    dangerous to drink") hangs on the clause above it and shares its time."""
    return verb.tag_ in ("VBG", "VBN") and verb.dep_ in ("advcl", "acl") and not _own_time(verb)


def _own_time(verb: Any) -> bool:
    """An auxiliary, a subject or a marker of its own gives a verb its own clause and time."""
    return any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "mark") for c in verb.children)


def told_as_past(token: Any) -> bool:
    """True when the clause holding ``token`` (a risk word) reports the past (see module doc)."""
    verb = clause_verb(token)
    if verb is None:
        return False
    while verb.dep_ == "conj" and verb.tag_ in ("VBG", "VBN") and verb.head.tag_ == verb.tag_ \
            and verb.head.i != verb.i and not _own_time(verb):
        verb = verb.head  # "went berserk, cursing and making threats": the participles share a time
    if _bare_participle(verb) and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head  # "developed an attack ..., making the water dangerous": the main clause's time
    if verb.lemma_.lower() in WARNING_VERBS and _warns_of_what_had_happened(verb):
        return True
    if verb.lemma_.lower() in WARNING_VERBS and (not is_past(verb) or _looks_ahead(verb)):
        return False
    if not is_past(verb):
        return False
    if verb.lemma_.lower() in FEELING or any(a.lower_ in FEELING for a in _auxiliaries(verb)):
        return True  # "he said he felt threatened": a feeling is an episode, reported or not
    if verb.dep_ == "advcl" and any(c.lower_ in TEMPORAL_MARKS for c in verb.children):
        return True
    return not _reported(verb) or _past_frame(verb)
