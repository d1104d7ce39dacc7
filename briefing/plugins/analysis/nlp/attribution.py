"""Who says so: attributions in a parsed sentence ("X said", "according to X", "..., notes X").

News states most claims through a source, and a briefing must keep the source with the claim. The
reporting verbs are the common English verbs of saying and assessing (the "verba dicendi" used in
quotation-attribution work such as Pareti's PARC corpus and Newell et al. 2018); a subject of one of
them, or the object of "according to", is the speaker. The content is what remains once the
attribution is cut off, so an extractor can phrase a claim compactly without losing who made it.
Works on spaCy spans (the builtin analyser's parse); nothing here imports spaCy itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from briefing.plugins.analysis.nlp.token_table import plain_tokens
from briefing.plugins.text.language import common_words
from briefing.plugins.text.reporting import attributes_claim

_QUOTES = "\"'“”‘’«» ,;:—–-"
MAX_SPEAKER_WORDS = 8


@dataclass(frozen=True)
class Attribution:
    """The speaker (if any) and the character span of the content within the sentence."""

    speaker: str | None
    content_start: int
    content_end: int


def _subtree_ends(token: Any) -> tuple[Any, Any]:
    """The first and last tokens of a token's subtree (its phrase)."""
    tokens = list(token.subtree)
    return tokens[0], tokens[-1]


def _subtree_bounds(token: Any) -> tuple[int, int]:
    """Character bounds of a token's subtree (its phrase)."""
    first, last = _subtree_ends(token)
    return first.idx, last.idx + len(last.text)


def text_between(sent: Any, start: int, end: int) -> str:
    """The document's text between two character offsets.

    Read from the parse's token table: ``Doc.text`` and ``Span.text`` join their tokens on every
    access, which made them the costliest lines of the extractors.
    """
    return plain_tokens(sent.doc).full_text[start:end]


def entity_starts(span: Any) -> Iterator[tuple[str, int, int]]:
    """(label, start, end) token bounds of each named entity that starts inside a span, in order
    (one starting at the span's end runs on past it). ``Span.ents`` would build a Span for every
    entity of the whole document on each access; the token table holds them once per parse."""
    for start, end, label in plain_tokens(span.doc).ents_starting_in(span.start, span.end):
        yield label, start, end


def entities_in(span: Any) -> list[tuple[str, str]]:
    """(label, text) of the named entities wholly inside a span, in order: ``span.ents``, cheaply."""
    table = plain_tokens(span.doc)
    return [(label, table.span_text(start, end))
            for start, end, label in table.ents_starting_in(span.start, span.end) if end <= span.end]


def _mid_sentence(text: str, first: Any) -> str:
    """The speaker as it reads inside a line: a common word capitalised only because it opens the
    sentence goes to lower case ("according to experts", "according to previous studies at the
    World Bank"). A name keeps its capital, and so does a word of one ("Mexican officials",
    "Kaspersky researchers"), or a word too rare to tell ("Gillers", which the tagger took for a
    plural noun)."""
    word = first.text
    if first.is_sent_start and first.tag_ not in ("NNP", "NNPS") and not first.ent_type_ \
            and word[:1].isupper() and word[1:].islower() and word.lower() in common_words("en") \
            and text.startswith(word):
        return word.lower() + text[len(word):]
    return text


def _speaker_text(sent: Any, head: Any) -> str | None:
    if head.pos_ == "PRON":
        return None
    first, last = _subtree_ends(head)
    text = text_between(sent, first.idx, last.idx + len(last.text)).strip(_QUOTES)
    if len(text.split()) <= MAX_SPEAKER_WORDS:
        return _mid_sentence(text, first)
    # A long subject with a person's name in apposition is that person ("the head of the US
    # Centres for Disease Control, Richard Besser, said" is Besser, whichever noun the parser
    # hangs the name on), not its truncated head ("the head").
    for apposed in (t for t in head.subtree if t.dep_ == "appos"):
        a_first, a_last = _subtree_ends(apposed)
        for label, e_start, e_end in entity_starts(head.doc[a_first.i:a_last.i + 1]):
            if label == "PERSON" or (label == "ORG" and apposed.head is head):
                return str(head.doc[e_start:e_end].text)
    # A long subject is its head and what comes before it ("the U.S.-based rights group"), not a
    # place in the clause after it ("... in a report issued in New York").
    own = text_between(sent, first.idx, head.idx + len(head.text)).strip(_QUOTES)
    if head.i > first.i and len(own.split()) <= MAX_SPEAKER_WORDS:
        return _mid_sentence(own, first)
    doc = head.doc
    for label, e_start, e_end in entity_starts(doc[first.i:last.i + 1]):
        if label in ("PERSON", "ORG", "NORP", "GPE"):
            return str(doc[e_start:e_end].text)
    compounds = [c.text for c in head.children if c.dep_ in ("compound", "amod")]
    return " ".join([*compounds, head.text])


def attribution(sent: Any, focus: int | None = None) -> Attribution:
    """Find the attribution of a spaCy sentence span; without one the content is the sentence.

    ``focus`` (a character offset, e.g. of a risk cue) picks the side of the attribution that
    holds the content when the attribution sits mid-sentence.
    """
    lower = plain_tokens(sent.doc).lower
    for i in range(sent.start, sent.end - 1):
        if lower[i] == "according" and lower[i + 1] == "to":
            token = sent.doc[i]
            objects = [c for c in token.nbor().children if c.dep_ == "pobj"]
            if objects:
                head = objects[0]
                left = min([head.idx, *(c.idx for c in head.lefts)])
                a_end = head.idx + len(head.text)
                return _around(sent, _speaker_text(sent, head), min(token.idx, left), a_end, focus)
    root = sent.root
    if attributes_claim(root.lemma_):
        verb = root
    else:
        verb = next((c for c in root.children if c.dep_ in ("parataxis", "ccomp")
                     and attributes_claim(c.lemma_) and c.i > root.i), None)
    if verb is not None:
        # The subject of a passive verb of saying is what is said of, not who says it ("only a
        # few cases will be confirmed by typing"): such a sentence is all content. A long subject
        # may come out as "nsubj" beside a passive auxiliary ("His intervention - made, as he
        # termed it, ... - was even said to have helped"): a passive auxiliary after it decides.
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects and any(c.dep_ == "auxpass" and c.i > subjects[0].i for c in verb.children):
            subjects = []
        if subjects and not _nobody(subjects[0]):
            s_start, s_end = _subtree_bounds(subjects[0])
            a_start, a_end = min(s_start, verb.idx), max(s_end, verb.idx + len(verb.text))
            return _around(sent, _speaker_text(sent, subjects[0]), a_start, _addressed(verb, a_end), focus)
    return Attribution(None, sent.start_char, sent.end_char)


_NOBODY = frozenset({"nobody", "none", "neither", "no"})


def _nobody(subject: Any) -> bool:
    """"No one told him ...", "Nobody said ...", "No official warned ...": a claim no one made is
    nobody's to attribute (the parse would name "No one" the speaker)."""
    return subject.lower_ in _NOBODY or any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children)


def _addressed(verb: Any, a_end: int) -> int:
    """The end of the attribution past whom the verb addresses and the "that" that opens what is
    said: "told reporters that the talks could fail" reports "the talks could fail", not "reporters
    that the talks could fail"; so does "suggests to astronomers that ..."."""
    said = next((c for c in verb.children if c.dep_ == "ccomp" and c.idx > verb.idx), None)
    if said is None:
        return _addressed_clause(verb, a_end)
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "iobj") and verb.idx < child.idx < said.idx:
            a_end = max(a_end, _subtree_bounds(child)[1])
    first = next(said.subtree)
    if first.dep_ == "mark" and first.lower_ == "that":
        a_end = max(a_end, first.idx + len(first.text))
    return a_end


def _addressed_clause(verb: Any, a_end: int) -> int:
    """"suggests to astronomers that a collision is less likely": the parser often hangs what is
    said on the addressee, as if "that" opened a relative clause of "astronomers"; the attribution
    then ends after that "that" all the same."""
    to = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" and c.idx > verb.idx), None)
    addressee = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if addressee is None or addressee.i + 1 >= len(addressee.doc):
        return a_end
    that = addressee.doc[addressee.i + 1]
    if that.lower_ != "that" or that.dep_ != "mark":
        return a_end
    return max(a_end, that.idx + len(that.text))


def _around(sent: Any, speaker: str | None, a_start: int, a_end: int, focus: int | None) -> Attribution:
    """Content = the side of the sentence around the attribution that holds the focus (or the longer).

    When the attribution splits the sentence and the content side is a dependent fragment (it starts
    with a relative pronoun, or is very short), the whole sentence is the content.
    """
    start, end = sent.start_char, sent.end_char
    if focus is not None and a_start <= focus < a_end:
        return Attribution(speaker, start, end)
    before_side = focus < a_start if focus is not None else a_start - start >= end - a_end
    c_start, c_end = (start, a_start) if before_side else (a_end, end)
    text = text_between(sent, c_start, c_end).strip(_QUOTES)
    first = text.split(" ", 1)[0].casefold() if text else ""
    if len(text.split()) < 4 or first in ("which", "who", "whom", "that", "whose", "where"):
        return Attribution(speaker, start, end)
    return Attribution(speaker, c_start, c_end)


def content_text(sent: Any, found: Attribution) -> str:
    """The content span as text, without the quotes and commas that bound it."""
    text = text_between(sent, found.content_start, found.content_end)
    return text.strip().strip(_QUOTES).strip()
