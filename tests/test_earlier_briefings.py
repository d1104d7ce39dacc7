"""What a run is given of its earlier briefings (the ``previous`` of ``assemble_briefing``), the
``horizon`` option, and the across-days fields in the JSON and back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from briefing import (
    Briefing,
    Evidence,
    Fact,
    Risk,
    Service,
    Story,
    briefing_from_dict,
    briefing_to_dict,
    hookimpl,
    make_article,
)
from briefing.core.errors import ConfigError
from briefing.core.plugins import make_plugin_manager

CONFIG = """\
state: state.db
briefings:
  harbour:
    sources: [{{type: folder, path: articles}}]
    cleaners: []
    analyser: split
    extractors: [first-sentence]
    summariser: null
    schedule: {{timezone: Europe/Amsterdam}}
    outputs: [{{type: file, path: "out/{{name}}-{{date}}.md"}}]
{extra}"""
MONDAY = datetime(2025, 3, 3, 7, tzinfo=UTC)


class Recorder:
    """Sees what each run is given, and leaves the assembling to the builtin."""

    def __init__(self) -> None:
        self.given: list[list[datetime]] = []

    @hookimpl(tryfirst=True)
    def assemble_briefing(self, previous: Any) -> None:
        self.given.append([earlier.generated_at for earlier in previous])


def service(tmp_path: Path, simple_plugin: object, recorder: Recorder, extra: str = "") -> Service:
    (tmp_path / "briefings.yaml").write_text(CONFIG.format(extra=extra), encoding="utf-8")
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)
    plugins = make_plugin_manager(extra=[simple_plugin, recorder], entry_points=False)
    return Service.open(tmp_path / "briefings.yaml", plugins)


def add(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / "articles" / f"{name}.txt").write_text(f"{name}\n\n{text}\n", encoding="utf-8")


def test_a_run_is_given_the_briefings_of_earlier_days_within_the_horizon(tmp_path, simple_plugin):
    recorder = Recorder()
    briefings = service(tmp_path, simple_plugin, recorder)
    amsterdam = timezone(timedelta(hours=1))
    add(tmp_path, "a", "Cranes stopped at the container terminal.")
    assert briefings.run("harbour", now=MONDAY).ok
    # A re-run the same day (08:30 in Amsterdam) is compared with the days before, not with itself.
    assert briefings.run("harbour", now=datetime(2025, 3, 3, 8, 30, tzinfo=amsterdam)).ok
    add(tmp_path, "b", "Ships waited outside the harbour.")
    assert briefings.run("harbour", now=MONDAY + timedelta(days=1)).ok
    add(tmp_path, "c", "The strike ended after talks.")
    assert briefings.run("harbour", now=MONDAY + timedelta(days=9)).ok  # Tuesday is 8 days back
    # A replay of Monday morning sees nothing made after it.
    replayed = briefings.run("harbour", now=datetime(2025, 3, 3, 6, tzinfo=UTC))
    briefings.close()
    monday, rerun = MONDAY, datetime(2025, 3, 3, 8, 30, tzinfo=amsterdam)
    assert recorder.given == [[], [], [monday, rerun], [], []]
    assert replayed.briefing is not None


def test_a_day_without_news_says_so_and_stores_nothing(tmp_path, simple_plugin):
    recorder = Recorder()
    briefings = service(tmp_path, simple_plugin, recorder)
    add(tmp_path, "a", "Cranes stopped at the container terminal.")
    assert briefings.run("harbour", now=MONDAY).ok
    second = briefings.run("harbour", now=MONDAY + timedelta(days=1))
    assert second.ok and second.briefing is None and second.error is None
    assert second.nothing_new == ("harbour: nothing new: every article was in a briefing of the last "
                                  "7d (horizon); nothing published")
    assert [run.day for run in briefings.history("harbour")] == ["2025-03-03"]
    briefings.close()


def test_a_horizon_of_zero_makes_each_run_stand_alone(tmp_path, simple_plugin):
    recorder = Recorder()
    briefings = service(tmp_path, simple_plugin, recorder, extra="    horizon: 0d\n")
    add(tmp_path, "a", "Cranes stopped at the container terminal.")
    assert briefings.run("harbour", now=MONDAY).ok
    again = briefings.run("harbour", now=MONDAY + timedelta(days=1))
    briefings.close()
    assert again.ok and recorder.given == [[], []]
    assert again.briefing is not None and [s.status for s in again.briefing.stories] == ["new"]


def test_a_horizon_that_is_not_a_duration_is_a_config_error(tmp_path, simple_plugin):
    with pytest.raises(ConfigError) as caught:
        service(tmp_path, simple_plugin, Recorder(), extra="    horizon: a week\n")
    assert (f"{tmp_path / 'briefings.yaml'}:11: briefings.harbour.horizon: expected a duration such "
            "as 7d, 2w or 0d (every run on its own), got 'a week'") in str(caught.value)


def test_the_json_keeps_what_is_new_and_older_json_reads_as_all_new() -> None:
    article = make_article("Cranes stopped. Ships waited.", title="Cranes")
    evidence = (Evidence(article.id, 0, "Cranes stopped"),)
    briefing = Briefing(
        "harbour", "Harbour", MONDAY, (article,),
        facts=(Fact("Cranes stopped", evidence, ("Post",), 0.5, new=False),),
        risks=(Risk("Ships may wait", evidence, "may", new=False),),
        stories=(Story("Cranes", (article.id,), 1.0, "s1", status="developing",
                       first_briefed=MONDAY - timedelta(days=2), new_article_ids=(article.id,)),))
    data = briefing_to_dict(briefing, with_text=True)
    assert data["stories"][0]["status"] == "developing" and data["facts"][0]["new"] is False
    assert briefing_from_dict(data) == briefing
    for key in ("status", "first_briefed", "new_article_ids"):
        del data["stories"][0][key]
    del data["facts"][0]["new"], data["risks"][0]["new"]
    older = briefing_from_dict(data)
    assert older.facts[0].new and older.risks[0].new
    assert (older.stories[0].status, older.stories[0].first_briefed,
            older.stories[0].new_article_ids) == ("new", None, (article.id,))


def test_an_earlier_briefing_that_cannot_be_read_back_is_passed_over(tmp_path, simple_plugin, caplog):
    recorder = Recorder()
    briefings = service(tmp_path, simple_plugin, recorder)
    add(tmp_path, "a", "Cranes stopped at the container terminal.")
    assert briefings.run("harbour", now=MONDAY).ok
    briefings.store.save_briefing("harbour", "2025-03-03", "2025-03-03T09:00:00+00:00",
                                  {"name": "harbour", "generated_at": "2025-03-03T09:00:00+00:00"})
    add(tmp_path, "b", "Ships waited outside the harbour.")
    assert briefings.run("harbour", now=MONDAY + timedelta(days=1)).ok
    briefings.close()
    assert recorder.given[-1] == [MONDAY]
    assert "a stored briefing of 2025-03-03T09:00:00+00:00 could not be read back (KeyError" in caplog.text
