"""Daily schedules: when a briefing's time comes, whether a run was missed, and a loop that runs them.

A `Slot` is a time of day in a time zone for one briefing (``schedule: {daily: "07:00", timezone:
Europe/London}``, or a chat's subscription in the bot). Each front end that runs slots records,
per slot, the occurrence it last served in the store (`SlotLog`), so that a restart can tell
whether today's 07:00 was served, and serves a missed occurrence once if it is less than a grace
period late: a server restarted at 09:30 still sends the 07:00 briefing, and one that was down
for three days does not send three.

`Scheduler` is that loop for the briefings' own schedules, without any bot: ``briefing serve``
and ``briefing schedule`` run it. It takes its clock and its way of waiting as arguments, so a
test drives it through days in milliseconds.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from briefing.core.reporting import StageLines, delivery_lines, failure_lines, notice_lines

if TYPE_CHECKING:
    from briefing.core.pipeline import RunResult
    from briefing.core.service import Service
    from briefing.core.store import Store

log = logging.getLogger("briefing.schedule")

# The key-value namespace of the briefings' own schedules (the bot keeps its slots in its own).
FIRED = "schedule.slots"
DEFAULT_GRACE = timedelta(hours=6)
# The longest the loop sleeps without looking at the clock again: a suspended laptop, a clock set
# by NTP or a change of the summer time is noticed within this.
MAX_SLEEP = 60.0


@dataclass(frozen=True)
class Slot:
    """One briefing at one time of day (``HH:MM``) in one time zone."""

    briefing: str
    time: str
    zone: str

    @property
    def key(self) -> str:
        return f"{self.briefing}@{self.time}@{self.zone}"

    def on(self, day: date) -> datetime:
        """The slot's moment on a calendar day of its zone."""
        hour, minute = map(int, self.time.split(":"))
        return datetime.combine(day, dtime(hour, minute), tzinfo=ZoneInfo(self.zone))

    def last_occurrence(self, now: datetime) -> datetime:
        """The latest moment of the slot at or before ``now``."""
        local = now.astimezone(ZoneInfo(self.zone))
        candidate = self.on(local.date())
        return candidate if candidate <= local else self.on(local.date() - timedelta(days=1))

    def next_occurrence(self, now: datetime) -> datetime:
        """The first moment of the slot after ``now``."""
        local = now.astimezone(ZoneInfo(self.zone))
        candidate = self.on(local.date())
        return candidate if candidate > local else self.on(local.date() + timedelta(days=1))


class SlotLog:
    """Which occurrence of each slot was last served, kept in the store under ``namespace``."""

    def __init__(self, store: Store, namespace: str = FIRED) -> None:
        self.store = store
        self.namespace = namespace

    def fired(self, slot: Slot) -> datetime | None:
        value = self.store.get_value(self.namespace, slot.key)
        return None if value is None else datetime.fromisoformat(value)

    def record(self, slot: Slot, occurrence: datetime) -> None:
        self.store.set_value(self.namespace, slot.key, occurrence.isoformat())

    def due(self, slot: Slot, now: datetime, grace: timedelta = DEFAULT_GRACE) -> datetime | None:
        """The occurrence of ``slot`` to serve at ``now``: its last one, when it was not served
        yet and is at most ``grace`` late; otherwise None."""
        last = slot.last_occurrence(now)
        fired = self.fired(slot)
        if fired is not None and fired >= last:
            return None
        return last if now - last <= grace else None


Report = Callable[[Slot, datetime, "RunResult | None"], None]


class Scheduler:
    """Runs every briefing that has ``schedule: daily`` at its time, and publishes it.

    Restart-safe: an occurrence is recorded as served after its run, so a process killed before
    then runs it again on start; one started after a missed occurrence (within ``grace``) runs it
    once. Give it a service of its own thread (`Service.fork`): the runs use its state connection.
    """

    def __init__(self, service: Service, *, grace: timedelta = DEFAULT_GRACE,
                 clock: Callable[[], datetime] | None = None, report: Report | None = None,
                 progress_for: Callable[[str], Any] | None = None) -> None:
        self.service = service
        self.grace = grace
        self.clock = clock or (lambda: datetime.now(UTC))
        self.report = report or self._log_result
        self.progress_for = progress_for or self._stage_lines

    @property
    def served(self) -> SlotLog:
        """The record of served slots, in the service's state (opened by the first caller's
        thread: make the scheduler where it runs)."""
        return SlotLog(self.service.store)

    def slots(self) -> list[Slot]:
        """The configured daily slots, one per briefing that has a ``daily`` time."""
        found = []
        for name in self.service.names():
            schedule = self.service.spec(name).schedule
            if schedule.daily:
                found.append(Slot(name, schedule.daily, schedule.timezone))
        return found

    def due(self, now: datetime) -> list[tuple[Slot, datetime]]:
        """The slots to run at ``now``, each with the occurrence it serves."""
        return [(slot, occurrence) for slot in self.slots()
                if (occurrence := self.served.due(slot, now, self.grace)) is not None]

    def next_wake(self, now: datetime) -> datetime | None:
        """When the next slot comes, or None when no briefing has a schedule."""
        upcoming = [slot.next_occurrence(now) for slot in self.slots()]
        return min(upcoming) if upcoming else None

    def run_due(self) -> list[Slot]:
        """Run each slot due now, once; return the slots that ran."""
        ran = []
        for slot, occurrence in self.due(self.clock()):
            late = self.clock() - occurrence
            if late > timedelta(minutes=1):
                log.info("%s: the %s %s run was missed (%s late); running it now", slot.briefing,
                         slot.time, slot.zone, _duration(late))
            result = None
            progress = self.progress_for(slot.briefing)
            try:
                result = self.service.run(slot.briefing, now=self.clock(), progress=progress)
            except Exception:  # a broken run is logged; the other briefings and tomorrow still run
                log.exception("%s: the scheduled run failed", slot.briefing)
            if hasattr(progress, "finish"):
                progress.finish()
            self.served.record(slot, occurrence)
            self.report(slot, occurrence, result)
            ran.append(slot)
        return ran

    def run_forever(self, stop: threading.Event,
                    wait: Callable[[float], bool] | None = None) -> None:
        """Run slots as they come until ``stop`` is set. ``wait(seconds)`` sleeps and says
        whether to stop (``stop.wait`` by default)."""
        wait = wait or stop.wait
        slots = self.slots()
        log.info("schedule: %s", ", ".join(f"{s.briefing} daily {s.time} {s.zone}" for s in slots)
                 or "no briefing has a schedule")
        while not stop.is_set():
            self.run_due()
            wake = self.next_wake(self.clock())
            delay = MAX_SLEEP if wake is None else (wake - self.clock()).total_seconds()
            if wait(min(max(delay, 0.0), MAX_SLEEP)):
                return

    def _stage_lines(self, name: str) -> StageLines:
        return StageLines(name, log.info)

    def _log_result(self, slot: Slot, occurrence: datetime, result: RunResult | None) -> None:
        if result is None:
            return
        for line in failure_lines(result):
            log.error("%s", line.removeprefix("error: "))
        for line in notice_lines(result):
            log.info("%s", line)
        for line in delivery_lines(result):
            log.info("%s", line)


def _duration(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60} h {minutes % 60} min" if minutes >= 60 else f"{minutes} min"
