"""The boilerplate cleaner: each rule on texts written for the test, and real sentences survive."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from briefing import Article, make_article
from briefing.plugins.cleaners.boilerplate import BoilerplateCleaner, CleanerOptions
from briefing.plugins.sources.folder import FolderOptions, FolderSource

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture
def cleaner() -> BoilerplateCleaner:
    return BoilerplateCleaner(CleanerOptions())


def from_folder(folder: Path, text: str) -> Article:
    """The article the folder source reads from a file holding ``text``."""
    page = folder / "page.txt"
    page.write_text(text, encoding="utf-8")
    return FolderSource(FolderOptions(path=folder)).read(page, folder)


def removed(cleaner: BoilerplateCleaner, text: str,
            title: str = "Harbour reopens after storm") -> dict[str, str]:
    article = cleaner.clean(make_article(text, title=title))
    return {entry["line"]: entry["rule"] for entry in article.meta.get("removed_lines", [])}


@pytest.mark.parametrize("line", ["Read also", "Read more", "Share", "Advertisement", "Go", "Menu",
                                  "Sign up", "Follow us"])
def test_navigation_lines_go(cleaner: BoilerplateCleaner, line: str) -> None:
    text = f"The harbour reopened on Monday after the storm.\n\n{line}\n\nShips queued to enter."
    assert removed(cleaner, text) == {line: "navigation"}


@pytest.mark.parametrize("line", ["Subscribe to our newsletter for daily updates",
                                  "Join our channel on Telegram",
                                  "Get access to the daily weather channel example.org",
                                  "Follow us on Instagram.", "Download the app for live scores",
                                  "Send us an e-mail.", "Send your pictures to harbour@example.org",
                                  "Copy the link and paste it into your emails or posts on your "
                                  "favourite sites.",
                                  "Follow live updates from the harbour here and the latest tweets "
                                  "from our reporters."])
def test_calls_to_action_go(cleaner: BoilerplateCleaner, line: str) -> None:
    text = f"The harbour reopened on Monday after the storm.\n{line}\nShips queued to enter."
    assert removed(cleaner, text) == {line: "call_to_action"}


def test_a_navigation_bar_run_into_a_line_goes(cleaner: BoilerplateCleaner) -> None:
    """A page's bar of links scraped onto its first line became the lent title ("This Story: Read +
    | Watch + | Talk + | DUBAI: ...")."""
    text = "This Story: Read + | Watch + | Talk + | Ships queued outside Port Elsa.\nThe strike went on."
    article = cleaner.clean(make_article(text, title="This Story: Read + | Watch + | Talk + | Ships queued "
                                                      "outside Port Elsa.", meta={"title_from_text": True}))
    assert article.text == "Ships queued outside Port Elsa.\nThe strike went on."
    assert article.title == "Ships queued outside Port Elsa."
    kept = "Votes: Yes | No | Ships queued outside Port Elsa on Monday.\nRates | Stocks | Bonds | all fell."
    assert cleaner.clean(make_article(kept, title="Port")).text == kept


def test_a_columnists_note_goes_with_a_biography_taken_for_a_headline(cleaner: BoilerplateCleaner) -> None:
    """"-- Jane Roe is a Harbour Times columnist." heads a column, "The views expressed are her own"
    glued to its first sentence: the biography was the headline and a story's title."""
    text = ("The views expressed are her own -- Port Elsa has never looked so empty.\n"
            "Ferries stayed in port.\n-- Tom Briggs is professor of coastal engineering.\n"
            "The opinions expressed in this column are solely those of Tom Briggs.\n"
            "- Sea walls are older than we think.")
    article = cleaner.clean(make_article(text, title="-- Jane Roe is a Harbour Times columnist."))
    assert article.title == "Port Elsa has never looked so empty."
    assert article.text == ("Port Elsa has never looked so empty.\nFerries stayed in port.\n\n"
                            "- Sea walls are older than we think.")
    kept = "The harbour master said the views he expressed today are his own, not the council's."
    assert cleaner.clean(make_article(kept, title="Harbour")).text == kept
    alone = "The views expressed are his own."  # nothing but the note: kept, as all-clutter texts are
    assert cleaner.clean(make_article(alone, title="Harbour")).text == alone


def test_a_sites_word_that_it_does_not_answer_for_its_content_goes(cleaner: BoilerplateCleaner) -> None:
    title = ("Harbour Tools Ltd Launches Flood Barrier... \\* The Wire is not responsible for the content "
             "in this press release.")
    text = ("The barrier folds flat.\nThe Harbour Times is not responsible for the content of external "
            "sites The storm is over.\nThe council said it is not responsible for the content of leaflets.")
    article = cleaner.clean(make_article(text, title=title))
    assert article.title == "Harbour Tools Ltd Launches Flood Barrier..."
    assert article.text == ("The barrier folds flat.\nThe storm is over.\n"
                            "The council said it is not responsible for the content of leaflets.")


def test_an_order_quoted_in_the_news_stays(cleaner: BoilerplateCleaner) -> None:
    text = "The harbour reopened on Monday.\nSend the ferries back to the north route, the mayor said."
    assert removed(cleaner, text) == {}
    longer = ("The harbour reopened on Monday.\nLike most of the towns along this coast, Port Elsa has "
              "lived off its ferries and our fishing fleet.\nListen to the harbour master: \"We were lucky "
              "to get through the night here.\"")
    assert removed(cleaner, longer) == {}


def test_a_newsletter_promotion_goes() -> None:
    line = "Get the Morning Brief delivered to your inbox every morning."
    text = f"The harbour reopened on Monday after the storm.\n{line}\nShips queued to enter."
    assert removed(BoilerplateCleaner(CleanerOptions()), text) == {line: "call_to_action"}


def test_a_title_that_is_clutter_gives_way_to_the_texts_first_sentence(tmp_path: Path) -> None:
    """A newsletter's page whose first line, taken for its headline, is its promotion."""
    article = from_folder(tmp_path, "Get the Morning Brief delivered to your inbox every morning.\n"
                          "Port workers in Rotterdam ended their strike on Monday. Ships queued to enter.\n")
    assert article.title.startswith("Get the Morning Brief")  # the source takes it for a headline
    cleaned = BoilerplateCleaner(CleanerOptions()).clean(article)
    assert cleaned.title == "Port workers in Rotterdam ended their strike on Monday."
    assert cleaned.text.startswith("Port workers in Rotterdam")
    assert {"rule": "call_to_action", "line": article.title} in cleaned.meta["removed_lines"]
    kept = BoilerplateCleaner(CleanerOptions()).clean(make_article("Ships queued.", title="Harbour reopens"))
    assert kept.title == "Harbour reopens"


@pytest.mark.parametrize("message", [
    "Can not play media.", "Sorry, this media is not available in your territory.",
    "To play this content JavaScript must be turned on and the latest Flash player installed.",
    "Please upgrade your Flash plug-in to view our enhanced content.",
])
def test_a_media_players_message_goes(cleaner: BoilerplateCleaner, message: str) -> None:
    text = f"Rescuers reached the town on Tuesday.\n{message}\nThe video player failed, officials said."
    article = cleaner.clean(make_article(text, title="Rescue"))
    assert article.text == "Rescuers reached the town on Tuesday.\nThe video player failed, officials said."
    assert {"rule": "widget", "line": message} in article.meta["removed_lines"]


def test_an_embedded_feeds_entries_go(cleaner: BoilerplateCleaner) -> None:
    feed = ["@harbourdesk 8:42 pm ET June 16, 2010 RETWEET Ferries resume on the north route.",
            "#harbour 8:30 pm ET June 16, 2010 RETWEET Coming up: the mayor on the storm."]
    text = "\n".join(["The harbour reopened on Monday.", *feed])
    article = cleaner.clean(make_article(text, title="Harbour"))
    assert article.text == "The harbour reopened on Monday."


def test_a_pages_comment_policy_goes_and_news_of_a_consultation_stays(cleaner: BoilerplateCleaner) -> None:
    policy = ["Views expressed in the comments do not represent those of the Harbour Herald.",
              "Comments are not pre-screened before they post.",
              "We welcome comments that advance the story through relevant opinion."]
    news = ["Public comment on the harbour plan is now closed, the council said.",
            "\"We welcome the discussion,\" the mayor said."]
    article = cleaner.clean(make_article("\n".join(["The harbour reopened on Monday.", *policy, *news]),
                                         title="Harbour reopens"))
    assert article.text.split("\n") == ["The harbour reopened on Monday.", *news]
    assert [e["line"] for e in article.meta["removed_lines"] if e["rule"] == "comments"] == policy


def test_the_readers_views_below_a_line_that_closes_the_debate_go(cleaner: BoilerplateCleaner) -> None:
    """A "have your say" page: a few lines of news, questions to the reader, the closing line, then
    the readers' views, unsigned (the scraper lost their names)."""
    page = ["The harbour reopened on Monday after the storm.", "What do you think of the repairs?"]
    views = ["This debate is now closed.", "The whole port could collapse in the next storm.",
             "I am not worried about the harbour."]
    article = cleaner.clean(make_article("\n".join([*page, *views]), title="Have your say"))
    assert article.text.split("\n") == page
    (entry,) = [e for e in article.meta["removed_lines"] if e["rule"] == "comments"]
    assert entry["line"] == "This debate is now closed."
    footer = "\n".join([*page, "Comments to this entry are closed.", "Share this."])
    assert cleaner.clean(make_article(footer, title="Harbour")).text.split("\n") == page
    news = "\n".join([page[0], "Public comment on the harbour plan is now closed, the council said.",
                      "The debate is now closed, the speaker said, and members voted.",
                      "This debate is now closed for the summer.", "Ferries resume today."])
    assert cleaner.clean(make_article(news, title="Harbour")).text == news
    only = "\n".join(views)  # a page that opens with the closing line is all comments: kept whole
    assert cleaner.clean(make_article(only, title="Have your say")).text.endswith(views[-1])


def test_a_readers_comment_thread_goes_and_one_quoted_message_stays(
        cleaner: BoilerplateCleaner) -> None:
    post = ("The harbour reopened on Monday after the storm.\nWhat do you think of the repairs?")
    thread = ("At 00:45 am on 16 Jun 2010, harbourfan wrote: They could collapse the whole port.\n"
              "It will happen again. At 01:02 am on 16 Jun 2010, Sea_Dog wrote: Nonsense.")
    article = cleaner.clean(make_article(f"{post}\n{thread}", title="Harbour reopens"))
    assert article.text == post
    (entry,) = [e for e in article.meta["removed_lines"] if e["rule"] == "comments"]
    assert entry["line"].startswith("At 00:45 am on 16 Jun 2010, harbourfan wrote:")
    assert entry["chars"] == len(thread)
    quoted = ("The port chief sent a note to staff. At 9:12 am on 3 May 2010, harbour_chief wrote: "
              "the cranes are safe.")
    assert cleaner.clean(make_article(quoted, title="Note")).text == quoted
    only = cleaner.clean(make_article(thread, title="Comments"))
    assert only.text == thread  # nothing but comments: the text is kept


def test_a_thread_of_signed_comments_goes(cleaner: BoilerplateCleaner) -> None:
    post = "The harbour reopened on Monday after the storm."
    thread = ("Great news! Posted by: harbourfan | June 16, 2010 5:17 PM | Report abuse "
              "Not for the fishermen.\nThey lost a month. Posted by: Sea_Dog | June 16, 2010 "
              "6:02 PM | Report abuse")
    article = cleaner.clean(make_article(f"{post}\n{thread}", title="Harbour reopens"))
    assert article.text == post
    stamped = ("Great news! harbourfan June 16, 2010 at 5:17 pm | Report abuse | Not for the "
               "fishermen.\nThey lost a month.\nJune 16, 2010 at 6:02 pm | Report abuse |")
    assert cleaner.clean(make_article(f"{post}\n{stamped}", title="Harbour reopens")).text == post
    replies = ("Great news! June 16, 2010 at 5:17 pm | Reply Not for the fishermen.\n"
               "June 16, 2010 at 6:02 pm | Reply They lost a month.")
    assert cleaner.clean(make_article(f"{post}\n{replies}", title="Harbour reopens")).text == post
    signed_once = f"{post}\nA reader wrote in. Posted by: harbourfan | Report abuse"
    assert cleaner.clean(make_article(signed_once, title="Harbour reopens")).text == signed_once
    bare = ("Great news for the town.\nJune 16, 2010 05:17 pm at 5:17 pm | Not for the fishermen.\n"
            "They lost a month. June 16, 2010 06:02 pm at 6:02 pm | It is almost certain the port "
            "will flood again.")
    assert cleaner.clean(make_article(f"{post}\n{bare}", title="Harbour reopens")).text == \
        f"{post}\nGreat news for the town."  # the first comment's unsigned lines stay
    stamped_once = f"June 16, 2010 5:17 pm | Harbour desk\n{post}"
    assert cleaner.clean(make_article(stamped_once, title="Harbour reopens")).text.endswith(post)


@pytest.mark.parametrize(("first_line", "title", "lead"), [
    ("Port to reopen after dock strike The port of Rotterdam will reopen on Monday after the dock "
     "strike ended, the port authority said.", "Port to reopen after dock strike", "The port of Rotterdam"),
    ("Dock strike shuts Rotterdam port AFP Tuesday 5 Jul 2016 Dock workers went on strike in Rotterdam "
     "on Tuesday, shutting the port to ships.", "Dock strike shuts Rotterdam port", "Dock workers went"),
])
def test_a_headline_run_into_the_lead_of_a_file_without_one_becomes_its_title(
        tmp_path: Path, cleaner: BoilerplateCleaner, first_line: str, title: str, lead: str) -> None:
    """Headline and lead glued, with or without a date stamp (and an agency) between them."""
    cleaned = cleaner.clean(from_folder(tmp_path, first_line + "\n"))
    assert (cleaned.title, cleaned.text[:len(lead)]) == (title, lead)
    assert any(e["rule"] == "headline" and e["line"].startswith(title) for e in cleaned.meta["removed_lines"])


def test_a_place_dateline_is_no_headline(tmp_path: Path, cleaner: BoilerplateCleaner) -> None:
    line = "KHAN SHEIKHUN Syria A suspected attack hit Khan Sheikhun on Tuesday, a monitor there said."
    cleaned = cleaner.clean(from_folder(tmp_path, line + "\n"))
    assert (cleaned.title, cleaned.text) == (line, line)  # the lent first sentence stays the title


def test_related_links_go(cleaner: BoilerplateCleaner) -> None:
    text = "Fishermen returned to work.\nRead more: Storm season starts early this year\nPrices fell."
    assert removed(cleaner, text) == {"Read more: Storm season starts early this year": "related_link"}


@pytest.mark.parametrize("line", ["via Reuters", "Photo: Jane Doe / Getty Images", "Image: Harbour Authority",
                                  "(AFP)", "Source: agencies", "Photograph by Tom Lee"])
def test_credits_go(cleaner: BoilerplateCleaner, line: str) -> None:
    text = f"The harbour reopened on Monday after the storm.\n{line}\nShips queued to enter."
    assert removed(cleaner, text) == {line: "credit"}


IMAGE_BLOCK = ("Cranes were back at work by noon.\n"
               "Expand Photo Gallery\n"
               "Harbour Master Anna Berg, left, and Mayor Tom Lind at the north pier in 2019\n"
               "via Harbour Press Service\n"
               "The port authority said traffic would be normal by Friday.")
CAPTION = "Harbour Master Anna Berg, left, and Mayor Tom Lind at the north pier in 2019"


def test_image_block_widget_and_credit_go_the_caption_stays(cleaner: BoilerplateCleaner) -> None:
    article = cleaner.clean(make_article(IMAGE_BLOCK, title="Harbour reopens after storm"))
    gone = {entry["line"]: entry["rule"] for entry in article.meta["removed_lines"]}
    assert gone == {"Expand Photo Gallery": "widget", "via Harbour Press Service": "credit"}
    assert CAPTION in article.text.split("\n")   # who is pictured, with their titles, is content


def test_caption_rule_can_be_switched_on() -> None:
    cleaner = BoilerplateCleaner(CleanerOptions(rules=["widget", "credit", "caption"]))
    assert removed(cleaner, IMAGE_BLOCK) == {
        "Expand Photo Gallery": "widget", CAPTION: "caption", "via Harbour Press Service": "credit"}


def test_a_short_caption_beside_a_credit_is_not_a_widget(cleaner: BoilerplateCleaner) -> None:
    text = "The pier was closed.\nMayor Tom Lind in 2019\nPhoto: City Archive\nIt reopened later."
    assert removed(cleaner, text) == {"Photo: City Archive": "credit"}


def test_title_case_label_beside_a_credit_goes(cleaner: BoilerplateCleaner) -> None:
    text = "The pier was closed.\nPier Overview\nPhoto: City Archive\nIt reopened later."
    assert removed(cleaner, text) == {"Pier Overview": "widget", "Photo: City Archive": "credit"}


def test_repeated_headline_and_repeated_lines_go(cleaner: BoilerplateCleaner) -> None:
    text = ("Harbour reopens after the storm\n"
            "Harbour reopens after the storm\n\n"
            "The harbour reopened on Monday after the storm.\n"
            "Ships queued to enter.\n"
            "Ships queued to enter.")
    article = cleaner.clean(make_article(text, title="Harbour reopens after storm - Daily Coast."))
    rules = [entry["rule"] for entry in article.meta["removed_lines"]]
    assert rules == ["repeated", "repeated", "repeated"]
    assert article.text == "The harbour reopened on Monday after the storm.\nShips queued to enter."


def test_a_fragment_nearly_repeating_an_earlier_one_goes_and_a_sentence_stays(
        cleaner: BoilerplateCleaner) -> None:
    lines = ["Harbour strike talks resume", "The union met the port on Monday.",
             "Harbour strike talks resume today",  # the earlier fragment's words, one more: a repeat
             "Harbour budget vote delayed",  # shares a word with a fragment, no more
             "The union met the port on Monday again.",  # a sentence is only ever an exact repeat
             "THE UNION MET THE PORT ON MONDAY."]  # the same words in another case
    assert cleaner.classify(lines, "") == {2: "repeated", 5: "repeated"}


def test_real_sentences_and_quotes_survive(cleaner: BoilerplateCleaner) -> None:
    text = ("Read the report before you vote, the mayor said.\n"
            "“Share the water and nobody goes thirsty,” she told reporters.\n"
            "Go.\n"
            "Follow-up inspections found no damage.\n"
            "Photos taken by residents show the flooded square.\n"
            "The Storm Before The Calm\n"
            "Officials expect more rain.")
    article = cleaner.clean(make_article(text, title="Town votes on water plan"))
    assert article.text == text
    assert "removed_lines" not in article.meta


def test_a_first_line_that_is_the_title_sentence_stays(cleaner: BoilerplateCleaner) -> None:
    text = "The harbour reopened on Monday.\n\nShips queued to enter."
    article = cleaner.clean(make_article(text))
    assert article.text == text


def test_rules_can_be_switched_off() -> None:
    cleaner = BoilerplateCleaner(CleanerOptions(rules=["credit"]))
    text = "The harbour reopened.\nRead also\nvia Reuters\nShips queued."
    assert removed(cleaner, text) == {"via Reuters": "credit"}


def test_unknown_rule_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown rule"):
        BoilerplateCleaner(CleanerOptions(rules=["adverts"]))


def test_all_clutter_keeps_the_text(cleaner: BoilerplateCleaner) -> None:
    article = cleaner.clean(make_article("Read also\nGo", title="x"))
    assert article.text == "Read also\nGo"


def test_seed_clutter_goes_and_sentences_survive(cleaner: BoilerplateCleaner) -> None:
    source = FolderSource(FolderOptions(path=SEEDS))
    second = source.read(sorted(SEEDS.glob("*.txt"))[1], SEEDS)
    cleaned = cleaner.clean(second)
    lines = [line for line in cleaned.text.split("\n") if line.strip()]
    gone = {entry["line"] for entry in cleaned.meta["removed_lines"]}
    assert {"Read also", "Get access to the fresh news channel 112.ua", "Go",
            "Syrian defeat of the Kremlin may push Putin"} <= gone
    assert "Syrian defeat of the Kremlin may push Putin" not in lines
    original = [line.strip() for line in second.text.split("\n") if line.strip()]
    sentences = [line for line in original if line.endswith((".", "'", "”", "’"))]
    assert sentences and all(line in lines for line in sentences)

    first = source.read(sorted(SEEDS.glob("*.txt"))[0], SEEDS)
    cleaned = cleaner.clean(first)
    gone = {entry["line"] for entry in cleaned.meta["removed_lines"]}
    assert {"Open Image Modal", "via Associated Press"} <= gone
    original = [line.strip() for line in first.text.split("\n") if line.strip()]
    caption = next(line for line in original if ", right," in line)
    assert caption not in gone and caption in cleaned.text   # the photo caption is content
    assert all(line in cleaned.text for line in original if line.endswith((".", "”", "”")))


BODY = "The harbour reopened on Monday after the storm. Ships queued to enter."


HEAD = "Harbour reopens after storm"


@pytest.mark.parametrize(("title", "url", "source", "headline"), [
    (f"{HEAD} | Coast Online", "https://www.coastonline.com/a/1", "", HEAD),
    (f"{HEAD} | Portpost | The first stop for shipping news", "https://portpost.com/harbour/", "", HEAD),
    ("Harbour reopens - what happens next | BBC News", "https://www.bbc.co.uk/news/1", "",
     "Harbour reopens - what happens next"),
    (f"{HEAD} - The Wall Street Journal", "https://www.wsj.com/a", "", HEAD),
    (f"{HEAD} | High-Tech Harbour", "https://www.htharbour.com/a", "", HEAD),
    (f"{HEAD} - Tidewatch", None, "Tidewatch: all the news", HEAD),
    (f"{HEAD} – Harbour Watch", "https://harbourwatch.portgroup.com/2024/x", "", HEAD),  # its own subdomain
    (f"{HEAD} • The Quay", "https://www.thequay.co.uk/x", "", HEAD),
    (f"{HEAD} | sea.net", "https://www.sea.net/x", "", HEAD),  # a short name written as its domain
    (f"{HEAD} - Harbour Security Intelligence Blog",  # the section the path opens with
     "https://blog.marinesoft.com/harbour-security-intelligence/harbour-reopens/", "", HEAD),
    (f"{HEAD} | Sci-Tech | UK News | Coast Online", "https://www.coastonline.com/a/1", "", HEAD),  # sections
    ("Harbour reopens (Learn More - Video) - Coast Online", "https://www.coastonline.com/a/1", "",
     "Harbour reopens (Learn More - Video)"),  # a bracket is the headline's, not a section's
])
def test_the_site_name_at_the_end_of_a_title_goes(cleaner: BoilerplateCleaner, title: str, url: str | None,
                                                  source: str, headline: str) -> None:
    article = cleaner.clean(make_article(BODY, title=title, url=url, source=source))
    assert article.title == headline
    assert {"rule": "site_name", "line": title[len(headline):].strip()} in article.meta["removed_lines"]


def test_the_site_name_opening_a_title_goes(cleaner: BoilerplateCleaner) -> None:
    title = f"PortBrief NZ - {HEAD}"
    article = cleaner.clean(make_article(BODY, title=title, url="https://portbrief.co.nz/story/x", source=""))
    assert article.title == HEAD
    assert {"rule": "site_name", "line": "PortBrief NZ -"} in article.meta["removed_lines"]


@pytest.mark.parametrize(("title", "url", "source"), [
    ("Harbour reopens - storm damage counted", "https://www.coastonline.com/a/1", ""),  # names no site
    # the path's only part is the article's own slug, not a section that names the site
    ("Harbour reopens after storm - Storm damage counted", "https://coast.com/storm-damage-counted", ""),
    ("PortBrief NZ - harbour reopens", "https://portbrief.co.nz/story/x", ""),  # too little headline left
    ("Harbour reopens after storm | Coast Online", None, ""),  # nothing says which site it came from
    ("Harbour | Coast Online", "https://www.coastonline.com/a/1", ""),  # a head of one word is no headline
    ("Harbour reopens - news", "https://news.coastonline.com/a/1", ""),  # a generic subdomain names no site
])
def test_a_title_keeps_what_does_not_name_its_site(cleaner: BoilerplateCleaner, title: str, url: str | None,
                                                   source: str) -> None:
    assert cleaner.clean(make_article(BODY, title=title, url=url, source=source)).title == title


def test_a_headline_opened_by_the_pages_stamp_loses_it(tmp_path: Path, cleaner: BoilerplateCleaner) -> None:
    """The folder source takes a short first line for a headline, stamp and all."""
    text = "May 27, 2010 20:34 UTC There was the one about the storm.\nThe mayor spoke to reporters.\n"
    article = cleaner.clean(from_folder(tmp_path, text))
    assert article.title == "There was the one about the storm."
    assert article.published_at == datetime(2010, 5, 27, tzinfo=UTC)
