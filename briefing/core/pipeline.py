"""The stages of a briefing, and what happens when one of them fails.

collect -> clean -> analyse -> extract run per article, as a stream (a map); assemble ->
summarise -> render -> publish run once over everything (a reduce). A component that raises is
recorded as a `StageFailure` and the run goes on without it; an item whose evidence does not
resolve is dropped and recorded. Only ``strict`` turns these into exceptions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from briefing.core.components import DEFAULT_MAX_CHARS, PublishContext, RunContext
from briefing.core.config import BriefingSpec, ComponentSpec, Config
from briefing.core.earlier import duration_text, earlier_briefings
from briefing.core.errors import BriefingError, InputError, ProvenanceError, StateError
from briefing.core.models import Article, Briefing, Item, StageFailure, Story, Summary
from briefing.core.outbox import Delivery, Outbox
from briefing.core.per_article import ArticleProcessor, article_label, describe_error, park
from briefing.core.plugins import Plugins
from briefing.core.provenance import item_problem, partition
from briefing.core.redaction import redact
from briefing.core.rendering import make_environment, render
from briefing.core.runlock import RunLocked, run_lock
from briefing.core.selection import dated_by, published_by, within_window, without_exact_duplicates
from briefing.core.serialize import briefing_to_dict
from briefing.core.service import day_of
from briefing.core.store import Store
from briefing.core.story_homes import story_briefing

Progress = Callable[[str, int, int | None], None]
# Stories summarised one by one: the ones a reader sees; the rest keep their title and articles.
STORY_SUMMARIES = 20


@dataclass
class RunResult:
    name: str
    briefing: Briefing | None = None
    failures: list[StageFailure] = field(default_factory=list)
    error: str | None = None
    # Deliveries this run found already made (earlier today, or by a run it waited for).
    already_delivered: list[Delivery] = field(default_factory=list)
    # Every delivery this run attempted or found made, as it ended.
    deliveries: list[Delivery] = field(default_factory=list)

    # Why nothing was made though nothing failed: every story was told before, none has a new
    # report. A daily run on a quiet day is not an error (exit 0), and nothing is sent.
    nothing_new: str | None = None

    @property
    def ok(self) -> bool:
        made = self.briefing is not None or self.nothing_new is not None
        return made and not self.failures and self.error is None


class Pipeline:
    """Runs briefings from one config with one set of plugins and one state file."""

    def __init__(self, config: Config, plugins: Plugins, store: Store, *, strict: bool = False,
                 progress: Progress | None = None, workers: int = 1, cache: bool = True,
                 environment: Callable[[], Any] | None = None, executor: Any = None,
                 lock_wait: float = 3600.0, on_wait: Callable[[str, str], None] | None = None) -> None:
        self.config = config
        self.lock_wait = lock_wait
        self.on_wait = on_wait or (lambda name, holder: None)
        self.plugins = plugins
        self.store = store
        self.strict = strict
        self.workers = workers
        self.cache = cache
        self.executor = executor  # None: the config's, or the builtin 'local', made when first needed
        self._own_executor = executor is None
        self.progress = progress or (lambda stage, done, total: None)
        self._environment = environment
        self._env: Any = None

    def run(self, name: str, *, publish: bool = True, resend: bool = False,
            now: datetime | None = None) -> RunResult:
        """Make (and publish) one briefing, holding its lock on the state file throughout: a
        second run of the same briefing waits, then finds its deliveries made (runlock.py).

        ``now`` replays the run as of that moment (``run --as-of``): the window, the day of paths
        and deliveries, ``generated_at``, and no article published after it."""
        try:
            with run_lock(self.store.path, name, wait=self.lock_wait,
                          on_wait=lambda holder: self.on_wait(name, holder)):
                return self._run(name, publish=publish, resend=resend, now=now)
        except RunLocked as error:
            return RunResult(name, error=str(error))

    def _run(self, name: str, *, publish: bool, resend: bool, now: datetime | None) -> RunResult:
        spec = self.config.briefings[name]
        generated_at = now or datetime.now(UTC)
        result = RunResult(name)
        context = RunContext(name, generated_at, self.config.base_dir, self.store,
                             sections=self.config.sections, create=self.plugins.create,
                             environment=self.environment)
        self.plugins.hook.briefing_started(name=name, generated_at=generated_at)

        articles = self._collect(spec, context, result, replay=now is not None)
        if not articles:
            result.error = f"{name}: no articles to brief (see the errors above)" if result.failures \
                else f"{name}: no articles to brief: the sources gave none"
            return result
        analysed: list[Article] = []
        items: list[Item] = []
        processor = ArticleProcessor(
            spec, lambda stage, component, error: self._fail(result, stage, component, error),
            cache=self.store if self.cache else None, workers=self.workers, strict=self.strict,
            executor=self._executor(),
            batch_progress=lambda done, batches: self.progress("batches", done, batches))
        total = len(articles)
        processed = processor.process(articles, lambda done: self.progress("analyse", done, total))
        try:
            for article, found in park(processed):
                analysed.append(dated_by(article, generated_at))  # a cleaner's date may be misread
                items.extend(found)
        finally:
            self._release_executor()
        if not analysed:
            result.error = f"{name}: no article could be analysed"
            return result

        by_id = {article.id: article for article in analysed}
        items = self._checked(items, by_id, result, "extract")
        previous = earlier_briefings(self.store, spec, generated_at)
        briefing = self.plugins.hook.assemble_briefing(
            name=name, title=spec.title, articles=analysed, items=items,
            failures=tuple(result.failures), generated_at=generated_at, previous=previous)
        if briefing is None:
            result.error = f"{name}: no plugin assembled the briefing"
            return result
        if previous and not briefing.articles:  # every story told before, none with a new report
            result.nothing_new = (f"{name}: nothing new: every article was in a briefing of the "
                                  f"last {duration_text(spec.horizon)} (horizon); nothing published")
            return result
        briefing = self._check_assembled(briefing, by_id, result)
        self.progress("assemble", len(items), None)
        briefing = self._summarise(spec, briefing, by_id, result, context)
        if spec.summariser is not None:
            self.progress("summarise", 1, 1)
        briefing = replace(briefing, failures=tuple(result.failures))
        self.plugins.hook.briefing_finished(briefing=briefing)
        day = self.day_of(spec, generated_at)
        self.store.save_briefing(name, day, generated_at.isoformat(),
                                 briefing_to_dict(briefing, with_text=True))
        self.store.mark_seen(name, [(a.id, a.url) for a in analysed], generated_at.isoformat())
        if publish:
            self._publish(spec, briefing, context, day, resend, result)
            briefing = replace(briefing, failures=tuple(result.failures))
        result.briefing = briefing
        if result.error is None and self.store.gone:
            result.error = f"{self.store.path}: the state file was deleted or replaced during the run"
        return result

    def _executor(self) -> Any:
        if self.executor is None:
            from briefing.core.executors import choose_executor

            spec = choose_executor(self.config, self.plugins)
            self.executor = spec.create() if spec is not None else None
        return self.executor

    def _release_executor(self) -> None:
        """An executor the pipeline made itself ends with the map (a bot's scheduled runs would
        otherwise leave a cluster behind each); one it was given is its giver's to close."""
        if self._own_executor and self.executor is not None:
            self.executor.close()
            self.executor = None

    @staticmethod
    def day_of(spec: BriefingSpec, generated_at: datetime) -> str:
        return day_of(spec, generated_at)

    # Stages.

    def _collect(self, spec: BriefingSpec, context: RunContext, result: RunResult,
                 replay: bool = False) -> list[Article]:
        collected = without_exact_duplicates(self._from_sources(spec, context, result), self._canonical)
        if replay:
            collected = published_by(collected, context.generated_at)
        if spec.window is not None:
            collected = within_window(collected, self.store, spec.name, spec.window,
                                      context.generated_at, mark=spec.window_mode == "mark")
        articles = list(collected)
        kept = self.plugins.hook.dedupe_articles(briefing=spec.name, articles=articles)
        return articles if kept is None else list(kept)

    def _from_sources(self, spec: BriefingSpec, context: RunContext,
                      result: RunResult) -> Iterator[Article]:
        count = 0
        for source_spec in spec.sources:
            def report(error: Exception, source_spec: ComponentSpec = source_spec) -> None:
                self._fail(result, "collect", source_spec, error)

            limit = getattr(source_spec.options, "max_chars", DEFAULT_MAX_CHARS)
            try:
                source = source_spec.create()
                for article in source.collect(replace(context, report=report)):
                    if len(article.text) > limit:  # whichever source made it
                        report(InputError(article_label(article), f"its text is {len(article.text):,} "
                                          f"characters, over the {limit:,}-character limit "
                                          "(max_chars); left out"))
                        continue
                    count += 1
                    self.progress("collect", count, None)
                    yield article
            except Exception as error:
                self._fail(result, "collect", source_spec, error)

    def _canonical(self, url: str | None) -> str | None:
        if not url:
            return None
        canonical = self.plugins.hook.canonical_url(url=url)
        return canonical or url

    def _summarise(self, spec: BriefingSpec, briefing: Briefing, by_id: dict[str, Article],
                   result: RunResult, context: RunContext) -> Briefing:
        """Each of the top stories gets the lede of its own articles, then the briefing a summary
        (which a story-aware summariser builds from the stories' ledes); one story's summary is
        the briefing's."""
        summariser_spec = spec.summariser
        if summariser_spec is None:
            return briefing

        def report(error: Exception) -> None:
            self._fail(result, "summarise", summariser_spec, error)

        try:
            summariser = summariser_spec.create()
        except Exception as error:
            self._fail(result, "summarise", summariser_spec, error)
            return briefing
        summariser.context = replace(context, report=report)
        if len(briefing.stories) > 1 and getattr(summariser, "per_story", True):
            told = [replace(story, summary=self._summary_of(
                        spec, summariser, story_briefing(briefing, _news_of(story)), by_id, result))
                    if rank < STORY_SUMMARIES else story for rank, story in enumerate(briefing.stories)]
            briefing = replace(briefing, stories=tuple(told))
        summary = self._summary_of(spec, summariser, briefing, by_id, result)
        if len(briefing.stories) == 1:
            briefing = replace(briefing, stories=(replace(briefing.stories[0], summary=summary),))
        return replace(briefing, summary=summary)

    def _summary_of(self, spec: BriefingSpec, summariser: Any, briefing: Briefing,
                    by_id: dict[str, Article], result: RunResult) -> Summary | None:
        assert spec.summariser is not None
        try:
            summary: Summary | None = summariser.summarise(briefing)
        except Exception as error:
            self._fail(result, "summarise", spec.summariser, error)
            return None
        if summary is not None:
            problem = item_problem(summary, by_id)
            if problem:
                self._provenance(result, "summarise", [problem])
                return None
        return summary

    def _publish(self, spec: BriefingSpec, briefing: Briefing, context: RunContext, day: str,
                 resend: bool, result: RunResult) -> None:
        outbox = Outbox(self.store, spec.name, day,
                        on_finished=lambda d: self.plugins.hook.delivery_finished(delivery=d))
        for number, output_spec in enumerate(spec.outputs, start=1):
            def rendered(template: str) -> str:
                return render(self.environment(), template, briefing)

            publish_context = PublishContext(context, day, rendered, outbox, resend)
            try:
                output_spec.create().publish(briefing, publish_context)
            except StateError as error:  # nothing sent from now on could be recorded
                result.error = str(error)
                break
            except Exception as error:
                self._fail(result, "publish", output_spec, error)
            self.progress("publish", number, len(spec.outputs))
        result.already_delivered.extend(outbox.skipped)
        result.deliveries.extend(outbox.outcomes.values())

    def environment(self) -> Any:
        if self._environment is not None:  # the service's, shared with its other renderings
            return self._environment()
        if self._env is None:
            self._env = make_environment(self.plugins, self.config.templates_dir)
        return self._env

    # Checks and failures.

    def _checked(self, items: Iterable[Item], by_id: dict[str, Article], result: RunResult,
                 stage: str) -> list[Item]:
        kept, problems = partition(items, by_id)
        self._provenance(result, stage, problems)
        return kept

    def _check_assembled(self, briefing: Briefing, by_id: dict[str, Article],
                         result: RunResult) -> Briefing:
        fields: dict[str, Any] = {}
        for name in ("facts", "stakeholders", "places", "risks", "quotes"):
            kept, problems = partition(getattr(briefing, name), by_id)
            self._provenance(result, "assemble", problems)
            fields[name] = tuple(kept)
        return replace(briefing, **fields)

    def _provenance(self, result: RunResult, stage: str, problems: list[str]) -> None:
        for problem in problems:
            if self.strict:
                raise ProvenanceError(problem)
            failure = StageFailure(stage, "provenance", "briefing.core", problem)
            result.failures.append(failure)
            self.plugins.hook.stage_failed(failure=failure)

    def _fail(self, result: RunResult, stage: str, spec: ComponentSpec, error: Exception | str) -> None:
        if self.strict and isinstance(error, Exception) and not isinstance(error, BriefingError):
            raise error
        message = redact(error) if isinstance(error, str) else describe_error(error)
        failure = StageFailure(stage, spec.type, spec.registered.plugin, message)
        result.failures.append(failure)
        self.plugins.hook.stage_failed(failure=failure)


def _news_of(story: Story) -> Story:
    """What a story's lede is written from: a developing story's new reports (yesterday's were
    summarised yesterday), any other story's every report."""
    if story.status == "developing" and story.new_article_ids:
        return replace(story, article_ids=story.new_article_ids)
    return story
