"""The watchlist extractor, alone and inside a briefing run (briefing.testing fixtures)."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path
from typing import Any

import pytest
from briefing import ConfigError, Risk, Stakeholder
from briefing.testing import analyse, assert_provenance, make_article, make_plugins, run_briefing

import briefing_watchlist
from briefing_watchlist.watchlist import Watched, Watchlist, WatchlistOptions

TEXT = ("The Harbour Trust met on Tuesday. Mara Quist, its chair, said the ferry fares will rise. "
        "Protesters gathered outside Acmeville hall. A strike is planned for March.")
PORT = make_article(TEXT, title="Harbour meeting", url="https://news.example/harbour")
OTHER = make_article("Rain is expected in the hills. The reservoir is full.", title="Weather")


def alerts(options: WatchlistOptions, text: str = TEXT) -> list[Any]:
    return list(Watchlist(options).extract(analyse(make_article(text))))


def test_people_organizations_and_terms_are_flagged_in_their_sentences() -> None:
    found = alerts(WatchlistOptions(people=["Mara Quist"], organizations=["Harbour Trust"],
                                    terms=["strike"]))
    risks = [item for item in found if isinstance(item, Risk)]
    assert [(r.text, r.actors, r.severity) for r in risks] == [
        ("The Harbour Trust met on Tuesday.", ("Harbour Trust",), "medium"),
        ("Mara Quist, its chair, said the ferry fares will rise.", ("Mara Quist",), "medium"),
        ("A strike is planned for March.", ("strike",), "medium"),
    ]
    people = [(s.name, s.kind, s.roles) for s in found if isinstance(s, Stakeholder)]
    assert people == [("Harbour Trust", "organization", ("on watchlist",)),
                      ("Mara Quist", "person", ("on watchlist",))]


def test_matching_is_on_whole_words_and_ignores_case_unless_asked() -> None:
    assert alerts(WatchlistOptions(organizations=["Acme"])) == []  # "Acmeville" is not Acme
    assert len(alerts(WatchlistOptions(terms=["STRIKE"]))) == 1
    assert alerts(WatchlistOptions(terms=["STRIKE"], case_sensitive=True)) == []


def test_aliases_match_and_the_quote_is_the_words_as_written() -> None:
    found = alerts(WatchlistOptions(people=[Watched("Mara Quist", aliases=["the chair", "Quist"])]))
    risk = next(item for item in found if isinstance(item, Risk))
    assert risk.evidence[0].quote == "Mara Quist"  # the longest alias wins
    assert risk.actors == ("Mara Quist",)


def test_alert_levels_per_entry_and_per_list() -> None:
    options = WatchlistOptions(terms=["ferry", Watched("strike", level="high")], level="low")
    risks = [item for item in alerts(options) if isinstance(item, Risk)]
    assert [(r.actors, r.severity) for r in risks] == [(("ferry",), "low"), (("strike",), "high")]


def test_a_sentence_naming_two_entries_is_one_alert_at_the_higher_level() -> None:
    options = WatchlistOptions(people=[Watched("Mara Quist", level="high")], terms=["ferry"],
                               level="low")
    risks = [item for item in alerts(options) if isinstance(item, Risk)]
    assert [(r.actors, r.severity, len(r.evidence)) for r in risks] == \
        [(("Mara Quist", "ferry"), "high", 2)]


def test_a_briefing_lists_the_alerts_with_evidence(tmp_path: Path) -> None:
    config = {"cleaners": [], "analyser": "sentences", "summariser": None, "outputs": [],
              "extractors": [{"type": "watchlist", "level": "high",
                              "people": ["Mara Quist"],
                              "organizations": [{"name": "Harbour Trust", "aliases": ["the Trust"],
                                                 "level": "low"}],
                              "terms": ["strike"]}]}
    briefing = run_briefing(config, plugins=[briefing_watchlist], articles=[PORT, OTHER],
                            tmp_path=tmp_path)
    assert briefing.failures == ()
    assert {(r.actors, r.severity) for r in briefing.risks} == {
        (("Mara Quist",), "high"), (("strike",), "high"), (("Harbour Trust",), "low")}
    assert {s.name for s in briefing.stakeholders} == {"Mara Quist", "Harbour Trust"}
    assert_provenance(briefing)


def test_a_bad_option_stops_the_run_naming_the_key(tmp_path: Path) -> None:
    config = {"cleaners": [], "analyser": "sentences", "summariser": None,
              "extractors": [{"type": "watchlist", "level": "urgent", "terms": ["strike"]}]}
    with pytest.raises(ConfigError) as raised:
        run_briefing(config, plugins=[briefing_watchlist], articles=[PORT], tmp_path=tmp_path)
    assert "extractors.0.level: expected one of 'low', 'medium', 'high', got 'urgent'" in str(raised.value)


def test_with_the_spacy_analyser_and_a_folder_of_articles(tmp_path: Path) -> None:
    """End to end with the default analyser: real sentence splitting, real files."""
    pytest.importorskip("spacy")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "harbour.txt").write_text("Harbour meeting\n" + TEXT, encoding="utf-8")
    config = {"sources": [{"type": "folder", "path": "articles"}], "cleaners": [],
              "analyser": "spacy", "summariser": None, "outputs": [],
              "extractors": [{"type": "watchlist", "people": ["Mara Quist"], "terms": ["strike"]}]}
    briefing = run_briefing(config, plugins=[briefing_watchlist], tmp_path=tmp_path)
    assert sorted(r.actors for r in briefing.risks) == [("Mara Quist",), ("strike",)]
    assert_provenance(briefing)


def test_the_installed_package_is_found_through_its_entry_point() -> None:
    points = [ep for ep in importlib.metadata.entry_points(group="briefing") if ep.name == "watchlist"]
    assert points, "install the package first: pip install -e examples/briefing-watchlist"
    plugins = make_plugins(entry_points=True, kit=False)
    assert [f for f in plugins.failures if f.plugin == "watchlist"] == []
    extractor = plugins.component("extractor", "watchlist")
    publisher = plugins.component("publisher", "webhook")
    assert extractor is not None and extractor.plugin == "watchlist"
    assert publisher is not None and publisher.plugin == "watchlist"
