"""One size limit for every source, and an analyser that refuses an oversized text with a line
naming the article (issue 15): a 52 MB article in a jsonl file gave spaCy's raw [E088] message."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

import briefing
from briefing.plugins.sources.folder import FolderOptions
from briefing.plugins.sources.jsonl import JsonlOptions
from briefing.plugins.sources.rss import RssOptions
from briefing.plugins.sources.web import HtmlOptions, UrlOptions
from briefing.testing import run_pipeline

SHORT = "The council met on Monday. It approved the budget."


def defaults(options_class: type) -> dict[str, object]:
    found = {}
    for f in dataclasses.fields(options_class):
        if f.default is not dataclasses.MISSING:
            found[f.name] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            found[f.name] = f.default_factory()
    return found


@pytest.mark.parametrize("options_class", [FolderOptions, HtmlOptions, JsonlOptions, UrlOptions, RssOptions])
def test_every_source_has_the_same_limits(options_class: type) -> None:
    found = defaults(options_class)
    assert found["max_chars"] == briefing.DEFAULT_MAX_CHARS == 1_000_000
    max_bytes = found["max_bytes"] if "max_bytes" in found else found["http"].max_bytes  # type: ignore[attr-defined]
    assert max_bytes == briefing.DEFAULT_MAX_BYTES == 10_000_000


def write_jsonl(path: Path, *texts: str) -> None:
    path.write_text("".join(json.dumps({"title": f"Story {i}", "text": text}) + "\n"
                            for i, text in enumerate(texts, start=1)), encoding="utf-8")


def run(tmp_path: Path, source: dict[str, object], analyser: object = "spacy") -> object:
    return run_pipeline({"sources": [source], "cleaners": [], "analyser": analyser,
                         "extractors": [], "summariser": None}, tmp_path=tmp_path)


def test_an_article_over_max_chars_is_one_line_naming_it(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "a.jsonl", SHORT, "Word " * 240_000 + "end.", SHORT + " Again.")
    result = run(tmp_path, {"type": "jsonl", "path": "a.jsonl"})
    assert result.briefing is not None and len(result.briefing.articles) == 2
    (failure,) = result.failures
    assert failure.error == ("a.jsonl: article 'Story 2': its text is 1,200,004 characters, over "
                             "the 1,000,000-character limit (max_chars); left out")
    assert "E088" not in failure.error


def test_a_jsonl_line_over_max_bytes_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "a.jsonl", SHORT, "x" * 2_000, SHORT + " Again.")
    result = run(tmp_path, {"type": "jsonl", "path": "a.jsonl", "max_bytes": 1_000})
    assert result.briefing is not None and len(result.briefing.articles) == 2
    (failure,) = result.failures
    assert failure.error == "a.jsonl:2: line is over the 1,000-byte limit (max_bytes)"


def test_a_jsonl_file_larger_than_max_bytes_is_read_line_by_line(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "a.jsonl", *[f"{SHORT} Item {i}." for i in range(40)])
    result = run(tmp_path, {"type": "jsonl", "path": "a.jsonl", "max_bytes": 200}, analyser="sentences")
    assert result.failures == [] and len(result.briefing.articles) == 40


def test_the_analyser_refuses_an_oversized_text_naming_the_article(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "a.jsonl", SHORT, "Word " * 40 + "end.", SHORT + " Again.")
    result = run(tmp_path, {"type": "jsonl", "path": "a.jsonl"},
                 analyser={"type": "spacy", "max_chars": 100})
    assert result.briefing is not None
    assert [a.title for a in result.briefing.articles] == ["Story 1", "Story 3"]
    (failure,) = result.failures
    assert failure.stage == "analyse"
    assert failure.error == ("a.jsonl: article 'Story 2': its text is 204 characters, over the "
                             "spacy analyser's 100-character limit (max_chars); not analysed")


def test_the_folder_source_takes_the_same_limit(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text("Short\n\n" + SHORT + "\n")
    (tmp_path / "articles" / "b.txt").write_text("Long\n\n" + "Word " * 30 + "\n")
    result = run(tmp_path, {"type": "folder", "path": "articles", "max_chars": 100}, analyser="sentences")
    (failure,) = result.failures
    assert failure.error.startswith("articles/b.txt: article 'Long': its text is 150 characters")
