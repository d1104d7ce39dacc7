"""The checks on their own: numbers by value, replies parsed, the ``llm:`` section validated."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import llm
import pytest
from click.testing import CliRunner
from llm_scripted import registered

from briefing import make_article
from briefing.core.cli import cli
from briefing.core.plugins import make_plugin_manager
from briefing.plugins.llm.numbers import quantities, unsupported
from briefing.plugins.llm.verify import Claim, UnusableReply, parse_claims
from briefing.testing import run_briefing


def test_one_number_written_many_ways_is_one_value() -> None:
    assert set(quantities("£1.2m")) == set(quantities("1,200,000")) == set(quantities("1.2 million"))
    assert set(quantities("twenty-five boats")) == {25.0}
    assert set(quantities("the third round")) == set(quantities("the 3rd round")) == {3.0}
    assert quantities("the G7 sent F-16 jets after COVID-19") == {}
    assert unsupported("up 5% to 300 on 2 May", "rose five per cent to three hundred on May 2") == []
    assert unsupported("47 boats sank", "46 boats sank") == ["47"]


def test_replies_are_read_as_json_points_or_refused() -> None:
    fenced = '```json\n{"bullets": [{"text": "A  point.", "cites": ["S2", 3]}, {"text": ""}]}\n```'
    first, second = parse_claims(fenced)
    assert first == Claim("A point.", (2, 3))
    assert isinstance(second, str) and second.startswith("not a point with 'text' and 'cites'")
    assert parse_claims('Sure! {"bullets": []} Hope that helps.') == []
    with pytest.raises(UnusableReply, match="the reply is not JSON: 'I cannot help'"):
        parse_claims("I cannot help")
    with pytest.raises(UnusableReply, match="has no 'bullets' list \\(it has 'prompt'\\)"):
        parse_claims('{"prompt": "echoed"}')


def test_without_the_llm_library_the_summary_is_extractive_and_says_what_to_install(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "llm", None)  # as if briefing[llm] were not installed
    briefing = run_briefing({"analyser": "sentences", "cleaners": [], "extractors": [],
                             "summariser": {"type": "llm", "model": "gpt-4o-mini"}},
                            articles=[make_article("Rain fell on the hills. Rivers rose in the valley.")],
                            tmp_path=tmp_path)
    [failure] = briefing.failures
    assert "need the llm library: pip install 'briefing[llm]'" in failure.error
    assert briefing.summary is not None and briefing.summary.text.startswith("Rain fell")


def test_validate_checks_the_llm_section_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    config = tmp_path / "briefings.yaml"
    config.write_text("briefings:\n  b:\n    sources: [{type: folder, path: a}]\n"
                      "llm:\n  answerer:\n    model: local\n    timout: 5\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(config), "validate"],
                                obj=make_plugin_manager(entry_points=False))
    assert result.exit_code == 2
    assert f"{config}:7: llm.answerer.timout: unknown option 'timout'" in result.stderr


class Refusing(llm.KeyModel):
    """A model that needs a key and, like some clients, repeats it in its error."""

    model_id = "refusing"
    needs_key = "refusing"

    def execute(self, prompt: Any, stream: bool, response: Any, conversation: Any = None,
                key: str | None = None) -> Iterator[str]:
        raise RuntimeError(f"401: key {key} was refused")


def test_the_key_is_passed_to_the_model_and_never_shown(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEST_LLM_KEY", "sk-very-secret-value")
    with registered(Refusing()):
        briefing = run_briefing({"analyser": "sentences", "cleaners": [], "extractors": [],
                                 "summariser": {"type": "llm", "model": "refusing",
                                                "key": {"$env": "TEST_LLM_KEY"}}},
                                articles=[make_article("Rain fell on the hills. Rivers rose.")],
                                tmp_path=tmp_path)
    [failure] = briefing.failures
    assert "RuntimeError: 401: key *** was refused" in failure.error
    assert "sk-very-secret-value" not in repr(briefing)


def test_validate_asks_for_the_summariser_key_in_the_environment(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    config = tmp_path / "briefings.yaml"
    config.write_text("briefings:\n  b:\n    sources: [{type: folder, path: a}]\n"
                      "    summariser: {type: llm, model: m, key: {$env: UNSET_LLM_KEY_FOR_TEST}}\n",
                      encoding="utf-8")
    result = CliRunner().invoke(cli, ["--config", str(config), "validate"],
                                obj=make_plugin_manager(entry_points=False))
    assert result.exit_code == 2
    assert "environment variable UNSET_LLM_KEY_FOR_TEST is not set" in result.stderr
