"""``briefing timeline NAME`` on a real state file, made by real ``briefing run``s over saved pages.

The pages carry their publication dates in their metadata, as news pages do; the state keeps the
articles' texts and sentence offsets, and the timeline is read from it alone.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.core.cli import cli
from briefing.core.plugins import make_plugin_manager

CONFIG = """
state: state.db
briefings:
  harbour:
    title: Harbour strike
    sources: [{type: html, path: pages}]
    analyser: {type: spacy, model: en_core_web_sm}
    extractors: []
    summariser: null
    outputs: []
  notes:
    title: Council notes
    sources: [{type: folder, path: notes}]
    analyser: {type: spacy, model: en_core_web_sm}
    extractors: []
    summariser: null
    outputs: []
  never-run:
    title: Never run
    sources: [{type: folder, path: notes}]
    outputs: []
"""

PAGES = {
    "walkout": ("2024-03-04T08:30:00+00:00", "Dock workers walk out in Rotterdam",
                "Dock workers in Rotterdam walked out on Monday after pay talks with the port operators "
                "collapsed. The union said the strike would go on until wages rose. Ships began to "
                "queue outside the harbour as the walkout spread to the container terminals."),
    "stranded": ("2024-03-06T09:00:00+00:00", "Strike strands ships & cargo",
                 "More than forty ships were stranded outside Rotterdam yesterday as the dock strike "
                 "went on. The strike began on Monday when pay talks collapsed. The port authority "
                 "warned that the backlog of <containers> would take weeks to clear."),
    "rerouted": ("2024-03-06T15:00:00+00:00", "Shipping lines reroute cargo to Antwerp",
                 "Shipping lines rerouted cargo to Antwerp as the Rotterdam strike stranded ships. "
                 "Dock workers have been on strike since Monday, 4 March, and say they will not "
                 "return without a pay rise. Freight rates rose across the North Sea."),
}
LATER_PAGE = ("deal", "2024-03-09T10:00:00+00:00", "Rotterdam strike ends with pay deal",
              "The Rotterdam dock strike ended on Friday after the union accepted a pay rise of six "
              "per cent. The walkout, which began on 4 March, stranded more than forty ships. "
              "Workers return to the quays on Monday, the union said.")


def write_page(folder: Path, name: str, published: str, title: str, text: str) -> None:
    (folder / f"{name}.html").write_text(textwrap.dedent(f"""\
        <html><head><title>{title.replace("&", "&amp;")}</title>
        <meta property="article:published_time" content="{published}"></head>
        <body><article><h1>{title.replace("&", "&amp;")}</h1>
        <p>{text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")}</p>
        </article></body></html>"""), encoding="utf-8")


def invoke(*args: str):
    plugins = make_plugin_manager(entry_points=False)
    plugins.hook.register_commands(cli=cli)
    return CliRunner().invoke(cli, list(args), obj=plugins)


@pytest.fixture(scope="module")
def state(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two runs of ``harbour`` (the deal page arrives before the second) and one of ``notes``."""
    folder = tmp_path_factory.mktemp("timeline")
    (folder / "briefings.yaml").write_text(CONFIG, encoding="utf-8")
    pages = folder / "pages"
    pages.mkdir()
    for name, (published, title, text) in PAGES.items():
        write_page(pages, name, published, title, text)
    notes = folder / "notes"
    notes.mkdir()
    (notes / "vote.txt").write_text(
        "Council approves harbour budget\n\nThe harbour council approved the budget yesterday after "
        "a long debate. The first payments were made on 2 January 2024.\n", encoding="utf-8")
    config = str(folder / "briefings.yaml")
    first = invoke("--config", config, "run", "--no-publish", "harbour", "notes")
    assert first.exit_code == 0, first.output
    write_page(pages, *LATER_PAGE)
    second = invoke("--config", config, "run", "--no-publish", "harbour")
    assert second.exit_code == 0, second.output
    return folder / "briefings.yaml"


def timeline_json(config: Path, *args: str) -> dict:
    result = invoke("--config", str(config), "timeline", *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def stored_sentences(config: Path) -> dict[tuple[str, int], str]:
    """Every stored sentence by (article id, index), read straight from the SQLite file."""
    found = {}
    with sqlite3.connect(config.parent / "state.db") as db:
        for (body,) in db.execute("SELECT body FROM briefings"):
            for article in json.loads(body)["articles"]:
                for index, (start, end) in enumerate(article["sentences"]):
                    found[(article["id"], index)] = article["text"][start:end]
    return found


def test_json_has_the_promised_shape_and_evidence_resolves(state: Path) -> None:
    data = timeline_json(state, "harbour", "--dates", "4", "--sentences", "2")
    assert set(data) == {"name", "timeline"} and data["name"] == "harbour"
    days = [entry["date"] for entry in data["timeline"]]
    assert days == sorted(days) and len(days) == 4
    assert all(date.fromisoformat(day) for day in days)
    sentences = stored_sentences(state)
    for entry in data["timeline"]:
        assert set(entry) == {"date", "sentences", "evidence"}
        assert 1 <= len(entry["sentences"]) <= 2 and len(entry["evidence"]) == len(entry["sentences"])
        for sentence, evidence in zip(entry["sentences"], entry["evidence"], strict=True):
            assert set(evidence) == {"article_id", "sentence_index", "quote"}
            assert evidence["quote"] == sentence
            assert sentences[(evidence["article_id"], evidence["sentence_index"])] == sentence


def test_both_runs_are_read_and_the_story_is_told_in_order(state: Path) -> None:
    data = timeline_json(state, "harbour", "--dates", "4", "--sentences", "1")
    told = {entry["date"]: entry["sentences"][0] for entry in data["timeline"]}
    assert "2024-03-04" in told  # the walkout: the day every later article names
    assert "2024-03-08" in told and "ended on Friday" in told["2024-03-08"]  # from the second run
    assert "2024-03-05" in told and "yesterday" in told["2024-03-05"]


def test_from_and_to_limit_the_timeline(state: Path) -> None:
    data = timeline_json(state, "harbour", "--from", "2024-03-05", "--to", "2024-03-07")
    assert data["timeline"] and all("2024-03-05" <= e["date"] <= "2024-03-07" for e in data["timeline"])


def test_articles_without_a_date_are_dated_by_the_run_that_briefed_them(state: Path) -> None:
    with sqlite3.connect(state.parent / "state.db") as db:
        (generated,) = db.execute("SELECT generated_at FROM briefings WHERE name = 'notes'").fetchone()
    run_day = datetime.fromisoformat(generated).date()
    data = timeline_json(state, "notes", "--sentences", "1")
    told = {entry["date"]: entry["sentences"][0] for entry in data["timeline"]}
    assert "approved the budget yesterday" in told[(run_day - timedelta(days=1)).isoformat()]
    assert "2 January 2024" in told["2024-01-02"]


def test_markdown_by_default_with_numbered_sources(state: Path) -> None:
    result = invoke("--config", str(state), "timeline", "harbour", "-T", "3", "-K", "1")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("# Timeline: Harbour strike\n")
    assert "## Monday 04 March 2024" in text
    lines = [line for line in text.splitlines() if line.startswith("- ")]
    assert len(lines) == 3 and all(line.rstrip().endswith("]") for line in lines)
    sources = text.split("## Sources\n", 1)[1]
    titles = {title for _, title, _ in PAGES.values()} | {LATER_PAGE[2]}
    numbered = [line for line in sources.splitlines() if line[:1].isdigit()]
    assert numbered and all(any(t in line for t in titles) and "(pages/" in line for line in numbered)
    cited = {line.rstrip()[line.rstrip().rindex("[") + 1:-1] for line in lines}
    assert cited == {str(n) for n in range(1, len(numbered) + 1)}


def test_html_is_a_page_with_escaped_article_text(state: Path) -> None:
    result = invoke("--config", str(state), "timeline", "harbour", "--format", "html", "-T", "6")
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert page.lstrip().startswith("<!DOCTYPE html>") and '<time datetime="2024-03-04">' in page
    assert "&lt;containers&gt;" in page and "<containers>" not in page
    assert "Strike strands ships &amp; cargo" in page


def test_a_template_next_to_the_config_overrides_the_builtin(state: Path) -> None:
    templates = state.parent / "templates"
    templates.mkdir(exist_ok=True)
    (templates / "timeline.md.j2").write_text(
        '{% extends "default:timeline.md.j2" %}{% block header %}Story so far: {{ timeline.name }}\n'
        "{% endblock %}", encoding="utf-8")
    try:
        result = invoke("--config", str(state), "timeline", "harbour")
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("Story so far: harbour\n") and "## Sources" in result.stdout
    finally:
        (templates / "timeline.md.j2").unlink()
        templates.rmdir()


@pytest.mark.parametrize(("args", "code", "message"), [
    (["timeline", "nowhere"], 2, "no briefing named nowhere"),
    (["timeline", "never-run"], 1, "never-run: no briefing made yet; run 'briefing run never-run' first"),
    (["timeline", "harbour", "--from", "4 March"], 2, "'4 March' is not a date (YYYY-MM-DD)"),
    (["timeline", "harbour", "--from", "2024-03-09", "--to", "2024-03-01"], 2, "is after --to"),
    (["timeline", "harbour", "--template", "missing.j2"], 1, "missing.j2: template not found"),
])
def test_bad_input_is_one_line_naming_it(state: Path, args: list[str], code: int, message: str) -> None:
    result = invoke("--config", str(state), *args)
    assert result.exit_code == code
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_the_installed_command_prints_json(state: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "from briefing.core.cli import main; main()", "--config", str(state),
         "timeline", "harbour", "--json", "-T", "2"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["timeline"][0]["date"] == "2024-03-04"
