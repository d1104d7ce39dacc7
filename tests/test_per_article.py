"""Caching and worker processes change how fast a briefing is made, never what it says."""

from __future__ import annotations

from pathlib import Path

from simple_plugin import FirstSentenceFacts, SplitAnalyser

from briefing import Article, Extractor, Item, RunContext, Source, hookimpl, make_article
from briefing.core.config import load_config
from briefing.core.pipeline import Pipeline
from briefing.core.plugins import make_plugin_manager
from briefing.core.serialize import briefing_to_dict
from briefing.core.store import Store

ANALYSED: list[str] = []


class CountingAnalyser(SplitAnalyser):
    def analyse(self, articles):
        for analysed in super().analyse(articles):
            ANALYSED.append(analysed.article.id)
            yield analysed


class Many(Source):
    def collect(self, context: RunContext):
        for n in range(300):
            yield make_article(f"Report {n} says output rose {n}%. Officials said more is due.",
                               title=f"Report {n}", source=f"wire-{n % 7}")


class FailsOnSeven(Extractor):
    def extract(self, analysed):
        if analysed.article.title.endswith("7"):
            raise ValueError(f"cannot read {analysed.article.title}")
        return FirstSentenceFacts(None).extract(analysed)


class Plugin:
    __name__ = "per-article-test"

    @hookimpl
    def register_sources(self, register):
        register("many", Many)

    @hookimpl
    def register_analysers(self, register):
        register("counting", CountingAnalyser)

    @hookimpl
    def register_extractors(self, register):
        register("picky", FailsOnSeven)


CONFIG = """
briefings:
  b:
    sources: [many]
    cleaners: []
    analyser: counting
    extractors: [picky]
    summariser: null
    outputs: []
"""


def pipeline(tmp_path: Path, **options) -> Pipeline:
    tmp_path.mkdir(exist_ok=True)
    path = tmp_path / "briefings.yaml"
    path.write_text(CONFIG)
    plugins = make_plugin_manager(extra=[Plugin()], entry_points=False)
    return Pipeline(load_config(path, plugins), plugins, Store(tmp_path / "state.db"), **options)


def comparable(result) -> dict:
    data = briefing_to_dict(result.briefing)
    data.pop("generated_at")
    for story in data["stories"]:  # a new story is first briefed when its run was made
        story.pop("first_briefed")
    return data


def test_a_second_run_reads_the_cache_and_gives_the_same_briefing(tmp_path):
    ANALYSED.clear()
    first = pipeline(tmp_path).run("b", publish=False)
    assert len(ANALYSED) == 300
    second = pipeline(tmp_path).run("b", publish=False)
    # Only the 30 articles an extractor failed on were not cached; they are tried again.
    assert len(ANALYSED) == 330
    assert comparable(first) == comparable(second)
    assert len(first.failures) == len(second.failures) == 30


def test_no_cache_analyses_again(tmp_path):
    ANALYSED.clear()
    pipeline(tmp_path).run("b", publish=False)
    pipeline(tmp_path, cache=False).run("b", publish=False)
    assert len(ANALYSED) == 600


def test_two_workers_give_the_same_briefing_as_one(tmp_path):
    one = pipeline(tmp_path / "one", cache=False).run("b", publish=False)
    two = pipeline(tmp_path / "two", cache=False, workers=2).run("b", publish=False)
    assert comparable(one) == comparable(two)
    assert [f.error for f in one.failures] == [f.error for f in two.failures]
    assert len(two.failures) == 30 and two.failures[0].plugin == "per-article-test"


def test_batches_hold_at_most_the_character_limit_and_keep_the_order():
    from briefing.core.per_article import batches

    articles = [make_article("x" * length, title=f"a{n}") for n, length in enumerate([40, 70, 10, 200, 5, 5])]
    found = list(batches(articles, limit=100))
    assert [a.title for batch in found for a in batch] == [a.title for a in articles]
    # an article longer than the limit goes alone; the others fill batches up to the limit
    assert [[a.title for a in batch] for batch in found] == [["a0"], ["a1", "a2"], ["a3"], ["a4", "a5"]]


def test_parked_results_come_back_equal_and_in_order():
    from briefing.core.per_article import park

    articles = [make_article(f"Text {n}.", title=f"t{n}") for n in range(5)]
    unpicklable = make_article("Odd one.", meta={"callback": lambda: None})
    results: list[tuple[Article, list[Item]]] = [(a, []) for a in articles[:2]]
    results += [(unpicklable, []), *((a, []) for a in articles[2:])]
    back = park(iter(results))
    assert back == results
    assert back[2][0] is unpicklable  # kept in memory as it was
    assert park(iter(())) == []


PLUGIN_MODULE = '''
from pathlib import Path

from simple_plugin import FirstSentenceFacts

from briefing import Extractor


class Labelled(Extractor):
    """Facts only while the data file beside the code says "on" (as a model's weights would)."""

    def extract(self, analysed):
        if (Path(__file__).parent / "switch.txt").read_text().strip() != "on":
            return []
        return FirstSentenceFacts(None).extract(analysed)
'''


def test_a_changed_data_file_beside_an_extractor_is_not_served_from_the_cache(tmp_path, monkeypatch):
    """Retraining the risk model changes its weights file, not its code: the cache must see it."""
    package = tmp_path / "code" / "labelplug"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(PLUGIN_MODULE)
    (package / "switch.txt").write_text("on")
    monkeypatch.syspath_prepend(str(tmp_path / "code"))
    import labelplug  # type: ignore[import-not-found]

    class Registers(Plugin):
        @hookimpl
        def register_extractors(self, register):
            register("labelled", labelplug.Labelled)

    def run():
        path = tmp_path / "briefings.yaml"
        path.write_text(CONFIG.replace("extractors: [picky]", "extractors: [labelled]"))
        plugins = make_plugin_manager(extra=[Registers()], entry_points=False)
        store = Store(tmp_path / "state.db")
        return Pipeline(load_config(path, plugins), plugins, store).run("b", publish=False)

    ANALYSED.clear()
    assert run().briefing.facts
    assert run().briefing.facts and len(ANALYSED) == 300  # the second run read the cache
    (package / "switch.txt").write_text("off!")
    assert not run().briefing.facts
    assert len(ANALYSED) == 600


def test_a_builtin_depends_on_its_room_and_the_shared_text_room() -> None:
    import briefing.plugins.analysis.extract.risks as risks
    from briefing.core.per_article import code_folders

    folders = [Path(f) for f in code_folders(risks.__file__)]
    assert [f.name for f in folders] == ["analysis", "text"]
    assert (folders[0] / "extract" / "risk_model.npz").exists()
