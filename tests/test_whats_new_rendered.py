"""Every default template opens with "What's new": the new stories, and the developing ones with
their new facts, each with its sources; article text escaped for the format."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from briefing import Briefing, Evidence, Fact, Story, Summary, make_article
from briefing.core.models import Sentence
from briefing.core.rendering import make_environment, render

HOSTILE = "<script>alert(1)</script> Port [strike](http://evil.example) goes on"


def article(text: str, title: str, day: int):
    base = make_article(text, title=title, url=f"https://news.example/{day}/{len(text)}",
                        published_at=datetime(2024, 3, day, 9, tzinfo=UTC))
    sentences, start = [], 0
    for index, piece in enumerate(text.split(". ")):
        piece = piece.rstrip(".")
        start = text.index(piece, start)
        sentences.append(Sentence(index, start, start + len(piece), piece))
    return replace(base, sentences=tuple(sentences))


OLD = article("Dock workers walked out on Monday. The union wants more pay", "Strike begins", 4)
NEW = article("The strike entered its second day. The number of strikers rose to 5,000", HOSTILE, 5)
HACK = article("A cyberattack shut the hospital systems. Patients were sent elsewhere", "Hospital hacked", 5)


def ev(a, index: int) -> tuple[Evidence, ...]:
    return (Evidence(a.id, index, a.sentences[index].text),)


def two_day_briefing() -> Briefing:
    facts = (
        Fact(OLD.sentences[0].text, ev(OLD, 0), ("Post",), 0.9, new=False),
        Fact(NEW.sentences[1].text, ev(NEW, 1), ("Post",), 0.8),
        Fact(NEW.sentences[0].text, ev(NEW, 0), ("Post",), 0.7),
        Fact(HACK.sentences[0].text, ev(HACK, 0), ("Wire",), 0.6),
        Fact(OLD.sentences[1].text, ev(OLD, 1), ("Post",), 0.5, new=False),
    )
    strike = Story(HOSTILE, (OLD.id, NEW.id), 3.0, "s-strike", status="developing",
                   first_briefed=datetime(2024, 3, 4, 23, tzinfo=UTC), new_article_ids=(NEW.id,))
    hack = Story("Hospital hacked", (HACK.id,), 2.0, "s-hack",
                 first_briefed=datetime(2024, 3, 5, 23, tzinfo=UTC), new_article_ids=(HACK.id,),
                 summary=Summary(HACK.sentences[1].text, ev(HACK, 1)))
    return Briefing("port", "Port watch", datetime(2024, 3, 5, 23, tzinfo=UTC), (OLD, NEW, HACK),
                    summary=Summary(OLD.sentences[1].text, ev(OLD, 1)), facts=facts,
                    stories=(strike, hack))


def rendered(template: str, briefing: Briefing | None = None) -> str:
    autoescape = template.endswith(".html.j2") and not template.startswith("briefing.tg")
    return render(make_environment(None, None, autoescape=autoescape), template,
                  briefing or two_day_briefing())


def test_markdown_opens_with_the_news_escaped() -> None:
    text = rendered("briefing.md.j2")
    news = text.split("## What's new\n")[1].split("\n## ")[0]
    assert text.index("## What's new") < text.index("## Summary") < text.index("## Stories")
    assert ("- **Developing** (first briefed 04 Mar): \\<script\\>alert(1)\\</script\\> Port "
            "\\[strike\\](http://evil.example) goes on [2]") in news
    assert "  - The number of strikers rose to 5,000 [2]" in news
    assert "  - The strike entered its second day [2]" in news
    assert "- **New:** Hospital hacked [3]" in news
    assert "walked out on Monday" not in news  # told yesterday
    assert text.count("rose to 5,000") == 1  # the story's own section does not repeat the news


@pytest.mark.parametrize("template", ["briefing.html.j2", "briefing.email.html.j2"])
def test_html_opens_with_the_news_escaped_and_right_to_left_ready(template: str) -> None:
    page = rendered(template)
    news = page.split("What's new</h2>")[1].split("<h2")[0]
    assert page.index("What's new</h2>") < page.index("Summary</h2>")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Port [strike](http://evil.example)" in news
    assert "<script>" not in page
    assert "first briefed 04 Mar" in news and "rose to 5,000" in news and "Hospital hacked" in news
    for element in re.findall(r"<li\b[^>]*>", news):
        assert 'dir="auto"' in element


def test_email_text_and_telegram_show_the_news_first() -> None:
    text = rendered("briefing.email.txt.j2")
    assert text.index("WHAT'S NEW") < text.index("SUMMARY")
    assert f"- DEVELOPING (first briefed 04 Mar): {HOSTILE} [2]" in text
    post = rendered("briefing.tg.html.j2")
    assert post.index("<b>What's new</b>") < post.index("The union wants more pay")
    assert ("• <b>Developing</b> <i>(first briefed 04 Mar)</i>: &lt;script&gt;alert(1)&lt;/script&gt; "
            "Port [strike](http://evil.example) goes on [2]") in post
    assert "• <b>New:</b> Hospital hacked [3]" in post


def test_without_stories_or_news_there_is_no_section() -> None:
    plain = replace(two_day_briefing(), stories=())
    assert "What's new" not in rendered("briefing.md.j2", plain)
    quiet = replace(two_day_briefing(), facts=tuple(replace(f, new=False) for f in two_day_briefing().facts),
                    stories=(two_day_briefing().stories[0],))
    assert "What's new" not in rendered("briefing.tg.html.j2", quiet)  # developing, but nothing new said


@pytest.mark.parametrize("template", ["briefing.md.j2", "briefing.tg.html.j2", "briefing.email.txt.j2"])
def test_a_line_citing_a_run_of_sources_shows_a_range(template: str) -> None:
    """On a day of 388 reports every line of What's new ended with twenty-odd numbers."""
    every = (*ev(OLD, 0), *ev(NEW, 0), *ev(HACK, 0))
    story = Story("Port strike and hack", (OLD.id, NEW.id, HACK.id), 3.0, "s-all",
                  new_article_ids=(OLD.id, NEW.id, HACK.id), summary=Summary(NEW.sentences[0].text, every))
    briefing = Briefing("port", "Port watch", datetime(2024, 3, 5, 23, tzinfo=UTC), (OLD, NEW, HACK),
                        summary=Summary(OLD.sentences[1].text, every), stories=(story,))
    text = rendered(template, briefing)
    assert "[1–3]" in text and "[1, 2, 3]" not in text
