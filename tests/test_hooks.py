"""One test per hook: an inline plugin implements it, and the test runs what the hook affects.

Each test builds a fresh plugin manager with ``make_plugin_manager(extra=[...])`` and, where the
hook is part of a run, runs a real briefing through ``Pipeline`` from a config file in tmp_path.
A tiny inline analyser (split on ". ") keeps these runs free of NLP models.
"""

from __future__ import annotations

import asyncio
import copy
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
import pytest
import yaml
from click.testing import CliRunner

from briefing import (
    AnalysedArticle,
    Analyser,
    Article,
    Briefing,
    Cleaner,
    ConfigError,
    Evidence,
    Extractor,
    Fact,
    PublishContext,
    Publisher,
    RunContext,
    Sentence,
    Source,
    StageFailure,
    Summariser,
    Summary,
    hookimpl,
    make_article,
)
from briefing.core.cli import cli
from briefing.core.config import load_config
from briefing.core.plugins import Plugins, make_plugin_manager
from briefing.core.store import Store
from briefing.testing import KIT_PLUGIN, run_pipeline

NOW = datetime(2025, 3, 1, 7, 0, tzinfo=UTC)
TEXT = "The river rose overnight. The bridge was closed. Volunteers filled sandbags"
ARTICLES = [make_article(TEXT, title="Flood warning", url="https://example.org/flood"),
            make_article("The mayor spoke at noon. Schools stay open", title="Mayor",
                         url="https://example.org/mayor")]


class TinyAnalyser(Analyser[Any]):
    """Splits on ". " only: enough sentences for hook tests, no model to load."""

    def analyse(self, articles: Iterable[Article]) -> Iterator[AnalysedArticle]:
        for article in articles:
            sentences: list[Sentence] = []
            start = 0
            for part in article.text.split(". "):
                text = part if part.endswith(".") or start + len(part) >= len(article.text) else part + "."
                text = text.strip()
                sentences.append(Sentence(len(sentences), start, start + len(text), text))
                start += len(part) + 2
            yield AnalysedArticle(replace(article, sentences=tuple(sentences)))


class FirstSentence(Extractor[Any]):
    """One fact per article: its first sentence."""

    def extract(self, analysed: AnalysedArticle) -> Iterable[Fact]:
        article = analysed.article
        first = article.sentences[0].text
        yield Fact(first, (Evidence(article.id, 0, first),), (article.source,), 1.0)


class Basics:
    """What every test run needs besides the hook under test."""

    @hookimpl
    def register_analysers(self, register: Any) -> None:
        register("tiny", TinyAnalyser)

    @hookimpl
    def register_extractors(self, register: Any) -> None:
        register("first-sentence", FirstSentence)


def manager(*plugins: object) -> Plugins:
    return make_plugin_manager(extra=[KIT_PLUGIN, Basics(), *plugins], entry_points=False)


def config(**overrides: Any) -> dict[str, Any]:
    block: dict[str, Any] = {"sources": ["given"], "cleaners": [], "analyser": "tiny",
                             "extractors": [], "summariser": None, "outputs": []}
    block.update(overrides)
    return block


def run(plugins: Plugins, tmp_path: Path, *, articles: list[Article] | None = ARTICLES,
        publish: bool = False, **overrides: Any) -> Any:
    return run_pipeline(config(**overrides), plugins=plugins, tmp_path=tmp_path, articles=articles,
                        publish=publish, now=NOW)


# Component registration.


def test_hook_register_sources(tmp_path: Path) -> None:
    @dataclass(frozen=True)
    class CountingOptions:
        count: int = 2

    class Counting(Source[CountingOptions]):
        options_class = CountingOptions

        def collect(self, context: RunContext) -> Iterator[Article]:
            for n in range(self.options.count):
                yield make_article(f"Report number {n} arrived. It was short", source="counting")

    class Plugin:
        @hookimpl
        def register_sources(self, register: Any) -> None:
            register("counting", Counting)

    result = run(manager(Plugin()), tmp_path, articles=None,
                 sources=[{"type": "counting", "count": 3}], extractors=["first-sentence"])
    assert result.failures == []
    articles = result.briefing.articles
    assert [a.source for a in articles] == ["counting"] * 3
    assert {a.text for a in articles} == {f"Report number {n} arrived. It was short" for n in range(3)}
    # Each article's facts reached the briefing (the assembler may merge look-alike facts).
    assert {e.article_id for f in result.briefing.facts for e in f.evidence} == {a.id for a in articles}


def test_hook_register_cleaners(tmp_path: Path) -> None:
    class DropShouting(Cleaner[Any]):
        def clean(self, article: Article) -> Article:
            kept = [line for line in article.text.splitlines() if not line.isupper()]
            return replace(article, text="\n".join(kept))

    class Plugin:
        @hookimpl
        def register_cleaners(self, register: Any) -> None:
            register("drop-shouting", DropShouting)

    noisy = make_article("SUBSCRIBE NOW\nThe harvest was early. Prices fell", title="Harvest")
    result = run(manager(Plugin()), tmp_path, articles=[noisy], cleaners=["drop-shouting"])
    assert result.briefing.articles[0].text == "The harvest was early. Prices fell"


def test_hook_register_analysers(tmp_path: Path) -> None:
    class OneSentence(Analyser[Any]):
        def analyse(self, articles: Iterable[Article]) -> Iterator[AnalysedArticle]:
            for article in articles:
                whole = Sentence(0, 0, len(article.text), article.text)
                yield AnalysedArticle(replace(article, sentences=(whole,)))

    class Plugin:
        @hookimpl
        def register_analysers(self, register: Any) -> None:
            register("one-sentence", OneSentence)

    result = run(manager(Plugin()), tmp_path, analyser="one-sentence", extractors=["first-sentence"])
    assert [len(a.sentences) for a in result.briefing.articles] == [1, 1]
    assert TEXT in {f.text for f in result.briefing.facts}


def test_hook_register_extractors(tmp_path: Path) -> None:
    class Closures(Extractor[Any]):
        def extract(self, analysed: AnalysedArticle) -> Iterable[Fact]:
            for sentence in analysed.article.sentences:
                if "closed" in sentence.text:
                    yield Fact(sentence.text, (Evidence(analysed.article.id, sentence.index, "closed"),))

    class Plugin:
        @hookimpl
        def register_extractors(self, register: Any) -> None:
            register("closures", Closures)

    result = run(manager(Plugin()), tmp_path, extractors=["closures"])
    assert [f.text for f in result.briefing.facts] == ["The bridge was closed."]


def test_hook_register_summarisers(tmp_path: Path) -> None:
    class Headline(Summariser[Any]):
        def summarise(self, briefing: Briefing) -> Summary:
            article = briefing.articles[0]
            first = article.sentences[0].text
            return Summary(first, (Evidence(article.id, 0, first),))

    class Plugin:
        @hookimpl
        def register_summarisers(self, register: Any) -> None:
            register("headline", Headline)

    result = run(manager(Plugin()), tmp_path, summariser="headline")
    assert result.briefing.summary.text == "The river rose overnight."


def test_hook_register_publishers(tmp_path: Path) -> None:
    @dataclass(frozen=True)
    class ListOptions:
        path: Path

    class Lister(Publisher[ListOptions]):
        options_class = ListOptions

        def publish(self, briefing: Briefing, context: PublishContext) -> None:
            target = context.format_path(self.options.path)
            titles = "\n".join(article.title for article in briefing.articles)
            context.outbox.deliver("list", str(target), lambda: str(target.write_text(titles)))

    class Plugin:
        @hookimpl
        def register_publishers(self, register: Any) -> None:
            register("list", Lister)

    result = run(manager(Plugin()), tmp_path, publish=True,
                 outputs=[{"type": "list", "path": "{name}-{date}.txt"}])
    assert result.ok
    assert (tmp_path / "test-2025-03-01.txt").read_text() == "Flood warning\nMayor"
    store = Store(tmp_path / "state.db")
    statuses = [row["status"] for row in store.db.execute("SELECT status FROM deliveries")]
    store.close()
    assert statuses == ["sent"]


def test_hook_register_bot_commands() -> None:
    from briefing import BotCommand, ChatRequest
    from briefing.plugins.telegram.bot import load_commands
    from briefing.testing import RecordedChat

    class Echo(BotCommand):
        description = "say it back"

        async def run(self, request: ChatRequest) -> None:
            await request.reply(" ".join(request.args))

    class Plugin:
        @hookimpl
        def register_bot_commands(self, register: Any) -> None:
            register("echo", Echo)

    class Rival:
        @hookimpl
        def register_bot_commands(self, register: Any) -> None:
            register("echo", Echo)

    commands = load_commands(manager(Plugin()))  # what `briefing bot` answers
    assert {"echo", "brief", "help"} <= set(commands)
    request = RecordedChat("echo", ["high", "tide"])
    asyncio.run(commands["echo"].run(request))
    assert request.replies == ["high tide"]
    clash = make_plugin_manager(extra=[Plugin(), Rival()], entry_points=False)
    kept = clash.component("bot_command", "echo")
    assert kept is not None and kept.plugin == "Plugin-0"
    assert [(f.plugin, f.error) for f in clash.failures if f.plugin == "Rival-1"] == [
        ("Rival-1", "cannot register: PluginError: bot_command 'echo' is registered by both "
                    "'Plugin-0' and 'Rival-1'")]


# Steps a plugin may replace.


def test_hook_assemble_briefing(tmp_path: Path) -> None:
    class Newest:
        @hookimpl
        def assemble_briefing(self, name: str, title: str, articles: Any, items: Any,
                              failures: Any, generated_at: datetime) -> Briefing:
            return Briefing(name, title.upper(), generated_at, tuple(articles[:1]),
                            facts=tuple(i for i in items if isinstance(i, Fact))[:1],
                            failures=tuple(failures))

    result = run(manager(Newest()), tmp_path, title="Floods", extractors=["first-sentence"])
    assert result.briefing.title == "FLOODS"
    assert len(result.briefing.articles) == 1
    assert [f.text for f in result.briefing.facts] == ["The river rose overnight."]


def test_hook_dedupe_articles(tmp_path: Path) -> None:
    class SameTitle:
        """Articles with a title seen before are repeats, whatever their text."""

        def __init__(self) -> None:
            self.seen: list[tuple[str, int]] = []

        @hookimpl
        def dedupe_articles(self, briefing: str, articles: Any) -> list[Article]:
            self.seen.append((briefing, len(articles)))
            kept: dict[str, Article] = {}
            for article in articles:
                kept.setdefault(article.title, article)
            return list(kept.values())

    repeats = [make_article("Storm hits the coast. Roofs lost", title="Storm"),
               make_article("A storm hit the coast today. Many roofs lost", title="Storm"),
               make_article("Markets calm. Bonds steady", title="Markets")]
    plugin = SameTitle()
    result = run(manager(plugin), tmp_path, articles=repeats)
    assert plugin.seen == [("test", 3)]
    assert [a.text for a in result.briefing.articles] == [repeats[0].text, repeats[2].text]


def test_hook_canonical_url(tmp_path: Path) -> None:
    class DropTracking:
        @hookimpl
        def canonical_url(self, url: str) -> str:
            return url.split("?")[0]

    same = [make_article("Bees swarmed. Keepers came", url="https://example.org/bees?utm_source=a"),
            make_article("Bees swarmed at dawn. Keepers came", url="https://example.org/bees?ref=b")]
    result = run(manager(DropTracking()), tmp_path, articles=same)
    assert [a.url for a in result.briefing.articles] == ["https://example.org/bees"]


# Adjustments every plugin may make.


@dataclass(frozen=True)
class ArchiveSection:
    """A plugin's own top-level section: which briefings to archive, and for how long."""

    briefings: list[str]
    keep_days: int = 30

    def problems(self) -> list[tuple[tuple[str, ...], str]]:
        return [] if self.keep_days > 0 else [(("keep_days",), "expected a number of days above 0")]


class Archive:
    @hookimpl
    def register_config_sections(self, register: Any) -> None:
        register("archive", ArchiveSection)


def write_archive_config(path: Path, archive: str) -> Path:
    path.write_text(f"archive: {archive}\nbriefings:\n  b:\n"
                    "    sources: [{type: folder, path: .}]\n    cleaners: []\n    extractors: []\n"
                    "    summariser: null\n")
    return path


def test_hook_register_config_sections(tmp_path: Path) -> None:
    plugins = make_plugin_manager(extra=[Archive()], entry_points=False)
    path = write_archive_config(tmp_path / "briefings.yaml", "{briefings: [b], keep_days: 7}")
    config = load_config(path, plugins)
    assert config.sections["archive"] == ArchiveSection(["b"], 7)  # built once, as the dataclass
    write_archive_config(path, "{briefings: [b], keep: 7}")
    with pytest.raises(ConfigError) as typo:
        load_config(path, plugins)
    assert typo.value.problems[0].startswith(f"{path}:1: archive.keep: unknown option 'keep'")
    write_archive_config(path, "{briefings: [b], keep_days: 0}")
    with pytest.raises(ConfigError) as checked:
        load_config(path, plugins)
    assert checked.value.problems == [f"{path}:1: archive.keep_days: expected a number of days above 0"]
    with pytest.raises(ConfigError) as unknown:  # without the plugin the section is unknown
        load_config(path, make_plugin_manager(entry_points=False))
    problem = unknown.value.problems[0]
    assert "archive: unknown key (expected one of " in problem
    assert "bot, briefings," in problem and "archive," not in problem  # the registered ones listed


def test_hook_validate_config(tmp_path: Path) -> None:
    class ChecksArchive(Archive):
        @hookimpl
        def validate_config(self, config: Any) -> list[str]:
            archive = config.sections.get("archive")
            unknown = [name for name in archive.briefings if name not in config.briefings]
            return [f"{config.locate('archive', 'briefings')}: no briefing named {name}"
                    for name in unknown]

    path = write_archive_config(tmp_path / "briefings.yaml", "{briefings: [b, c]}")
    plugins = make_plugin_manager(extra=[ChecksArchive()], entry_points=False)
    result = CliRunner().invoke(cli, ["--config", str(path), "validate"], obj=plugins)
    assert result.exit_code == 2
    assert result.stderr == f"error: {path}:1: archive.briefings: no briefing named c\n"


def test_hook_prepare_jinja2_environment(tmp_path: Path) -> None:
    class Shout:
        @hookimpl
        def prepare_jinja2_environment(self, env: Any) -> None:
            env.filters["shout"] = lambda text: str(text).upper() + "!"

    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "loud.txt.j2").write_text("{{ briefing.title | shout }}\n")
    result = run(manager(Shout()), tmp_path, publish=True, title="Floods",
                 outputs=[{"type": "file", "path": "loud.txt", "template": "loud.txt.j2"}])
    assert result.failures == []
    assert (tmp_path / "loud.txt").read_text() == "FLOODS!\n"


def test_hook_register_commands() -> None:
    class Hello:
        @hookimpl
        def register_commands(self, cli: click.Group) -> None:
            @cli.command()
            @click.argument("who")
            def hello(who: str) -> None:
                """Say hello to WHO."""
                click.echo(f"hello {who}")

    group = copy.copy(cli)  # the hook adds to the group it is given; keep the real one untouched
    group.commands = dict(cli.commands)
    plugins = manager(Hello())
    plugins.hook.register_commands(cli=group)
    runner = CliRunner()
    shown = runner.invoke(group, ["--help"], obj=plugins)
    assert shown.exit_code == 0
    assert "Say hello to WHO." in shown.output
    said = runner.invoke(group, ["hello", "world"], obj=plugins)
    assert said.output == "hello world\n"
    assert "hello" not in cli.commands


# Notifications.


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []

    @hookimpl
    def briefing_started(self, name: str, generated_at: datetime) -> None:
        self.calls.append(("started", (name, generated_at)))

    @hookimpl
    def stage_failed(self, failure: StageFailure) -> None:
        self.calls.append(("failed", failure))

    @hookimpl
    def briefing_finished(self, briefing: Briefing) -> None:
        self.calls.append(("finished", briefing))

    @hookimpl
    def delivery_finished(self, delivery: Any) -> None:
        self.calls.append(("delivered", delivery))

    def of(self, kind: str) -> list[Any]:
        return [value for name, value in self.calls if name == kind]


class Broken(Extractor[Any]):
    def extract(self, analysed: AnalysedArticle) -> Iterable[Fact]:
        raise RuntimeError("broken on purpose")


class Failing(Publisher[Any]):
    def publish(self, briefing: Briefing, context: PublishContext) -> None:
        def send() -> str:
            raise ConnectionError("receiver is down")

        context.outbox.deliver("failing", "somewhere", send)


class Sent(Publisher[Any]):
    def publish(self, briefing: Briefing, context: PublishContext) -> None:
        context.outbox.deliver("sent", "nowhere", lambda: "message-1")


class Faulty:
    """A plugin whose extractor and publisher raise."""

    __name__ = "faulty"

    @hookimpl
    def register_extractors(self, register: Any) -> None:
        register("broken", Broken)

    @hookimpl
    def register_publishers(self, register: Any) -> None:
        register("failing", Failing)
        register("sent", Sent)


def test_hook_briefing_started(tmp_path: Path) -> None:
    recorder = Recorder()
    run(manager(recorder), tmp_path)
    assert recorder.calls[0] == ("started", ("test", NOW))


def test_hook_stage_failed(tmp_path: Path) -> None:
    recorder = Recorder()
    result = run(manager(recorder, Faulty()), tmp_path, publish=True,
                 extractors=["broken", "first-sentence"], outputs=["failing", "sent"])
    seen = recorder.of("failed")
    assert [(f.stage, f.component, f.plugin) for f in seen] == \
        [("extract", "broken", "faulty")] * 2 + [("publish", "failing", "faulty")]
    assert "RuntimeError: broken on purpose" in seen[0].error
    assert "receiver is down" in seen[2].error
    # The run went on: the other extractor's facts and the other publisher's delivery are there,
    # and the briefing lists what failed.
    assert len(result.briefing.facts) == 2
    assert list(result.briefing.failures) == seen
    assert [d.status for d in recorder.of("delivered")] == ["failed", "sent"]


def test_failing_plugin_is_reported_by_briefing_run(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "storm.txt").write_text("Storm\nThe storm passed. Roofs were lost")
    block = config(sources=[{"type": "folder", "path": "articles"}],
                   extractors=["broken", "first-sentence"])
    path = tmp_path / "briefings.yaml"
    path.write_text(yaml.safe_dump({"state": "state.db", "briefings": {"storm": block}}))
    outcome = CliRunner().invoke(cli, ["--config", str(path), "run", "--no-publish", "--json"],
                                 obj=manager(Faulty()))
    assert outcome.exit_code == 1
    assert "error: RuntimeError: broken on purpose [extract: broken]" in outcome.output
    printed = json.loads(outcome.output.splitlines()[-1])
    assert [f["text"] for f in printed["facts"]] == ["The storm passed."]
    assert printed["failures"][0]["component"] == "broken"


def test_hook_briefing_finished(tmp_path: Path) -> None:
    recorder = Recorder()
    run(manager(recorder, Faulty()), tmp_path, publish=True, extractors=["first-sentence"],
        outputs=["sent"])
    kinds = [name for name, _ in recorder.calls]
    assert kinds == ["started", "finished", "delivered"]
    finished = recorder.of("finished")[0]
    assert finished.name == "test"
    assert len(finished.facts) == 2


def test_hook_delivery_finished(tmp_path: Path) -> None:
    recorder = Recorder()
    run(manager(recorder, Faulty()), tmp_path, publish=True, outputs=["sent", "failing"])
    delivered = recorder.of("delivered")
    assert [(d.channel, d.status, d.attempts) for d in delivered] == \
        [("sent", "sent", 1), ("failing", "failed", 1)]
    assert delivered[0].message_id == "message-1"
    assert delivered[1].error == "receiver is down"
    # The failed delivery is retried by the next run; the sent one is not sent again.
    again = Recorder()
    run(manager(again, Faulty()), tmp_path, publish=True, outputs=["sent", "failing"])
    assert [(d.channel, d.attempts) for d in again.of("delivered")] == [("failing", 2)]
