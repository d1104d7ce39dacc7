"""The bot token never reaches what a user or a log sees, and a Bot API that answers with
something other than JSON is one clear line (issue 15). Real processes against real servers on
127.0.0.1: a fake Bot API that refuses the token, and a server that answers with an HTML page."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tgfixtures import write_config

from briefing.testing.fakebot import FakeBotAPI
from briefing.testing.servers import HttpReceiver

sys.path.insert(0, str(Path(__file__).parents[1]))
from cli_child import COMMAND

# Shaped like a real token, so the library puts it in its messages the way it would a real one.
SECRET = "123456789:AAHsecretSECRETsecretSECRETsecret12"


@pytest.fixture
def refusing_api() -> Iterator[FakeBotAPI]:
    """A Bot API that knows another token, so it answers ours with 401 Unauthorized."""
    with FakeBotAPI(token="999:another-token") as server:
        yield server


def config_for(tmp_path: Path, api_url: str) -> Path:
    config = write_config(tmp_path, api_url, analyser="split",
                          outputs='[{type: telegram, chat_id: [42]}, {type: file, path: "out/{name}.md"}]')
    config.write_text(config.read_text().replace("extractors: []", "extractors: [first-sentence]"))
    return config


def briefing(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TEST_TELEGRAM_TOKEN": SECRET}
    return subprocess.run([*COMMAND, *args], env=env, capture_output=True, text=True, timeout=120)


def assert_hidden(text: str) -> None:
    assert SECRET not in text and SECRET.split(":")[1] not in text


def test_a_refused_token_is_never_printed_by_run(tmp_path: Path, refusing_api: FakeBotAPI) -> None:
    config = config_for(tmp_path, refusing_api.base_url)
    result = briefing("--config", str(config), "run")
    assert result.returncode == 1
    assert_hidden(result.stdout + result.stderr)
    assert "Traceback" not in result.stderr
    assert "error: telegram: the Bot API refused the token in TEST_TELEGRAM_TOKEN" in result.stderr
    assert_hidden((tmp_path / "out" / "harbour.md").read_text())  # "What could not be read"
    with sqlite3.connect(tmp_path / "state.db") as db:
        assert_hidden(json.dumps(db.execute("SELECT * FROM deliveries").fetchall()))
        assert_hidden(json.dumps(db.execute("SELECT body FROM briefings").fetchall()))


def test_a_refused_token_is_not_in_the_json_failures(tmp_path: Path, refusing_api: FakeBotAPI) -> None:
    config = config_for(tmp_path, refusing_api.base_url)
    result = briefing("--config", str(config), "run", "--json")
    assert result.returncode == 1
    failures = json.loads(result.stdout)["failures"]
    assert [f["component"] for f in failures] == ["telegram"]
    assert_hidden(result.stdout + result.stderr)


def test_the_bot_says_one_line_without_verbose(tmp_path: Path, refusing_api: FakeBotAPI) -> None:
    config = config_for(tmp_path, refusing_api.base_url)
    result = briefing("--config", str(config), "bot")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().endswith("error: Telegram refused to start the bot: the Bot API "
                                          "refused the token in TEST_TELEGRAM_TOKEN")
    assert_hidden(result.stderr)


def test_the_bot_shows_the_traceback_with_verbose_still_redacted(tmp_path: Path,
                                                                  refusing_api: FakeBotAPI) -> None:
    config = config_for(tmp_path, refusing_api.base_url)
    result = briefing("--config", str(config), "bot", "--verbose")
    assert result.returncode == 1
    assert "Traceback" in result.stderr and "InvalidToken" in result.stderr
    assert_hidden(result.stderr)


@pytest.fixture
def html_api(http_receiver: HttpReceiver) -> HttpReceiver:
    http_receiver.content_type = "text/html"
    http_receiver.body = b"<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>"
    return http_receiver


def test_a_bot_api_answering_html_is_one_line_for_run(tmp_path: Path, html_api: HttpReceiver) -> None:
    config = config_for(tmp_path, html_api.url + "/bot")
    result = briefing("--config", str(config), "run")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    # Beside the stage lines a pipe gets: the library's log line, ours, the file's report.
    lines = [line for line in result.stderr.splitlines()
             if not re.match(r"harbour: \w+: \d+ \w+ in [\d.]+ s$", line)]
    assert len(lines) <= 3, lines
    assert (f"error: telegram: the Bot API at {html_api.url}/bot answered with something other "
            "than JSON (an HTML page?); is bot.api_url right?") in result.stderr
    assert_hidden(result.stderr)
    assert html_api.requests  # it was asked, through the path that carries the token
    assert SECRET in html_api.requests[0].path


def test_a_bot_api_answering_html_is_one_line_for_the_bot(tmp_path: Path,
                                                          html_api: HttpReceiver) -> None:
    config = config_for(tmp_path, html_api.url + "/bot")
    result = briefing("--config", str(config), "bot")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "answered with something other than JSON" in result.stderr.strip().splitlines()[-1]
    assert_hidden(result.stderr)


def test_a_webhook_problem_met_by_run_names_the_config_file_given(tmp_path: Path,
                                                                   refusing_api: FakeBotAPI) -> None:
    config = config_for(tmp_path, refusing_api.base_url)
    custom = tmp_path / "custom.yaml"
    custom.write_text(config.read_text().replace(
        "  read_timeout: 2\n",
        "  read_timeout: 2\n  webhook: {url: 'https://bot.example/hook', port: 70000, "
        "secret_token: {$env: TEST_WEBHOOK_SECRET}}\n"))
    config.unlink()
    result = briefing("--config", str(custom), "run")
    assert result.returncode != 0
    assert f"{custom}:" in result.stderr
    assert "bot.webhook.port: expected a port from 1 to 65535" in result.stderr
    assert "briefings.yaml" not in result.stderr


def test_once_the_bot_guards_its_token_any_token_shaped_text_is_hidden_from_logs(
        caplog: pytest.LogCaptureFixture) -> None:
    """A library may quote another bot's token, or this one's in a form never revealed here (a
    URL it built): every text of a token's shape after ``/bot`` is masked, in any logger."""
    import logging

    from briefing import redact
    from briefing.plugins.telegram.redaction import protect

    protect(SECRET)
    other = "987654321:AAFotherBOTSotherBOTSother99"
    with caplog.at_level(logging.INFO, logger="some.library"):
        logging.getLogger("some.library").info("GET https://api.telegram.org/bot%s/getMe and %s",
                                               other, SECRET)
    assert other not in caplog.text and SECRET not in caplog.text
    assert "api.telegram.org/bot***/getMe" in caplog.text
    assert redact(f"url: /bot{other}/sendMessage") == "url: /bot***/sendMessage"
