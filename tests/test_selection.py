"""What a briefing is made of: duplicates out, and with a window only what is new."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from briefing import RunContext, Source, hookimpl, make_article
from briefing.core.config import load_config
from briefing.core.errors import ConfigError
from briefing.core.pipeline import Pipeline
from briefing.core.plugins import make_plugin_manager
from briefing.core.selection import parse_duration
from briefing.core.store import Store

FEED: list = []


class Feed(Source):
    def collect(self, context: RunContext):
        yield from FEED


class Plugin:
    __name__ = "feed-test"

    @hookimpl
    def register_sources(self, register):
        register("feed", Feed)


CONFIG = """
briefings:
  daily:
    sources: [feed]
    cleaners: []
    analyser: split
    extractors: [first-sentence]
    summariser: null
    outputs: []
    {extra}
"""


def pipeline(tmp_path, simple_plugin, extra="window: 24h") -> Pipeline:
    path = tmp_path / "briefings.yaml"
    path.write_text(CONFIG.format(extra=extra))
    plugins = make_plugin_manager(extra=[simple_plugin, Plugin()], entry_points=False)
    return Pipeline(load_config(path, plugins), plugins, Store(tmp_path / "state.db"))


def titles(result) -> list[str]:
    return [a.title for a in result.briefing.articles] if result.briefing else []


def test_a_daily_briefing_says_what_is_new(tmp_path, simple_plugin):
    monday = datetime(2026, 11, 23, 7, tzinfo=UTC)
    old = make_article("Old news was reported. It was long ago.", title="old",
                       published_at=monday - timedelta(days=3))
    first = make_article("The first story broke. More followed.", title="first")
    FEED[:] = [old, first]
    assert titles(pipeline(tmp_path, simple_plugin).run("daily", publish=False, now=monday)) == ["first"]
    # A re-run the same morning briefs the same articles again.
    rerun = pipeline(tmp_path, simple_plugin).run("daily", publish=False, now=monday + timedelta(hours=2))
    assert titles(rerun) == ["first"]
    # The next day, only what arrived since.
    second = make_article("A second story broke. Officials said so.", title="second")
    FEED[:] = [old, first, second]
    tuesday = monday + timedelta(days=1, minutes=1)
    assert titles(pipeline(tmp_path, simple_plugin).run("daily", publish=False, now=tuesday)) == ["second"]
    marked = pipeline(tmp_path, simple_plugin, "window: 24h\n    window_mode: mark").run(
        "daily", publish=False, now=tuesday)
    assert titles(marked) == ["old", "first", "second"]
    assert "earlier" in marked.briefing.articles[1].meta


def test_without_a_window_everything_is_briefed(tmp_path, simple_plugin):
    FEED[:] = [make_article("Old news was reported. Long ago.", title="old",
                            published_at=datetime(2020, 1, 1, tzinfo=UTC))]
    assert titles(pipeline(tmp_path, simple_plugin, "").run("daily", publish=False)) == ["old"]


def test_exact_duplicates_by_url_and_text(tmp_path, simple_plugin):
    text = "Rain fell on the city. Streets flooded."
    FEED[:] = [
        make_article(text, title="a", url="https://example.org/rain?utm_source=x#top"),
        make_article(text + " ", title="b"),  # the same text once whitespace is normalised
        make_article("Other text entirely. Nothing alike.", title="c", url="https://example.org/rain"),
    ]
    result = pipeline(tmp_path, simple_plugin, "").run("daily", publish=False)
    assert titles(result) == ["a"]
    assert result.briefing.articles[0].url == "https://example.org/rain"


def test_window_must_be_a_duration(tmp_path, simple_plugin):
    with pytest.raises(ConfigError, match=r"window: expected a duration such as 24h, 2d or 90m, got 'daily'"):
        pipeline(tmp_path, simple_plugin, "window: daily")
    assert parse_duration("90m") == timedelta(minutes=90)
    assert parse_duration("2d") == timedelta(days=2)
    assert parse_duration("soon") is None
