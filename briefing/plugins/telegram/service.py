"""What the bot's commands and jobs share: config, store, sender, templates, and briefing runs.

One `BotService` per ``briefing bot`` process, used from the event loop thread (the SQLite
connection belongs to it). Making a briefing runs the blocking pipeline on a worker thread with
its own store connection, one run per briefing at a time.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from briefing import Briefing
from briefing.core.config import Config
from briefing.core.outbox import Outbox
from briefing.core.plugins import Plugins
from briefing.core.rendering import make_environment, render
from briefing.core.serialize import briefing_from_dict
from briefing.core.store import Store
from briefing.plugins.telegram.delivery import FanoutReport, fan_out
from briefing.plugins.telegram.publisher import DEFAULT_TEMPLATE
from briefing.plugins.telegram.redaction import redact_text
from briefing.plugins.telegram.sender import TelegramSender
from briefing.plugins.telegram.settings import BotSettings
from briefing.plugins.telegram.split import split_html

log = logging.getLogger(__name__)


@dataclass
class BotService:
    config: Config
    plugins: Plugins
    store: Store
    settings: BotSettings
    sender: TelegramSender
    commands: dict[str, Any] = field(default_factory=dict)  # name -> BotCommand
    scheduler: Any = None  # schedule.Scheduler, set by bot.py
    _env: Any = None
    _locks: dict[str, asyncio.Lock] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"BotService(config={str(self.config.path)!r})"

    # Briefings.

    def names(self) -> list[str]:
        return list(self.config.briefings)

    def zone(self, name: str) -> ZoneInfo:
        return ZoneInfo(self.config.briefings[name].schedule.timezone)

    def day_of(self, name: str, when: datetime) -> str:
        return when.astimezone(self.zone(name)).date().isoformat()

    def latest(self, name: str) -> Briefing | None:
        stored = self.store.latest_briefing(name)
        return None if stored is None else briefing_from_dict(stored)

    def template_for(self, name: str) -> str:
        for output in self.config.briefings[name].outputs:
            if output.type == "telegram":
                return str(output.options.template)
        return DEFAULT_TEMPLATE

    def render_parts(self, briefing: Briefing, template: str | None = None) -> list[str]:
        if self._env is None:
            self._env = make_environment(self.plugins, self.config.templates_dir)
        text = render(self._env, template or self.template_for(briefing.name), briefing)
        return split_html(text)

    async def make_briefing(self, name: str) -> str | None:
        """Run the pipeline (publishing to the fixed targets); return an error or None."""
        lock = self._locks.setdefault(name, asyncio.Lock())
        async with lock:
            return await asyncio.to_thread(self._run_pipeline, name)

    def _run_pipeline(self, name: str) -> str | None:
        from briefing.core.pipeline import Pipeline

        store = Store(self.config.state_path)
        try:
            result = Pipeline(self.config, self.plugins, store).run(name, publish=True)
        except Exception as error:  # reported to the admin and the log, never fatal to the bot
            log.exception("briefing %s failed", name)
            return redact_text(f"{type(error).__name__}: {error}")  # it goes to an admin's chat
        finally:
            store.close()
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
        outbox = Outbox(self.store, briefing.name, self.day_of(briefing.name, briefing.generated_at),
                        on_finished=lambda d: self.plugins.hook.delivery_finished(delivery=d))
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
