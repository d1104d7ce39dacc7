"""What the bot's commands and jobs share: the briefings service, the sender, and the schedule.

One `BotService` per ``briefing bot`` process, used from the event loop thread (the SQLite
connection belongs to it). It wraps the core's `briefing.Service` (configuration, stored
briefings, templates, runs) with what only a Telegram bot has: its settings, its sender, its
commands and its scheduler. Making a briefing runs the blocking pipeline on a worker thread with
its own service (and state connection), one run per briefing at a time.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from briefing import Briefing, Config, Service, Store
from briefing.plugins.telegram.delivery import FanoutReport, fan_out
from briefing.plugins.telegram.publisher import DEFAULT_TEMPLATE
from briefing.plugins.telegram.redaction import redact_text
from briefing.plugins.telegram.sender import TelegramSender
from briefing.plugins.telegram.settings import BotSettings
from briefing.plugins.telegram.split import split_html

log = logging.getLogger(__name__)


@dataclass
class BotService:
    core: Service
    settings: BotSettings
    sender: TelegramSender
    commands: dict[str, Any] = field(default_factory=dict)  # name -> BotCommand
    scheduler: Any = None  # schedule.Scheduler, set by bot.py
    _locks: dict[str, asyncio.Lock] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"BotService({self.core!r})"

    # Briefings, through the core service.

    @property
    def config(self) -> Config:
        return self.core.config

    @property
    def store(self) -> Store:
        return self.core.store

    def names(self) -> list[str]:
        return self.core.names()

    def day_of(self, name: str, when: datetime) -> str:
        return self.core.day_of(name, when)

    def latest(self, name: str) -> Briefing | None:
        return self.core.latest(name)

    def template_for(self, name: str) -> str:
        for output in self.config.briefings[name].outputs:
            if output.type == "telegram":
                return str(output.options.template)
        return DEFAULT_TEMPLATE

    def render_parts(self, briefing: Briefing, template: str | None = None) -> list[str]:
        return split_html(self.core.render(template or self.template_for(briefing.name), briefing))

    async def make_briefing(self, name: str) -> str | None:
        """Run the pipeline (publishing to the fixed targets); return an error or None."""
        lock = self._locks.setdefault(name, asyncio.Lock())
        async with lock:
            return await asyncio.to_thread(self._run_pipeline, name)

    def _run_pipeline(self, name: str) -> str | None:
        service = self.core.fork()  # this thread's own state connection
        try:
            result = service.run(name, publish=True)
        except Exception as error:  # reported to the admin and the log, never fatal to the bot
            log.exception("briefing %s failed", name)
            return redact_text(f"{type(error).__name__}: {error}")  # it goes to an admin's chat
        finally:
            service.close()
        problems = [f.error for f in result.failures if f.stage == "publish"]
        return result.error or ("; ".join(problems) if problems else None)

    async def fresh_briefing(self, name: str, *, now: datetime | None = None,
                             force: bool = False) -> Briefing | None:
        """Today's briefing, made first if there is none yet for today (or ``force``)."""
        now = now or datetime.now(UTC)
        latest = self.latest(name)
        stale = latest is None or self.day_of(name, latest.generated_at) < self.day_of(name, now)
        if force or stale:
            error = await self.make_briefing(name)
            if error:
                log.warning("briefing %s: %s", name, error)
            latest = self.latest(name)
        return latest

    async def deliver(self, briefing: Briefing, chats: list[str], *,
                      resend: bool = False) -> FanoutReport:
        """The briefing to these chats, once per chat and day, through the outbox."""
        parts = self.render_parts(briefing)
        outbox = self.core.outbox(briefing.name, self.day_of(briefing.name, briefing.generated_at))
        report = await fan_out(outbox, self.sender, chats, parts, resend=resend,
                               concurrency=self.settings.concurrency)
        for problem in report.problems:
            log.warning("briefing %s: %s", briefing.name, problem)
        return report

    # Replies.

    async def reply(self, chat_id: str, html: str) -> None:
        for part in split_html(html):
            try:
                await self.sender.send(chat_id, part)
            except Exception as error:  # a reply that cannot be sent is logged, not fatal
                log.warning("reply to %s failed: %s", chat_id, error)
                return
