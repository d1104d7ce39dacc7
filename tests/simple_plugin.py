"""A tiny inline plugin for core tests: sentences without NLP, and first sentences as facts."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from briefing import AnalysedArticle, Analyser, Article, Evidence, Extractor, Fact, Sentence, hookimpl

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


class SplitAnalyser(Analyser):
    """Sentences by punctuation and line breaks; no entities. Fast and predictable."""

    def analyse(self, articles: Iterable[Article]) -> Iterator[AnalysedArticle]:
        for article in articles:
            sentences = []
            for match in _SENTENCE.finditer(article.text):
                text = match.group().strip()
                if text:
                    start = match.start() + match.group().index(text)
                    sentences.append(Sentence(len(sentences), start, start + len(text), text))
            yield AnalysedArticle(replace(article, sentences=tuple(sentences)))


class FirstSentenceFacts(Extractor):
    """Each article's first sentence as a fact."""

    def extract(self, analysed: AnalysedArticle) -> list[Fact]:
        article = analysed.article
        if not article.sentences:
            return []
        first = article.sentences[0]
        return [Fact(first.text, (Evidence(article.id, 0, first.text),), (article.source,), 1.0)]


class SimplePlugin:
    """An inline plugin, registered the way a third-party plugin would be."""

    __name__ = "simple-test-plugin"

    @hookimpl
    def register_analysers(self, register: Callable[[str, object], None]) -> None:
        register("split", SplitAnalyser)

    @hookimpl
    def register_extractors(self, register: Callable[[str, object], None]) -> None:
        register("first-sentence", FirstSentenceFacts)
