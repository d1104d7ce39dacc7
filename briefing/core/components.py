"""What each kind of component looks like.

A component is a class registered under a name. It declares its options as a dataclass in
``options_class``; the core builds that dataclass from the component's block in briefings.yaml
(checking every key before any work starts) and passes it to the constructor. Components are
created once per run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from briefing.core.models import AnalysedArticle, Article, Briefing, Item, Summary

if TYPE_CHECKING:
    from briefing.core.outbox import Outbox
    from briefing.core.per_article import ArticleWork, BatchResult
    from briefing.core.service import Service
    from briefing.core.store import Store

KINDS = ("source", "cleaner", "analyser", "extractor", "summariser", "publisher", "bot_command",
         "executor")
# Not a component: a top-level section of briefings.yaml that a plugin owns (``bot:``), registered
# as its dataclass and built once when the file is read (`Config.sections`).
SECTION = "config_section"

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


def _no_components(kind: str, name: str) -> Any:
    from briefing.core.errors import PluginError

    raise PluginError(f"no {kind} {name!r} here: this context was made without the plugins")


def _no_templates() -> Any:
    from briefing.core.rendering import make_environment

    return make_environment(None, None)


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
    # A registered component by kind and name, with its default options (the llm summariser falls
    # back on ``centrality`` and checks names with the ``spacy`` analyser through it).
    create: Callable[[str, str], Any] = field(default=_no_components, repr=False)
    # The Jinja environment of the run's templates (the user's folder first, then the builtins).
    environment: Callable[[], Any] = field(default=_no_templates, repr=False)


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
    # Set by the pipeline before ``summarise``: the store (for caches), ``report`` (a problem that
    # does not stop the summary becomes a failure of this summariser), components and templates.
    context: RunContext | None = None
    # Whether the summarise stage also asks for a lede of each top story, on that story's own
    # briefing: cheap for an extractive summariser; a language model's calls cost time and money,
    # and its own prompt already goes story by story.
    per_story: ClassVar[bool] = True

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


class ChatRequest:
    """One message to a chat bot, as a `BotCommand` sees it: who wrote, what, and how to answer.

    A chat platform (the builtin ``telegram`` plugin, or another one) subclasses it; a command
    written against it works on any of them. ``service`` reads and makes briefings
    (`briefing.Service`); replies are HTML in Telegram's small subset (b, i, u, s, a, code, pre),
    which other platforms translate.
    """

    def __init__(self, service: Service, *, chat_id: str, user_id: int | None, command: str,
                 args: list[str], text: str) -> None:
        self.service = service
        self.chat_id = chat_id
        self.user_id = user_id
        self.command = command
        self.args = args
        self.text = text

    def __repr__(self) -> str:
        return f"{type(self).__name__}(chat_id={self.chat_id!r}, command={self.command!r})"

    @property
    def is_admin(self) -> bool:
        """Whether the sender may use ``admin_only`` commands."""
        return False

    @property
    def commands(self) -> dict[str, BotCommand[Any]]:
        """The commands this bot answers, by name (for a help command)."""
        return {}

    async def reply(self, html_text: str) -> None:
        """Answer in chat HTML; escape anything that is not yours (``html.escape``)."""
        raise NotImplementedError

    async def reply_with(self, template: str, briefing: Briefing | None = None, *,
                         block: str | None = None, **values: Any) -> None:
        """Answer with a rendered template (``briefing.tg.*.j2``) or one block of it, so a user's
        override of the template reaches the chat as it reaches the files."""
        await self.reply(self.service.render(template, briefing, block=block, **values))

    def choose_briefing(self, name: str | None) -> str | None:
        """The briefing a command is about: the one named (if it exists), else the chat's only
        subscription, else the only briefing; None when that does not decide."""
        names = self.service.names()
        if name:
            return name if name in names else None
        subscribed = [row["briefing"] for row in self.service.store.subscriptions(chat_id=self.chat_id)]
        for candidates in (subscribed, names):
            if len(candidates) == 1:
                return str(candidates[0])
        return None

    def subscriptions_changed(self, briefing: str) -> None:
        """Called after the chat subscribed to or unsubscribed from ``briefing``; a platform
        that schedules deliveries updates its schedule here."""


class BotCommand(Component[OptionsT]):
    """A chat command (``/name``) the bot answers; registered with ``register_bot_commands``.

    ``run`` receives a `ChatRequest`: ``args``, ``chat_id``, ``is_admin``, ``await
    request.reply(html)``, and ``request.service`` for the configured and stored briefings."""

    description: ClassVar[str] = ""
    usage: ClassVar[str] = ""
    admin_only: ClassVar[bool] = False

    async def run(self, request: ChatRequest) -> None:
        raise NotImplementedError


class Publisher(Component[OptionsT]):
    def publish(self, briefing: Briefing, context: PublishContext) -> None:
        """Deliver the briefing through ``context.outbox``; raise to report a failure."""
        raise NotImplementedError


@dataclass(frozen=True)
class ExecutorContext:
    """What an executor is told about the map it runs.

    ``workers`` is ``--workers``: how many processes to start when the executor starts its own.
    ``progress(done, total)`` counts batches whose results have come back."""

    workers: int = 1
    progress: Callable[[int, int], None] = field(default=lambda done, total: None)


class Executor(Component[OptionsT]):
    """Where the per-article stages run: the driver's process, forked processes, a cluster.

    The core cuts the articles that are not in the cache into batches of `batch_size` and calls
    `map` once per briefing; `map` runs ``work(batch)`` for each batch wherever it likes and
    yields the `BatchResult`s in the order of the batches. ``work`` is plain data (the analyser's
    and extractors' specs, picklable) and creates the components where it runs, so a model is
    loaded by each worker process and never shipped. `close` is called once, after the run."""

    batch_size: int = 64

    def distributes(self, articles: int, workers: int) -> bool:
        """Whether `map` should get these articles; if not, the driver analyses them as a stream."""
        return True

    def map(self, work: ArticleWork, batches: Sequence[Sequence[Article]],
            context: ExecutorContext) -> Iterator[BatchResult]:
        raise NotImplementedError

    def close(self) -> None:
        """Release what `map` started (worker processes, a cluster, a connection)."""
