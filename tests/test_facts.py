"""Extractor ``facts``: statements ranked by salience, attributions kept, clutter left out."""

from __future__ import annotations

from typing import Any

import pytest

from briefing import Fact, make_article
from briefing.core.provenance import item_problem
from briefing.plugins.analysis.extract.facts import FactExtractor, FactOptions
from briefing.plugins.analysis.nlp.analyser import analysed_from_doc, load_model
from briefing.plugins.text.similarity import caption_like

TEXT = """Port Strike Enters Second Week
Dock workers at the port of Halden extended their strike on Monday, leaving 40 ships waiting offshore.
The union said the walkout would continue until wages rise by 8 percent.
Is this the end of cheap shipping?
Photo: Harbour Archive
The weather in the town stayed mild and dry.
Halden handles a third of the country's container traffic, according to the transport ministry.
Some people watched from the pier."""


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model("en_core_web_sm")


@pytest.fixture(scope="module")
def facts(nlp: Any) -> list[Fact]:
    analysed = analysed_from_doc(make_article(TEXT, title="Port strike", source="Coast News"), nlp(TEXT))
    found = list(FactExtractor(FactOptions(min_score=0.0)).extract(analysed))
    for fact in found:
        assert item_problem(fact, {analysed.article.id: analysed.article}) is None
    return found


def test_the_lead_fact_ranks_first_with_its_source(facts: list[Fact]) -> None:
    assert facts[0].text.startswith("Dock workers at the port of Halden extended their strike")
    assert facts[0].sources == ("Coast News",)
    assert all(0.0 <= f.score <= 1.0 for f in facts)
    assert [f.score for f in facts] == sorted((f.score for f in facts), reverse=True)


def test_no_questions_headings_or_credits(facts: list[Fact]) -> None:
    texts = " ".join(f.text for f in facts)
    assert "?" not in texts
    assert "Port Strike Enters Second Week" not in texts
    assert "Photo:" not in texts


def test_attributions_are_kept_and_count(facts: list[Fact]) -> None:
    by_text = {f.text: f for f in facts}
    ministry = next(t for t in by_text if t.startswith("Halden handles"))
    assert ministry.endswith("according to the transport ministry.")
    weather = by_text["The weather in the town stayed mild and dry."]
    pier = by_text["Some people watched from the pier."]
    assert by_text[ministry].score > weather.score
    assert by_text[ministry].score > pier.score


def test_limits(nlp: Any) -> None:
    analysed = analysed_from_doc(make_article(TEXT, title="Port strike"), nlp(TEXT))
    two = list(FactExtractor(FactOptions(max_facts=2)).extract(analysed))
    assert len(two) == 2
    assert two[0].sources == ("Port strike",)   # no source: the title stands in
    strict = list(FactExtractor(FactOptions(min_score=0.99)).extract(analysed))
    assert strict == []


CAPTIONED = """Volunteers rebuilt the flooded school in Millbrook on Saturday, the council said.
Head teacher Ruth Carr, right, and Mayor Ian Cole at the school gates in 2021
Head teacher Ruth Carr, right, and Mayor Ian Cole at the school gates in 2021.
The newly painted classrooms of the school on a sunny morning in Millbrook last year.
Pupils will return to their classrooms on Monday, the head teacher said."""


def test_photo_captions_are_not_facts(nlp: Any) -> None:
    analysed = analysed_from_doc(make_article(CAPTIONED, title="School reopens"), nlp(CAPTIONED))
    texts = [f.text for f in FactExtractor(FactOptions(min_score=0.0)).extract(analysed)]
    assert len(texts) == 2
    assert all(t.startswith(("Volunteers rebuilt", "Pupils will return")) for t in texts)


@pytest.mark.parametrize(("text", "caption"), [
    ("Head teacher Ruth Carr, right, and Mayor Ian Cole at the school gates in 2021", True),
    ("The minister (left) greets the delegation.", True),
    ("From left: the three winners of the regatta.", True),
    ("The bridge, pictured, opened in 1931.", True),
    ("Rescue teams at the flooded station in 2021", True),
    ("The school was founded in 2021.", False),
    ("Drivers should turn left, then right, at the lights.", False),
    ("Right, she said, the work starts now.", False),
])
def test_caption_like(text: str, caption: bool) -> None:
    assert caption_like(text) is caption
