"""Every hook a plugin can implement. Each one is documented in docs/hooks.md under its signature.

Four shapes, after simonw/llm, datasette and kedro:

* ``register_*(register)``: the plugin calls ``register(name, factory)`` for each component it
  offers; ``briefings.yaml`` then chooses components by name.
* ``firstresult`` steps with one builtin default (marked ``trylast``) that a plugin may replace.
* collect-all adjustments (``prepare_jinja2_environment``, ``register_commands``).
* lifecycle notifications whose return value is ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    import click
    import jinja2

    from briefing.core.components import RunContext
    from briefing.core.config import Config
    from briefing.core.models import Answer, Article, Briefing, Item, StageFailure
    from briefing.core.outbox import Delivery

hookspec = pluggy.HookspecMarker("briefing")
hookimpl = pluggy.HookimplMarker("briefing")

Register = Callable[[str, Any], None]


@hookspec
def register_sources(register: Register) -> None:
    """Register source components, which collect articles (``type:`` under ``sources``)."""


@hookspec
def register_cleaners(register: Register) -> None:
    """Register cleaners, which remove page clutter from an article's text."""


@hookspec
def register_analysers(register: Register) -> None:
    """Register analysers, which split sentences and find entity mentions once per article."""


@hookspec
def register_extractors(register: Register) -> None:
    """Register extractors, which turn an analysed article into facts, stakeholders, places,
    risks and quotes."""


@hookspec
def register_summarisers(register: Register) -> None:
    """Register summarisers, which write the briefing's summary from its articles."""


@hookspec
def register_publishers(register: Register) -> None:
    """Register publishers (``type:`` under ``outputs``), which deliver a rendered briefing."""


@hookspec
def register_bot_commands(register: Register) -> None:
    """Register chat bot commands (``/name``) that the ``briefing bot`` answers."""


@hookspec
def register_executors(register: Register) -> None:
    """Register executors (``--executor``, ``executor:``), which run the per-article stages on
    worker processes or a cluster."""


@hookspec
def register_config_sections(register: Register) -> None:
    """Register the top-level sections of briefings.yaml the plugin owns, each as a dataclass:
    ``register("bot", BotSettings)``. The core builds it once when the file is read."""


@hookspec(firstresult=True)
def assemble_briefing(
    name: str,
    title: str,
    articles: Sequence[Article],
    items: Sequence[Item],
    failures: Sequence[StageFailure],
    generated_at: datetime,
    previous: Sequence[Briefing],
) -> Briefing | None:
    """Merge the items of all articles into one ranked briefing (aliases resolved, facts merged).

    ``previous`` are the briefings of the same name made on earlier days within its horizon,
    oldest first, so stories that continue keep their ids and facts already told are not new.
    The builtin is ``trylast``; the first plugin that returns a Briefing wins."""


@hookspec(firstresult=True)
def dedupe_articles(briefing: str, articles: Sequence[Article]) -> Sequence[Article] | None:
    """Return the articles without near duplicates (exact ones are already gone).

    A kept article may list the copies it stands for in ``meta["copies"]`` (dicts with ``id``,
    ``url``, ``title``, ``source``, ``published_at``): its story counts them as reports and the
    JSON lists them. The builtin is ``trylast``; the first plugin that returns a list wins."""


@hookspec(firstresult=True)
def canonical_url(url: str) -> str | None:
    """Return the canonical form of an article URL, used to recognise the same article twice."""


@hookspec(firstresult=True)
def answer_question(question: str, briefings: Sequence[Briefing], context: RunContext) -> Answer | None:
    """Answer a reader's question from these briefings, each point citing the sentences it rests on.

    The bot's ``/ask`` calls it first and answers from its own sentence search when every plugin
    returns None (the builtin has no implementation: the llm plugin adds one)."""


@hookspec
def validate_config(config: Config) -> list[str] | None:
    """Check the parts of the configuration the plugin owns (e.g. a top-level section).

    Return problems as ``config.locate(key, ...) + ": what was expected"``; ``briefing validate``
    prints them with the core's own."""


@hookspec
def prepare_jinja2_environment(env: jinja2.Environment) -> None:
    """Adjust the Jinja environment used for every template: add filters, tests or globals."""


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add subcommands to the ``briefing`` command line."""


@hookspec
def briefing_started(name: str, generated_at: datetime) -> None:
    """Called before the first article of a briefing is collected."""


@hookspec
def stage_failed(failure: StageFailure) -> None:
    """Called whenever a component fails; the run goes on without it."""


@hookspec
def briefing_finished(briefing: Briefing) -> None:
    """Called once a briefing is assembled and summarised, before it is published."""


@hookspec
def delivery_finished(delivery: Delivery) -> None:
    """Called after each delivery attempt, whether it was sent or failed."""
