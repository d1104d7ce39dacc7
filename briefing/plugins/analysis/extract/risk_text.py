"""How a risk reads as a line: its clause compacted, its speaker's name, and which sentences can
state one at all.

A briefing line is read out of its paragraph, so the connective that tied it to the sentence
before goes ("However, ..."), a speaker is named without the apposition that described them, a
heading states nothing, and "continue" with a complement is a harm going on rather than the
reporting verb of "'We will stay,' he continued". Works on spaCy spans; nothing here imports spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from briefing.plugins.analysis.nlp.token_table import plain_tokens
from briefing.plugins.text.words import word_set

_APPOSITION = re.compile(r",\s+(?:an?|the|its|his|her|their)\s.*$|,\s+[a-z].*$")


def speaker_name(speaker: str | None) -> str | None:
    """The speaker as a reader names them: "the MoD", "Jane Doe" (not "Jane Doe, an analyst")."""
    if not speaker:
        return None
    name = _APPOSITION.sub("", speaker).strip()
    if name.startswith("The "):
        name = "the " + name[4:]
    return name or None


# Sentence connectives that tie a sentence to the one before it (the conjunctive adverbs of
# Quirk et al. 1985, 8.134ff.); out of their paragraph they only get in the way.
_CONNECTIVE = re.compile(r"^(?:moreover|however|furthermore|meanwhile|also|even so|in addition|still|"
                         r"nevertheless|nonetheless|besides|additionally|at the same time|in turn),\s+"
                         # a conjunct cut from the clause before it: "(... a little bit) and then it
                         # will probably die down"; not the "so" of "so far", "so many", "so that"
                         r"|^(?:and|but|or|yet|so(?!\s+(?:far|long|much|many|few|little|that|as|too)\b))"
                         r"\s+(?:then\s+)?(?=\w)", re.IGNORECASE)


def compact(clause: str) -> str:
    """The clause as a briefing line: no leading connective, a capital to start, no final full
    stop, a curly quotation the trimming left open closed again."""
    text = _CONNECTIVE.sub("", clause.strip())
    first = text.split(" ", 1)[0]
    if first.islower() and first[0].isalpha():   # a clause cut after "said": not "iPhone"
        text = text[0].upper() + text[1:]
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    if text.count("“") > text.count("”"):
        text += "”"
    return text


STATING_TAGS = frozenset({"VBZ", "VBP", "VBD", "MD", "VBN"})


def has_verb(span: Any) -> bool:
    """A line with no finite verb and no participle ("Kitesurfing in a danger zone") is a heading
    or a caption: it names a topic and states nothing ("Aid threatened" states something)."""
    tag = plain_tokens(span.doc).tag
    return any(tag[i] in STATING_TAGS for i in range(span.start, span.end))


HEADLINE_SHARE = 0.6
"""A line this share of whose words (of at least ``HEADLINE_MIN_WORDS``) start with a capital is
written in headline case."""
HEADLINE_MIN_WORDS = 8


def headline_run(text: str) -> bool:
    """"427 Related US-Led Coalition Bombs School in Raqqa Mainstream Media Diverts Attention ...":
    a run of headlines in title case (a "related stories" list run into the text) states nothing,
    as a heading does not; a statement with many names stays well below (about a third)."""
    words = [w for w in text.split() if w[:1].isalpha()]
    capitalised = sum(w[0].isupper() for w in words)
    return len(words) >= HEADLINE_MIN_WORDS and capitalised >= HEADLINE_SHARE * len(words)


def goes_on_not_said(span: Any) -> bool:
    """"The regime continues to use banned weapons": "continue" with a complement is going on, not
    the reporting verb of "'We will stay,' he continued"."""
    root = span.root
    return root.lemma_.lower() == "continue" and any(c.dep_ in ("xcomp", "dobj") for c in root.children)


def tokens_in(span: Any, words: frozenset[str]) -> Iterator[Any]:
    """The span's tokens whose lemma or lower-case form is one of ``words``, found in the shared
    token table (building a Token for every word of every sentence was most of the rules' cost)."""
    table = plain_tokens(span.doc)
    lemma, lower = table.lemma, table.lower
    for i in range(span.start, span.end):
        if lemma[i] in words or lower[i] in words:
            yield span.doc[i]


def conditional_clauses(verb: Any, marks: frozenset[str]) -> list[Any]:
    """The adverbial clauses of ``verb`` introduced by one of ``marks`` ("if they fail, ...",
    "unless talks resume, ..."): what they say is a condition, not what the clause states."""
    return [c for c in verb.children if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks
                                                                 for m in c.children)]


def negated_here(token: Any) -> bool:
    """A "not"/"never" on the word itself, "no" as its determiner ("did not plan", "no threat"),
    or "no longer" ("is no longer a risk factor", "no longer threatens the town"); each rule
    module widens this with what negates in its own frames."""
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") or _no_longer(c)
               for c in token.children)


def _no_longer(token: Any) -> bool:
    """"No longer", "not any longer" as an adverb of the word: what held has stopped."""
    return token.dep_ == "advmod" and token.lower_ == "longer" \
        and any(c.dep_ == "neg" or c.lower_ in ("no", "not") for c in token.children)


NEGATIVE_QUANTIFIERS = word_set("little few")


def negated_frame(token: Any) -> bool:
    """``negated_here``, and the negative quantifiers without "a" ("little attempt", "few plans":
    Quirk et al. 1985, 5.24; "a little effort" is some effort): what negates a threat's frame or
    a weapons find."""
    doc = token.doc
    return negated_here(token) or any(
        c.dep_ == "amod" and c.lower_ in NEGATIVE_QUANTIFIERS and (c.i == 0 or doc[c.i - 1].lower_ != "a")
        for c in token.children)
