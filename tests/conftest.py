"""Shared fixtures for the core tests: a tiny analyser so core behaviour is tested without NLP."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

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


@pytest.fixture
def simple_plugin() -> SimplePlugin:
    return SimplePlugin()


@pytest.fixture
def write_config(tmp_path: Path) -> Callable[[str], Path]:
    """Write a briefings.yaml into tmp_path (dedented) and return its path."""

    def write(text: str) -> Path:
        path = tmp_path / "briefings.yaml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def articles_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Harbour strike enters second week\n\nDock workers in Rotterdam extended their strike on "
        "Monday. The union said talks had failed.\n", encoding="utf-8")
    (folder / "b.txt").write_text(
        "Shipping lines reroute cargo\n\nSeveral shipping lines said they would reroute cargo to "
        "Antwerp. Delays could last a month.\n", encoding="utf-8")
    return folder
