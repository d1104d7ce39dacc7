"""A day of agency copy about two events, briefed as a user runs it: one story per event, each with
its own lede, every fact once, and no wire furniture in what the reader gets."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from briefing.core.cli import cli
from briefing.core.plugins import make_plugin_manager

ROOT = Path(__file__).resolve().parent.parent
FLOOD = [
    ("River Aldwen floods Harrowgate",
     "HARROWGATE, Wessex (AP) — The River Aldwen burst its banks in Harrowgate on Tuesday, flooding "
     "400 homes, mayor Clara Penhallow said. Emergency crews evacuated 1,200 residents from the "
     "lower town overnight. Reporting by Tom Ivers; Editing by Ann Lowe"),
    ("Harrowgate counts cost of Aldwen flood",
     "Tuesday 12 March 2024 Harrowgate counts cost of Aldwen flood. Mayor Clara Penhallow said the "
     "River Aldwen flood had damaged 400 homes in Harrowgate. About 1,200 residents spent the night "
     "in emergency shelters, and the Wessex fire service pumped water from the lower town."),
]
STRIKE = [
    ("Rail strike halts Calder Valley trains",
     "CALDERFORD (Reuters) - Train drivers in the Calder Valley walked out on Tuesday, union leader "
     "Marta Quill said. The strike cancelled 300 services and left 40,000 commuters stranded. "
     "Our Standards: The Thomson Reuters Trust Principles."),
    ("Calder Valley rail strike strands commuters",
     "12.03.2024Get short URL 0 0 0 Commuters in the Calder Valley were stranded as 300 trains were "
     "cancelled by a drivers' strike. Union leader Marta Quill said the drivers would stay out until "
     "the rail operator improved its offer. The operator said talks would resume on Thursday."),
]
FURNITURE = ("(AP)", "(Reuters)", "Reporting by", "Editing by", "Trust Principles", "Get short URL",
             "12 March 2024", "12.03.2024", "HARROWGATE, Wessex")


def test_a_day_of_two_events_is_two_stories_with_their_own_ledes(tmp_path: Path) -> None:
    with (tmp_path / "day.jsonl").open("w", encoding="utf-8") as out:
        for title, text in FLOOD + STRIKE:
            out.write(json.dumps({"title": title, "text": text}) + "\n")
    (tmp_path / "briefings.yaml").write_text(
        f"state: {tmp_path / 'state.db'}\nbriefings:\n  day:\n    title: The day\n"
        "    sources: [{type: jsonl, path: day.jsonl}]\n"
        "    outputs: [{type: file, path: day.md, template: briefing.md.j2}]\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(tmp_path / "briefings.yaml"), "run", "--json",
                                      "--strict"], obj=make_plugin_manager(entry_points=False))
    assert result.exit_code == 0, result.output
    briefing = json.loads(result.stdout.strip().splitlines()[-1])
    jsonschema.validate(briefing, json.loads((ROOT / "docs" / "briefing.schema.json").read_text()))

    titles = {a["id"]: a["title"] for a in briefing["articles"]}
    stories = {frozenset(titles[i] for i in s["article_ids"]) for s in briefing["stories"]}
    assert stories == {frozenset(t for t, _ in FLOOD), frozenset(t for t, _ in STRIKE)}
    for story in briefing["stories"]:
        assert story["summary"] and story["id"] and story["title"] in titles.values()
        assert story["first_published"] == story["last_published"]  # dated by their datelines
    leads = {e["article_id"] for e in briefing["summary"]["evidence"]}
    assert all(leads & set(s["article_ids"]) for s in briefing["stories"])  # covers both events

    said = json.dumps([briefing["summary"], briefing["facts"], briefing["stakeholders"],
                       [s["summary"] for s in briefing["stories"]]])
    for furniture in FURNITURE:
        assert furniture not in said
    markdown = (tmp_path / "day.md").read_text(encoding="utf-8")
    body = markdown.split("## Stakeholders")[0]
    for fact in briefing["facts"]:
        assert body.count(fact["text"]) <= 1
