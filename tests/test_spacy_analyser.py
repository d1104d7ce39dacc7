"""The spaCy analyser: sentences that respect line breaks, entity mentions, and trimming."""

from __future__ import annotations

import pytest

from briefing import make_article
from briefing.plugins.analysis.nlp.analyser import SpacyAnalyser, SpacyOptions

TEXT = ("Acme Corp said on Monday that its chief executive, Jane Doe, would visit Berlin\n"
        "Photo caption without a full stop\n"
        "Shares rose 4% in early trading. Analysts in London were surprised.")


def analyse(needs=None):
    analyser = SpacyAnalyser(SpacyOptions())
    if needs is not None:
        analyser.require(frozenset(needs))
    (analysed,) = analyser.analyse([make_article(TEXT, title="t")])
    return analysed


@pytest.mark.parametrize("needs", [None, {"sentences", "entities"}])
def test_sentences_end_at_line_breaks_and_offsets_hold(needs):
    analysed = analyse(needs)
    article = analysed.article
    texts = [s.text for s in article.sentences]
    assert texts[1] == "Photo caption without a full stop"
    assert texts[-1] == "Analysts in London were surprised."
    for sentence in article.sentences:
        assert article.text[sentence.start:sentence.end] == sentence.text
    mentions = {(m.text, m.label) for m in analysed.mentions}
    assert ("London", "GPE") in mentions and ("Berlin", "GPE") in mentions
    london = next(m for m in analysed.mentions if m.text == "London")
    assert london.sentence_index == len(texts) - 1


def test_trimmed_analysis_skips_the_parser():
    trimmed = analyse({"sentences", "entities"}).doc
    full = analyse().doc
    assert not trimmed.has_annotation("DEP") and full.has_annotation("DEP")
    assert [(e.text, e.label_) for e in trimmed.ents] == [(e.text, e.label_) for e in full.ents]


@pytest.mark.parametrize("text", ["", "   \n\n  ", "Hello"])
def test_a_parse_with_no_or_only_blank_sentences_gives_what_it_holds(text):
    from briefing.plugins.analysis.nlp.analyser import analysed_from_doc, load_model

    analysed = analysed_from_doc(make_article(text or "x", title="t"), load_model("en_core_web_sm")(text))
    assert [s.text for s in analysed.article.sentences] == ([text] if text.strip() else [])
    assert analysed.mentions == ()


def sentences_of(text: str) -> list[str]:
    """The sentences the builtin analyser splits ``text`` into."""
    (analysed,) = SpacyAnalyser(SpacyOptions()).analyse([make_article(text, title="t")])
    return [s.text for s in analysed.article.sentences]


def test_a_rank_before_a_name_does_not_end_the_sentence():
    """The small model split "Sgt." and "Capt." from their full stop and started a new sentence
    there, so "Army Capt." was a sentence and "Tom Briggs said ..." another."""
    text = ("Army Capt. Tom Briggs said the bridge could fall. Sgt. Maj. Ana Brik said the base could "
            "be overrun. Harbour police Det. Ann Lee said the port could close. Navy Cmdr. Tom Lee "
            "said the ship could sink.\nThe list ends with Gen.\nGen. Ana Brik agreed.")
    assert sentences_of(text) == [
        "Army Capt. Tom Briggs said the bridge could fall.",
        "Sgt. Maj. Ana Brik said the base could be overrun.",
        "Harbour police Det. Ann Lee said the port could close.",
        "Navy Cmdr. Tom Lee said the ship could sink.",
        "The list ends with Gen.", "Gen. Ana Brik agreed."]  # a line break still ends one


def test_a_subject_pronoun_run_onto_the_sentence_before_starts_a_sentence():
    """A page that lost its paragraph breaks: "... need substantial support They began ..." is two
    sentences; a pronoun after a word that opens a clause, or before a capital, is not."""
    text = ("The long-term effects are going to need substantial support They began mobilising teams.\n"
            "Pilgrims asked why He allows such things to happen.\n"
            "The choir sang the song We Are the World at the vigil.")
    assert sentences_of(text) == [
        "The long-term effects are going to need substantial support",
        "They began mobilising teams.",
        "Pilgrims asked why He allows such things to happen.",
        "The choir sang the song We Are the World at the vigil."]
