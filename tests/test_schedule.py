"""The scheduler without the bot, on a fake clock: a daily briefing runs once at its time, once
after a restart that missed it, never twice, and not at all when it is too late to catch up.

Runs are real (the folder source, the testing analyser, a file output, a SQLite state file); only
the clock and the sleeping are the test's, so days pass in a second.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from briefing import Scheduler, Service, Slot, SlotLog
from briefing.core.cli import cli
from briefing.core.plugins import make_plugin_manager

LONDON = ZoneInfo("Europe/London")
CONFIG = """
state: state.db
briefings:
  harbour:
    title: Harbour
    sources: [{type: folder, path: articles}]
    cleaners: []
    analyser: split
    extractors: [first-sentence]
    summariser: null
    schedule: {daily: "%s", timezone: Europe/London}
    horizon: 0d  # each run on its own: the same articles every day, and a briefing each day
    outputs:
      - {type: file, path: "out/{name}-{date}.md"}
"""


class FakeClock:
    """The time the scheduler sees; its waits move it forward instead of sleeping."""

    def __init__(self, start: datetime) -> None:
        self.now = start
        self.waits = 0

    def __call__(self) -> datetime:
        return self.now

    def run_until(self, scheduler: Scheduler, until: datetime) -> None:
        def wait(seconds: float) -> bool:
            self.waits += 1
            self.now += timedelta(seconds=max(seconds, 1.0))
            return self.now >= until

        scheduler.run_forever(threading.Event(), wait)


def london(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2025, month, day, hour, minute, tzinfo=LONDON)


@pytest.fixture
def start(simple_plugin, write_config, articles_dir):
    """Start the scheduler, as a fresh process would, at ``when`` and let it run until ``until``;
    return the times of every stored harbour briefing so far, oldest first."""
    config = write_config(CONFIG % "07:00")

    def run(when: datetime, until: datetime, **options) -> list[datetime]:
        service = Service.open(config, make_plugin_manager(extra=[simple_plugin], entry_points=False))
        clock = FakeClock(when)
        try:
            clock.run_until(Scheduler(service, clock=clock, **options), until)
            return sorted(run.generated_at for run in service.history("harbour"))
        finally:
            service.close()

    return run


def test_a_daily_briefing_runs_once_at_its_time(start, tmp_path):
    made = start(london(3, 6, 0), london(3, 23, 0))
    assert made == [london(3, 7, 0)]
    assert (tmp_path / "out" / "harbour-2025-03-03.md").read_text().startswith("# Harbour")
    # The next morning it runs again, once.
    assert start(london(4, 6, 59), london(4, 12, 0))[1:] == [london(4, 7, 0)]


def test_a_restart_after_a_missed_time_runs_it_once(start):
    assert start(london(3, 6, 30), london(3, 8, 0)) == [london(3, 7, 0)]
    # Down from 08:00 until 09:30 the next day: 07:00 was missed, so it runs at start, once.
    made = start(london(4, 9, 30), london(4, 18, 0))
    assert made == [london(3, 7, 0), london(4, 9, 30)]
    # A restart later that day finds the day served.
    assert start(london(4, 19, 0), london(4, 23, 0)) == made


def test_a_restart_does_not_run_a_served_time_again(start):
    assert start(london(3, 6, 0), london(3, 7, 30)) == [london(3, 7, 0)]
    assert start(london(3, 7, 45), london(3, 20, 0)) == [london(3, 7, 0)]


def test_a_time_missed_by_more_than_the_grace_waits_for_the_next_day(start):
    made = start(london(3, 14, 0), london(4, 8, 0), grace=timedelta(hours=6))
    assert made == [london(4, 7, 0)]  # 14:00 is 7 h after 07:00: nothing until tomorrow


def test_a_fresh_state_catches_up_a_time_within_the_grace(start):
    assert start(london(3, 8, 15), london(3, 9, 0)) == [london(3, 8, 15)]


def test_the_time_is_local_across_a_change_to_summer_time(start):
    # 30 March 2025: London moves to BST at 01:00 UTC; 07:00 local is then 06:00 UTC.
    made = start(london(29, 6, 0), london(30, 12, 0))
    assert [when.astimezone(UTC).hour for when in made] == [7, 6]


def test_slots_know_their_last_and_next_occurrence():
    slot = Slot("harbour", "07:00", "Europe/London")
    assert slot.last_occurrence(london(3, 7, 0)) == london(3, 7, 0)
    assert slot.last_occurrence(london(3, 6, 59)) == london(2, 7, 0)
    assert slot.next_occurrence(london(3, 7, 0)) == london(4, 7, 0)
    assert slot.next_occurrence(datetime(2025, 3, 3, 6, 0, tzinfo=UTC)) == london(3, 7, 0)


def test_the_slot_log_says_what_is_due(tmp_path: Path):
    from briefing import Store

    store = Store(tmp_path / "state.db")
    log, slot = SlotLog(store), Slot("harbour", "07:00", "Europe/London")
    assert log.due(slot, london(3, 9, 0)) == london(3, 7, 0)
    log.record(slot, london(3, 7, 0))
    assert log.due(slot, london(3, 23, 0)) is None
    assert log.due(slot, london(4, 7, 0)) == london(4, 7, 0)
    assert log.due(slot, london(4, 13, 1), timedelta(hours=6)) is None
    store.close()


def test_schedule_once_runs_what_is_due_and_only_once(simple_plugin, write_config, articles_dir):
    a_minute_ago = (datetime.now(LONDON) - timedelta(minutes=1)).strftime("%H:%M")
    config = write_config(CONFIG % a_minute_ago)
    plugins = make_plugin_manager(extra=[simple_plugin], entry_points=False)
    first = CliRunner().invoke(cli, ["--config", str(config), "schedule", "--once"], obj=plugins)
    assert first.exit_code == 0, first.output
    assert "harbour: file" in first.stderr and ": sent" in first.stderr
    again = CliRunner().invoke(cli, ["--config", str(config), "schedule", "--once"], obj=plugins)
    assert again.exit_code == 0 and "harbour: file" not in again.stderr
    service = Service.open(config, plugins)
    assert len(service.history("harbour")) == 1
    service.close()


def test_schedule_without_any_schedule_says_so(simple_plugin, write_config, articles_dir):
    unscheduled = (CONFIG % "07:00").replace('    schedule: {daily: "07:00", timezone: Europe/London}\n', "")
    config = write_config(unscheduled)
    plugins = make_plugin_manager(extra=[simple_plugin], entry_points=False)
    result = CliRunner().invoke(cli, ["--config", str(config), "schedule", "--once"], obj=plugins)
    assert result.exit_code == 1 and "no briefing has a schedule" in result.stderr
