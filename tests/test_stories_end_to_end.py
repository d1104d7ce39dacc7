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


def test_wire_copies_dropped_as_near_duplicates_are_reports_of_their_story(tmp_path: Path) -> None:
    """Two more outlets run the agency's flood copy: the briefing analyses it once, but the flood
    story counts four reports, the JSON places every article in a story, and the sources list
    says who else carried it; all of it survives the stored briefing read back."""
    agency_title, agency_text = FLOOD[0]
    day = [
        {"title": agency_title, "text": agency_text, "url": "https://agency.example/flood",
         "source": "Agency", "published": "2024-03-12T08:00:00+00:00"},
        {"title": FLOOD[1][0], "text": FLOOD[1][1], "url": "https://herald.example/flood",
         "source": "Herald", "published": "2024-03-12T09:00:00+00:00"},
        {"title": "Floods hit Harrowgate", "text": agency_text.replace("overnight", "overnight.") +
         " Copyright the Gazette.", "url": "https://gazette.example/floods", "source": "Gazette",
         "published": "2024-03-12T10:00:00+00:00"},
        {"title": "Harrowgate under water", "text": "Update: " + agency_text,
         "url": "https://post.example/water", "source": "Post", "published": "2024-03-13T07:00:00+00:00"},
        *({"title": title, "text": text, "source": "Wire"} for title, text in STRIKE),
    ]
    with (tmp_path / "day.jsonl").open("w", encoding="utf-8") as out:
        for record in day:
            out.write(json.dumps(record) + "\n")
    config = tmp_path / "briefings.yaml"
    config.write_text(
        f"state: {tmp_path / 'state.db'}\nbriefings:\n  day:\n    title: The day\n"
        "    sources: [{type: jsonl, path: day.jsonl}]\n"
        "    outputs: [{type: file, path: day.md, template: briefing.md.j2}, {type: file, path: day.html}]\n",
        encoding="utf-8")
    plugins = make_plugin_manager(entry_points=False)
    result = CliRunner().invoke(cli, ["--config", str(config), "run", "--json", "--strict"], obj=plugins)
    assert result.exit_code == 0, result.output
    briefing = json.loads(result.stdout.strip().splitlines()[-1])
    jsonschema.validate(briefing, json.loads((ROOT / "docs" / "briefing.schema.json").read_text()))

    assert len(briefing["articles"]) == 4  # the two copies are not analysed again
    agency = next(a for a in briefing["articles"] if a["source"] == "Agency")
    assert [(c["source"], c["url"]) for c in agency["copies"]] == [
        ("Gazette", "https://gazette.example/floods"), ("Post", "https://post.example/water")]
    flood = next(s for s in briefing["stories"] if agency["id"] in s["article_ids"])
    assert len(flood["article_ids"]) == 2
    assert flood["copy_ids"] == [c["id"] for c in agency["copies"]]
    assert flood["last_published"].startswith("2024-03-13")  # the Post ran it a day later
    placed = [i for s in briefing["stories"] for i in (*s["article_ids"], *s["copy_ids"])]
    assert len(placed) == len(set(placed)) == len(day)

    markdown = (tmp_path / "day.md").read_text(encoding="utf-8")
    assert "*4 reports, 2 of them copies, 12 Mar 2024 to 13 Mar 2024" in markdown
    assert "also carried by [Gazette](https://gazette.example/floods), [Post](https://post.example/water)" \
        in markdown
    page = (tmp_path / "day.html").read_text(encoding="utf-8")
    assert "4 reports, 2 of them copies" in page
    assert 'also carried by <a href="https://gazette.example/floods"' in page
    again = CliRunner().invoke(cli, ["--config", str(config), "render", "day", "--template",
                                     "briefing.md.j2"], obj=plugins)
    assert again.exit_code == 0, again.output
    assert "4 reports, 2 of them copies" in again.stdout and "also carried by [Gazette]" in again.stdout
