"""The timeline room's one adapter to ``briefing.core``: what the public API does not offer yet.

Everything else in this package imports only ``briefing`` (the public API) and its own modules.
What is borrowed here, for the lead to turn into public API:

* reading *every* stored briefing of a name, oldest first (the store offers only the latest);
* the configuration and plugins of the running ``briefing`` command (``CliState``), and its
  one-line error handling (``user_errors``);
* the template environment with the user's ``templates/`` folder first (``make_environment``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from briefing import Article, ConfigError, briefing_from_dict
from briefing.plugins.timeline.corpus import DatedArticle

if TYPE_CHECKING:
    import jinja2


def stored_bodies(store: Any, name: str) -> Iterator[dict[str, Any]]:
    """Each stored briefing of ``name`` as its JSON, oldest first."""
    rows = store.db.execute("SELECT body FROM briefings WHERE name = ? ORDER BY generated_at, id", (name,))
    for row in rows:
        yield dict(json.loads(row[0]))


def stored_articles(store: Any, name: str, timezone: str = "UTC") -> tuple[str, list[DatedArticle]]:
    """The title of the latest briefing ``name`` and every article any of its runs kept, once each
    (the latest copy), dated by publication or else by the day a run first briefed it."""
    zone = ZoneInfo(timezone)
    title = name
    articles: dict[str, Article] = {}
    first_briefed: dict[str, date] = {}
    for body in stored_bodies(store, name):
        briefing = briefing_from_dict(body)
        title = briefing.title
        day = _local_day(briefing.generated_at, zone)
        for article in briefing.articles:
            articles[article.id] = article
            first_briefed.setdefault(article.id, day)
    dated = [DatedArticle(a, a.published_at.date() if a.published_at else first_briefed[a.id])
             for a in articles.values()]
    return title, dated


def _local_day(moment: datetime, zone: ZoneInfo) -> date:
    return (moment.astimezone(zone) if moment.tzinfo else moment).date()


class StateView:
    """What the ``timeline`` command needs from the running ``briefing`` command."""

    def __init__(self, cli_state: Any) -> None:
        self.cli_state = cli_state
        self.config = cli_state.config()
        self.plugins = cli_state.plugins

    def names(self) -> list[str]:
        return list(self.config.briefings)

    def check_name(self, name: str) -> None:
        if name not in self.config.briefings:
            known = ", ".join(self.config.briefings)
            raise ConfigError([f"{self.config.path}: no briefing named {name} (known: {known})"])

    def timezone(self, name: str) -> str:
        return str(self.config.briefings[name].schedule.timezone)

    def articles(self, name: str) -> tuple[str, list[DatedArticle]] | None:
        """The briefing's title and articles, or None if it was never run."""
        from briefing.core.store import Store

        store = Store(self.config.state_path)
        try:
            if store.latest_briefing(name) is None:
                return None
            return stored_articles(store, name, self.timezone(name))
        finally:
            store.close()

    def environment(self) -> jinja2.Environment:
        return template_environment(self.plugins, self.config.templates_dir)


def template_environment(plugins: Any, templates_dir: Path | None) -> jinja2.Environment:
    from briefing.core.rendering import make_environment

    return make_environment(plugins, templates_dir)


@contextmanager
def user_errors() -> Iterator[None]:
    """Domain errors as one line each (exit 2 for configuration, 1 otherwise), as every command."""
    from briefing.core.cli import user_errors as core_user_errors

    with core_user_errors():
        yield
