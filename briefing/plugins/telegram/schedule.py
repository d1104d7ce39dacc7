"""Daily deliveries from the store: one JobQueue job per (briefing, time, time zone) slot.

Subscribers who chose the same time and zone share a job, so a briefing read by a thousand people
at 07:00 London is one fan-out. A subscription without a time gets the briefing's own schedule
time, and one without a zone the briefing's zone (never UTC by accident). The briefing's own
schedule is a slot too: it makes the briefing and publishes it to the fixed targets.

Jobs are rebuilt from SQLite at start. Each slot records in the store when it last fired (the
core's `Slot` and `SlotLog`, which ``briefing schedule`` uses too); a slot whose last occurrence
passed while the bot was down fires once at start if it is less than ``grace_hours`` late, for
the subscribers who had subscribed by then.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from briefing import Slot, SlotLog
from briefing.plugins.telegram.commands import DEFAULT_TIME

if TYPE_CHECKING:
    from briefing.plugins.telegram.service import BotService

log = logging.getLogger(__name__)
FIRED = "telegram.slots"


class Scheduler:
    def __init__(self, service: BotService, job_queue: Any) -> None:
        self.service = service
        self.job_queue = job_queue
        self.log = SlotLog(service.store, FIRED)

    def slot_for(self, briefing: str, time: str | None, zone: str | None) -> Slot:
        schedule = self.service.config.briefings[briefing].schedule
        return Slot(briefing, time or schedule.daily or DEFAULT_TIME, zone or schedule.timezone)

    def fixed_slot(self, briefing: str) -> Slot | None:
        schedule = self.service.config.briefings[briefing].schedule
        return Slot(briefing, schedule.daily, schedule.timezone) if schedule.daily else None

    def slots(self) -> set[Slot]:
        found = {slot for name in self.service.names() if (slot := self.fixed_slot(name))}
        for row in self.service.store.subscriptions():
            if row["briefing"] in self.service.config.briefings:
                found.add(self.slot_for(row["briefing"], row["time"], row["timezone"]))
        return found

    def rebuild(self) -> list[Slot]:
        """Drop every slot job and make one per slot found in the config and the store."""
        if self.job_queue is not None:
            for job in self.job_queue.jobs():
                if str(job.name).startswith("slot:"):
                    job.schedule_removal()
        slots = sorted(self.slots(), key=lambda s: s.key)
        for slot in slots:
            self._schedule(slot)
        log.info("scheduled %d daily slot(s)", len(slots))
        return slots

    def add_subscription(self, briefing: str, time: str | None, zone: str | None) -> Slot:
        slot = self.slot_for(briefing, time, zone)
        if self.job_queue is not None and not self.job_queue.get_jobs_by_name(f"slot:{slot.key}"):
            self._schedule(slot)
        return slot

    def _schedule(self, slot: Slot) -> None:
        if self.job_queue is None:
            return
        hour, minute = map(int, slot.time.split(":"))
        self.job_queue.run_daily(self._job, dtime(hour, minute, tzinfo=ZoneInfo(slot.zone)),
                                 name=f"slot:{slot.key}", data=slot)

    async def _job(self, context: Any) -> None:
        await self.fire(context.job.data)

    def subscribers(self, slot: Slot, *, by: datetime | None = None) -> list[str]:
        chats = []
        for row in self.service.store.subscriptions(briefing=slot.briefing):
            if self.slot_for(slot.briefing, row["time"], row["timezone"]) != slot:
                continue
            if by is not None and datetime.fromisoformat(row["created_at"]) > by:
                continue
            chats.append(str(row["chat_id"]))
        return chats

    def missed(self, now: datetime | None = None) -> list[Slot]:
        """Slots whose last occurrence was not served and is less than the grace period ago."""
        now = now or datetime.now(UTC)
        grace = timedelta(hours=self.service.settings.grace_hours)
        found = []
        for slot in sorted(self.slots(), key=lambda s: s.key):
            last = self.log.due(slot, now, grace)
            if last is None:
                continue
            if slot != self.fixed_slot(slot.briefing) and not self.subscribers(slot, by=last):
                continue
            found.append(slot)
        return found

    async def catch_up(self, now: datetime | None = None) -> list[Slot]:
        now = now or datetime.now(UTC)
        missed = self.missed(now)
        for slot in missed:
            log.info("slot %s was missed while the bot was down; delivering it now", slot.key)
            await self.fire(slot, now=now, catch_up=True)
        return missed

    async def fire(self, slot: Slot, *, now: datetime | None = None, catch_up: bool = False) -> None:
        """Serve one occurrence of a slot: make the briefing if due, deliver to its subscribers."""
        now = now or datetime.now(UTC)
        occurrence = slot.last_occurrence(now)
        fixed = slot == self.fixed_slot(slot.briefing)
        briefing = await self.service.fresh_briefing(slot.briefing, now=now, force=fixed)
        chats = self.subscribers(slot, by=occurrence if catch_up else None)
        if briefing is not None and chats:
            await self.service.deliver(briefing, chats)
        elif briefing is None:
            log.warning("slot %s: no %s briefing to deliver", slot.key, slot.briefing)
        self.log.record(slot, occurrence)
