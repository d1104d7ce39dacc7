"""A tiny inline plugin for core tests: sentences without NLP, and first sentences as facts."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from briefing import (
    AnalysedArticle,
    Briefing,
    Evidence,
    Extractor,
    Fact,
    PublishContext,
    Publisher,
    Secret,
    hookimpl,
)
from briefing.testing import SentenceAnalyser


class SplitAnalyser(SentenceAnalyser):
    """The testing kit's analyser: sentences by punctuation and line breaks, no entities."""


class FirstSentenceFacts(Extractor):
    """Each article's first sentence as a fact."""

    def extract(self, analysed: AnalysedArticle) -> list[Fact]:
        article = analysed.article
        if not article.sentences:
            return []
        first = article.sentences[0]
        return [Fact(first.text, (Evidence(article.id, 0, first.text),), (article.source,), 1.0)]


@dataclass(frozen=True)
class LeakyOptions:
    password: Secret


class LeakyPublisher(Publisher[LeakyOptions]):
    """A publisher whose library puts the password in what it logs and raises, as some do."""

    options_class = LeakyOptions

    def publish(self, briefing: Briefing, context: PublishContext) -> None:
        password = self.options.password.reveal()
        logging.getLogger("leaky.client").warning("login as briefing:%s refused", password)
        raise RuntimeError(f"535 authentication failed for briefing:{password}")


class SimplePlugin:
    """An inline plugin, registered the way a third-party plugin would be."""

    __name__ = "simple-test-plugin"

    @hookimpl
    def register_analysers(self, register: Callable[[str, object], None]) -> None:
        register("split", SplitAnalyser)

    @hookimpl
    def register_extractors(self, register: Callable[[str, object], None]) -> None:
        register("first-sentence", FirstSentenceFacts)

    @hookimpl
    def register_publishers(self, register: Callable[[str, object], None]) -> None:
        register("leaky", LeakyPublisher)
