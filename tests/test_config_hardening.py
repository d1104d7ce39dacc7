"""A hostile or mistyped briefings.yaml gets one clear line per problem, never a traceback, a hang,
or a file written outside the output folder (issue 15: YAML, paths, names, option messages)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.core.cli import cli
from briefing.core.config import load_config
from briefing.core.errors import ConfigError
from briefing.core.plugins import make_plugin_manager

ARTICLE = "Harbour strike\n\nDock workers extended their strike on Monday. Talks failed.\n"


@pytest.fixture
def plugins(simple_plugin):
    return make_plugin_manager(extra=[simple_plugin], entry_points=False)


def problems_of(path: Path, plugins) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_config(path, plugins)
    return caught.value.problems


def briefing_with(output: str, name: str = "harbour") -> str:
    return f"""
        state: state.db
        briefings:
          "{name}":
            sources: [{{type: folder, path: articles}}]
            cleaners: []
            analyser: split
            extractors: [first-sentence]
            summariser: null
            outputs: [{output}]
    """


def alias_bomb(levels: int, width: int = 9) -> str:
    lines = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * width)}]")
    lines.append(f"briefings:\n  x:\n    title: *a{levels - 1}\n    sources: [folder]")
    return "\n".join(lines) + "\n"


# YAML aliases.


def test_alias_expansion_is_bounded(tmp_path, plugins):
    path = tmp_path / "bomb.yaml"
    path.write_text(alias_bomb(6), encoding="utf-8")  # 9**6: half a million values
    (problem,) = problems_of(path, plugins)
    assert problem.startswith(f"{path}:")
    assert "more than 100,000 values" in problem and "alias" in problem


def test_billion_laughs_is_refused_quickly(tmp_path, plugins):
    path = tmp_path / "bomb.yaml"
    path.write_text(alias_bomb(9), encoding="utf-8")  # 9**9 values if expanded
    started = time.monotonic()
    (problem,) = problems_of(path, plugins)
    assert time.monotonic() - started < 5
    assert "more than 100,000 values" in problem


def test_self_referencing_alias_is_an_error_not_a_recursion(tmp_path, plugins):
    path = tmp_path / "self.yaml"
    path.write_text("x: &x [*x]\nbriefings: {}\n", encoding="utf-8")
    (problem,) = problems_of(path, plugins)
    assert problem == f"{path}:1: x: an alias refers to the value that contains it (&x ... *x)"


def test_deep_nesting_is_an_error_not_a_recursion(tmp_path, plugins):
    path = tmp_path / "deep.yaml"
    path.write_text("x: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    (problem,) = problems_of(path, plugins)
    assert problem.startswith(f"{path}:") and "nested too deeply" in problem


def test_aliases_within_the_bound_still_work(write_config, plugins):
    path = write_config("""
        briefings:
          a: {sources: [&folder {type: folder, path: articles}], analyser: split, cleaners: [],
              extractors: [], summariser: null}
          b: {sources: [*folder], analyser: split, cleaners: [], extractors: [], summariser: null}
    """)
    config = load_config(path, plugins)
    assert config.briefings["b"].sources[0].options == config.briefings["a"].sources[0].options


# Paths and names.


@pytest.mark.parametrize(("pattern", "expected"), [
    ("out/{nme}.md", "unknown placeholder {nme} (known: {date}, {name})"),
    ("out/{name", "unbalanced { or } (write {{ or }} for a brace itself)"),
    ("out/{name.__class__}.md", "placeholder {name.__class__}: only {name} and {date}, without "
                                "attributes, indexes or formats"),
    ("out/{0}.md", "unknown placeholder {0} (known: {date}, {name})"),
])
def test_path_placeholders_are_checked_by_validate(write_config, plugins, pattern, expected):
    path = write_config(briefing_with(f'{{type: file, path: "{pattern}"}}'))
    (problem,) = problems_of(path, plugins)
    assert problem == f"{path}:10: briefings.harbour.outputs.0.path: {expected}"


def test_email_folder_placeholders_are_checked_too(write_config, plugins):
    path = write_config(briefing_with('{type: email, to: [a@example.org], maildir: "mail/{day}"}'))
    (problem,) = problems_of(path, plugins)
    assert "outputs.0.maildir: unknown placeholder {day}" in problem


def test_good_placeholders_and_escaped_braces_pass(write_config, plugins, tmp_path):
    path = write_config(briefing_with('{type: file, path: "out/{name}-{date}-{{x}}.md"}'))
    config = load_config(path, plugins)
    assert config.briefings["harbour"].outputs[0].options.path == tmp_path / "out/{name}-{date}-{{x}}.md"


@pytest.mark.parametrize("name", ["../../escape/x", ".hidden", "a/b", "a b", "x" * 101, ""])
def test_unsafe_briefing_names_are_refused(write_config, plugins, name):
    path = write_config(briefing_with('{type: file, path: "out/{name}.md"}', name=name))
    problems = problems_of(path, plugins)
    assert any("briefing names may use letters, digits, '-', '_' and '.'" in p for p in problems)


def test_a_refused_name_writes_nothing_outside_the_output_folder(write_config, simple_plugin,
                                                                  tmp_path):
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "articles").mkdir()
    (tmp_path / "work" / "articles" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    config = tmp_path / "work" / "briefings.yaml"
    config.write_text(briefing_with('{type: file, path: "out/{name}.md"}', name="../../escape/x"),
                      encoding="utf-8")
    plugins = make_plugin_manager(extra=[simple_plugin], entry_points=False)
    result = CliRunner().invoke(cli, ["--config", str(config), "run"], obj=plugins)
    assert result.exit_code == 2
    assert not (tmp_path / "escape").exists() and not (tmp_path.parent / "escape").exists()


@pytest.mark.parametrize("name", ["russia-after-assad", "daily_2", "v1.2", "région"])
def test_ordinary_names_are_fine(write_config, plugins, name):
    path = write_config(briefing_with('{type: file, path: "out/{name}.md"}', name=name))
    assert name in load_config(path, plugins).briefings


# Option messages: the option, never a Python signature.


def test_missing_option_is_phrased_as_the_option(write_config, plugins):
    path = write_config(briefing_with("{type: file}"))
    assert problems_of(path, plugins) == [
        f"{path}:10: briefings.harbour.outputs.0: missing required option 'path' "
        "(path; may use {name} and {date})"]


def test_misspelt_option_suggests_the_right_one(write_config, plugins):
    path = write_config(briefing_with("{type: file, path: out/x.md}").replace(
        "[{type: folder, path: articles}]", '[{type: rss, url: "https://example.org/feed"}]'))
    problems = problems_of(path, plugins)
    assert problems == [
        f"{path}:5: briefings.harbour.sources.0.url: unknown option 'url' (did you mean 'urls'? "
        "known options: full_text, http, max_chars, max_entries, snippet_chars, urls)",
        f"{path}:5: briefings.harbour.sources.0: missing required option 'urls' (list of text)"]
    assert not any("__init__" in p for p in problems)


@pytest.mark.parametrize("smtp", ["localhost", "{port: 25}"])
def test_a_bad_nested_block_is_reported_once(write_config, plugins, smtp):
    path = write_config(briefing_with(
        f"{{type: email, to: [a@example.org], from: b@example.org, smtp: {smtp}}}"))
    problems = problems_of(path, plugins)
    assert len(problems) == 1, problems
    assert "outputs.0.smtp" in problems[0]
    assert "exactly one of" not in problems[0] and "__init__" not in problems[0]
