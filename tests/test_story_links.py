"""Stories across days: today's story linked to the one an earlier briefing told, or new."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from briefing import Article, Briefing, Evidence, Place, Stakeholder, Story, make_article, story_id_for
from briefing.plugins.analysis.assemble.across_days import across_days
from briefing.plugins.analysis.assemble.story_grouping import GroupingOptions
from briefing.plugins.analysis.assemble.story_links import _similar, link_stories, told_stories

MONDAY = datetime(2024, 3, 4, 9, tzinfo=UTC)
QUAKE_MONDAY = [
    "A magnitude 6.1 earthquake struck Valdoria on Monday, killing 41 people, mayor Ines Carvalho "
    "said. Rescue teams searched collapsed buildings in the old town through the night.",
    "Mayor Ines Carvalho said 41 people had died when the 6.1 quake hit Valdoria. Hundreds were "
    "injured and rescue teams worked in the old town overnight.",
]
QUAKE_TUESDAY = (
    "The death toll of the Valdoria earthquake rose to 58 on Tuesday, mayor Ines Carvalho said, as "
    "rescue teams pulled two survivors from collapsed buildings in the old town.")
TRAIN_TUESDAY = (
    "Train drivers in Calderford walked out on Tuesday, union leader Marta Quill said. The strike "
    "cancelled 300 services and left 40,000 commuters stranded.")


def reports(texts: list[str] | tuple[str, ...], tag: str, when: datetime) -> list[Article]:
    return [make_article(text, title="", url=f"test:{tag}{n}", published_at=when)
            for n, text in enumerate(texts)]


def named(articles: list[Article], person: str, place: str) -> tuple[list[Stakeholder], list[Place]]:
    evidence = tuple(Evidence(a.id, 0, a.text.split()[0]) for a in articles)
    return [Stakeholder(person, "person", evidence)], [Place(place, evidence)]


def monday_briefing(story_id: str = "s-quake") -> Briefing:
    quake = reports(QUAKE_MONDAY, "q", MONDAY)
    people, places = named(quake, "Ines Carvalho", "Valdoria")
    return Briefing("world", "World", MONDAY + timedelta(hours=1), tuple(quake), stakeholders=tuple(people),
                    places=tuple(places),
                    stories=(Story("Quake hits Valdoria", tuple(a.id for a in quake), 1.0, story_id),))


def tuesday(when: datetime) -> tuple[list[Article], list[Stakeholder], list[Place]]:
    quake = reports([QUAKE_TUESDAY], "qt", when)
    train = reports([TRAIN_TUESDAY], "t", when)
    quake_people, quake_places = named(quake, "Ines Carvalho", "Valdoria")
    train_people, train_places = named(train, "Marta Quill", "Calderford")
    return quake + train, quake_people + train_people, quake_places + train_places


def test_a_report_of_the_same_event_continues_the_story_and_another_event_does_not() -> None:
    articles, people, places = tuesday(MONDAY + timedelta(days=1))
    groups = [[articles[0].id], [articles[1].id]]
    links = link_stories(groups, articles, people, places, [monday_briefing()])
    assert {n: told.id for n, told in links.items()} == {0: "s-quake"}
    assert links[0].first_briefed == MONDAY + timedelta(hours=1)


def test_the_same_kind_of_event_months_later_is_a_new_story() -> None:
    """The grouping's own time decay: a similar report four months on is another event."""
    articles, people, places = tuesday(MONDAY + timedelta(days=120))
    groups = [[articles[0].id], [articles[1].id]]
    assert link_stories(groups, articles, people, places, [monday_briefing()]) == {}


COUNTY = ("A computer virus found late Tuesday led Harlow County to shut down its computers and phone "
          "systems to stop it spreading, the county's administrator said. Staff were told not to open "
          "attachments from unknown senders.")
GAME = ("A flaw in the Vaporware game store let attackers plant code in a player's profile page that "
        "ran when anyone opened it. The company said it fixed the bug on Tuesday; researchers said "
        "it could have spread from profile to profile.")


def test_a_weekday_two_unrelated_stories_share_does_not_link_them() -> None:
    """Yesterday's county virus and today's game-store bug both name Tuesday and nothing else of
    their details channel: that one shared day must not make the bug "developing" (it did on a
    day of cyber news, when a lone weekday counted as much as a shared toll and time, and counted
    where nothing else was shared)."""
    tuesday_ = MONDAY + timedelta(days=1)
    county = reports([COUNTY], "c", tuesday_)
    earlier = Briefing("cyber", "Cyber", tuesday_ + timedelta(hours=14), tuple(county),
                       stories=(Story("County shuts computers", (county[0].id,), 1.0, "s-county"),))
    game = reports([GAME], "g", tuesday_ + timedelta(days=1))
    assert link_stories([[game[0].id]], game, [], [], [earlier]) == {}
    for options in (replace(GroupingOptions(), details_floor=1),
                    replace(GroupingOptions(), details_gate=0.0)):  # each alone prevents it
        assert link_stories([[game[0].id]], game, [], [], [earlier], options) == {}
    neither = replace(GroupingOptions(), details_floor=1, details_gate=0.0)
    linked = link_stories([[game[0].id]], game, [], [], [earlier], neither)
    assert [told.id for told in linked.values()] == ["s-county"]


def test_a_shared_article_links_whatever_the_words() -> None:
    earlier = monday_briefing()
    again = earlier.articles[0]
    articles, people, places = tuesday(MONDAY + timedelta(days=1))
    groups = [[articles[1].id, again.id], [articles[0].id]]  # an odd grouping: the shared article wins
    links = link_stories(groups, [*articles, again], people, places, [earlier])
    assert {n: told.id for n, told in links.items()} == {0: "s-quake"}  # one earlier story, one link


QUAKE_TUESDAY_MORE = [
    QUAKE_TUESDAY,
    "Rescue teams in Valdoria pulled two survivors from collapsed buildings on Tuesday as the "
    "earthquake's death toll rose to 58, mayor Ines Carvalho said.",
    "Aftershocks shook Valdoria on Tuesday. Mayor Ines Carvalho said 58 people had now died in "
    "the earthquake and that rescue teams would search the old town for another night.",
]
QUAKE_RETOLD = (
    "Mayor Ines Carvalho said 41 people had died when the 6.1 earthquake struck Valdoria, and "
    "rescue teams searched collapsed buildings in the old town.")


def test_the_story_carrying_most_of_the_coverage_continues_it_not_a_lone_closer_report() -> None:
    """Today's three quake reports and a lone retelling of Monday's both pass the threshold, and the
    retelling is the closer (higher mean similarity); the three reports are where Monday's story
    goes on, so they keep its id and the lone report is the new one."""
    when = MONDAY + timedelta(days=1)
    many, lone = reports(QUAKE_TUESDAY_MORE, "m", when), reports([QUAKE_RETOLD], "l", when)
    people, places = named([*many, *lone], "Ines Carvalho", "Valdoria")
    groups = [[a.id for a in many], [lone[0].id]]
    earlier = [monday_briefing()]
    for group in groups:  # each alone would continue Monday's story, the lone report the closer
        assert link_stories([group], [*many, *lone], people, places, earlier)
    closeness = _similar(groups, [*many, *lone], people, places, earlier, told_stories(earlier),
                         GroupingOptions())
    means = {g: total / (len(groups[g]) * 2) for total, g, _ in closeness}
    assert means[1] > means[0]
    links = link_stories(groups, [*many, *lone], people, places, earlier)
    assert {n: told.id for n, told in links.items()} == {0: "s-quake"}


def test_a_story_told_on_several_days_is_one_earlier_story_first_briefed_on_the_first() -> None:
    first = monday_briefing()
    later = Briefing("world", "World", MONDAY + timedelta(days=1), first.articles[:1],
                     stories=(Story("Quake toll rises", (first.articles[0].id,), 1.0, "s-quake",
                                    status="developing", first_briefed=first.generated_at),))
    (told,) = told_stories([first, later])
    assert (told.id, told.first_briefed) == ("s-quake", first.generated_at)
    assert told.article_ids == [a.id for a in first.articles]


def test_across_days_marks_stories_and_leaves_out_the_ones_with_nothing_new() -> None:
    earlier = monday_briefing()
    old = list(earlier.articles)
    articles, people, places = tuesday(MONDAY + timedelta(days=1))
    everything = [*old, *articles]
    groups = [[old[0].id, old[1].id, articles[0].id], [articles[1].id]]
    today = across_days(groups, everything, people, places, [earlier], MONDAY + timedelta(days=1))
    stories = today.told([Story("Quake", tuple(groups[0]), 2.0, story_id_for(groups[0])),
                          Story("Train", tuple(groups[1]), 1.0, story_id_for(groups[1]))])
    assert [(s.id, s.status, s.new_article_ids) for s in stories] == [
        ("s-quake", "developing", (articles[0].id,)),
        (story_id_for(groups[1]), "new", (articles[1].id,))]
    assert stories[0].first_briefed == earlier.generated_at
    assert stories[1].first_briefed == MONDAY + timedelta(days=1)
    stale = across_days([[old[0].id, old[1].id]], old, [], [], [earlier], MONDAY + timedelta(days=1))
    assert stale.groups == []  # told on Monday, nothing new since


def test_a_new_story_never_takes_the_id_of_an_earlier_story_it_does_not_continue() -> None:
    earlier = monday_briefing(story_id=story_id_for([a.id for a in monday_briefing().articles]))
    old = list(earlier.articles)
    articles, people, places = tuesday(MONDAY + timedelta(days=1))
    # Monday's first report split off with today's train report (an odd grouping), while today's
    # quake report continues Monday's story through the other Monday article.
    groups = [[old[1].id, articles[0].id], [old[0].id, articles[1].id]]
    today = across_days(groups, [*old, *articles], people, places, [earlier], MONDAY + timedelta(days=1))
    stories = today.told([Story("Quake", tuple(groups[0]), 2.0, story_id_for(groups[0])),
                          Story("Mixed", tuple(groups[1]), 1.0, story_id_for(groups[1]))])
    assert stories[0].id == earlier.stories[0].id and stories[0].status == "developing"
    assert stories[1].status == "new" and stories[1].id not in {earlier.stories[0].id, stories[0].id}
