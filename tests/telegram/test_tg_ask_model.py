"""/ask answered by a plugin first (the ``answer_question`` hook), by sentence search otherwise.

The llm plugin implements the hook when the file has ``llm: {answerer: {model: ...}}``; its
models here are scripted ones registered through llm's plugin hook (tests/llm_scripted.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from llm_scripted import Scripted, bullets, numbered, registered
from telegram import Update
from test_tg_bot import update
from tgfixtures import harbour_briefing, store_briefing, write_config

from briefing import Answer, Evidence, Service, Summary, hookimpl
from briefing.core.config import load_config
from briefing.core.plugins import make_plugin_manager
from briefing.core.store import Store
from briefing.plugins.telegram.bot import build_application
from briefing.plugins.telegram.settings import bot_settings
from briefing.testing.fakebot import FakeBotAPI, html_problem

LLM_SECTION = "llm:\n  answerer: {model: answering, timeout: 20}\n"


@pytest.fixture
async def make_app(tmp_path: Path, fake: FakeBotAPI, token_env: str,
                   monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Callable[..., Any]]:
    """Builds the bot's Application over the stored harbour briefing, with extra plugins and
    config; everything it opened is shut down after the test."""
    monkeypatch.setenv("LLM_USER_PATH", str(tmp_path / "llm-home"))
    opened: list[tuple[Any, Store]] = []

    async def make(*plugins: object, section: str = "") -> Any:
        path = write_config(tmp_path, fake.base_url, schedule="{timezone: Europe/London}")
        path.write_text(path.read_text(encoding="utf-8") + section, encoding="utf-8")
        manager = make_plugin_manager(entry_points=False, extra=plugins)
        config = load_config(path, manager)
        store = Store(config.state_path)
        store_briefing(store, harbour_briefing())
        application = build_application(Service(config, manager, store), bot_settings(config.sections))
        await application.initialize()
        opened.append((application, store))
        return application

    yield make
    for application, store in opened:
        await application.shutdown()
        store.close()


async def ask(app: Any, fake: FakeBotAPI, chat_id: int, text: str) -> list[str]:
    before = len(fake.texts(chat_id))
    await app.process_update(Update.de_json(update(chat_id, text), app.bot))
    replies = fake.texts(chat_id)[before:]
    assert all(html_problem(reply) is None for reply in replies)
    return replies


async def test_hook_answer_question(make_app: Callable[..., Any], fake: FakeBotAPI) -> None:
    seen: list[tuple[str, list[str]]] = []

    class Oracle:
        @hookimpl
        def answer_question(self, question: str, briefings: Any) -> Answer:
            seen.append((question, [b.name for b in briefings]))
            one = briefings[0].articles[0]
            return Answer((Summary("The bridge opens in 2027.",
                                   (Evidence(one.id, 1, one.sentences[1].text),)),), by="oracle")

    app = await make_app(Oracle())
    [reply] = await ask(app, fake, 21, "/ask When will the bridge open?")
    assert seen == [("When will the bridge open?", ["harbour"])]
    assert reply.startswith("From the articles (written by oracle, checked against them):\n"
                            "• The bridge opens in 2027.\n<blockquote expandable>")
    assert "“Mayor Lena Ortiz said the bridge would open in 2027.” [1: Harbour Times, " in reply
    assert 'href="https://news.example/bridge?a=1&amp;b=2"' in reply


async def test_the_model_answers_with_checked_points_and_notes_what_it_left_out(
        make_app: Callable[..., Any], fake: FakeBotAPI) -> None:
    def answering(prompt: str) -> str:
        [(opening, _)] = [(n, t) for n, t in numbered(prompt) if "open in 2027" in t]
        return bullets(("Mayor Lena Ortiz said the bridge would open in 2027.", [opening]),
                       ("The bridge will open in 2029.", [opening]))

    with registered(Scripted("answering", answering)) as (model,):
        app = await make_app(section=LLM_SECTION)
        [reply] = await ask(app, fake, 22, "/ask When will the bridge open?")
        [again] = await ask(app, fake, 22, "When will the bridge open?")
    assert reply.splitlines()[1] == "• Mayor Lena Ortiz said the bridge would open in 2027."
    assert "by answering" in reply.splitlines()[0]
    assert "2029" not in reply
    assert reply.endswith("<i>1 more point the model wrote was left out: the sentences cited do "
                          "not say it.</i>")
    assert again == reply and len(model.prompts) == 1  # asked once: the second answer is cached
    assert 'A reader asks about today\'s news briefings: "When will the bridge open?"' in model.prompts[0]


async def test_without_a_checked_point_the_bot_answers_by_search(make_app: Callable[..., Any],
                                                                 fake: FakeBotAPI) -> None:
    def unfounded(prompt: str) -> str:
        return bullets(("The bridge opens next spring.", [1]), ("Ask the mayor.", [404]))

    with registered(Scripted("answering", unfounded)):
        app = await make_app(section=LLM_SECTION)
        [reply] = await ask(app, fake, 23, "/ask When will the bridge open?")
    assert reply.startswith("From the articles:\n• “Mayor Lena Ortiz said the bridge would open in 2027.”")


async def test_a_question_the_articles_do_not_touch_asks_no_model(make_app: Callable[..., Any],
                                                                  fake: FakeBotAPI) -> None:
    with registered(Scripted("answering", lambda prompt: bullets())) as (model,):
        app = await make_app(section=LLM_SECTION)
        [reply] = await ask(app, fake, 24, "/ask what about the bananas?")
    assert "do not say" in reply and model.prompts == []
