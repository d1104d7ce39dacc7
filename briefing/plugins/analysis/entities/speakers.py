"""Who said a quotation: the reporting clause next to it.

The clause is looked for in the words right after the closing mark ('"...," said X',
'"...," X said', '"...," believes X', '"...," according to X'), then in those right before the
opening mark ('X said: "..."', 'The agency continued: "..."', '..., saying "..."'), each within
its line and sentence. The speaker is the subject of the reporting verb; when the parser gives the
verb no subject (it often fails on inverted clauses like "noted expert of ... X") the nearest name
after the verb is used. A person's name is preferred to the organisation they are described by.
"He" and "she" go to a recent person who was a clause's subject, else to the last person who
spoke, else to the nearest person; "it" and "they" to the nearest organisation, state or group
(`_resolve_pronoun`). Names are returned as written, trimmed like entity names.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from typing import Any

from briefing import AnalysedArticle
from briefing.plugins.analysis.entities.role_heads import BODY_NOUNS, person_word
from briefing.plugins.analysis.entities.spans import glued_acronym
from briefing.plugins.analysis.nlp.token_table import plain_tokens
from briefing.plugins.text.reporting import introduces_speech

# Reporting verbs (lemmas), from common style-guide lists of attribution verbs.
_NAME_TYPES = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_OTHER_PRONOUNS = {"it", "they", "we", "i"}
_DROP = {"the", "a", "an", "its", "their", "his", "her"}
_PRONOUNS = _PERSON_PRONOUNS | _OTHER_PRONOUNS


def _is_reporting(token: Any) -> bool:
    return introduces_speech(token.lemma_, token.lower_)


def _first_token_from(doc: Any, char: int) -> int:
    """Index of the first token that starts at or after ``char`` (len(doc) when none does).

    A binary search (tokens are in text order): walking the article from its first token for each
    quotation made a Token object of every word before it.
    """
    return bisect_left(range(len(doc)), char, key=lambda i: doc[i].idx)


def _window_after(doc: Any, char: int, limit: int = 30) -> list[Any]:
    tokens: list[Any] = []
    for i in range(_first_token_from(doc, char), len(doc)):
        token = doc[i]
        ends = token.text in {".", "!", "?", "“", '"'} and tokens
        if "\n" in token.text or len(tokens) >= limit or ends:
            break
        tokens.append(token)
        if "\n" in token.whitespace_:
            break
    return tokens


def _window_before(doc: Any, char: int, limit: int = 30) -> list[Any]:
    tokens: list[Any] = []
    # the tokens that end by ``char`` are those before the first one ending after it
    last = bisect_right(range(len(doc)), char, key=lambda i: doc[i].idx + len(doc[i])) - 1
    for i in range(last, -1, -1):
        token = doc[i]
        if "\n" in token.text or "\n" in token.whitespace_ or len(tokens) >= limit \
                or token.text in {".", "!", "?", "”"}:
            break
        tokens.insert(0, token)
    return tokens


def _entity_name(token: Any) -> str | None:
    if token.ent_type_ not in _NAME_TYPES:
        return None
    if token.ent_iob_ not in ("B", "I"):
        return None
    # The entity's bounds from the IOB tags (as Doc.ents reads them, without building them all):
    # back to its "B" token, on over the "I" tokens after it.
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    glued = glued_acronym(plain_tokens(doc), end - 1)
    if glued >= end:  # "the US-CERT warning": the body named for the state, not the state
        return doc[start:glued + 1].text.removeprefix("the ").strip() or None
    words = [t for t in doc[start:end] if not t.is_punct and t.tag_ != "POS" and t.lower_ != "the"]
    return " ".join(t.text for t in words) or None


def _phrase(token: Any, analysed: AnalysedArticle) -> str | None:
    """The name a subject token stands for: a person inside it, an entity, a pronoun's referent."""
    # Only the words up to the token (and its own name): a relative clause after it names others.
    subtree = [t for t in token.subtree
               if t.i <= token.i or (t.ent_iob_ == "I" and t.ent_type_ == token.ent_type_)]
    for kind in ("PERSON", "ORG", "GPE"):
        for t in subtree:
            if t.ent_type_ == kind and not _state_of_an_office(t, token):
                return _entity_name(t)
    if token.lower_ in _PRONOUNS:
        return _resolve_pronoun(token, analysed)
    words = [t for t in subtree
             if t.i <= token.i and (not t.is_punct or t.tag_ == "HYPH") and t.lower_ not in _DROP]
    if token.tag_ in {"NN", "NNS", "NNP", "NNPS"} and words:
        return " ".join("".join(t.text_with_ws for t in words).split())  # "attorney's", not "attorney 's"
    return None


def _state_of_an_office(name: Any, head: Any) -> bool:
    """A state named only to say whose office speaks ("the U.S. attorney's office said", "the
    Russian Federation's embassy said"): the speaker is the office, not the state."""
    return (name.ent_type_ == "GPE" and head.ent_type_ != "GPE" and head.tag_ in {"NN", "NNS"}
            and name.i < head.i)


# How many sentences back a "he" or "she" looks for a person who was the subject of a clause.
SUBJECT_REACH = 4


def _resolve_pronoun(token: Any, analysed: AnalysedArticle) -> str | None:
    """The name a pronoun stands for. For "he"/"she": the nearest person who was the subject of a
    clause within the last few sentences (subjects are what a following pronoun most often
    continues: the ranking of centering theory); else the nearest person who spoke earlier (the
    subject of a reporting verb: "he added" goes on with a speaker); else the nearest person. For
    "it"/"they": a recent organisation, state or group that was a clause's subject, else the
    nearest one, never one named inside the quotation the pronoun attributes. With the nearest
    person alone, '"...," he said' after "X praised the Y administration" went to Y; with the
    nearest body alone, 'the Foreign Office said ... "... remain in Mexico," it said' went to
    Mexico."""
    wanted = {"PERSON"} if token.lower_ in _PERSON_PRONOUNS else {"ORG", "GPE", "NORP"}
    before = [ent for ent in reversed(token.doc.ents) if ent.end <= token.i and ent.label_ in wanted
              and not (ent.label_ == "NORP" and ent.root.tag_ not in {"NNPS", "NNS"})]
    reach = _sentence_start_before(analysed.article.sentences, token.idx, SUBJECT_REACH)
    if wanted == {"PERSON"}:
        subjects = [ent for ent in before if ent.root.dep_ in {"nsubj", "nsubjpass"}]
        chosen = next((ent for ent in subjects if ent.start_char >= reach), None) or \
            next((ent for ent in subjects if _is_reporting(ent.root.head)), None)
        if chosen is not None:
            return _entity_name(chosen[0])
        return _entity_name(before[0][0]) if before else None
    text = analysed.article.text
    recent = _recent_subject(token, analysed, text) if token.lower_ == "they" else None
    if recent is not None:
        return recent
    # Nearest first, and lazily: the quotation test counts marks between a name and the pronoun,
    # so it is asked only of the names within reach (and of the nearest one outside a quotation).
    nearest = None
    for ent in before:
        if _quoted_before(text, ent.end_char, token.idx):
            continue
        nearest = nearest if nearest is not None else ent
        if ent.start_char < reach:
            break
        if ent.root.dep_ in {"nsubj", "nsubjpass"}:
            return _entity_name(ent[0])
    return _entity_name(nearest[0]) if nearest is not None else None


# How many sentences back "they" looks for the subject of a clause it continues.
PLURAL_REACH = 2


def _recent_subject(token: Any, analysed: AnalysedArticle, text: str) -> str | None:
    """What "they" continues: the subject of the nearest clause before it, within PLURAL_REACH
    sentences, that is plural and names people or bodies ("the researchers said ... "...," they
    said", "<Name> and colleagues said"), outside any quotation. A subject that names no one ("the
    strikes") is passed over; None when no subject qualifies. ("It" is left to the entities: the
    nearest singular subject is as often a reporter or a document as the body that speaks.)"""
    start = _sentence_start_before(analysed.article.sentences, token.idx, PLURAL_REACH)
    doc = token.doc
    for i in range(token.i - 1, -1, -1):
        candidate = doc[i]
        if candidate.idx < start:
            return None
        if candidate.dep_ not in {"nsubj", "nsubjpass"} or candidate.lower_ in _PRONOUNS \
                or _quoted_before(text, candidate.idx + len(candidate), token.idx):
            continue
        if not _number_plural(candidate) or not _speaks(candidate):
            continue
        return _phrase(candidate, analysed)
    return None


def _speaks(subject: Any) -> bool:
    """Whether a plural subject names someone who can be quoted: a name, names joined by "and",
    or a noun for people or bodies ("the researchers", "the agencies"); "the strikes" say nothing."""
    named = any(t.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} for t in subject.subtree if t.i <= subject.i)
    lemma = subject.lemma_.lower()
    return named or subject.pos_ == "PROPN" or person_word(lemma) or lemma in BODY_NOUNS


def _number_plural(subject: Any) -> bool:
    """Whether a subject is plural: a plural noun, or names joined by "and"."""
    return subject.tag_ in {"NNS", "NNPS"} or any(child.dep_ == "conj" for child in subject.children)


_QUOTE_MARKS = ('"', "“", "”")


def _quoted_before(text: str, end: int, pronoun: int) -> bool:
    """Whether a name ending at ``end`` sits inside a quotation that closes before the pronoun at
    ``pronoun`` (an odd number of quotation marks lies between them)."""
    return sum(text.count(mark, end, pronoun) for mark in _QUOTE_MARKS) % 2 == 1


def _sentence_start_before(sentences: Any, char: int, count: int) -> int:
    """The start of the sentence ``count`` sentences before the one holding ``char``."""
    starts = [sentence.start for sentence in sentences]
    here = max(bisect_right(starts, char) - 1, 0)
    return starts[max(here - count, 0)] if starts else 0


def _speaker_of_verb(verb: Any, window: list[Any], analysed: AnalysedArticle) -> str | None:
    head = verb
    for _ in range(4):
        for child in head.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                name = _phrase(child, analysed)
                if name:
                    return name
        if head.dep_ in {"advcl", "xcomp", "conj", "ccomp"} and head.head.i != head.i:
            head = head.head
        else:
            break
    return None


def _according_to(window: list[Any], analysed: AnalysedArticle) -> str | None:
    for a, b in itertools.pairwise(window):
        if a.lower_ == "according" and b.lower_ == "to":
            for t in window[window.index(b) + 1:]:
                if t.dep_ == "pobj" or t.ent_type_:
                    return _phrase(t, analysed) or _entity_name(t)
    return None


def _after(window: list[Any], analysed: AnalysedArticle) -> str | None:
    body = [t for t in window if not t.is_punct or t.text in {"'", "’", "‘"}]
    if not body:
        return None
    found = _according_to(window, analysed)
    if found:
        return found
    for position, token in enumerate(body[:10]):
        if not _is_reporting(token):
            continue
        if position == 0:  # "said X": prefer a person named after the verb
            for kind in ("PERSON", "ORG", "GPE", "NORP"):
                for t in body[1:]:
                    if t.ent_type_ == kind:
                        return _entity_name(t)
        name = _speaker_of_verb(token, window, analysed)
        if name:
            return name
        if position > 0:
            return _phrase(body[position - 1], analysed)
    return None


def _before(window: list[Any], analysed: AnalysedArticle) -> str | None:
    found = _according_to(window, analysed)
    for token in reversed(window):
        if _is_reporting(token):
            return _speaker_of_verb(token, window, analysed) or found
    return found


def _may_go_on(text: str, close_char: int) -> bool:
    """Whether the sentence may go on after the closing mark with its attribution. A quotation
    that ends with a full stop inside the marks ends its sentence ('... as possible." It also
    called for ...'): the next sentence's subject is not the speaker. After "?" or "!" the clause
    goes on in lower case ('..?" she asked')."""
    inside = text[:close_char - 1].rstrip()
    if not inside.endswith((".", "?", "!")) or inside.endswith("..."):
        return True
    rest = text[close_char:].lstrip()
    return not inside.endswith(".") and rest[:1].islower()


def find_speaker(analysed: AnalysedArticle, open_char: int, close_char: int) -> str | None:
    """The speaker of the quotation whose marks are at ``open_char`` and ``close_char - 1``."""
    doc = analysed.doc
    after = _window_after(doc, close_char) if _may_go_on(analysed.article.text, close_char) else []
    speaker = _after(after, analysed) if after else None
    if speaker is None:
        before = _window_before(doc, open_char)
        speaker = _before(before, analysed) if before else None
    return speaker
