"""The outbox sends each part once: pending before, sent after, resent only when asked."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from briefing.core.outbox import (
    FAILED,
    PENDING,
    SENT,
    UNKNOWN,
    DeliveryUncertain,
    Outbox,
    unfinished_deliveries,
)
from briefing.core.store import Store


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path / "state.db")
    yield store
    store.close()


def test_sent_once_then_skipped_unless_resend(store):
    outbox = Outbox(store, "daily", "2026-11-22")
    sends: list[str] = []

    def send() -> str:
        sends.append("x")
        return f"msg-{len(sends)}"

    first = outbox.deliver("chat", "42", send)
    again = outbox.deliver("chat", "42", send)
    assert (first.status, first.message_id, again.message_id) == (SENT, "msg-1", "msg-1")
    assert len(sends) == 1
    outbox.deliver("chat", "42", send, resend=True)
    assert len(sends) == 2
    other_day = Outbox(store, "daily", "2026-11-23").deliver("chat", "42", send)
    assert other_day.message_id == "msg-3"


def test_failure_is_recorded_and_retried_next_time(store):
    outbox = Outbox(store, "daily", "2026-11-22")

    def broken() -> str:
        raise ConnectionError("smtp.example.org:587 refused the connection")

    with pytest.raises(ConnectionError):
        outbox.deliver("email", "a@example.org", broken)
    (pending,) = unfinished_deliveries(store)
    assert pending.status == FAILED and "refused" in (pending.error or "")
    done = outbox.deliver("email", "a@example.org", lambda: "id-1")
    assert (done.status, done.attempts) == (SENT, 2)
    assert unfinished_deliveries(store) == []


def test_uncertain_send_is_marked_unknown(store):
    outbox = Outbox(store, "daily", "2026-11-22")

    def timed_out() -> str:
        raise DeliveryUncertain("no answer from the server within 30 s")

    with pytest.raises(DeliveryUncertain):
        outbox.deliver("email", "a@example.org", timed_out)
    assert outbox.get("email", "a@example.org").status == UNKNOWN
    # Not repeated blindly: only an explicit resend sends it again.
    assert outbox.deliver("email", "a@example.org", lambda: "again").status == UNKNOWN
    assert outbox.deliver("email", "a@example.org", lambda: "again", resend=True).status == SENT


def test_a_process_killed_mid_fanout_resends_only_what_was_pending(tmp_path):
    """Kill the sender between 'pending' and 'sent' of part 3; a restart finishes the job."""
    db = tmp_path / "state.db"
    log = tmp_path / "sent.log"
    script = textwrap.dedent(f"""
        import os, sys
        from briefing.core.outbox import Outbox
        from briefing.core.store import Store
        outbox = Outbox(Store({str(db)!r}), "daily", "2026-11-22")
        crash_at = int(sys.argv[1])
        for part in range(6):
            def send(part=part):
                if part == crash_at:
                    os._exit(9)  # dies after 'pending' was written, before sending
                with open({str(log)!r}, "a") as f:
                    f.write(f"{{part}}\\n")
                return str(part)
            outbox.deliver("chat", "7", send, part=part)
    """)
    first = subprocess.run([sys.executable, "-c", script, "3"], check=False)
    assert first.returncode == 9
    store = Store(db)
    assert Outbox(store, "daily", "2026-11-22").get("chat", "7", 3).status == PENDING
    subprocess.run([sys.executable, "-c", script, "-1"], check=True)
    assert sorted(log.read_text().split()) == [str(p) for p in range(6)]
    assert unfinished_deliveries(store) == []


def test_store_keeps_briefings_and_subscriptions(store):
    store.save_briefing("daily", "2026-11-21", "2026-11-21T07:00:00+00:00", {"n": 1})
    store.save_briefing("daily", "2026-11-22", "2026-11-22T07:00:00+00:00", {"n": 2})
    assert store.latest_briefing("daily") == {"n": 2}
    assert store.latest_briefing("weekly") is None
    store.subscribe("42", "daily", "07:30", "Europe/Berlin")
    store.subscribe("42", "daily", "08:00", None)
    (row,) = store.subscriptions(chat_id="42")
    assert (row["time"], row["timezone"]) == ("08:00", None)
    assert store.unsubscribe("42", "daily") == 1
    store.mark_seen("daily", [("abc", None)])
    assert store.first_seen("daily", "abc") is not None
    store.set_value("feeds", "etag", "W/1")
    assert store.get_value("feeds", "etag") == "W/1"
