"""Stories in a briefing: what a story says about itself, one home per fact, what a reader sees."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime

from briefing import (
    Briefing,
    Evidence,
    Fact,
    Place,
    Risk,
    Stakeholder,
    Story,
    Summary,
    briefing_from_dict,
    briefing_to_dict,
    items_at_home,
    make_article,
    story_briefing,
    story_id_for,
)
from briefing.core.models import Sentence
from briefing.core.rendering import make_environment, render
from briefing.plugins.analysis.assemble.assembler import own_titles, without_banners
from briefing.plugins.analysis.assemble.story_cards import make_stories, story_title
from briefing.plugins.analysis.assemble.story_features import article_terms
from briefing.plugins.analysis.summarise.summarisers import LeadOptions, LeadSummariser
from briefing.plugins.analysis.summarise.summary_pool import statements
from briefing.plugins.text.headlines import repeated_titles

NOW = datetime(2024, 3, 5, 9, tzinfo=UTC)


def article(text: str, title: str, day: int | None = None):
    base = make_article(text, title=title, url=f"test:{title}",
                        published_at=datetime(2024, 3, day, tzinfo=UTC) if day else None)
    sentences, start = [], 0
    for index, piece in enumerate(text.split(". ")):
        piece = piece if piece.endswith(".") else piece + "."
        start = text.index(piece.rstrip("."), start)
        sentences.append(Sentence(index, start, start + len(piece.rstrip(".")), piece.rstrip(".")))
    return replace(base, sentences=tuple(sentences))


STRIKE_A = article("Dock workers in Rotterdam walked out on Monday. The union said talks had failed",
                   "Rotterdam dock strike", 4)
STRIKE_B = article("The Rotterdam strike entered a second day. Ships queued outside the harbour",
                   "Strike enters second day", 5)
VOTE = article("The Zurich council approved the tram budget. The vote ended a long dispute",
               "Zurich approves tram budget", 5)
QUIET = article("Nothing else happened in Oslo today. Officials said so", "Oslo", 5)


def ev(a, index: int = 0) -> Evidence:
    return Evidence(a.id, index, a.sentences[index].text)


def test_a_story_names_its_event_and_spans_its_reports() -> None:
    people = [Stakeholder("Union", "organization", (ev(STRIKE_A), ev(STRIKE_B, 1))),
              Stakeholder("Harbour master", "person", (ev(STRIKE_B), ev(STRIKE_B, 1)))]
    places = [Place("Rotterdam", (ev(STRIKE_A), ev(STRIKE_B)))]
    facts = [Fact(STRIKE_A.sentences[0].text, (ev(STRIKE_A),), score=0.9)]
    (story, vote) = make_stories([[STRIKE_A.id, STRIKE_B.id], [VOTE.id]], [STRIKE_A, STRIKE_B, VOTE],
                                 people, places, facts)
    assert story.id == story_id_for([STRIKE_A.id, STRIKE_B.id]) != vote.id
    assert story.first_published == datetime(2024, 3, 4, tzinfo=UTC)
    assert story.last_published == datetime(2024, 3, 5, tzinfo=UTC)
    assert story.actors == ("Union", "Harbour master")  # named by both reports, then by one
    assert story.places == ("Rotterdam",)
    assert story.score > vote.score


def test_the_title_is_the_headline_closest_to_the_others() -> None:
    titles = ["Weather: rain tomorrow", "Dock strike spreads to Antwerp", "Rotterdam dock strike halts port",
              "Rotterdam dock strike: ships wait"]
    assert story_title([article("x. y", title) for title in titles]) == "Rotterdam dock strike halts port"


def test_a_headline_foreign_to_its_own_text_does_not_head_the_story() -> None:
    # a scraped page with another story's headline on top, beside a report without a headline
    stray = article("Dock workers in Rotterdam walked out. Ships waited", "Helicopter hits crane in London")
    lent = article("Rotterdam dockers strike over pay. The port is shut", "Rotterdam dockers strike.")
    assert story_title([stray, lent]) == "Rotterdam dockers strike."
    assert story_title([stray]) == "Helicopter hits crane in London"  # nothing better to show
    banner = article("U.S. dockers join the Rotterdam strike. More", "You've selected the U.S. Edition")
    assert story_title([banner, lent]) == "Rotterdam dockers strike."  # one shared word is chance
    short = article("Dockers strike in Rotterdam. More", "Dockers out")
    assert story_title([short, stray]) == "Dockers out"  # a two-word title needs one


def test_a_question_heads_a_story_only_when_no_report_says_what_happened() -> None:
    """A readers' forum page ("What do you think of ...?") beside reports of the event: the story's
    title says what happened, though the reports' only titles are their long first sentences."""
    ask = article("Readers wrote in about the Rotterdam dock strike. Many were angry",
                  "What do you think of the dock strike?")
    lead = ("Dock workers in Rotterdam walked out on Monday over pay, the union said, halting the "
            "port and leaving dozens of ships waiting at sea.")
    report = article(lead + " Talks failed", lead)
    assert story_title([ask, report]) == lead
    short = article("Rotterdam dockers strike over pay. The port is shut", "Rotterdam dockers strike")
    assert story_title([ask, report, short]) == "Rotterdam dockers strike"
    assert story_title([ask]) == "What do you think of the dock strike?"  # nothing else to show


def test_a_lent_sentence_that_cannot_stand_alone_heads_a_story_last() -> None:
    """A file without a headline lends its first sentence: "Humans have it." or "His office was
    destroyed." says less than another report's first sentence naming what happened."""
    def lent(text: str):
        first = text.split(". ")[0] + "."
        return replace(article(text, first), meta={"title_from_text": True})
    named = lent("Dock workers in Rotterdam walked out on Monday. Talks failed")
    for weak in (lent("Humans have it. The union says so"),
                 lent("His office was destroyed on Friday. He left"),
                 lent("It's like watching the strike from the quay itself. More")):
        # no title shares a word with another: the earliest would head the story
        assert story_title([weak, named]) == "Dock workers in Rotterdam walked out on Monday."
        assert story_title([weak]) == weak.title  # nothing better to show


def test_a_reports_own_headline_heads_the_story_before_any_lent_sentence() -> None:
    """Of ten Haiti reports saved without headlines and one with ("Haiti earthquake: many feared
    dead"), a lead sentence headed the story though a headline was there; among headlines, the
    one closest to what every report says (lent titles counted) heads it."""
    def lent(text: str):
        first = text.split(". ")[0] + "."
        return replace(article(text, first), meta={"title_from_text": True})
    leads = [lent(f"A powerful earthquake has hit the island of Haiti, report {n}. More") for n in range(3)]
    side = article("Rescuers from Iceland flew out to Haiti. More", "Iceland team flies to Haiti")
    main = article("An earthquake hit Haiti. Many are feared dead", "Haiti earthquake: many feared dead")
    assert story_title([*leads, side, main]) == "Haiti earthquake: many feared dead"
    assert story_title(leads) == leads[0].title  # no headline: the lent sentences as before


def test_a_banner_many_pages_carry_neither_heads_a_story_nor_groups_them() -> None:
    banner = "You've selected the U.S. Edition."
    pages = [replace(article(f"Report {n} on the Rotterdam strike. More", banner), id=f"page{n}")
             for n in range(3)]  # one url for all, so ids of their own
    assert story_title(pages, repeated_titles(p.title for p in pages)) == "Report 0 on the Rotterdam strike."
    (story,) = make_stories([[p.id for p in pages]], pages, [], [], [])  # the run's banners, found
    assert story.title == "Report 0 on the Rotterdam strike."
    terms = article_terms([*pages, article("Ships wait at Rotterdam. More", "Rotterdam port shut")], {})
    assert [t.counts["title"] for t in terms[:3]] == [Counter()] * 3
    assert terms[3].counts["title"]  # a headline of its own still counts


def test_a_banner_several_pages_open_with_is_no_fact() -> None:
    banner = "Man charged over bridge fire."
    pages = [article(f"{banner} Report {n} on the Rotterdam strike", banner) for n in range(3)]
    banners, two = repeated_titles(p.title for p in pages), repeated_titles(p.title for p in pages[:2])
    facts = [Fact("Man charged over bridge fire", tuple(ev(p) for p in pages)),
             Fact("Report 0 on the Rotterdam strike", (ev(pages[0], 1),))]
    assert [f.text for f in without_banners(facts, banners)] == ["Report 0 on the Rotterdam strike"]
    assert without_banners(facts, two) == facts  # two pages may share a headline
    risk = Risk("Man charged over bridge fire", evidence=(ev(pages[1]),))
    assert without_banners([risk], banners) == []  # nor a risk
    # a story of pages whose only title is the banner, their texts opening with it too: its title
    # is the first sentence that is not the banner
    pages = [replace(page, id=f"page{n}") for n, page in enumerate(pages)]
    (story,) = make_stories([[p.id for p in pages]], pages, [], [], [])
    assert story.title == "Report 0 on the Rotterdam strike"
    # and the briefing's source list titles each page by its own first sentence
    retitled = own_titles(pages, banners)
    assert [p.title for p in retitled] == [f"Report {n} on the Rotterdam strike" for n in range(3)]
    assert own_titles(pages[:2], two) == pages[:2]
    # nor does a summary quote the banner the pages open with
    said = "The Rotterdam strike went on for a third day."
    page = replace(retitled[0], sentences=(Sentence(0, 0, len(banner), banner),
                                           Sentence(1, len(banner) + 1, 0, said)))
    assert [s.text for s in statements(page)] == [said]


def briefing_with_two_stories() -> Briefing:
    strike = Story("Rotterdam dock strike", (STRIKE_A.id, STRIKE_B.id), 3.0, "s1")
    vote = Story("Zurich approves tram budget", (VOTE.id,), 2.0, "s2")
    quiet = Story("Oslo", (QUIET.id,), 1.0, "s3")
    facts = (
        Fact("Shared background, mostly from the strike.", (ev(STRIKE_A, 1), ev(STRIKE_B, 1), ev(VOTE, 1))),
        Fact("A tie between the two stories.", (ev(STRIKE_B), ev(VOTE))),
        Fact("Only about the vote.", (ev(VOTE, 1),)),
    )
    return Briefing("b", "Europe", NOW, (STRIKE_A, STRIKE_B, VOTE, QUIET), facts=facts,
                    stories=(strike, vote, quiet))


def test_each_fact_has_one_home_story() -> None:
    briefing = briefing_with_two_stories()
    strike, vote, quiet = briefing.stories
    assert [f.text for f in items_at_home(briefing.facts, briefing.stories, strike)] == [
        "Shared background, mostly from the strike.", "A tie between the two stories."]
    assert [f.text for f in items_at_home(briefing.facts, briefing.stories, vote)] == ["Only about the vote."]
    assert items_at_home(briefing.facts, briefing.stories, quiet) == []
    assert [a.id for a in story_briefing(briefing, vote).articles] == [VOTE.id]


def test_the_markdown_prints_each_fact_once_and_no_empty_story() -> None:
    text = render(make_environment(None, None), "briefing.md.j2", briefing_with_two_stories())
    for fact in ("Shared background", "A tie between", "Only about the vote"):
        assert text.count(fact) == 1
    assert "### 1. Rotterdam dock strike" in text and "### 2. Zurich approves tram budget" in text
    assert "Oslo" not in text.split("## Sources")[0]  # a story with nothing to say is not shown


def test_a_story_lede_goes_on_from_the_digest_without_repeating_it() -> None:
    briefing = briefing_with_two_stories()
    strike, vote, quiet = briefing.stories
    lede = Summary(f"{STRIKE_A.sentences[0].text} {STRIKE_B.sentences[0].text}",
                   (ev(STRIKE_A), ev(STRIKE_B)))
    digest = Summary(STRIKE_A.sentences[0].text, (ev(STRIKE_A),))
    briefing = replace(briefing, summary=digest, stories=(replace(strike, summary=lede), vote, quiet))
    text = render(make_environment(None, None), "briefing.md.j2", briefing)
    assert text.count(STRIKE_A.sentences[0].text) == 1
    assert text.count(STRIKE_B.sentences[0].text) == 1


def test_the_overall_summary_covers_the_top_stories() -> None:
    briefing = briefing_with_two_stories()
    strike, vote, quiet = briefing.stories
    told = replace(briefing, stories=(
        replace(strike, summary=Summary(STRIKE_B.sentences[0].text, (ev(STRIKE_B),))),
        replace(vote, summary=Summary(VOTE.sentences[0].text, (ev(VOTE),))), quiet))
    summary = LeadSummariser(LeadOptions(sentences=2)).summarise(told)
    assert summary is not None
    assert summary.text == f"{STRIKE_B.sentences[0].text} {VOTE.sentences[0].text}"


def test_stories_survive_the_json_round_trip() -> None:
    briefing = briefing_with_two_stories()
    strike = briefing.stories[0]
    full = replace(strike, first_published=NOW, last_published=NOW, actors=("Union",), places=("Rotterdam",),
                   summary=Summary(STRIKE_A.sentences[0].text, (ev(STRIKE_A),)))
    briefing = replace(briefing, stories=(full, *briefing.stories[1:]))
    assert briefing_from_dict(briefing_to_dict(briefing, with_text=True)).stories == briefing.stories


def test_every_output_template_shows_the_stories_and_each_fact_once() -> None:
    briefing = briefing_with_two_stories()
    env = make_environment(None, None, autoescape=False)
    for template in ("briefing.html.j2", "briefing.email.html.j2", "briefing.email.txt.j2",
                     "briefing.tg.html.j2"):
        text = render(env, template, briefing)
        assert "Rotterdam dock strike" in text and "Zurich approves tram budget" in text, template
        body = text.split("Sources")[0].split("SOURCES")[0]
        for fact in ("Shared background", "A tie between", "Only about the vote"):
            assert body.count(fact) == 1, (template, fact)


def test_stories_past_the_shown_ones_are_listed_by_title_with_their_sources() -> None:
    """A busy day has more stories than the sections a reader wants: the first ten get their own
    section, the rest a line each under "Other stories" citing their reports, in every template."""
    towns = ["Aarhus", "Bergen", "Cork", "Delft", "Espoo", "Faro", "Graz", "Haarlem", "Ipswich",
             "Jena", "Kassel", "Leuven"]
    articles = [article(f"The {town} council met on Monday. It approved a new {town} library",
                        f"{town} approves library", 5) for town in towns]
    stories = tuple(Story(a.title, (a.id,), 12.0 - n, f"s{n}",
                          summary=Summary(a.sentences[1].text, (ev(a, 1),)))
                    for n, a in enumerate(articles))
    briefing = Briefing("b", "Towns", NOW, tuple(articles), stories=stories)
    text = render(make_environment(None, None), "briefing.md.j2", briefing)
    assert "### 10. Jena approves library" in text and "### 11." not in text
    others = text.split("### Other stories")[1].split("##")[0]
    assert "- Kassel approves library [11]" in others and "- Leuven approves library [12]" in others
    env = make_environment(None, None, autoescape=False)
    for template in ("briefing.html.j2", "briefing.email.html.j2", "briefing.email.txt.j2"):
        body = render(env, template, briefing).split("Sources")[0].split("SOURCES")[0]
        assert "Jena approves library" in body and "Other stories" in body, template
        assert "Leuven approves library" in body and "[12]" in body, template
    # a chat message stays short: the first ten stories, the rest only among the sources
    assert "Jena approves library" in render(env, "briefing.tg.html.j2", briefing)
