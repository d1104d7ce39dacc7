"""``briefing run --as-of``: a history replayed day by day, as if each run happened then."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from briefing.core.cli import cli
from briefing.core.plugins import make_plugin_manager

CONFIG = """
state: state.db
briefings:
  port:
    title: Port
    sources: [{type: jsonl, path: news.jsonl}]
    cleaners: []
    analyser: split
    extractors: [first-sentence]
    summariser: null
    schedule: {timezone: Europe/Amsterdam}
    horizon: 0d  # each run on its own: what a replay sees (test_across_days: what it says is new)
    outputs:
      - {type: file, path: "out/{name}-{date}.json", format: json}
"""

ARTICLES = [
    {"title": "Strike begins", "published": "2024-03-04T08:00:00+01:00", "url": "https://port.example/1",
     "text": "Dock workers in Rotterdam walked out on Monday. The union wants higher pay."},
    {"title": "Strike spreads", "published": "2024-03-05T09:30:00+01:00", "url": "https://port.example/2",
     "text": "Crane operators in Antwerp joined the strike on Tuesday. Ships are waiting offshore."},
]


def run(simple_plugin: object, folder: Path, *args: str) -> tuple[int, str, str]:
    (folder / "briefings.yaml").write_text(CONFIG, encoding="utf-8")
    (folder / "news.jsonl").write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    plugins = make_plugin_manager(extra=[simple_plugin], entry_points=False)
    result = CliRunner().invoke(cli, ["--config", str(folder / "briefings.yaml"), "run", *args],
                                obj=plugins)
    return result.exit_code, result.stdout, result.stderr


def test_as_of_a_day_sees_only_what_was_published_by_then(simple_plugin: object, tmp_path: Path) -> None:
    code, _, _ = run(simple_plugin, tmp_path, "--as-of", "2024-03-04")
    assert code == 0
    first = json.loads((tmp_path / "out" / "port-2024-03-04.json").read_text())
    assert [a["title"] for a in first["articles"]] == ["Strike begins"]
    assert first["generated_at"] == "2024-03-04T23:59:59+01:00"  # the end of that day, its zone
    code, _, _ = run(simple_plugin, tmp_path, "--as-of", "2024-03-05T12:00")
    assert code == 0
    second = json.loads((tmp_path / "out" / "port-2024-03-05.json").read_text())
    assert [a["title"] for a in second["articles"]] == ["Strike begins", "Strike spreads"]
    assert second["generated_at"] == "2024-03-05T12:00:00+01:00"


def test_a_moment_that_is_not_one_is_a_config_error(simple_plugin: object, tmp_path: Path) -> None:
    code, _, err = run(simple_plugin, tmp_path, "--as-of", "yesterday")
    assert code == 2
    assert err.strip() == ("error: --as-of: expected a date (2024-05-01) or a date and time "
                           "(2024-05-01T07:00 or 2024-05-01T07:00+02:00), got 'yesterday'")


def test_a_date_read_from_the_text_after_the_run_is_no_publication_date(
        simple_plugin: object, tmp_path: Path) -> None:
    """A page the cleaner dates by a stamp in its text (a reader's comment, a schedule) days after
    the run: the date is dropped rather than stretch the story's span past the briefing's day."""
    (tmp_path / "briefings.yaml").write_text(CONFIG.replace("cleaners: []", "cleaners: [boilerplate]"),
                                             encoding="utf-8")
    page = {"title": "Strike talks", "url": "https://port.example/3",
            "text": "March 9, 2024\nTalks between the union and the port resumed on Monday."}
    (tmp_path / "news.jsonl").write_text(json.dumps(page) + "\n", encoding="utf-8")
    plugins = make_plugin_manager(extra=[simple_plugin], entry_points=False)
    result = CliRunner().invoke(cli, ["--config", str(tmp_path / "briefings.yaml"), "run", "--as-of",
                                      "2024-03-05"], obj=plugins)
    assert result.exit_code == 0, result.stderr
    (article,) = json.loads((tmp_path / "out" / "port-2024-03-05.json").read_text())["articles"]
    assert article["published_at"] is None
