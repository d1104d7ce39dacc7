"""briefings.yaml is checked whole, before any work, and every problem names file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.config import load_config
from briefing.core.errors import ConfigError
from briefing.core.plugins import make_plugin_manager
from briefing.core.secrets import Secret


@pytest.fixture
def plugins(simple_plugin):
    return make_plugin_manager(extra=[simple_plugin], entry_points=False)


def problems_of(path: Path, plugins) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_config(path, plugins)
    return caught.value.problems


def test_valid_config_resolves_paths_against_the_config_folder(write_config, plugins, tmp_path):
    path = write_config("""
        state: state/db.sqlite
        briefings:
          one:
            title: One
            sources: [{type: folder, path: articles}]
            analyser: split
            extractors: [first-sentence]
            cleaners: []
            summariser: null
            outputs:
              - {type: file, path: "out/{name}-{date}.md"}
          two:
            sources: [{type: folder, path: /elsewhere}]
            analyser: split
            cleaners: []
            extractors: []
            summariser: null
            outputs: []
    """)
    config = load_config(path, plugins)
    assert list(config.briefings) == ["one", "two"]
    one = config.briefings["one"]
    assert one.sources[0].options.path == tmp_path / "articles"
    assert one.outputs[0].options.path == tmp_path / "out/{name}-{date}.md"
    assert config.state_path == tmp_path / "state/db.sqlite"
    assert config.briefings["two"].title == "Two"


def test_every_problem_is_reported_at_once_with_file_line_and_key(write_config, plugins):
    path = write_config("""
        briefings:
          daily:
            sources:
              - {type: foldr, path: x}
            analyser: split
            outputs:
              - type: file
                pathh: out.md
              - {type: file, path: out.json, format: xml}
            schedule: {daily: "25:00", timezone: Mars/Olympus}
            colour: blue
    """)
    problems = problems_of(path, plugins)
    text = "\n".join(problems)
    assert f"{path}:5: briefings.daily.sources.0.type: unknown source 'foldr'" in text
    assert "known: folder" in text
    assert f"{path}:9: briefings.daily.outputs.0.pathh: unknown option 'pathh'" in text
    assert "missing required option 'path'" in text
    assert "briefings.daily.outputs.1.format: expected one of 'template', 'json', got 'xml'" in text
    assert "expected a time of day as HH:MM, got '25:00'" in text
    assert "unknown time zone 'Mars/Olympus'" in text
    assert f"{path}:12: briefings.daily.colour: unknown key" in text
    assert len(problems) >= 7


def test_yaml_syntax_error_names_file_and_line(write_config, plugins):
    path = write_config("briefings:\n  a:\n    sources: [unclosed\n")
    (problem,) = problems_of(path, plugins)
    assert problem.startswith(f"{path}:")
    assert "YAML syntax error" in problem


def test_missing_file_and_non_mapping(tmp_path, plugins):
    (problem,) = problems_of(tmp_path / "nope.yaml", plugins)
    assert "no such file" in problem
    path = tmp_path / "list.yaml"
    path.write_text("- a\n- b\n")
    assert "expected a mapping" in problems_of(path, plugins)[0]


def test_env_secrets_stay_hidden(write_config, plugins, monkeypatch):
    from briefing.core.config import check_secrets, missing_secrets

    path = write_config("""
        bot:
          token: {$env: TEST_BRIEFING_TOKEN}
        briefings:
          a:
            sources: [{type: folder, path: articles}]
            analyser: split
            cleaners: []
            extractors: []
            summariser: null
    """)
    config = load_config(path, plugins)
    token = config.sections["bot"].token
    assert isinstance(token, Secret)
    monkeypatch.setenv("TEST_BRIEFING_TOKEN", "123:very-secret")
    assert token.reveal() == "123:very-secret"
    assert "very-secret" not in repr(token) and "very-secret" not in str(token)
    assert "very-secret" not in repr(config)
    monkeypatch.delenv("TEST_BRIEFING_TOKEN")
    assert missing_secrets(config.sections) == ["TEST_BRIEFING_TOKEN"]
    assert check_secrets(config, ["a"]) == []


def test_secret_option_rejects_a_literal_value(write_config, plugins):
    from dataclasses import dataclass

    from briefing import Publisher, hookimpl

    @dataclass(frozen=True)
    class Options:
        password: Secret

    class Needy(Publisher):
        options_class = Options

    class Plugin:
        @hookimpl
        def register_publishers(self, register):
            register("needy", Needy)

    plugins = make_plugin_manager(extra=[Plugin()], entry_points=False)
    path = write_config("""
        briefings:
          a:
            sources: [{type: folder, path: articles}]
            outputs: [{type: needy, password: hunter2}]
    """)
    (problem,) = [p for p in problems_of(path, plugins) if "password" in p]
    assert "expected a secret from the environment, written {$env: NAME}" in problem
    assert "hunter2" not in problem
