"""The testing kit's own components: the ``given`` source and the ``sentences`` analyser.

They keep plugin tests fast and offline: ``given`` yields the articles a test hands to
``run_briefing(articles=...)``, and ``sentences`` splits text on full stops and line breaks and
finds no entities, so no model loads. `KIT_PLUGIN` registers both.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from briefing.core.components import Analyser, RunContext, Source
from briefing.core.hookspecs import hookimpl
from briefing.core.models import AnalysedArticle, Article, Sentence, make_article

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'”’)\]]*)?")


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences ending at ``.``, ``!``, ``?`` or a line break, with offsets into ``text``."""
    sentences: list[Sentence] = []
    for match in _SENTENCE.finditer(text):
        chunk = match.group()
        stripped = chunk.strip()
        if not stripped:
            continue
        start = match.start() + len(chunk) - len(chunk.lstrip())
        sentences.append(Sentence(len(sentences), start, start + len(stripped), stripped))
    return tuple(sentences)


class SentenceAnalyser(Analyser[Any]):
    """Analyser ``sentences``: a regular-expression sentence splitter, no entities, no model."""

    def analyse(self, articles: Iterable[Article]) -> Iterator[AnalysedArticle]:
        for article in articles:
            yield analyse(article)


def analyse(article: Article | str) -> AnalysedArticle:
    """An article with its sentences split, for unit tests of an extractor's ``extract``."""
    if isinstance(article, str):
        article = make_article(article)
    return AnalysedArticle(replace(article, sentences=split_sentences(article.text)))


@dataclass(frozen=True)
class GivenOptions:
    batch: str = "default"


_BATCHES: dict[str, list[Article]] = {}
_batch_ids = itertools.count()


def hold_articles(articles: Iterable[Article]) -> str:
    """Keep ``articles`` for a ``given`` source until `release_articles`; returns its batch name."""
    batch = f"batch-{next(_batch_ids)}"
    _BATCHES[batch] = list(articles)
    return batch


def release_articles(batch: str) -> None:
    _BATCHES.pop(batch, None)


class GivenSource(Source[GivenOptions]):
    """Source ``given``: the articles handed to ``run_briefing(articles=...)``."""

    options_class = GivenOptions

    def collect(self, context: RunContext) -> Iterator[Article]:
        yield from _BATCHES.get(self.options.batch, [])


class _KitPlugin:
    """The kit's components as a plugin: ``given`` source and ``sentences`` analyser."""

    @hookimpl
    def register_sources(self, register: Any) -> None:
        register("given", GivenSource)

    @hookimpl
    def register_analysers(self, register: Any) -> None:
        register("sentences", SentenceAnalyser)


KIT_PLUGIN = _KitPlugin()
KIT_PLUGIN.__name__ = "briefing.testing"  # type: ignore[attr-defined]
