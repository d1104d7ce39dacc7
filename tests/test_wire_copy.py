"""Agency furniture leaves the text before analysis: datelines, glued headlines, bylines, share
bars, credits and standards lines, on lines of their own and inside lines that lost their breaks."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from briefing import make_article
from briefing.plugins.cleaners.boilerplate import BoilerplateCleaner, CleanerOptions
from briefing.plugins.cleaners.stamps import unstamped_title
from briefing.plugins.cleaners.wire_copy import strip

TITLE = "Port strike spreads to Rotterdam"
SCRAPED = (
    "Wednesday 14 May 2014 Port strike spreads to Rotterdam. Anna de Vries Piet Jansen. "
    "Dock workers in Rotterdam extended their strike on Wednesday, the union said. "
    "The port authority said talks had failed. ROTTERDAM May 14 (The Associated Press) Ships "
    "queued outside the harbour for a second day. Reporting by Anna de Vries; Editing by Tom Holt "
    "Our Standards:The Thomson Reuters Trust Principles."
)


def test_a_scraped_wire_story_keeps_only_its_news() -> None:
    text, removed, date = strip(SCRAPED, TITLE)
    assert text == ("Dock workers in Rotterdam extended their strike on Wednesday, the union said. "
                    "The port authority said talks had failed. Ships queued outside the harbour "
                    "for a second day.")
    assert {rule for rule, _ in removed} == {"dateline", "headline", "byline", "credit"}
    assert date == datetime(2014, 5, 14, tzinfo=UTC)


def test_datelines_on_lines_of_their_own_and_before_the_first_sentence() -> None:
    text, _, date = strip("Posted : May 14 , 2014 3 : 23 PM ET\n"
                          "ROTTERDAM, Netherlands (AP) — Dock workers walked out on Wednesday.\n"
                          "Copyright 2014 The Example Press. All rights reserved.")
    assert text == "Dock workers walked out on Wednesday."
    assert date == datetime(2014, 5, 14, tzinfo=UTC)


@pytest.mark.parametrize(("raw", "piece", "day"), [
    # a share bar and a numeric date glued to the body, with tags after it
    ("14.05.2014Get short URL 0 0 0 Dock workers walked out on Tuesday. 0 0 Tags strike Rotterdam "
     "Comment via Facebook", ("share_bar", "Get short URL 0 0 0"), datetime(2014, 5, 14, tzinfo=UTC)),
    # a newspaper site's stamp with a semicolon before the time, and a place dateline after it
    ("Tuesday, June 15, 2010; 9:30 PM ROTTERDAM -- Dock workers walked out on Tuesday.",
     ("dateline", "Tuesday, June 15, 2010; 9:30 PM"), datetime(2010, 6, 15, tzinfo=UTC)),
])
def test_a_dated_header_glued_to_the_body_goes(raw: str, piece: tuple[str, str], day: datetime) -> None:
    text, removed, date = strip(raw)
    assert (text, date) == ("Dock workers walked out on Tuesday.", day)
    assert piece in removed


def test_a_date_that_belongs_to_the_sentence_stays() -> None:
    sentence = "Monday, June 14; the talks had failed by then."
    assert strip(sentence) == (sentence, [], None)


def test_a_byline_run_into_the_lead_goes() -> None:
    for byline in ("By Jane Doe and John Roe, CNN", "By Jane Doe for CNN", "By Jane D. Roe, Special to CNN",
                   "By Jane Doe BBC News,", "By the CNN Wires Staff",
                   "By Jane Doe Environment correspondent, BBC News",
                   "By Jane Doe, Writer May 14, 2014: 3:19 AM ET", "By Jane Doe May 14, 2014: 2:24 PM ET",
                   "By Jane Doe and John Roe ROTTERDAM, Netherlands --"):
        text, removed, _ = strip(f"{byline} Dock workers in Rotterdam walked out on Tuesday.")
        assert text == "Dock workers in Rotterdam walked out on Tuesday."
        assert removed == [("byline", byline)]
    for sentence in ("By Monday the talks had failed.", "By the end of the day, CNN said talks failed.",
                     "By May 14, 2014 the talks had failed.", "By Monday, June 14, Smith had resigned."):
        assert strip(sentence) == (sentence, [], None)


def test_a_byline_on_a_line_of_its_own_goes_with_its_agency_and_place() -> None:
    byline = "By Jane Doe Science reporter, BBC News, Lake Constance"
    assert strip(f"{byline}\nThe ferries stopped.") == ("The ferries stopped.", [("byline", byline)], None)


def test_a_live_pages_entry_times_go_and_a_time_in_a_sentence_stays() -> None:
    text, removed, _ = strip("1.19 pm ET: A senator asks how much cash the company holds.\n"
                             "10:00 am ET - Outlook hearing - The economy was the focus.\n"
                             "10:30 the talks resumed.")
    assert text == ("A senator asks how much cash the company holds.\n"
                    "Outlook hearing - The economy was the focus.\n10:30 the talks resumed.")
    assert removed == [("dateline", "1.19 pm ET:"), ("dateline", "10:00 am ET -")]


def test_dates_and_credits_that_belong_to_a_sentence_stay() -> None:
    for sentence in ("On May 14, 2014, the union said the strike would go on.",
                     "The strike was the subject of a report written by Jane Doe last year.",
                     "May 14 was the third day of the strike."):
        assert strip(sentence) == (sentence, [], None)


def test_the_cleaner_dates_an_undated_article_by_its_dateline_and_fixes_a_stamp_title() -> None:
    cleaner = BoilerplateCleaner(CleanerOptions())
    article = cleaner.clean(make_article("May 14 , 2014\nDock workers walked out on Wednesday."))
    assert article.text == "Dock workers walked out on Wednesday."
    assert article.title == "Dock workers walked out on Wednesday."
    assert article.published_at == datetime(2014, 5, 14, tzinfo=UTC)
    assert {"rule": "dateline", "line": "May 14 , 2014"} in article.meta["removed_lines"]
    known = datetime(2014, 5, 15, tzinfo=UTC)
    dated = cleaner.clean(make_article("May 14 , 2014\nDock workers walked out.", published_at=known))
    assert dated.published_at == known


def test_a_wire_page_header_before_the_lead_dateline_goes() -> None:
    for header in ("ROTTERDAM | Wed May 14, 2014 9:12 am BST ",
                   "Credit: Reuters/Jan Smit ROTTERDAM | Wed May 14, 2014 9:12 am BST ",
                   "* Strike enters second day * Ships queue By Anna de Vries, Port Correspondent "):
        text, removed, _ = strip(header + "ROTTERDAM (Reuters) - Dock workers walked out on Wednesday.\n"
                                 "Ships queued.")
        assert text == "Dock workers walked out on Wednesday.\nShips queued.", header
        assert removed[-1] == ("dateline", (header + "ROTTERDAM (Reuters) -").strip())
    text, _, _ = strip("* Ships queue ROTTERDAM, May 14 (Reuters) - Dock workers walked out.")
    assert text == "Dock workers walked out."


def test_a_caption_above_the_lead_dateline_goes_but_news_before_it_stays() -> None:
    text, removed, _ = strip("A docker waits at the gate in Rotterdam, May 14, 2014.\n"
                             "ROTTERDAM (Reuters) - Dock workers walked out.")
    assert text == "Dock workers walked out."
    assert ("headline", "A docker waits at the gate in Rotterdam, May 14, 2014.") in removed
    news = "The union called the strike. It began at dawn.\nROTTERDAM (Reuters) - Dock workers walked out."
    assert strip(news)[0] == news.replace("ROTTERDAM (Reuters) - ", "")  # only the dateline itself goes


def test_a_name_and_date_stamp_heading_a_blog_post_goes() -> None:
    text, _, date = strip("Anna de Vries | 14:44 UK time, Wednesday, 14 May 2014 Dock workers walked out.")
    assert text == "Dock workers walked out."
    assert date == datetime(2014, 5, 14, tzinfo=UTC)
    assert strip("Vries | Jansen said the strike would go on.")[1] == []  # no date stamp, no header


def test_a_title_the_text_lent_is_taken_again_from_the_cleaned_text() -> None:
    lead = ("ROTTERDAM | Wed May 14, 2014 9:12 am BST ROTTERDAM (Reuters) - Dock workers walked out on "
            "Wednesday. Ships queued outside the harbour.")
    article = make_article(lead + "\nThe union said so.", title="ROTTERDAM | Wed May 14, 2014 9:12 am BST",
                           meta={"title_from_text": True})
    cleaned = BoilerplateCleaner(CleanerOptions()).clean(article)
    assert cleaned.title == "Dock workers walked out on Wednesday."
    assert cleaned.text.startswith("Dock workers walked out on Wednesday. Ships")  # not cut as a headline


def test_a_bracketed_agency_alone_or_after_a_city_in_title_case_starts_the_copy() -> None:
    text, _, _ = strip("By the Wire Staff NEW: Talks stall Ships queue (CNN) -- Dock workers walked out.")
    assert text == "Dock workers walked out."
    text, _, _ = strip("Rotterdam, Netherlands (CNN) -- Dock workers walked out.")
    assert text == "Dock workers walked out."


def test_a_stock_ticker_broken_at_its_dot_is_whole_again() -> None:
    """A sentence splitter that broke "(BP.L)" gave "BP Plc (BP." a title of its own and left a
    sentence "L) struggles to stop the leak."."""
    cleaner = BoilerplateCleaner(CleanerOptions())
    text = ("The minister spoke as BP Plc (BP.\nL) struggles to stop the leak.\n"
            "Shares of Cathay (0293.\nHK) fell.")
    article = cleaner.clean(make_article(text, title="Leak"))
    assert article.text == ("The minister spoke as BP Plc (BP.L) struggles to stop the leak.\n"
                            "Shares of Cathay (0293.HK) fell.")
    kept = "He said so (see p.\n4) and left."  # a page number, not a ticker's market
    assert cleaner.clean(make_article(kept, title="Leak")).text == kept


def test_a_reporters_whereabouts_dateline_goes() -> None:
    text, removed, _ = strip("ON BARATARIA BAY, La. -- In the marsh, pelicans flap their wings.\nMore.")
    assert text == "In the marsh, pelicans flap their wings.\nMore."
    assert removed == [("dateline", "ON BARATARIA BAY, La. --")]
    assert strip("IN the end, it failed -- badly.") == ("IN the end, it failed -- badly.", [], None)



def test_a_date_that_belongs_to_a_headline_stays_in_it() -> None:
    for headline in ("May 14 was the third day of the strike", "On July 8, the strike ended"):
        assert unstamped_title(headline) == (headline, "")


def test_a_newspaper_dateline_with_a_comma_before_its_date_goes() -> None:
    """American papers write "CITY, Month Day --" without an agency; the lent title was "NEW YORK,
    Sept." (the month's full stop taken for a sentence's end)."""
    lead = "NEW YORK, Sept. 29 -- Stocks fell sharply around the globe on Monday.\nOil sank."
    article = make_article(lead, title="NEW YORK, Sept.", meta={"title_from_text": True})
    cleaned = BoilerplateCleaner(CleanerOptions()).clean(article)
    assert cleaned.text == "Stocks fell sharply around the globe on Monday.\nOil sank."
    assert cleaned.title == "Stocks fell sharply around the globe on Monday."
    text, removed, _ = strip("MESA, Ariz., Feb. 18 -- The president unveiled a plan.")
    assert text == "The president unveiled a plan."
    assert removed == [("dateline", "MESA, Ariz., Feb. 18 --")]


def test_a_web_pages_bracketed_agency_without_a_dash_starts_the_copy() -> None:
    """CNN's pages write "(CNN)" with no dash, the page's markup often gluing it to the first word,
    sometimes with a desk's name: the extracted text began "(CNN)President Trump ..."."""
    text, removed, _ = strip("(CNN)The harbour reopened on Monday.\nShips queued.")
    assert text == "The harbour reopened on Monday.\nShips queued." and removed == [("dateline", "(CNN)")]
    text, removed, _ = strip("Rotterdam (CNN Business) Dock workers walked out.\nMore.")
    assert text == "Dock workers walked out.\nMore."
    credit = "Dock workers at the gate on Monday.\n(AP Photo) The strike went on.\nMore."
    assert strip(credit)[0] == credit  # a photo's credit, not the agency's copy
    quoted = "The ship sank on Monday. He told CNN (CNN) The end."
    assert strip(quoted)[0] == quoted


def test_notes_about_the_copy_go_and_the_news_stays() -> None:
    """A correction quotes the wrong version ("The original said ...") that would be read as a fact,
    and "This is a developing story" says nothing of the news."""
    news = ["Dock workers extended their strike on Wednesday, the union said.",
            "The port authority said this report has been updated every year since 2010.",
            "The original plan said ships would wait at sea."]
    notes = ["This is a developing story.",
             "This article was amended on 14 May 2014.",
             "The original said that the strike began on Monday.",
             "This has been corrected.",
             "Harbour Radio will continue to update this story as we learn more."]
    text, removed, _ = strip("\n".join([news[0], notes[0], news[1], *notes[1:4], news[2], notes[4]]))
    assert text.split("\n") == news
    assert [piece for rule, piece in removed if rule == "copy_note"] == notes
