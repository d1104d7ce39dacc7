"""Components for the executor tests, in a module of their own so worker processes can import them.

Dask's worker processes are started fresh (spawned) and find this folder on the path they
inherit; a component class defined inside a test module would drag pytest into every worker.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from simple_plugin import FirstSentenceFacts, SplitAnalyser

from briefing import (
    AnalysedArticle,
    Article,
    ArticleWork,
    BatchResult,
    Executor,
    ExecutorContext,
    Extractor,
    Fact,
    RunContext,
    Source,
    hookimpl,
    make_article,
)

PLACES = ["Rotterdam", "Antwerp", "Hamburg", "Gdansk", "Valencia", "Genoa"]


class Ports(Source):
    """Twelve short reports, each different enough not to be a near duplicate of another."""

    def collect(self, context: RunContext) -> Iterator[Article]:
        for n in range(12):
            place = PLACES[n % len(PLACES)]
            yield make_article(
                f"Report {n} from {place}: cargo volumes rose {n * 3 + 1} percent in week {n + 1}.\n"
                f"Officials in {place} said a strike by {n + 40} crane operators could follow.",
                title=f"Report {n}", source=f"wire-{n % 3}", url=f"https://example.org/ports/{n}")


class StumblesOnThree(SplitAnalyser):
    """Cannot analyse 'Report 3': the analyser failure of one article, named as such."""

    def analyse(self, articles):  # type: ignore[no-untyped-def]
        for analysed in super().analyse(articles):
            if analysed.article.title == "Report 3":
                raise ValueError("cannot parse Report 3")
            yield analysed


class FailsOnSeven(Extractor):
    def extract(self, analysed: AnalysedArticle) -> list[Fact]:
        if analysed.article.title.endswith("7"):
            raise ValueError(f"cannot read {analysed.article.title}")
        return FirstSentenceFacts(None).extract(analysed)


@dataclass(frozen=True)
class MarkerOptions:
    marker: str  # a file: absent, the worker kills itself on 'Report 5' and writes its pid here


class DiesOnce(Extractor[MarkerOptions]):
    """Kills the process it runs in, mid-batch, the first time it meets 'Report 5'."""

    options_class = MarkerOptions

    def extract(self, analysed: AnalysedArticle) -> list[Fact]:
        if analysed.article.title == "Report 5":
            try:
                descriptor = os.open(self.options.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                pass  # killed once already: this is the retry
            else:
                os.write(descriptor, str(os.getpid()).encode())
                os.close(descriptor)
                os.kill(os.getpid(), signal.SIGKILL)
        return FirstSentenceFacts(None).extract(analysed)


class AlwaysDies(Extractor):
    """Kills the process it runs in whenever it meets 'Report 5': a batch no worker survives."""

    def extract(self, analysed: AnalysedArticle) -> list[Fact]:
        if analysed.article.title == "Report 5":
            os.kill(os.getpid(), signal.SIGKILL)
        return FirstSentenceFacts(None).extract(analysed)


@dataclass(frozen=True)
class RecorderOptions:
    batch_size: int = 5


class Recorder(Executor[RecorderOptions]):
    """A third-party style executor: runs each batch in this process and notes its titles."""

    options_class = RecorderOptions
    seen: list[list[str]] = []  # noqa: RUF012 (shared on purpose: the test reads it)
    closed: list[bool] = []  # noqa: RUF012

    def __init__(self, options: RecorderOptions) -> None:
        super().__init__(options)
        self.batch_size = options.batch_size

    def map(self, work: ArticleWork, batches: Sequence[Sequence[Article]],
            context: ExecutorContext) -> Iterator[BatchResult]:
        for done, batch in enumerate(batches, start=1):
            Recorder.seen.append([article.title for article in batch])
            context.progress(done, len(batches))
            yield work(batch)

    def close(self) -> None:
        Recorder.closed.append(True)


class ExecutorTestPlugin:
    __name__ = "executor-test-plugin"

    @hookimpl
    def register_sources(self, register: Callable[[str, object], None]) -> None:
        register("ports", Ports)

    @hookimpl
    def register_analysers(self, register: Callable[[str, object], None]) -> None:
        register("split", SplitAnalyser)
        register("stumbles", StumblesOnThree)

    @hookimpl
    def register_extractors(self, register: Callable[[str, object], None]) -> None:
        register("first-sentence", FirstSentenceFacts)
        register("fails-on-seven", FailsOnSeven)
        register("dies-once", DiesOnce)
        register("always-dies", AlwaysDies)

    @hookimpl
    def register_executors(self, register: Callable[[str, object], None]) -> None:
        register("recorder", Recorder)
