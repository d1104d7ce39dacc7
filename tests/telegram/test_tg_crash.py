"""A process killed in the middle of a fan-out, then restarted, delivers every part once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tgfixtures import publish_briefing

from briefing.core.store import Store
from briefing.testing.fakebot import FakeBotAPI

CHATS = 6
KILL_AT = 8  # the 8th message never arrives: the sender is killed as it asks


def test_killed_mid_fan_out_and_restarted_delivers_exactly_once(tmp_path: Path,
                                                                fake: FakeBotAPI) -> None:
    script = Path(__file__).with_name("tg_crash_publish.py")
    child: dict[str, subprocess.Popen[bytes]] = {}

    def kill_at(count: int) -> bool:
        """Kill the sender as it asks for message KILL_AT, once it has recorded the ones before.

        Waiting for the records pins the crash to "while sending" (which the outbox makes
        exactly-once); a crash between Telegram's answer and the record is the at-least-once
        window no Bot API client can close, since Telegram has no idempotency key.
        """
        if count != KILL_AT:
            return True
        db = sqlite3.connect(tmp_path / "state.db", timeout=5)
        for _ in range(500):
            sent = db.execute("SELECT COUNT(*) FROM deliveries WHERE status = 'sent'").fetchone()[0]
            if sent == KILL_AT - 1:
                break
            time.sleep(0.01)
        db.close()
        os.kill(child["process"].pid, signal.SIGKILL)
        return False

    fake.on_send = kill_at
    child["process"] = subprocess.Popen([sys.executable, str(script), str(tmp_path), fake.base_url,
                                         str(CHATS)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    child["process"].wait(timeout=60)
    assert child["process"].returncode == -signal.SIGKILL
    assert len(fake.messages) == KILL_AT - 1
    pending = Store(tmp_path / "state.db").db.execute(
        "SELECT COUNT(*) FROM deliveries WHERE status = 'pending'").fetchone()[0]
    assert pending >= 1  # the part being sent when the process died

    fake.on_send = None
    publish_briefing(tmp_path, fake.base_url, [str(1000 + i) for i in range(CHATS)], padding=150,
                     template="long.tg.html.j2", chat_interval=0.2)
    expected = fake.texts("1000")
    assert len(expected) >= 2
    for i in range(CHATS):
        got = fake.texts(str(1000 + i))
        assert got == expected  # every part, in order, once
    assert len(fake.messages) == CHATS * len(expected)
