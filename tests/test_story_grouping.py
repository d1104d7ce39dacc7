"""Story grouping: reports of one event together, a similar event apart, with or without dates."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from briefing import Article, Evidence, Place, Stakeholder, make_article
from briefing.plugins.analysis.assemble.story_grouping import GroupingOptions, average_linkage, group_articles

DAY = datetime(2024, 3, 5, tzinfo=UTC)

# Two earthquakes: same kind of event, same vocabulary; different town, people, figures.
VALDORIA = [
    "A magnitude 6.1 earthquake struck Valdoria on Tuesday, killing 41 people, mayor Ines Carvalho "
    "said. Rescue teams searched collapsed buildings in the old town through the night.",
    "Rescuers in Valdoria pulled survivors from the rubble after Tuesday's 6.1 quake. Mayor Ines "
    "Carvalho said 41 people had died and hundreds were injured when buildings collapsed.",
    "The death toll from the Valdoria earthquake rose to 41, Ines Carvalho, the town's mayor, told "
    "reporters. The 6.1 tremor destroyed much of the old town, and rescue teams worked overnight.",
]
KESTREL = [
    "A magnitude 5.2 earthquake shook Kestrel Bay on Friday, injuring 3 people, governor Paul "
    "Okafor said. Buildings were damaged and rescue teams checked the harbour district.",
    "Governor Paul Okafor said 3 people were hurt when the 5.2 quake hit Kestrel Bay on Friday. "
    "Rescue teams inspected damaged buildings near the harbour.",
    "Kestrel Bay was shaken by a 5.2 earthquake on Friday; governor Paul Okafor said 3 people were "
    "injured and several buildings near the harbour were damaged.",
]


def reports(texts: list[str], tag: str, when: datetime | None = None) -> list[Article]:
    return [make_article(text, title="", url=f"test:{tag}{n}", published_at=when)
            for n, text in enumerate(texts)]


def items(articles: list[Article], person: str, place: str) -> tuple[list[Stakeholder], list[Place]]:
    evidence = tuple(Evidence(a.id, 0, a.text.split()[0]) for a in articles)
    return [Stakeholder(person, "person", evidence)], [Place(place, evidence)]


def both_quakes(when: datetime | None = None) -> tuple[list[Article], list[Stakeholder], list[Place]]:
    first, second = reports(VALDORIA, "v", when), reports(KESTREL, "k", when)
    people_a, places_a = items(first, "Ines Carvalho", "Valdoria")
    people_b, places_b = items(second, "Paul Okafor", "Kestrel Bay")
    return first + second, people_a + people_b, places_a + places_b


def partition(stories: list[list[str]]) -> set[frozenset[str]]:
    return {frozenset(story) for story in stories}


def test_reports_of_one_event_group_and_a_similar_event_stays_apart() -> None:
    articles, people, places = both_quakes()
    stories = group_articles(articles, people, places)
    assert partition(stories) == {frozenset(a.id for a in articles[:3]),
                                  frozenset(a.id for a in articles[3:])}


def test_the_grouping_does_not_depend_on_the_order_of_the_articles() -> None:
    articles, people, places = both_quakes(DAY)
    expected = partition(group_articles(articles, people, places))
    shuffled = articles[:]
    random.Random(7).shuffle(shuffled)
    assert partition(group_articles(shuffled, people, places)) == expected


def test_the_same_report_far_apart_in_time_is_two_stories() -> None:
    text = VALDORIA[0]
    close = [make_article(text, url="test:1", published_at=DAY),
             make_article(text, url="test:2", published_at=DAY + timedelta(hours=20))]
    far = [close[0], make_article(text, url="test:3", published_at=DAY + timedelta(days=400))]
    assert len(group_articles(close)) == 1
    assert len(group_articles(far)) == 2


def test_a_story_lists_its_articles_in_publication_order_undated_last() -> None:
    late = make_article(VALDORIA[0], url="test:late", published_at=DAY + timedelta(days=1))
    early = make_article(VALDORIA[1], url="test:early", published_at=DAY)
    undated = make_article(VALDORIA[2], url="test:undated")
    (story,) = group_articles([undated, late, early])
    assert story == [early.id, late.id, undated.id]


def test_nothing_to_group() -> None:
    assert group_articles([]) == []
    one = make_article("A lone report about a council vote on tram fares.")
    assert group_articles([one]) == [[one.id]]


def test_one_article_bridging_two_groups_does_not_chain_them() -> None:
    # 0-1-2 and 3-4-5 are tight groups; 2 and 3 look alike. Joining every pair above the
    # threshold would make one story of six; average linkage keeps the two groups.
    tight = {(0, 1): 0.9, (0, 2): 0.9, (1, 2): 0.9, (3, 4): 0.9, (3, 5): 0.9, (4, 5): 0.9}
    clusters = average_linkage(6, {**tight, (2, 3): 0.8}, threshold=0.3)
    assert sorted(sorted(c) for c in clusters) == [[0, 1, 2], [3, 4, 5]]


def test_without_the_event_split_two_similar_events_share_a_story() -> None:
    """The split of story_split is what keeps the two earthquakes apart at a recall-friendly threshold."""
    articles, people, places = both_quakes()
    unsplit = group_articles(articles, people, places, GroupingOptions(threshold=1e-6, split=0.0))
    split = group_articles(articles, people, places, GroupingOptions(threshold=1e-6))
    assert len(unsplit) == 1
    assert len(split) == 2


MARREN_MONDAY = [
    ("Shelling kills 12 in Marren",
     "Shelling killed 12 civilians in the eastern district of Marren on Monday, the local monitoring "
     "group said. Rescue workers pulled bodies from two apartment blocks hit by artillery."),
    ("Marren shelled",
     "Artillery fire hit apartment blocks in Marren's eastern district on Monday, killing 12 civilians, "
     "according to the monitoring group. Rescue workers searched the rubble."),
]
MARREN_THURSDAY = ("Shelling kills 7 in Marren market",
                   "Shelling killed 7 civilians at a market in the eastern district of Marren on "
                   "Thursday, the local monitoring group said. Rescue workers took the wounded to a "
                   "field hospital.")


def test_with_the_day_test_similar_reports_that_name_different_days_are_two_events() -> None:
    """Three days apart, well within the time decay: what parts the two shellings is the day each
    report says its event happened on. The test is off by default (a story told over weeks names
    a new day in each report), so by default the three are one story."""
    monday = datetime(2024, 3, 4, 18, tzinfo=UTC)
    first = [make_article(text, title=title, url=f"test:m{n}", published_at=monday + timedelta(hours=n))
             for n, (title, text) in enumerate(MARREN_MONDAY)]
    second = make_article(MARREN_THURSDAY[1], title=MARREN_THURSDAY[0], url="test:t",
                          published_at=monday + timedelta(days=3))
    by_day = GroupingOptions(apart=0.25)
    assert partition(group_articles([*first, second], options=by_day)) == {frozenset(a.id for a in first),
                                                                           frozenset({second.id})}
    assert len(group_articles([*first, second])) == 1
    # the morning-after report of Monday's shelling names Monday too, and joins its story
    after = make_article(MARREN_MONDAY[1][1].replace("on Monday", "late on Monday") + " Funerals were held.",
                         title="Marren buries its dead", url="test:after",
                         published_at=monday + timedelta(days=1))
    assert {frozenset(s) for s in group_articles([*first, second, after], options=by_day)} == {
        frozenset([*(a.id for a in first), after.id]), frozenset({second.id})}


def test_a_shared_weekday_or_modal_may_does_not_make_unrelated_articles_one_story() -> None:
    """Two unrelated articles of one trade press, a fortnight apart: "on Monday" names two
    different days, and "may" is the verb, so neither is a detail the two reports share."""
    ransomware = make_article(
        "A researcher showed on Monday that water treatment controllers may be held to ransom. "
        "He said 1,500 such controllers are reachable online.", title="Ransomware against water plants",
        url="test:water", published_at=DAY)
    toys = make_article(
        "Voice messages of children may have leaked, the toy maker said on Monday. Attackers copied "
        "a database of 800,000 accounts.", title="Smart toy maker confirms breach",
        url="test:toys", published_at=DAY + timedelta(days=14))
    assert sorted(map(len, group_articles([ransomware, toys]))) == [1, 1]
    # ... while two reports of one event, the same week, still share the day they name
    again = make_article(
        "Water treatment controllers may be held to ransom, a researcher warned on Monday; 1,500 "
        "controllers are reachable online.", title="Researcher warns of ransomware on water plants",
        url="test:water2", published_at=DAY + timedelta(days=1))
    assert sorted(map(len, group_articles([ransomware, toys, again]))) == [1, 2]


def test_a_days_subject_weighs_more_than_common_words_when_every_report_uses_both() -> None:
    """On a day of one subject the run alone cannot tell "flu" from "people": each is in every
    report. Counted against English at large, the subject's word stays the telling one."""
    from collections import Counter

    from briefing.plugins.analysis.assemble.story_features import ArticleTerms, weigh

    terms = [ArticleTerms(f"a{n}", None, {"body": Counter({"flu": 1, "people": 1, f"town{n}": 1})})
             for n in range(4)]
    alone = weigh(terms)[0]["body"]
    assert alone["flu"] == alone["people"]
    counted = weigh(terms, background=300.0)[0]["body"]
    assert counted["flu"] > 1.5 * counted["people"]


def test_on_a_day_of_one_subject_reports_group_by_event_not_by_their_common_words() -> None:
    """Two flu stories, a hotel's quarantine and a school's closure, each told twice: one report
    of each shares the other's everyday phrasing ("people there said the government gave little
    news this week"). Counted over the run alone those everyday words weigh as much as "hotel" or
    "school", and the stories cross; counted against English at large, they do not."""
    everyday = "people there said the government gave little news this week."
    texts = [f"Flu quarantine at the Metropark hotel: {everyday}",
             "The Metropark hotel quarantine over flu goes on; guests said the time inside felt like a year.",
             f"Flu shut the Harwick school: {everyday}",
             "The Harwick school stays shut over flu; pupils said the time at home felt like a year."]
    articles = [make_article(text, title="", url=f"test:flu{n}") for n, text in enumerate(texts)]
    hotel, school = frozenset(a.id for a in articles[:2]), frozenset(a.id for a in articles[2:])
    assert partition(group_articles(articles)) == {hotel, school}
    run_only = replace(GroupingOptions(), background=0.0, names_background=0.0)
    assert partition(group_articles(articles, options=run_only)) != {hotel, school}


def test_shared_dates_alone_do_not_make_two_reports_one_story() -> None:
    """A cult trial whose killing was "last May" and a prison case of assaults "in May", both
    reported on Tuesday, say nothing else alike; on a day of mixed news their months and weekday
    made them one story. Dates and figures confirm reports that tell the same things; alone,
    they join nothing."""
    trial = ("The trial of five cult members accused of beating a woman to death in a Yantai restaurant "
             "opened on Tuesday. The woman was killed last May after refusing to give them her phone "
             "number. Prosecutors said the group had recruited followers since May of last year, and "
             "the court heard that the killing in May shocked the province.")
    guards = ("The navy on Tuesday charged four prison guards accused of assaulting detainees in May at "
              "a camp near the border. An inquiry found that two detainees were bruised in the May "
              "incidents; the courts-martial will be held at the camp.")
    others = ["Storm winds closed the harbour at Lowmoor and ferries were cancelled, the port said.",
              "The central bank held interest rates at 4 percent, its governor told reporters.",
              "A new bridge over the river Ashby will open to traffic next year, the council said.",
              "Striking rail workers in Calderford walked out over pay, leaving commuters stranded.",
              "The football club sacked its manager after a run of eight defeats in the league.",
              "A museum returned a painting looted in the war to the family of its owner."]
    when = datetime(2024, 4, 9, 12, tzinfo=UTC)
    day = [make_article(text, title=title, url=f"test:{title}", published_at=when)
           for title, text in [("Cult trial opens", trial), ("Navy charges guards", guards),
                               *((f"Other {n}", text) for n, text in enumerate(others))]]
    assert [len(story) for story in group_articles(day)] == [1] * 8
    ungated = group_articles(day, options=replace(GroupingOptions(), details_gate=0.0))
    assert sorted(map(len, ungated)) == [1] * 6 + [2]  # what the gate prevents
