"""Two days of news replayed with ``run --as-of`` on one state file, with the real spaCy analyser
and the builtin extractors: what the second day says is new, and what it says continues."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from briefing import Service
from briefing.core.cli import cli
from briefing.core.plugins import make_plugin_manager

ROOT = Path(__file__).resolve().parent.parent
STRIKE_1 = {
    "title": "Rotterdam dock workers walk out over pay", "source": "Harbour Daily",
    "published": "2024-03-04T08:00:00+01:00", "url": "https://harbour.example/strike-1",
    "text": "Dock workers in Rotterdam walked out on Monday in a dispute over pay. The FNV union said "
            "3,000 workers had joined the strike at the container terminals. Port director Anna "
            "Visser said ships were already queuing outside the harbour. Police arrested two men at "
            "the terminal gates on Monday evening. The union wants a pay rise of 8 percent."}
STRIKE_2 = {
    "title": "Strike halts Rotterdam container terminals", "source": "Lowlands Post",
    "published": "2024-03-04T11:30:00+01:00", "url": "https://lowlands.example/port-strike",
    "text": "A strike by dock workers halted the container terminals of Rotterdam on Monday. The FNV "
            "union said 3,000 workers had joined the strike. Port director Anna Visser warned that "
            "the stoppage could disrupt deliveries across Europe. Talks between the union and the "
            "employers failed last week."}
FLOOD = {
    "title": "River Maas floods Venlo streets", "source": "Lowlands Post",
    "published": "2024-03-04T15:00:00+01:00", "url": "https://lowlands.example/venlo-flood",
    "text": "The river Maas burst its banks in Venlo after 60 millimetres of rain fell in 24 hours. "
            "Mayor Tom Hendriks said 200 homes had been evacuated and 14 schools were closed. "
            "Firefighters pumped water out of the old town through the afternoon, and the army sent "
            "150 soldiers to build dikes of sandbags."}
STRIKE_3 = {
    "title": "Rotterdam port strike enters second day as Antwerp joins", "source": "Harbour Daily",
    "published": "2024-03-05T09:00:00+01:00", "url": "https://harbour.example/strike-2",
    "text": "The strike by dock workers in Rotterdam entered its second day on Tuesday. The FNV union "
            "said 3,000 workers had joined the strike at the container terminals. The union said the "
            "number of striking workers rose to 5,000 on Tuesday. Crane operators in Antwerp joined "
            "the walkout in solidarity, the Belgian union ACV said. Police arrested two men, among "
            "them union steward Pieter Bakker, at the terminal gates on Monday evening. Port director "
            "Anna Visser said 40 ships were waiting outside the harbour."}
HACK = {
    "title": "Cyberattack shuts down Utrecht hospital systems", "source": "Lowlands Post",
    "published": "2024-03-05T10:00:00+01:00", "url": "https://lowlands.example/utrecht-hack",
    "text": "A cyberattack shut down the computer systems of the university hospital in Utrecht early "
            "on Tuesday. Hospital director Maria de Boer said 120 planned operations were cancelled "
            "and emergency patients were sent to 3 other hospitals. The police said they were "
            "investigating a ransomware group that demanded 2 million euros."}
CONFIG = """\
state: state.db
briefings:
  port:
    title: Port watch
    sources: [{type: jsonl, path: news.jsonl}]
    analyser: {type: spacy, model: en_core_web_sm}
    schedule: {timezone: Europe/Amsterdam}
    outputs:
      - {type: file, path: "out/{name}-{date}.json", format: json}
      - {type: file, path: "out/{name}-{date}.md", template: briefing.md.j2}
"""


def replay(folder: Path, day: str, window: str | None = None) -> tuple[int, str]:
    """``briefing run --as-of DAY`` over the five articles, on the folder's one state file."""
    config = CONFIG + (f"    window: {window}\n" if window else "")
    (folder / "briefings.yaml").write_text(config, encoding="utf-8")
    with (folder / "news.jsonl").open("w", encoding="utf-8") as out:
        for article in (STRIKE_1, STRIKE_2, FLOOD, STRIKE_3, HACK):
            out.write(json.dumps(article) + "\n")
    result = CliRunner().invoke(cli, ["--config", str(folder / "briefings.yaml"), "run", "--as-of", day],
                                obj=make_plugin_manager(entry_points=False))
    return result.exit_code, result.stderr


def stored(folder: Path, day: str) -> dict[str, Any]:
    briefing: dict[str, Any] = json.loads((folder / "out" / f"port-{day}.json").read_text())
    jsonschema.validate(briefing, json.loads((ROOT / "docs" / "briefing.schema.json").read_text()))
    return briefing


def story_with(briefing: dict[str, Any], article: dict[str, str]) -> dict[str, Any]:
    (article_id,) = [a["id"] for a in briefing["articles"] if a["url"] == article["url"]]
    (story,) = [s for s in briefing["stories"] if article_id in s["article_ids"]]
    return story


def fact(briefing: dict[str, Any], words: str) -> dict[str, Any]:
    (found,) = [f for f in briefing["facts"] if words in f["text"]]
    return found


@pytest.fixture(scope="module")
def two_days(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("port")
    for day in ("2024-03-04", "2024-03-05"):
        code, err = replay(folder, day)
        assert code == 0, err
    return folder


def test_on_the_first_day_every_story_and_fact_is_new(two_days: Path) -> None:
    first = stored(two_days, "2024-03-04")
    assert {s["status"] for s in first["stories"]} == {"new"}
    for story in first["stories"]:
        assert story["first_briefed"] == first["generated_at"] == "2024-03-04T23:59:59+01:00"
        assert story["new_article_ids"] == story["article_ids"]
    assert all(f["new"] for f in first["facts"]) and all(r["new"] for r in first["risks"])
    markdown = (two_days / "out" / "port-2024-03-04.md").read_text()
    news = markdown.split("## What's new\n")[1].split("\n## ")[0]
    assert "**New:** Rotterdam dock workers walk out over pay [1, 2]" in news
    assert "**New:** River Maas floods Venlo streets [3]" in news
    assert "Developing" not in news


def test_a_continuing_story_keeps_its_id_and_a_new_one_is_new(two_days: Path) -> None:
    first, second = stored(two_days, "2024-03-04"), stored(two_days, "2024-03-05")
    strike = story_with(second, STRIKE_3)
    assert strike["id"] == story_with(first, STRIKE_1)["id"]
    assert strike["status"] == "developing"
    assert strike["first_briefed"] == first["generated_at"]
    strike_3 = next(a["id"] for a in second["articles"] if a["url"] == STRIKE_3["url"])
    assert strike["new_article_ids"] == [strike_3]  # the two reports of Monday were briefed then
    # Its lede is written from today's report: Monday's were summarised on Monday.
    assert {e["article_id"] for e in strike["summary"]["evidence"]} == {strike_3}
    hack = story_with(second, HACK)
    assert hack["status"] == "new" and hack["first_briefed"] == second["generated_at"]
    assert hack["id"] not in {s["id"] for s in first["stories"]}
    # The flood had no new report: not one of today's stories, its article not in the briefing.
    assert len(second["stories"]) == 2
    assert FLOOD["url"] not in {a["url"] for a in second["articles"]}


def test_yesterdays_facts_are_not_new_and_a_new_figure_or_name_is(two_days: Path) -> None:
    first, second = stored(two_days, "2024-03-04"), stored(two_days, "2024-03-05")
    yesterday = {f["text"] for f in first["facts"]}
    assert [f["text"] for f in second["facts"] if f["text"] in yesterday and f["new"]] == []
    assert not fact(second, "The FNV union said 3,000 workers")["new"]  # reported again today
    assert not fact(second, "Police arrested two men at the terminal gates")["new"]
    assert fact(second, "rose to 5,000")["new"]  # a figure yesterday's facts did not have
    assert fact(second, "40 ships were waiting")["new"]
    assert fact(second, "among them union steward Pieter Bakker")["new"]  # a name they did not give
    assert fact(second, "Crane operators in Antwerp")["new"]
    assert fact(second, "cyberattack shut down")["new"]


def test_the_second_day_opens_with_what_is_new(two_days: Path) -> None:
    markdown = (two_days / "out" / "port-2024-03-05.md").read_text()
    assert markdown.index("## What's new") < markdown.index("## Summary")
    news = markdown.split("## What's new\n")[1].split("\n## ")[0]
    assert ("- **Developing** (first briefed 04 Mar): Rotterdam port strike enters second day as "
            "Antwerp joins [3]") in news
    assert "rose to 5,000 on Tuesday. [3]" in news
    assert "- **New:** Cyberattack shuts down Utrecht hospital systems [4]" in news
    assert "3,000 workers" not in news and "Venlo" not in markdown
    # The developing story's own section gives its background, not the news again.
    assert markdown.count("rose to 5,000") == 1


def test_the_bot_reads_what_is_new_from_the_state(two_days: Path) -> None:
    """``/brief`` renders the stored briefing with the Telegram template, as this does."""
    service = Service.open(two_days / "briefings.yaml", make_plugin_manager(entry_points=False))
    try:
        latest = service.latest("port")
        assert latest is not None
        post = service.render("briefing.tg.html.j2", latest)
        history = service.history("port")
    finally:
        service.close()
    assert post.index("<b>What's new</b>") < post.index("<b>1. ")
    assert "<b>Developing</b> <i>(first briefed 04 Mar)</i>: Rotterdam port strike" in post
    assert "<b>New:</b> Cyberattack shuts down Utrecht hospital systems [4]" in post
    assert {s.status for s in latest.stories} == {"developing", "new"}
    second = stored(two_days, "2024-03-05")
    flagged = sum(f["new"] for f in second["facts"]) + sum(r["new"] for r in second["risks"])
    assert history[0].new_items == flagged + 1  # and one new story
    assert history[1].new_items == len(stored(two_days, "2024-03-04")["facts"]) + 2 + len(
        stored(two_days, "2024-03-04")["risks"])


def test_a_day_with_nothing_new_publishes_nothing(two_days: Path) -> None:
    code, err = replay(two_days, "2024-03-06")
    assert code == 0  # a quiet day is no failure: cron sends no error mail
    assert ("port: nothing new: every article was in a briefing of the last 7d (horizon); "
            "nothing published") in err
    assert not (two_days / "out" / "port-2024-03-06.md").exists()


def test_with_a_window_a_story_continues_by_what_its_reports_say(tmp_path: Path) -> None:
    """With ``window: 24h`` yesterday's articles are not collected again: the strike continues
    because today's report is as close to Monday's as the story grouping joins reports."""
    for day in ("2024-03-04", "2024-03-05"):
        code, err = replay(tmp_path, day, window="24h")
        assert code == 0, err
    first, second = stored(tmp_path, "2024-03-04"), stored(tmp_path, "2024-03-05")
    assert {a["url"] for a in second["articles"]} == {STRIKE_3["url"], HACK["url"]}
    strike = story_with(second, STRIKE_3)
    assert (strike["id"], strike["status"]) == (story_with(first, STRIKE_1)["id"], "developing")
    assert story_with(second, HACK)["status"] == "new"
    assert not fact(second, "The FNV union said 3,000 workers")["new"]  # said again: not news
    assert fact(second, "rose to 5,000")["new"]
    assert fact(second, "among them union steward Pieter Bakker")["new"]
