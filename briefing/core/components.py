"""What each kind of component looks like.

A component is a class registered under a name. It declares its options as a dataclass in
``options_class``; the core builds that dataclass from the component's block in briefings.yaml
(checking every key before any work starts) and passes it to the constructor. Components are
created once per run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from briefing.core.models import AnalysedArticle, Article, Briefing, Item, Summary

if TYPE_CHECKING:
    from briefing.core.outbox import Outbox
    from briefing.core.store import Store

KINDS = ("source", "cleaner", "analyser", "extractor", "summariser", "publisher", "bot_command")

# The limits every source takes, with these defaults: ``max_bytes`` for what is read for one
# article (a file, a line of a jsonl file, a web page: ``http.max_bytes``) and ``max_chars`` for
# the article's text. The core leaves out an article over its source's ``max_chars`` with a line
# naming it, whichever source made it. A million characters is some 150,000 words, far more than
# any news article, and what spaCy's parser takes at once (it needs about 1 GB per 100,000).
DEFAULT_MAX_BYTES = 10_000_000
DEFAULT_MAX_CHARS = 1_000_000

# What an extractor may need from the analyser. An analyser told that nothing needs, say, the
# dependency parse can skip it: that is the trimmed pipeline.
NEEDS = frozenset({"sentences", "entities", "tags", "syntax"})


@dataclass(frozen=True)
class NoOptions:
    """For components that take no options."""


OptionsT = TypeVar("OptionsT")


class Component(Generic[OptionsT]):
    options_class: ClassVar[type] = NoOptions

    def __init__(self, options: OptionsT) -> None:
        self.options = options

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.options!r})"


@dataclass
class RunContext:
    """What a component may know about the run it is part of."""

    briefing: str
    generated_at: datetime
    base_dir: Path
    store: Store | None = None
    report: Callable[[Exception], None] = field(default=lambda error: None)
    # Top-level config sections other than briefings (e.g. ``bot``), raw as read from YAML, so a
    # publisher can find settings it shares with a command (the Telegram token).
    sections: dict[str, Any] = field(default_factory=dict)
    # The config file and the line of each key in it, for messages about those sections.
    config_path: Path | None = None
    config_lines: dict[tuple[Any, ...], int] = field(default_factory=dict, repr=False)


class Source(Component[OptionsT]):
    def collect(self, context: RunContext) -> Iterable[Article]:
        """Yield articles. Report an unreadable input with ``context.report(InputError(...))``
        and go on with the next one."""
        raise NotImplementedError


class Cleaner(Component[OptionsT]):
    def clean(self, article: Article) -> Article:
        """Return the article with clutter removed (sentences are not split yet)."""
        raise NotImplementedError


class Analyser(Component[OptionsT]):
    def require(self, needs: frozenset[str]) -> None:
        """Called before ``analyse`` with what the enabled extractors need (a subset of NEEDS).

        An analyser may skip the rest; the default does everything."""

    def analyse(self, articles: Iterable[Article]) -> Iterator[AnalysedArticle]:
        """Split sentences and find entity mentions; a stream in, a stream out, in order."""
        raise NotImplementedError


class Extractor(Component[OptionsT]):
    needs: ClassVar[frozenset[str]] = NEEDS

    def extract(self, analysed: AnalysedArticle) -> Iterable[Item]:
        """Items found in one article, each with evidence in that article."""
        raise NotImplementedError


class Summariser(Component[OptionsT]):
    def summarise(self, briefing: Briefing) -> Summary | None:
        """A summary of the briefing's articles, with evidence for each sentence."""
        raise NotImplementedError


@dataclass
class PublishContext:
    """What a publisher gets besides the briefing: rendering, the outbox, the day."""

    run: RunContext
    day: str
    render: Callable[[str], str]
    outbox: Outbox
    resend: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def format_path(self, pattern: str | Path) -> Path:
        """``pattern`` with ``{name}`` and ``{date}`` filled in, relative to the config's folder.

        Options typed `PathPattern` were checked when the config was read; this check is for
        patterns a plugin builds itself."""
        from briefing.core.errors import PublishError
        from briefing.core.options import placeholder_problem

        problem = placeholder_problem(str(pattern))
        if problem:
            raise PublishError(f"{pattern}: {problem}")
        text = str(pattern).format(name=self.run.briefing, date=self.day)
        path = Path(text)
        return path if path.is_absolute() else self.run.base_dir / path


class BotCommand(Component[OptionsT]):
    """A chat command (``/name``) the bot answers; registered with ``register_bot_commands``.

    ``run`` receives the chat platform's request object: for Telegram a
    ``briefing.plugins.telegram.commands.CommandRequest`` (``args``, ``chat_id``, ``is_admin``,
    ``await request.reply(html)``, ``request.service`` for the store and the briefings)."""

    description: ClassVar[str] = ""
    usage: ClassVar[str] = ""
    admin_only: ClassVar[bool] = False

    async def run(self, request: Any) -> None:
        raise NotImplementedError


class Publisher(Component[OptionsT]):
    def publish(self, briefing: Briefing, context: PublishContext) -> None:
        """Deliver the briefing through ``context.outbox``; raise to report a failure."""
        raise NotImplementedError

