"""Quote extraction: every quotation form, attributed to the right speaker."""

from __future__ import annotations

from typing import Any

import pytest

from briefing import NoOptions, Quote
from briefing.plugins.analysis.extract.quotes import QuoteExtractor, quotation_spans
from briefing.plugins.analysis.nlp.analyser import load_model
from briefing.testing import analyse_with_spacy, extract_checked


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model("en_core_web_sm")


def quotes(nlp: Any, text: str) -> list[Quote]:
    return extract_checked(QuoteExtractor(NoOptions()), analyse_with_spacy(text))


@pytest.mark.parametrize(
    ("text", "speaker", "start"),
    [
        ("Maria Lopez said: “Our sales grew faster than expected.”", "Maria Lopez", "Our sales"),
        ('"The team played with real courage today," coach Tom Briggs said.', "Tom Briggs", "The team"),
        ("'We will not raise taxes this year,' said Anna Berg.", "Anna Berg", "We will"),
        ("‘The market will recover by spring,’ believes Helen Carter.", "Helen Carter", "The market"),
        ("“Prices are simply too high for families,” the ministry said.", "ministry", "Prices are"),
        ("Voters are tired, according to Paul Hart, who called it “a crisis of trust in politics”.",
         "Paul Hart", "a crisis"),
    ],
)
def test_each_form_is_attributed(nlp: Any, text: str, speaker: str, start: str) -> None:
    found = quotes(nlp, text)
    assert len(found) == 1
    assert found[0].speaker == speaker
    assert found[0].text.startswith(start)


def test_a_quotation_that_ends_its_sentence_is_not_said_by_the_next_sentence(nlp: Any) -> None:
    """'... said the attack "would be avenged." The ministry added ...': the sentence ended with the
    quotation, so the next one's subject (or what its "it" stands for) did not say it."""
    text = ("In a statement the port authority said the strike \"would cost the harbour dearly.\" "
            "The union said talks would resume. It added that pickets would stay.")
    assert [q.speaker for q in quotes(nlp, text)] == ["port authority"]
    asked = "“Who pays for the damage?” asked Mayor Ruth Okafor."
    assert [q.speaker for q in quotes(nlp, asked)] == ["Ruth Okafor"]


def test_inverted_title_speaker(nlp: Any) -> None:
    text = ("'Exports will fall for the third month in a row,' noted analyst of the national "
            "statistics office 'Statistics Norway' Lars Berg.")
    found = quotes(nlp, text)
    assert [q.speaker for q in found] == ["Lars Berg"]


def test_pronoun_speaker_resolves_to_person(nlp: Any) -> None:
    text = "Coach Sarah Jones was pleased.\n\n“We defended very well all game,” she said."
    assert quotes(nlp, text)[0].speaker == "Sarah Jones"


def test_quote_over_two_paragraphs_keeps_speaker_and_one_evidence_per_sentence(nlp: Any) -> None:
    text = ("Chief executive Tim Stone said: “We sold more cars than ever. Margins improved too.\n\n"
            "“Next year we will open two new factories.”\n\nShares rose.")
    found = quotes(nlp, text)
    assert len(found) == 1
    assert found[0].speaker == "Tim Stone"
    assert "Margins improved" in found[0].text and "two new factories" in found[0].text
    assert len(found[0].evidence) == 3


def test_next_paragraph_quote_continues_previous_speaker(nlp: Any) -> None:
    text = ("“We need more nurses in every hospital,” said Ruth Adams.\n\n"
            "“Without them the wards cannot stay open at night.”")
    found = quotes(nlp, text)
    assert [q.speaker for q in found] == ["Ruth Adams", "Ruth Adams"]


def test_apostrophes_scare_quotes_and_nesting() -> None:
    text = "It's the club's 'best season' ever, 'and the 'new' stadium is full every week,' he said."
    spans = quotation_spans(text)
    assert len(spans) == 1
    assert text[spans[0].start:spans[0].end].startswith("and the 'new' stadium")


def test_stray_mark_does_not_swallow_text() -> None:
    text = "He said \"this is open\n\nAnother paragraph with a \"proper quote of words\" here."
    spans = quotation_spans(text)
    assert [text[s.start:s.end] for s in spans] == ["proper quote of words"]


@pytest.mark.parametrize(("text", "quoted"), [
    ("“The ferry will run again on Friday,” the captain said.", "The ferry will run again on Friday"),
    ("“The ferry will run again on Friday, ” the captain said.", "The ferry will run again on Friday"),
    ("'The ferry will run again on Friday,' said the captain.", "The ferry will run again on Friday"),
    ("“They told us ‘the ferry will run again,’” the captain said.",
     "They told us ‘the ferry will run again’"),
])
def test_no_trailing_comma_inside_the_quotation(nlp: Any, text: str, quoted: str) -> None:
    found = quotes(nlp, text)   # the helper checks every evidence quote lies in its sentence
    assert [q.text for q in found] == [quoted]
    assert not found[0].evidence[0].quote.endswith(",")


def test_a_pronoun_goes_to_a_recent_subject_before_a_nearer_name(nlp: Any) -> None:
    text = ("Mayor Ann Lee opened the new bridge on Monday. Critics had long praised the "
            "Tom Reed administration for the plan.\n\n“We waited ten years for this,” she said.")
    assert [q.speaker for q in quotes(nlp, text)] == ["Ann Lee"]


def test_a_pronoun_far_from_any_subject_goes_to_the_last_speaker(nlp: Any) -> None:
    text = ("Ann Lee said the bridge would open in May. The council approved the budget. Work "
            "began in spring. Engineers checked the cables twice. Drivers queued for hours. "
            "Shops owned by Tom Reed stayed open late.\n\n“We kept our promise,” she said.")
    assert [q.speaker for q in quotes(nlp, text)] == ["Ann Lee"]


def test_it_goes_to_a_recent_subject_and_never_to_a_name_inside_its_quotation(nlp: Any) -> None:
    """'"... remain in Portugal," it said' after 'the Foreign Office said ...' went to Portugal."""
    text = ("On its website, the Foreign Office also said its embassy in Lisbon had closed until further "
            "notice. \"Travellers may wish to consider whether they should remain in Portugal at this "
            "time,\" it said.")
    assert [q.speaker for q in quotes(nlp, text)] == ["Foreign Office"]


def test_they_goes_to_the_plural_subject_before_it(nlp: Any) -> None:
    """'... the researchers said. "...," they added' went to a product named in between."""
    text = ("The flaws weaken the Harbour Shield proxy, the researchers said. \"Many of the flaws we find "
            "are old ones,\" they added.")
    assert [q.speaker for q in quotes(nlp, text)] == ["researchers"]
    joined = ("The findings apply more widely, Ann Lee and colleagues said. \"Millions live in the "
              "region,\" they wrote.")
    assert [q.speaker for q in quotes(nlp, joined)] == ["Ann Lee"]


def test_a_hyphened_speaker_keeps_its_hyphens(nlp: Any) -> None:
    text = '"The port is closed," a Britain-based monitor said.'
    assert [q.speaker for q in quotes(nlp, text)] == ["Britain-based monitor"]


def test_a_state_named_for_whose_office_speaks_is_not_the_speaker(nlp: Any) -> None:
    """"..., the U.S. attorney's office said" put a threat the office reported in the mouth of the
    United States; the office speaks."""
    found = quotes(nlp, 'Staff recalled that he said, "I will sink the harbour boats," the U.S. '
                        "attorney's office said.\n\"The port is closed,\" France said on Monday.")
    assert [q.speaker for q in found] == ["U.S. attorney's office", "France"]
