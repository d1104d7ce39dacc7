"""The bot's ``/timeline``: answered from the stored briefings, over real HTTP to a fake Bot API."""

from __future__ import annotations

import re
import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from telegram import Update

from briefing import Article, Briefing, Sentence, Service, briefing_to_dict
from briefing.core.config import load_config
from briefing.core.plugins import make_plugin_manager
from briefing.core.store import Store
from briefing.plugins.telegram.bot import build_application
from briefing.plugins.telegram.settings import bot_settings
from briefing.testing.fakebot import TOKEN, FakeBotAPI, html_problem

CONFIG = """
state: state.db
bot:
  token: {{$env: TEST_TELEGRAM_TOKEN}}
  api_url: {api_url}
  admins: [42]
  chat_interval: 0.01
briefings:
  bridge:
    title: Bridge <works> & tolls
    sources: [{{type: folder, path: articles}}]
    schedule: {{timezone: Europe/London}}
    outputs: []
  quiet:
    title: Nothing yet
    sources: [{{type: folder, path: articles}}]
    schedule: {{timezone: Europe/London}}
    outputs: []
"""


def article(article_id: str, title: str, text: str, published: datetime) -> Article:
    sentences = tuple(Sentence(i, m.start(), m.end(), m.group())
                      for i, m in enumerate(re.finditer(r"[^ .][^.]*\.", text)))
    return Article(article_id, f"https://news.example/{article_id}?a=1&b=2", title, "Bay Post",
                   published, text, sentences)


DAY_ONE = article("b1", "Council closes the bridge",
                  "The council closed the harbour bridge on Monday after engineers found cracks. "
                  "Ferries added crossings for commuters.", datetime(2024, 5, 6, 9, tzinfo=UTC))
DAY_TWO = article("b2", "Bridge tolls <doubled>",
                  "Tolls on the ring road doubled on Tuesday as traffic left the bridge. "
                  "The bridge, closed on Monday, will stay shut for a month.",
                  datetime(2024, 5, 7, 9, tzinfo=UTC))


@pytest.fixture
def fake() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as server:
        yield server


@pytest.fixture
async def app(tmp_path: Path, fake: FakeBotAPI, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Any]:
    monkeypatch.setenv("TEST_TELEGRAM_TOKEN", TOKEN)
    (tmp_path / "articles").mkdir()
    path = tmp_path / "briefings.yaml"
    path.write_text(CONFIG.format(api_url=fake.base_url), encoding="utf-8")
    plugins = make_plugin_manager(entry_points=False)
    config = load_config(path, plugins)
    store = Store(config.state_path)
    for day, articles in ((DAY_ONE.published_at, (DAY_ONE,)), (DAY_TWO.published_at, (DAY_TWO,))):
        assert day is not None
        briefing = Briefing("bridge", "Bridge <works> & tolls", day, articles)
        store.save_briefing("bridge", day.date().isoformat(), day.isoformat(),
                            briefing_to_dict(briefing, with_text=True))
    application = build_application(Service(config, plugins, store), bot_settings(config.sections))
    async with application:
        await application.start()
        yield application
        await application.stop()
    store.close()


async def say(app: Any, fake: FakeBotAPI, chat_id: int, text: str) -> list[str]:
    before = len(fake.texts(chat_id))
    message = {"message_id": 1, "date": int(time.time()), "chat": {"id": chat_id, "type": "private"},
               "from": {"id": chat_id, "is_bot": False, "first_name": "Reader"}, "text": text,
               "entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]}
    await app.process_update(Update.de_json({"update_id": 1, "message": message}, app.bot))
    return fake.texts(chat_id)[before:]


async def test_timeline_answers_from_both_stored_runs(app: Any, fake: FakeBotAPI) -> None:
    [answer] = await say(app, fake, 7, "/timeline bridge")
    assert answer.startswith("<b>Timeline: Bridge &lt;works&gt; &amp; tolls</b>")
    assert "<b>Mon 06 May 2024</b>" in answer and "<b>Tue 07 May 2024</b>" in answer
    assert answer.index("06 May") < answer.index("07 May")
    assert "closed the harbour bridge on Monday" in answer and "doubled on Tuesday" in answer
    assert "Bridge tolls &lt;doubled&gt;" in answer and 'href="https://news.example/b2?a=1&amp;b=2"' in answer
    assert html_problem(answer) is None


async def test_timeline_names_what_is_missing(app: Any, fake: FakeBotAPI) -> None:
    [unknown] = await say(app, fake, 7, "/timeline nowhere")
    assert "There is no briefing called <b>nowhere</b>" in unknown and "bridge, quiet" in unknown
    [which] = await say(app, fake, 7, "/timeline")
    assert "Which briefing?" in which
    [empty] = await say(app, fake, 7, "/timeline quiet")
    assert "There is no <b>quiet</b> briefing yet." in empty


async def test_help_lists_timeline(app: Any, fake: FakeBotAPI) -> None:
    [listing] = await say(app, fake, 7, "/help")
    assert "/timeline [NAME]" in listing
