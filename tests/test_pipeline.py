"""The pipeline runs plugins' components, isolates their failures and checks provenance."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing import (
    Evidence,
    Extractor,
    PublishContext,
    Publisher,
    Risk,
    RunContext,
    Source,
    hookimpl,
    make_article,
)
from briefing.core.config import load_config
from briefing.core.errors import ProvenanceError
from briefing.core.pipeline import Pipeline
from briefing.core.plugins import make_plugin_manager
from briefing.core.store import Store

PUBLISHED: list[tuple[str, str]] = []


class Inline(Source):
    def collect(self, context: RunContext):
        yield make_article("Ministers met in Oslo. They agreed a plan.", title="Talks", source="inline")
        yield make_article("Prices rose by 3%. Analysts expect more.", title="Prices", source="inline")


class Boom(Extractor):
    def extract(self, analysed):
        raise RuntimeError("model exploded")


class Liar(Extractor):
    """Cites a sentence that does not say what it quotes."""

    def extract(self, analysed):
        return [Risk("made up", (Evidence(analysed.article.id, 0, "words nobody wrote"),))]


class Collect(Publisher):
    def publish(self, briefing, context: PublishContext):
        context.outbox.deliver("memory", "list", lambda: PUBLISHED.append((briefing.name, context.day)))


class Broken(Publisher):
    def publish(self, briefing, context):
        raise ConnectionError("server at 127.0.0.1:9 refused the connection")


class TestPlugin:
    __name__ = "inline-test-plugin"

    @hookimpl
    def register_sources(self, register):
        register("inline", Inline)

    @hookimpl
    def register_extractors(self, register):
        register("boom", Boom)
        register("liar", Liar)

    @hookimpl
    def register_publishers(self, register):
        register("collect", Collect)
        register("broken", Broken)


CONFIG = """
briefings:
  b:
    title: Inline briefing
    sources: [inline]
    cleaners: []
    analyser: split
    extractors: {extractors}
    summariser: null
    outputs: {outputs}
"""


def make_pipeline(tmp_path: Path, simple_plugin, extractors="[first-sentence]", outputs="[collect]",
                  strict=False) -> Pipeline:
    path = tmp_path / "briefings.yaml"
    path.write_text(CONFIG.format(extractors=extractors, outputs=outputs))
    plugins = make_plugin_manager(extra=[simple_plugin, TestPlugin()], entry_points=False)
    return Pipeline(load_config(path, plugins), plugins, Store(tmp_path / "state.db"), strict=strict)


def test_inline_source_extractor_and_publisher_run(tmp_path, simple_plugin):
    PUBLISHED.clear()
    result = make_pipeline(tmp_path, simple_plugin).run("b")
    assert result.ok, result.failures
    assert [f.text for f in result.briefing.facts] == ["Ministers met in Oslo.", "Prices rose by 3%."]
    day = result.briefing.generated_at.date().isoformat()  # the schedule's zone is UTC
    assert [("b", day)] == PUBLISHED
    assert make_pipeline(tmp_path, simple_plugin).store.latest_briefing("b")["title"] == "Inline briefing"


def test_a_failing_extractor_is_recorded_and_the_others_go_on(tmp_path, simple_plugin):
    result = make_pipeline(tmp_path, simple_plugin, "[boom, first-sentence]").run("b", publish=False)
    assert len(result.briefing.facts) == 2
    assert {(f.stage, f.component, f.error) for f in result.failures} == {
        ("extract", "boom", "RuntimeError: model exploded")}
    assert result.briefing.failures[0].plugin == "inline-test-plugin"
    assert not result.ok


def test_items_whose_evidence_does_not_resolve_are_dropped(tmp_path, simple_plugin):
    result = make_pipeline(tmp_path, simple_plugin, "[liar, first-sentence]").run("b", publish=False)
    assert result.briefing.risks == ()
    assert all(f.component == "provenance" for f in result.failures)
    assert "'words nobody wrote' is not in sentence 0" in result.failures[0].error
    with pytest.raises(ProvenanceError):
        make_pipeline(tmp_path, simple_plugin, "[liar]", strict=True).run("b", publish=False)


def test_one_failing_output_does_not_stop_the_others(tmp_path, simple_plugin):
    PUBLISHED.clear()
    result = make_pipeline(tmp_path, simple_plugin, outputs="[broken, collect]").run("b")
    assert len(PUBLISHED) == 1
    (failure,) = result.failures
    assert failure.stage == "publish" and "refused the connection" in failure.error
    assert result.briefing.failures == (failure,)


def test_no_articles_means_no_briefing_and_a_reason(tmp_path, simple_plugin):
    (tmp_path / "empty").mkdir()
    path = tmp_path / "briefings.yaml"
    path.write_text(CONFIG.format(extractors="[]", outputs="[collect]").replace(
        "sources: [inline]", "sources: [{type: folder, path: empty}]"))
    plugins = make_plugin_manager(extra=[simple_plugin, TestPlugin()], entry_points=False)
    PUBLISHED.clear()
    result = Pipeline(load_config(path, plugins), plugins, Store(tmp_path / "s.db")).run("b")
    assert result.briefing is None and "no articles to brief" in (result.error or "")
    assert PUBLISHED == []
