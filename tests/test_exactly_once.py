"""Two `briefing run` processes at once on one state file send every message once (issue 15).

Real processes, a real SQLite file, the fake Bot API and an SMTP server (aiosmtpd) on 127.0.0.1.
Each sendMessage takes a while, so the second run starts while the first is still sending: cron
and the bot's /run at the same minute, or a cron job slower than its interval.
"""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from cli_child import COMMAND

from briefing.core import outbox
from briefing.core.store import Store
from briefing.testing.fakebot import FakeBotAPI

CHATS = [41, 42, 43, 44, 45]
READERS = ["a@example.org", "b@example.org", "c@example.org"]
ENV = {**os.environ, "TEST_TELEGRAM_TOKEN": "123456:TEST-token-never-logged"}


def write_config(tmp_path: Path, api_url: str, smtp_port: int) -> Path:
    (tmp_path / "articles").mkdir(exist_ok=True)
    (tmp_path / "articles" / "a.txt").write_text(
        "Harbour strike\n\nDock workers in Rotterdam extended their strike on Monday. Talks failed.\n")
    config = tmp_path / "briefings.yaml"
    config.write_text(f"""
state: state.db
bot:
  token: {{$env: TEST_TELEGRAM_TOKEN}}
  api_url: {api_url}
  chat_interval: 0.01
briefings:
  harbour:
    sources: [{{type: folder, path: articles}}]
    cleaners: []
    analyser: split
    extractors: [first-sentence]
    summariser: null
    outputs:
      - {{type: telegram, chat_id: {CHATS}}}
      - type: email
        to: {READERS}
        from: briefing@example.org
        smtp: {{host: 127.0.0.1, port: {smtp_port}, security: none}}
""", encoding="utf-8")
    return config


def start(config: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([*COMMAND, "--config", str(config), "run"], env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


class GatedBotAPI(FakeBotAPI):
    """The fake Bot API, whose sendMessage waits for ``gate`` (outside the server's lock)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.gate = threading.Event()

    def _api_sendMessage(self, params: dict[str, Any], request: Any) -> tuple[int, dict[str, Any]]:
        self.gate.wait(60)
        return super()._api_sendMessage(params, request)


def test_two_overlapping_runs_send_every_message_once(tmp_path, smtp_server) -> None:
    with GatedBotAPI() as api:
        config = write_config(tmp_path, api.base_url, smtp_server.port)
        first = start(config)
        assert api.wait_for(lambda: api.stats["sendMessage"] >= 1, timeout=60)  # first is sending
        log = tmp_path / "second.log"
        with log.open("w") as second_err:
            second = subprocess.Popen([*COMMAND, "--config", str(config), "run"], env=ENV,
                                      stdout=subprocess.DEVNULL, stderr=second_err, text=True)
        # Hold the first run's sends until the second has either reached the Bot API itself
        # (it is sending too) or said that it waits for the first.
        assert api.wait_for(lambda: api.stats["getMe"] >= 2 or "waiting for it" in log.read_text(),
                            timeout=60)
        api.gate.set()
        _, first_err = first.communicate(timeout=120)
        second.wait(timeout=120)
        second_err_text = log.read_text()
        assert first.returncode == 0 and second.returncode == 0, (first_err, second_err_text)
        per_chat = Counter(message["chat_id"] for message in api.messages)
    assert per_chat == Counter({str(chat): 1 for chat in CHATS})
    per_reader = Counter(rcpt for mail in smtp_server.messages for rcpt in mail.rcpt_tos)
    assert per_reader == Counter({reader: 1 for reader in READERS})
    assert "harbour: another run (pid " in second_err_text
    assert "harbour: telegram 41: already delivered" in second_err_text
    assert "harbour: email a@example.org: already delivered" in second_err_text


def test_a_run_killed_mid_send_leaves_the_rest_to_the_next(tmp_path, fake_bot_api, smtp_server) -> None:
    process: dict[str, subprocess.Popen[str]] = {}

    def kill_at_third(count: int) -> bool:
        """Kill the run as it asks for message 3, once it has recorded the two before (a crash
        between Telegram's answer and the record is the at-least-once window no Bot API client
        can close: Telegram has no idempotency key)."""
        if count < 3:
            return True
        if "killed" not in process:
            with sqlite3.connect(tmp_path / "state.db", timeout=5) as db:
                for _ in range(500):
                    if db.execute("SELECT COUNT(*) FROM deliveries WHERE status = 'sent'"
                                  ).fetchone()[0] == 2:
                        break
                    time.sleep(0.01)
            process["killed"] = process["run"]
            os.kill(process["run"].pid, signal.SIGKILL)
        return False  # this message never arrives

    fake_bot_api.on_send = kill_at_third
    config = write_config(tmp_path, fake_bot_api.base_url, smtp_server.port)
    process["run"] = start(config)
    process["run"].communicate(timeout=120)
    assert process["run"].returncode == -signal.SIGKILL
    assert len(fake_bot_api.messages) == 2

    fake_bot_api.on_send = None
    again = start(config)  # the lock died with the process; its claims are taken over
    _, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    assert Counter(m["chat_id"] for m in fake_bot_api.messages) == Counter({str(c): 1 for c in CHATS})
    assert len(smtp_server.messages) == len(READERS)


def test_a_pending_delivery_is_claimed_by_one_sender_only(tmp_path: Path) -> None:
    first, second = Store(tmp_path / "state.db"), Store(tmp_path / "state.db")
    one = outbox.Outbox(first, "harbour", "2025-01-02")
    other = outbox.Outbox(second, "harbour", "2025-01-02")
    assert one.begin("telegram", "41").status == outbox.PENDING
    assert other.begin("telegram", "41").status == "in progress elsewhere"  # the first is alive
    with sqlite3.connect(tmp_path / "state.db") as db:  # as if its process had died
        db.execute("UPDATE deliveries SET claimed_by = ?", (f"{socket.gethostname()}:999999999:x",))
    assert other.begin("telegram", "41").status == outbox.PENDING
    with sqlite3.connect(tmp_path / "state.db") as db:  # another host's, within its lease
        db.execute("UPDATE deliveries SET claimed_by = 'elsewhere:1:x', claimed_at = ?", (time.time(),))
    assert one.begin("telegram", "41").status == "in progress elsewhere"
    with sqlite3.connect(tmp_path / "state.db") as db:  # ... and past it
        db.execute("UPDATE deliveries SET claimed_at = ?", (time.time() - outbox.LEASE - 1,))
    assert one.begin("telegram", "41").status == outbox.PENDING


def test_the_lock_holds_between_threads_of_one_process(tmp_path: Path) -> None:
    from briefing.core.runlock import run_lock

    order: list[str] = []
    held = threading.Event()

    def first() -> None:
        with run_lock(tmp_path / "state.db", "harbour"):
            order.append("first in")
            held.set()
            time.sleep(0.3)
            order.append("first out")

    thread = threading.Thread(target=first)
    thread.start()
    held.wait(5)
    with run_lock(tmp_path / "state.db", "harbour", on_wait=lambda holder: order.append(holder)):
        order.append("second in")
    thread.join()
    assert order[0] == "first in" and order[1].startswith(f"pid {os.getpid()} since ")
    assert order[2:] == ["first out", "second in"]
    with run_lock(tmp_path / "state.db", "other-briefing", wait=0):  # other briefings: not held up
        pass


def test_a_rerun_says_already_delivered_not_sent(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text("Strike\n\nDock workers struck on Monday.\n")
    config = tmp_path / "briefings.yaml"
    config.write_text("""
state: state.db
briefings:
  harbour:
    sources: [{type: folder, path: articles}]
    cleaners: []
    analyser: split
    extractors: [first-sentence]
    summariser: null
    outputs: [{type: email, to: [a@example.org], maildir: mail}]
""")
    runs = [subprocess.run([*COMMAND, "--config", str(config), "run"], capture_output=True,
                           text=True, timeout=120) for _ in range(2)]
    assert "harbour: maildir:" in runs[0].stderr and runs[0].stderr.rstrip().endswith(": sent")
    assert runs[1].stderr.rstrip().endswith("a@example.org: already delivered")
    assert len(list((tmp_path / "mail" / "new").iterdir())) == 1
