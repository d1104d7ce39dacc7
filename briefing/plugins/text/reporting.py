"""The verbs that report speech or belief: "said", "warned", "believes", "estimated".

One lexicon for every part that asks "who says so". The common English verbs of saying, writing
and thinking are shared; two uses add their own:

* `SPEECH_VERBS` introduce words said aloud or posted, the speaker of a quotation ("asked",
  "replied", "tweeted", "joked");
* `CLAIM_VERBS` attribute a claim or an assessment, whose risk words are the speaker's present
  view whatever the tense of the report ("estimated", "feared", "alleged", "revealed").

They stay apart because each addition misleads the other use: with the claim verbs, a clause
such as "... revealed by the June 3 poll" becomes the speaker of the quotation before it; with the
speech verbs, "called for" and "agreed to" become attributions of what follows them.
"""

from __future__ import annotations

from briefing.plugins.text.words import word_set

REPORTING_VERBS = word_set("""
say tell add note believe continue claim warn write explain state insist argue report predict
think declare announce stress emphasise emphasize acknowledge admit suggest conclude observe
remark caution confirm deny
""")
SPEECH_VERBS = REPORTING_VERBS | word_set("""
ask reply answer respond comment tweet post quip joke call agree concede describe maintain point
recall testify urge
""")
CLAIM_VERBS = REPORTING_VERBS | word_set("estimate assess allege fear reckon indicate reveal")

# Past forms that are not the lemma plus -ed.
_IRREGULAR = word_set("said told wrote written thought held foresaw")


def forms_of(verbs: frozenset[str]) -> frozenset[str]:
    """Every written form of the verbs, for text without a parse: "warned", "says", "told"."""
    found: set[str] = set()
    for verb in verbs:
        stem = verb[:-1] if verb.endswith("e") else verb
        found |= {verb, verb + "s", stem + "ed", stem + "ing"}
        if verb.endswith("y") and verb[-2:-1] not in "aeiou":
            found |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    return frozenset(found | _IRREGULAR)


CLAIM_FORMS = forms_of(CLAIM_VERBS)
# The written forms a parse most often fails to lemmatise in a reporting clause.
SPEECH_FORMS = word_set("said says told noted notes believes added warned")


_SPEECH = SPEECH_VERBS | SPEECH_FORMS


def introduces_speech(lemma: str, form: str = "") -> bool:
    """A verb that introduces a quotation, by its lemma or, when the lemma is off, its form."""
    return lemma.lower() in _SPEECH or form.lower() in _SPEECH


def attributes_claim(lemma: str) -> bool:
    """A verb that attributes a claim or an assessment to its subject."""
    return lemma.lower() in CLAIM_VERBS
