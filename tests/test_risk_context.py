"""A risk that refers back ("these assets", "such a move") carries the sentence before it as context."""

from __future__ import annotations

import pytest

from briefing.plugins.analysis.extract.risk_context import context_sentence, refers_back
from briefing.testing import analyse_with_spacy


def last_sentence_context(text: str) -> str | None:
    analysed = analyse_with_spacy(text)
    article, doc = analysed.article, analysed.doc
    sentence = article.sentences[-1]
    span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    found = context_sentence(article, sentence, span)
    return found.text if found else None


def test_a_demonstrative_noun_phrase_takes_the_sentence_before_as_context() -> None:
    text = ("The port authority keeps two grain terminals on the coast, at Varna and at Burgas.\n\n"
            "Engineers say the storm has increased the risk to these terminals.")
    assert last_sentence_context(text) == (
        "The port authority keeps two grain terminals on the coast, at Varna and at Burgas.")


def test_such_before_a_noun_refers_back() -> None:
    text = ("The ruling coalition lost its majority in the upper house on Friday. "
            "Such a defeat could force an early election, analysts say.")
    assert last_sentence_context(text) == (
        "The ruling coalition lost its majority in the upper house on Friday.")


def test_a_verb_without_its_subject_takes_the_sentence_before() -> None:
    text = ("It means that grain is not reaching the mills that need it.\n\n"
            "And, if sustained, would ultimately lead to bread shortages in the capital.")
    assert last_sentence_context(text) == "It means that grain is not reaching the mills that need it."


@pytest.mark.parametrize("text", [
    "The ministry warned this week that the dam could fail.",           # a time expression
    "But remember that the dam could fail after heavy rain.",           # an order: no modal
    "Could fail after heavy rain, engineers say.",                      # no opening conjunction
    "And the dam could fail after heavy rain, engineers say.",          # the subject is there
    "The ministry warned that the dam could fail after heavy rain.",    # "that" as a conjunction
    "Those who live near the river may have to leave their homes.",     # a pronoun, not a determiner
])
def test_no_reference_back(text: str) -> None:
    analysed = analyse_with_spacy(text)
    assert not refers_back(analysed.doc[:])


def test_a_caption_before_the_sentence_is_no_context() -> None:
    text = ("Flood barriers near the old bridge in 2019\n"
            "Officials warn that these barriers may not hold.")
    assert last_sentence_context(text) is None


def test_the_first_sentence_has_no_context() -> None:
    assert last_sentence_context("These barriers may not hold, officials warn.") is None
