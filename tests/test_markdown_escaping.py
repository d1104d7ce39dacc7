"""Markdown output is escaped: what an article says is shown as text, never run as HTML or turned
into a link, and only http(s) URLs become links (issue 15).

What a reader sees is checked by rendering the .md file with a CommonMark renderer (markdown-it-py,
HTML allowed, as most Markdown viewers do) and reading the HTML it makes.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from briefing.core.models import (
    Article,
    Briefing,
    Evidence,
    Fact,
    Place,
    Quote,
    Risk,
    Sentence,
    StageFailure,
    Stakeholder,
    Story,
    Summary,
)
from briefing.core.rendering import make_environment, markdown_link, markdown_text, render
from briefing.testing import run_pipeline

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(2)>"
PHISH = "Evil link](http://evil.example/phish) [x"
HOSTILE_ROWS = [
    {"title": "Scripted", "text": f"{SCRIPT} The council met on Monday. {IMAGE} It voted.",
     "url": "javascript:alert(document.cookie)"},
    {"title": "Data", "text": "The mayor spoke on Tuesday.",
     "url": "data:text/html,<script>alert(3)</script>"},
    {"title": PHISH, "text": "The port reopened on Wednesday.", "url": "https://ok.example/b"},
    {"title": "Breakout", "text": "Ships returned on Thursday.",
     "url": "https://ok.example/a)<script>alert(4)</script>"},
]


def as_html(markdown: str) -> str:
    return MarkdownIt("commonmark").render(markdown)


def links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]*)"', html)


def assert_inert(html: str) -> None:
    assert "<script" not in html and "<img" not in html
    assert all(href.startswith(("http://", "https://")) for href in links(html))
    assert "http://evil.example/phish" not in links(html)


def test_hostile_jsonl_articles_are_inert_in_the_markdown_file(tmp_path: Path, simple_plugin) -> None:
    (tmp_path / "a.jsonl").write_text("".join(json.dumps(row) + "\n" for row in HOSTILE_ROWS))
    result = run_pipeline({"sources": [{"type": "jsonl", "path": "a.jsonl"}], "cleaners": [],
                           "analyser": "split", "extractors": ["first-sentence"], "summariser": None,
                           "outputs": [{"type": "file", "path": "out/{name}.md"}]},
                          plugins=[simple_plugin], tmp_path=tmp_path, publish=True, name="md")
    assert result.ok, result.failures
    markdown = (tmp_path / "out" / "md.md").read_text()
    html = as_html(markdown)
    assert_inert(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; The council met on Monday." in html  # shown
    assert "Evil link](http://evil.example/phish) [x" in html  # the title, as text
    assert links(html) == ["https://ok.example/b", "https://ok.example/a)%3Cscript%3Ealert(4)%3C/script%3E"]


def sentence(text: str) -> tuple[Sentence, ...]:
    return (Sentence(0, 0, len(text), text),)


def test_every_field_of_the_default_markdown_template_is_escaped() -> None:
    text = f"Officials said {SCRIPT} and *bold* [x](http://evil.example) `code` {IMAGE}."
    article = Article("a1", "javascript:alert(1)", PHISH, f"Feed {IMAGE}", None, text, sentence(text))
    two = Article("a2", "https://ok.example/two", "Second", "Bay", None, text, sentence(text))
    evidence = (Evidence("a1", 0, text),)
    quote = Quote(f"Speaker {SCRIPT}", f"quoted {SCRIPT}", evidence)
    briefing = Briefing(
        name="b", title="Daily", generated_at=datetime(2025, 1, 2, tzinfo=UTC), articles=(article, two),
        summary=Summary(text, evidence), facts=(Fact(text, evidence),),
        stakeholders=(Stakeholder(f"Name {SCRIPT}", "person", evidence, roles=(f"role {IMAGE}",),
                                  quotes=(quote,)),),
        places=(Place(f"Place {IMAGE}", evidence),),
        risks=(Risk(f"risk {SCRIPT}", evidence, likelihood=f"likely {IMAGE}", actors=(f"actor {IMAGE}",),
                    speaker=f"the {SCRIPT} ministry", context=f"context {SCRIPT}"),),
        quotes=(quote,),
        failures=(StageFailure("collect", "rss", "x", "http://x.example/<b>: [bad](http://evil.example)"),),
        stories=(Story(f"Story {SCRIPT}", ("a1",)), Story(PHISH, ("a2",))),
    )
    for stories in (briefing.stories, ()):  # the stories layout and the flat one
        from dataclasses import replace

        markdown = render(make_environment(None, None), "briefing.md.j2", replace(briefing, stories=stories))
        html = as_html(markdown)
        assert_inert(html)
        assert links(html) == ["https://ok.example/two"]
        assert "*bold*" in html and "<em>bold</em>" not in html and "<code>" not in html


@pytest.mark.parametrize(("raw", "escaped"), [
    ("<script>", "\\<script\\>"),
    ("a [link](x)", "a \\[link\\](x)"),
    ("*a* _b_ `c`", "\\*a\\* \\_b\\_ \\`c\\`"),
    ("# heading", "\\# heading"),
    ("- item", "\\- item"),
    ("+ item", "\\+ item"),
    ("> quote", "\\> quote"),
    ("2024. A year", "2024\\. A year"),
    ("line one\n# line two", "line one # line two"),  # mid-line after joining: harmless
    ("back\\slash", "back\\\\slash"),
    ("U.S. 3-2 win", "U.S. 3-2 win"),  # ordinary punctuation stays readable
    ("\x1b]0;owned\x07red \x1b[31mtext\x9b", "\\]0;ownedred \\[31mtext"),  # no terminal escapes
])
def test_the_md_filter(raw: str, escaped: str) -> None:
    assert markdown_text(raw) == escaped


@pytest.mark.parametrize(("url", "expected"), [
    ("https://ok.example/a", "[T](https://ok.example/a)"),
    ("https://ok.example/a)b", "[T](https://ok.example/a\\)b)"),
    ("https://ok.example/a b<c>", "[T](https://ok.example/a%20b%3Cc%3E)"),
    ("javascript:alert(1)", "T"),
    ("data:text/html,x", "T"),
    ("file:///etc/passwd", "T"),
    ("", "T"),
    (None, "T"),
])
def test_the_md_link_filter(url: str | None, expected: str) -> None:
    assert markdown_link(url, "T") == expected
