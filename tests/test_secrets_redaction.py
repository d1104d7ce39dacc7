"""A secret's value never reaches what a user sees: errors, `run --json`, logs, the state file,
the briefing; tracebacks only with -v, and redacted there too (issue 15). The leaky publisher of
simple_plugin.py plays a library that quotes the password it was given."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from pathlib import Path

from cli_child import COMMAND

PASSWORD = "correct-horse-battery-staple"

CONFIG = """
state: state.db
briefings:
  harbour:
    sources: [{type: folder, path: articles}]
    cleaners: []
    analyser: split
    extractors: [first-sentence]
    summariser: null
    outputs:
      - {type: leaky, password: {$env: TEST_LEAKY_PASSWORD}}
      - {type: file, path: "out/{name}.md"}
"""


def briefing(tmp_path: Path, *args: str, verbose: bool = False) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "briefings.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    env = {**os.environ, "TEST_LEAKY_PASSWORD": PASSWORD}
    options = ["-v"] if verbose else []
    return subprocess.run([*COMMAND, *options, "--config", str(config), *args], env=env,
                          capture_output=True, text=True, timeout=120)


def test_a_publisher_error_and_its_log_never_show_the_secret(tmp_path: Path, articles_dir: Path) -> None:
    result = briefing(tmp_path, "run")
    assert result.returncode == 1
    assert PASSWORD not in result.stdout + result.stderr
    assert "535 authentication failed for briefing:***" in result.stderr
    assert "login as briefing:*** refused" in result.stderr
    assert "Traceback" not in result.stderr
    assert PASSWORD not in (tmp_path / "out" / "harbour.md").read_text()
    with sqlite3.connect(tmp_path / "state.db") as db:
        assert PASSWORD not in json.dumps(db.execute("SELECT body FROM briefings").fetchall())


def test_json_failures_never_show_the_secret(tmp_path: Path, articles_dir: Path) -> None:
    result = briefing(tmp_path, "run", "--json")
    (failure,) = json.loads(result.stdout)["failures"]
    assert failure["error"] == "RuntimeError: 535 authentication failed for briefing:***"
    assert PASSWORD not in result.stdout + result.stderr


def test_an_unexpected_error_is_one_line_without_verbose(tmp_path: Path, articles_dir: Path) -> None:
    result = briefing(tmp_path, "run", "--strict")  # --strict lets the publisher's error escape
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert ("error: RuntimeError: 535 authentication failed for briefing:*** (an unexpected error; "
            "run with -v to see where)") in result.stderr
    assert PASSWORD not in result.stderr


def test_verbose_shows_the_traceback_redacted(tmp_path: Path, articles_dir: Path) -> None:
    result = briefing(tmp_path, "run", "--strict", verbose=True)
    assert result.returncode == 1
    assert "Traceback (most recent call last)" in result.stderr
    assert "simple_plugin.py" in result.stderr and "in publish" in result.stderr
    assert PASSWORD not in result.stderr


def test_error_lines_carry_no_terminal_escapes(tmp_path: Path, articles_dir: Path) -> None:
    (articles_dir / "evil\x1b]0;owned\x07\x1b[2J.txt").write_text("")  # an empty file, oddly named
    config = tmp_path / "briefings.yaml"
    config.write_text(CONFIG.replace("      - {type: leaky, password: {$env: TEST_LEAKY_PASSWORD}}\n", ""))
    result = subprocess.run([*COMMAND, "--config", str(config), "run"], capture_output=True, text=True,
                            timeout=120)
    assert "file is empty" in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
