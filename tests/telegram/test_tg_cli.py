"""``briefing bot`` as a process: it polls, answers, and stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tgfixtures import write_config

from briefing.testing.fakebot import TOKEN, FakeBotAPI

BRIEFING = [sys.executable, "-c", "from briefing.core.cli import main; main()"]


def test_bot_polls_answers_and_stops_on_sigterm(tmp_path: Path, fake: FakeBotAPI) -> None:
    config = write_config(tmp_path, fake.base_url, extra_bot="  grace_hours: 0",
                          schedule="{timezone: Europe/London}")
    env = {**os.environ, "TEST_TELEGRAM_TOKEN": TOKEN}
    process = subprocess.Popen([*BRIEFING, "--config", str(config), "bot", "--verbose"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert fake.wait_for(lambda: fake.stats["getUpdates"] >= 1, timeout=30)
        assert fake.commands.get("default")  # setMyCommands at start
        fake.push_text(77, "/briefings")
        assert fake.wait_for(lambda: bool(fake.texts(77)), timeout=10)
        assert "harbour" in fake.texts(77)[0]
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=20)
    assert process.returncode == 0, stderr.decode()[-2000:]
    log = stderr.decode()
    assert "stopped" in log
    assert TOKEN not in log and TOKEN.split(":")[1] not in log


def test_bot_without_token_says_which_variable(tmp_path: Path, fake: FakeBotAPI) -> None:
    config = write_config(tmp_path, fake.base_url)
    env = {k: v for k, v in os.environ.items() if k != "TEST_TELEGRAM_TOKEN"}
    result = subprocess.run([*BRIEFING, "--config", str(config), "bot"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "TEST_TELEGRAM_TOKEN is not set" in result.stderr and "bot.token" in result.stderr
