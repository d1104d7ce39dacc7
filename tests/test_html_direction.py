"""Right-to-left text (Arabic, Hebrew, Persian) in the HTML page and email is laid out right to
left: every element that holds article text has ``dir="auto"``, so the browser takes each one's
direction from its own first strong character (issue 15)."""

from __future__ import annotations

from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest

from briefing import Briefing, Evidence, Fact, Place, Quote, Risk, Sentence, Stakeholder, Summary
from briefing.core.models import Article
from briefing.core.rendering import make_environment, render

ARABIC = "قال الوزير إن الميناء سيعاد فتحه يوم الاثنين."
HEBREW = "ראש העיר אמר שהגשר ייפתח בשנה הבאה."


class TextDirections(HTMLParser):
    """For each piece of text, the ``dir`` of the nearest enclosing element that has one."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str | None] = []
        self.found: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"br", "meta", "img", "hr"}:
            return
        self.stack.append(dict(attrs).get("dir"))

    def handle_endtag(self, tag: str) -> None:
        if tag not in {"br", "meta", "img", "hr"} and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.found[data.strip()] = next((d for d in reversed(self.stack) if d), None)


def rtl_briefing() -> Briefing:
    text = f"{ARABIC} {HEBREW}"
    sentences = (Sentence(0, 0, len(ARABIC), ARABIC),
                 Sentence(1, len(ARABIC) + 1, len(text), HEBREW))
    article = Article("a1", "https://news.example/a", "عنوان الخبر", "صحيفة", None, text, sentences)
    one, two = (Evidence("a1", 0, ARABIC),), (Evidence("a1", 1, HEBREW),)
    quote = Quote("ראש העיר", HEBREW, two)
    return Briefing(
        name="b", title="Daily", generated_at=datetime(2025, 1, 2, tzinfo=UTC), articles=(article,),
        summary=Summary(ARABIC, one), facts=(Fact(ARABIC, one), Fact(HEBREW, two)),
        stakeholders=(Stakeholder("ראש העיר", "person", two, roles=("ראש",), quotes=(quote,)),),
        places=(Place("بيروت", one),), risks=(Risk(HEBREW, two, likelihood="likely"),), quotes=(quote,))


@pytest.mark.parametrize("template", ["briefing.html.j2", "briefing.email.html.j2"])
def test_article_text_in_html_gets_dir_auto(template: str) -> None:
    html = render(make_environment(None, None), template, rtl_briefing())
    parser = TextDirections()
    parser.feed(html)
    rtl = {text: direction for text, direction in parser.found.items()
           if any("\u0590" <= ch <= "\u06ff" for ch in text)}
    assert rtl  # the texts are there
    assert {text: direction for text, direction in rtl.items() if direction != "auto"} == {}
