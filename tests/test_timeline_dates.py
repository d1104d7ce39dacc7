"""Date mentions resolved against the article's date, as a reader of the article would resolve them."""

from __future__ import annotations

from datetime import date

import pytest

from briefing.plugins.timeline.dates import find_dates

# The article is dated Wednesday 12 June 2024.
ARTICLE_DAY = date(2024, 6, 12)


def resolved(sentence: str, reference: date = ARTICLE_DAY) -> list[tuple[str, str, str]]:
    return [(m.text, m.value.isoformat(), m.granularity) for m in find_dates(sentence, reference)]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The ferry sank on Tuesday, the coastguard said.", ("Tuesday", "2024-06-11", "day")),
    ("Voting closed on Wednesday evening.", ("Wednesday", "2024-06-12", "day")),
    ("The minister resigned last Friday.", ("last Friday", "2024-06-07", "day")),
    ("Talks resume next Monday in Geneva.", ("next Monday", "2024-06-17", "day")),
    ("The summit will open on Thursday.", ("Thursday", "2024-06-13", "day")),
    ("Two men were arrested yesterday.", ("yesterday", "2024-06-11", "day")),
    ("Shots were heard in the port last night.", ("last night", "2024-06-11", "day")),
    ("The verdict is expected tomorrow.", ("tomorrow", "2024-06-13", "day")),
    ("The ceasefire was signed three days ago.", ("three days ago", "2024-06-09", "day")),
    ("The bridge reopened on 3 June.", ("3 June", "2024-06-03", "day")),
    ("The bridge reopened on the 3rd of June.", ("the 3rd of June", "2024-06-03", "day")),
    ("Flights resumed on June 3, 2019.", ("June 3, 2019", "2019-06-03", "day")),
    ("Flights resumed on June 3 , 2019 .", ("June 3 , 2019", "2019-06-03", "day")),
    ("The law came into force on Sept. 14.", ("Sept. 14", "2023-09-14", "day")),
    ("The order is dated 22/04/2013.", ("22/04/2013", "2013-04-22", "day")),
    ("The order is dated 04/22/2013.", ("04/22/2013", "2013-04-22", "day")),
    ("The filing of 2024-05-30 lists the assets.", ("2024-05-30", "2024-05-30", "day")),
    ("Monday, 10 June 2024 was the deadline.", ("Monday, 10 June 2024", "2024-06-10", "day")),
    ("Prices rose sharply last month.", ("last month", "2024-05-01", "month")),
    ("Exports fell earlier this year.", ("earlier this year", "2024-01-01", "year")),
    ("The company was founded in 2011.", ("in 2011", "2011-01-01", "year")),
    ("Output has grown since mid-2019.", ("mid-2019", "2019-01-01", "year")),
    ("The dam was finished in May 2010.", ("in May 2010", "2010-05-01", "month")),
    ("The dam was finished in April.", ("in April", "2024-04-01", "month")),
    ("Elections are due next year.", ("next year", "2025-01-01", "year")),
])
def test_one_mention_resolves(sentence, expected):
    assert resolved(sentence) == [expected]


def test_a_day_without_a_year_takes_the_nearer_year():
    # Written on 5 January 2025, "on 28 December" is last week, not this coming December.
    assert resolved("The plant shut on 28 December.", date(2025, 1, 5)) == [
        ("28 December", "2024-12-28", "day")]
    # Written on 28 December 2024, a date in early January ahead is next year's.
    assert resolved("The new rules apply from 2 January.", date(2024, 12, 28)) == [
        ("2 January", "2025-01-02", "day")]


def test_a_weekday_without_tense_takes_the_nearer_one():
    saturday = date(2024, 6, 15)
    assert resolved("Workers return to the quays on Monday.", saturday)[0][1] == "2024-06-17"
    assert resolved("Workers returned to the quays on Monday.", saturday)[0][1] == "2024-06-10"
    assert resolved("The market is closed on Thursday.", saturday)[0][1] == "2024-06-13"


def test_ambiguous_numeric_dates_take_the_reading_nearer_the_article():
    # 05/06/2024 is 5 June (day first) or 6 May; on 12 June the first is nearer.
    assert resolved("Filed on 05/06/2024.")[0][1] == "2024-06-05"
    assert resolved("Filed on 05/06/2024.", date(2024, 5, 8))[0][1] == "2024-05-06"


def test_words_that_look_like_dates_are_not_dates():
    assert resolved("Protesters may march again if the mayor says so.") == []
    assert resolved("More than 2,010 people signed; 2019 ballots were lost.") == []
    assert resolved("Music of the 1990s filled the Marseille hall.") == []
    assert resolved("The vote was 1,998 to 12.") == []


def test_several_mentions_in_one_text_keep_their_offsets():
    text = "The strike began on Monday. It ended on 14 June 2024, a week later."
    mentions = find_dates(text, ARTICLE_DAY)
    assert [(m.text, m.value.isoformat()) for m in mentions] == [
        ("Monday", "2024-06-10"), ("14 June 2024", "2024-06-14")]
    assert all(text[m.start:m.end] == m.text for m in mentions)


def test_impossible_dates_are_dropped():
    assert resolved("Dated 31 February and 45/13/2020.") == []
