"""The command line run every day: history and show of past briefings, list and plugins as a
person reads them, one line per stage on a pipe, -q, and what a delivery line says."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from briefing import Service
from briefing.core.cli_describe import describe_components, flatten, redact_url
from briefing.core.options import describe_options
from briefing.core.plugins import make_plugin_manager
from briefing.core.reporting import StageLines

CONFIG = """
state: state.db
briefings:
  harbour:
    title: Harbour
    sources:
      - {type: folder, path: articles}
      - {type: rss, urls: ["https://reader:hunter2@127.0.0.1:9/port.xml?token=abc123&lang=en"]}
    cleaners: []
    analyser: split
    extractors: [first-sentence]
    summariser: null
    schedule: {daily: "07:00", timezone: Europe/London}
    outputs:
      - {type: file, path: "out/{name}-{date}.md"}
      - {type: email, to: [desk@example.org], from: "Desk <desk@example.org>",
         smtp: {host: 127.0.0.1, port: 1, username: desk, password: {$env: DAILY_SMTP_PASSWORD},
                security: none, timeout: 2}}
"""
FILES_ONLY = """
state: state.db
briefings:
  harbour:
    title: Harbour
    sources: [{type: folder, path: articles}]
    cleaners: []
    analyser: split
    extractors: [first-sentence]
    summariser: null
    outputs:
      - {type: file, path: "out/{name}-{date}.md"}
      - {type: file, path: "out/{name}-{date}.json", format: json}
"""



def test_every_option_of_every_builtin_has_a_description():
    plugins = make_plugin_manager(entry_points=False)
    state = type("State", (), {"plugins": plugins})()
    undescribed = [f"{c['kind']} {c['name']}: {row['name']}"
                   for c in describe_components(state) for row in flatten(c.get("options", []))
                   if not row["description"].strip()]
    assert undescribed == []
    assert len([c for c in describe_components(state) if c.get("options")]) >= 15


def test_a_description_is_field_metadata_or_the_string_under_the_field():
    from dataclasses import field

    @dataclass(frozen=True)
    class Options:
        depth: int = 2
        """How deep to go.

        Said on two lines."""
        width: int = field(default=3, metadata={"description": "How wide."})
        plain: bool = False

    described = {o["name"]: o["description"] for o in describe_options(Options)}
    assert described == {"depth": "How deep to go. Said on two lines.", "width": "How wide.", "plain": ""}


def test_plugins_options_is_a_table_and_json_for_programs(invoke):
    table = invoke("plugins", "--options").stdout
    assert "source folder (briefing.plugins.sources.folder)" in table
    assert "option" in table and "description" in table
    assert "max_short_words" in table and "position_decay" in table and "batch_size" in table
    assert "section bot (briefing.plugins.telegram)" in table  # it crashed on sections before
    data = json.loads(invoke("plugins", "--options", "--json").stdout)
    (facts,) = [c for c in data["components"] if (c["kind"], c["name"]) == ("extractor", "facts")]
    (decay,) = [o for o in facts["options"] if o["name"] == "position_decay"]
    assert decay["default"] == 0.5 and decay["type"] == "number" and "position" in decay["description"]
    listed = invoke("plugins", "--all").stdout
    assert "briefing.plugins.web: no components (hooks: register_commands)" in listed


def test_list_shows_sources_targets_schedule_and_last_run_without_secrets(invoke, write_config,
                                                                          articles_dir, monkeypatch):
    monkeypatch.setenv("DAILY_SMTP_PASSWORD", "s3cret-pass")
    config = write_config(CONFIG)
    ran = invoke("--config", str(config), "run", "--no-publish")  # nothing listens on port 9
    assert ran.exit_code == 1 and "127.0.0.1:9/port.xml" in ran.stderr
    assert "hunter2" not in ran.stderr and "abc123" not in ran.stderr
    listed = invoke("--config", str(config), "list").stdout
    assert f"folder: path={articles_dir}" in listed
    assert "rss: urls=https://reader:***@127.0.0.1:9/port.xml?token=***&lang=en" in listed
    assert "email: to=desk@example.org" in listed and "smtp.password=$DAILY_SMTP_PASSWORD" in listed
    assert "s3cret-pass" not in listed and "hunter2" not in listed and "abc123" not in listed
    assert "schedule  daily 07:00 Europe/London" in listed
    assert "last run  " in listed and "2 articles" in listed


def test_redact_url_keeps_what_identifies_the_feed():
    assert redact_url("https://feeds.example/a.xml?page=2") == "https://feeds.example/a.xml?page=2"
    assert redact_url("https://u:p@x.example:8080/f?api_key=1") == "https://u:***@x.example:8080/f?api_key=***"


def test_history_and_show_any_stored_day(invoke, write_config, articles_dir, simple_plugin):
    # Each run on its own (horizon 0d): the second day re-briefs the same two articles, where by
    # default it would find nothing new (tests/test_across_days.py).
    config = write_config(FILES_ONLY.replace("    summariser: null\n",
                                             "    summariser: null\n    horizon: 0d\n"))
    service = Service.open(config, make_plugin_manager(extra=[simple_plugin], entry_points=False))
    for day in (3, 4):
        result = service.run("harbour", now=datetime(2025, 3, day, 7, tzinfo=UTC))
        assert result.ok, result.failures
    (articles_dir / "c.txt").write_text("Cranes idle\n\nCranes stood idle at the container terminal.\n")
    service.run("harbour", now=datetime(2025, 3, 5, 7, tzinfo=UTC))
    service.close()

    lines = invoke("--config", str(config), "history").stdout.splitlines()
    assert lines[0].split() == ["briefing", "day", "made", "at", "articles", "new", "stories", "new",
                                "items", "deliveries"]
    rows = [line.split() for line in lines[1:]]
    assert [row[1] for row in rows] == ["2025-03-05", "2025-03-04", "2025-03-03"]
    assert [(row[4], row[5]) for row in rows] == [("3", "1"), ("2", "0"), ("2", "2")]  # articles, new
    assert all(row[-2:] == ["2", "sent"] for row in rows)
    stored = [json.loads(line) for line in invoke("--config", str(config), "history", "harbour",
                                                     "--json").stdout.splitlines()]
    # every fact (one an article) and every story (one an article) of a run on its own is new
    assert [run["new_items"] for run in stored] == [6, 4, 4]
    assert stored[2]["deliveries"][0]["status"] == "sent"

    shown = invoke("--config", str(config), "show", "harbour", "--date", "2025-03-04").stdout
    assert shown.startswith("# Harbour") and "Cranes" not in shown and "Tuesday 04 March 2025" in shown
    assert "Cranes stood idle" in invoke("--config", str(config), "show", "harbour").stdout
    as_json = invoke("--config", str(config), "show", "harbour", "--date", "2025-03-03", "-t",
                     "briefing.html.j2").stdout
    assert as_json.startswith("<!doctype html>") or as_json.lower().startswith("<!doctype html>")
    missing = invoke("--config", str(config), "show", "harbour", "--date", "2025-02-01")
    assert missing.exit_code == 1
    assert ("no briefing stored for 2025-02-01 (stored days: 2025-03-05, 2025-03-04, 2025-03-03)"
            in missing.stderr)
    assert invoke("--config", str(config), "show", "harbour", "--date", "March").exit_code == 2
    assert invoke("--config", str(config), "history", "nope").exit_code == 1


def test_history_counts_new_items_when_the_briefing_flags_them(tmp_path):
    from briefing import Store

    store = Store(tmp_path / "state.db")
    body = {"name": "h", "title": "H", "generated_at": "2025-03-03T07:00:00+00:00",
            "articles": [{"id": "a", "title": "A"}], "facts": [{"text": "x", "new": True},
                                                               {"text": "y", "new": False}],
            "stories": [{"title": "s", "article_ids": ["a"], "status": "new"}]}
    store.save_briefing("h", "2025-03-03", body["generated_at"], body)
    (row,) = store.stored_briefings("h")
    assert (row["articles"], row["stories"], row["flagged"], row["new_items"]) == (1, 1, 3, 2)
    store.close()


def test_on_a_pipe_one_line_per_stage_then_each_delivery(invoke, write_config, articles_dir, tmp_path):
    config = write_config(FILES_ONLY)
    first = invoke("--config", str(config), "run")
    assert first.exit_code == 0, first.output
    stages = [line.split(":")[1].strip() for line in first.stderr.splitlines() if " in " in line
              and line.endswith(" s")]
    assert stages == ["collect", "analyse", "assemble", "publish"]
    assert "harbour: collect: 2 articles in " in first.stderr
    assert "harbour: publish: 2 outputs in " in first.stderr
    (markdown,) = (tmp_path / "out").glob("*.md")
    assert f"harbour: file {markdown}: sent" in first.stderr


def test_quiet_prints_nothing_but_errors(invoke, write_config, articles_dir):
    config = write_config(FILES_ONLY)
    assert invoke("--config", str(config), "run", "-q").stderr == ""
    (articles_dir / "empty.txt").write_text("")
    broken = invoke("--config", str(config), "run", "--quiet")
    assert broken.exit_code == 1
    assert broken.stderr.splitlines() == [
        "error: articles/empty.txt: file is empty [collect: folder]"]


def test_a_rerun_says_already_delivered_and_a_failure_says_why(invoke, write_config, articles_dir,
                                                               monkeypatch, smtp_server):
    monkeypatch.setenv("DAILY_SMTP_PASSWORD", "pw")
    without_feed = CONFIG.replace(CONFIG.splitlines()[7] + "\n", "")
    config = write_config(without_feed.replace("port: 1,", f"port: {smtp_server.port},"))
    first = invoke("--config", str(config), "run")
    assert "harbour: email desk@example.org: sent" in first.stderr, first.stderr
    again = invoke("--config", str(config), "run")
    assert "harbour: email desk@example.org: already delivered" in again.stderr
    assert "harbour: file " in again.stderr and ": sent" in again.stderr  # a file is written again
    # Nothing listens on port 1: the delivery to a new reader fails, and the line says why.
    closed = write_config(without_feed.replace("to: [desk@example.org]", "to: [night@example.org]"))
    failed = invoke("--config", str(closed), "run")
    assert failed.exit_code == 1
    (line,) = [line for line in failed.stderr.splitlines() if line.startswith("harbour: email")]
    assert line.startswith("harbour: email night@example.org: failed: ")
    assert "refused" in line.lower() or "connect" in line.lower(), line
    assert "pw" not in line.split("failed: ")[1].split()


def test_stage_lines_time_each_stage_from_the_end_of_the_last():
    ticks = iter([0.0, 1.0, 1.5, 4.0, 4.2, 4.3])
    written: list[str] = []
    lines = StageLines("h", written.append, clock=lambda: next(ticks))
    lines("collect", 1, None)       # t=1.0
    lines("collect", 2, None)       # t=1.5
    lines("batches", 1, 1)          # not a stage of its own
    lines("analyse", 2, 2)          # t=4.0
    lines("publish", 1, 2)          # t=4.2
    lines.finish()
    assert written == ["h: collect: 2 articles in 1.5 s", "h: analyse: 2 articles in 2.5 s",
                       "h: publish: 1 of 2 outputs in 0.2 s"]
