"""Whether a first line is a headline or already the lead paragraph (text/headlines)."""

from __future__ import annotations

from briefing.plugins.text.headlines import (
    as_title,
    first_sentence,
    glued_headline,
    reads_as_headline,
    repeated_titles,
)


def test_headlines_are_short_and_rarely_long_sentences() -> None:
    assert reads_as_headline("Port Strike Spreads To Rotterdam As Talks Collapse, Union Says")
    assert reads_as_headline("Dock workers extend strike in Rotterdam - union.")  # short, with a stop
    assert reads_as_headline('Is a Smart Oven "Smart" If It Can Be Hijacked via SMS?')


def test_a_lead_paragraph_is_not_a_headline() -> None:
    assert not reads_as_headline("The Foreign Office advised against all but essential travel to Mexico "
                                 "on Tuesday as holiday firms started cancelling flights.")
    assert not reads_as_headline(" ".join(["word"] * 26))  # too long for a headline, stop or none
    assert not reads_as_headline("   ")


def test_the_first_sentence_of_the_first_line_stands_in_for_a_title() -> None:
    text = "\n  Ships queued outside the harbour. Talks failed on Friday.\nMore text."
    assert first_sentence(text) == "Ships queued outside the harbour."
    unended = "U.S. officials met at 3 p.m. on Friday"
    assert first_sentence(unended) == unended
    assert first_sentence("Mr. Smith met John F. Kennedy. They spoke.") == "Mr. Smith met John F. Kennedy."
    assert first_sentence("On Sept. 29 the vote failed. Stocks fell.") == "On Sept. 29 the vote failed."
    assert first_sentence("Coast Guard Adm. Thad Allen spoke. He left.") == \
        "Coast Guard Adm. Thad Allen spoke."
    assert first_sentence("Facts from the U.S. Centers for Disease Control. More.") == \
        "Facts from the U.S. Centers for Disease Control."
    assert first_sentence("") == ""


def test_a_title_three_articles_share_is_a_banner() -> None:
    titles = ["You've selected the U.S. Edition."] * 3 + ["Strike spreads", "Strike spreads", ""]
    assert repeated_titles(titles) == {"you've selected the u.s. edition"}
    assert repeated_titles(["  Strike  spreads", "strike spreads", "Strike spreads"]) == {"strike spreads"}


def test_a_long_lent_title_is_cut_to_a_headline_length_at_a_clause() -> None:
    lead = ("That is the term that best sums up a day in which the House refuses to pass a rescue "
            "plan, a bank is taken over in a deal with the government, and markets plunge.")
    assert as_title(lead) == ("That is the term that best sums up a day in which the House "
                              "refuses to pass a rescue plan…")
    unbroken = " ".join(["word"] * 40)
    assert as_title(unbroken) == " ".join(["word"] * 25) + "…"
    assert as_title("Rotterdam dockers strike over pay") == "Rotterdam dockers strike over pay"
    short = "Dock workers walked out on Monday over pay, the union said, and the port shut."
    assert as_title(short) == short  # a sentence, but short enough to show whole


def test_a_headline_run_into_its_lead_is_found_and_a_name_with_the_is_not() -> None:
    line = ("Port to reopen after dock strike The port of Rotterdam will reopen on Monday after "
            "the dock strike ended, the port authority said.")
    assert line[:glued_headline(line)] == "Port to reopen after dock strike "
    for sentence in (
            "Last week a researcher gave an interview to The Guardian about the port strike.",  # ends "to"
            "Dockers who had read the report in the paper The Times printed struck the port.",  # too long
            "The strike ended. The port of Rotterdam reopened, the port authority said.",  # a sentence break
            "Port to reopen after strike The mayor thanked the police."):  # shares one word only
        assert glued_headline(sentence) == 0
