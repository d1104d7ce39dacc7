"""The days an article says its event happened on, and when two articles' days say "two events"."""

from __future__ import annotations

from datetime import UTC, date, datetime

from briefing.plugins.analysis.assemble.story_dates import apart, event_days

THURSDAY = datetime(2013, 8, 22, 9, tzinfo=UTC)


def days(text: str, published: datetime | None = THURSDAY, lead_words: int = 60) -> list[str]:
    return sorted(date.fromordinal(d).isoformat() for d in event_days(text, published, lead_words))


def test_weekdays_and_relative_days_count_back_from_publication() -> None:
    assert days("Activists said on Wednesday that hundreds were killed near Damascus.") == ["2013-08-21"]
    assert days("The blast on Thursday killed four.") == ["2013-08-22"]  # the day it was published
    assert days("Police arrested a man Monday in connection with Saturday's shooting.") == [
        "2013-08-17", "2013-08-19"]
    assert days("Two died in the fire last Thursday.") == ["2013-08-15"]
    assert days("Gunmen attacked a checkpoint yesterday; the army answered last night.") == ["2013-08-21"]
    assert days("Talks continue today.") == ["2013-08-22"]


def test_written_dates_with_or_without_a_year() -> None:
    assert days("Tuesday 4 April 2017 The regime bears responsibility, the EU said.", None) == ["2017-04-04"]
    assert days("Fri Apr 29 2016 Nine injured in mortar attacks.", None) == ["2016-04-29"]
    assert days("21.08.2013 The opposition says 1,300 were killed.", None) == ["2013-08-21"]
    assert days("Figures released on 2013-08-21 show the toll.", None) == ["2013-08-21"]
    # a year-less date is taken in the year that puts it nearest the publication
    assert days("The attack on August 21 drew condemnation.") == ["2013-08-21"]
    new_year = datetime(2014, 1, 3, tzinfo=UTC)
    assert days("Officials recalled the raid of 30 December.", new_year) == ["2013-12-30"]
    assert days("The attack on August 21 drew condemnation.", None) == []  # no year to count from


def test_what_looks_ahead_or_is_not_a_date_is_left_out() -> None:
    assert days("The council will meet on Friday and the strike runs until Monday.") == []
    assert days("Elections are due next Sunday.") == []
    assert days("At least 10 may have died in the blast.") == []
    assert days("The 5 decades of rule ended.") == []


def test_only_the_lead_is_read() -> None:
    text = "Shelling killed 12 in Marren on Monday. " + "More was said. " * 30 + "On Friday, talks failed."
    assert days(text, lead_words=20) == ["2013-08-19"]


def test_two_articles_are_apart_only_when_both_name_days_and_none_is_near() -> None:
    monday, tuesday, friday = (date(2013, 8, d).toordinal() for d in (19, 20, 23))
    assert apart(frozenset({monday}), frozenset({friday}))
    assert not apart(frozenset({monday}), frozenset({tuesday}))  # a day either side: next morning's report
    assert not apart(frozenset({monday, friday}), frozenset({friday}))  # a follow-up names the event's day
    assert not apart(frozenset(), frozenset({friday}))  # one says nothing: no evidence either way
