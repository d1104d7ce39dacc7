"""File exports: Markdown, the HTML page and JSON, paths with {name}/{date}, atomic writes."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from briefing import Briefing, Evidence, Fact, PublishContext, Risk, RunContext, Sentence, make_article
from briefing.core.options import OptionsBuilder
from briefing.core.outbox import Outbox
from briefing.core.rendering import make_environment, render
from briefing.core.serialize import briefing_to_dict
from briefing.core.store import Store
from briefing.plugins.outputs.file import FileOptions, FilePublisher, write_atomic

DAY = "2024-06-01"


def make_briefing() -> Briefing:
    article = make_article("Bees returned to the park <early>.", title="Bees & parks",
                           url="https://park.example/bees", source="Garden notes")
    article = replace(article, sentences=(Sentence(0, 0, 34, "Bees returned to the park <early>."),))
    return Briefing("garden", "Garden <weekly>", datetime(2024, 6, 1, 9, 0, tzinfo=UTC), (article,),
                    facts=(Fact("Bees returned to the park <early>.", (Evidence(article.id, 0, "Bees"),)),))


def publish(tmp_path: Path, raw: dict[str, Any], templates: Path | None = None) -> None:
    builder = OptionsBuilder(tmp_path, lambda at: ".".join(map(str, at)))
    options = builder.build(FileOptions, raw, ("outputs", 0))
    assert options is not None, builder.problems
    briefing = make_briefing()
    store = Store(tmp_path / "state.db")
    env = make_environment(None, templates)
    context = PublishContext(RunContext(briefing.name, briefing.generated_at, tmp_path, store), DAY,
                             lambda template: render(env, template, briefing),
                             Outbox(store, briefing.name, DAY))
    FilePublisher(options).publish(briefing, context)


def test_suffix_chooses_markdown_html_or_json(tmp_path: Path) -> None:
    for suffix in ("md", "html", "json"):
        publish(tmp_path, {"path": f"out/{{name}}-{{date}}.{suffix}"})
    markdown = (tmp_path / "out" / f"garden-{DAY}.md").read_text(encoding="utf-8")
    page = (tmp_path / "out" / f"garden-{DAY}.html").read_text(encoding="utf-8")
    data = json.loads((tmp_path / "out" / f"garden-{DAY}.json").read_text(encoding="utf-8"))
    assert markdown.startswith("# Garden <weekly>")  # the title is the config's: not escaped
    assert "Bees returned to the park \\<early\\>. [1]" in markdown  # the article's text is
    assert page.startswith("<!DOCTYPE html>") and "Garden &lt;weekly&gt;" in page
    assert "Bees returned to the park &lt;early&gt;." in page
    assert data == json.loads(json.dumps(briefing_to_dict(make_briefing())))


def test_explicit_template_and_format_win_over_the_suffix(tmp_path: Path) -> None:
    publish(tmp_path, {"path": "page.txt", "template": "briefing.html.j2"})
    publish(tmp_path, {"path": "data.txt", "format": "json"})
    assert (tmp_path / "page.txt").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert json.loads((tmp_path / "data.txt").read_text(encoding="utf-8"))["name"] == "garden"


def test_template_with_json_is_a_config_error(tmp_path: Path) -> None:
    builder = OptionsBuilder(tmp_path, lambda at: ".".join(map(str, at)))
    assert builder.build(FileOptions, {"path": "x.json", "format": "json", "template": "a.j2"},
                         ("outputs", 0)) is None
    assert any("not used with format: json" in problem for problem in builder.problems)


def test_a_failed_render_leaves_the_old_file_whole(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "broken.md.j2").write_text("{{ briefing.no_such_field }}", encoding="utf-8")
    target = tmp_path / "briefing.md"
    target.write_text("yesterday's briefing\n", encoding="utf-8")
    with pytest.raises(Exception, match="no_such_field"):
        publish(tmp_path, {"path": "briefing.md", "template": "broken.md.j2"}, templates)
    assert target.read_text(encoding="utf-8") == "yesterday's briefing\n"


def test_write_atomic_leaves_no_temporary_file_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.mkdir()  # a folder where the file should go: the final rename fails
    (target / "keep").write_text("x", encoding="utf-8")
    with pytest.raises(OSError):
        write_atomic(target, "new content")
    assert sorted(os.listdir(tmp_path)) == ["taken"]
    assert write_atomic(tmp_path / "bytes.bin", b"\x00\x01") == str(tmp_path / "bytes.bin")
    assert (tmp_path / "bytes.bin").read_bytes() == b"\x00\x01"
    assert oct((tmp_path / "bytes.bin").stat().st_mode & 0o777) == "0o644"


def test_a_risk_names_its_speaker_once(tmp_path: Path) -> None:
    """The speaker is added after a risk only when the risk's own words do not already name them."""
    briefing = make_briefing()
    evidence = (Evidence(briefing.articles[0].id, 0, "Bees"),)
    briefing = replace(briefing, risks=(
        Risk("Hives could fail, according to the Beekeepers Guild", evidence, "could",
             speaker="the Beekeepers Guild"),
        Risk("Swarms may leave the park early", evidence, "may", speaker="the park warden"),
    ))
    markdown = render(make_environment(None, None), "briefing.md.j2", briefing)
    assert markdown.count("the Beekeepers Guild") == 1
    assert "Swarms may leave the park early (according to the park warden)" in markdown


def test_a_folder_gets_one_file_per_format_named_for_the_briefing_and_day(tmp_path: Path) -> None:
    """``path: out`` means the folder: each output writes <name>-<date> with its own suffix."""
    (tmp_path / "existing").mkdir()
    publish(tmp_path, {"path": "out"})
    publish(tmp_path, {"path": "out", "format": "json"})
    publish(tmp_path, {"path": "existing", "template": "briefing.html.j2"})
    assert (tmp_path / "out" / f"garden-{DAY}.md").read_text(encoding="utf-8").startswith("# Garden")
    data = json.loads((tmp_path / "out" / f"garden-{DAY}.json").read_text(encoding="utf-8"))
    assert data["name"] == "garden"
    assert (tmp_path / "existing" / f"garden-{DAY}.html").read_text(encoding="utf-8").startswith("<!DOCTYPE")


def test_a_run_of_source_numbers_is_cited_as_a_range() -> None:
    """A story told by thirty reports of a big day cited every number: "[281, 282, ..., 308]"."""
    from briefing.core.rendering import source_marks

    assert source_marks(set()) == ""
    assert source_marks({2, 5}) == "[2, 5]"
    assert source_marks({1, 2}) == "[1, 2]"
    assert source_marks({*range(19, 22), *range(23, 30), 31, 40, 41}) == "[19–21, 23–29, 31, 40, 41]"
