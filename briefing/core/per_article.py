"""The map half of a run: clean, analyse and extract each article, as a stream.

Four things make it cheap, and none changes what comes out:

* streaming: articles go to the analyser in batches of at most `BATCH_CHARS` characters (spaCy
  batches them further with ``nlp.pipe``), and only the compact items are kept; the analyser's
  parse is dropped as soon as extraction is done;
* parking (`park`): each article's result goes to a temporary file as it comes and is read back
  once the analyser is done, so the analyser's working memory and everything already extracted
  are never in memory together, and the map's memory stays flat as the articles grow in number;
* a cache keyed by what determines the result (the article's id and cleaned text, the analyser's
  and extractors' names, options and code), so a re-run, the bot and several briefings over the
  same articles never analyse twice;
* an executor (``--executor``, a component): batches of the articles the cache does not hold go
  to worker processes or a cluster as plain data, with the `ArticleWork` that creates the
  components where it runs, and results come back in the original order.
"""

from __future__ import annotations

import hashlib
import inspect
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from briefing.core.components import NEEDS, ExecutorContext
from briefing.core.models import (
    Article,
    Evidence,
    Fact,
    Item,
    Place,
    Quote,
    Risk,
    Sentence,
    Stakeholder,
)

if TYPE_CHECKING:  # `briefing` exports this module's work types; the CLI must start without YAML
    from briefing.core.config import BriefingSpec, ComponentSpec

# (stage, component spec, message) for a component that failed; the caller records it.
Failure = tuple[str, "ComponentSpec", str]
Fail = Callable[[str, "ComponentSpec", "Exception | str"], None]
Processed = tuple[Article, list[Item]]
Analysed = tuple[Article, list[Item], bool]  # ok: False when a component failed on it
_ITEM_FIELDS = " ".join(f"{kind.__name__}:{','.join(kind.__dataclass_fields__)}"
                        for kind in (Sentence, Evidence, Fact, Stakeholder, Place, Risk, Quote))

CHUNK = 64  # articles per batch sent to an executor, unless it says otherwise
# The analyser's working memory grows with the text it has in hand at once: spaCy's parser and
# recogniser hold about 15 KB per token of a batch, so 32 long articles together take hundreds of
# MB more than 32 short ones. Handing it at most this many characters at a time (about 18,000
# tokens; one longer article goes alone) caps that, however many articles and however long.
BATCH_CHARS = 100_000


def article_label(article: Article) -> str:
    """An article as messages name it: where it came from, and its headline."""
    # the page's address, else the file it was read from (folder: "path", html: "from"), never a
    # site's name when there is a file to name ("Autoracing | F1 | Indy: article ...")
    where = (article.url or article.meta.get("path") or article.meta.get("from") or article.source
             or "an article")
    return f"{where}: article {article.title!r}" if article.title else str(where)


def describe_error(error: BaseException) -> str:
    """One line for a failure, with any secret a library quoted in it redacted."""
    from briefing.core.errors import BriefingError
    from briefing.core.redaction import describe, redact

    return redact(str(error)) if isinstance(error, BriefingError) else describe(error)


@dataclass(frozen=True)
class BatchResult:
    """What a batch of articles comes back as: the compact results, in order, and the failures.

    A failure is (stage, component, message), the component being -1 for the analyser and the
    extractor's position otherwise: positions cross process boundaries, component specs need not."""

    analysed: list[Analysed]
    failures: list[tuple[str, int, str]]


@dataclass(frozen=True)
class ArticleWork:
    """The per-article work (analyse, then extract), as plain data an executor can ship.

    It holds the analyser's and extractors' specs, never a component or a model: calling it
    creates the components in the process it runs in, and analysers keep their models in a
    module-level cache, so a worker process loads a model once, on its first batch. Sources and
    outputs stay behind; a secret in these components' options travels as the name of its
    environment variable, which the worker reads from its own environment."""

    analyser: ComponentSpec
    extractors: tuple[ComponentSpec, ...]
    strict: bool = False

    def __call__(self, articles: Sequence[Article]) -> BatchResult:
        failures: list[Failure] = []
        analysed = list(analyse_stream(self, list(articles), failures, self.strict))
        positions = {id(s): i for i, s in enumerate(self.extractors)}
        return BatchResult(analysed, [(stage, positions.get(id(s), -1), message)
                                      for stage, s, message in failures])


@dataclass
class ArticleProcessor:
    spec: BriefingSpec
    fail: Fail
    cache: Any = None  # a Store, or None for no cache
    workers: int = 1
    strict: bool = False
    executor: Any = None  # an Executor; None analyses in this process
    batch_progress: Callable[[int, int], None] = lambda done, total: None

    def process(self, articles: Sequence[Article],
                progress: Callable[[int], None] = lambda done: None) -> Iterator[Processed]:
        """Yield (article with sentences, items) for each article that has text after cleaning."""
        cleaned = list(self._clean(articles))
        signature = self.signature()
        keys = [cache_key(signature, article) for article in cleaned]
        hits = self.cache.cached_analyses(keys) if self.cache is not None else {}
        misses = [article for article, key in zip(cleaned, keys, strict=True) if key not in hits]
        fresh = self._analyse(misses)
        waiting: Analysed | None = None
        for done, (article, key) in enumerate(zip(cleaned, keys, strict=True), start=1):
            progress(done)
            if key in hits:
                sentences, items = pickle.loads(hits[key])
                yield replace(article, sentences=sentences), items
                continue
            waiting = waiting or next(fresh, None)
            if waiting is None or waiting[0].id != article.id:
                continue  # the analyser dropped this article and recorded why
            analysed, items, ok = waiting
            if self.cache is not None and ok:  # never cache a result some component failed on
                blob = pickle.dumps((analysed.sentences, items), protocol=pickle.HIGHEST_PROTOCOL)
                self.cache.cache_analysis(key, blob)
            yield analysed, items
            waiting = None

    def signature(self) -> str:
        """What, besides the article, decides the analysis: components, options and their code,
        and the fields of the items cached (a field added to `Fact` would leave older pickles
        without it)."""
        parts = [_ITEM_FIELDS]
        folder_stamps: dict[str, str] = {}
        for spec in (self.spec.analyser, *self.spec.extractors):
            code = code_stamp(spec.registered.factory, folder_stamps)
            parts.append(f"{spec.kind}:{spec.type}:{spec.registered.plugin}:{spec.options!r}:{code}")
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def _clean(self, articles: Sequence[Article]) -> Iterator[Article]:
        cleaners = []
        for spec in self.spec.cleaners:
            try:
                cleaners.append((spec, spec.create()))
            except Exception as error:
                self.fail("clean", spec, error)
        for article in articles:
            for spec, cleaner in cleaners:
                try:
                    article = cleaner.clean(article)
                except Exception as error:
                    self.fail("clean", spec, error)
            if article.text.strip():
                yield article

    def _analyse(self, articles: list[Article]) -> Iterator[Analysed]:
        if not articles:
            return iter(())
        if self.executor is None or not self.executor.distributes(len(articles), self.workers):
            return self._in_process(articles)
        return self._in_executor(articles)

    def work(self) -> ArticleWork:
        return ArticleWork(self.spec.analyser, self.spec.extractors, self.strict)

    def _in_process(self, articles: list[Article]) -> Iterator[Analysed]:
        failures: list[Failure] = []
        for item in analyse_stream(self.work(), articles, failures, self.strict):
            self._report(failures)
            yield item
        self._report(failures)

    def _in_executor(self, articles: list[Article]) -> Iterator[Analysed]:
        size = max(1, int(getattr(self.executor, "batch_size", CHUNK)))
        chunks = [articles[i:i + size] for i in range(0, len(articles), size)]
        context = ExecutorContext(self.workers, self.batch_progress)
        for result in self.executor.map(self.work(), chunks, context):
            self._report([(stage, self._spec_at(index), message)
                          for stage, index, message in result.failures])
            yield from result.analysed

    def _spec_at(self, index: int) -> ComponentSpec:
        return self.spec.analyser if index < 0 else self.spec.extractors[index]

    def _report(self, failures: list[Failure]) -> None:
        for stage, spec, message in failures:
            self.fail(stage, spec, message)
        failures.clear()


def analyse_stream(spec: ArticleWork | BriefingSpec, articles: list[Article], failures: list[Failure],
                   strict: bool = False) -> Iterator[Analysed]:
    """Analyse a stream of articles and extract items from each; failures go to ``failures``.

    An article the analyser could not process is dropped (its failure recorded) and the stream
    goes on with a fresh analyser over the articles that remain. The analyser gets the articles in
    `batches`, one call each, so that its working memory is bounded.
    """
    extractors = []
    for extractor_spec in spec.extractors:
        try:
            extractors.append((extractor_spec, extractor_spec.create()))
        except Exception as error:
            failures.append(("extract", extractor_spec, describe_error(error)))
    needs = frozenset().union(*(getattr(s.registered.factory, "needs", NEEDS) for s in spec.extractors))
    start = 0
    while start < len(articles):
        try:
            analyser = spec.analyser.create()
            analyser.require(needs | {"sentences"})
            for batch in batches(articles[start:]):
                for analysed in analyser.analyse(iter(batch)):
                    start += 1
                    items: list[Item] = []
                    ok = True
                    for extractor_spec, extractor in extractors:
                        try:
                            items.extend(extractor.extract(analysed))
                        except Exception as error:
                            if strict:
                                raise
                            ok = False
                            failures.append(("extract", extractor_spec, describe_error(error)))
                    yield analysed.article, items, ok
            return
        except Exception as error:
            if strict:
                raise
            bad = articles[start]
            start += 1
            failures.append(("analyse", spec.analyser, f"{article_label(bad)}: {describe_error(error)}"))


def batches(articles: Sequence[Article], limit: int = BATCH_CHARS) -> Iterator[list[Article]]:
    """Consecutive runs of ``articles`` of at most ``limit`` characters of text in all."""
    batch: list[Article] = []
    size = 0
    for article in articles:
        if batch and size + len(article.text) > limit:
            yield batch
            batch, size = [], 0
        batch.append(article)
        size += len(article.text)
    if batch:
        yield batch


def park(results: Iterable[Processed]) -> list[Processed]:
    """All of ``results``, in order, held in a temporary file until the stream has ended.

    Why: the reduce needs every article's sentences and items at once, and the map needs the
    analyser's working memory (spaCy's batches take a few hundred MB, in bursts). Held in memory,
    the results of the articles already done sit under every later burst, so the peak grows with
    the number of articles; parked, the peak is the larger of the two instead of their sum. A
    result that cannot be pickled stays in memory.
    """
    kept: dict[int, Processed] = {}
    total = 0
    with tempfile.TemporaryFile(prefix="briefing-") as spill:
        for result in results:
            try:
                spill.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
            except Exception:  # an object a plugin put in Article.meta, say: keep it as it is
                kept[total] = result
            total += 1
        spill.seek(0)
        return [kept[n] if n in kept else pickle.load(spill) for n in range(total)]


def code_folders(module_file: str) -> list[str]:
    """The folders whose files decide what a component computes. A builtin lives in a room of
    ``briefing/plugins``, which imports only its own room, the shared ``text`` room and the core
    (tests/test_boundaries.py): the room and ``text``. Another plugin: its top-level package
    (the folder of a module on its own)."""
    here = os.path.dirname(os.path.abspath(module_file))
    plugins = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "plugins")
    if os.path.commonpath([here, plugins]) == plugins and here != plugins:
        room = os.path.join(plugins, os.path.relpath(here, plugins).split(os.sep)[0])
        return [room, os.path.join(plugins, "text")]
    top = here
    while os.path.exists(os.path.join(os.path.dirname(top), "__init__.py")):
        top = os.path.dirname(top)
    return [top if os.path.exists(os.path.join(top, "__init__.py")) else module_file]


def code_stamp(factory: Any, folder_stamps: dict[str, str] | None = None) -> str:
    """Size and modification time of every file a component's results depend on (its code, and
    data such as word lists or a model's weights beside it): retraining the risk model changes
    no Python file, and must still not serve risks cached from the old one. ``folder_stamps``
    lets one signature walk a room once for all the components that live in it."""
    try:
        folders = code_folders(inspect.getfile(factory))
    except TypeError:
        return "?"
    known = {} if folder_stamps is None else folder_stamps
    for folder in folders:
        if folder not in known:
            known[folder] = _folder_stamp(folder)
    return hashlib.sha256("".join(known[f] for f in folders).encode()).hexdigest()


def _folder_stamp(folder: str) -> str:
    stamp = hashlib.sha256()
    paths = [folder] if os.path.isfile(folder) else sorted(
        os.path.join(root, name) for root, dirs, names in os.walk(folder)
        for name in names if "__pycache__" not in root)
    for path in paths:
        try:
            stat = os.stat(path)
        except OSError:
            continue
        stamp.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return stamp.hexdigest()


def cache_key(signature: str, article: Article) -> str:
    digest = hashlib.sha256(signature.encode())
    digest.update(article.id.encode())
    digest.update(article.text.encode("utf-8"))
    return digest.hexdigest()

