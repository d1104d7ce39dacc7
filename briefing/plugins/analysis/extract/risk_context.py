"""What "these assets" are: the sentence a risk refers back to.

A risk is often stated with a reference back to the sentence before it: "the collapse has
increased the risk to the security of these assets", "such a fall could have serious consequences".
On its own, as a line in a briefing, that risk no longer says what is at risk. The reference is
marked by a demonstrative determiner ("this", "that", "these", "those") or "such" before a common
noun, outside a time expression ("this week" refers to the calendar, not to the text), or by a
subject left out: "It means that cash is not flowing. And, if sustained, would ultimately lead to
higher borrowing costs." A sentence that opens with "and", "but" or "or" and whose main verb has a
modal ("would", "could", "will") but no subject continues the sentence before. Without the opening
conjunction or the modal, the rule fired on 105 of 21,809 sentences of seven corpora, and fewer
than ten of the 60 read continued the sentence before; the rest were orders ("Don't avoid it")
and misparsed subjects. With both, it fires on 2 (/work/notes/s34/subject_scan*).

By the recency preference that anaphora resolution has used since Hobbs (1978), the referent is in
the sentence just before. We do not guess which of its phrases it is: the risk carries that
sentence as its context, with its own evidence, and the reader resolves the reference as an
analyst would. Works on spaCy spans; nothing here imports spaCy.
"""

from __future__ import annotations

from typing import Any

from briefing import Article, Sentence
from briefing.plugins.text.similarity import is_statement

DEMONSTRATIVES = frozenset({"this", "that", "these", "those", "such"})
TIME_ENTITIES = frozenset({"DATE", "TIME"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})


def refers_back(span: Any) -> bool:
    """True when the span has a demonstrative noun phrase ("these assets", "such a fall") or its
    main verb lost its subject to the sentence before ("And, if sustained, would lead to ...")."""
    if _subject_left_out(span):
        return True
    for token in span:
        if token.lower_ not in DEMONSTRATIVES or token.ent_type_ in TIME_ENTITIES:
            continue
        head = token.head
        if (token.dep_ in ("det", "predet", "amod") and head.pos_ == "NOUN" and head.i > token.i
                and head.ent_type_ not in TIME_ENTITIES):
            return True
    return False


def _subject_left_out(span: Any) -> bool:
    words = [token for token in span if not token.is_punct]
    roots = [token for token in span if token.dep_ == "ROOT"]
    if not words or words[0].dep_ != "cc" or len(roots) != 1 or roots[0].pos_ != "VERB":
        return False
    children = list(roots[0].children)
    return (any(child.tag_ == "MD" for child in children)
            and not any(child.dep_ in SUBJECTS for child in children))


def context_sentence(article: Article, sentence: Sentence, span: Any) -> Sentence | None:
    """The statement just before ``sentence`` when ``span`` (its parse) refers back, else None.

    Only a full statement counts: a heading or photo caption before the sentence is not what a
    writer refers back to.
    """
    if sentence.index == 0 or not refers_back(span):
        return None
    before = article.sentences[sentence.index - 1]
    return before if is_statement(before.text) else None
