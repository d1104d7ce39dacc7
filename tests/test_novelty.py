"""What is new since the earlier briefings: facts and risks already told, and what a report adds."""

from __future__ import annotations

from briefing import Evidence, Fact, Place, Risk, Stakeholder
from briefing.plugins.analysis.assemble.novelty import Names, figures, mark_new, split_news

EV = (Evidence("a", 0, "x"),)
NAMES = Names([Stakeholder("Ines Carvalho", "person", EV, aliases=("Carvalho",)),
               Stakeholder("Paul Okafor", "person", EV)],
              [Place("Valdoria", EV)])
EARLIER = [
    "A magnitude 6.1 earthquake struck Valdoria on Tuesday, mayor Ines Carvalho said.",
    "Rescue teams searched collapsed buildings in the old town through the night.",
    "Twelve people were killed when the school roof fell in.",
]


def facts(*texts: str) -> list[Fact]:
    return [Fact(text, (Evidence(f"t{n}", 0, text),)) for n, text in enumerate(texts)]


def flags(*texts: str) -> list[bool]:
    return [f.new for f in mark_new(facts(*texts), EARLIER, NAMES, lambda f: f.text)]


def test_figures_are_digits_and_number_words() -> None:
    assert figures("The toll rose to 1,200 from twelve; 6.1 on the scale, dozens hurt.") == {
        "1200", "12", "6.1", "dozen"}


def test_the_same_fact_told_again_in_other_words_is_not_new() -> None:
    assert flags("Rescue teams searched the collapsed buildings of the old town through the night.",
                 "Mayor Carvalho said a magnitude 6.1 earthquake struck Valdoria on Tuesday.") == [
        False, False]


def test_a_new_figure_or_a_new_name_makes_it_new() -> None:
    assert flags("Fifteen people were killed when the school roof fell in.",  # twelve before
                 "A magnitude 6.1 earthquake struck Valdoria on Tuesday, mayor Ines Carvalho and "
                 "governor Paul Okafor said.",  # a name the earlier fact did not give
                 "The army sent 300 soldiers to clear the roads.") == [True, True, True]


def test_with_nothing_earlier_everything_is_new() -> None:
    found = mark_new(facts("Anything at all happened."), [], NAMES, lambda f: f.text)
    assert [f.new for f in found] == [True]


def test_risks_follow_the_same_rule() -> None:
    risks = [Risk("Aftershocks are likely to hit Valdoria in the coming days", EV, "likely"),
             Risk("The dam could fail", EV, "could")]
    found = mark_new(risks, ["Aftershocks are likely to hit Valdoria in the coming days, experts say"],
                     NAMES, lambda r: r.text)
    assert [r.new for r in found] == [False, True]


def test_an_earlier_text_matching_two_facts_of_today_judges_both() -> None:
    """same_groups puts an earlier text in one group; the second fact is compared in a second pass."""
    earlier = ["Police arrested two men at the harbour gates on Monday evening, and the mayor closed "
               "the port for the night after the arrests."]
    today = facts("Police arrested two men at the harbour gates on Monday evening.",
                  "The mayor closed the port for the night after the arrests.",
                  "The mayor closed the port for three nights after the arrests.")
    assert [f.new for f in mark_new(today, earlier, NAMES, lambda f: f.text)] == [False, False, True]


def test_a_report_that_adds_a_name_to_a_fact_told_before_stands_on_its_own() -> None:
    told = Evidence("old", 2, "Police arrested two men at the harbour gates.")
    fresh = Evidence("new", 4, "Police arrested two men, among them Paul Okafor, at the harbour gates.")
    again = Evidence("other", 1, "Police arrested two men at the harbour gates, police said.")
    merged = Fact(fresh.quote, (told, fresh, again), ("Old Post", "New Post", "Other Post"), 0.8)
    sources = {"old": "Old Post", "new": "New Post", "other": "Other Post"}
    kept, news = split_news([merged], {"old"}, sources, NAMES)
    assert (kept.text, kept.evidence, kept.sources) == (told.quote, (told, again), ("Old Post", "Other Post"))
    assert (news.text, news.evidence, news.sources, news.score) == (fresh.quote, (fresh,), ("New Post",), 0.8)
    unchanged = Fact(told.quote, (told, again), ("Old Post", "Other Post"))
    assert split_news([unchanged], {"old"}, sources, NAMES) == [unchanged]
