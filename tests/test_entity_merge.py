"""Merging across articles, and the end-to-end check on the seed articles."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from briefing import Evidence, NoOptions, Place, Quote, Stakeholder, make_article
from briefing.plugins.entity_merge import merge_places, merge_stakeholders
from briefing.plugins.places import PlaceExtractor
from briefing.plugins.quotes import QuoteExtractor
from briefing.plugins.spacy_analyser import analysed_from_doc, load_model
from briefing.plugins.stakeholders import StakeholderExtractor

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_model("en_core_web_sm")


def run(nlp: Any, texts: list[str]) -> tuple[list[Stakeholder], list[Place], list[Quote]]:
    people: list[Stakeholder] = []
    places: list[Place] = []
    quotes: list[Quote] = []
    for text in texts:
        analysed = analysed_from_doc(make_article(text), nlp(text))
        people += StakeholderExtractor(NoOptions()).extract(analysed)
        places += PlaceExtractor(NoOptions()).extract(analysed)
        quotes += QuoteExtractor(NoOptions()).extract(analysed)
    return merge_stakeholders(people, quotes), merge_places(places), quotes


def ev(i: int) -> tuple[Evidence, ...]:
    return (Evidence("a", i, "x"),)


def test_surname_merges_with_full_name_across_articles(nlp: Any) -> None:
    merged, _, _ = run(nlp, [
        "Manchester coach Erik Holm praised the defence after the win.",
        "Holm said the team would rest key players on Sunday.",
    ])
    holm = [s for s in merged if "Holm" in s.name]
    assert len(holm) == 1
    assert holm[0].name == "Erik Holm" and "Holm" in holm[0].aliases
    assert any("coach" in role for role in holm[0].roles)


def test_quotes_attach_to_merged_speaker(nlp: Any) -> None:
    merged, _, quotes = run(nlp, [
        "Finance Minister Clara Weiss spoke in parliament on Tuesday.",
        "“The budget will be balanced by next year,” Weiss said.",
    ])
    weiss = next(s for s in merged if s.name == "Clara Weiss")
    assert [q.text for q in weiss.quotes] == [quotes[0].text]
    assert weiss.salience == 1.0


def test_shared_surname_stays_apart() -> None:
    items = [Stakeholder("Anna Berg", "person", ev(1)), Stakeholder("Lars Berg", "person", ev(2)),
             Stakeholder("Berg", "person", ev(3))]
    names = sorted(s.name for s in merge_stakeholders(items, []))
    assert names == ["Anna Berg", "Berg", "Lars Berg"]


def test_acronym_and_state_variants_merge() -> None:
    items = [Stakeholder("World Health Organization", "organization", ev(1)),
             Stakeholder("WHO", "organization", ev(2)),
             Stakeholder("UK", "country", ev(3)), Stakeholder("Britain", "country", ev(4) + ev(5))]
    merged = {s.name: s for s in merge_stakeholders(items, [])}
    assert set(merged) == {"World Health Organization", "Britain"}
    assert merged["World Health Organization"].aliases == ("WHO",)
    assert merged["Britain"].aliases == ("UK",)


def test_places_merge_by_key() -> None:
    merged = merge_places([Place("Middle East", ev(1)), Place("the Middle East", ev(2)),
                           Place("Oslo", ev(3))])
    assert [p.name for p in merged] == ["Middle East", "Oslo"]
    assert len(merged[0].evidence) == 2


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles not in this tree")
def test_seed_articles_end_to_end(nlp: Any) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    merged, places, _ = run(nlp, texts)
    by = {s.name: s for s in merged}

    def find(word: str) -> Stakeholder:
        return next(s for s in merged if word in s.name or any(word in a for a in s.aliases))

    putin = find("Putin")
    assert putin.kind == "person" and any("President" in r for r in putin.roles)
    assert "Kremlin spokesperson" in find("Peskov").roles
    knight = find("Amy Knight")
    assert knight.kind == "person" and any("researcher" in r for r in knight.roles)
    assert find("Akopov").kind == "person"
    assert len([s for s in merged if "Putin" in s.name]) == 1
    for name in [*by, *(p.name for p in places)]:
        assert not re.search(r"\b(and|or)$|[,;'’]$", name), name
        assert not re.search(r"\d", name), name
        assert not re.search(r"\.\w|https?:|www", name), name
    assert "Associated Press" not in by
    assert find("Peskov").quotes and find("Amy Knight").quotes
