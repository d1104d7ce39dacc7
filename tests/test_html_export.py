"""HTML from articles is escaped in the HTML email and the HTML page; both show the same content.

An article's title, text, quotes and names carry markup and a script; the rendered HTML may only
contain the tags the templates themselves write.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest

from briefing import (
    Briefing,
    Evidence,
    Fact,
    Place,
    Quote,
    Risk,
    Sentence,
    StageFailure,
    Stakeholder,
    Summary,
    make_article,
)
from briefing.core.rendering import make_environment, render

TEMPLATE_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "table", "tr", "td", "div",
                 "h1", "h2", "p", "ul", "ol", "li", "span", "strong", "a"}
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)><b>bold</b>'


def hostile_briefing() -> Briefing:
    text = f"Rain {HOSTILE} fell. The mayor said “We <will> cope”."
    bad = make_article(text, title=f"Storm {HOSTILE}", url="javascript:alert(1)",
                       source="<i>Weather</i> desk")
    end = text.index(" fell.") + 6
    bad = replace(bad, sentences=(Sentence(0, 0, end, text[:end]),))
    good = make_article("Roads reopened at noon.", title="Roads reopen",
                        url="https://roads.example/a?b=1&c=2", source="Road desk",
                        published_at=datetime(2024, 2, 1, tzinfo=UTC))
    good = replace(good, sentences=(Sentence(0, 0, 23, "Roads reopened at noon."),))
    one, two = (Evidence(bad.id, 0, "Rain"),), (Evidence(good.id, 0, "Roads"),)
    quote = Quote(f"Mayor {HOSTILE}", f"We <will> cope {HOSTILE}", one)
    return Briefing(
        "storm", f"Storm {HOSTILE}", datetime(2024, 2, 1, 18, 0, tzinfo=UTC), (bad, good),
        summary=Summary(f"Summary {HOSTILE}", one + two),
        facts=(Fact(f"Fact {HOSTILE}", one), Fact("Roads reopened at noon.", two)),
        stakeholders=(Stakeholder(f"Mayor {HOSTILE}", "person", one, roles=(f"role {HOSTILE}",),
                                  quotes=(quote,)),),
        places=(Place(f"Place {HOSTILE}", two),),
        risks=(Risk(f"Risk {HOSTILE}", two, likelihood="highly likely", probability=(0.8, 0.9),
                    actors=(f"actor {HOSTILE}",)),),
        quotes=(quote,),
        failures=(StageFailure("collect", "feed", "p", f"bad feed {HOSTILE}"),),
    )


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.links += [value or "" for name, value in attrs if name == "href"]
        assert not any(name.startswith("on") for name, _ in attrs), (tag, attrs)


@pytest.fixture(scope="module")
def env() -> jinja2.Environment:
    return make_environment(None, None)


@pytest.mark.parametrize("template", ["briefing.email.html.j2", "briefing.html.j2"])
def test_article_markup_is_escaped(env: jinja2.Environment, template: str) -> None:
    html = render(env, template, hostile_briefing())
    parser = Tags()
    parser.feed(html)
    assert parser.tags <= TEMPLATE_TAGS, parser.tags - TEMPLATE_TAGS
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "We &lt;will&gt; cope" in html
    assert parser.links == ["https://roads.example/a?b=1&c=2"]  # javascript: is not a link
    assert "https://roads.example/a?b=1&amp;c=2" in html


@pytest.mark.parametrize("template", ["briefing.email.html.j2", "briefing.html.j2"])
def test_html_shows_the_same_content_and_marks_as_text(env: jinja2.Environment, template: str) -> None:
    briefing = hostile_briefing()
    html = render(env, template, briefing)
    text = render(env, "briefing.email.txt.j2", briefing)
    for heading in ("Summary", "Key facts", "Stakeholders", "Risks", "Places", "Sources"):
        assert f">{heading}</h2>" in html
        assert heading.upper() in text
    assert "Roads reopened at noon. <span" in html and "[2]</span>" in html
    assert "Roads reopened at noon. [2]" in text
    assert "[1, 2]</span>" in html and "[1, 2]" in text  # the summary cites both sources
    assert "highly likely · 80-90%" in html and "HIGHLY LIKELY (80-90%)" in text
    assert 'name="viewport"' in html


def test_page_is_print_friendly(env: jinja2.Environment) -> None:
    html = render(env, "briefing.html.j2", hostile_briefing())
    assert "@media print" in html and "attr(href)" in html
    assert "<link" not in html and "<script" not in html  # one self-contained file


def test_user_template_can_extend_the_builtin_page(tmp_path: Path) -> None:
    (tmp_path / "briefing.html.j2").write_text(
        '{% extends "default:briefing.html.j2" %}'
        '{% block places %}{% autoescape true %}<p>Where: {{ briefing.places[0].name }}</p>'
        '{% endautoescape %}{% endblock %}', encoding="utf-8")
    html = render(make_environment(None, tmp_path), "briefing.html.j2", hostile_briefing())
    assert "<p>Where: Place &lt;script&gt;" in html
    assert ">Key facts</h2>" in html
