"""What every front end does with briefings: make them, read them back, render and deliver them.

The command line, the Telegram bot and a plugin's own command (a web page, a scheduler) all need
the same few things: the configured briefings, the latest stored one, a run of the pipeline, a
template rendered, the outbox of a day. `Service` is that one place, so each front end does them
the same way, and a plugin needs nothing from ``briefing.core`` to do them too.

A service owns one connection to the state file, opened on first use. SQLite connections belong
to the thread that opened them: a front end that runs briefings on a worker thread makes a second
`Service` there (`Service.fork`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.core.errors import BriefingError
from briefing.core.models import Answer, Briefing

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    import jinja2

    from briefing.core.config import BriefingSpec, Config
    from briefing.core.outbox import Delivery, Outbox
    from briefing.core.pipeline import RunResult
    from briefing.core.plugins import Plugins
    from briefing.core.store import Store

Progress = Callable[[str, int, int | None], None]
log = logging.getLogger(__name__)


def day_of(spec: BriefingSpec, when: datetime) -> str:
    """The calendar day of ``when`` in the briefing's time zone: the key of a day's deliveries."""
    from zoneinfo import ZoneInfo

    return when.astimezone(ZoneInfo(spec.schedule.timezone)).date().isoformat()


@dataclass(frozen=True)
class StoredBriefing:
    """One stored run of a briefing, as `Service.history` lists it.

    ``new_articles`` are the articles this run was the first to cover; ``new_items`` the facts,
    risks, quotes and stories flagged new, or None when the briefing carries no such flags (made
    before they existed). ``deliveries`` are its day's: several runs on one day share them."""

    name: str
    day: str
    generated_at: datetime
    articles: int
    new_articles: int
    stories: int
    new_items: int | None
    deliveries: tuple[Delivery, ...]


class Service:
    def __init__(self, config: Config, plugins: Plugins, store: Store | None = None) -> None:
        self.config = config
        self.plugins = plugins
        self._store = store
        self._environments: dict[bool, jinja2.Environment] = {}

    @classmethod
    def open(cls, config_path: str | Path | None = None, plugins: Plugins | None = None) -> Service:
        """A service for a configuration file (``--config``, ``$BRIEFING_CONFIG``, ./briefings.yaml)."""
        from briefing.core.config import find_config, load_config
        from briefing.core.plugins import make_plugin_manager

        plugins = plugins or make_plugin_manager()
        return cls(load_config(find_config(config_path), plugins), plugins)

    def fork(self) -> Service:
        """A service over the same configuration with its own state connection (for a thread)."""
        return Service(self.config, self.plugins)

    def __repr__(self) -> str:
        return f"Service(config={str(self.config.path)!r})"

    @property
    def store(self) -> Store:
        if self._store is None:
            from briefing.core.store import Store

            self._store = Store(self.config.state_path)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    # The configured briefings.

    def names(self) -> list[str]:
        return list(self.config.briefings)

    def spec(self, name: str) -> BriefingSpec:
        try:
            return self.config.briefings[name]
        except KeyError:
            known = ", ".join(self.config.briefings)
            raise BriefingError(f"{self.config.path}: no briefing named {name} (known: {known})") from None

    def zone(self, name: str) -> ZoneInfo:
        from zoneinfo import ZoneInfo

        return ZoneInfo(self.spec(name).schedule.timezone)

    def day_of(self, name: str, when: datetime) -> str:
        return day_of(self.spec(name), when)

    # Making and reading briefings.

    def run(self, name: str, *, publish: bool = True, resend: bool = False, strict: bool = False,
            workers: int = 1, cache: bool = True, progress: Progress | None = None,
            now: datetime | None = None, executor: Any = None,
            on_wait: Callable[[str, str], None] | None = None) -> RunResult:
        """Make one briefing (collect to summarise), store it, and publish it unless told not to.

        ``executor`` runs the per-article stages (an `Executor`; the caller closes it); without
        one the configuration's ``executor:`` or the builtin ``local`` is made for this run.
        ``on_wait(name, holder)`` is told when another run holds the briefing's lock."""
        from briefing.core.pipeline import Pipeline

        pipeline = Pipeline(self.config, self.plugins, self.store, strict=strict, progress=progress,
                            workers=workers, cache=cache, environment=self.environment,
                            executor=executor, on_wait=on_wait)
        return pipeline.run(name, publish=publish, resend=resend, now=now)

    def latest(self, name: str) -> Briefing | None:
        """The briefing the last run of ``name`` stored, or None before the first run."""
        from briefing.core.serialize import briefing_from_dict

        stored = self.store.latest_briefing(name)
        return None if stored is None else briefing_from_dict(stored)

    def stored(self, name: str, day: str | None = None) -> Briefing | None:
        """The briefing stored for ``day`` (``YYYY-MM-DD`` in the briefing's time zone; the last
        run of that day), or the latest one without a day; None when there is none."""
        from briefing.core.serialize import briefing_from_dict

        stored = self.store.latest_briefing(name) if day is None else self.store.briefing_of_day(name, day)
        return None if stored is None else briefing_from_dict(stored)

    def history(self, name: str | None = None) -> list[StoredBriefing]:
        """The stored briefings (of ``name``, or of every name), newest first, each with its
        counts and its day's deliveries, read without rebuilding the briefings."""
        from briefing.core.outbox import deliveries_of

        found = []
        for row in self.store.stored_briefings(name):
            found.append(StoredBriefing(
                row["name"], row["day"], datetime.fromisoformat(row["generated_at"]), row["articles"],
                row["new_articles"], row["stories"], row["new_items"] if row["flagged"] else None,
                tuple(deliveries_of(self.store, row["name"], row["day"]))))
        return found

    def answer(self, question: str, briefings: Sequence[Briefing]) -> Answer | None:
        """A plugin's answer to a reader's question (the ``answer_question`` hook), or None when
        no plugin answers or the one that tried failed (logged: the caller has its own search).

        Blocking, and it may take seconds (a model): an event loop calls it from a thread, on a
        `fork` of this service."""
        from datetime import UTC

        from briefing.core.components import RunContext

        context = RunContext("answer", datetime.now(UTC), self.config.base_dir, self.store,
                             report=lambda error: log.warning("answer: %s", error),
                             sections=self.config.sections, create=self.plugins.create,
                             environment=self.environment)
        try:
            found: Answer | None = self.plugins.hook.answer_question(
                question=question, briefings=list(briefings), context=context)
        except Exception:  # a plugin's failure is logged; the caller answers by its own search
            log.exception("answer_question failed")
            return None
        return found

    def briefings(self, name: str, *, since: datetime | None = None,
                  before: datetime | None = None) -> Iterator[Briefing]:
        """Every stored briefing of ``name``, oldest first (timelines, history, what is new)."""
        from briefing.core.serialize import briefing_from_dict

        for body in self.store.briefings(name, since=since.isoformat() if since else None,
                                         before=before.isoformat() if before else None):
            yield briefing_from_dict(body)

    # Rendering.

    def environment(self, *, autoescape: bool = False) -> jinja2.Environment:
        """The Jinja environment of this configuration: its templates folder, then the builtins,
        with every plugin's filters. Made once per service."""
        if autoescape not in self._environments:
            from briefing.core.rendering import make_environment

            self._environments[autoescape] = make_environment(
                self.plugins, self.config.templates_dir, autoescape=autoescape)
        return self._environments[autoescape]

    def render(self, template: str, briefing: Briefing | None = None, *, block: str | None = None,
               autoescape: bool = False, **values: Any) -> str:
        """``template`` (or one ``block`` of it) rendered for ``briefing`` and any other
        ``values``; a template problem is a one-line TemplateError. ``autoescape`` escapes every
        value for HTML (a web page; the file and chat templates escape what they print)."""
        from briefing.core.rendering import render

        return render(self.environment(autoescape=autoescape), template, briefing, block=block,
                      **values)

    # Delivering.

    def outbox(self, name: str, day: str) -> Outbox:
        """The outbox of one briefing's day: send through it and nothing is delivered twice."""
        from briefing.core.outbox import Outbox

        return Outbox(self.store, name, day,
                      on_finished=lambda delivery: self.plugins.hook.delivery_finished(delivery=delivery))

    def deliveries(self, name: str, day: str) -> list[Delivery]:
        """How each delivery of one briefing's day stands."""
        from briefing.core.outbox import deliveries_of

        return deliveries_of(self.store, name, day)

    def unfinished_deliveries(self) -> list[Delivery]:
        """Deliveries not sent (pending, failed or of unknown outcome), oldest first."""
        from briefing.core.outbox import unfinished_deliveries

        return unfinished_deliveries(self.store)
