"""The state file: one line naming it when it cannot be read, and a run that fails when the file
disappears under it, rather than reporting deliveries it did not keep (issue 15). Real SQLite
files, a real SMTP server (aiosmtpd) on 127.0.0.1, the real command in a child process."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cli_child import COMMAND

from briefing.testing import free_port

CONFIG = """
state: state.db
briefings:
  harbour:
    sources: [{{type: folder, path: articles}}]
    cleaners: []
    analyser: split
    extractors: [first-sentence]
    summariser: null
    outputs: {outputs}
"""
READERS = ["a@example.org", "b@example.org", "c@example.org"]


def write(tmp_path: Path, outputs: str = '[{type: file, path: "out/{name}.md"}]') -> Path:
    (tmp_path / "articles").mkdir(exist_ok=True)
    (tmp_path / "articles" / "a.txt").write_text("Strike\n\nDock workers struck on Monday.\n")
    config = tmp_path / "briefings.yaml"
    config.write_text(CONFIG.format(outputs=outputs), encoding="utf-8")
    return config


def briefing(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*COMMAND, "--config", str(config), *args], capture_output=True, text=True,
                          timeout=120)


def random_bytes(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 40)


def text_file(path: Path) -> None:
    path.write_text("state: this is not a database\n")


def folder(path: Path) -> None:
    path.mkdir()


def truncated(path: Path) -> None:
    data = path.read_bytes()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize(("spoil", "says"), [
    (random_bytes, "not a briefing state file (file is not a database)"),
    (text_file, "not a briefing state file (file is not a database)"),
    (folder, "a folder, not a state file"),
    (truncated, "the state file is damaged"),
])
def test_an_unreadable_state_file_is_one_line_naming_it(tmp_path: Path, spoil: Any, says: str) -> None:
    config = write(tmp_path)
    state = tmp_path / "state.db"
    if spoil is truncated:
        assert briefing(config, "run").returncode == 0  # a real state file, with a briefing in it
    spoil(state)
    for command in (["run"], ["render", "harbour"]):
        result = briefing(config, *command)
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        (line,) = result.stderr.strip().splitlines()
        assert line.startswith(f"error: {state}: {says}")
        assert "move it away" in line or "set 'state:'" in line


class DeletingSmtpServer:
    """An SMTP server that deletes the state file as the first message arrives: a careless
    clean-up, or a disk replaced, in the middle of a run."""

    def __init__(self, state: Path) -> None:
        self.state = state
        self.received: list[str] = []
        self.port = free_port()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.extend(envelope.rcpt_tos)
        if len(self.received) == 1:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.state}{suffix}").unlink(missing_ok=True)
        return "250 accepted"


@pytest.fixture
def deleting_smtp(tmp_path: Path) -> Iterator[DeletingSmtpServer]:
    from aiosmtpd.controller import Controller

    handler = DeletingSmtpServer(tmp_path / "state.db")
    controller = Controller(handler, hostname="127.0.0.1", port=handler.port)
    controller.start()
    try:
        yield handler
    finally:
        controller.stop()


def test_a_state_file_deleted_mid_run_fails_the_run(tmp_path: Path,
                                                    deleting_smtp: DeletingSmtpServer) -> None:
    config = write(tmp_path, f"""
      - type: email
        to: {READERS}
        from: briefing@example.org
        smtp: {{host: 127.0.0.1, port: {deleting_smtp.port}, security: none}}""")
    result = briefing(config, "run")
    assert result.returncode == 1
    assert deleting_smtp.received == ["a@example.org"]  # nothing more sent once it was gone
    state = tmp_path / "state.db"
    assert (f"error: {state}: the state file was deleted or replaced during the run; what was "
            "sent since it went is not recorded") in result.stderr
    assert ": sent" not in result.stderr and "Traceback" not in result.stderr
    again = briefing(config, "run")  # the first reader's record went with the file
    assert again.returncode == 0, again.stderr
    assert sorted(deleting_smtp.received) == ["a@example.org", "a@example.org", "b@example.org",
                                              "c@example.org"]


def test_a_state_file_kept_in_place_is_fine(tmp_path: Path) -> None:
    config = write(tmp_path)
    assert briefing(config, "run").returncode == 0
    assert briefing(config, "run").returncode == 0
    assert os.path.getsize(tmp_path / "state.db") > 0
