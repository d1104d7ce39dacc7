"""pytest fixtures and helpers for plugin authors (registered as the ``pytest11`` entry point).

Installing ``briefing`` makes these fixtures available in every test suite, so a plugin's tests
are a few lines::

    from briefing.testing import assert_provenance, run_briefing

    import briefing_headlines

    def test_headlines(tmp_path):
        briefing = run_briefing(
            {"sources": [{"type": "given"}], "analyser": "sentences", "cleaners": [],
             "extractors": ["headlines"], "summariser": None},
            plugins=[briefing_headlines], articles=[make_article("Rain fell. Rivers rose.")],
            tmp_path=tmp_path)
        assert briefing.facts
        assert_provenance(briefing)

Two small components come with the kit so tests stay fast and offline: the ``given`` source
(the articles passed to ``run_briefing(articles=...)``) and the ``sentences`` analyser (splits on
full stops and line breaks, finds no entities; no model to load). Servers (SMTP, HTTP, the Bot
API) listen on 127.0.0.1 only. This module is imported by every pytest run in an environment
where briefing is installed, so it imports nothing heavy at module level.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from briefing.core.components import Analyser, ChatRequest
from briefing.core.config import load_config
from briefing.core.models import AnalysedArticle, Article, Briefing, make_article
from briefing.core.plugins import Plugins, make_plugin_manager
from briefing.core.provenance import item_problem
from briefing.core.service import Service
from briefing.testing.components import (
    KIT_PLUGIN,
    SentenceAnalyser,
    analyse,
    hold_articles,
    release_articles,
    split_sentences,
)

# The loopback servers live in servers.py; imported here so pytest finds the fixtures.
from briefing.testing.servers import (
    HttpReceiver,
    ReceivedMail,
    ReceivedRequest,
    SmtpServer,
    fake_bot_api,
    free_port,
    http_receiver,
    smtp_server,
)

__all__ = [
    "HttpReceiver",
    "ReceivedMail",
    "ReceivedRequest",
    "RecordedChat",
    "SentenceAnalyser",
    "SmtpServer",
    "analyse",
    "analyse_with",
    "analyse_with_spacy",
    "assert_provenance",
    "extract_checked",
    "fake_bot_api",
    "free_port",
    "http_receiver",
    "make_article",
    "make_plugins",
    "run_briefing",
    "run_pipeline",
    "smtp_server",
    "split_sentences",
]

# Plugin managers.


def make_plugins(*extra: object, entry_points: bool = False, strict: bool = False,
                 kit: bool = True) -> Plugins:
    """A fresh plugin manager: the builtins, the kit's components (unless ``kit=False``) and
    ``extra`` plugins (modules, classes or instances with ``@hookimpl`` functions).

    Installed entry points are left out unless ``entry_points=True``, so a test sees the same
    plugins on every machine.
    """
    plugins = [KIT_PLUGIN, *extra] if kit else list(extra)
    return make_plugin_manager(strict=strict, extra=plugins, entry_points=entry_points)


@pytest.fixture
def briefing_plugins() -> Any:
    """Call it to get a fresh plugin manager: ``briefing_plugins(my_plugin_module)``."""
    return make_plugins


# Running a briefing.


def run_pipeline(config: Mapping[str, Any], *, plugins: Plugins | Iterable[object] | None = None,
                 tmp_path: Path | None = None, articles: Iterable[Article] | None = None,
                 name: str | None = None, publish: bool = False, strict: bool = False,
                 now: datetime | None = None) -> Any:
    """Run one briefing and return the pipeline's ``RunResult`` (briefing, failures, error).

    ``config`` is either a whole briefings file (a mapping with ``briefings``) or the block of a
    single briefing, which is then named ``name`` or ``test``. It is written as YAML to
    ``tmp_path`` (a new temporary folder when not given) and loaded the way ``briefing run``
    loads it, so option checking is the real one. ``articles`` feed the ``given`` source, which
    is added to the briefing's sources when the config names none.
    """
    import yaml

    folder = Path(tmp_path) if tmp_path is not None else Path(tempfile.mkdtemp(prefix="briefing-"))
    folder.mkdir(parents=True, exist_ok=True)
    data = dict(config)
    if "briefings" not in data:
        data = {"briefings": {name or "test": data}}
    data = {"state": "state.db", **data}
    briefings = {key: dict(value) for key, value in data["briefings"].items()}
    data["briefings"] = briefings
    chosen = name or next(iter(briefings))
    batch = None
    if articles is not None:
        batch = hold_articles(articles)
        block = briefings[chosen]
        sources = [_with_batch(source, batch) for source in block.get("sources") or []]
        block["sources"] = sources or [{"type": "given", "batch": batch}]
    path = folder / "briefings.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    if plugins is None:
        plugins = make_plugins()
    elif not isinstance(plugins, Plugins):
        plugins = make_plugins(*plugins)
    service = Service(load_config(path, plugins), plugins)
    try:
        return service.run(chosen, publish=publish, strict=strict, now=now)
    finally:
        service.close()
        if batch is not None:
            release_articles(batch)


def _with_batch(source: Any, batch: str) -> Any:
    if source == "given":
        return {"type": "given", "batch": batch}
    if isinstance(source, dict) and source.get("type") == "given" and "batch" not in source:
        return {**source, "batch": batch}
    return source


def run_briefing(config: Mapping[str, Any], *, plugins: Plugins | Iterable[object] | None = None,
                 tmp_path: Path | None = None, articles: Iterable[Article] | None = None,
                 name: str | None = None, publish: bool = False, strict: bool = False,
                 now: datetime | None = None) -> Briefing:
    """Run one briefing (see ``run_pipeline``) and return it; fail the test if none was made.

    Nothing is published unless ``publish=True``. Component failures do not fail the test: they
    are in ``briefing.failures``, where a test can check them.
    """
    result = run_pipeline(config, plugins=plugins, tmp_path=tmp_path, articles=articles, name=name,
                          publish=publish, strict=strict, now=now)
    if result.briefing is None:
        failures = "; ".join(f"{f.stage} {f.component}: {f.error}" for f in result.failures)
        raise AssertionError(f"no briefing was made: {result.error}" + (f" ({failures})" if failures else ""))
    briefing: Briefing = result.briefing
    return briefing


_ANALYSERS: dict[str, Analyser[Any]] = {}


def analyse_with(analyser: str, text: str, *, title: str | None = None) -> AnalysedArticle:
    """``text`` analysed by the registered analyser of that name with its default options (for
    the builtin ``spacy``, the model loads once a process), for unit tests of an extractor that
    reads the parse (``analysed.doc``)."""
    if analyser not in _ANALYSERS:
        registered = make_plugin_manager(entry_points=False).component("analyser", analyser)
        if registered is None:
            raise LookupError(f"no analyser named {analyser!r} is registered")
        _ANALYSERS[analyser] = registered.factory(registered.factory.options_class())
    return next(iter(_ANALYSERS[analyser].analyse([make_article(text, title=title)])))


def analyse_with_spacy(text: str, *, title: str | None = None) -> AnalysedArticle:
    """``text`` analysed by the builtin ``spacy`` analyser (see `analyse_with`)."""
    return analyse_with("spacy", text, title=title)


class RecordedChat(ChatRequest):
    """A chat request whose replies are kept in ``replies``, for unit tests of a bot command::

        request = RecordedChat("hello", ["Ada"])
        asyncio.run(Hello(NoOptions()).run(request))
        assert request.replies == ["Hello, <b>Ada</b>!"]

    ``service`` is what the command reads briefings from (`briefing.Service`; see `run_pipeline`
    for a state file with briefings in it); a command that reads none can do without."""

    def __init__(self, command: str, args: Iterable[str] = (), *, service: Any = None,
                 chat_id: str = "42", user_id: int | None = 42, admin: bool = False) -> None:
        words = list(args)
        super().__init__(service, chat_id=chat_id, user_id=user_id, command=command, args=words,
                         text=" ".join([f"/{command}", *words]))
        self.admin = admin
        self.replies: list[str] = []

    @property
    def is_admin(self) -> bool:
        return self.admin

    async def reply(self, html_text: str) -> None:
        self.replies.append(html_text)


def extract_checked(extractor: Any, analysed: AnalysedArticle) -> list[Any]:
    """What ``extractor`` finds in one analysed article, failing unless every item's evidence
    (and that of a stakeholder's quotes) resolves to its sentence."""
    items = list(extractor.extract(analysed))
    by_id = {analysed.article.id: analysed.article}
    problems = [problem for item in items if (problem := item_problem(item, by_id))]
    if problems:
        raise AssertionError("evidence does not resolve:\n  " + "\n  ".join(problems))
    return items


def assert_provenance(briefing: Briefing) -> None:
    """Fail unless every item (and the summary) has evidence that resolves to a real sentence."""
    by_id = {article.id: article for article in briefing.articles}
    items: list[object] = [*briefing.facts, *briefing.stakeholders, *briefing.places,
                           *briefing.risks, *briefing.quotes]
    if briefing.summary is not None:
        items.append(briefing.summary)
    problems = [problem for item in items if (problem := item_problem(item, by_id))]
    if problems:
        raise AssertionError("evidence does not resolve:\n  " + "\n  ".join(problems))
